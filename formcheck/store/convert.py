"""ORM rows to the frozen records the service hands out (inside the open transaction)."""

from __future__ import annotations

from formcheck.store.models import (
    ExerciseSession,
    ExerciseSet,
    FlagReview,
    FormEvent,
    Note,
    PainMoment,
    Programme,
    ReferenceRep,
    Rep,
    User,
)
from formcheck.store.records import (
    EventRecord,
    FlagReviewRecord,
    NoteRecord,
    PrescribedExercise,
    ProgrammeInfo,
    ReferenceTargets,
    RepRecord,
    SessionSummary,
    SetDetail,
)


def _name(user: User | None) -> str:
    return user.display_name if user is not None else "(deleted account)"


def rep_record(rep: Rep) -> RepRecord:
    return RepRecord(
        id=rep.id,
        number=rep.number,
        side=rep.side,
        start_s=rep.start_s,
        peak_s=rep.peak_s,
        end_s=rep.end_s,
        duration_s=rep.duration_s,
        range_of_motion=rep.range_of_motion,
        metric_min=dict(rep.metric_min),
        metric_max=dict(rep.metric_max),
        issues=tuple(rep.issues),
        complete=rep.complete,
    )


def review_record(review: FlagReview, reviewer: User | None) -> FlagReviewRecord:
    return FlagReviewRecord(
        id=review.id,
        event_id=review.event_id,
        verdict=review.verdict,
        note=review.note,
        reviewer_id=review.reviewer_id,
        reviewer_name=_name(reviewer),
        reviewed_at=review.reviewed_at,
    )


def event_record(event: FormEvent, users: dict[int, User]) -> EventRecord:
    return EventRecord(
        id=event.id,
        kind=event.kind,
        time_s=event.time_s,
        rule_id=event.rule_id,
        severity=event.severity,
        message=event.message,
        cue=event.cue,
        rep_number=event.rep_number,
        value=event.value,
        duration_s=event.duration_s,
        side=event.side,
        reviews=tuple(
            review_record(r, users.get(r.reviewer_id) if r.reviewer_id else None)
            for r in event.reviews
        ),
    )


def pain_of(row: ExerciseSet, moment: PainMoment) -> int | None:
    return next((p.score for p in row.pain if p.moment is moment), None)


def set_detail(row: ExerciseSet, users: dict[int, User]) -> SetDetail:
    return SetDetail(
        id=row.id,
        number=row.number,
        ended_at=row.ended_at,
        duration_s=row.duration_s,
        reps=row.reps,
        reps_by_side=dict(row.reps_by_side),
        hold_s=row.hold_s,
        judged_fraction=row.judged_fraction,
        pain_before=pain_of(row, PainMoment.BEFORE),
        pain_after=pain_of(row, PainMoment.AFTER),
        sharp_pain=row.sharp_pain,
        stopped=row.stopped,
        note=row.note,
        rep_rows=tuple(rep_record(r) for r in row.rep_rows),
        events=tuple(event_record(e, users) for e in row.events),
    )


def session_summary(session: ExerciseSession) -> SessionSummary:
    sets = session.sets
    return SessionSummary(
        id=session.id,
        patient_id=session.patient_id,
        exercise_id=session.exercise_id,
        exercise_name=session.exercise_name,
        source=session.source,
        started_at=session.started_at,
        counts_reps=session.counts_reps,
        sets=len(sets),
        reps=sum(s.reps for s in sets),
        hold_s=sum(s.hold_s for s in sets),
        flags=sum(len(s.events) for s in sets),
        pain_before=pain_of(sets[0], PainMoment.BEFORE) if sets else None,
        pain_after=pain_of(sets[-1], PainMoment.AFTER) if sets else None,
    )


def note_record(note: Note, author: User | None) -> NoteRecord:
    return NoteRecord(
        id=note.id,
        patient_id=note.patient_id,
        session_id=note.session_id,
        author_id=note.author_id,
        author_name=_name(author),
        written_at=note.written_at,
        text=note.text,
    )


def programme_info(programme: Programme) -> ProgrammeInfo:
    return ProgrammeInfo(
        id=programme.id,
        patient_id=programme.patient_id,
        therapist_id=programme.therapist_id,
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        days_per_week=programme.days_per_week,
        note=programme.note,
        exercises=tuple(
            PrescribedExercise(
                exercise_id=item.exercise_id,
                sets=item.sets,
                reps=item.reps,
                hold_s=item.hold_s,
                side=item.side,
                adjustments=dict(item.adjustments),
            )
            for item in programme.exercises
        ),
    )


def reference_targets(reference: ReferenceRep) -> ReferenceTargets:
    return ReferenceTargets(
        id=reference.id,
        patient_id=reference.patient_id,
        exercise_id=reference.exercise_id,
        rep_id=reference.rep_id,
        side=reference.side,
        range_of_motion=reference.range_of_motion,
        duration_s=reference.duration_s,
        up_s=reference.up_s,
        down_s=reference.down_s,
        recorded_by=reference.recorded_by,
        recorded_at=reference.recorded_at,
    )
