"""The wall sit, hamstring stretch, side plank, squat and push-up specs on synthetic tracks.

Every track comes from :mod:`tests.synthetic_standing`, posed from known angles, so each form
rule is shown once with its fault and once with a milder deviation that good form allows,
facing left and facing right, with exact expectations: the rule fires (once per hold, or on
every rep) or stays silent, reps are counted exactly, and holds are timed to within two frames
of what the construction says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np
import pytest

from formcheck.engine.events import (
    Cue,
    Event,
    FormIssueStarted,
    IncompleteRep,
    RepCompleted,
    RepFault,
    SetupGuidance,
    Summary,
)
from formcheck.engine.session import Engine, main_window
from formcheck.kinematics.pipeline import TrackKinematics, analyse_track
from formcheck.landmarks import PoseTrack
from formcheck.specs import get_spec
from formcheck.specs.schema import ExerciseSpec, ViewRequirement
from tests import synthetic_standing as ss
from tests.synthetic import expected_hold_timing

FPS = 30.0
FRAME = 1.0 / FPS
FACINGS = ("left", "right")
STANDING_IDS = ("wall_sit", "hamstring_stretch", "side_plank", "squat", "pushup")

E = TypeVar("E")


def run(track: PoseTrack, spec: ExerciseSpec) -> tuple[list[Event], TrackKinematics]:
    kinematics = analyse_track(track, spec)
    engine = Engine(spec)
    events: list[Event] = []
    for frame in kinematics.frames():
        events.extend(engine.update(frame))
    events.extend(engine.finish())
    return events, kinematics


def of_type(events: Sequence[Event], kind: type[E]) -> list[E]:
    return [e for e in events if isinstance(e, kind)]


def summary_of(events: Sequence[Event]) -> Summary:
    last = events[-1]
    assert isinstance(last, Summary)
    return last


def issues_started(events: Sequence[Event]) -> Counter[str]:
    return Counter(e.rule_id for e in of_type(events, FormIssueStarted))


def rep_faults(events: Sequence[Event]) -> Counter[str]:
    return Counter(e.rule_id for e in of_type(events, RepFault))


def at(kinematics: TrackKinematics, metric: str, t_s: float) -> float:
    index = int(np.argmin(np.abs(kinematics.timestamp_s - t_s)))
    return float(kinematics.metrics[metric][index])


# -- every spec: the content a person needs ---------------------------------------------------


@pytest.mark.parametrize("exercise", STANDING_IDS)
def test_each_spec_has_instructions_setup_dosage_and_two_rules(exercise: str) -> None:
    spec = get_spec(exercise)
    assert len(spec.instructions) >= 3
    assert spec.safety
    assert len(spec.camera.setup) > 40
    assert spec.dosage.text
    rules = [*spec.frame_rules, *spec.rep_rules]
    assert len(rules) >= 2
    assert all(rule.cue.strip() and rule.message.strip() for rule in rules)
    if spec.hold is not None:
        assert spec.dosage.hold_s is not None
    else:
        assert spec.dosage.reps is not None and 10 <= spec.dosage.reps <= 12


def test_the_side_plank_is_filmed_from_the_front_and_the_rest_side_on() -> None:
    views = {exercise: get_spec(exercise).camera.view for exercise in STANDING_IDS}
    assert views.pop("side_plank") is ViewRequirement.FRONT
    assert set(views.values()) == {ViewRequirement.SIDE}


def test_the_guides_dosage() -> None:
    assert get_spec("hamstring_stretch").dosage.hold_s == 30
    assert get_spec("hamstring_stretch").dosage.per_side
    assert get_spec("side_plank").dosage.per_side
    assert get_spec("wall_sit").dosage.hold_s is not None


# -- holds: expected timing from the construction ---------------------------------------------


def expected_hold(pose: ss.Posture, spec: ExerciseSpec) -> tuple[float, float, float]:
    """(start, end, seconds held) of a clean hold, from the constructed angles: the window runs
    from where the person is still in position to the last frame in position, and is timed
    once ``enter_s`` has passed and they are still (see :func:`expected_hold_timing`)."""
    hold = spec.hold
    assert hold is not None
    inside = np.ones_like(pose.t, dtype=bool)
    for name, bound in hold.position.items():
        inside &= np.array([bound.holds(float(v)) for v in pose.angles[name]])
    timing = expected_hold_timing(
        pose.t,
        {name: pose.angles[name] for name in hold.position},
        inside,
        enter_s=hold.enter_s,
        settle_deg=hold.settle_deg,
        settle_s=hold.settle_s,
    )
    return timing.start_s, timing.end_s, timing.end_s - timing.timed_from_s


def assert_hold(events: Sequence[Event], start: float, end: float, held: float) -> None:
    summary = summary_of(events)
    window = main_window(summary.hold_windows)
    assert window is not None
    assert len(summary.hold_windows) == 1
    assert window.start_s == pytest.approx(start, abs=2 * FRAME)
    assert window.end_s == pytest.approx(end, abs=2 * FRAME)
    assert summary.hold_s == pytest.approx(held, abs=2 * FRAME)


# -- wall sit --------------------------------------------------------------------------------

WALL_SIT = get_spec("wall_sit")
WALL_SIT_S = 8.0


def test_the_pipeline_measures_the_wall_sit_as_built() -> None:
    pose = ss.wall_sit_posture(WALL_SIT_S, thigh_incline_deg=20.0, shin_lean_deg=30.0)
    track = ss.wall_sit_track(WALL_SIT_S, thigh_incline_deg=20.0, shin_lean_deg=30.0)
    _, kinematics = run(track, WALL_SIT)
    middle = 0.5 * (pose.hold_start_s + pose.hold_end_s)
    assert at(kinematics, "thigh_incline_deg", middle) == pytest.approx(20.0, abs=0.05)
    assert at(kinematics, "trunk_incline_deg", middle) == pytest.approx(90.0, abs=0.05)
    shin_torso = ss.SHANK / ss.TRUNK * np.sin(np.radians(30.0))  # knee ahead, torso lengths
    assert at(kinematics, "knee_ahead_of_ankle", middle) == pytest.approx(shin_torso, abs=0.01)
    assert at(kinematics, "knee_angle_deg", middle) == pytest.approx(90.0 - 30.0 + 20.0, abs=0.1)
    assert at(kinematics, "thigh_incline_deg", 0.5) == pytest.approx(90.0, abs=0.05)


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_a_clean_wall_sit_is_timed_and_not_corrected(facing: ss.Facing, mirrored: bool) -> None:
    pose = ss.wall_sit_posture(WALL_SIT_S)
    events, kinematics = run(ss.wall_sit_track(WALL_SIT_S, facing, mirrored=mirrored), WALL_SIT)
    assert kinematics.side is not None and kinematics.side.side.value == facing
    assert_hold(events, *expected_hold(pose, WALL_SIT))
    assert summary_of(events).issue_counts == {}


# rule -> (posture showing the fault, a milder posture that good form allows)
WALL_SIT_FAULTS: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    # thighs 35 degrees above level (threshold 25); 12 is near enough to level
    "hips_too_high": ({"thigh_incline_deg": 35.0}, {"thigh_incline_deg": 12.0}),
    # shins 30 degrees forward: knee 0.42 torso lengths ahead (threshold 0.3); 10 is fine
    "knees_past_ankles": ({"shin_lean_deg": 30.0}, {"shin_lean_deg": 10.0}),
    # trunk 25 degrees off vertical (incline 65, threshold 75); 8 is resting on the wall
    "back_off_wall": ({"trunk_lean_deg": 25.0}, {"trunk_lean_deg": 8.0}),
}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(WALL_SIT_FAULTS))
def test_wall_sit_faults_are_corrected(rule: str, facing: ss.Facing) -> None:
    fault, _ = WALL_SIT_FAULTS[rule]
    pose = ss.wall_sit_posture(WALL_SIT_S, **fault)
    events, _ = run(ss.wall_sit_track(WALL_SIT_S, facing, **fault), WALL_SIT)
    assert issues_started(events) == {rule: 1}
    start, end, held = expected_hold(pose, WALL_SIT)
    if rule == "back_off_wall":
        # An error: leaning off the wall is not a wall sit, so the timer never runs.
        assert summary_of(events).hold_s <= 2 * FRAME
    else:
        # A warning: cued, and the hold is still timed.
        assert_hold(events, start, end, held)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(WALL_SIT_FAULTS))
def test_wall_sit_within_tolerance_is_not_corrected(rule: str, facing: ss.Facing) -> None:
    _, fine = WALL_SIT_FAULTS[rule]
    pose = ss.wall_sit_posture(WALL_SIT_S, **fine)
    events, _ = run(ss.wall_sit_track(WALL_SIT_S, facing, **fine), WALL_SIT)
    assert issues_started(events) == {}
    assert_hold(events, *expected_hold(pose, WALL_SIT))


@pytest.mark.parametrize("facing", FACINGS)
def test_standing_by_the_wall_is_not_a_wall_sit(facing: ss.Facing) -> None:
    # Sliding only a third of the way (thighs 60 degrees above level) never gets in position.
    events, _ = run(ss.wall_sit_track(WALL_SIT_S, facing, thigh_incline_deg=60.0), WALL_SIT)
    summary = summary_of(events)
    assert summary.hold_s == 0.0
    assert summary.hold_windows == ()


# -- hamstring stretch -------------------------------------------------------------------------

HAMSTRING = get_spec("hamstring_stretch")
STRETCH_S = 10.0


def test_the_pipeline_measures_the_seated_stretch_as_built() -> None:
    posture: dict[str, Any] = {"trunk_elevation_deg": 40.0, "rounding_deg": 30.0, "knee_deg": 150}
    pose = ss.seated_stretch_posture(STRETCH_S, **posture)
    _, kinematics = run(ss.seated_stretch_track(STRETCH_S, **posture), HAMSTRING)
    middle = 0.5 * (pose.hold_start_s + pose.hold_end_s)
    index = int(np.argmin(np.abs(pose.t - middle)))
    assert at(kinematics, "back_rounding_deg", middle) == pytest.approx(30.0, abs=0.05)
    assert at(kinematics, "knee_angle_deg", middle) == pytest.approx(150.0, abs=0.05)
    hip = float(pose.angles["hip_angle_deg"][index])
    assert at(kinematics, "hip_angle_deg", middle) == pytest.approx(hip, abs=0.05)
    upright = float(ss.seated_hip_angle_deg(90.0, 150.0))  # sitting tall before the lean
    assert at(kinematics, "hip_angle_deg", 0.5) == pytest.approx(upright, abs=0.05)


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_a_clean_hamstring_stretch_is_timed(facing: ss.Facing, mirrored: bool) -> None:
    pose = ss.seated_stretch_posture(STRETCH_S)
    events, _ = run(ss.seated_stretch_track(STRETCH_S, facing, mirrored=mirrored), HAMSTRING)
    assert_hold(events, *expected_hold(pose, HAMSTRING))
    assert summary_of(events).issue_counts == {}


HAMSTRING_FAULTS: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    # head and upper back curled 55 degrees down from the trunk (threshold 40); 25 is the
    # ear's usual place a little ahead of the trunk's line
    "back_rounding": ({"rounding_deg": 55.0}, {"rounding_deg": 25.0}),
    # the stretched knee bent to 135 (threshold 150); 165 is a soft knee
    "knee_bent": ({"knee_deg": 135.0}, {"knee_deg": 165.0}),
}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(HAMSTRING_FAULTS))
def test_hamstring_stretch_faults_are_corrected(rule: str, facing: ss.Facing) -> None:
    fault, _ = HAMSTRING_FAULTS[rule]
    pose = ss.seated_stretch_posture(STRETCH_S, **fault)
    events, _ = run(ss.seated_stretch_track(STRETCH_S, facing, **fault), HAMSTRING)
    assert issues_started(events) == {rule: 1}
    assert_hold(events, *expected_hold(pose, HAMSTRING))  # warnings: still timed


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(HAMSTRING_FAULTS))
def test_hamstring_stretch_within_tolerance_is_not_corrected(rule: str, facing: ss.Facing) -> None:
    _, fine = HAMSTRING_FAULTS[rule]
    pose = ss.seated_stretch_posture(STRETCH_S, **fine)
    events, _ = run(ss.seated_stretch_track(STRETCH_S, facing, **fine), HAMSTRING)
    assert issues_started(events) == {}
    assert_hold(events, *expected_hold(pose, HAMSTRING))


@pytest.mark.parametrize("facing", FACINGS)
def test_sitting_tall_is_not_yet_the_stretch(facing: ss.Facing) -> None:
    # Leaning only 10 degrees forward (hip angle about 85): not in position.
    track = ss.seated_stretch_track(STRETCH_S, facing, trunk_elevation_deg=80.0)
    events, _ = run(track, HAMSTRING)
    assert summary_of(events).hold_s == 0.0


# -- side plank ------------------------------------------------------------------------------

SIDE_PLANK = get_spec("side_plank")
SIDE_PLANK_S = 8.0


def test_the_pipeline_measures_the_side_plank_as_built() -> None:
    pose = ss.side_plank_posture(SIDE_PLANK_S, sag_deg=20.0, head_drop_deg=35.0)
    track = ss.side_plank_track(SIDE_PLANK_S, sag_deg=20.0, head_drop_deg=35.0)
    _, kinematics = run(track, SIDE_PLANK)
    assert kinematics.view.view.value == "front"
    middle = 0.5 * (pose.hold_start_s + pose.hold_end_s)
    assert at(kinematics, "hip_line_deg", middle) == pytest.approx(-20.0, abs=0.05)
    assert at(kinematics, "head_drop_deg", middle) == pytest.approx(35.0, abs=0.05)
    index = int(np.argmin(np.abs(pose.t - middle)))
    incline = float(pose.angles["body_incline_deg"][index])
    assert at(kinematics, "body_incline_deg", middle) == pytest.approx(incline, abs=0.05)
    assert 10.0 < incline < 35.0
    lying = -ss.SIDE_LYING_SAG_DEG
    assert at(kinematics, "hip_line_deg", 0.5) == pytest.approx(lying, abs=0.05)


@pytest.mark.parametrize("facing", FACINGS)
def test_a_clean_side_plank_is_timed(facing: ss.Facing) -> None:
    pose = ss.side_plank_posture(SIDE_PLANK_S)
    track = ss.side_plank_track(SIDE_PLANK_S, facing)
    assert track.metadata["bottom"] == ("right" if facing == "left" else "left")
    events, _ = run(track, SIDE_PLANK)
    assert_hold(events, *expected_hold(pose, SIDE_PLANK))
    assert summary_of(events).issue_counts == {}


SIDE_PLANK_FAULTS: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    # hips 28 degrees below the shoulder-knee line (threshold 18); 8 is near enough straight
    "hip_sag": ({"sag_deg": 28.0}, {"sag_deg": 8.0}),
    # hips 40 above it (threshold 30); 15 is a slight pike
    "hips_piked": ({"sag_deg": -40.0}, {"sag_deg": -15.0}),
    # the head hanging 45 degrees towards the floor (threshold 30); 15 is nearly in line
    "head_dropping": ({"head_drop_deg": 45.0}, {"head_drop_deg": 15.0}),
}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(SIDE_PLANK_FAULTS))
def test_side_plank_faults_are_corrected(rule: str, facing: ss.Facing) -> None:
    fault, _ = SIDE_PLANK_FAULTS[rule]
    pose = ss.side_plank_posture(SIDE_PLANK_S, **fault)
    events, _ = run(ss.side_plank_track(SIDE_PLANK_S, facing, **fault), SIDE_PLANK)
    assert issues_started(events) == {rule: 1}
    if rule == "hip_sag":
        # An error: sagging hips are not a side plank; the timer does not run.
        assert summary_of(events).hold_s <= 2 * FRAME
    else:
        assert_hold(events, *expected_hold(pose, SIDE_PLANK))


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(SIDE_PLANK_FAULTS))
def test_side_plank_within_tolerance_is_not_corrected(rule: str, facing: ss.Facing) -> None:
    _, fine = SIDE_PLANK_FAULTS[rule]
    pose = ss.side_plank_posture(SIDE_PLANK_S, **fine)
    events, _ = run(ss.side_plank_track(SIDE_PLANK_S, facing, **fine), SIDE_PLANK)
    assert issues_started(events) == {}
    assert_hold(events, *expected_hold(pose, SIDE_PLANK))


def test_a_side_plank_filmed_side_on_asks_to_face_the_camera() -> None:
    # The wall sit's side-on figure stands in for a camera that does not face the chest.
    events, _ = run(ss.wall_sit_track(WALL_SIT_S), SIDE_PLANK)
    assert summary_of(events).judged_fraction == 0.0
    assert summary_of(events).hold_s == 0.0
    guidance = of_type(events, SetupGuidance)
    assert [g.code for g in guidance] == ["wrong_view"]
    assert "Face the camera" in guidance[0].message


# -- squat -----------------------------------------------------------------------------------

SQUAT = get_spec("squat")
SQUAT_REP_S = 3.0
LEAD_S = 1.5


def test_the_pipeline_measures_the_squat_as_built() -> None:
    track = ss.squat_track(
        1, bottom_thigh_incline_deg=10.0, bottom_shin_lean_deg=30.0, bottom_trunk_lean_deg=40.0
    )
    _, kinematics = run(track, SQUAT)
    bottom = LEAD_S + 0.42 * SQUAT_REP_S  # the middle of the bottom (30-55% of the rep)
    assert at(kinematics, "thigh_incline_deg", bottom) == pytest.approx(10.0, abs=0.05)
    assert at(kinematics, "shin_incline_deg", bottom) == pytest.approx(60.0, abs=0.05)
    assert at(kinematics, "trunk_incline_deg", bottom) == pytest.approx(50.0, abs=0.05)
    assert at(kinematics, "thigh_incline_deg", 0.5) == pytest.approx(90.0, abs=0.05)


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("reps", [1, 3, 6])
def test_counts_every_clean_squat(reps: int, facing: ss.Facing, mirrored: bool) -> None:
    events, _ = run(ss.squat_track(reps, facing, mirrored=mirrored), SQUAT)
    summary = summary_of(events)
    assert summary.reps == reps
    assert summary.reps_by_side == {facing: reps}
    assert summary.issue_counts == {}
    completed = of_type(events, RepCompleted)
    assert [r.rep_number for r in completed] == list(range(1, reps + 1))
    for index, rep in enumerate(completed):
        start = LEAD_S + index * SQUAT_REP_S
        # Counted on the way down or early at the bottom (down 0-30%, bottom 30-55%).
        assert start < rep.peak_s < start + 0.55 * SQUAT_REP_S
        assert rep.complete and rep.peak_s < rep.end_s <= start + SQUAT_REP_S
    assert of_type(events, RepFault) == []
    assert of_type(events, IncompleteRep) == []


def test_a_knee_dip_is_an_incomplete_squat() -> None:
    # The middle rep only bends to thighs 63 degrees above level (a squat needs under 50).
    events, _ = run(ss.squat_track(3, amplitudes=[1.0, 0.3, 1.0]), SQUAT)
    assert summary_of(events).reps == 2
    assert len(of_type(events, IncompleteRep)) == 1
    assert SQUAT.reps is not None
    assert SQUAT.reps.incomplete_cue in [c.text for c in of_type(events, Cue)]


def test_a_clip_cut_mid_squat() -> None:
    # Starting at the bottom of the first squat, the first rise is not counted (the counter
    # must see the person standing first); ending at the bottom of the fourth, that descent is.
    track = ss.squat_track(4)
    first_bottom = LEAD_S + 0.42 * SQUAT_REP_S
    last_bottom = LEAD_S + 3.42 * SQUAT_REP_S
    events, _ = run(ss.trim(track, first_bottom, last_bottom), SQUAT)
    assert summary_of(events).reps == 3
    assert [r.complete for r in of_type(events, RepCompleted)] == [True, True, False]


SQUAT_FAULTS: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    # thighs 42 degrees above level at the bottom (threshold 35); 20 is deep enough
    "shallow": ({"bottom_thigh_incline_deg": 42.0}, {"bottom_thigh_incline_deg": 20.0}),
    # shins 55 degrees forward (incline 35, threshold 45); 33 is usual
    "knees_too_far_forward": ({"bottom_shin_lean_deg": 55.0}, {"bottom_shin_lean_deg": 33.0}),
    # trunk 65 degrees forward (incline 25, threshold 35); 45 is usual
    "chest_dropping": ({"bottom_trunk_lean_deg": 65.0}, {"bottom_trunk_lean_deg": 45.0}),
}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(SQUAT_FAULTS))
def test_squat_faults_are_corrected_on_every_rep(rule: str, facing: ss.Facing) -> None:
    fault, _ = SQUAT_FAULTS[rule]
    events, _ = run(ss.squat_track(3, facing, **fault), SQUAT)
    assert summary_of(events).reps == 3
    assert rep_faults(events) == {rule: 3}
    assert [f.rep_number for f in of_type(events, RepFault)] == [1, 2, 3]
    assert all(r.issues == (rule,) for r in of_type(events, RepCompleted))


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(SQUAT_FAULTS))
def test_squat_within_tolerance_is_not_corrected(rule: str, facing: ss.Facing) -> None:
    _, fine = SQUAT_FAULTS[rule]
    events, _ = run(ss.squat_track(3, facing, **fine), SQUAT)
    assert summary_of(events).reps == 3
    assert rep_faults(events) == {}


# -- push-up ---------------------------------------------------------------------------------

PUSHUP = get_spec("pushup")
PUSHUP_REP_S = 2.5


def test_the_pipeline_measures_the_pushup_as_built() -> None:
    track = ss.pushup_track(1, bottom_elbow_deg=80.0, sag_deg=20.0)
    _, kinematics = run(track, PUSHUP)
    bottom = LEAD_S + 0.42 * PUSHUP_REP_S
    assert at(kinematics, "elbow_angle_deg", bottom) == pytest.approx(80.0, abs=0.05)
    assert at(kinematics, "elbow_angle_deg", 0.5) == pytest.approx(175.0, abs=0.05)
    assert at(kinematics, "body_line_deg", bottom) == pytest.approx(-20.0, abs=0.05)
    assert at(kinematics, "trunk_incline_deg", 0.5) < 45.0


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("reps", [1, 3, 6])
def test_counts_every_clean_pushup(reps: int, facing: ss.Facing, mirrored: bool) -> None:
    events, kinematics = run(ss.pushup_track(reps, facing, mirrored=mirrored), PUSHUP)
    assert kinematics.side is not None and kinematics.side.side.value == facing
    summary = summary_of(events)
    assert summary.reps == reps
    assert summary.issue_counts == {}
    for index, rep in enumerate(of_type(events, RepCompleted)):
        start = LEAD_S + index * PUSHUP_REP_S
        # Counted on the way down or early at the bottom (down 0-30%, bottom 30-55%).
        assert start < rep.peak_s < start + 0.55 * PUSHUP_REP_S
        assert rep.complete and rep.peak_s < rep.end_s <= start + PUSHUP_REP_S
    assert of_type(events, IncompleteRep) == []


def test_a_half_bend_of_the_arms_is_an_incomplete_pushup() -> None:
    # The middle rep only bends the elbows to 137 degrees (a push-up needs under 120).
    events, _ = run(ss.pushup_track(3, amplitudes=[1.0, 0.4, 1.0]), PUSHUP)
    assert summary_of(events).reps == 2
    assert len(of_type(events, IncompleteRep)) == 1


PUSHUP_FAULTS: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    # hips 25 degrees below the shoulder-knee line (threshold 15); 6 is straight enough
    "hip_sag": ({"sag_deg": 25.0}, {"sag_deg": 6.0}),
    # hips 35 above it (threshold 25); 12 is a slight pike
    "hips_piked": ({"sag_deg": -35.0}, {"sag_deg": -12.0}),
    # elbows only to 110 (counted below 120; threshold 100); 85 is a full push-up
    "shallow": ({"bottom_elbow_deg": 110.0}, {"bottom_elbow_deg": 85.0}),
}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(PUSHUP_FAULTS))
def test_pushup_faults_are_corrected_on_every_rep(rule: str, facing: ss.Facing) -> None:
    fault, _ = PUSHUP_FAULTS[rule]
    events, _ = run(ss.pushup_track(3, facing, **fault), PUSHUP)
    assert summary_of(events).reps == 3
    assert rep_faults(events) == {rule: 3}
    assert [f.rep_number for f in of_type(events, RepFault)] == [1, 2, 3]


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("rule", sorted(PUSHUP_FAULTS))
def test_pushup_within_tolerance_is_not_corrected(rule: str, facing: ss.Facing) -> None:
    _, fine = PUSHUP_FAULTS[rule]
    events, _ = run(ss.pushup_track(3, facing, **fine), PUSHUP)
    assert summary_of(events).reps == 3
    assert rep_faults(events) == {}
