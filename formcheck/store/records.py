"""What the store's service functions take and return: frozen, plain data.

Pages and reports get these, never ORM objects, so nothing outside the store touches a
database session (and nothing can lazy-load another patient's rows by accident).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from formcheck.store.models import EventKind, Role, Source, Verdict


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A logged-in user: pass it as ``actor`` to every service call."""

    id: int
    username: str
    display_name: str
    role: Role

    @property
    def is_therapist(self) -> bool:
        return self.role is Role.THERAPIST


@dataclass(frozen=True, slots=True)
class InviteInfo:
    """An invite code a therapist gives a patient (``redeem_invite`` links them)."""

    code: str
    therapist_id: int
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PatientSummary:
    """One of a therapist's patients, for the patient list."""

    id: int
    username: str
    display_name: str
    linked_at: dt.datetime
    sessions: int
    last_session_at: dt.datetime | None


class SetOutcome(Protocol):
    """How a live set ended, as the app records it (``formcheck.app.safety.SetRecord``)."""

    @property
    def pain_before(self) -> int: ...
    @property
    def pain_after(self) -> int | None: ...
    @property
    def sharp(self) -> bool: ...
    @property
    def stopped(self) -> bool: ...
    @property
    def note(self) -> str: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def hold_s(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class RepRecord:
    id: int
    number: int
    side: str | None
    start_s: float
    peak_s: float
    end_s: float
    duration_s: float
    range_of_motion: float
    metric_min: dict[str, float]
    metric_max: dict[str, float]
    issues: tuple[str, ...]
    complete: bool


@dataclass(frozen=True, slots=True)
class FlagReviewRecord:
    """A therapist's verdict on one form flag."""

    id: int
    event_id: int
    verdict: Verdict
    note: str
    reviewer_id: int | None
    reviewer_name: str
    reviewed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A form flag (a fault seen in frames, a faulty rep, or a rep that turned back)."""

    id: int
    kind: EventKind
    time_s: float
    rule_id: str
    severity: str
    message: str
    cue: str
    rep_number: int | None
    value: float | None
    duration_s: float | None
    side: str | None
    reviews: tuple[FlagReviewRecord, ...] = ()

    @property
    def verdict(self) -> Verdict | None:
        """The newest review's verdict, or None while unreviewed."""
        return self.reviews[-1].verdict if self.reviews else None

    @property
    def overruled(self) -> bool:
        return self.verdict is Verdict.OVERRULED


@dataclass(frozen=True, slots=True)
class SetDetail:
    id: int
    number: int
    ended_at: dt.datetime
    duration_s: float
    reps: int
    reps_by_side: dict[str, int]
    hold_s: float
    judged_fraction: float | None
    pain_before: int | None
    pain_after: int | None
    sharp_pain: bool
    stopped: bool
    note: str
    rep_rows: tuple[RepRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A session in a list: totals over its sets."""

    id: int
    patient_id: int
    exercise_id: str
    exercise_name: str
    source: Source
    started_at: dt.datetime
    counts_reps: bool
    sets: int
    reps: int
    hold_s: float
    flags: int
    pain_before: int | None  # before the first set
    pain_after: int | None  # after the last set


@dataclass(frozen=True, slots=True)
class NoteRecord:
    id: int
    patient_id: int
    session_id: int | None
    author_id: int | None
    author_name: str
    written_at: dt.datetime
    text: str


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A session with its sets, reps, flags (with reviews) and notes."""

    summary: SessionSummary
    video_name: str
    view: str | None
    warnings: tuple[str, ...]
    sets: tuple[SetDetail, ...]
    notes: tuple[NoteRecord, ...] = ()

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def events(self) -> tuple[EventRecord, ...]:
        return tuple(e for s in self.sets for e in s.events)

    @property
    def rep_rows(self) -> tuple[RepRecord, ...]:
        return tuple(r for s in self.sets for r in s.rep_rows)


@dataclass(frozen=True, slots=True)
class PrescribedExercise:
    """One exercise in a programme.

    Attributes:
        exercise_id: The spec id (``glute_bridge``).
        sets: Sets per exercise day.
        reps: Reps per set (rep exercises), or None.
        hold_s: Seconds per hold (hold exercises: per set; rep exercises: at the top of each rep).
        side: ``left``, ``right`` or ``both``; None follows the spec.
        adjustments: Per-patient spec changes, dotted path to number, e.g.
            ``{"reps.min_range": 12}`` (see :mod:`formcheck.store.adjustments`).
    """

    exercise_id: str
    sets: int = 1
    reps: int | None = None
    hold_s: float | None = None
    side: str | None = None
    adjustments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProgrammeInfo:
    """One version of a patient's programme; ``ends_on`` (exclusive) is None while current."""

    id: int
    patient_id: int
    therapist_id: int | None
    starts_on: dt.date
    ends_on: dt.date | None
    days_per_week: int
    note: str
    exercises: tuple[PrescribedExercise, ...]

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """Done against prescribed for one exercise over a period (days inclusive).

    ``reps_*`` are for rep exercises and ``hold_*_s`` for hold exercises (None otherwise).
    """

    exercise_id: str
    days_prescribed: float
    days_done: int
    sets_prescribed: float
    sets_done: int
    reps_prescribed: float | None
    reps_done: int | None
    hold_prescribed_s: float | None
    hold_done_s: float | None

    @property
    def adherence(self) -> float:
        """Share of prescribed exercise days on which it was done (0-1, capped at 1)."""
        if self.days_prescribed <= 0:
            return 1.0  # nothing was asked for
        return min(1.0, self.days_done / self.days_prescribed)


@dataclass(frozen=True, slots=True)
class ReferenceTargets:
    """A patient's targets for an exercise, from one good rep."""

    id: int
    patient_id: int
    exercise_id: str
    rep_id: int | None
    side: str | None
    range_of_motion: float
    duration_s: float
    up_s: float
    down_s: float
    recorded_by: int | None
    recorded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class RepComparison:
    """A rep against the patient's reference rep.

    Attributes:
        range_diff: Rep's range minus the reference's (in the counted metric's unit).
        range_ratio: Rep's range over the reference's.
        duration_diff_s: Rep's duration minus the reference's.
        range_ok: Within the range tolerance of the reference.
        tempo_ok: Within the tempo tolerance of the reference.
        message: The difference in words.
    """

    range_diff: float
    range_ratio: float
    duration_diff_s: float
    range_ok: bool
    tempo_ok: bool
    message: str
