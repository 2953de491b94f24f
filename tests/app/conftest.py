"""App fixtures: a seeded session store the pages open, and a replayed camera for the Live page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from formcheck.app import camera, live_page, ui

from ..synthetic import bridge_track
from .clinic import Clinic, seed_clinic
from .fakes import FakeWebRtc, replay_factory


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Clinic]:
    """The seeded clinic (see clinic.py), in the database the app opens ($FORMCHECK_DB_URL)."""
    url = f"sqlite:///{tmp_path / 'formcheck.db'}"
    seeded = seed_clinic(url)
    monkeypatch.setenv("FORMCHECK_DB_URL", url)
    yield seeded


@pytest.fixture
def fake_camera(monkeypatch: pytest.MonkeyPatch) -> FakeWebRtc:
    """streamlit-webrtc's component replaced by a recorder; the coach replays 3 synthetic
    bridges; a dummy model path (the replay needs no model)."""
    fake = FakeWebRtc()
    monkeypatch.setattr(camera, "webrtc_streamer", fake)
    monkeypatch.setattr(live_page, "LiveCoach", replay_factory(bridge_track(3, fps=15.0)))
    monkeypatch.setattr(ui, "model_path", lambda: Path("replay"))
    return fake
