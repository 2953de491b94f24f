"""The live numbers beside the video (refreshed by a fragment) and the end-of-set summary."""

from __future__ import annotations

import time

import streamlit as st

from formcheck.app import voice as speech
from formcheck.app.live_state import LiveSession, LiveSnapshot
from formcheck.app.rep_reference import live_rep_line, reference_line
from formcheck.app.review import issue_timeline, rep_rows
from formcheck.engine.events import Event, Summary
from formcheck.specs import ExerciseSpec
from formcheck.store import ReferenceTargets

REFRESH_S = 0.5
NO_VIDEO_HINT_S = 10.0
_CUE_BOX = {"error": st.error, "warning": st.warning, "info": st.info}


def progress_text(spec: ExerciseSpec, snap: LiveSnapshot) -> tuple[str, str, float]:
    """(label, value, fraction of the dosage done) for the counter or the timer."""
    if spec.counts_reps:
        target = spec.dosage.reps
        value = f"{snap.reps} / {target}" if target else str(snap.reps)
        return "Reps", value, min(snap.reps / target, 1.0) if target else 0.0
    goal = spec.dosage.hold_s
    value = f"{snap.held_s:.0f} / {goal:g} s" if goal else f"{snap.held_s:.0f} s"
    return "Hold", value, min(snap.held_s / goal, 1.0) if goal else 0.0


def speed_text(snap: LiveSnapshot) -> str:
    """How the analysis keeps up, e.g. "... 14.8 of 15 fps analysed ... 0.1 s behind ..."."""
    width, height = snap.size
    skipped = 100.0 * snap.skipped / max(1, snap.skipped + snap.frames)
    return (
        f"Video {snap.stream_s:.1f} s · {width}x{height} · {snap.fps:.1f} of "
        f"{snap.camera_fps:.0f} fps analysed ({snap.frame_ms:.0f} ms a frame) · "
        f"{snap.behind_s:.1f} s behind · {skipped:.0f}% of frames skipped"
    )


def _against_reference(reference: ReferenceTargets, snap: LiveSnapshot) -> None:
    """The newest rep against the patient's reference rep (or what the reference is)."""
    line = live_rep_line(reference, snap.last_rep) if snap.last_rep is not None else None
    st.markdown(line if line is not None else f":gray[{reference_line(reference)}]")


@st.fragment(run_every=REFRESH_S)
def panel(
    session: LiveSession,
    set_number: int,
    voice: bool,
    reference: ReferenceTargets | None = None,
) -> None:
    """Counter or timer, the cue, set-up guidance and recent events, read from the session;
    with a ``reference`` rep, each new rep against it."""
    spec = session.spec
    snap = session.state.snapshot()
    label, value, done = progress_text(spec, snap)
    first, second = st.columns(2)
    first.metric(label, value)
    sets = spec.dosage.sets
    second.metric("Set", f"{set_number} of {sets}" if set_number <= sets else "extra")
    st.progress(done)
    if reference is not None and spec.counts_reps:
        _against_reference(reference, snap)
    if snap.error:
        st.error(f"Analysis stopped: {snap.error}")
    elif snap.frames == 0:
        st.info("Waiting for the camera. Press START under the video.", icon=":material/videocam:")
        if time.monotonic() - session.created_s > NO_VIDEO_HINT_S:
            st.caption(
                "No video yet? Allow the camera when the browser asks; if it was blocked "
                "(Permission denied), allow it with the camera icon in the address bar and press "
                "START. If STOP shows but nothing moves, press STOP and then START again."
            )
    elif snap.setup:
        st.warning(snap.setup, icon=":material/center_focus_weak:")
    elif snap.cue:
        _CUE_BOX.get(snap.cue_severity, st.info)(snap.cue)
    else:
        st.success("Looking good", icon=":material/thumb_up:")
    if snap.recent:
        with st.container(border=True):
            for line in reversed(snap.recent):  # newest first
                at, _, what = line.strip().partition("  ")
                st.markdown(f":gray[{at}] {what}")
    if snap.frames:
        st.caption(speed_text(snap))
    if voice and snap.cue:
        speech.speak(snap.cue, snap.cue_number)


def set_summary(spec: ExerciseSpec, summary: Summary | None, events: list[Event]) -> None:
    """What the set achieved, against the dosage, and what to work on."""
    st.subheader("Set finished")
    if summary is None:
        st.info("No video reached FormCheck during this set, so there is nothing to report.")
        return
    first, second = st.columns(2)
    if spec.counts_reps:
        target = spec.dosage.reps
        first.metric("Reps", f"{summary.reps} / {target}" if target else str(summary.reps))
    else:
        goal = spec.dosage.hold_s
        first.metric(
            "Held in good form", f"{summary.hold_s:.0f} s" + (f" / {goal:g} s" if goal else "")
        )
    second.metric("Frames judged", f"{summary.judged_fraction:.0%}")
    rows = rep_rows(events, spec)
    if rows:
        st.table(
            [{k: f"{v:.1f}" if isinstance(v, float) else v for k, v in r.items()} for r in rows]
        )
    issues = issue_timeline(events, spec)
    if issues:
        st.markdown("**To work on**")
        st.markdown(
            "\n".join(f"- {item.title} ({item.time_s:.0f} s): *{item.cue}*" for item in issues[:8])
        )
    elif summary.judged_fraction > 0:
        st.success("No form issues found.")
    for note in summary.notes:
        st.caption(note)
