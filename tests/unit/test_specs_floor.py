"""The floor-exercise specs on synthetic landmark tracks: cat-cow, pelvic tilt, child's pose,
prone press-up, superman and abdominal draw-in.

Every track comes from :mod:`tests.synthetic_floor`, so the truth is known by construction: how
many reps, when a position was held, which fault was shown and how far. For each form rule there
is a track that shows the fault and one that does not, facing left and facing right; counts are
exact and hold times are checked to a frame or two.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import pytest

from formcheck.engine.events import (
    Event,
    FormIssueStarted,
    IncompleteRep,
    RepCompleted,
    RepFault,
    Summary,
)
from formcheck.engine.session import Engine
from formcheck.kinematics.pipeline import TrackKinematics, analyse_track
from formcheck.landmarks import PoseTrack
from formcheck.specs import get_spec
from formcheck.specs.schema import ExerciseSpec
from tests import synthetic_floor as floor
from tests.synthetic import Facing, expected_hold_timing

CAT_COW = get_spec("cat_cow")
PELVIC_TILT = get_spec("pelvic_tilt")
CHILDS_POSE = get_spec("childs_pose")
PRESS_UP = get_spec("prone_press_up")
SUPERMAN = get_spec("superman")
DRAW_IN = get_spec("abdominal_draw_in")

FPS = 30.0
FRAME = 1.0 / FPS
FACINGS: list[Facing] = ["left", "right"]

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


def issues(events: Sequence[Event], rule_id: str) -> list[FormIssueStarted]:
    return [e for e in of_type(events, FormIssueStarted) if e.rule_id == rule_id]


def faults(events: Sequence[Event], rule_id: str) -> list[RepFault]:
    return [e for e in of_type(events, RepFault) if e.rule_id == rule_id]


def eased_crossing(fraction: float) -> float:
    """Where (0-1 of a ramp) the synthetic tracks' eased ramp 0.5 - 0.5 cos(pi x) reaches
    ``fraction`` of its way."""
    return math.acos(1.0 - 2.0 * fraction) / math.pi


def rule_ids(spec: ExerciseSpec) -> set[str]:
    return {r.id for r in spec.frame_rules} | {r.id for r in spec.rep_rules}


def test_every_floor_spec_has_instructions_dosage_and_two_rules() -> None:
    for spec in (CAT_COW, PELVIC_TILT, CHILDS_POSE, PRESS_UP, SUPERMAN, DRAW_IN):
        assert len(spec.instructions) >= 3, spec.id
        assert spec.safety, spec.id
        assert spec.camera.setup, spec.id
        assert spec.dosage.text, spec.id
        assert len(rule_ids(spec)) >= 2, spec.id
    # The movements a camera cannot see are said to be judged roughly / not seen at all.
    assert any("roughly" in line for line in PELVIC_TILT.instructions)
    assert any("cannot see" in line for line in DRAW_IN.instructions)


# -- the synthetic figures: measured as built ------------------------------------------------


@pytest.mark.parametrize("facing", FACINGS)
def test_the_pipeline_measures_the_floor_figures_as_built(facing: Facing) -> None:
    _, kin = run(floor.cat_cow_track(1, facing=facing), CAT_COW)
    t, m = kin.timestamp_s, kin.metrics
    cow = (t > 1.5 + 0.24 * 5) & (t < 1.5 + 0.31 * 5)  # the middle of the held cow and cat
    cat = (t > 1.5 + 0.69 * 5) & (t < 1.5 + 0.76 * 5)
    assert m["spine_curl_deg"][cow] == pytest.approx(-45.0, abs=0.1)
    assert m["spine_curl_deg"][cat] == pytest.approx(60.0, abs=0.1)
    assert m["thigh_incline_deg"][cat] == pytest.approx(90.0, abs=0.05)
    assert m["arm_incline_deg"][cat] == pytest.approx(90.0, abs=0.05)

    _, kin = run(floor.childs_pose_track(4.0, facing=facing), CHILDS_POSE)
    held = (kin.timestamp_s > 3.5) & (kin.timestamp_s < 6.5)
    assert kin.metrics["hip_angle_deg"][held] == pytest.approx(25.0, abs=0.05)
    assert kin.metrics["knee_angle_deg"][held] == pytest.approx(35.0, abs=0.05)
    assert kin.metrics["head_line_deg"][held] == pytest.approx(30.0, abs=0.05)

    _, kin = run(floor.press_up_track(1, facing=facing, head_deg=20.0), PRESS_UP)
    top = (kin.timestamp_s > 4.0) & (kin.timestamp_s < 12.0)
    assert kin.metrics["chest_lift_deg"][top] == pytest.approx(45.0, abs=0.05)
    assert kin.metrics["thigh_incline_deg"][top] == pytest.approx(floor.PRONE_THIGH_DEG, abs=0.05)
    assert kin.metrics["gaze_deg"][top] == pytest.approx(45.0 + 20.0 - floor.FACE_DEG, abs=0.05)

    _, kin = run(floor.superman_track(1, facing=facing), SUPERMAN)
    top = (kin.timestamp_s > 2.5) & (kin.timestamp_s < 4.5)
    assert kin.metrics["chest_lift_deg"][top] == pytest.approx(18.0, abs=0.05)
    assert kin.metrics["gaze_deg"][top] == pytest.approx(18.0 + 20.0 - floor.FACE_DEG, abs=0.05)

    track = floor.pelvic_tilt_track(1, facing=facing)
    _, kin = run(track, PELVIC_TILT)
    t = kin.timestamp_s
    rest, held = t < 1.5, (t > 3.5) & (t < 7.5)
    rest_line = floor.supine_hip_line_deg(1.0, 80.0)
    assert kin.metrics["hip_line_deg"][rest] == pytest.approx(rest_line, abs=0.05)
    assert kin.metrics["hip_line_deg"][held] == pytest.approx(
        floor.supine_hip_line_deg(3.0, 80.0), abs=0.05
    )
    # A 2-degree roll of the pelvis raises the hip line by about 4: above the counter's 2.5.
    assert floor.supine_hip_line_deg(3.0, 80.0) - rest_line == pytest.approx(4.0, abs=0.3)
    assert kin.metrics["knee_angle_deg"][rest] == pytest.approx(80.0, abs=0.2)


# -- cat-cow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_cat_cow_counts_each_cycle_at_the_cat(facing: Facing, mirrored: bool) -> None:
    track = floor.cat_cow_track(3, facing=facing, mirrored=mirrored)
    events, kin = run(track, CAT_COW)
    assert kin.side is not None and kin.side.side.value == track.metadata["near"]
    summary = summary_of(events)
    assert summary.reps == 3
    assert summary.issue_counts == {}
    for rep, (cat_start, cat_end) in zip(
        of_type(events, RepCompleted), floor.hold_windows(track, "cat_windows"), strict=True
    ):
        assert cat_start - 0.5 < rep.peak_s < cat_end  # counted on the way into the cat
        assert rep.range_of_motion == pytest.approx(105.0, abs=0.5)


@pytest.mark.parametrize("facing", FACINGS)
def test_cat_cow_counts_through_landmark_jitter(facing: Facing) -> None:
    events, _ = run(floor.cat_cow_track(4, facing=facing, jitter_deg=4.0, seed=3), CAT_COW)
    assert summary_of(events).reps == 4


@pytest.mark.parametrize("facing", FACINGS)
def test_a_cat_that_stops_short_is_not_counted(facing: Facing) -> None:
    # 30 degrees of head drop is half a real cat: not counted. The first attempt is reported
    # when the back sinks into the next cow; the second is still open when the clip ends.
    events, _ = run(floor.cat_cow_track(2, facing=facing, cat_deg=30.0), CAT_COW)
    assert summary_of(events).reps == 0
    (attempt,) = of_type(events, IncompleteRep)
    assert attempt.best_value == pytest.approx(30.0, abs=0.5)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("lean_deg", "fires"),
    [(-35.0, True), (35.0, True), (-15.0, False), (15.0, False), (0.0, False)],
    ids=["hips-back-35", "hips-forward-35", "back-15", "forward-15", "over-knees"],
)
def test_cat_cow_hips_not_over_knees(facing: Facing, lean_deg: float, fires: bool) -> None:
    events, _ = run(floor.cat_cow_track(3, facing=facing, thigh_lean_deg=lean_deg), CAT_COW)
    summary = summary_of(events)
    assert summary.reps == 3
    assert len(issues(events, "hips_not_over_knees")) == (3 if fires else 0)
    assert issues(events, "hands_not_under_shoulders") == []


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("reach_deg", "fires"),
    [(35.0, True), (-30.0, True), (15.0, False), (-15.0, False), (0.0, False)],
    ids=["hands-ahead-35", "hands-behind-30", "ahead-15", "behind-15", "under"],
)
def test_cat_cow_hands_not_under_shoulders(facing: Facing, reach_deg: float, fires: bool) -> None:
    events, _ = run(floor.cat_cow_track(3, facing=facing, hand_reach_deg=reach_deg), CAT_COW)
    assert summary_of(events).reps == 3
    found = issues(events, "hands_not_under_shoulders")
    assert len(found) == (3 if fires else 0)
    assert all(e.cue == "Place your hands right under your shoulders" for e in found)
    assert issues(events, "hips_not_over_knees") == []


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("cow_deg", "fires"), [(None, True), (-45.0, False)], ids=["no-cow", "cow"]
)
def test_cat_cow_small_range(facing: Facing, cow_deg: float | None, fires: bool) -> None:
    # Neutral -> cat -> neutral covers 60 degrees; with the cow first it covers 105.
    events, _ = run(floor.cat_cow_track(3, facing=facing, cow_deg=cow_deg), CAT_COW)
    assert summary_of(events).reps == 3
    found = faults(events, "small_range")
    assert len(found) == (3 if fires else 0)
    assert all(f.value == pytest.approx(60.0, abs=0.5) for f in found)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("cycle_s", "fires"), [(1.6, True), (5.0, False)], ids=["1.6s", "5s"])
def test_cat_cow_too_fast(facing: Facing, cycle_s: float, fires: bool) -> None:
    events, _ = run(floor.cat_cow_track(3, facing=facing, cycle_s=cycle_s), CAT_COW)
    assert summary_of(events).reps == 3
    assert len(faults(events, "too_fast")) == (3 if fires else 0)


# -- pelvic tilt -----------------------------------------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_pelvic_tilts_are_counted_and_their_holds_timed(facing: Facing, mirrored: bool) -> None:
    track = floor.pelvic_tilt_track(3, facing=facing, mirrored=mirrored)
    events, kin = run(track, PELVIC_TILT)
    assert kin.side is not None and kin.side.side.value == track.metadata["near"]
    summary = summary_of(events)
    assert summary.reps == 3
    assert summary.issue_counts == {}
    # Each rep's time at the top is a hold window covering the tilt's hold: from the count
    # (3 of the 4 degrees up, held 0.3 s) to halfway back down (held 0.3 s).
    windows = summary.hold_windows
    assert len(windows) == 3
    for window, (start, end) in zip(windows, floor.hold_windows(track), strict=True):
        assert start - 1.0 < window.start_s <= start + 0.3
        assert end < window.end_s < end + 1.0


@pytest.mark.parametrize("facing", FACINGS)
def test_pelvic_tilts_count_through_jitter_and_stillness_counts_nothing(facing: Facing) -> None:
    # 0.5 degrees of tremor on the pelvis is 1.5 degrees peak to peak on the hip line, about
    # what a still side-on camera shows after smoothing.
    moving = floor.pelvic_tilt_track(4, facing=facing, jitter_deg=0.5, seed=2)
    assert summary_of(run(moving, PELVIC_TILT)[0]).reps == 4
    still = floor.pelvic_tilt_track(4, facing=facing, tilt_deg=1.0, jitter_deg=0.5, seed=2)
    assert np.ptp(run(still, PELVIC_TILT)[1].metrics["hip_line_deg"]) > 1.4
    events, _ = run(still, PELVIC_TILT)
    assert summary_of(events).reps == 0
    assert of_type(events, IncompleteRep) == []


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("tilt_deg", "fires"), [(22.0, True), (3.0, False)], ids=["bridge", "tilt"]
)
def test_pelvic_tilt_buttocks_lifting(facing: Facing, tilt_deg: float, fires: bool) -> None:
    events, _ = run(floor.pelvic_tilt_track(3, facing=facing, tilt_deg=tilt_deg), PELVIC_TILT)
    assert summary_of(events).reps == 3  # a bridge still counts, and is flagged
    found = issues(events, "buttocks_lifting")
    assert len(found) == (3 if fires else 0)
    assert all(e.value > 15.0 for e in found)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("knee_deg", "fires"), [(150.0, True), (80.0, False)], ids=["150", "80"])
def test_pelvic_tilt_knees_straight(facing: Facing, knee_deg: float, fires: bool) -> None:
    events, _ = run(floor.pelvic_tilt_track(3, facing=facing, knee_deg=knee_deg), PELVIC_TILT)
    assert summary_of(events).reps == 3
    assert len(issues(events, "knees_straight")) == (3 if fires else 0)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("hold_s", "fires"), [(1.0, True), (5.0, False)], ids=["1s", "5s"])
def test_pelvic_tilt_short_hold(facing: Facing, hold_s: float, fires: bool) -> None:
    events, _ = run(floor.pelvic_tilt_track(3, facing=facing, hold_s=hold_s), PELVIC_TILT)
    assert summary_of(events).reps == 3
    assert len(faults(events, "short_hold")) == (3 if fires else 0)


# -- child's pose ----------------------------------------------------------------------------

CHILD_LEAD_S, CHILD_RAMP_S, CHILD_HOLD_S = 1.5, 1.5, 10.0


def child_window(hip_in_deg: float = 50.0, start_hip: float = 105.0, pose_hip: float = 25.0):
    """When the synthetic child's pose is "in position" (hip angle below ``hip_in_deg``), by
    inverting the eased ramp: ``(enter_s, leave_s)``."""
    x = eased_crossing((start_hip - hip_in_deg) / (start_hip - pose_hip))
    enter = CHILD_LEAD_S + x * CHILD_RAMP_S
    leave = CHILD_LEAD_S + CHILD_RAMP_S + CHILD_HOLD_S + (1.0 - x) * CHILD_RAMP_S
    return enter, leave


def ramp_hold_timing(
    track: PoseTrack,
    spec: ExerciseSpec,
    lead_s: float,
    ramp_s: float,
    hold_s: float,
    angles_from_to: dict[str, tuple[float, float]],
):
    """The expected hold timing of a synthetic track whose position metrics were built on the
    eased ramp ``0.5 - 0.5 cos(pi x)`` from ``from`` to ``to`` over ``ramp_s`` after
    ``lead_s``, held ``hold_s`` and eased back (see :func:`expected_hold_timing`)."""
    hold = spec.hold
    assert hold is not None
    t = track.timestamp_s
    x_in = np.clip((t - lead_s) / ramp_s, 0.0, 1.0)
    x_out = np.clip((t - lead_s - ramp_s - hold_s) / ramp_s, 0.0, 1.0)
    weight = (0.5 - 0.5 * np.cos(np.pi * x_in)) - (0.5 - 0.5 * np.cos(np.pi * x_out))
    angles = {name: a + (b - a) * weight for name, (a, b) in angles_from_to.items()}
    inside = np.ones_like(t, dtype=bool)
    for name, bound in hold.position.items():
        inside &= np.array([bound.holds(float(v)) for v in angles[name]])
    return expected_hold_timing(
        t,
        angles,
        inside,
        enter_s=hold.enter_s,
        settle_deg=hold.settle_deg,
        settle_s=hold.settle_s,
    )


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_childs_pose_is_one_hold_of_its_length(facing: Facing, mirrored: bool) -> None:
    track = floor.childs_pose_track(CHILD_HOLD_S, facing=facing, mirrored=mirrored)
    events, _ = run(track, CHILDS_POSE)
    summary = summary_of(events)
    assert summary.issue_counts == {}
    (window,) = summary.hold_windows
    hip_bound = CHILDS_POSE.hold.position["hip_angle_deg"].below if CHILDS_POSE.hold else None
    assert hip_bound is not None
    enter, leave = child_window(hip_in_deg=hip_bound)
    # Built from all fours (hip 105, knee 90, trunk 15) into the pose (25, 35, -10).
    timing = ramp_hold_timing(
        track,
        CHILDS_POSE,
        CHILD_LEAD_S,
        CHILD_RAMP_S,
        CHILD_HOLD_S,
        {
            "hip_angle_deg": (105.0, 25.0),
            "knee_angle_deg": (90.0, 35.0),
            "trunk_incline_deg": (15.0, -10.0),
        },
    )
    # Sinking into the pose is not yet holding it: the window starts once the person is still.
    assert timing.start_s > enter + 0.1
    assert window.start_s == pytest.approx(timing.start_s, abs=FRAME + 1e-9)
    assert window.end_s == pytest.approx(leave, abs=FRAME + 1e-9)
    assert summary.hold_s == pytest.approx(leave - timing.timed_from_s, abs=2 * FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("knee_deg", "fires"), [(80.0, True), (45.0, False)], ids=["hips-high", "hips-back"]
)
def test_childs_pose_hips_not_back(facing: Facing, knee_deg: float, fires: bool) -> None:
    # The same 45-degree fold at the hips, with the hips high above the heels or sat back.
    track = floor.childs_pose_track(
        CHILD_HOLD_S, facing=facing, knee_deg=knee_deg, trunk_deg=45.0 - knee_deg, head_deg=10.0
    )
    events, _ = run(track, CHILDS_POSE)
    summary = summary_of(events)
    found = issues(events, "hips_not_back")
    assert len(found) == (1 if fires else 0)
    assert all(e.severity == "warning" for e in found)
    # A warning: the stretch is still timed.
    (window,) = summary.hold_windows
    assert window.duration_s > CHILD_HOLD_S


@pytest.mark.parametrize("facing", FACINGS)
def test_childs_pose_head_held_up_pauses_the_hold(facing: Facing) -> None:
    clean = summary_of(run(floor.childs_pose_track(CHILD_HOLD_S, facing=facing), CHILDS_POSE)[0])
    # The head comes up from 30 (resting down) to -30 between 5 and 8 s (0.3 s eased edges).
    track = floor.childs_pose_track(CHILD_HOLD_S, facing=facing, head_deg_between=(5.0, 8.0, -60.0))
    events, _ = run(track, CHILDS_POSE)
    summary = summary_of(events)
    (issue,) = issues(events, "head_held_up")
    assert issue.severity == "error"
    # Held up from where the head crosses -25 (55 of the 60 degrees) until it is back above
    # -22 (the 3-degree clear margin) for 0.3 s, plus the 0.5 s to settle back in.
    up = 5.0 + (eased_crossing(55.0 / 60.0) - 0.5) * 0.3
    down = 8.0 + (0.5 - eased_crossing(52.0 / 60.0)) * 0.3
    assert issue.since_s == pytest.approx(up, abs=2 * FRAME)  # smoothing rounds the edge
    assert clean.hold_s - summary.hold_s == pytest.approx(down + 0.3 + 0.5 - up, abs=2 * FRAME)
    assert len(summary.hold_windows) == 2


@pytest.mark.parametrize("facing", FACINGS)
def test_childs_pose_head_in_line_is_not_held_up(facing: Facing) -> None:
    # From resting down (30) to in line with the back (-10): not held up.
    track = floor.childs_pose_track(CHILD_HOLD_S, facing=facing, head_deg_between=(5.0, 8.0, -40.0))
    events, _ = run(track, CHILDS_POSE)
    summary = summary_of(events)
    assert issues(events, "head_held_up") == []
    assert len(summary.hold_windows) == 1


# -- prone press-up ----------------------------------------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_press_ups_are_counted_and_each_top_timed(facing: Facing, mirrored: bool) -> None:
    track = floor.press_up_track(2, facing=facing, mirrored=mirrored)
    events, kin = run(track, PRESS_UP)
    assert kin.side is not None and kin.side.side.value == track.metadata["near"]
    summary = summary_of(events)
    assert summary.reps == 2
    assert summary.issue_counts == {}
    # The top is timed from the count (the chest 12 degrees up, held 0.3 s) to the return
    # (halfway down, held 0.3 s): within the 1.5 s ramps of the true hold.
    up = eased_crossing(12.0 / 43.0) * 1.5 + 0.3
    down = 0.5 * 1.5 + 0.3
    windows = summary.hold_windows
    assert len(windows) == 2
    for window, (start, end) in zip(windows, floor.hold_windows(track), strict=True):
        assert window.start_s == pytest.approx(start - 1.5 + up, abs=2 * FRAME)
        assert window.end_s == pytest.approx(end + down, abs=2 * FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("hip_lift_deg", "fires"), [(30.0, True), (10.0, False)], ids=["hips-up", "hips-down"]
)
def test_press_up_hips_lifting(facing: Facing, hip_lift_deg: float, fires: bool) -> None:
    # The pelvis lifts during the first press-up's hold (5-8 s), raising the thigh 5 -> 35.
    track = floor.press_up_track(2, facing=facing, hip_lift_deg_between=(5.0, 8.0, hip_lift_deg))
    events, _ = run(track, PRESS_UP)
    assert summary_of(events).reps == 2
    found = issues(events, "hips_lifting")
    assert len(found) == (1 if fires else 0)
    assert all(e.rep_number == 1 and 5.0 <= e.since_s < 5.3 for e in found)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("head_deg", "fires"), [(60.0, True), (20.0, False), (0.0, False)], ids=["60", "20", "0"]
)
def test_press_up_head_tipped_back(facing: Facing, head_deg: float, fires: bool) -> None:
    # The face's elevation is 45 + head - 80: +25 looking up, -15 looking ahead, -35 down.
    events, _ = run(floor.press_up_track(2, facing=facing, head_deg=head_deg), PRESS_UP)
    assert summary_of(events).reps == 2
    assert len(issues(events, "head_tipped_back")) == (2 if fires else 0)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("hold_s", "fires"), [(3.0, True), (10.0, False)], ids=["3s", "10s"])
def test_press_up_short_hold(facing: Facing, hold_s: float, fires: bool) -> None:
    events, _ = run(floor.press_up_track(2, facing=facing, hold_s=hold_s), PRESS_UP)
    assert summary_of(events).reps == 2
    assert len(faults(events, "short_hold")) == (2 if fires else 0)


# -- superman --------------------------------------------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_superman_counts_each_lift(facing: Facing, mirrored: bool) -> None:
    track = floor.superman_track(3, facing=facing, mirrored=mirrored)
    events, kin = run(track, SUPERMAN)
    assert kin.side is not None and kin.side.side.value == track.metadata["near"]
    summary = summary_of(events)
    assert summary.reps == 3
    assert summary.issue_counts == {}
    for rep, (start, end) in zip(
        of_type(events, RepCompleted), floor.hold_windows(track), strict=True
    ):
        assert start - 0.8 < rep.peak_s < start  # counted on the way up
        assert end < rep.end_s < end + 0.8


@pytest.mark.parametrize("facing", FACINGS)
def test_superman_counts_through_jitter(facing: Facing) -> None:
    events, _ = run(floor.superman_track(4, facing=facing, jitter_deg=2.0, seed=5), SUPERMAN)
    assert summary_of(events).reps == 4


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("head_deg", "fires"), [(70.0, True), (40.0, False), (20.0, False)], ids=["70", "40", "20"]
)
def test_superman_head_lifted(facing: Facing, head_deg: float, fires: bool) -> None:
    # The face's elevation at the top is 18 + head - 80: +8 looking up ahead, -22 and -42
    # looking at the floor ahead.
    events, _ = run(floor.superman_track(3, facing=facing, head_deg=head_deg), SUPERMAN)
    assert summary_of(events).reps == 3
    found = issues(events, "head_lifted")
    assert len(found) == (3 if fires else 0)
    assert [e.rep_number for e in found] == ([1, 2, 3] if fires else [])


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("chest_deg", "fires"), [(45.0, True), (25.0, False), (18.0, False)], ids=["45", "25", "18"]
)
def test_superman_lifting_too_high(facing: Facing, chest_deg: float, fires: bool) -> None:
    events, _ = run(floor.superman_track(3, facing=facing, chest_deg=chest_deg), SUPERMAN)
    assert summary_of(events).reps == 3
    assert len(issues(events, "lifting_too_high")) == (3 if fires else 0)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("hold_s", "fires"), [(0.2, True), (2.5, False)], ids=["0.2s", "2.5s"])
def test_superman_short_hold(facing: Facing, hold_s: float, fires: bool) -> None:
    events, _ = run(floor.superman_track(3, facing=facing, hold_s=hold_s), SUPERMAN)
    assert summary_of(events).reps == 3
    assert len(faults(events, "short_hold")) == (3 if fires else 0)


# -- abdominal draw-in -----------------------------------------------------------------------

DRAW_LEAD_S, DRAW_RAMP_S, DRAW_HOLD_S = 2.0, 1.0, 10.0


def draw_in_window() -> tuple[float, float]:
    """In position once the knees bend below 165 (from 175 toward 80): ``(enter, leave)``."""
    x = eased_crossing((175.0 - 165.0) / (175.0 - 80.0))
    enter = DRAW_LEAD_S + x * DRAW_RAMP_S
    leave = DRAW_LEAD_S + DRAW_RAMP_S + DRAW_HOLD_S + (1.0 - x) * DRAW_RAMP_S
    return enter, leave


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("facing", FACINGS)
def test_draw_in_is_timed_while_lying_still(facing: Facing, mirrored: bool) -> None:
    track = floor.draw_in_track(DRAW_HOLD_S, facing=facing, mirrored=mirrored)
    events, kin = run(track, DRAW_IN)
    assert kin.side is not None and kin.side.side.value == track.metadata["near"]
    summary = summary_of(events)
    assert summary.issue_counts == {}
    (window,) = summary.hold_windows
    enter, leave = draw_in_window()
    # Knees bent from 175 to 80 on the ramp; the trunk stays flat.
    timing = ramp_hold_timing(
        track,
        DRAW_IN,
        DRAW_LEAD_S,
        DRAW_RAMP_S,
        DRAW_HOLD_S,
        {"knee_angle_deg": (175.0, 80.0), "trunk_tilt_deg": (0.0, 0.0)},
    )
    assert timing.start_s > enter + 0.1  # still bending the knees at first
    # The knee angle is built for a flat trunk; the 1-degree rest tilt moves it a fraction.
    assert window.start_s == pytest.approx(timing.start_s, abs=FRAME + 1e-9)
    assert window.end_s == pytest.approx(leave, abs=FRAME + 1e-9)
    assert summary.hold_s == pytest.approx(leave - timing.timed_from_s, abs=2 * FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("rule_id", "tilt_deg", "fires"),
    [
        ("pelvis_lifting", 25.0, True),
        ("pelvis_lifting", 10.0, False),
        ("curling_up", -25.0, True),
        ("curling_up", -10.0, False),
    ],
    ids=["hips-up-25", "hips-up-10", "curl-25", "curl-10"],
)
def test_draw_in_pelvis_and_shoulders_stay_down(
    facing: Facing, rule_id: str, tilt_deg: float, fires: bool
) -> None:
    clean = summary_of(run(floor.draw_in_track(DRAW_HOLD_S, facing=facing), DRAW_IN)[0])
    track = floor.draw_in_track(DRAW_HOLD_S, facing=facing, tilt_deg_between=(6.0, 9.0, tilt_deg))
    events, _ = run(track, DRAW_IN)
    summary = summary_of(events)
    assert summary.issue_counts == ({rule_id: 1} if fires else {})
    if fires:
        # An error: the timer stops from when the fault began until it has cleared and the
        # position has settled again; the hold is split in two.
        assert len(summary.hold_windows) == 2
        assert clean.hold_s - summary.hold_s == pytest.approx(3.0 + 0.3 + 0.5, abs=0.25)
    else:
        assert summary.hold_s == pytest.approx(clean.hold_s, abs=FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(("open_deg", "fires"), [(60.0, True), (35.0, False)], ids=["140", "115"])
def test_draw_in_knees_straightening(facing: Facing, open_deg: float, fires: bool) -> None:
    clean = summary_of(run(floor.draw_in_track(DRAW_HOLD_S, facing=facing), DRAW_IN)[0])
    track = floor.draw_in_track(DRAW_HOLD_S, facing=facing, knee_deg_between=(6.0, 9.0, open_deg))
    events, _ = run(track, DRAW_IN)
    summary = summary_of(events)
    assert len(issues(events, "knees_straightening")) == (1 if fires else 0)
    # A warning: the hold goes on.
    assert summary.hold_s == pytest.approx(clean.hold_s, abs=FRAME)
    assert len(summary.hold_windows) == 1


def test_floor_tracks_are_deterministic() -> None:
    a = floor.superman_track(2, jitter_deg=2.0, seed=1)
    b = floor.superman_track(2, jitter_deg=2.0, seed=1)
    assert np.array_equal(a.xyz, b.xyz)
