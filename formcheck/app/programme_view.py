"""A patient's programme: shown with progress against it, and prescribed by their therapist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from formcheck.app import account, ui
from formcheck.errors import FormCheckError
from formcheck.store import (
    PrescribedExercise,
    ProgrammeInfo,
    Store,
    UserInfo,
    current_programme,
    default_prescription,
    overall_adherence,
    prescribe_programme,
    programme_progress,
)

PROGRESS_DAYS = 7
_SIDES: dict[str | None, str] = {
    None: "as the exercise says",
    "left": "left",
    "right": "right",
    "both": "both sides",
}


def parse_adjustments(text: str) -> dict[str, Any]:
    """``"reps.min_range=12; rep_rules.too_fast.when.below=2"`` as a dict of numbers.

    Raises:
        ValueError: an entry is not ``path=number``.
    """
    found: dict[str, Any] = {}
    for entry in text.replace("\n", ";").replace(",", ";").split(";"):
        if not entry.strip():
            continue
        path, sep, value = entry.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = None
        if not sep or not path.strip() or number is None:
            raise ValueError(f"{entry.strip()!r}: write path=number, e.g. reps.min_range=12")
        found[path.strip()] = int(number) if number.is_integer() else number
    return found


def format_adjustments(adjustments: dict[str, Any]) -> str:
    return "; ".join(f"{path}={value}" for path, value in adjustments.items())


def dose_line(item: PrescribedExercise) -> str:
    parts = [f"{item.sets} set{'s' if item.sets != 1 else ''}"]
    if item.reps is not None:
        parts.append(f"{item.reps} reps")
    if item.hold_s is not None:
        parts.append(f"hold {item.hold_s:g} s")
    if item.side is not None:
        parts.append(_SIDES[item.side])
    if item.adjustments:
        parts.append(f"adjusted: {format_adjustments(item.adjustments)}")
    return " · ".join(parts)


def programme_table(programme: ProgrammeInfo) -> None:
    specs = ui.exercises()
    st.markdown(
        f"From {programme.starts_on:%d %b %Y}, {programme.days_per_week} day"
        f"{'s' if programme.days_per_week != 1 else ''} a week"
        + (f"  \n*{programme.note}*" if programme.note else "")
    )
    for item in programme.exercises:
        spec = specs.get(item.exercise_id)
        st.markdown(f"- **{spec.name if spec else item.exercise_id}**: {dose_line(item)}")


def progress(store: Store, actor: UserInfo, patient_id: int) -> None:
    """The current programme and, per exercise, what was done in the last 7 days."""
    st.subheader("Programme")
    programme = account.attempt(
        lambda: current_programme(store, actor, patient_id), "The programme cannot be read"
    )
    if programme is None:
        st.caption("No programme prescribed yet.")
        return
    programme_table(programme)
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(days=PROGRESS_DAYS - 1)
    rows = account.attempt(
        lambda: programme_progress(store, actor, patient_id, start=start, end=today),
        "Progress cannot be worked out",
    )
    if not rows:
        return
    specs = ui.exercises()
    adherence = overall_adherence(rows)
    st.markdown(
        f"**Last {PROGRESS_DAYS} days**"
        + (f": {adherence:.0%} of prescribed exercise days done" if adherence is not None else "")
    )
    st.dataframe(
        [
            {
                "Exercise": specs[r.exercise_id].name if r.exercise_id in specs else r.exercise_id,
                "Days done": f"{r.days_done} of {r.days_prescribed:.1f}",
                "Sets done": f"{r.sets_done} of {r.sets_prescribed:.0f}",
                "Reps or hold": (
                    f"{r.reps_done} of {r.reps_prescribed:.0f} reps"
                    if r.reps_prescribed is not None
                    else f"{r.hold_done_s or 0:.0f} of {r.hold_prescribed_s or 0:.0f} s"
                ),
            }
            for r in rows
        ],
        hide_index=True,
    )


def _exercise_inputs(item: PrescribedExercise, counts_reps: bool, key: str) -> PrescribedExercise:
    sets, amount, side = st.columns(3)
    n_sets = sets.number_input("Sets", 1, 20, item.sets, key=f"{key}.sets")
    reps = hold = None
    if counts_reps:
        reps = amount.number_input("Reps per set", 1, 100, item.reps or 10, key=f"{key}.reps")
    else:
        hold = amount.number_input(
            "Hold (s)", 1.0, 600.0, float(item.hold_s or 10.0), key=f"{key}.hold"
        )
    chosen_side = side.selectbox(
        "Side", list(_SIDES), list(_SIDES).index(item.side), format_func=lambda s: _SIDES[s],
        key=f"{key}.side",
    )  # fmt: skip
    text = st.text_input(
        "Threshold adjustments (optional)",
        format_adjustments(item.adjustments),
        placeholder="reps.min_range=12",
        help="A dotted spec path and a number per entry, separated by ';'. "
        "Example for a smaller bridge range in week 1: reps.min_range=12",
        key=f"{key}.adjust",
    )
    try:
        adjustments = parse_adjustments(text)
    except ValueError as exc:
        st.error(f"Threshold adjustments: {exc}")
        adjustments = dict(item.adjustments)
    return PrescribedExercise(
        item.exercise_id, int(n_sets), None if reps is None else int(reps),
        None if hold is None else float(hold), chosen_side, adjustments,
    )  # fmt: skip


def prescribe(store: Store, therapist: UserInfo, patient_id: int) -> None:
    """The programme editor: starts from the current programme (or the guides' dosage)."""
    specs = ui.exercises()
    current = account.attempt(
        lambda: current_programme(store, therapist, patient_id), "The programme cannot be read"
    )
    base = {e.exercise_id: e for e in current.exercises} if current else {}
    key = f"fc_w.prescribe.{patient_id}"
    chosen = st.multiselect(
        "Exercises", sorted(specs, key=lambda i: specs[i].name), list(base),
        format_func=lambda i: specs[i].name, key=f"{key}.exercises",
    )  # fmt: skip
    items = []
    for exercise_id in chosen:
        spec = specs[exercise_id]
        with st.container(border=True):
            st.markdown(f"**{spec.name}** · guide: {spec.dosage.text}")
            item = base.get(exercise_id) or default_prescription(spec)
            items.append(_exercise_inputs(item, spec.counts_reps, f"{key}.{exercise_id}"))
    days, start = st.columns(2)
    days_per_week = days.number_input(
        "Days a week", 1, 7, current.days_per_week if current else 7, key=f"{key}.days"
    )
    starts_on = start.date_input("Starts on", dt.datetime.now(dt.UTC).date(), key=f"{key}.start")
    note = st.text_area("Note for the patient", current.note if current else "", key=f"{key}.note")
    if st.button("Save programme", type="primary", disabled=not items, key=f"{key}.save"):
        try:
            prescribe_programme(
                store, therapist, patient_id, items, days_per_week=int(days_per_week),
                starts_on=starts_on, note=note,
            )  # fmt: skip
        except FormCheckError as exc:
            st.error(f"The programme was not saved: {exc}", icon=":material/error:")
            return
        st.success("Programme saved: the patient's Live page follows it from its first day.")
