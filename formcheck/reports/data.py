"""What a report says, as plain numbers: built through the store's access-checked functions.

A report covers one session or a date range of a patient's sessions: adherence to the
programme, reps and holds done against prescribed, range of motion over time, form issues and
how often (with the therapist's overrules), and pain before and after each set. The HTML, PDF,
CSV and JSON outputs all render this one object, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from formcheck.errors import StoreError
from formcheck.store import (
    ProgressRow,
    SessionDetail,
    Store,
    UserInfo,
    Verdict,
    get_session,
    list_sessions,
    overall_adherence,
    patient_info,
    programme_progress,
)

# A range report spans at most this many days (a report is read, not scrolled).
MAX_RANGE_DAYS = 366


@dataclass(frozen=True, slots=True)
class SetLine:
    """One set in the report's table."""

    session_id: int
    day: dt.date
    exercise: str
    source: str
    set_number: int
    reps: int
    hold_s: float
    mean_range: float | None
    best_range: float | None
    flags: int
    overruled: int
    pain_before: int | None
    pain_after: int | None


@dataclass(frozen=True, slots=True)
class IssueLine:
    """How often a form issue was flagged, and what the therapist made of it."""

    exercise: str
    rule_id: str
    message: str
    count: int
    confirmed: int
    overruled: int


@dataclass(frozen=True, slots=True)
class RangePoint:
    """Mean range of motion of one session's reps (for the trend)."""

    day: dt.date
    exercise: str
    mean_range: float
    reps: int


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one report shows.

    Attributes:
        kind: ``session`` or ``range``.
        start, end: The days covered (inclusive, UTC).
        sessions: The sessions, oldest first.
        progress: Done against prescribed per exercise (empty without a programme).
        adherence: Share of prescribed exercise days done (None without a programme).
    """

    kind: str
    title: str
    patient: UserInfo
    generated_at: dt.datetime
    start: dt.date
    end: dt.date
    sessions: tuple[SessionDetail, ...]
    sets: tuple[SetLine, ...]
    issues: tuple[IssueLine, ...]
    range_trend: tuple[RangePoint, ...]
    progress: tuple[ProgressRow, ...]
    adherence: float | None

    @property
    def total_reps(self) -> int:
        return sum(s.reps for s in self.sets)

    @property
    def total_hold_s(self) -> float:
        return sum(s.hold_s for s in self.sets)

    @property
    def total_flags(self) -> int:
        return sum(s.flags for s in self.sets)

    @property
    def total_overruled(self) -> int:
        return sum(s.overruled for s in self.sets)


def _set_lines(session: SessionDetail) -> list[SetLine]:
    lines = []
    for row in session.sets:
        ranges = [r.range_of_motion for r in row.rep_rows if r.complete]
        lines.append(
            SetLine(
                session_id=session.id,
                day=session.summary.started_at.date(),
                exercise=session.summary.exercise_name,
                source=session.summary.source.value,
                set_number=row.number,
                reps=row.reps,
                hold_s=row.hold_s,
                mean_range=fmean(ranges) if ranges else None,
                best_range=max(ranges) if ranges else None,
                flags=len(row.events),
                overruled=sum(e.overruled for e in row.events),
                pain_before=row.pain_before,
                pain_after=row.pain_after,
            )
        )
    return lines


def _issue_lines(sessions: tuple[SessionDetail, ...]) -> list[IssueLine]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    messages: dict[tuple[str, str], str] = {}
    for session in sessions:
        for event in session.events:
            key = (session.summary.exercise_name, event.rule_id)
            messages.setdefault(key, event.message)
            tally = counts[key]
            tally[0] += 1
            tally[1] += event.verdict is Verdict.CONFIRMED
            tally[2] += event.verdict is Verdict.OVERRULED
    lines = [
        IssueLine(exercise, rule_id, messages[(exercise, rule_id)], *tally)
        for (exercise, rule_id), tally in counts.items()
    ]
    return sorted(lines, key=lambda line: (-line.count, line.exercise, line.rule_id))


def _range_trend(sessions: tuple[SessionDetail, ...]) -> list[RangePoint]:
    points = []
    for session in sessions:
        ranges = [r.range_of_motion for r in session.rep_rows if r.complete]
        if ranges:
            points.append(
                RangePoint(
                    session.summary.started_at.date(),
                    session.summary.exercise_name,
                    fmean(ranges),
                    len(ranges),
                )
            )
    return points


def _build(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    sessions: tuple[SessionDetail, ...],
    start: dt.date,
    end: dt.date,
    kind: str,
    title: str,
    now: dt.datetime | None,
) -> ReportData:
    progress = tuple(programme_progress(store, actor, patient_id, start=start, end=end))
    return ReportData(
        kind=kind,
        title=title,
        patient=patient_info(store, actor, patient_id),
        generated_at=now if now is not None else dt.datetime.now(dt.UTC),
        start=start,
        end=end,
        sessions=sessions,
        sets=tuple(line for s in sessions for line in _set_lines(s)),
        issues=tuple(_issue_lines(sessions)),
        range_trend=tuple(_range_trend(sessions)),
        progress=progress,
        adherence=overall_adherence(progress),
    )


def session_report(
    store: Store, actor: UserInfo, session_id: int, *, now: dt.datetime | None = None
) -> ReportData:
    """The report of one session (its day's programme progress included).

    Raises:
        NotFound: no such session.
        AccessDenied: ``actor`` may not see this patient.
    """
    session = get_session(store, actor, session_id)
    day = session.summary.started_at.date()
    title = f"{session.summary.exercise_name} on {day:%d %b %Y}"
    patient_id = session.summary.patient_id
    return _build(store, actor, patient_id, (session,), day, day, "session", title, now)


def range_report(
    store: Store,
    actor: UserInfo,
    patient_id: int,
    start: dt.date,
    end: dt.date,
    *,
    now: dt.datetime | None = None,
) -> ReportData:
    """The report of a patient's sessions from ``start`` to ``end`` (inclusive, UTC days).

    Raises:
        AccessDenied: ``actor`` may not see this patient.
        StoreError: the period ends before it starts or is longer than a year.
    """
    if end < start:
        raise StoreError(f"report: the period ends ({end}) before it starts ({start})")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise StoreError(f"report: choose at most {MAX_RANGE_DAYS} days (got {start} to {end})")
    summaries = list_sessions(store, actor, patient_id, start=start, end=end)
    sessions = tuple(get_session(store, actor, s.id) for s in reversed(summaries))
    title = f"{start:%d %b %Y} to {end:%d %b %Y}"
    return _build(store, actor, patient_id, sessions, start, end, "range", title, now)
