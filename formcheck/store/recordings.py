"""Landmark recordings of saved sets (session files, no pixels): save, read back, import.

A set's movement, for replay, is kept as the bytes of a session file
(:mod:`formcheck.sessionfile`) in ``set_recordings``, one per set. Sets are normally saved
with theirs in the same transaction (``save_live_set(..., recording=...)``); these functions
read them back, add or replace one afterwards, and import a session file as a new session.
Access is checked as for the set's session: a patient reads and writes their own, a therapist
those of linked patients.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from formcheck.errors import NotFound, SpecError, StoreError
from formcheck.sessionfile import (
    FORMAT_VERSION,
    SessionRecording,
    read_session_bytes,
    session_bytes,
)
from formcheck.specs import get_spec
from formcheck.store.access import acting_user, require_patient, session_for
from formcheck.store.database import Store
from formcheck.store.models import ExerciseSession, ExerciseSet, SetRecording, Source, now_or
from formcheck.store.recording import add_set
from formcheck.store.records import UserInfo


def _counts_reps(recording: SessionRecording) -> bool:
    """Whether the recorded exercise counts reps (its spec says; else whether reps were seen)."""
    try:
        return get_spec(recording.exercise).counts_reps
    except SpecError:  # an exercise this FormCheck does not know
        return bool(recording.rep_events)


def save_recording(
    store: Store,
    actor: UserInfo,
    set_id: int,
    recording: SessionRecording,
    *,
    now: dt.datetime | None = None,
) -> None:
    """Keeps ``recording`` as set ``set_id``'s movement (replacing an earlier one).

    Raises:
        NotFound: no such set.
        AccessDenied: ``actor`` may not record for the set's patient.
    """
    data = session_bytes(recording)
    with store.transaction() as db:
        user = acting_user(db, actor)
        row = db.get(ExerciseSet, set_id)
        if row is None:
            raise NotFound(f"no set {set_id}")
        session_for(db, user, row.session_id)
        if row.recording is None:
            row.recording = SetRecording(
                format_version=FORMAT_VERSION, saved_at=now_or(now), data=data
            )
        else:
            row.recording.format_version = FORMAT_VERSION
            row.recording.saved_at = now_or(now)
            row.recording.data = data


def session_recordings(
    store: Store, actor: UserInfo, session_id: int
) -> dict[int, SessionRecording]:
    """The session's recordings by set number (sets saved without one are left out).

    Raises:
        NotFound: no such session.
        AccessDenied: ``actor`` may not see the session's patient.
        SessionFileError: a stored recording cannot be read (written by a newer FormCheck).
    """
    with store.transaction() as db:
        session_for(db, acting_user(db, actor), session_id)
        rows = db.execute(
            select(ExerciseSet.number, SetRecording.data)
            .join(SetRecording, SetRecording.set_id == ExerciseSet.id)
            .where(ExerciseSet.session_id == session_id)
            .order_by(ExerciseSet.number)
        ).all()
    return {
        number: read_session_bytes(data, f"session {session_id} set {number}")
        for number, data in rows
    }


def session_recording_bytes(
    store: Store, actor: UserInfo, session_id: int, set_number: int
) -> bytes:
    """The stored session file of one set, as bytes (for a download).

    Raises:
        NotFound: no such session, or that set has no recording.
        AccessDenied: ``actor`` may not see the session's patient.
    """
    with store.transaction() as db:
        session_for(db, acting_user(db, actor), session_id)
        data = db.scalar(
            select(SetRecording.data)
            .join(ExerciseSet, SetRecording.set_id == ExerciseSet.id)
            .where(ExerciseSet.session_id == session_id, ExerciseSet.number == set_number)
        )
    if data is None:
        raise NotFound(f"session {session_id} set {set_number} has no recording")
    return bytes(data)


def import_recording(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    recording: SessionRecording,
    *,
    pain_before: int | None = None,
    pain_after: int | None = None,
) -> int:
    """Saves an imported session file as a new session of one set for ``patient_id``.

    Returns:
        The new session's id.

    Raises:
        AccessDenied: ``actor`` may not record for this patient.
        StoreError: the recording has no frames.
    """
    if recording.frame_count == 0:
        raise StoreError("the session file has no frames to import")
    data = session_bytes(recording)
    with store.transaction() as db:
        user = acting_user(db, actor)
        patient = require_patient(db, user, patient_id)
        session = ExerciseSession(
            patient_id=patient.id,
            exercise_id=recording.exercise,
            exercise_name=recording.exercise_name,
            source=Source(recording.source),
            started_at=recording.recorded_at - dt.timedelta(seconds=recording.duration_s),
            counts_reps=_counts_reps(recording),
            video_name=recording.metadata.get("video", "")[:300],
            view=None,
            warnings=[],
        )
        add_set(
            session,
            number=1,
            ended_at=recording.recorded_at,
            events=recording.events,
            pain_before=pain_before,
            pain_after=pain_after,
            recording=data,
            note="imported from a session file",
        )
        db.add(session)
        db.flush()
        return session.id
