"""A rep against the patient's reference rep, in words (the Live page and the session page)."""

from __future__ import annotations

import datetime as dt

import pytest

from formcheck.app.rep_reference import live_rep_line, reference_line
from formcheck.engine.events import RepCompleted
from formcheck.store import ReferenceTargets

TARGETS = ReferenceTargets(
    id=1, patient_id=2, exercise_id="glute_bridge", rep_id=3, side="left", range_of_motion=40.0,
    duration_s=3.0, up_s=1.5, down_s=1.5, recorded_by=4,
    recorded_at=dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC),
)  # fmt: skip


def _rep(
    number: int, range_of_motion: float, duration_s: float, complete: bool = True
) -> RepCompleted:
    return RepCompleted(
        10.0, number, "left", 7.0, 8.5, 10.0, duration_s, range_of_motion, {}, {}, (), complete
    )


def test_a_rep_on_target_says_so() -> None:
    assert live_rep_line(TARGETS, _rep(2, 39.0, 3.2)) == (
        "Rep 2 vs reference: range 39 vs 40; tempo 3.2 s vs 3.0 s: on target "
        ":green[✓ range and tempo on target]"
    )


def test_a_short_fast_rep_says_by_how_much() -> None:
    line = live_rep_line(TARGETS, _rep(3, 30.0, 1.5))
    assert line == (
        "Rep 3 vs reference: range 30 vs 40 (10 less, 75%); tempo 1.5 s vs 3.0 s: 1.5 s faster"
    )


@pytest.mark.parametrize(
    "rep",
    [_rep(1, 35.0, 3.0, complete=False), _rep(1, float("nan"), 3.0), _rep(1, 35.0, 0.0)],
    ids=["cut off by the end of the set", "range not measured", "no duration"],
)
def test_a_rep_without_a_full_range_or_tempo_is_not_compared(rep: RepCompleted) -> None:
    assert live_rep_line(TARGETS, rep) is None


def test_the_reference_in_words() -> None:
    assert reference_line(TARGETS) == "Reference: range 40, 3.0 s a rep (set 04 May 2026)."
