"""Exercise library: every exercise with its instructions, dosage, camera position and safety notes."""

from __future__ import annotations

import typing

import streamlit as st

from formcheck.app import live_page, nav, ui
from formcheck.specs import ExerciseSpec

_VIEW_WORDS = {"side": "filmed side-on", "front": "filmed facing the camera", "any": "any angle"}
# Categories in the order a programme usually goes: loosen, stretch, strengthen, then daily life.
_CATEGORIES: tuple[str, ...] = typing.get_args(ExerciseSpec.model_fields["category"].annotation)


def _card(spec: ExerciseSpec) -> None:
    with st.container(border=True):
        st.subheader(spec.name, anchor=spec.id)
        mode = "counts reps" if spec.counts_reps else "times the hold"
        st.caption(
            f"{spec.category.title()} · FormCheck {mode} · "
            + " or ".join(_VIEW_WORDS[v.value] for v in (spec.camera.view, *spec.camera.also))
        )
        st.markdown(f"**Dosage:** {spec.dosage.text}  \n:gray[{ui.dosage_line(spec)}]")
        st.markdown(f"**Camera:** {spec.camera.setup}")
        with st.expander("How to do it", expanded=False):
            st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(spec.instructions, 1)))
        if spec.safety:
            st.warning(
                "\n".join(f"- {note}" for note in spec.safety), icon=":material/health_and_safety:"
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
    present = [c for c in _CATEGORIES if any(s.category == c for s in specs.values())]
    shown = st.pills(
        "Show", ["all", *present], default="all", key="fc_w.library_filter", format_func=str.title
    )
    chosen = [
        s
        for s in sorted(specs.values(), key=lambda s: (_CATEGORIES.index(s.category), s.name))
        if shown in (None, "all", s.category)
    ]
    for start in range(0, len(chosen), 2):
        for column, spec in zip(st.columns(2), chosen[start : start + 2], strict=False):
            with column:
                _card(spec)
    ui.disclaimer()
