"""The app's entry: page set-up, navigation and the disclaimer on every page."""

from __future__ import annotations

import streamlit as st

from formcheck.app import library_page, live_page, nav, review_page, safety_page, ui


def run() -> None:
    st.set_page_config(
        page_title="FormCheck", page_icon=":material/accessibility_new:", layout="wide"
    )
    current = st.navigation(
        [nav.page(p.render) for p in (safety_page, library_page, live_page, review_page)]
    )
    with st.sidebar:
        st.markdown(
            "**FormCheck** counts reps, times holds and coaches form for low-back-pain exercises."
        )
        ui.disclaimer()
    current.run()
