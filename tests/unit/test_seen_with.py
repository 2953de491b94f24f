"""Metrics judged only where more points are seen (``seen_with``), and hold rules judged only
where the hold's position is seen.

Side-on, MediaPipe often lays a far leg lying on the floor over the near leg hugged to the chest,
while it still sees the far ankle: the far foot then reads lifted. Its knee is what it does not
see, so ``other_foot_height_deg`` of the knee to chest is judged with the other knee seen too;
and a far-side hold whose position is such a guess is timed but its form is not judged.
"""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from formcheck.engine.events import FormIssueStarted, Summary
from formcheck.engine.frames import MetricFrame
from formcheck.engine.session import Engine
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import MetricComputer
from formcheck.landmarks import PoseLandmark
from formcheck.specs import get_spec
from formcheck.specs.schema import MetricSpec
from tests.demo_spec import make_spec

FPS = 30.0

FOOT = {"kind": "incline", "points": ["OTHER_HIP", "OTHER_ANKLE"], "seen_with": ["OTHER_KNEE"]}

HOLD_SPEC = make_spec(
    metrics={
        "flex_deg": {"kind": "joint_angle", "points": ["SHOULDER", "HIP", "KNEE"]},
        "foot_deg": FOOT,
    },
    reps=None,
    hold={"position": {"flex_deg": {"below": 100}}, "enter_s": 0.5},
    frame_rules=[
        {
            "id": "foot_up",
            "metric": "foot_deg",
            "when": {"above": 30},
            "phase": "hold",
            "persist_s": 1.0,
            "cue": "Foot down",
            "message": "The other foot lifted",
        }
    ],
)


def test_seen_with_points_count_for_the_metric_s_visibility_not_its_value() -> None:
    computer = MetricComputer(make_spec(metrics={"foot_deg": FOOT}, hold=_any_hold("foot_deg")))
    visibility = np.full((2, 33), 0.9)
    visibility[1, PoseLandmark.RIGHT_KNEE] = 0.3  # the other side's knee, working side left
    seen = computer.visibility(visibility, Side.LEFT)["foot_deg"]
    assert seen.tolist() == pytest.approx([0.9, 0.3])
    plane = np.zeros((2, 33, 2))
    plane[:, PoseLandmark.RIGHT_ANKLE] = [1.0, -1.0]  # 45 degrees up from the other hip
    plane[:, PoseLandmark.RIGHT_KNEE] = [5.0, 5.0]  # anywhere: not part of the value
    values = computer.compute(plane, Side.LEFT)["foot_deg"]
    assert values.tolist() == pytest.approx([45.0, 45.0])


def _any_hold(metric: str) -> dict[str, object]:
    return {"position": {metric: {"below": 100}}}


def test_seen_with_names_real_points_and_not_on_a_greatest_metric() -> None:
    with pytest.raises(ValidationError, match="unknown point"):
        MetricSpec.model_validate({**FOOT, "seen_with": ["OTHER_ELBOWS"]})
    with pytest.raises(ValidationError, match="no 'seen_with'"):
        MetricSpec.model_validate({"kind": "greatest", "of": ["a", "b"], "seen_with": ["KNEE"]})


def test_the_knee_to_chest_judges_the_other_foot_with_the_other_knee_seen() -> None:
    assert get_spec("knee_to_chest").metrics["other_foot_height_deg"].seen_with == ("OTHER_KNEE",)


def hold_frames(seconds: float, *, unseen: frozenset[str]) -> list[MetricFrame]:
    """In position (hip flexion 45) with the other foot lifted (60) the whole time."""
    count = int(seconds * FPS)
    return [
        MetricFrame(i / FPS, {"flex_deg": 45.0, "foot_deg": 60.0}, unseen=unseen)
        for i in range(count)
    ]


def run(frames: list[MetricFrame]) -> tuple[list[FormIssueStarted], Summary]:
    engine = Engine(HOLD_SPEC)
    events = []
    for frame in frames:
        events.extend(engine.update(frame))
    events.extend(engine.finish())
    summary = events[-1]
    assert isinstance(summary, Summary)
    return [e for e in events if isinstance(e, FormIssueStarted)], summary


def test_a_hold_rule_is_judged_where_the_position_and_its_metric_are_seen() -> None:
    issues, _ = run(hold_frames(5.0, unseen=frozenset()))
    assert [i.rule_id for i in issues] == ["foot_up"]


@pytest.mark.parametrize("unseen", [{"foot_deg"}, {"flex_deg"}, {"flex_deg", "foot_deg"}])
def test_a_hold_rule_is_not_judged_where_the_position_or_its_metric_is_unseen(
    unseen: set[str],
) -> None:
    issues, summary = run(hold_frames(5.0, unseen=frozenset(unseen)))
    assert issues == []
    # The hold is still timed (unseen metrics count and time), and the summary says what was
    # not checked.
    assert summary.hold_s > 3.5
    assert any("foot up not checked" in note for note in summary.notes), summary.notes


def test_an_unseen_metric_is_named_after_its_seen_with_part() -> None:
    _, summary = run(hold_frames(5.0, unseen=frozenset({"foot_deg"})))
    (note,) = summary.notes
    assert "could not see the knees" in note, note  # OTHER_KNEE, not the ankle's "feet"


def test_an_unseen_position_is_named_after_the_position_s_part() -> None:
    spec = HOLD_SPEC.model_copy(
        update={
            "metrics": {
                **HOLD_SPEC.metrics,
                "flex_deg": MetricSpec(kind="joint_angle", points=("SHOULDER", "KNEE", "ANKLE")),
            }
        }
    )
    engine = Engine(spec)
    for frame in hold_frames(5.0, unseen=frozenset({"flex_deg"})):
        engine.update(frame)
    summary = engine.finish()[-1]
    assert isinstance(summary, Summary)
    (note,) = summary.notes
    assert "could not see the feet" in note, note
