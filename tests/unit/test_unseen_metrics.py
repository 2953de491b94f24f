"""Form rules on body parts the pose model cannot see are not judged, and the person is told.

Far-side limbs in a side view are guesses (a bird dog's far arm reaching forward is placed
hanging under the shoulder). A metric is "unseen" on a frame when its least-visible landmark is
below the visibility threshold; counting still uses it, rules do not. Driven with hand-built
metric frames (engine) and landmark arrays (kinematics), so every expectation is exact.
"""

from __future__ import annotations

import numpy as np

from formcheck.engine.events import FormIssueStarted, RepCompleted, RepFault, Summary
from formcheck.engine.frames import MetricFrame
from formcheck.engine.session import Engine
from formcheck.kinematics.body import Side, View
from formcheck.kinematics.metrics import MetricComputer
from formcheck.kinematics.pipeline import (
    MIN_VISIBILITY,
    LiveKinematics,
    TrackKinematics,
    UnseenSets,
)
from formcheck.landmarks import PoseFrame, PoseLandmark
from tests.demo_spec import POSTURE, make_spec

FPS = 30.0

SPEC = make_spec(
    metrics={
        "lift_deg": {"kind": "incline", "points": ["HIP", "KNEE"]},
        "arm_deg": {"kind": "incline", "points": ["OTHER_SHOULDER", "OTHER_ELBOW"]},
    },
    reps={
        "metric": "lift_deg",
        "rest": {"lift_deg": {"below": 10}},
        "peak": {"lift_deg": {"above": 30}},
        "min_range": 20,
    },
    rep_rules=[
        {
            "id": "arm_down",
            "stat": "max",
            "metric": "arm_deg",
            "when": {"below": -45},
            "cue": "Reach your arm",
            "message": "The arm stayed down",
        }
    ],
    frame_rules=[
        {
            "id": "arm_low",
            "metric": "arm_deg",
            "when": {"below": -45},
            "persist_s": 0.5,
            "cue": "Lift your arm",
            "message": "The arm is low",
        }
    ],
)

ARM_DOWN = -80.0


def reps(count: int, arm_unseen: bool) -> list[MetricFrame]:
    """``count`` lifts of 2 s (0.5 s rest, up to 40 degrees, down) with the arm left down, and
    the arm's points unseen throughout or seen throughout."""
    unseen = frozenset({"arm_deg"}) if arm_unseen else frozenset()
    frames = []
    t = 0.0
    for _ in range(count):
        for i in range(int(2.0 * FPS)):
            phase = i / (2.0 * FPS)
            lift = 0.0 if phase < 0.25 else 40.0 * np.sin(np.pi * (phase - 0.25) / 0.75)
            frames.append(
                MetricFrame(t, {"lift_deg": float(lift), "arm_deg": ARM_DOWN}, unseen=unseen)
            )
            t += 1.0 / FPS
    return frames


def run(frames: list[MetricFrame]) -> list[object]:
    engine = Engine(SPEC)
    events: list[object] = []
    for frame in frames:
        events.extend(engine.update(frame))
    events.extend(engine.finish())
    return events


def test_rules_judge_a_limb_that_is_seen() -> None:
    events = run(reps(2, arm_unseen=False))
    assert [e.rep_number for e in events if isinstance(e, RepFault)] == [1, 2]
    assert any(isinstance(e, FormIssueStarted) and e.rule_id == "arm_low" for e in events)
    assert all(e.unchecked == () for e in events if isinstance(e, RepCompleted))


def test_rules_do_not_judge_an_unseen_limb_and_say_so() -> None:
    events = run(reps(2, arm_unseen=True))
    done = [e for e in events if isinstance(e, RepCompleted)]
    assert [r.rep_number for r in done] == [1, 2], "counting still uses every metric"
    assert [r.unchecked for r in done] == [("arm_down",), ("arm_down",)]
    assert not [e for e in events if isinstance(e, RepFault | FormIssueStarted)]
    summary = events[-1]
    assert isinstance(summary, Summary)
    notes = " | ".join(summary.notes)
    assert "arm down not checked on 2 rep(s)" in notes
    assert "arm low not checked for 4 s" in notes
    assert "film the other side" in notes


def test_a_rule_can_give_its_own_advice_when_it_could_not_be_seen() -> None:
    # For a rule no side-on camera can judge, "film the other side" would be wrong advice.
    advice = "check for yourself that your arm reaches up"
    rule = SPEC.frame_rules[0].model_copy(update={"unseen_advice": advice})
    engine = Engine(SPEC.model_copy(update={"frame_rules": (rule,)}))
    events: list[object] = []
    for frame in reps(2, arm_unseen=True):
        events.extend(engine.update(frame))
    summary = engine.finish()[-1]
    assert isinstance(summary, Summary)
    (note,) = [n for n in summary.notes if n.startswith("arm low")]
    assert note == (
        "arm low not checked for 4 s: the camera could not see the arms (on the far side of "
        f"the body); {advice}"
    )


