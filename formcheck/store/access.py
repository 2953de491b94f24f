"""Who may see and change what: every service function asks here before it touches a row.

The rules: a patient reads and writes their own records; a therapist reads and writes the
records of patients linked to them (by an invite code), and nobody else's. Therapist-only acts
(prescribing, reviewing flags, making invite codes) also need the therapist role.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from formcheck.errors import AccessDenied, NotFound
from formcheck.store.models import CareLink, ExerciseSession, Role, User
from formcheck.store.records import UserInfo


def acting_user(db: Session, actor: UserInfo) -> User:
    """The actor's row, re-read so a deleted account or a changed role counts at once.

    Raises:
        AccessDenied: the account no longer exists or its role differs from ``actor``'s.
    """
    user = db.get(User, actor.id)
    if user is None or user.role is not actor.role or user.username != actor.username:
        raise AccessDenied(f"account {actor.username!r} is not valid any more: log in again")
    return user


def is_linked(db: Session, therapist_id: int, patient_id: int) -> bool:
    found = db.scalar(
        select(CareLink.id).where(
            CareLink.therapist_id == therapist_id, CareLink.patient_id == patient_id
        )
    )
    return found is not None


def require_role(user: User, role: Role, doing: str) -> None:
    """Raises AccessDenied unless ``user`` has ``role``; ``doing`` says what was refused."""
    if user.role is not role:
        raise AccessDenied(f"only a {role.value} can {doing} ({user.username} is a {user.role})")


def require_patient(db: Session, user: User, patient_id: int) -> User:
    """The patient whose data ``user`` wants, if ``user`` may see it.

    Raises:
        AccessDenied: ``user`` is another patient, or a therapist not linked to this patient
            (also when no such patient exists, so ids cannot be probed).
    """
    patient = db.get(User, patient_id)
    if user.role is Role.PATIENT:
        if user.id != patient_id:
            raise AccessDenied(f"{user.username} may only see their own records")
        return user
    if (
        patient is None
        or patient.role is not Role.PATIENT
        or not is_linked(db, user.id, patient_id)
    ):
        raise AccessDenied(
            f"{user.username} is not linked to patient {patient_id}: the patient must redeem "
            "one of your invite codes first"
        )
    return patient


def require_therapist_of(db: Session, user: User, patient_id: int, doing: str) -> User:
    """Like :func:`require_patient`, for acts only the patient's therapist may do."""
    require_role(user, Role.THERAPIST, doing)
    return require_patient(db, user, patient_id)


def session_for(db: Session, user: User, session_id: int) -> ExerciseSession:
    """The exercise session ``session_id``, if ``user`` may see it.

    Raises:
        NotFound: no such session.
        AccessDenied: it belongs to a patient ``user`` may not see.
    """
    found = db.get(ExerciseSession, session_id)
    if found is None:
        raise NotFound(f"no session {session_id}")
    require_patient(db, user, found.patient_id)
    return found
