"""Live coaching: the webcam through streamlit-webrtc, analysed frame by frame on this machine.

A set goes: pain rating -> camera (counter or timer, one cue at a time, set-up guidance) ->
summary -> pain rating, which decides whether the next set may start. The video callback runs
on streamlit-webrtc's thread and only talks to a :class:`LiveSession`; the page polls it with
a fragment.
"""

from __future__ import annotations

import streamlit as st

from formcheck.app import camera, live_panel, live_set, programme_follow, ui
from formcheck.app.live_state import LiveSession
from formcheck.errors import FormCheckError
from formcheck.live import LiveCoach
from formcheck.specs import ExerciseSpec

MIRROR_KEY, VOICE_KEY = "fc.mirror", "fc.voice"


def _on_camera_change(flow: live_set.LiveFlow) -> None:
    """STOP pressed under the video ends the set, once the set has seen any frames."""
    session = flow.session
    if not camera.playing() and session is not None and session.state.snapshot().frames > 0:
        live_set.end_set(flow)


def _start(flow: live_set.LiveFlow, spec: ExerciseSpec, mirror: bool) -> None:
    model = ui.model_path()
    if model is None:
        return
    try:
        flow.session = LiveSession(LiveCoach(spec, model, mirror=mirror))
    except FormCheckError as exc:
        st.error(f"The camera analysis could not start: {exc}")
        return
    flow.reference = programme_follow.reference_targets(spec)
    flow.stage = "running"
    st.rerun()


def _running(flow: live_set.LiveFlow, spec: ExerciseSpec, voice: bool) -> None:
    assert flow.session is not None
    video, panel = st.columns([3, 2], gap="medium")
    with video:
        camera.camera(flow.session, on_change=lambda: _on_camera_change(flow))
        st.caption("Press START and allow the camera. Video stays on this computer.")
    with panel:
        live_panel.panel(flow.session, flow.set_number, voice, flow.reference)
    done, hurt = st.columns(2)
    done.button(
        "Finish set",
        type="primary",
        on_click=live_set.end_set,
        args=(flow,),
        icon=":material/flag:",
    )
    hurt.button(
        "Sharp pain: stop now",
        on_click=live_set.sharp_pain,
        args=(flow, spec),
        icon=":material/front_hand:",
    )


def render() -> None:
    st.title("Live coaching")
    if not ui.screening().may_exercise:
        st.info("Before your first exercise, please answer the safety questions.")
        if not ui.red_flag_questions().may_exercise:
            return
        st.rerun()  # cleared: show the exercise without the questions
    flow = live_set.current()
    if flow.stage == "stopped":
        st.error(
            flow.verdict.message if flow.verdict else "This session is stopped.",
            icon=":material/stop_circle:",
        )
        if flow.saved is not None:
            st.caption(flow.saved.message)
        return
    programme_follow.suggest_exercise()
    spec = ui.pick_exercise(disabled=flow.stage != "ready")
    if spec is None:
        return
    spec = programme_follow.programme_spec(spec)  # the patient's dose and thresholds, if any
    with st.expander("Set-up and instructions", expanded=flow.stage == "ready"):
        st.markdown(f"**Camera:** {spec.camera.setup}")
        st.markdown("\n".join(f"{i}. {s}" for i, s in enumerate(spec.instructions, 1)))
        st.markdown(f"**Dosage:** {spec.dosage.text} ({ui.dosage_line(spec)})")
    if flow.verdict is not None and flow.stage == "ready":
        st.success(flow.verdict.message)
    if flow.saved is not None and flow.stage == "ready":
        st.caption(flow.saved.message)
    mirror, voice = st.session_state.get(MIRROR_KEY, True), st.session_state.get(VOICE_KEY, False)
    if flow.stage in ("ready", "running"):  # kept across stages, where the toggles are hidden
        left, right = st.columns(2)
        disabled = flow.stage != "ready"
        mirror = left.toggle(
            "Mirror view (like a selfie)", mirror, key="fc_w.mirror", disabled=disabled
        )
        voice = right.toggle("Speak the cues", voice, key="fc_w.voice")
        st.session_state[MIRROR_KEY], st.session_state[VOICE_KEY] = mirror, voice
    if flow.stage == "ready":
        sets = spec.dosage.sets
        n = flow.set_number
        st.subheader(f"Set {n} of {sets}" if n <= sets else f"Extra set ({sets} planned, all done)")
        flow.pain_before = ui.pain_rating("Pain before the set", f"pain_before.{flow.set_number}")
        if st.button(
            "Start set",
            type="primary",
            disabled=flow.pain_before is None,
            icon=":material/play_arrow:",
        ):
            _start(flow, spec, mirror)
    elif flow.stage == "running":
        _running(flow, spec, voice)
    else:
        live_set.rating(flow, spec)
