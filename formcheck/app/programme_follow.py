"""The Live page following a logged-in patient's programme: today's exercises with the sets
done, the next one picked, and the chosen exercise run at its prescribed dose and thresholds."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from formcheck.app import account, ui
from formcheck.app.programme_plan import next_exercise, prescribed_spec, sets_left
from formcheck.app.programme_view import dose_line
from formcheck.errors import FormCheckError
from formcheck.specs import ExerciseSpec
from formcheck.store import (
    ProgrammeInfo,
    ProgressRow,
    Role,
    current_programme,
    programme_progress,
)


def _today() -> tuple[ProgrammeInfo, list[ProgressRow]] | None:
    user, store = account.current_user(), None
    if user is None or user.role is not Role.PATIENT or (store := account.store()) is None:
        return None
    try:
        programme = current_programme(store, user, user.id)
        if programme is None:
            return None
        today = dt.datetime.now(dt.UTC).date()
        return programme, programme_progress(store, user, user.id, start=today, end=today)
    except FormCheckError as exc:
        st.warning(f"Your programme cannot be read: {exc}")
        return None


def suggest_exercise() -> None:
    """Picks the programme's next exercise, unless the patient already chose one."""
    today = _today()
    if today is None or st.session_state.get(ui.EXERCISE_KEY):
        return
    item = next_exercise(today[0].exercises, today[1])
    if item is not None:
        st.session_state[ui.EXERCISE_KEY] = item.exercise_id


def programme_spec(spec: ExerciseSpec) -> ExerciseSpec:
    """Shows today's programme and progress; returns ``spec`` at the prescribed dose."""
    today = _today()
    if today is None:
        return spec
    programme, rows = today
    specs = ui.exercises()
    with st.container(border=True):
        st.markdown("**Today's programme**")
        lines = []
        for item in programme.exercises:
            name = specs[item.exercise_id].name if item.exercise_id in specs else item.exercise_id
            left = sets_left(item, rows)
            mark = ":green[✓ done]" if left == 0 else f"{item.sets - left} of {item.sets} sets done"
            lines.append(f"- {name}: {dose_line(item)} · {mark}")
        st.markdown("\n".join(lines))
        if programme.note:
            st.caption(programme.note)
    prescribed = next((i for i in programme.exercises if i.exercise_id == spec.id), None)
    if prescribed is None:
        st.caption("This exercise is not in your programme; it runs at the guides' dosage.")
        return spec
    try:
        return prescribed_spec(spec, prescribed)
    except FormCheckError as exc:
        st.warning(f"Your therapist's adjustments do not fit this exercise any more: {exc}")
        return spec
