"""The fault table's placement of faults on alternating exercises and its per-side verdict
(bench/synth_fault_table.py)."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.benches import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("synth_fault_table")


def _job(bench: ModuleType, exercise: str, clip: int, margins: tuple[float | None, ...]) -> object:
    return bench.Job(exercise, "fault", clip, (1.0, 2.0, 3.0), margins)


def test_one_sided_exercises_fault_reps_2_4_and_6(bench: ModuleType) -> None:
    assert bench._faulty_reps(_job(bench, "glute_bridge", 1, (15.0, 5.0, 10.0))) == (2, 4, 6)


@pytest.mark.parametrize(
    ("clip", "margins", "reps"),
    [
        # Odd reps work the near leg. The two big faults go one to each side.
        (0, (5.0, 10.0, 15.0), (2, 3, 6)),
        (1, (15.0, 5.0, 10.0), (2, 3, 5)),
        (2, (10.0, 15.0, 5.0), (1, 4, 6)),
        (3, (5.0, 10.0, 15.0), (1, 4, 5)),
        # Unsized faults (an incomplete rep) alternate sides, starting with the far one on
        # even clips.
        (0, (None, None, None), (2, 3, 6)),
        (1, (None, None, None), (1, 4, 5)),
    ],
)
def test_alternating_exercises_put_one_big_fault_on_each_side(
    bench: ModuleType, clip: int, margins: tuple[float | None, ...], reps: tuple[int, ...]
) -> None:
    placed = bench._faulty_reps(_job(bench, "bird_dog", clip, margins))
    assert placed == reps
    big = [rep for rep, m in zip(placed, margins, strict=True) if m is None or m >= 10.0]
    if None not in margins:
        assert sorted(rep % 2 for rep in big) == [0, 1]
    assert [(rep - 1) // 2 for rep in placed] == [0, 1, 2]  # one fault in each of three pairs


def _unit(bench: ModuleType, margin: float, near: bool | None, unseen: bool) -> object:
    return bench.Unit(
        "bird_dog",
        "arm_low",
        "arm_not_reaching",
        1.0,
        margin,
        [],
        unchecked=["arm_not_reaching"] if unseen else [],
        near_worked=near,
    )


def test_a_rule_unseen_on_the_far_side_is_judged_on_the_near_side(bench: ModuleType) -> None:
    units = [
        _unit(bench, 10.0, False, unseen=True),
        _unit(bench, 15.0, False, unseen=True),
        _unit(bench, 10.0, True, unseen=False),
        _unit(bench, 5.0, True, unseen=True),  # not big: not counted
    ]
    assert bench._judged_sides(units, "arm_not_reaching") == ["near"]


def test_a_rule_unseen_on_most_faults_of_every_side_is_judged_nowhere(bench: ModuleType) -> None:
    units = [
        _unit(bench, 10.0, True, unseen=True),
        _unit(bench, 15.0, True, unseen=True),
        _unit(bench, 10.0, True, unseen=False),
        _unit(bench, 10.0, False, unseen=True),
    ]
    assert bench._judged_sides(units, "arm_not_reaching") == []


def test_exercises_that_do_not_alternate_have_one_group(bench: ModuleType) -> None:
    units = [_unit(bench, 10.0, None, unseen=False), _unit(bench, 10.0, None, unseen=True)]
    assert bench._judged_sides(units, "arm_not_reaching") == ["all"]
