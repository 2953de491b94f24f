"""Reading sessions back, and the therapist's review: verdicts on flags and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from formcheck.errors import NotFound, StoreError
from formcheck.store.access import (
    acting_user,
    require_patient,
    require_therapist_of,
    session_for,
)
from formcheck.store.convert import note_record, review_record, session_summary, set_detail
from formcheck.store.database import Store
from formcheck.store.models import (
    ExerciseSession,
    ExerciseSet,
    FlagReview,
    FormEvent,
    Note,
    User,
    Verdict,
    now_or,
)
from formcheck.store.records import (
    FlagReviewRecord,
    NoteRecord,
    SessionDetail,
    SessionSummary,
    UserInfo,
)

MAX_NOTE = 10_000

# Everything a session's summary and detail need, in a few queries instead of one per row.
_WITH_SETS = selectinload(ExerciseSession.sets).options(
    selectinload(ExerciseSet.pain),
    selectinload(ExerciseSet.rep_rows),
    selectinload(ExerciseSet.events).selectinload(FormEvent.reviews),
)


def _users(db: Session, ids: Iterable[int | None]) -> dict[int, User]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in db.scalars(select(User).where(User.id.in_(wanted)))}


def _day_bounds(
    start: dt.date | None, end: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start 00:00, the day after end 00:00) in UTC; None leaves that side open."""
    low = dt.datetime.combine(start, dt.time(), dt.UTC) if start is not None else None
    high = (
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
        if end is not None
        else None
    )
    return low, high


def load_sessions(
    db: Session,
    patient_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    exercise_id: str | None = None,
) -> list[ExerciseSession]:
    """The patient's sessions (with sets, reps, flags, reviews), oldest first. No access check:
    callers in the store check first."""
    low, high = _day_bounds(start, end)
    query = (
        select(ExerciseSession)
        .where(ExerciseSession.patient_id == patient_id)
        .options(_WITH_SETS)
        .order_by(ExerciseSession.started_at, ExerciseSession.id)
    )
    if low is not None:
        query = query.where(ExerciseSession.started_at >= low)
    if high is not None:
        query = query.where(ExerciseSession.started_at < high)
    if exercise_id is not None:
        query = query.where(ExerciseSession.exercise_id == exercise_id)
    return list(db.scalars(query))


def detail_of(db: Session, session: ExerciseSession) -> SessionDetail:
    notes = list(
        db.scalars(select(Note).where(Note.session_id == session.id).order_by(Note.written_at))
    )
    reviewer_ids = [r.reviewer_id for s in session.sets for e in s.events for r in e.reviews]
    users = _users(db, [*reviewer_ids, *(n.author_id for n in notes)])
    return SessionDetail(
        summary=session_summary(session),
        video_name=session.video_name,
        view=session.view,
        warnings=tuple(session.warnings),
        sets=tuple(set_detail(s, users) for s in session.sets),
        notes=tuple(note_record(n, users.get(n.author_id) if n.author_id else None) for n in notes),
    )


def list_sessions(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    exercise_id: str | None = None,
) -> list[SessionSummary]:
    """A patient's sessions, newest first, optionally within [start, end] (UTC days).

    Raises:
        AccessDenied: ``actor`` is another patient, or a therapist not linked to this one.
    """
    with store.transaction() as db:
        require_patient(db, acting_user(db, actor), patient_id)
        found = load_sessions(db, patient_id, start, end, exercise_id)
        return [session_summary(s) for s in reversed(found)]


def get_session(store: Store, actor: UserInfo, session_id: int) -> SessionDetail:
    """One session with its sets, reps, flags (with every review) and notes.

    Raises:
        NotFound: no such session.
        AccessDenied: it belongs to a patient ``actor`` may not see.
    """
    with store.transaction() as db:
        user = acting_user(db, actor)
        loaded = db.scalars(
            select(ExerciseSession).where(ExerciseSession.id == session_id).options(_WITH_SETS)
        ).one_or_none()
        if loaded is None:
            raise NotFound(f"no session {session_id}")
        require_patient(db, user, loaded.patient_id)
        return detail_of(db, loaded)


def review_flag(
    store: Store,
    actor: UserInfo,
    event_id: int,
    verdict: Verdict | str,
    note: str = "",
    *,
    now: dt.datetime | None = None,
) -> FlagReviewRecord:
    """The patient's therapist confirms or overrules a form flag; kept with who and when.

    Every review is kept; the newest one is the flag's verdict.

    Raises:
        NotFound: no such flag.
        AccessDenied: ``actor`` is not this patient's therapist.
        StoreError: ``verdict`` is not ``confirmed`` or ``overruled``, or the note is too long.
    """
    try:
        verdict = Verdict(verdict)
    except ValueError:
        raise StoreError(f"verdict {verdict!r}: must be 'confirmed' or 'overruled'") from None
    if len(note) > MAX_NOTE:
        raise StoreError(f"note: at most {MAX_NOTE} characters (got {len(note)})")
    with store.transaction() as db:
        user = acting_user(db, actor)
        event = db.get(FormEvent, event_id)
        if event is None:
            raise NotFound(f"no form flag {event_id}")
        patient_id = event.set.session.patient_id
        require_therapist_of(db, user, patient_id, "review form flags")
        review = FlagReview(
            event_id=event.id,
            reviewer_id=user.id,
            verdict=verdict,
            note=note.strip(),
            reviewed_at=now_or(now),
        )
        db.add(review)
        db.flush()
        return review_record(review, user)


def add_note(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    text: str,
    *,
    session_id: int | None = None,
    now: dt.datetime | None = None,
) -> NoteRecord:
    """A note about a patient (or one of their sessions), by the patient or their therapist.

    Raises:
        AccessDenied: ``actor`` may not see this patient.
        NotFound: no such session.
        StoreError: the text is empty or too long, or the session is another patient's.
    """
    text = text.strip()
    if not text or len(text) > MAX_NOTE:
        raise StoreError(f"note: write 1 to {MAX_NOTE} characters (got {len(text)})")
    with store.transaction() as db:
        user = acting_user(db, actor)
        require_patient(db, user, patient_id)
        if session_id is not None:
            session = session_for(db, user, session_id)
            if session.patient_id != patient_id:
                raise StoreError(f"session {session_id} is not patient {patient_id}'s")
        row = Note(
            patient_id=patient_id,
            author_id=user.id,
            session_id=session_id,
            written_at=now_or(now),
            text=text,
        )
        db.add(row)
        db.flush()
        return note_record(row, user)


def list_notes(store: Store, actor: UserInfo, patient_id: int) -> list[NoteRecord]:
    """Every note about a patient, newest first.

    Raises:
        AccessDenied: ``actor`` may not see this patient.
    """
    with store.transaction() as db:
        require_patient(db, acting_user(db, actor), patient_id)
        notes = list(
            db.scalars(
                select(Note)
                .where(Note.patient_id == patient_id)
                .order_by(Note.written_at.desc(), Note.id.desc())
            )
        )
        users = _users(db, (n.author_id for n in notes))
        return [note_record(n, users.get(n.author_id) if n.author_id else None) for n in notes]
