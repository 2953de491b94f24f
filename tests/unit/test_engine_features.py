"""Engine features beyond one-sided counting: alternating sides, calibration, ratio stats.

Driven with hand-built metric frames, so every expectation is exact.
"""

from __future__ import annotations

import math

import pytest

from formcheck.engine.events import RepCompleted, RepFault, SetupGuidance, Summary
from formcheck.engine.frames import MetricFrame
from formcheck.engine.session import Engine
from formcheck.specs.schema import ExerciseSpec
from tests.demo_spec import POSTURE, make_spec

FPS = 30.0

ALTERNATING_REPS = make_spec(
    side="alternating",
    metrics={"lift_deg": {"kind": "incline", "points": ["HIP", "KNEE"]}},
    reps={
        "metric": "lift_deg",
        "rest": {"lift_deg": {"below": 10}},
        "peak": {"lift_deg": {"above": 30}},
        "min_range": 20,
    },
)


def run(spec: ExerciseSpec, frames: list[MetricFrame]) -> list[object]:
    engine = Engine(spec)
    events: list[object] = []
    for frame in frames:
        events.extend(engine.update(frame))
    events.extend(engine.finish())
    return events


def lifts(pattern: str, seconds_each: float = 2.0) -> list[MetricFrame]:
    """One lift per character: 'L' lifts the left side, 'R' the right; the other stays at 0.
    Each lift starts after half a second at rest (a rep starts from rest)."""
    frames = []
    t = 0.0
    rest = int(0.5 * FPS)
    per = int(seconds_each * FPS)
    for char in pattern:
        for i in range(rest + per):
            value = 0.0 if i < rest else 45.0 * math.sin(math.pi * (i - rest) / per)
            left, right = (value, 0.0) if char == "L" else (0.0, value)
            frames.append(MetricFrame(t, {"lift_deg@left": left, "lift_deg@right": right}))
            t += 1 / FPS
    return frames


def test_alternating_reps_are_counted_per_side() -> None:
    events = run(ALTERNATING_REPS, lifts("LRLRL"))
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.reps == 5
    assert summary.reps_by_side == {"left": 3, "right": 2}
    sides = [e.side for e in events if isinstance(e, RepCompleted)]
    assert sides == ["left", "right", "left", "right", "left"]


def test_alternating_same_side_repeats_count_on_that_side() -> None:
    summary = run(ALTERNATING_REPS, lifts("RRR"))[-1]
    assert isinstance(summary, Summary)
    assert summary.reps_by_side == {"right": 3}


ALTERNATING_HOLD = make_spec(
    side="alternating",
    metrics={"knee_deg": {"kind": "joint_angle", "points": ["SHOULDER", "HIP", "KNEE"]}},
    hold={"position": {"knee_deg": {"below": 90}}, "enter_s": 0.5, "leave_s": 0.5},
    dosage={"text": "20 s per side", "hold_s": 20, "per_side": True},
)


def test_alternating_holds_are_timed_per_side() -> None:
    frames = []
    for i in range(int(20 * FPS)):
        t = i / FPS
        left = 60.0 if 2 <= t < 8 else 170.0  # left knee to chest for 6 s
        right = 60.0 if 11 <= t < 15 else 170.0  # then the right for 4 s
        frames.append(MetricFrame(t, {"knee_deg@left": left, "knee_deg@right": right}))
    summary = run(ALTERNATING_HOLD, frames)[-1]
    assert isinstance(summary, Summary)
    # Each hold starts counting after enter_s (0.5 s) in position.
    assert summary.hold_s_by_side["left"] == pytest.approx(5.5, abs=2 / FPS)
    assert summary.hold_s_by_side["right"] == pytest.approx(3.5, abs=2 / FPS)
    assert summary.hold_s == pytest.approx(9.0, abs=3 / FPS)
    windows = [(round(w.start_s, 1), round(w.end_s, 1)) for w in summary.hold_windows]
    assert windows == [(2.0, 8.0), (11.0, 15.0)]


def _two_knees(
    left_window: tuple[float, float],
    right_window: tuple[float, float],
    *,
    right_unseen: bool = False,
    seconds: float = 12.0,
) -> list[MetricFrame]:
    """Each knee at the chest (60) within its window, else down (170); the right knee's metric
    optionally unseen (a far-side guess) throughout."""
    frames = []
    for i in range(int(seconds * FPS)):
        t = i / FPS
        left = 60.0 if left_window[0] <= t < left_window[1] else 170.0
        right = 60.0 if right_window[0] <= t < right_window[1] else 170.0
        unseen = frozenset({"knee_deg@right"}) if right_unseen else frozenset()
        frames.append(
            MetricFrame(t, {"knee_deg@left": left, "knee_deg@right": right}, unseen=unseen)
        )
    return frames


def test_a_guessed_far_side_in_position_does_not_time_a_second_hold_meanwhile() -> None:
    # The left knee is held 2-8 s; MediaPipe's guess for the hidden right knee wanders into
    # the position from 3 to 7 s. One hold: the left one, 5.5 s (enter_s 0.5 s).
    frames = _two_knees((2.0, 8.0), (3.0, 7.0), right_unseen=True)
    summary = run(ALTERNATING_HOLD, frames)[-1]
    assert isinstance(summary, Summary)
    assert summary.hold_s_by_side == pytest.approx({"left": 5.5, "right": 0.0}, abs=2 / FPS)
    assert [(round(w.start_s, 1), round(w.end_s, 1)) for w in summary.hold_windows] == [(2.0, 8.0)]


