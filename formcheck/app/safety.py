"""Safety rules the app applies: red-flag screening before exercise, pain checks around each set.

The questions and thresholds follow the low-back-pain guides FormCheck's exercises come from:
any red flag means see a doctor before exercising (urgently for bladder or bowel problems);
pain that rises by 2 or more points on a 0-10 scale during a set, or any sharp pain, ends the
set. Pure data and functions: the Streamlit pages only display what these return.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

DISCLAIMER = (
    "FormCheck is not medical advice and does not diagnose anything. It counts and coaches; "
    "it cannot tell whether an exercise is right for you. If in doubt, ask a doctor or "
    "physiotherapist. Never push through sharp pain."
)

# A rise of this many points (0-10 scale) from before to after a set ends it.
PAIN_RISE_STOP = 2
PAIN_SCALE = tuple(range(11))


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    question: str
    short: str  # for "You answered yes to: ..."
    urgent: bool = False


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "numbness",
        "Do you have numbness or tingling in a leg, your buttocks or your groin?",
        "numbness or tingling",
    ),
    RedFlag("weakness", "Is either leg weak, or does it give way?", "leg weakness"),
    RedFlag(
        "bladder",
        "Have you lost control of your bladder or bowels, or do you have trouble passing urine?",
        "loss of bladder or bowel control",
        urgent=True,
    ),
    RedFlag("night_pain", "Does your back pain wake you at night?", "pain that wakes you at night"),
    RedFlag(
        "trauma", "Did the pain start after a fall or an accident?", "pain after a fall or accident"
    ),
)


class Screening(StrEnum):
    UNANSWERED = "unanswered"
    CLEAR = "clear"
    SEE_DOCTOR = "see_doctor"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    status: Screening
    message: str

    @property
    def may_exercise(self) -> bool:
        return self.status is Screening.CLEAR


def screen(answers: Mapping[str, bool | None]) -> ScreeningResult:
    """Judges the red-flag answers (True = yes, None = not answered yet).

    Any yes stops, even before every question is answered.

    Example:
        >>> screen({"bladder": True}).status
        <Screening.URGENT: 'urgent'>
    """
    yes = [flag for flag in RED_FLAGS if answers.get(flag.id) is True]
    if any(flag.urgent for flag in yes):
        return ScreeningResult(
            Screening.URGENT,
            "Do not exercise. Loss of bladder or bowel control with back pain needs a doctor "
            "urgently: go to an emergency department or call emergency services now. It can be "
            "a sign of nerve compression that must be treated within hours.",
        )
    if yes:
        which = ", ".join(flag.short for flag in yes)
        return ScreeningResult(
            Screening.SEE_DOCTOR,
            f"Do not start these exercises yet: please see a doctor first. You answered yes to: "
            f"{which}. These can be signs of a problem that needs a medical check before exercise.",
        )
    if any(answers.get(flag.id) is None for flag in RED_FLAGS):
        return ScreeningResult(Screening.UNANSWERED, "Answer every question to continue.")
    return ScreeningResult(
        Screening.CLEAR,
        "No red flags. You can exercise. Stop at once if you feel sharp pain, or pain, numbness "
        "or tingling spreading down a leg.",
    )


@dataclass(frozen=True, slots=True)
class PainVerdict:
    stop: bool
    message: str


def judge_pain(before: int, after: int, *, sharp: bool = False) -> PainVerdict:
    """Compares pain (0-10) before and after a set; sharp pain or a rise of 2+ stops.

    Raises:
        ValueError: a rating is outside 0-10.

    Example:
        >>> judge_pain(3, 5).stop
        True
    """
    for name, value in (("before", before), ("after", after)):
        if value not in PAIN_SCALE:
            raise ValueError(f"pain {name} must be a whole number from 0 to 10 (got {value})")
    if sharp:
        return PainVerdict(
            True,
            "Stop here: sharp pain is a signal to stop, not to push through. Rest today. If the "
            "pain does not settle within a day or two, keeps coming back, or spreads down a leg, "
            "see a doctor or physiotherapist before exercising again.",
        )
    rise = after - before
    if rise >= PAIN_RISE_STOP:
        return PainVerdict(
            True,
            f"Stop for today: your pain rose from {before} to {after}. Rest, and next time try a "
            "gentler version (fewer reps, a smaller range). If your pain stays higher than before "
            "the exercise, see a doctor or physiotherapist.",
        )
    trend = (
        "unchanged"
        if rise == 0
        else (f"down from {before} to {after}" if rise < 0 else f"{before} to {after}")
    )
    return PainVerdict(
        False,
        f"Pain {trend}: fine to carry on. Mild discomfort is normal; stop if it becomes sharp.",
    )


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One set in this session's log."""

    exercise: str
    pain_before: int
    pain_after: int | None
    sharp: bool
    reps: int | None
    hold_s: float | None
    stopped: bool
    note: str
