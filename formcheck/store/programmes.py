"""Programmes: a therapist prescribes exercises; the patient's pages follow and show progress.

Editing a programme saves a new version from a given day and ends the one before it, so past
days are still judged against what was prescribed then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from formcheck.errors import SpecError, StoreError
from formcheck.specs import ExerciseSpec, load_all_specs
from formcheck.store.access import acting_user, require_patient, require_therapist_of
from formcheck.store.adjustments import apply_adjustments
from formcheck.store.convert import programme_info, session_summary
from formcheck.store.database import Store
from formcheck.store.models import Programme, ProgrammeExercise, now_or
from formcheck.store.progress import compute_progress
from formcheck.store.records import PrescribedExercise, ProgrammeInfo, ProgressRow, UserInfo
from formcheck.store.sessions import load_sessions

SIDES = (None, "left", "right", "both")
MAX_EXERCISES = 30


def default_prescription(spec: ExerciseSpec) -> PrescribedExercise:
    """The exercise at the dosage of its guides (a starting point for the therapist)."""
    return PrescribedExercise(
        exercise_id=spec.id,
        sets=spec.dosage.sets,
        reps=spec.dosage.reps if spec.counts_reps else None,
        hold_s=spec.dosage.hold_s,
        side="both" if spec.dosage.per_side else None,
    )


def _check_exercise(item: PrescribedExercise, specs: dict[str, ExerciseSpec]) -> None:
    where = f"programme: {item.exercise_id}"
    spec = specs.get(item.exercise_id)
    if spec is None:
        raise StoreError(f"{where}: unknown exercise (known: {', '.join(sorted(specs))})")
    if not 1 <= item.sets <= 20:
        raise StoreError(f"{where}: sets must be 1-20 (got {item.sets})")
    if item.reps is not None and not 1 <= item.reps <= 100:
        raise StoreError(f"{where}: reps must be 1-100 (got {item.reps})")
    if spec.counts_reps and item.reps is None:
        raise StoreError(f"{where}: a rep exercise needs reps per set")
    if not spec.counts_reps and item.reps is not None:
        raise StoreError(f"{where}: a hold exercise takes hold_s, not reps")
    if item.hold_s is not None and not 0 < item.hold_s <= 600:
        raise StoreError(f"{where}: hold_s must be more than 0 and at most 600 (got {item.hold_s})")
    if not spec.counts_reps and item.hold_s is None:
        raise StoreError(f"{where}: a hold exercise needs hold_s (seconds per hold)")
    if item.side not in SIDES:
        raise StoreError(f"{where}: side must be left, right, both or empty (got {item.side!r})")
    apply_adjustments(spec, item.adjustments)


def _versions(db: Session, patient_id: int) -> list[Programme]:
    return list(
        db.scalars(
            select(Programme)
            .where(Programme.patient_id == patient_id)
            .options(selectinload(Programme.exercises))
            .order_by(Programme.starts_on, Programme.id)
        )
    )


def prescribe_programme(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    exercises: Sequence[PrescribedExercise],
    *,
    days_per_week: int = 7,
    starts_on: dt.date | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ProgrammeInfo:
    """Prescribes (or edits: a new version of) a patient's programme from ``starts_on``.

    The version current on ``starts_on`` ends that day; versions that would only have started
    later are replaced.

    Args:
        exercises: What to do on each exercise day, in order.
        days_per_week: Exercise days a week, 1-7.
        starts_on: First day it applies (UTC); default today.

    Raises:
        AccessDenied: ``actor`` is not this patient's therapist.
        StoreError: an exercise is unknown, a dose is out of range, an adjustment does not fit
            its spec, or the list is empty.
    """
    created = now_or(now)
    first_day = starts_on or created.date()
    if not exercises or len(exercises) > MAX_EXERCISES:
        raise StoreError(f"programme: prescribe 1 to {MAX_EXERCISES} exercises")
    if not 1 <= days_per_week <= 7:
        raise StoreError(f"programme: days_per_week must be 1-7 (got {days_per_week})")
    try:
        specs = load_all_specs()
    except SpecError as exc:
        raise StoreError(f"programme: the exercise specs cannot be loaded: {exc}") from exc
    for item in exercises:
        _check_exercise(item, specs)
    with store.transaction() as db:
        user = acting_user(db, actor)
        require_therapist_of(db, user, patient_id, "prescribe a programme")
        for version in _versions(db, patient_id):
            if version.starts_on >= first_day:
                db.delete(version)
            elif version.ends_on is None or version.ends_on > first_day:
                version.ends_on = first_day
        programme = Programme(
            patient_id=patient_id,
            therapist_id=user.id,
            starts_on=first_day,
            ends_on=None,
            days_per_week=days_per_week,
            note=note.strip(),
            created_at=created,
            exercises=[
                ProgrammeExercise(
                    position=position,
                    exercise_id=item.exercise_id,
                    sets=item.sets,
                    reps=item.reps,
                    hold_s=item.hold_s,
                    side=item.side,
                    adjustments=dict(item.adjustments),
                )
                for position, item in enumerate(exercises)
            ],
        )
        db.add(programme)
        db.flush()
        return programme_info(programme)


def programme_history(store: Store, actor: UserInfo, patient_id: int) -> list[ProgrammeInfo]:
    """Every version of the patient's programme, oldest first.

    Raises:
        AccessDenied: ``actor`` may not see this patient.
    """
    with store.transaction() as db:
        require_patient(db, acting_user(db, actor), patient_id)
        return [programme_info(p) for p in _versions(db, patient_id)]


def current_programme(
    store: Store, actor: UserInfo, patient_id: int, *, on: dt.date | None = None
) -> ProgrammeInfo | None:
    """The version in force on ``on`` (default today, UTC), or None.

    Raises:
        AccessDenied: ``actor`` may not see this patient.
    """
    day = on or dt.datetime.now(dt.UTC).date()
    found = [p for p in programme_history(store, actor, patient_id) if p.covers(day)]
    return found[-1] if found else None


def programme_progress(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ProgressRow]:
    """Done against prescribed, per exercise, over [start, end] (default: today, UTC).

    Raises:
        AccessDenied: ``actor`` may not see this patient.
        StoreError: ``end`` is before ``start``.
    """
    today = dt.datetime.now(dt.UTC).date()
    first, last = start or end or today, end or start or today
    if last < first:
        raise StoreError(f"progress: the period ends ({last}) before it starts ({first})")
    with store.transaction() as db:
        require_patient(db, acting_user(db, actor), patient_id)
        programmes = [programme_info(p) for p in _versions(db, patient_id)]
        sessions = [session_summary(s) for s in load_sessions(db, patient_id, first, last)]
    return compute_progress(programmes, sessions, first, last)
