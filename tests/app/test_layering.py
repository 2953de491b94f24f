"""Imports point one way: the core never imports Streamlit, nor do the app's logic modules."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import formcheck

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(formcheck.__path__, "formcheck.")
    # Alembic's migration scripts run inside Alembic only (env.py needs its context).
    if not m.name.startswith(("formcheck.app", "formcheck.store.migrations"))
)
APP_LOGIC = [
    "formcheck.app.safety",
    "formcheck.app.live_state",
    "formcheck.app.review",
    "formcheck.app.replay",
    "formcheck.app.programme_plan",
    "formcheck.app.rep_reference",
]


def test_core_and_app_logic_import_without_streamlit() -> None:
    modules = [*CORE, *APP_LOGIC]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'streamlit_webrtc'))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
