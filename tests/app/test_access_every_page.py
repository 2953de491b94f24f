"""No page shows one patient's records to another: every page of the app, opened as the other
patient (Cat) with the address of Ben's saved session, shows nothing of Ben's.

What would give Ben away: his name, his session's video name and its form-flag wording. The
pages are taken from the navigation table, so a page added later is covered too.
"""

from __future__ import annotations

import pytest

from formcheck.app import nav

from .clinic import Clinic
from .fakes import FakeWebRtc
from .pages import open_page, texts

PAGES = sorted(module.rsplit(".", 1)[1] for module in nav._PAGES)
# Ben's upload: three bridges with sagging hips ("bridges.mp4"), each flagged.
BENS_MARKS = ("Ben Jones", "bridges.mp4", "hips stayed below")


def _everything_shown(at: object) -> str:
    """Texts, plus the labels and options of every widget (a name can hide in a select box)."""
    shown = [texts(at)]  # type: ignore[arg-type]
    for kind in ("selectbox", "radio", "multiselect", "button", "download_button", "expander"):
        for element in getattr(at, kind, []):
            shown.append(str(getattr(element, "label", "")))
            shown.extend(str(o) for o in getattr(element, "options", []) or [])
    for table in (*getattr(at, "dataframe", []), *getattr(at, "table", [])):
        shown.append(str(table.value))
    return "\n".join(shown)


@pytest.mark.parametrize("module", PAGES)
def test_another_patient_sees_nothing_of_bens_records_on_any_page(
    clinic: Clinic, fake_camera: FakeWebRtc, module: str
) -> None:
    at = open_page(module, clinic.cat, session=str(clinic.ben_session))
    assert not at.exception, (module, at.exception)
    shown = _everything_shown(at)
    leaked = [mark for mark in BENS_MARKS if mark in shown]
    assert not leaked, (module, leaked)


def test_bens_marks_are_what_his_records_look_like_on_the_pages(clinic: Clinic) -> None:
    # The check above can only fail if these marks are what Ben's records look like: his
    # session page shows the video and the flags, his therapist's patient list his name.
    session = _everything_shown(
        open_page("session_page", clinic.ben, session=str(clinic.ben_session))
    )
    assert "bridges.mp4" in session and "hips stayed below" in session
    patients = _everything_shown(open_page("patients_page", clinic.ana))
    assert "Ben Jones" in patients
