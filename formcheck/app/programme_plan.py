"""A programme's exercise as the Live page runs it: the spec with the patient's adjustments and
the prescribed dose, and which exercise is next today. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence

from formcheck.specs.schema import DosageSpec, ExerciseSpec
from formcheck.store import PrescribedExercise, ProgressRow, apply_adjustments


def prescribed_spec(spec: ExerciseSpec, item: PrescribedExercise) -> ExerciseSpec:
    """``spec`` with the programme's threshold adjustments and its sets, reps and hold time.

    Raises:
        StoreError: an adjustment no longer fits the spec (the spec changed since).
    """
    adjusted = apply_adjustments(spec, item.adjustments)
    dosage = DosageSpec.model_validate(
        {
            **adjusted.dosage.model_dump(),
            "sets": item.sets,
            "reps": item.reps if item.reps is not None else adjusted.dosage.reps,
            "hold_s": item.hold_s if item.hold_s is not None else adjusted.dosage.hold_s,
            "per_side": adjusted.dosage.per_side if item.side is None else item.side == "both",
        }
    )
    return adjusted.model_copy(update={"dosage": dosage})


def sets_left(item: PrescribedExercise, rows: Sequence[ProgressRow]) -> int:
    """Sets of ``item`` still to do today, given today's progress rows."""
    done = next((r.sets_done for r in rows if r.exercise_id == item.exercise_id), 0)
    return max(0, item.sets - done)


def next_exercise(
    items: Sequence[PrescribedExercise], rows: Sequence[ProgressRow]
) -> PrescribedExercise | None:
    """The first exercise of the programme with sets left today (None when all are done)."""
    return next((item for item in items if sets_left(item, rows) > 0), None)
