"""The replay component: skeleton, angle plot and events on one timeline, with a time slider,
play/pause, rep-by-rep steps and a clickable event list.

Everything drawn comes from :mod:`formcheck.app.replay`; this module only lays it out and keeps
the replay's time in ``st.session_state`` (one key per replay, so a page can hold several and
other widgets can move it with :func:`jump`). It runs as a fragment: moving the slider or
playing redraws the replay only, not the page around it.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from formcheck.app import replay as draw
from formcheck.sessionfile import SessionRecording
from formcheck.specs import ExerciseSpec

PLAY_TICK_S = 0.25  # a new frame is shown this often while playing
_SEVERITY_ICON = {"error": ":red[●]", "warning": ":orange[●]", "info": ":blue[●]"}
_KIND_ICON = {"rep": ":green[▲]", "setup": ":gray[◆]"}


def _time_key(key: str) -> str:
    return f"fc_w.replay.{key}.time"


def _play_key(key: str) -> str:
    return f"fc.replay.{key}.playing"


def jump(key: str, time_s: float) -> None:
    """Moves replay ``key`` to ``time_s`` (call before the replay is drawn, e.g. in on_click)."""
    st.session_state[_time_key(key)] = float(time_s)
    st.session_state[_play_key(key)] = False


def current_time(key: str) -> float | None:
    value = st.session_state.get(_time_key(key))
    return None if value is None else float(value)


def _plot(recording: SessionRecording, spec: ExerciseSpec, key: str) -> draw.AnglePlot:
    """The angle plot, drawn once per recording and replay."""
    cache_key = f"fc.replay.{key}.plot"
    token = (recording.recorded_at, recording.frame_count, recording.exercise)
    cached = st.session_state.get(cache_key)
    if cached is None or cached[0] != token:
        cached = (token, draw.AnglePlot(recording, spec))
        st.session_state[cache_key] = cached
    plot: draw.AnglePlot = cached[1]
    return plot


def replay(recording: SessionRecording, spec: ExerciseSpec | None, key: str) -> None:
    """Shows ``recording`` as an animated skeleton with its angles and events.

    Args:
        recording: The session to replay.
        spec: Its exercise (None when this FormCheck does not know it: skeleton and events only).
        key: Names this replay's state; unique on the page.
    """
    times = recording.track.timestamp_s
    if recording.frame_count == 0:
        st.info("This session has no frames to replay.")
        return
    start, end = float(times[0]), float(times[-1])
    time_key, play_key = _time_key(key), _play_key(key)
    if not start <= st.session_state.get(time_key, start) <= end:
        st.session_state[time_key] = start
    st.session_state.setdefault(time_key, start)
    playing = bool(st.session_state.get(play_key, False))
    step = max(0.01, round(float(np.median(np.diff(times))), 2)) if len(times) > 1 else 0.1

    @st.fragment(run_every=PLAY_TICK_S if playing else None)
    def view() -> None:
        if playing and st.session_state.get(play_key):
            now = float(st.session_state[time_key]) + PLAY_TICK_S
            st.session_state[time_key] = min(now, end)
            if now >= end:
                st.session_state[play_key] = False
                st.rerun()  # the whole page: stops the ticking
        _controls(recording, key, start, end, step, playing)
        time_s = float(st.session_state[time_key])
        index = recording.frame_at(time_s)
        picture, events = st.columns([3, 2], gap="medium")
        picture.image(draw.skeleton_frame(recording, index, spec), width="stretch")
        rep = next((r for r in draw.rep_spans(recording) if r.start_s <= time_s <= r.end_s), None)
        picture.caption(
            f"{time_s:.1f} s of {end:.1f} s · frame {index + 1} of {recording.frame_count}"
            + (f" · rep {rep.number}" if rep else "")
        )
        with events:
            _event_list(recording, spec, key, time_s)
        if spec is not None:
            plot = _plot(recording, spec, key).at(time_s)
            if plot is not None:
                st.image(plot, width="stretch")
                st.caption(
                    "Green bands are counted reps, blue bands holds, dotted lines issues; "
                    "the black line is the moment shown above."
                )

    view()


def _controls(
    recording: SessionRecording, key: str, start: float, end: float, step: float, playing: bool
) -> None:
    time_key, play_key = _time_key(key), _play_key(key)
    now = float(st.session_state[time_key])
    previous = draw.neighbour_rep(recording, now, -1)
    following = draw.neighbour_rep(recording, now, 1)
    back, play, forward = st.columns(3)
    back.button(
        "Previous rep",
        key=f"fc_w.replay.{key}.prev",
        icon=":material/skip_previous:",
        disabled=previous is None,
        on_click=jump,
        args=(key, previous.start_s if previous else start),
        width="stretch",
    )
    if play.button(
        "Pause" if playing else "Play",
        key=f"fc_w.replay.{key}.play",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        width="stretch",
    ):
        if not playing and now >= end:
            st.session_state[time_key] = start
        st.session_state[play_key] = not playing
        st.rerun()  # the whole page, so the fragment ticks (or stops ticking)
    forward.button(
        "Next rep",
        key=f"fc_w.replay.{key}.next",
        icon=":material/skip_next:",
        disabled=following is None,
        on_click=jump,
        args=(key, following.start_s if following else end),
        width="stretch",
    )
    if end > start:
        st.slider("Time (s)", start, end, step=step, key=time_key, format="%.1f s")


def _event_list(
    recording: SessionRecording, spec: ExerciseSpec | None, key: str, time_s: float
) -> None:
    entries = draw.timeline_entries(recording, spec)
    st.markdown("**Events** (click to jump)")
    if not entries:
        st.caption("Nothing to list: no reps, issues or set-up problems.")
        return
    with st.container(height=320):
        for i, entry in enumerate(entries):
            icon = _KIND_ICON.get(entry.kind) or _SEVERITY_ICON.get(entry.severity, "")
            here = abs(entry.time_s - time_s) < 1e-6
            st.button(
                f"{icon} {entry.time_s:.1f} s · {entry.label}",
                key=f"fc_w.replay.{key}.event.{i}",
                on_click=jump,
                args=(key, entry.time_s),
                type="primary" if here else "tertiary",
            )
