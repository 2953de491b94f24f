"""Safety: the red-flag questions before exercising, how pain is checked, and this session's log."""

from __future__ import annotations

import streamlit as st

from formcheck.app import library_page, live_page, nav, ui
from formcheck.app.safety import DISCLAIMER, PAIN_RISE_STOP


def _pain_log() -> None:
    log = ui.set_log()
    if not log:
        st.caption("No sets yet in this session.")
        return
    st.dataframe(
        [
            {
                "Exercise": r.exercise,
                "Pain before": r.pain_before,
                "Pain after": "" if r.pain_after is None else r.pain_after,
                "Sharp pain": "yes" if r.sharp else "no",
                "Reps": "" if r.reps is None else r.reps,
                "Held (s)": "" if r.hold_s is None else round(r.hold_s),
                "Outcome": r.note,
            }
            for r in log
        ],
        hide_index=True,
    )


def render() -> None:
    st.title("Safety check")
    st.info(DISCLAIMER, icon=":material/info:")
    st.markdown(
        "Exercise is one of the best treatments for ordinary low back pain, but a few signs "
        "mean a doctor should check you first. Answer these before your first exercise; "
        "FormCheck keeps the answers only for this browser session."
    )
    with st.container(border=True):
        result = ui.red_flag_questions()
    if result.may_exercise:
        left, right = st.columns(2)
        if left.button("Go to live coaching", type="primary", icon=":material/videocam:"):
            nav.go(live_page.render)
        if right.button("Browse the exercises", icon=":material/menu_book:"):
            nav.go(library_page.render)

    st.subheader("Pain during exercise")
    st.markdown(
        "Before and after each set you rate your pain from 0 (none) to 10 (worst imaginable). "
        f"If it rises by **{PAIN_RISE_STOP} points or more**, or you feel **sharp pain** at any "
        "moment, the set stops and FormCheck tells you what to do. Mild aching or stretching "
        "discomfort is normal; pain spreading down a leg is not."
    )
    st.subheader("This session")
    _pain_log()
