"""My sessions (patients): the programme and progress against it, and every saved session."""

from __future__ import annotations

import streamlit as st

from formcheck.app import account, programme_view, report_downloads, session_list
from formcheck.store import Role, list_sessions


def render() -> None:
    st.title("My sessions")
    user = account.require_user(Role.PATIENT, doing="see your saved sessions")
    store = account.store()
    if user is None or store is None:
        return
    programme_view.progress(store, user, user.id)
    st.subheader("Sessions")
    sessions = account.attempt(
        lambda: list_sessions(store, user, user.id), "Your sessions cannot be listed"
    )
    if sessions is not None:
        session_list.session_list(sessions, "mine")
    report_downloads.range_reports(store, user, user.id)
