"""A list of sessions with a button to open each (shared by My sessions and Patients)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from formcheck.app import nav
from formcheck.store import SessionSummary

SESSION_PARAM = "session"


def _amount(session: SessionSummary) -> str:
    if session.counts_reps:
        return f"{session.reps} reps"
    return f"{session.hold_s:.0f} s held"


def _pain(session: SessionSummary) -> str:
    before = "-" if session.pain_before is None else session.pain_before
    after = "-" if session.pain_after is None else session.pain_after
    return f"pain {before} → {after}"


def open_session(session_id: int) -> None:
    """Switches to the session page showing ``session_id``."""
    from formcheck.app import session_page  # the page imports this module's parameter name

    st.switch_page(nav.page(session_page.render), query_params={SESSION_PARAM: str(session_id)})


def session_list(sessions: Sequence[SessionSummary], key: str) -> None:
    """One row per session, newest first: when, exercise, sets, reps or hold, pain, flags."""
    if not sessions:
        st.caption("No sessions saved yet.")
        return
    for session in sessions:
        with st.container(border=True):
            words, action = st.columns([5, 1], vertical_alignment="center")
            words.markdown(
                f"**{session.exercise_name}** · {session.started_at:%d %b %Y %H:%M} UTC · "
                f"{session.source.value}  \n"
                f"{session.sets} set{'s' if session.sets != 1 else ''} · {_amount(session)} · "
                f"{_pain(session)} · {session.flags} form flag{'s' if session.flags != 1 else ''}"
            )
            if action.button(
                "Open", key=f"fc_w.{key}.open.{session.id}", icon=":material/open_in_new:"
            ):
                open_session(session.id)
