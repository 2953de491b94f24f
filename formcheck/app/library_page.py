"""Exercise library: every exercise with its instructions, dosage, camera position and safety notes."""

from __future__ import annotations

import streamlit as st

from formcheck.app import live_page, nav, ui
from formcheck.specs import ExerciseSpec

_VIEW_WORDS = {"side": "side-on", "front": "facing the camera", "any": "any angle"}


def _card(spec: ExerciseSpec) -> None:
    with st.container(border=True):
        st.subheader(spec.name, anchor=spec.id)
        mode = "counts reps" if spec.counts_reps else "times the hold"
        st.caption(
            f"{spec.category.title()} · FormCheck {mode} · filmed {_VIEW_WORDS[spec.camera.view.value]}"
        )
        how, plan = st.columns([3, 2], gap="large")
        with how:
            st.markdown("**How to do it**")
            st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(spec.instructions, 1)))
        with plan:
            st.markdown("**Dosage**")
            st.markdown(f"{spec.dosage.text}  \n:gray[{ui.dosage_line(spec)}]")
            st.markdown("**Camera**")
            st.markdown(spec.camera.setup)
        if spec.safety:
            st.warning(
                "**Safety**\n" + "\n".join(f"- {note}" for note in spec.safety),
                icon=":material/health_and_safety:",
            )
        if st.button("Practise live", key=f"fc_w.practise.{spec.id}", icon=":material/videocam:"):
            st.session_state[ui.EXERCISE_KEY] = spec.id
            nav.go(live_page.render)


def render() -> None:
    st.title("Exercise library")
    st.markdown(
        "Gentle exercises for low back pain, as physiotherapy guides teach them. Start with few "
        "repetitions and build up; mild discomfort is normal, sharp pain is a signal to stop."
    )
    specs = ui.exercises()
    if not specs:
        st.info("No exercises are available.")
        return
    categories = sorted({s.category for s in specs.values()})
    shown = st.pills(
        "Show",
        ["all", *categories],
        default="all",
        key="fc_w.library_filter",
        format_func=str.title,
    )
    for spec in sorted(specs.values(), key=lambda s: (s.category, s.name)):
        if shown in (None, "all", spec.category):
            _card(spec)
    ui.disclaimer()
