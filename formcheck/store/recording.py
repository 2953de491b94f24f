"""Saving what the app measured: a live set as it ends, an upload review when it is done.

Each set is written in one transaction of its own, together with its landmark recording, so a
crash (or a killed app) in the middle of saving loses that set only, never one saved before,
and never leaves a set that cannot be replayed. :func:`add_set` builds a set's rows from the
engine's events for every way a set arrives (live, upload, imported session file).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from formcheck.engine.events import (
    Event,
    FormIssueEnded,
    FormIssueStarted,
    IncompleteRep,
    RepCompleted,
    RepFault,
    Summary,
)
from formcheck.errors import StoreError
from formcheck.sessionfile import FORMAT_VERSION, SessionRecording, session_bytes
from formcheck.specs.schema import ExerciseSpec
from formcheck.store.access import acting_user, require_patient, session_for
from formcheck.store.database import Store
from formcheck.store.models import (
    EventKind,
    ExerciseSession,
    ExerciseSet,
    FormEvent,
    PainMoment,
    PainRating,
    Rep,
    Role,
    SetRecording,
    Source,
    now_or,
)
from formcheck.store.records import SetOutcome, UserInfo

if TYPE_CHECKING:  # only its fields are read; importing it would pull in the pipeline
    from formcheck.analysis import AnalysisResult

PAIN_SCALE = range(11)


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _finite_values(values: dict[str, float]) -> dict[str, float]:
    return {name: float(v) for name, v in values.items() if math.isfinite(v)}


def _check_pain(name: str, value: int | None) -> None:
    if value is not None and value not in PAIN_SCALE:
        raise StoreError(f"pain {name} must be a whole number from 0 to 10 (got {value})")


def _patient_for(actor_user_role: Role, actor_id: int, patient_id: int | None) -> int:
    if patient_id is not None:
        return patient_id
    if actor_user_role is Role.PATIENT:
        return actor_id
    raise StoreError("a therapist saving a session must say for which patient (patient_id)")


def start_live_session(
    store: Store,
    actor: UserInfo,
    spec: ExerciseSpec,
    *,
    patient_id: int | None = None,
    started_at: dt.datetime | None = None,
) -> int:
    """Opens a live session for one exercise; its sets follow with :func:`save_live_set`.

    Args:
        actor: The patient, or their therapist recording in clinic (then ``patient_id``).
        spec: The exercise.

    Returns:
        The new session's id.

    Raises:
        AccessDenied: ``actor`` may not record for this patient.
    """
    with store.transaction() as db:
        user = acting_user(db, actor)
        patient = require_patient(db, user, _patient_for(user.role, user.id, patient_id))
        session = ExerciseSession(
            patient_id=patient.id,
            exercise_id=spec.id,
            exercise_name=spec.name,
            source=Source.LIVE,
            started_at=now_or(started_at),
            counts_reps=spec.counts_reps,
            video_name="",
            view=None,
            warnings=[],
        )
        db.add(session)
        db.flush()
        return session.id


def _rows_from_events(events: Sequence[Event]) -> tuple[list[Rep], list[FormEvent]]:
    """The reps and form flags among an engine's events, as rows (not yet attached)."""
    ended = {(e.rule_id, round(e.started_s, 6)): e for e in events if isinstance(e, FormIssueEnded)}
    reps: list[Rep] = []
    flags: list[FormEvent] = []
    for event in events:
        if isinstance(event, RepCompleted):
            reps.append(
                Rep(
                    number=event.rep_number,
                    side=event.side,
                    start_s=event.start_s,
                    peak_s=event.peak_s,
                    end_s=event.end_s,
                    duration_s=event.duration_s,
                    range_of_motion=_finite(event.range_of_motion) or 0.0,
                    metric_min=_finite_values(event.metric_min),
                    metric_max=_finite_values(event.metric_max),
                    issues=list(event.issues),
                    complete=event.complete,
                )
            )
        elif isinstance(event, FormIssueStarted):
            end = ended.get((event.rule_id, round(event.since_s, 6)))
            flags.append(
                FormEvent(
                    kind=EventKind.FORM_ISSUE,
                    time_s=event.since_s,
                    rule_id=event.rule_id,
                    severity=event.severity,
                    message=event.message,
                    cue=event.cue,
                    rep_number=event.rep_number,
                    value=_finite(end.worst_value if end is not None else event.value),
                    duration_s=end.duration_s if end is not None else None,
                    side=event.side,
                )
            )
        elif isinstance(event, RepFault):
            flags.append(
                FormEvent(
                    kind=EventKind.REP_FAULT,
                    time_s=event.timestamp_s,
                    rule_id=event.rule_id,
                    severity=event.severity,
                    message=event.message,
                    cue=event.cue,
                    rep_number=event.rep_number,
                    value=_finite(event.value),
                    duration_s=None,
                    side=None,
                )
            )
        elif isinstance(event, IncompleteRep):
            flags.append(
                FormEvent(
                    kind=EventKind.INCOMPLETE_REP,
                    time_s=event.start_s,
                    rule_id="incomplete_rep",
                    severity="info",
                    message="A rep turned back before the top (not counted)",
                    cue="",
                    rep_number=None,
                    value=_finite(event.range_of_motion),
                    duration_s=None,
                    side=event.side,
                )
            )
    return reps, flags


