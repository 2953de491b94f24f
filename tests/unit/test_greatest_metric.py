"""A ``greatest`` metric is the larger of other angle metrics, frame by frame.

The bird dog counts on whichever limb reaches further, so that a rep still counts when the
reaching leg leaves a tight frame or is hidden. Landmark arrays are built by hand, so every
expectation is exact.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import MetricComputer
from formcheck.landmarks import PoseLandmark
from formcheck.specs.loader import get_spec
from formcheck.specs.schema import ExerciseSpec, MetricSpec
from tests.demo_spec import make_spec

REPS = {
    "metric": "reach_deg",
    "rest": {"reach_deg": {"below": -15}},
    "peak": {"reach_deg": {"above": -20}},
    "min_range": 25,
}
LEG = {"kind": "incline", "points": ["HIP", "KNEE"]}
ARM = {"kind": "incline", "points": ["OTHER_SHOULDER", "OTHER_ELBOW"]}


def spec_with(metrics: dict[str, object]) -> ExerciseSpec:
    return make_spec(metrics=metrics, reps=REPS)


SPEC = spec_with(
    {
        "leg_deg": LEG,
        "arm_deg": ARM,
        "reach_deg": {"kind": "greatest", "of": ["leg_deg", "arm_deg"]},
    }
)


def segment(plane: np.ndarray, frame: int, start: PoseLandmark, end: PoseLandmark, deg: float):
    """Place ``end`` one unit from ``start`` at ``deg`` above horizontal (image y points down)."""
    plane[frame, start] = (0.5, 0.5)
    plane[frame, end] = (0.5 + math.cos(math.radians(deg)), 0.5 - math.sin(math.radians(deg)))


def limbs(leg_deg: list[float], arm_deg: list[float]) -> np.ndarray:
    """Plane landmarks with the left leg and the right (opposite) arm at the given inclines."""
    plane = np.zeros((len(leg_deg), 33, 2))
    for frame, (leg, arm) in enumerate(zip(leg_deg, arm_deg, strict=True)):
        segment(plane, frame, PoseLandmark.LEFT_HIP, PoseLandmark.LEFT_KNEE, leg)
        segment(plane, frame, PoseLandmark.RIGHT_SHOULDER, PoseLandmark.RIGHT_ELBOW, arm)
    return plane


def test_greatest_is_the_larger_source_on_each_frame() -> None:
    plane = limbs([-80.0, -10.0, -60.0], [-70.0, -40.0, 5.0])
    values = MetricComputer(SPEC).compute(plane, Side.LEFT)
    assert np.allclose(values["reach_deg"], [-70.0, -10.0, 5.0])


def test_a_missing_source_leaves_the_other() -> None:
    plane = limbs([-80.0, -10.0], [-70.0, -40.0])
    plane[1, PoseLandmark.LEFT_KNEE] = np.nan  # the leg is lost on frame 1
    values = MetricComputer(SPEC).compute(plane, Side.LEFT)
    assert math.isnan(values["leg_deg"][1])
    assert np.allclose(values["reach_deg"], [-70.0, -40.0])


def test_greatest_is_as_visible_as_the_source_giving_its_value() -> None:
    computer = MetricComputer(SPEC)
    plane = limbs([-10.0, -80.0], [-70.0, -5.0])
    visibility = np.ones((2, 33))
    visibility[:, PoseLandmark.LEFT_KNEE] = 0.2  # the leg is poorly seen throughout
    values = computer.compute(plane, Side.LEFT)
    seen = computer.visibility(visibility, Side.LEFT, values)
    # Frame 0: the (poorly seen) leg gives the value; frame 1: the well-seen arm does.
    assert seen["reach_deg"].tolist() == [0.2, 1.0]
    # Without the values, as its least-seen source.
    assert computer.visibility(visibility, Side.LEFT)["reach_deg"].tolist() == [0.2, 0.2]


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        ({"kind": "greatest", "of": ["leg_deg"]}, "two or more other metrics"),
        ({"kind": "greatest", "of": ["leg_deg", "arm_deg"], "points": ["HIP"]}, "no points"),
        ({"kind": "incline", "points": ["HIP", "KNEE"], "of": ["leg_deg"]}, "only for greatest"),
    ],
)
def test_a_malformed_greatest_metric_is_rejected(metric: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MetricSpec.model_validate(metric)


@pytest.mark.parametrize(
    "sources",
    [
        ["leg_deg", "nowhere_deg"],  # not defined
        ["leg_deg", "gap"],  # not an angle
        ["leg_deg", "other_reach_deg"],  # derived itself
    ],
)
def test_greatest_sources_must_be_defined_angle_metrics(sources: list[str]) -> None:
    metrics: dict[str, object] = {
        "leg_deg": LEG,
        "arm_deg": ARM,
        "gap": {"kind": "distance", "points": ["HIP", "KNEE"]},
        "other_reach_deg": {"kind": "greatest", "of": ["leg_deg", "arm_deg"]},
        "reach_deg": {"kind": "greatest", "of": sources},
    }
    with pytest.raises(ValidationError, match="not an angle metric defined from points"):
        spec_with(metrics)


def test_the_bird_dog_counts_on_whichever_limb_reaches_further() -> None:
    spec = get_spec("bird_dog")
    assert spec.reps is not None and spec.metrics[spec.reps.metric].of == (
        "leg_lift_deg",
        "arm_lift_deg",
    )
    # A tight frame: the leg is guessed low while the opposite arm reaches level.
    plane = limbs([-70.0, -65.0], [-80.0, -5.0])
    values = MetricComputer(spec).compute(plane, Side.LEFT)
    assert np.allclose(values[spec.reps.metric], [-70.0, -5.0])
