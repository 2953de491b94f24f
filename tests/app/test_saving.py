"""Sets are saved as they end for a logged-in patient (with their landmarks, for replay), the
Live page follows the patient's programme, and nothing is saved without an account."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from formcheck.app import account, programme_follow, ui
from formcheck.app.programme_plan import next_exercise, prescribed_spec, sets_left
from formcheck.specs import get_spec
from formcheck.store import (
    PrescribedExercise,
    ProgressRow,
    create_account,
    get_session,
    list_sessions,
    prescribe_programme,
    record_reference_rep,
    session_recordings,
)

from .clinic import Clinic, opened
from .fakes import FakeWebRtc
from .pages import ALL_CLEAR, feed, page_test, start_set, texts


def _live_set(at: AppTest, fake: FakeWebRtc, pain_before: int, pain_after: int) -> AppTest:
    start_set(at, pain_before)
    feed(fake, 12.0)  # 3 bridges
    at.run()
    next(b for b in at.button if b.label == "Finish set").click().run()
    at.radio(key="fc_w.pain_after.1").set_value(pain_after).run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    return at


def test_a_live_set_is_saved_with_its_movement_when_it_ends(
    clinic: Clinic, fake_camera: FakeWebRtc
) -> None:
    at = page_test("live_page")
    at.session_state[account.USER_KEY] = clinic.cat
    at = _live_set(at, fake_camera, 1, 2)
    assert "Saved to My sessions." in texts(at)
    with opened(clinic) as store:
        (saved,) = list_sessions(store, clinic.cat, clinic.cat.id)
        assert (saved.exercise_id, saved.sets, saved.reps) == ("glute_bridge", 1, 3)
        assert (saved.pain_before, saved.pain_after) == (1, 2)
        recordings = session_recordings(store, clinic.cat, saved.id)
    assert list(recordings) == [1]
    recording = recordings[1]
    assert recording.source == "live" and recording.frame_count == 180
    assert recording.summary is not None and recording.summary.reps == 3
    assert recording.track.detected.all()


def test_each_live_rep_is_compared_with_the_reference_read_once_per_set(
    clinic: Clinic, fake_camera: FakeWebRtc, monkeypatch: pytest.MonkeyPatch
) -> None:
    with opened(clinic) as store:  # Ana makes Ben's first uploaded bridge his reference
        first = get_session(store, clinic.ana, clinic.ben_session).rep_rows[0]
        record_reference_rep(store, clinic.ana, first.id)
    lookups: list[str] = []
    real_lookup = programme_follow.reference_for

    def counted(*args: object) -> object:
        lookups.append(str(args[-1]))
        return real_lookup(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(programme_follow, "reference_for", counted)
    at = page_test("live_page")
    at.session_state[account.USER_KEY] = clinic.ben
    at.session_state[ui.ANSWERS_KEY] = ALL_CLEAR
    at.session_state[ui.EXERCISE_KEY] = "glute_bridge"
    at.run()
    at.radio(key="fc_w.pain_before.1").set_value(1).run()
    next(b for b in at.button if b.label == "Start set").click().run()
    assert f"Reference: range {first.range_of_motion:.0f}" in texts(at)  # before the first rep
    for seconds in (6.0, 6.0):  # the page refreshes while the reps come in
        feed(fake_camera, seconds)
        at.run()
    assert not at.exception
    assert "Rep 3 vs reference: range" in texts(at)
    assert lookups == ["glute_bridge"]  # once, as the set started: never per frame or refresh


def test_without_an_account_nothing_is_saved(clinic: Clinic, fake_camera: FakeWebRtc) -> None:
    at = _live_set(page_test("live_page"), fake_camera, 1, 1)
    assert "log in on the Account page" in texts(at)
    with opened(clinic) as store:
        assert list_sessions(store, clinic.cat, clinic.cat.id) == []


def test_the_live_page_follows_the_programme(clinic: Clinic, fake_camera: FakeWebRtc) -> None:
    with opened(clinic) as store:
        prescribe_programme(
            store,
            clinic.ana,
            clinic.cat.id,
            [
                PrescribedExercise(
                    "glute_bridge", sets=2, reps=5, adjustments={"reps.min_range": 12}
                ),
                PrescribedExercise("plank", sets=1, hold_s=20.0),
            ],
            starts_on=dt.datetime.now(dt.UTC).date(),
        )
    at = page_test("live_page")
    at.session_state[account.USER_KEY] = clinic.cat
    at.session_state[ui.ANSWERS_KEY] = ALL_CLEAR
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Today's programme" in shown and "0 of 2 sets done" in shown
    assert at.selectbox(key="fc_w.exercise").value == "glute_bridge"  # the next one to do
    at.radio(key="fc_w.pain_before.1").set_value(0).run()
    next(b for b in at.button if b.label == "Start set").click().run()
    feed(fake_camera, 12.0)
    at.run()
    assert next(m for m in at.metric if m.label == "Reps").value == "3 / 5"  # prescribed reps
    next(b for b in at.button if b.label == "Finish set").click().run()
    at.radio(key="fc_w.pain_after.1").set_value(0).run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert "1 of 2 sets done" in texts(at)


def test_an_upload_review_is_saved_once_analysed(clinic: Clinic, tmp_path: Path) -> None:
    at = AppTest.from_string(
        "from formcheck import analyze_track, get_spec\n"
        "from formcheck.app import saving\n"
        "from tests.synthetic import bridge_track\n"
        "import streamlit as st\n"
        "track = bridge_track(2, fps=15.0)\n"
        "result = analyze_track(track, get_spec('glute_bridge'), video='/tmp/x/my bridges.mp4')\n"
        "st.write(saving.save_review(result, track).message)\n",
        default_timeout=60,
    )
    at.session_state[account.USER_KEY] = clinic.cat
    at.run()
    assert "Saved to My sessions" in at.markdown[0].value
    with opened(clinic) as store:
        (saved,) = list_sessions(store, clinic.cat, clinic.cat.id)
        assert get_session(store, clinic.cat, saved.id).video_name == "my bridges.mp4"
        recordings = session_recordings(store, clinic.cat, saved.id)
    assert recordings[1].source == "upload" and recordings[1].summary.reps == 2


def _review_script(body: str) -> AppTest:
    """An AppTest of an analysed upload (2 synthetic bridges) followed by ``body``."""
    return AppTest.from_string(
        "from formcheck import analyze_track, get_spec\n"
        "from formcheck.app import patient_save, saving\n"
        "from tests.synthetic import bridge_track\n"
        "import streamlit as st\n"
        "track = bridge_track(2, fps=15.0)\n"
        "result = analyze_track(track, get_spec('glute_bridge'), video='clinic.mp4')\n" + body,
        default_timeout=60,
    )


def test_a_therapist_saves_an_upload_to_a_linked_patient_s_record(clinic: Clinic) -> None:
    at = _review_script(
        "saved = patient_save.offer(result, track, st.session_state.get('saved'))\n"
        "st.session_state['saved'] = saved\n"
        "st.write(saved.message if saved else 'nothing yet')\n"
    )
    at.session_state[account.USER_KEY] = clinic.ana
    at.run()
    picker = at.selectbox(key="fc_w.patient_save.patient")
    assert set(picker.options) == {"Ben Jones", "Cat Lee"}  # her linked patients only
    picker.set_value(clinic.cat.id)
    at.button[0].click().run()
    assert not at.exception
    assert "Saved to the patient's sessions" in at.markdown[-1].value
    assert [b.label for b in at.button] == ["Open the saved session"]  # saved once, not again
    assert [b.label for b in at.run().button] == ["Open the saved session"]
    with opened(clinic) as store:
        (saved,) = list_sessions(store, clinic.ana, clinic.cat.id)
        assert (saved.source.value, saved.reps) == ("upload", 2)
        assert list(session_recordings(store, clinic.cat, saved.id)) == [1]  # replayable


def test_a_therapist_cannot_save_an_upload_to_an_unlinked_patient(clinic: Clinic) -> None:
    with opened(clinic) as store:
        dan = create_account(store, "dan", "a long password", "patient", "Dan")
    at = _review_script(f"st.write(saving.save_review(result, track, patient_id={dan.id}).message)")
    at.session_state[account.USER_KEY] = clinic.ana
    at.run()
    assert not at.exception
    message = at.markdown[0].value
    assert message.startswith("This review was not saved:") and "not linked" in message
    with opened(clinic) as store:
        assert list_sessions(store, dan, dan.id) == []


def test_prescribed_spec_takes_the_dose_and_the_adjustments() -> None:
    spec = get_spec("glute_bridge")
    item = PrescribedExercise("glute_bridge", sets=2, reps=5, adjustments={"reps.min_range": 12})
    adjusted = prescribed_spec(spec, item)
    assert (adjusted.dosage.sets, adjusted.dosage.reps) == (2, 5)
    assert adjusted.reps is not None and adjusted.reps.min_range == 12
    assert adjusted.dosage.text == spec.dosage.text


def test_the_next_exercise_is_the_first_with_sets_left() -> None:
    items = [PrescribedExercise("glute_bridge", 2, 5), PrescribedExercise("plank", 1, None, 20.0)]
    row = ProgressRow("glute_bridge", 1, 1, 2, 2, 10, 10, None, None)
    assert sets_left(items[0], [row]) == 0 and sets_left(items[1], [row]) == 1
    assert next_exercise(items, [row]) == items[1]
    assert next_exercise(items, []) == items[0]
