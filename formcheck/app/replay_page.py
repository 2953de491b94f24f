"""Session replay: open a session file (landmarks only) and watch it as a skeleton, with its
angles and events on one timeline. Needs no account: the file stays in this browser session."""

from __future__ import annotations

import streamlit as st

from formcheck.app import replay_view, ui
from formcheck.errors import FormCheckError
from formcheck.sessionfile import SUFFIX, SessionRecording, read_session_bytes

FILE_KEY = "fc.replay_file"


def render() -> None:
    st.title("Session replay")
    st.markdown(
        f"Open a FormCheck session file (`{SUFFIX}`): it holds the movement as body landmarks, "
        "the angles and what FormCheck found, but no video."
    )
    upload = st.file_uploader("Session file", type=[SUFFIX.lstrip(".")], key="fc_w.replay_file")
    if upload is None:
        return
    cached: tuple[str, SessionRecording] | None = st.session_state.get(FILE_KEY)
    if cached is None or cached[0] != upload.file_id:
        try:
            recording = read_session_bytes(upload.getvalue(), upload.name)
        except FormCheckError as exc:
            st.error(f"{upload.name} cannot be opened: {exc}", icon=":material/error:")
            return
        cached = (upload.file_id, recording)
        st.session_state[FILE_KEY] = cached
    recording = cached[1]
    spec = ui.exercises().get(recording.exercise)
    if spec is None:
        st.warning(
            f"This FormCheck does not know the exercise {recording.exercise!r}: the skeleton "
            "and events are shown without the angle plot."
        )
    summary = recording.summary
    st.subheader(f"{recording.exercise_name} · {recording.recorded_at:%d %b %Y %H:%M %Z}")
    if summary is not None:
        amount = f"{summary.reps} reps" if recording.rep_events else f"{summary.hold_s:.0f} s held"
        st.caption(f"{amount} · {recording.duration_s:.0f} s · {recording.source}")
    replay_view.replay(recording, spec, "file")
