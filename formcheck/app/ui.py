"""Streamlit pieces the pages share: cached model and specs, the safety questions, pain ratings.

Session keys live under ``fc.`` (widgets under ``fc_w.``); streamlit-webrtc owns its own key.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from formcheck.app.safety import (
    DISCLAIMER,
    PAIN_SCALE,
    RED_FLAGS,
    Screening,
    ScreeningResult,
    SetRecord,
    screen,
)
from formcheck.errors import FormCheckError
from formcheck.pose.model import resolve_model
from formcheck.specs import ExerciseSpec, load_all_specs

ANSWERS_KEY = "fc.red_flags"
EXERCISE_KEY = "fc.exercise"
SETS_KEY = "fc.sets"
_YES_NO = ("No", "Yes")


@st.cache_resource(show_spinner="Loading the pose model...")
def _model() -> Path:
    return resolve_model(progress=False)


def model_path() -> Path | None:
    """The pose model (resolved once per server), or None after showing why it is missing."""
    try:
        return _model()
    except FormCheckError as exc:
        st.error(f"The pose model is not available, so nothing can be analysed.\n\n{exc}")
        return None


@st.cache_resource(show_spinner=False)
def _specs() -> dict[str, ExerciseSpec]:
    return load_all_specs()


def exercises() -> dict[str, ExerciseSpec]:
    """Every exercise spec by id (empty after showing the error if a spec is broken)."""
    try:
        return _specs()
    except FormCheckError as exc:
        st.error(f"The exercise library could not be loaded: {exc}")
        return {}


def pick_exercise(*, disabled: bool = False) -> ExerciseSpec | None:
    """A select box of exercises; the choice is shared by the Live and Upload pages."""
    specs = exercises()
    if not specs:
        return None
    ids = sorted(specs, key=lambda i: specs[i].name)
    chosen = st.session_state.get(EXERCISE_KEY)
    index = ids.index(chosen) if chosen in ids else 0
    picked = st.selectbox(
        "Exercise",
        ids,
        index=index,
        format_func=lambda i: specs[i].name,
        disabled=disabled,
        key="fc_w.exercise",
    )
    st.session_state[EXERCISE_KEY] = picked
    return specs[picked]


def dosage_line(spec: ExerciseSpec) -> str:
    d = spec.dosage
    target = f"{d.reps} reps" if spec.counts_reps and d.reps else None
    if not spec.counts_reps and d.hold_s:
        target = f"hold {d.hold_s:g} s"
    parts = [f"{d.sets} set{'s' if d.sets > 1 else ''}"]
    if target:
        parts.append(target)
    if d.per_side:
        parts.append("each side")
    parts.append(f"rest {d.rest_s:g} s between sets")
    return " · ".join(parts)


def disclaimer() -> None:
    st.caption(DISCLAIMER)


def screening() -> ScreeningResult:
    """The red-flag verdict from this session's answers so far."""
    answers: dict[str, bool | None] = st.session_state.get(ANSWERS_KEY, {})
    return screen(answers)


def red_flag_questions() -> ScreeningResult:
    """Asks the red-flag questions (answers kept for the session) and shows the verdict."""
    answers: dict[str, bool | None] = dict(st.session_state.get(ANSWERS_KEY, {}))
    st.markdown("**Do any of these apply to you today?**")
    for flag in RED_FLAGS:
        previous = answers.get(flag.id)
        choice = st.radio(
            flag.question,
            _YES_NO,
            index=None if previous is None else int(previous),
            horizontal=True,
            key=f"fc_w.flag.{flag.id}",
        )
        answers[flag.id] = None if choice is None else choice == "Yes"
    st.session_state[ANSWERS_KEY] = answers
    result = screen(answers)
    if result.status is Screening.URGENT:
        st.error(result.message, icon=":material/emergency:")
    elif result.status is Screening.SEE_DOCTOR:
        st.error(result.message, icon=":material/stop_circle:")
    elif result.status is Screening.CLEAR:
        st.success(result.message, icon=":material/check_circle:")
    else:
        st.caption(result.message)
    return result


def pain_rating(label: str, key: str) -> int | None:
    """A 0-10 pain rating with no default (the person must choose)."""
    value = st.radio(
        label,
        PAIN_SCALE,
        index=None,
        horizontal=True,
        key=f"fc_w.{key}",
        help="0 = no pain, 10 = the worst pain you can imagine",
    )
    return None if value is None else int(value)


def set_log() -> list[SetRecord]:
    log: list[SetRecord] = st.session_state.setdefault(SETS_KEY, [])
    return log