def _summary(events: Sequence[Event]) -> Summary | None:
    return next((e for e in reversed(events) if isinstance(e, Summary)), None)


def recording_bytes(recording: SessionRecording | None) -> bytes | None:
    """The session file of ``recording`` (None for none), encoded before a transaction opens so
    the database is locked only while the bytes are written, not while they are compressed."""
    return None if recording is None else session_bytes(recording)


def add_set(
    session: ExerciseSession,
    *,
    number: int,
    ended_at: dt.datetime,
    events: Sequence[Event],
    pain_before: int | None,
    pain_after: int | None,
    recording: bytes | None = None,
    sharp: bool = False,
    stopped: bool = False,
    note: str = "",
    fallback_reps: int | None = None,
    fallback_hold_s: float | None = None,
) -> ExerciseSet:
    """Appends one set to ``session``: its totals, reps, form flags, pain ratings and recording.

    Nothing is written until the caller's transaction commits, and then all of it at once:
    a set is never saved without the recording it came with (or the other way round).

    Args:
        session: The session the set belongs to (new, or read in the same transaction).
        number: The set's number within the session (1, 2, ...).
        ended_at: When the set ended.
        events: The engine's events for the set; the last Summary gives its totals.
        pain_before: Pain 0-10 before the set (checked by the caller), or None.
        pain_after: Pain 0-10 after the set, or None.
        recording: The set's session file (:func:`recording_bytes`), or None for none.
        sharp: The patient reported sharp pain.
        stopped: The set was stopped (pain rules).
        note: Free text kept with the set.
        fallback_reps: Reps when ``events`` has no Summary (a set that saw no video).
        fallback_hold_s: Seconds held when ``events`` has no Summary.

    Returns:
        The set's row; its ``id`` is known once the transaction flushes.
    """
    summary = _summary(events)
    reps, flags = _rows_from_events(events)
    last_time = max((getattr(e, "timestamp_s", 0.0) for e in events), default=0.0)
    row = ExerciseSet(
        number=number,
        ended_at=ended_at,
        duration_s=float(last_time),
        reps=summary.reps if summary is not None else (fallback_reps or 0),
        reps_by_side=dict(summary.reps_by_side) if summary is not None else {},
        hold_s=float(summary.hold_s) if summary is not None else float(fallback_hold_s or 0.0),
        judged_fraction=_finite(summary.judged_fraction) if summary is not None else None,
        sharp_pain=sharp,
        stopped=stopped,
        note=note,
        rep_rows=reps,
        events=flags,
    )
    for moment, score in ((PainMoment.BEFORE, pain_before), (PainMoment.AFTER, pain_after)):
        if score is not None:
            row.pain.append(PainRating(moment=moment, score=score))
    if recording is not None:
        row.recording = SetRecording(
            format_version=FORMAT_VERSION, saved_at=now_or(None), data=recording
        )
    session.sets.append(row)
    return row


