"""Streamlit's AppTest on the pages that need no video: library, safety gate, pain checks, and
the live page driven through its real frame callback by a replayed synthetic track."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from formcheck.app import live_page, ui, voice
from formcheck.app.safety import RED_FLAGS
from formcheck.specs import load_all_specs

from ..synthetic import bridge_track
from .fakes import FakeWebRtc, replay_factory
from .pages import ALL_CLEAR, TIMEOUT_S, feed, page_test, start_set, texts

ROOT = Path(__file__).resolve().parents[2]


def test_app_opens_on_the_safety_check() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Safety check"]
    assert "not medical advice" in texts(at)


def test_library_lists_every_exercise_with_dosage_camera_and_safety() -> None:
    at = page_test("library_page").run()
    assert not at.exception
    shown = texts(at)
    specs = load_all_specs()
    assert specs
    assert {s.value for s in at.subheader} >= {spec.name for spec in specs.values()}
    for spec in specs.values():
        assert spec.dosage.text in shown, spec.id
        assert spec.camera.setup in shown, spec.id
        for step in spec.instructions:
            assert step in shown, spec.id
        for note in spec.safety:
            assert note in shown, spec.id


@pytest.mark.parametrize(
    ("flag", "words"),
    [("numbness", "see a doctor"), ("trauma", "see a doctor"), ("bladder", "urgently")],
)
def test_a_yes_to_any_red_flag_stops_before_exercise(flag: str, words: str) -> None:
    at = page_test("safety_page").run()
    at.radio(key=f"fc_w.flag.{flag}").set_value("Yes").run()
    assert words in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Go to live coaching"]
    # The live page stays closed too: the questions again, no set to start.
    at = page_test("live_page")
    at.session_state[ui.ANSWERS_KEY] = {**ALL_CLEAR, flag: True}
    at.run()
    assert words in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Start set"]


def test_all_no_opens_the_live_page(fake_camera: FakeWebRtc) -> None:
    at = page_test("live_page").run()
    assert not [b for b in at.button if b.label == "Start set"]
    for flag in RED_FLAGS:
        at.radio(key=f"fc_w.flag.{flag.id}").set_value("No").run()
    assert not at.exception
    start = next(b for b in at.button if b.label == "Start set")
    assert start.disabled  # until the pain before the set is rated


def test_live_page_counts_reps_from_the_frame_callback(fake_camera: FakeWebRtc) -> None:
    at = start_set(page_test("live_page"), pain_before=2)
    call = fake_camera.calls[-1]
    assert call["rtc_configuration"] == {"iceServers": []}  # localhost: no outside server
    assert call["media_stream_constraints"]["audio"] is False
    feed(fake_camera, 12.0)  # 1.5 s rest + 3 reps of 3 s + 1.5 s rest
    at.run()
    reps = next(m for m in at.metric if m.label == "Reps")
    assert reps.value == "3 / 10"
    next(b for b in at.button if b.label == "Finish set").click().run()
    assert "Set finished" in [s.value for s in at.subheader]
    assert len(at.table) == 1 and len(at.table[0].value) == 3  # one row per rep


def test_pain_rise_of_two_stops_the_set(fake_camera: FakeWebRtc) -> None:
    at = start_set(page_test("live_page"), pain_before=2)
    next(b for b in at.button if b.label == "Finish set").click().run()
    at.radio(key="fc_w.pain_after.1").set_value(4).run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    assert "pain rose from 2 to 4" in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Start set"]
    log = at.session_state[ui.SETS_KEY]
    assert [(r.pain_before, r.pain_after, r.stopped) for r in log] == [(2, 4, True)]


def test_small_pain_change_lets_the_next_set_start(fake_camera: FakeWebRtc) -> None:
    at = start_set(page_test("live_page"), pain_before=2)
    next(b for b in at.button if b.label == "Finish set").click().run()
    at.radio(key="fc_w.pain_after.1").set_value(3).run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.error
    assert [s.value for s in at.subheader][-1].startswith(("Set 2 of", "Extra set"))
    assert "fine to carry on" in at.success[0].value
    assert any(b.label == "Start set" for b in at.button)


def test_sharp_pain_stops_the_set_at_once(fake_camera: FakeWebRtc) -> None:
    at = start_set(page_test("live_page"), pain_before=1)
    next(b for b in at.button if b.label == "Sharp pain: stop now").click().run()
    assert "sharp pain" in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.label in ("Start set", "Finish set")]


def test_cues_are_spoken_once_each_when_voice_is_on(
    fake_camera: FakeWebRtc, monkeypatch: pytest.MonkeyPatch
) -> None:
    spoken: list[tuple[str, int]] = []
    monkeypatch.setattr(voice, "speak", lambda text, number: spoken.append((text, number)))
    monkeypatch.setattr(
        live_page, "LiveCoach", replay_factory(bridge_track(3, fps=15.0, top_hip_line_deg=-24.0))
    )
    at = page_test("live_page")
    at.session_state[ui.ANSWERS_KEY] = ALL_CLEAR
    at.session_state[ui.EXERCISE_KEY] = "glute_bridge"
    at.run()
    at.toggle(key="fc_w.voice").set_value(True).run()
    at = start_set(at, pain_before=0)
    feed(fake_camera, 12.0)
    at.run()
    assert spoken, "a cue was shown but not spoken"
    text, number = spoken[-1]
    assert text == next(e.value for e in (*at.warning, *at.info, *at.error) if e.value == text)
    at.run()  # the same cue again: the page passes the same number, so it is spoken once
    assert spoken[-1] == (text, number)


def test_speech_page_speaks_the_text_and_cannot_be_broken_out_of() -> None:
    html = voice.speech_html("Keep </script><b>going", 7)
    assert "speechSynthesis" in html and "cue 7" in html
    assert "</script><b>" not in html
