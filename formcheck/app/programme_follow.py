"""The Live page following a logged-in patient's programme: today's exercises with the sets
done, the next one picked, the chosen exercise run at its prescribed dose and thresholds, and
the patient's reference rep for it."""

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
    ReferenceTargets,
    Role,
    Store,
    UserInfo,
    current_programme,
    programme_progress,
    reference_for,
)


def _patient_and_store() -> tuple[UserInfo, Store] | None:
    user = account.current_user()
    if user is None or user.role is not Role.PATIENT or (store := account.store()) is None:
        return None
    return user, store


def _today() -> tuple[ProgrammeInfo, list[ProgressRow]] | None:
    found = _patient_and_store()
    if found is None:
        return None
    user, store = found
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


def reference_targets(spec: ExerciseSpec) -> ReferenceTargets | None:
    """The logged-in patient's reference rep for ``spec`` (None without one, or an account).

    Called once as a set starts: the panel compares every new rep with it without going back
    to the database."""
    found = _patient_and_store()
    if found is None or not spec.counts_reps:
        return None
    user, store = found
    try:
        return reference_for(store, user, user.id, spec.id)
    except FormCheckError as exc:
        st.warning(f"Your reference rep cannot be read, so reps are not compared with it: {exc}")
        return None