def save_live_set(
    store: Store,
    actor: UserInfo,
    session_id: int,
    record: SetOutcome,
    events: Sequence[Event],
    *,
    recording: SessionRecording | None = None,
    ended_at: dt.datetime | None = None,
) -> int:
    """Saves one finished live set with its recording, in a transaction of its own.

    Args:
        session_id: From :func:`start_live_session`.
        record: How the set ended (the app's ``SetRecord``: pain before/after, sharp pain,
            stopped, note; its reps/hold are used only when ``events`` has no Summary).
        events: The set's engine events (``LiveSession.finish()``): reps, flags, Summary.
        recording: The set's landmarks for replay (``LiveSession.recording()``), if any.

    Returns:
        The new set's id; sets are numbered 1, 2, ... within the session.

    Raises:
        AccessDenied: the session belongs to a patient ``actor`` may not record for.
        NotFound: no such session.
        StoreError: a pain rating is outside 0-10, or the session is an upload review.
    """
    _check_pain("before", record.pain_before)
    _check_pain("after", record.pain_after)
    data = recording_bytes(recording)
    with store.transaction() as db:
        user = acting_user(db, actor)
        session = session_for(db, user, session_id)
        if session.source is not Source.LIVE:
            raise StoreError(f"session {session_id} is an upload review: sets cannot be added")
        number = (
            db.scalar(
                select(func.max(ExerciseSet.number)).where(ExerciseSet.session_id == session.id)
            )
            or 0
        ) + 1
        row = add_set(
            session,
            number=number,
            ended_at=now_or(ended_at),
            events=events,
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            recording=data,
            sharp=record.sharp,
            stopped=record.stopped,
            note=record.note,
            fallback_reps=record.reps,
            fallback_hold_s=record.hold_s,
        )
        db.flush()
        return row.id


def save_upload_review(
    store: Store,
    actor: UserInfo,
    result: AnalysisResult,
    *,
    recording: SessionRecording | None = None,
    patient_id: int | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    started_at: dt.datetime | None = None,
) -> int:
    """Saves an analysed upload as a session of one set, in one transaction with its recording
    (numbers and landmarks only: never the video).

    Args:
        result: The review's analysis.
        recording: Its landmarks for replay (``recording_from_analysis(result, track)``).
        patient_id: For a therapist saving for a linked patient (in clinic, say); a patient
            saves their own.

    Returns:
        The new session's id.

    Raises:
        AccessDenied: ``actor`` may not record for this patient.
        StoreError: a pain rating is outside 0-10.
    """
    _check_pain("before", pain_before)
    _check_pain("after", pain_after)
    when = now_or(started_at)
    data = recording_bytes(recording)
    with store.transaction() as db:
        user = acting_user(db, actor)
        patient = require_patient(db, user, _patient_for(user.role, user.id, patient_id))
        session = ExerciseSession(
            patient_id=patient.id,
            exercise_id=result.exercise,
            exercise_name=result.exercise_name,
            source=Source.UPLOAD,
            started_at=when,
            counts_reps=result.counts_reps,
            video_name=result.video.rsplit("/", 1)[-1][:300],
            view=result.view,
            warnings=list(result.warnings),
        )
        add_set(
            session,
            number=1,
            ended_at=when + dt.timedelta(seconds=max(0.0, result.duration_s)),
            events=result.events,
            pain_before=pain_before,
            pain_after=pain_after,
            recording=data,
        )
        db.add(session)
        db.flush()
        return session.id
