"""Tests for formcheck.engine.cues: one cue at a time, most severe first, shown long enough to
read, not repeated too often."""

from __future__ import annotations

import pytest

from formcheck.engine.cues import CueCandidate, CueScheduler
from formcheck.engine.events import Cue
from formcheck.specs.schema import Severity


def candidate(
    text: str,
    severity: Severity = Severity.WARNING,
    since_s: float = 0.0,
    source: str = "rule",
    persistent: bool = True,
) -> CueCandidate:
    return CueCandidate(text, severity, source, since_s, persistent)


ARCH = candidate("Don't arch", Severity.WARNING)
SAG = candidate("Lift your hips", Severity.ERROR)
INFO = candidate("Slow down", Severity.INFO)
SETUP = candidate("Step into the frame", Severity.WARNING, source="setup")


@pytest.fixture
def cues() -> CueScheduler:
    return CueScheduler(min_show_s=2.5, cooldown_s=8.0, one_off_s=3.0)


def test_nothing_to_say_says_nothing(cues: CueScheduler) -> None:
    assert cues.update(0.0, []) is None
    assert cues.current is None


def test_one_cue_at_a_time_most_severe_first(cues: CueScheduler) -> None:
    assert cues.update(0.0, [INFO, ARCH, SAG]) == Cue(0.0, "Lift your hips", "error", "rule")
    assert cues.current == SAG


def test_setup_guidance_beats_even_an_error(cues: CueScheduler) -> None:
    assert cues.update(0.0, [SAG, SETUP]) == Cue(0.0, "Step into the frame", "warning", "setup")


def test_of_equal_severity_the_older_cause_wins(cues: CueScheduler) -> None:
    older = candidate("older", since_s=1.0)
    newer = candidate("newer", since_s=2.0)
    cue = cues.update(2.0, [newer, older])
    assert cue is not None
    assert cue.text == "older"


def test_a_cue_stays_at_least_min_show_s_even_for_a_more_severe_one(cues: CueScheduler) -> None:
    assert cues.update(0.0, [ARCH]) is not None
    assert cues.update(1.0, [ARCH, SAG]) is None
    assert cues.update(2.49, [ARCH, SAG]) is None
    assert cues.update(2.5, [ARCH, SAG]) == Cue(2.5, "Lift your hips", "error", "rule")


def test_a_cue_whose_cause_ended_stays_until_min_show_s(cues: CueScheduler) -> None:
    cues.update(0.0, [ARCH])
    assert cues.update(1.0, []) is None
    assert cues.current == ARCH
    assert cues.update(2.5, []) == Cue(2.5, None)
    assert cues.current is None


def test_a_lasting_cause_is_shown_once_not_repeated(cues: CueScheduler) -> None:
    shown = [cues.update(float(t), [ARCH]) for t in range(0, 21)]
    assert shown[0] == Cue(0.0, "Don't arch", "warning", "rule")
    assert shown[1:] == [None] * 20


def test_the_same_text_is_not_shown_again_within_the_cooldown(cues: CueScheduler) -> None:
    cues.update(0.0, [ARCH])
    assert cues.update(2.5, []) == Cue(2.5, None)
    assert cues.update(4.0, [ARCH]) is None
    assert cues.update(7.9, [ARCH]) is None
    assert cues.current is None
    assert cues.update(8.0, [ARCH]) == Cue(8.0, "Don't arch", "warning", "rule")


def test_cooldown_is_per_text(cues: CueScheduler) -> None:
    cues.update(0.0, [ARCH])
    assert cues.update(2.5, []) == Cue(2.5, None)
    # Another cue is free to show at once.
    assert cues.update(3.0, [ARCH, INFO]) == Cue(3.0, "Slow down", "info", "rule")


def test_a_more_severe_cue_interrupts_and_the_first_returns_after_its_cooldown(
    cues: CueScheduler,
) -> None:
    assert cues.update(0.0, [ARCH]) is not None
    assert cues.update(3.0, [ARCH, SAG]) == Cue(3.0, "Lift your hips", "error", "rule")
    # The error ends at 6 s; "Don't arch" was shown at 0 s, so it waits for its cooldown.
    assert cues.update(6.0, [ARCH]) == Cue(6.0, None)
    assert cues.update(7.0, [ARCH]) is None
    assert cues.update(8.0, [ARCH]) == Cue(8.0, "Don't arch", "warning", "rule")


def test_one_off_cues_expire(cues: CueScheduler) -> None:
    cues.push_one_off(candidate("Go all the way up", since_s=0.0, persistent=False))
    assert cues.update(0.0, []) == Cue(0.0, "Go all the way up", "warning", "rule")
    assert cues.update(2.9, []) is None
    assert cues.update(3.0, []) == Cue(3.0, None)
    assert cues.update(4.0, []) is None


def test_a_one_off_waits_its_turn_behind_a_shown_cue(cues: CueScheduler) -> None:
    cues.update(0.0, [ARCH])
    cues.push_one_off(candidate("Too fast", Severity.ERROR, since_s=0.5, persistent=False))
    assert cues.update(2.0, [ARCH]) is None  # "Don't arch" still inside min_show_s
    assert cues.update(2.5, [ARCH]) == Cue(2.5, "Too fast", "error", "rule")
    assert cues.update(3.5, [ARCH]) is None  # expired, but shown for min_show_s
    assert cues.update(5.0, [ARCH]) == Cue(5.0, None)  # "Don't arch" is in its cooldown
    assert cues.update(8.0, [ARCH]) == Cue(8.0, "Don't arch", "warning", "rule")


def test_a_one_off_can_expire_unseen(cues: CueScheduler) -> None:
    cues.update(0.0, [SAG])
    cues.push_one_off(candidate("Too fast", Severity.INFO, since_s=0.1, persistent=False))
    assert cues.update(2.5, [SAG]) is None  # the error outranks it
    assert cues.update(3.1, []) == Cue(3.1, None)  # and by now it has expired
