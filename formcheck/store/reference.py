"""Reference reps: one good rep sets a patient's targets (range, tempo); later reps compare.

The therapist (or the patient, in clinic) picks a saved rep as the reference. Its range of
motion and timing become that patient's targets for the exercise; a later rep is on target
within :data:`RANGE_TOLERANCE` of the range and :data:`TEMPO_TOLERANCE` of the duration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from formcheck.errors import NotFound, StoreError
from formcheck.store.access import acting_user, require_patient
from formcheck.store.convert import reference_targets
from formcheck.store.database import Store
from formcheck.store.models import ReferenceRep, Rep, now_or
from formcheck.store.records import ReferenceTargets, RepComparison, UserInfo

# A rep within 10% of the reference range, and 30% of its duration, is on target.
RANGE_TOLERANCE = 0.10
TEMPO_TOLERANCE = 0.30


def _rep_and_patient(db: Session, rep_id: int) -> tuple[Rep, int, str]:
    """The rep, its patient's id and its exercise id."""
    rep = db.get(Rep, rep_id)
    if rep is None:
        raise NotFound(f"no rep {rep_id}")
    session = rep.set.session
    return rep, session.patient_id, session.exercise_id


def record_reference_rep(
    store: Store, actor: UserInfo, rep_id: int, *, now: dt.datetime | None = None
) -> ReferenceTargets:
    """Makes a saved rep the patient's reference for its exercise; returns the new targets.

    Raises:
        NotFound: no such rep.
        AccessDenied: ``actor`` is neither the patient nor their therapist.
        StoreError: the rep did not finish (it has no full range or tempo to copy).
    """
    with store.transaction() as db:
        user = acting_user(db, actor)
        rep, patient_id, exercise_id = _rep_and_patient(db, rep_id)
        require_patient(db, user, patient_id)
        if not rep.complete or rep.duration_s <= 0 or rep.range_of_motion <= 0:
            raise StoreError(f"rep {rep_id} did not finish: choose a complete rep as reference")
        reference = ReferenceRep(
            patient_id=patient_id,
            exercise_id=exercise_id,
            recorded_by=user.id,
            recorded_at=now_or(now),
            rep_id=rep.id,
            side=rep.side,
            range_of_motion=rep.range_of_motion,
            duration_s=rep.duration_s,
            up_s=max(0.0, rep.peak_s - rep.start_s),
            down_s=max(0.0, rep.end_s - rep.peak_s),
        )
        db.add(reference)
        db.flush()
        return reference_targets(reference)


def reference_for(
    store: Store, actor: UserInfo, patient_id: int, exercise_id: str
) -> ReferenceTargets | None:
    """The patient's newest reference for the exercise, or None.

    Raises:
        AccessDenied: ``actor`` may not see this patient.
    """
    with store.transaction() as db:
        require_patient(db, acting_user(db, actor), patient_id)
        found = db.scalars(
            select(ReferenceRep)
            .where(ReferenceRep.patient_id == patient_id, ReferenceRep.exercise_id == exercise_id)
            .order_by(ReferenceRep.recorded_at.desc(), ReferenceRep.id.desc())
            .limit(1)
        ).first()
        return reference_targets(found) if found is not None else None


def compare_to_reference(
    targets: ReferenceTargets, range_of_motion: float, duration_s: float
) -> RepComparison:
    """How a rep (saved, or a live ``RepCompleted``) differs from the reference.

    Example:
        >>> compare_to_reference(targets_40deg_3s, 30.0, 3.1).message
        'range 30 vs 40 (10 less, 75%); tempo 3.1 s vs 3.0 s: on target'
    """
    range_diff = range_of_motion - targets.range_of_motion
    ratio = range_of_motion / targets.range_of_motion if targets.range_of_motion else 0.0
    duration_diff = duration_s - targets.duration_s
    range_ok = abs(range_diff) <= RANGE_TOLERANCE * targets.range_of_motion
    tempo_ok = abs(duration_diff) <= TEMPO_TOLERANCE * targets.duration_s
    more_less = "more" if range_diff > 0 else "less"
    range_words = f"range {range_of_motion:.0f} vs {targets.range_of_motion:.0f}" + (
        "" if range_ok else f" ({abs(range_diff):.0f} {more_less}, {ratio:.0%})"
    )
    if tempo_ok:
        tempo_words = f"tempo {duration_s:.1f} s vs {targets.duration_s:.1f} s: on target"
    else:
        faster = "faster" if duration_diff < 0 else "slower"
        tempo_words = (
            f"tempo {duration_s:.1f} s vs {targets.duration_s:.1f} s: "
            f"{abs(duration_diff):.1f} s {faster}"
        )
    return RepComparison(
        range_diff=range_diff,
        range_ratio=ratio,
        duration_diff_s=duration_diff,
        range_ok=range_ok,
        tempo_ok=tempo_ok,
        message=f"{range_words}; {tempo_words}",
    )


def compare_rep(store: Store, actor: UserInfo, rep_id: int) -> RepComparison | None:
    """A saved rep against the patient's reference for that exercise (None: no reference yet).

    Raises:
        NotFound: no such rep.
        AccessDenied: ``actor`` may not see this patient.
    """
    with store.transaction() as db:
        user = acting_user(db, actor)
        rep, patient_id, exercise_id = _rep_and_patient(db, rep_id)
        require_patient(db, user, patient_id)
        range_of_motion, duration_s = rep.range_of_motion, rep.duration_s
    targets = reference_for(store, actor, patient_id, exercise_id)
    if targets is None:
        return None
    return compare_to_reference(targets, range_of_motion, duration_s)
