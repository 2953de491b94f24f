"""Live coaching: the webcam through streamlit-webrtc, analysed frame by frame on this machine.

A set goes: pain rating -> camera (counter or timer, one cue at a time, set-up guidance) ->
summary -> pain rating, which decides whether the next set may start. The video callback runs
on streamlit-webrtc's thread and only talks to a :class:`LiveSession`; the page polls it with
a fragment.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

import av
import numpy as np
import streamlit as st
from streamlit_webrtc import WebRtcMode, webrtc_streamer
from streamlit_webrtc.config import Translations

from formcheck.app import live_panel, ui
from formcheck.app.live_state import LiveSession
from formcheck.app.safety import PainVerdict, SetRecord, judge_pain
from formcheck.engine.events import Event, Summary
from formcheck.errors import FormCheckError
from formcheck.live import LiveCoach
from formcheck.specs import ExerciseSpec

FLOW_KEY = "fc.live"
MIRROR_KEY, VOICE_KEY = "fc.mirror", "fc.voice"
WEBRTC_KEY = "fc-live-camera"  # streamlit-webrtc owns st.session_state[WEBRTC_KEY]
# JSON list of ICE servers (STUN/TURN) for use over a network; none are needed on localhost.
ICE_SERVERS_ENV = "FORMCHECK_ICE_SERVERS"
CAMERA_WORDS: Translations = {
    "device_ask_permission": "Allow FormCheck to use your camera (the video stays on this computer)",
    "device_access_denied": "The camera is blocked: allow it with the camera icon in the address bar",
    "media_api_not_available": "This browser cannot open a camera here: use localhost or https://",
}
CAMERA = {"width": {"ideal": 640}, "height": {"ideal": 480}, "frameRate": {"ideal": 15, "max": 15}}


@dataclass
class LiveFlow:
    stage: Literal["ready", "running", "rating", "stopped"] = "ready"
    set_number: int = 1
    pain_before: int | None = None
    session: LiveSession | None = None
    events: list[Event] = field(default_factory=list)
    verdict: PainVerdict | None = None


def _flow() -> LiveFlow:
    flow: LiveFlow = st.session_state.setdefault(FLOW_KEY, LiveFlow())
    return flow


def video_callback(
    session: LiveSession,
) -> Callable[[list[av.VideoFrame]], Awaitable[list[av.VideoFrame]]]:
    """The adapter streamlit-webrtc calls on its own thread with the frames that arrived since
    the last call: the newest is analysed, older ones are counted as skipped."""

    async def callback(frames: list[av.VideoFrame]) -> list[av.VideoFrame]:
        newest = frames[-1]
        rgb = np.asarray(newest.to_ndarray(format="rgb24"), dtype=np.uint8)
        shown = session.process(rgb, newest.time, skipped=len(frames) - 1)
        return [av.VideoFrame.from_ndarray(shown, format="rgb24")]

    return callback


def _ice_servers() -> list[dict[str, object]]:
    """STUN/TURN servers from the environment; none on localhost (a default public STUN server
    that cannot be reached stalls the connection for ~40 s)."""
    text = os.environ.get(ICE_SERVERS_ENV) or "[]"
    try:
        servers = json.loads(text)
    except json.JSONDecodeError as exc:
        st.warning(f"{ICE_SERVERS_ENV} is not valid JSON ({exc}); using no ICE servers.")
        return []
    if not isinstance(servers, list):
        st.warning(f"{ICE_SERVERS_ENV} must be a JSON list of servers; using none.")
        return []
    return servers


def _end_set(flow: LiveFlow) -> None:
    if flow.session is not None:
        flow.events = flow.session.finish()
    flow.stage = "rating"


def _sharp_pain(flow: LiveFlow, spec: ExerciseSpec) -> None:
    _end_set(flow)
    flow.verdict = judge_pain(0, 0, sharp=True)
    ui.set_log().append(
        SetRecord(
            spec.name, flow.pain_before or 0, None, True, None, None, True, "stopped: sharp pain"
        )
    )
    flow.stage = "stopped"


def _on_camera_change(flow: LiveFlow) -> None:
    """STOP pressed under the video ends the set, once the set has seen any frames."""
    context = st.session_state.get(WEBRTC_KEY)
    session = flow.session
    playing = context is not None and context.state.playing
    if not playing and session is not None and session.state.snapshot().frames > 0:
        _end_set(flow)


def _start(flow: LiveFlow, spec: ExerciseSpec, mirror: bool) -> None:
    model = ui.model_path()
    if model is None:
        return
    try:
        flow.session = LiveSession(LiveCoach(spec, model, mirror=mirror))
    except FormCheckError as exc:
        st.error(f"The camera analysis could not start: {exc}")
        return
    flow.stage = "running"
    st.rerun()


def _running(flow: LiveFlow, spec: ExerciseSpec, voice: bool) -> None:
    assert flow.session is not None
    video, panel = st.columns([3, 2], gap="medium")
    with video:
        webrtc_streamer(
            key=WEBRTC_KEY,
            mode=WebRtcMode.SENDRECV,
            rtc_configuration={"iceServers": _ice_servers()},
            media_stream_constraints={"video": CAMERA, "audio": False},
            queued_video_frames_callback=video_callback(flow.session),
            video_html_attrs={"autoPlay": True, "muted": True, "style": {"width": "100%"}},
            on_change=lambda: _on_camera_change(flow),
            translations=CAMERA_WORDS,
        )
        st.caption("Press START and allow the camera. Video stays on this computer.")
    with panel:
        live_panel.panel(flow.session, flow.set_number, voice)
    done, hurt = st.columns(2)
    done.button(
        "Finish set", type="primary", on_click=_end_set, args=(flow,), icon=":material/flag:"
    )
    hurt.button(
        "Sharp pain: stop now",
        on_click=_sharp_pain,
        args=(flow, spec),
        icon=":material/front_hand:",
    )


def _rating(flow: LiveFlow, spec: ExerciseSpec) -> None:
    summary = next((e for e in reversed(flow.events) if isinstance(e, Summary)), None)
    live_panel.set_summary(spec, summary, flow.events)
    st.markdown("**How is your pain now?**")
    after = ui.pain_rating("Pain after the set", f"pain_after.{flow.set_number}")
    sharp = st.checkbox("I felt sharp pain during the set", key=f"fc_w.sharp.{flow.set_number}")
    if st.button("Save", type="primary", disabled=after is None) and after is not None:
        before = flow.pain_before or 0
        verdict = judge_pain(before, after, sharp=sharp)
        flow.verdict = verdict
        ui.set_log().append(
            SetRecord(
                spec.name,
                before,
                after,
                sharp,
                summary.reps if summary and spec.counts_reps else None,
                summary.hold_s if summary and not spec.counts_reps else None,
                verdict.stop,
                "stopped" if verdict.stop else "ok",
            )
        )
        if verdict.stop:
            flow.stage = "stopped"
        else:
            last = flow.set_number >= spec.dosage.sets
            rest = f"Rest {spec.dosage.rest_s:g} s before the next set."
            done = "That completes today's sets: well done."
            flow.verdict = PainVerdict(False, f"{verdict.message} {done if last else rest}")
            flow.set_number += 1
            flow.stage, flow.pain_before, flow.session = "ready", None, None
        st.rerun()


def render() -> None:
    st.title("Live coaching")
    if not ui.screening().may_exercise:
        st.info("Before your first exercise, please answer the safety questions.")
        if not ui.red_flag_questions().may_exercise:
            return
        st.rerun()  # cleared: show the exercise without the questions
    flow = _flow()
    if flow.stage == "stopped":
        st.error(
            flow.verdict.message if flow.verdict else "This session is stopped.",
            icon=":material/stop_circle:",
        )
        return
    spec = ui.pick_exercise(disabled=flow.stage != "ready")
    if spec is None:
        return
    with st.expander("Set-up and instructions", expanded=flow.stage == "ready"):
        st.markdown(f"**Camera:** {spec.camera.setup}")
        st.markdown("\n".join(f"{i}. {s}" for i, s in enumerate(spec.instructions, 1)))
        st.markdown(f"**Dosage:** {spec.dosage.text} ({ui.dosage_line(spec)})")
    if flow.verdict is not None and flow.stage == "ready":
        st.success(flow.verdict.message)
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
        _rating(flow, spec)
