"""Done against prescribed: pure arithmetic over programme versions and session summaries.

A programme version prescribing ``days_per_week`` days covers ``days * days_per_week / 7``
exercise days of a period (so a 3-day programme asks for 3 of 7 days, not a particular 3).
Days are UTC calendar days of each session's start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from formcheck.store.records import ProgrammeInfo, ProgressRow, SessionSummary


def _overlap_days(programme: ProgrammeInfo, start: dt.date, end: dt.date) -> int:
    """Days of [start, end] (inclusive) the version covers."""
    first = max(start, programme.starts_on)
    stop = end + dt.timedelta(days=1)
    if programme.ends_on is not None:
        stop = min(stop, programme.ends_on)
    return max(0, (stop - first).days)


@dataclass
class _Tally:
    days_prescribed: float = 0.0
    sets_prescribed: float = 0.0
    reps_prescribed: float | None = None
    hold_prescribed_s: float | None = None
    days: set[dt.date] = field(default_factory=set)
    sets: int = 0
    reps: int = 0
    hold_s: float = 0.0


def compute_progress(
    programmes: Sequence[ProgrammeInfo],
    sessions: Sequence[SessionSummary],
    start: dt.date,
    end: dt.date,
) -> list[ProgressRow]:
    """One row per exercise prescribed at any time in [start, end], in programme order.

    Example:
        >>> rows = compute_progress([bridge_3x10_daily], [], date(2025, 1, 1), date(2025, 1, 7))
        >>> rows[0].sets_prescribed, rows[0].sets_done
        (21.0, 0)
    """
    tallies: dict[str, _Tally] = {}
    for programme in sorted(programmes, key=lambda p: p.starts_on):
        days = _overlap_days(programme, start, end) * programme.days_per_week / 7
        if days <= 0:
            continue
        for item in programme.exercises:
            tally = tallies.setdefault(item.exercise_id, _Tally())
            tally.days_prescribed += days
            tally.sets_prescribed += days * item.sets
            if item.reps is not None:
                tally.reps_prescribed = (
                    tally.reps_prescribed or 0.0
                ) + days * item.sets * item.reps
            elif item.hold_s is not None:
                tally.hold_prescribed_s = (
                    tally.hold_prescribed_s or 0.0
                ) + days * item.sets * item.hold_s
    for session in sessions:
        day = session.started_at.astimezone(dt.UTC).date()
        found = tallies.get(session.exercise_id)
        if found is None or not start <= day <= end or session.sets == 0:
            continue
        found.days.add(day)
        found.sets += session.sets
        found.reps += session.reps
        found.hold_s += session.hold_s
    return [
        ProgressRow(
            exercise_id=exercise_id,
            days_prescribed=round(t.days_prescribed, 3),
            days_done=len(t.days),
            sets_prescribed=round(t.sets_prescribed, 3),
            sets_done=t.sets,
            reps_prescribed=None if t.reps_prescribed is None else round(t.reps_prescribed, 3),
            reps_done=t.reps if t.reps_prescribed is not None else None,
            hold_prescribed_s=None
            if t.hold_prescribed_s is None
            else round(t.hold_prescribed_s, 3),
            hold_done_s=round(t.hold_s, 3) if t.hold_prescribed_s is not None else None,
        )
        for exercise_id, t in tallies.items()
    ]


def overall_adherence(rows: Sequence[ProgressRow]) -> float | None:
    """Prescribed exercise days done, over all exercises (0-1); None when nothing was asked."""
    asked = sum(r.days_prescribed for r in rows)
    if asked <= 0:
        return None
    return sum(min(r.days_done, r.days_prescribed) for r in rows) / asked