def test_a_seen_side_wins_over_a_guessed_one_that_came_first() -> None:
    # The guessed right knee is "in position" from 1 s and holds from 1.5 s; the seen left
    # knee comes up at 3 s and takes over: the right hold ends after its leave_s.
    frames = _two_knees((3.0, 8.0), (1.0, 10.0), right_unseen=True)
    summary = run(ALTERNATING_HOLD, frames)[-1]
    assert isinstance(summary, Summary)
    assert summary.hold_s_by_side["left"] == pytest.approx(4.5, abs=2 / FPS)
    # 1.5 s to 3.0 s, then the left holds; from 8 s the right is free again (8.5-10 s).
    assert summary.hold_s_by_side["right"] == pytest.approx(1.5 + 1.5, abs=3 / FPS)
    assert summary.hold_s == pytest.approx(sum(summary.hold_s_by_side.values()))


def test_of_two_seen_sides_the_one_already_holding_keeps_the_hold() -> None:
    # Both knees up (a different stretch): the left came first and keeps the only hold.
    frames = _two_knees((2.0, 8.0), (4.0, 8.0))
    summary = run(ALTERNATING_HOLD, frames)[-1]
    assert isinstance(summary, Summary)
    assert summary.hold_s_by_side == pytest.approx({"left": 5.5, "right": 0.0}, abs=2 / FPS)


@pytest.mark.parametrize("upright_deg", [70.0, 82.0])
def test_calibration_judges_against_the_persons_own_upright(upright_deg: float) -> None:
    frames = []
    for i in range(int(12 * FPS)):
        t = i / FPS
        slump = 20.0 if 6 <= t < 9 else 0.0  # the head drifts 20 degrees forward for 3 s
        frames.append(MetricFrame(t, {"neck_deg": upright_deg - slump}))
    events = run(POSTURE, frames)
    calibrated = [e for e in events if isinstance(e, SetupGuidance) and e.code == "calibrated"]
    assert len(calibrated) == 1 and calibrated[0].timestamp_s == pytest.approx(3.0, abs=1 / FPS)
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.issue_counts == {"forward_head": 1}


def test_calibration_before_it_is_done_judges_nothing() -> None:
    frames = [MetricFrame(i / FPS, {"neck_deg": 40.0}) for i in range(int(2 * FPS))]
    summary = run(POSTURE, frames)[-1]
    assert isinstance(summary, Summary)
    assert summary.issue_counts == {}


LIFT = make_spec(
    metrics={
        "trunk_deg": {"kind": "incline", "points": ["HIP", "SHOULDER"]},
        "knee_deg": {"kind": "joint_angle", "points": ["HIP", "KNEE", "ANKLE"]},
    },
    reps={
        "metric": "trunk_deg",
        "direction": "down",
        "rest": {"trunk_deg": {"above": 70}},
        "peak": {"trunk_deg": {"below": 40}},
        "min_range": 30,
    },
    rep_rules=[
        {
            "id": "stoop",
            "stat": "range_ratio",
            "metric": "trunk_deg",
            "over": "knee_deg",
            "when": {"above": 1.5},
            "cue": "Bend your knees and hips, keep your back straight",
            "message": "The back bent much more than the knees",
        }
    ],
)


def lift_frames(knee_bend_deg: float) -> list[MetricFrame]:
    frames = []
    for i in range(int(4 * FPS)):
        phase = math.sin(math.pi * i / (4 * FPS))
        frames.append(
            MetricFrame(
                i / FPS,
                {"trunk_deg": 85.0 - 60.0 * phase, "knee_deg": 175.0 - knee_bend_deg * phase},
            )
        )
    return frames


def test_range_ratio_flags_a_stooped_lift_and_not_a_squat_lift() -> None:
    stoop = [e for e in run(LIFT, lift_frames(knee_bend_deg=10.0)) if isinstance(e, RepFault)]
    squat = [e for e in run(LIFT, lift_frames(knee_bend_deg=80.0)) if isinstance(e, RepFault)]
    assert [f.rule_id for f in stoop] == ["stoop"]
    assert stoop[0].value == pytest.approx(60.0 / 10.0, rel=0.02)
    assert squat == []


def test_range_ratio_needs_over_and_rules_may_use_calibrated_names_only_when_calibrated() -> None:
    with pytest.raises(ValueError, match="'over' is given with, and only with"):
        make_spec(
            metrics={"a": {"kind": "incline", "points": ["HIP", "KNEE"]}},
            reps={"metric": "a", "peak": {"a": {"above": 1}}, "min_range": 1},
            rep_rules=[
                {
                    "id": "r",
                    "stat": "range_ratio",
                    "metric": "a",
                    "when": {"above": 1},
                    "cue": "c",
                    "message": "m",
                }
            ],
        )
    with pytest.raises(ValueError, match="a_from_baseline"):
        make_spec(
            metrics={"a": {"kind": "incline", "points": ["HIP", "KNEE"]}},
            hold={"position": {"a": {"above": 1}}},
            frame_rules=[
                {
                    "id": "r",
                    "metric": "a_from_baseline",
                    "when": {"above": 1},
                    "cue": "c",
                    "message": "m",
                }
            ],
        )
