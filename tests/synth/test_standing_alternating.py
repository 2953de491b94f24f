"""The standing, alternating exercises of the actor end to end through MediaPipe: the lunge
(reps counted per front leg) and the quadriceps stretch (a timed hold per bent leg). Each side
is counted or held on its own side, and each rule fires on its fault and not on clean reps or
stretches.

Odd reps (holds) work the near leg, even ones the far leg. The lunge reads well facing either
way (its legs split into an inverted V and never cross). The quad stretch is filmed facing left
(the facing in which the near bent leg's knee reads within a few degrees; facing right it reads
10-15 degrees high): with the far leg bent its shin and foot hide behind the standing thigh and
the pelvis, MediaPipe reads that knee about 10 degrees less bent and the hold's edges come up to
0.6 s late or early, and a fault on the far leg (knee pulled back, trunk leaning) breaks the
hold itself, so faults are asked for on the near leg's hold only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from formcheck import HoldProgress, RepCompleted
from formcheck.synth import Take, Tempo
from formcheck.synth.scoring import score_hold_stretches, score_reps

from .takes import EDGE_TOLERANCE_S, FAULT_EDGE_TOLERANCE_S, SIZE, Analysed, analyse_takes

LUNGE = Take(
    "lunge",
    reps=6,
    faults=("knee_past_toes:33@3", "trunk_lean:35@4", "incomplete:0.35@5"),
    facing="right",
    size=SIZE,
    tempo=Tempo(lead_s=1.0, up_s=1.0, top_s=0.6, down_s=1.0, rest_s=0.7),
    seed=40,
)
QUAD_STRETCH = Take(
    "quad_stretch",
    reps=2,
    faults=(
        "knee_forward:0.45@4-5.5s",
        "knee_pulled_back:0.65@7-8.5s",
        "not_upright:30@10-11.5s",
    ),
    facing="left",
    size=SIZE,
    tempo=Tempo(lead_s=1.0, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.0),
    seed=40,
)
# Edges of the far leg's hold (see the module docstring): measured 0.6 s late, 0.33 s early.
FAR_HOLD_EDGE_TOLERANCE_S = 0.75


@pytest.fixture(scope="module")
def runs(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Analysed]:
    folder = tmp_path_factory.mktemp("synth-standing-alternating")
    return analyse_takes({"lunge": LUNGE, "quad_stretch": QUAD_STRETCH}, folder, model_path)


def _side(run: Analysed, number: int) -> str:
    """The working side of rep (hold) ``number``: odd ones the near leg."""
    far = "right" if run.truth.near_side == "left" else "left"
    return run.truth.near_side if number % 2 == 1 else far


def test_lunge_counts_each_side_on_its_own(runs: dict[str, Analysed]) -> None:
    run = runs["lunge"]
    assert run.result.can_judge
    # Rep 5 stops short: an attempt, not a rep.
    assert run.truth.counted_by_spec == [True, True, True, True, False, True]
    outcomes = score_reps(run.truth, run.result)
    assert [o.counted for o in outcomes] == run.truth.counted_by_spec
    assert outcomes[4].incomplete
    counted = [e for e in run.result.events if isinstance(e, RepCompleted)]
    expected = Counter(_side(run, r.number) for r in run.truth.reps if r.complete)
    assert Counter(e.side for e in counted) == expected == {"right": 2, "left": 3}
    assert run.result.reps == run.truth.spec_rep_count == 5


def test_lunge_rules_fire_on_the_faulty_reps_only(runs: dict[str, Analysed]) -> None:
    run = runs["lunge"]
    fired = {o.number: set(o.rules) for o in score_reps(run.truth, run.result)}
    assert fired == {
        1: set(),
        2: set(),
        3: {"front_knee_past_toes"},
        4: {"trunk_leaning"},
        5: set(),
        6: set(),
    }


def test_lunge_top_windows_match_the_truth(runs: dict[str, Analysed]) -> None:
    run = runs["lunge"]
    measured, expected = run.result.hold_windows, run.truth.hold_windows
    assert len(measured) == len(expected) == 5
    for got, want in zip(measured, expected, strict=True):
        assert got.start_s == pytest.approx(want.start_s, abs=EDGE_TOLERANCE_S)
        assert got.end_s == pytest.approx(want.end_s, abs=EDGE_TOLERANCE_S)


def test_quad_stretch_holds_each_side_in_turn(runs: dict[str, Analysed]) -> None:
    run = runs["quad_stretch"]
    assert run.result.can_judge
    measured, expected = run.result.hold_windows, run.truth.hold_windows
    assert len(measured) == len(expected) == 2
    near, far = zip(measured, expected, strict=True)
    # The near leg's hold carries the faults: its edges are near them.
    assert near[0].start_s == pytest.approx(near[1].start_s, abs=EDGE_TOLERANCE_S)
    assert near[0].end_s == pytest.approx(near[1].end_s, abs=FAULT_EDGE_TOLERANCE_S)
    assert far[0].start_s == pytest.approx(far[1].start_s, abs=FAR_HOLD_EDGE_TOLERANCE_S)
    assert far[0].end_s == pytest.approx(far[1].end_s, abs=FAR_HOLD_EDGE_TOLERANCE_S)
    # Every second held is credited to the bent leg's side.
    holding = [e for e in run.result.events if isinstance(e, HoldProgress) and e.holding]
    for rep, window in zip(run.truth.reps, measured, strict=True):
        sides = {e.side for e in holding if window.start_s <= e.timestamp_s <= window.end_s}
        assert sides == {_side(run, rep.number)}, (rep.number, sides)


def test_quad_stretch_rules_fire_during_their_fault_and_never_outside(
    runs: dict[str, Analysed],
) -> None:
    run = runs["quad_stretch"]
    stretches = score_hold_stretches(run.truth, run.result)
    assert [s.fault for s in stretches] == [
        "knee_forward",
        "knee_pulled_back",
        "not_upright",
        None,
    ]
    rules = {f.name: f.rule for f in run.truth.faults}
    for stretch in stretches:
        expected = {rules[stretch.fault]} if stretch.fault else set()
        assert stretch.rules == expected, stretch
        assert not stretch.unchecked, stretch
