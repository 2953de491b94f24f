"""Holds with alternative positions (a pigeon for the piriformis stretch's figure-4), positions
that count only when their metrics are seen, rules limited to some positions, and the
``difference`` metric that tells a pigeon's front leg from its back one.

Metric frames and landmark arrays are built by hand, so every expectation is exact on the
30 fps frame grid.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from formcheck.engine.events import FormIssueStarted
from formcheck.engine.frames import MetricFrame
from formcheck.engine.hold import MAX_UNCONFIRMED_S, HoldTimer
from formcheck.engine.session import Engine
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import MetricComputer
from formcheck.landmarks import PoseLandmark
from formcheck.specs.schema import Bound, HoldPosition, HoldSpec, MetricSpec
from tests.demo_spec import make_spec
from tests.unit.test_hold_entry import time_hold

FPS = 30
FRAME = 1.0 / FPS

# Lying (trunk near 0) with the ankle on the other knee, or sitting up (trunk 60+) in a split.
HOLD = HoldSpec(
    name="lying",
    position={"ankle_gap": Bound(below=0.4), "trunk_deg": Bound(above=-40, below=40)},
    seen=("ankle_gap",),
    alternatives=(
        HoldPosition(
            name="sitting", position={"split_deg": Bound(above=100), "trunk_deg": Bound(above=10)}
        ),
    ),
    enter_s=0.5,
    settle_deg=None,
)
LYING = {"ankle_gap": 0.2, "trunk_deg": 0.0, "split_deg": 20.0}
SITTING = {"ankle_gap": 1.0, "trunk_deg": 70.0, "split_deg": 150.0}
NEITHER = {"ankle_gap": 1.0, "trunk_deg": 0.0, "split_deg": 20.0}


def stretches(*parts: tuple[float, dict[str, float], frozenset[str]]) -> list[MetricFrame]:
    """Frames holding each ``values`` for its seconds with its unseen metrics, one after another."""
    out: list[MetricFrame] = []
    for seconds, values, unseen in parts:
        start = len(out)
        out += [
            MetricFrame((start + i) / FPS, values, unseen=unseen)
            for i in range(round(seconds * FPS))
        ]
    return out


def frames(
    *parts: tuple[float, dict[str, float]], unseen: frozenset[str] = frozenset()
) -> list[MetricFrame]:
    """Frames holding each ``values`` for its seconds, one stretch after another, with the same
    metrics unseen throughout."""
    return stretches(*((seconds, values, unseen) for seconds, values in parts))


def test_the_alternative_position_is_timed_like_the_main_one() -> None:
    for position in (LYING, SITTING):
        timer = time_hold(HOLD, frames((1.0, NEITHER), (5.0, position), (1.0, NEITHER)))
        (window,) = timer.windows
        assert window.start_s == pytest.approx(1.0)
        assert window.end_s == pytest.approx(6.0 - FRAME)
        # Timed from the frame that completes enter_s, that frame's own time included.
        assert timer.held_s == pytest.approx(5.0 - HOLD.enter_s, abs=1e-9)


def test_changing_position_without_a_break_is_one_hold() -> None:
    timer = time_hold(HOLD, frames((1.0, NEITHER), (3.0, LYING), (3.0, SITTING), (1.0, NEITHER)))
    (window,) = timer.windows
    assert (window.start_s, window.end_s) == pytest.approx((1.0, 7.0 - FRAME))


def test_the_position_of_each_frame_is_named() -> None:
    timer = HoldTimer(HOLD)
    names = [timer.position_of(f) for f in frames((0.1, LYING), (0.1, SITTING), (0.1, NEITHER))]
    assert names == ["lying"] * 3 + ["sitting"] * 3 + [None] * 3


def test_a_position_whose_seen_metric_is_a_guess_does_not_count() -> None:
    # The ankle is "found" on the other knee while out of view: not a figure-4.
    guessed = frames((1.0, NEITHER), (5.0, LYING), unseen=frozenset({"ankle_gap"}))
    assert time_hold(HOLD, guessed).windows == []
    # A guess in a metric the position does not need to see still counts.
    other_guess = frames((1.0, NEITHER), (5.0, LYING), unseen=frozenset({"split_deg"}))
    assert len(time_hold(HOLD, other_guess).windows) == 1


ANKLE_LOST = frozenset({"ankle_gap"})
SEEN: frozenset[str] = frozenset()
# MediaPipe loses the crossed ankle and guesses it at the other foot, far from the knee.
LYING_ANKLE_GUESSED = {**LYING, "ankle_gap": 0.9}


def test_a_hold_whose_seen_metric_is_lost_is_neither_ended_nor_timed_meanwhile() -> None:
    timer = time_hold(
        HOLD,
        stretches(
            (1.0, NEITHER, SEEN),
            (3.0, LYING, SEEN),
            (2.0, LYING_ANKLE_GUESSED, ANKLE_LOST),
            (3.0, LYING, SEEN),
            (1.0, NEITHER, SEEN),
        ),
    )
    (window,) = timer.windows
    assert (window.start_s, window.end_s) == pytest.approx((1.0, 9.0 - FRAME))
    # 3 s + 3 s in position, less enter_s; the 2 s unconfirmed are counted as unjudged.
    assert timer.held_s == pytest.approx(6.0 - HOLD.enter_s, abs=1e-9)
    assert window.unjudged_s == pytest.approx(2.0, abs=FRAME + 1e-9)


def test_a_hold_left_unconfirmed_too_long_ends_at_its_last_seen_frame() -> None:
    lost_s = MAX_UNCONFIRMED_S + 1.0
    timer = time_hold(
        HOLD,
        stretches(
            (1.0, NEITHER, SEEN), (3.0, LYING, SEEN), (lost_s, LYING_ANKLE_GUESSED, ANKLE_LOST)
        ),
    )
    (window,) = timer.windows
    assert (window.start_s, window.end_s) == pytest.approx((1.0, 4.0 - FRAME))


def test_a_lost_seen_metric_does_not_hold_a_position_whose_other_conditions_fail() -> None:
    # Sat up (trunk 70: not lying) with the ankle unseen: the person has left the position.
    sat_up = {**LYING_ANKLE_GUESSED, "trunk_deg": 70.0}
    timer = time_hold(
        HOLD,
        stretches((1.0, NEITHER, SEEN), (3.0, LYING, SEEN), (3.0, sat_up, ANKLE_LOST)),
    )
    (window,) = timer.windows
    assert window.end_s == pytest.approx(4.0 - FRAME)


def test_a_lost_seen_metric_cannot_start_a_hold_or_resume_one_that_ended() -> None:
    timer = time_hold(
        HOLD,
        stretches(
            (1.0, NEITHER, SEEN),
            (2.0, LYING, SEEN),
            (2.0, NEITHER, SEEN),  # left: the hold ends
            (3.0, LYING_ANKLE_GUESSED, ANKLE_LOST),
        ),
    )
    (window,) = timer.windows
    assert window.end_s == pytest.approx(3.0 - FRAME)
    assert not timer.holding


def test_settling_is_judged_on_the_metrics_of_the_position_held() -> None:
    # The split swings 40 degrees while lying: it is not part of lying, so the hold settles.
    spec = HOLD.model_copy(update={"settle_deg": 10.0, "settle_s": 0.5})
    swinging = [
        MetricFrame(i / FPS, {**LYING, "split_deg": 20.0 + 40.0 * (i % 2)}) for i in range(150)
    ]
    (window,) = time_hold(spec, swinging).windows
    assert window.start_s == pytest.approx(0.0)


# -- rules limited to some positions ---------------------------------------------------------

SPEC = make_spec(
    metrics={
        "ankle_gap": {"kind": "distance", "points": ["ANKLE", "OTHER_KNEE"]},
        "trunk_deg": {"kind": "incline", "points": ["MID_HIP", "MID_SHOULDER"]},
        "split_deg": {"kind": "joint_angle", "points": ["KNEE", "MID_HIP", "OTHER_KNEE"]},
    },
    hold=HOLD.model_dump(),
    frame_rules=[
        {
            "id": "shoulders_up",
            "metric": "trunk_deg",
            "when": {"above": 20},
            "phase": "hold",
            "positions": ["lying"],
            "persist_s": 0.5,
            "cue": "Shoulders down",
            "message": "Shoulders off the floor",
        }
    ],
    dosage={"text": "hold", "hold_s": 30},
)


def run(spec, stream: list[MetricFrame]) -> list[str]:
    engine = Engine(spec)
    events = [e for frame in stream for e in engine.update(frame)] + engine.finish()
    return [e.rule_id for e in events if isinstance(e, FormIssueStarted)]


def test_a_rule_for_one_position_is_not_judged_in_another() -> None:
    # Sitting up is the alternative position itself: no "shoulders off the floor".
    assert run(SPEC, frames((1.0, NEITHER), (5.0, SITTING))) == []
    # Lying with the shoulders curled up to 30 degrees is the lying position's fault.
    curled = {**LYING, "trunk_deg": 30.0}
    assert run(SPEC, frames((1.0, NEITHER), (2.0, LYING), (3.0, curled))) == ["shoulders_up"]


def test_a_rule_is_judged_while_the_hold_is_unconfirmed() -> None:
    # Curling up makes MediaPipe lose the crossed ankle: the figure-4 cannot be confirmed, but
    # the hold it was in goes on and its shoulders are still judged.
    curled = {**LYING_ANKLE_GUESSED, "trunk_deg": 30.0}
    stream = stretches((1.0, NEITHER, SEEN), (2.0, LYING, SEEN), (3.0, curled, ANKLE_LOST))
    assert run(SPEC, stream) == ["shoulders_up"]
    # Without a hold under way the same frames are no figure-4, and nothing is judged.
    assert run(SPEC, stretches((1.0, NEITHER, SEEN), (3.0, curled, ANKLE_LOST))) == []


def test_an_unlimited_rule_is_judged_in_every_position() -> None:
    raw = SPEC.model_dump()
    raw["frame_rules"][0]["positions"] = []
    assert run(make_spec(**raw), frames((1.0, NEITHER), (5.0, SITTING))) == ["shoulders_up"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda raw: raw["hold"]["alternatives"][0].update(name="lying"),
            "hold position names must be unique",
        ),
        (
            lambda raw: raw["hold"]["alternatives"][0]["position"].update(nope={"above": 1}),
            r"hold\.alternatives\[sitting\]\.position names metric 'nope'",
        ),
        (lambda raw: raw["hold"].update(seen=["split_deg"]), "'seen' names split_deg"),
        (
            lambda raw: raw["frame_rules"][0].update(positions=["kneeling"]),
            r"positions names kneeling, not a hold position \(positions: lying, sitting\)",
        ),
        (
            lambda raw: raw["frame_rules"][0].update(phase="any"),
            "'positions' limits a hold-phase rule",
        ),
    ],
)
def test_a_malformed_hold_position_is_rejected(change, message: str) -> None:
    raw = SPEC.model_dump()
    change(raw)
    with pytest.raises(ValidationError, match=message):
        make_spec(**raw)


# -- the difference metric -------------------------------------------------------------------

KNEES = make_spec(
    metrics={
        "knee_deg": {"kind": "joint_angle", "points": ["HIP", "KNEE", "ANKLE"]},
        "other_knee_deg": {
            "kind": "joint_angle",
            "points": ["OTHER_HIP", "OTHER_KNEE", "OTHER_ANKLE"],
        },
        "fold_lead_deg": {"kind": "difference", "of": ["other_knee_deg", "knee_deg"]},
    },
    hold={"position": {"fold_lead_deg": {"above": 30}}},
    dosage={"text": "hold", "hold_s": 30},
)


def legs(left_knee_deg: list[float], right_knee_deg: list[float]) -> np.ndarray:
    """Plane landmarks: each thigh horizontal, each shin folded back to the given knee angle."""
    plane = np.zeros((len(left_knee_deg), 33, 2))
    for frame, angles in enumerate(zip(left_knee_deg, right_knee_deg, strict=True)):
        for side, angle in zip(("LEFT", "RIGHT"), angles, strict=True):
            hip, knee = np.array([0.5, 0.5]), np.array([0.8, 0.5])
            shin = math.radians(180.0 - angle)
            plane[frame, PoseLandmark[f"{side}_HIP"]] = hip
            plane[frame, PoseLandmark[f"{side}_KNEE"]] = knee
            plane[frame, PoseLandmark[f"{side}_ANKLE"]] = knee + 0.3 * np.array(
                [math.cos(shin), math.sin(shin)]
            )
    return plane


def test_difference_is_the_first_source_less_the_second_on_each_frame() -> None:
    computer = MetricComputer(KNEES)
    values = computer.compute(legs([20.0, 90.0, 160.0], [170.0, 60.0, 160.0]), Side.LEFT)
    assert np.allclose(values["fold_lead_deg"], [150.0, -30.0, 0.0])
    # Working on the other side, the same legs lead the other way.
    other = computer.compute(legs([20.0, 90.0, 160.0], [170.0, 60.0, 160.0]), Side.RIGHT)
    assert np.allclose(other["fold_lead_deg"], [-150.0, 30.0, 0.0])


def test_difference_is_unknown_when_either_source_is_and_as_seen_as_the_less_seen() -> None:
    computer = MetricComputer(KNEES)
    plane = legs([20.0, 20.0], [170.0, 170.0])
    plane[1, PoseLandmark.RIGHT_ANKLE] = np.nan
    values = computer.compute(plane, Side.LEFT)
    assert math.isnan(values["fold_lead_deg"][1])
    visibility = np.ones((2, 33))
    visibility[:, PoseLandmark.RIGHT_KNEE] = 0.3
    seen = computer.visibility(visibility, Side.LEFT, values)
    assert seen["fold_lead_deg"].tolist() == [0.3, 0.3]


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        ({"kind": "difference", "of": ["knee_deg"]}, "exactly two other metrics"),
        ({"kind": "difference", "of": ["a", "b", "c"]}, "exactly two other metrics"),
        ({"kind": "difference", "of": ["a", "b"], "points": ["HIP"]}, "no points"),
        (
            {"kind": "difference", "of": ["a", "b"], "near_side_only": True},
            "as seen as its sources",
        ),
    ],
)
def test_a_malformed_difference_metric_is_rejected(metric: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MetricSpec.model_validate(metric)
