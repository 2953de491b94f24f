"""What the engine tells the world: one frozen dataclass per kind of event.

Every event carries ``timestamp_s``, the time in the video (or stream) it refers to. Events are
plain data, so the CLI, the app and reports consume them the same way (see :func:`event_to_dict`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SetupGuidance:
    """The person or camera needs adjusting before anything can be judged (or now can be).

    ``code`` is one of: ``ready``, ``no_person``, ``out_of_view``, ``wrong_view``,
    ``multiple_people``.
    """

    timestamp_s: float
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class RepCompleted:
    """A repetition that reached the peak; ``complete`` is False when the clip or set ended
    before the person came back down."""

    timestamp_s: float
    rep_number: int
    side: str | None
    start_s: float
    peak_s: float
    end_s: float
    duration_s: float
    range_of_motion: float
    metric_min: dict[str, float]
    metric_max: dict[str, float]
    issues: tuple[str, ...]
    complete: bool = True
    # Rep rules not judged on this rep: the camera could not see the points they need.
    unchecked: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IncompleteRep:
    """The person moved from rest towards the peak but turned back before it counted."""

    timestamp_s: float
    start_s: float
    range_of_motion: float
    best_value: float
    side: str | None


@dataclass(frozen=True, slots=True)
class HoldProgress:
    """Hold timer state: sent on every whole second held and whenever holding starts or stops."""

    timestamp_s: float
    held_s: float
    target_s: float | None
    holding: bool
    form_ok: bool
    side: str | None = None


@dataclass(frozen=True, slots=True)
class FormIssueStarted:
    """A form fault confirmed at ``timestamp_s``; it began at ``since_s`` (faults must persist
    for the rule's ``persist_s`` before they are reported)."""

    timestamp_s: float
    rule_id: str
    severity: str
    cue: str
    message: str
    value: float
    rep_number: int | None = None
    since_s: float = 0.0
    side: str | None = None


@dataclass(frozen=True, slots=True)
class FormIssueEnded:
    timestamp_s: float
    rule_id: str
    started_s: float
    duration_s: float
    worst_value: float
    side: str | None = None


@dataclass(frozen=True, slots=True)
class RepFault:
    """A fault judged on a whole rep (too fast, not far enough, ...)."""

    timestamp_s: float
    rule_id: str
    rep_number: int
    severity: str
    cue: str
    message: str
    value: float


@dataclass(frozen=True, slots=True)
class Cue:
    """The one coaching cue to show (or say) now; ``text`` None clears it."""

    timestamp_s: float
    text: str | None
    severity: str = "info"
    source: str = ""


@dataclass(frozen=True, slots=True)
class HoldWindow:
    start_s: float
    end_s: float
    good_form_s: float
    unjudged_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True)
class Summary:
    """End-of-set totals."""

    timestamp_s: float
    reps: int
    reps_by_side: dict[str, int]
    hold_s: float
    hold_windows: tuple[HoldWindow, ...]
    issue_counts: dict[str, int]
    judged_fraction: float
    notes: tuple[str, ...] = field(default=())
    hold_s_by_side: dict[str, float] = field(default_factory=dict)


Event = (
    SetupGuidance
    | RepCompleted
    | IncompleteRep
    | HoldProgress
    | FormIssueStarted
    | FormIssueEnded
    | RepFault
    | Cue
    | Summary
)


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready dict of the event with its kind under ``"type"``."""
    data = dataclasses.asdict(event)
    data["type"] = type(event).__name__
    return data
