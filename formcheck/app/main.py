"""The app's entry: page set-up, navigation and the disclaimer on every page."""

from __future__ import annotations

import streamlit as st

from formcheck.app import (
    account,
    account_page,
    library_page,
    live_page,
    my_sessions_page,
    nav,
    patients_page,
    replay_page,
    review_page,
    safety_page,
    session_page,
    ui,
)
from formcheck.store import Role


def run() -> None:
    st.set_page_config(
        page_title="FormCheck", page_icon=":material/accessibility_new:", layout="wide"
    )
    pages = [safety_page, library_page, live_page, review_page, replay_page]
    user = account.current_user()
    if user is not None:  # the records pages are for the logged-in user's role only
        pages.append(patients_page if user.role is Role.THERAPIST else my_sessions_page)
    pages += [session_page, account_page]
    current = st.navigation([nav.page(p.render) for p in pages])
    with st.sidebar:
        st.markdown(
            "**FormCheck** counts reps, times holds and coaches form for low-back-pain exercises."
        )
        if user is not None:
            st.caption(f"Logged in as {user.display_name} ({user.role.value})")
        ui.disclaimer()
    current.run()
