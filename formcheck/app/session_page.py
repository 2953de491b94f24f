"""One saved session: its numbers, the replay, the form flags with the therapist's verdicts,
notes and downloads. Opened from My sessions or Patients (``?session=ID``).

Who may open which session is the store's decision (:func:`formcheck.store.get_session` raises
AccessDenied); this page only shows the refusal.
"""

from __future__ import annotations

import streamlit as st

from formcheck.app import (
    account,
    flag_review,
    rep_list,
    replay_view,
    report_downloads,
    ui,
)
from formcheck.app.session_list import SESSION_PARAM
from formcheck.sessionfile import SUFFIX, SessionRecording, session_bytes
from formcheck.store import SessionDetail, UserInfo, add_note, get_session, session_recordings


def _session_id() -> int | None:
    raw = st.query_params.get(SESSION_PARAM)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _header(detail: SessionDetail) -> None:
    summary = detail.summary
    st.subheader(f"{summary.exercise_name} · {summary.started_at:%d %b %Y %H:%M} UTC")
    source = "live coaching" if summary.source.value == "live" else "uploaded video"
    st.caption(f"From {source}" + (f" ({detail.video_name})" if detail.video_name else ""))
    for warning in detail.warnings:
        st.warning(warning, icon=":material/warning:")
    a, b, c, d = st.columns(4)
    a.metric("Sets", summary.sets)
    if summary.counts_reps:
        b.metric("Reps", summary.reps)
    else:
        b.metric("Held in good form", f"{summary.hold_s:.0f} s")
    before = "-" if summary.pain_before is None else summary.pain_before
    after = "-" if summary.pain_after is None else summary.pain_after
    c.metric("Pain before → after", f"{before} → {after}")
    d.metric("Form flags", summary.flags)


def _replay(
    recordings: dict[int, SessionRecording], detail: SessionDetail
) -> tuple[int, str] | None:
    """The replay of one set (a choice when there are several); returns the set's number and
    the replay's key."""
    if not recordings:
        st.info("No movement was saved with this session, so it cannot be replayed.")
        return None
    numbers = sorted(recordings)
    number = numbers[0]
    if len(numbers) > 1:
        number = st.radio(
            "Set",
            numbers,
            horizontal=True,
            format_func=lambda n: f"Set {n}",
            key="fc_w.session.set",
        )
    recording = recordings[number]
    key = f"s{detail.id}.{number}"
    replay_view.replay(recording, ui.exercises().get(recording.exercise), key)
    st.download_button(
        "Session file (landmarks only)",
        session_bytes(recording),
        f"{recording.exercise}-{detail.summary.started_at:%Y%m%d-%H%M}-set{number}{SUFFIX}",
        "application/zip",
        icon=":material/download:",
    )
    return number, key


def _notes(detail: SessionDetail, user: UserInfo) -> None:
    st.subheader("Notes")
    for note in detail.notes:
        st.markdown(f"**{note.author_name}** · {note.written_at:%d %b %Y %H:%M} UTC  \n{note.text}")
    if not detail.notes:
        st.caption("No notes yet.")
    store = account.store()
    with st.form("fc_w.session.note", clear_on_submit=True):
        text = st.text_area("Add a note about this session", key="fc_w.session.note_text")
        if st.form_submit_button("Add note") and store is not None:
            added = account.attempt(
                lambda: add_note(
                    store, user, detail.summary.patient_id, text, session_id=detail.id
                ),
                "The note was not saved",
            )
            if added is not None:
                st.rerun()


def render() -> None:
    st.title("Session")
    user = account.require_user(doing="open a saved session")
    store = account.store()
    if user is None or store is None:
        return
    session_id = _session_id()
    if session_id is None:
        st.info("Open a session from **My sessions** (or, for a therapist, **Patients**).")
        return
    detail = account.attempt(
        lambda: get_session(store, user, session_id), "This session cannot be opened"
    )
    if detail is None:
        return
    recordings = account.attempt(
        lambda: session_recordings(store, user, session_id), "The movement cannot be replayed"
    )
    _header(detail)
    replayed = _replay(recordings or {}, detail)
    rep_list.reps(store, user, detail, replayed)
    flag_review.flags(store, user, detail, replayed)
    _notes(detail, user)
    report_downloads.session_reports(store, user, detail.id)
