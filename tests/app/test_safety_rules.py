"""The safety rules the app applies: red-flag screening and the pain checks around a set."""

from __future__ import annotations

import pytest

from formcheck.app.safety import RED_FLAGS, Screening, judge_pain, screen

ALL_NO = {flag.id: False for flag in RED_FLAGS}


def test_red_flags_cover_the_guides_list() -> None:
    words = " ".join(flag.question.lower() for flag in RED_FLAGS)
    for topic in (
        "numbness",
        "tingling",
        "weak",
        "bladder",
        "wake you at night",
        "fall",
        "accident",
    ):
        assert topic in words


def test_nothing_answered_is_not_clear() -> None:
    assert screen({}).status is Screening.UNANSWERED
    assert not screen({"numbness": False}).may_exercise


def test_all_no_is_clear() -> None:
    assert screen(ALL_NO).may_exercise


@pytest.mark.parametrize("flag", [f.id for f in RED_FLAGS if not f.urgent])
def test_any_yes_means_see_a_doctor_even_with_questions_left(flag: str) -> None:
    result = screen({flag: True})
    assert result.status is Screening.SEE_DOCTOR
    assert "see a doctor" in result.message
    assert not result.may_exercise


def test_bladder_problems_are_urgent_whatever_else() -> None:
    result = screen({**ALL_NO, "numbness": True, "bladder": True})
    assert result.status is Screening.URGENT
    assert "urgently" in result.message and "emergency" in result.message


@pytest.mark.parametrize(
    ("before", "after", "sharp", "stop"),
    [
        (2, 3, False, False),
        (2, 4, False, True),  # a rise of 2 stops
        (0, 9, False, True),
        (5, 2, False, False),  # better
        (3, 3, True, True),  # sharp pain stops whatever the numbers
    ],
)
def test_pain_rules(before: int, after: int, sharp: bool, stop: bool) -> None:
    verdict = judge_pain(before, after, sharp=sharp)
    assert verdict.stop is stop
    if stop and not sharp:
        assert f"from {before} to {after}" in verdict.message


def test_pain_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="pain after must be a whole number from 0 to 10"):
        judge_pain(3, 11)