def test_a_rep_rule_is_judged_when_its_points_are_seen_on_most_of_the_rep() -> None:
    frames = reps(1, arm_unseen=False)
    # Unseen on the first few frames after the count only: still judged.
    counted_at = next(i for i, f in enumerate(frames) if f.values["lift_deg"] > 30.0)
    frames = [
        MetricFrame(f.timestamp_s, f.values, unseen=frozenset({"arm_deg"}))
        if counted_at <= i < counted_at + 3
        else f
        for i, f in enumerate(frames)
    ]
    events = run(frames)
    assert [e.rule_id for e in events if isinstance(e, RepFault)] == ["arm_down"]


def test_an_active_issue_clears_when_its_limb_goes_out_of_sight() -> None:
    seen = reps(1, arm_unseen=False)
    hidden = [
        MetricFrame(f.timestamp_s + 2.0, f.values, unseen=frozenset({"arm_deg"}))
        for f in reps(1, arm_unseen=True)
    ]
    events = run(seen + hidden)
    started = [e for e in events if isinstance(e, FormIssueStarted)]
    assert len(started) == 1 and started[0].since_s < 2.0
    ended = [e for e in events if type(e).__name__ == "FormIssueEnded"]
    # Cleared 0.3 s (the clearing time) into the unseen stretch, not at the end of the clip.
    assert ended and 2.25 < ended[0].timestamp_s < 2.4


def test_metric_visibility_is_its_least_visible_point() -> None:
    computer = MetricComputer(SPEC)
    visibility = np.ones((2, 33))
    visibility[1, PoseLandmark.RIGHT_ELBOW] = 0.2
    left = computer.visibility(visibility, Side.LEFT)  # the arm is the right (other) one
    right = computer.visibility(visibility, Side.RIGHT)
    assert left["arm_deg"].tolist() == [1.0, 0.2]
    assert right["arm_deg"].tolist() == [1.0, 1.0]
    assert left["lift_deg"].tolist() == [1.0, 1.0]


def test_frames_carry_the_unseen_metrics_and_share_equal_sets() -> None:
    count = 4
    visibility = {
        "lift_deg": np.ones(count),
        "arm_deg": np.array([0.9, MIN_VISIBILITY - 0.01, MIN_VISIBILITY, 0.1]),
    }
    kinematics = TrackKinematics(
        timestamp_s=np.arange(count) / FPS,
        plane=np.zeros((count, 33, 2)),
        xyz=np.zeros((count, 33, 3)),
        side=None,
        view=None,  # type: ignore[arg-type]  # not read by frames()
        views=[View.SIDE] * count,
        metrics={"lift_deg": np.zeros(count), "arm_deg": np.zeros(count)},
        status=np.zeros(count, dtype=np.int64),
        details=[None] * count,
        metric_visibility=visibility,
    )
    frames = list(kinematics.frames())
    assert [sorted(f.unseen) for f in frames] == [[], ["arm_deg"], [], ["arm_deg"]]
    assert frames[1].unseen is frames[3].unseen
    sets = UnseenSets(["a", "b"])
    mask = sets.mask({"a": np.array([0.0, 1.0])}, 2)  # "b" has no visibility: seen
    assert mask.tolist() == [[True, False], [False, False]]


def test_the_live_path_marks_the_same_unseen_metrics() -> None:
    rng = np.random.default_rng(3)
    xyz = rng.uniform(0.3, 0.7, size=(33, 3))
    visibility = np.ones(33)
    visibility[[PoseLandmark.LEFT_ELBOW, PoseLandmark.RIGHT_ELBOW]] = 0.2
    live = LiveKinematics(SPEC)
    frame, _ = live.update(PoseFrame(0.0, xyz, visibility, 1), 640, 480)
    assert frame.unseen == {"arm_deg"}
    visibility[:] = 1.0
    frame, _ = live.update(PoseFrame(1.0 / FPS, xyz, visibility, 1), 640, 480)
    assert frame.unseen == frozenset()


def test_a_rule_on_the_persons_own_baseline_is_not_judged_where_its_metric_is_unseen() -> None:
    def frames(unseen: frozenset[str]) -> list[MetricFrame]:
        # Upright for 6 s (calibrated at 3 s), then the head 20 degrees forward for 3 s.
        return [
            MetricFrame(t, {"neck_deg": 80.0 - (20.0 if t >= 6.0 else 0.0)}, unseen=unseen)
            for t in (i / FPS for i in range(int(9 * FPS)))
        ]

    def run_posture(unseen: frozenset[str]) -> Summary:
        engine = Engine(POSTURE)
        for frame in frames(unseen):
            engine.update(frame)
        summary = engine.finish()[-1]
        assert isinstance(summary, Summary)
        return summary

    assert run_posture(frozenset()).issue_counts == {"forward_head": 1}
    hidden = run_posture(frozenset({"neck_deg"}))
    assert hidden.issue_counts == {}
    assert any("forward head not checked for 9 s" in note for note in hidden.notes)
