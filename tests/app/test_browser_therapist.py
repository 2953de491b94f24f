"""The therapist's workflow in a real browser: log in, open a patient's session, replay it and
overrule a form flag; the verdict is checked in the database and on the page.

The database is a temporary SQLite file (``FORMCHECK_DB_URL``) seeded with a therapist, two
linked patients and one analysed session of three synthetic bridges with its landmarks (see
``clinic.py``). Skipped for the same reasons as ``test_browser.py`` (no Chromium, Playwright or
../shared); screenshots go where that test's go.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from formcheck.store import Verdict, get_session

from ..conftest import ROOT
from .clinic import PASSWORD, Clinic, opened, seed_clinic

# Importing the browser test applies its skip rules here too (before Playwright is needed), and
# shares its server, browser launch and screenshot folder (the ``shots`` fixture).
from .test_browser import (  # noqa: F401
    VIEWPORT,
    Browser,
    Page,
    _launch,
    expect,
    serve,
    shots,
    sync_playwright,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    folder = tmp_path_factory.mktemp("clinic")
    return seed_clinic(f"sqlite:///{folder / 'formcheck.db'}")


@pytest.fixture(scope="module")
def clinic_url(clinic: Clinic, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FORMCHECK_DB_URL", clinic.url)
        log = tmp_path_factory.mktemp("server") / "streamlit.log"
        with serve(ROOT / "app.py", log) as url:
            yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        yield browser
        browser.close()


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/account")
    expect(page.locator("h1")).to_have_text("Account", timeout=60_000)
    page.get_by_label("Username").first.fill(username)
    page.get_by_label("Password").first.fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Logged in as").first).to_be_visible(timeout=30_000)


def test_therapist_replays_a_session_and_overrules_a_flag(
    chromium: Browser,
    clinic_url: str,
    clinic: Clinic,
    shots: Path,  # noqa: F811
) -> None:
    page = chromium.new_page(viewport=VIEWPORT)
    try:
        _log_in(page, clinic_url, "ana")
        # Navigate inside the app (a fresh page load would be a new, logged-out session).
        page.get_by_role("link", name="Patients").click()
        expect(page.locator("h1")).to_have_text("Patients", timeout=30_000)
        expect(page.get_by_text("Glute bridge").first).to_be_visible(timeout=30_000)
        page.screenshot(path=shots / "therapist_patients.png", full_page=True)
        page.locator('[data-testid="stButton"] button', has_text="Open").first.click()
        expect(page.locator("h1")).to_have_text("Session", timeout=30_000)
        expect(page.get_by_role("heading", name="Form flags")).to_be_visible(timeout=30_000)

        # The replay: rep by rep, then a click on an event in the list.
        caption = page.get_by_text(re.compile(r"^[\d.]+ s of [\d.]+ s · frame"))
        expect(caption).to_contain_text("0.0 s of", timeout=30_000)
        page.get_by_role("button", name="Next rep").click()
        expect(caption).to_contain_text("rep 1", timeout=20_000)
        page.get_by_role("button", name="Next rep").click()
        expect(caption).to_contain_text("rep 2", timeout=20_000)
        page.get_by_role("button", name=re.compile("Rep 3: At the top")).click()
        expect(caption).to_contain_text("9.8 s of", timeout=20_000)
        page.get_by_role("button", name="Play").click()
        expect(caption).not_to_contain_text("9.8 s of", timeout=20_000)  # it plays on
        page.get_by_role("button", name="Pause").click()
        page.screenshot(path=shots / "therapist_replay.png", full_page=True)

        # Overrule the second flag with a note.
        flag_id = clinic.flag_ids[1]
        card = page.locator(f".st-key-fc_flag_{flag_id}")
        expect(card).to_contain_text("Not reviewed yet")
        card.get_by_label("Note (optional)").fill("Hips are fine for week 1")
        card.get_by_role("button", name="Overrule").click()
        expect(card).to_contain_text("Overruled by Ana Silva", timeout=20_000)
        expect(card).to_contain_text("Hips are fine for week 1")
        assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=shots / "therapist_overruled.png", full_page=True)
    except Exception:
        page.screenshot(path=shots / "therapist_failure.png", full_page=True)
        print(f"\npage at failure:\n{page.locator('body').inner_text()}", file=sys.stderr)
        raise
    finally:
        page.close()

    with opened(clinic) as store:
        flags = {e.id: e for e in get_session(store, clinic.ana, clinic.ben_session).events}
    assert flags[flag_id].verdict is Verdict.OVERRULED
    review = flags[flag_id].reviews[-1]
    assert (review.reviewer_name, review.note) == ("Ana Silva", "Hips are fine for week 1")
    assert [f.verdict for i, f in flags.items() if i != flag_id] == [None, None]


def test_logged_out_a_session_address_shows_nothing_of_it(
    chromium: Browser, clinic_url: str, clinic: Clinic
) -> None:
    page = chromium.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{clinic_url}/session?session={clinic.ben_session}")
        expect(page.locator("h1")).to_have_text("Session", timeout=60_000)
        expect(page.get_by_text("Log in (or sign up)")).to_be_visible(timeout=30_000)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "Glute bridge" not in body and "Form flags" not in body
    finally:
        page.close()
