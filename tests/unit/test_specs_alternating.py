"""The one-sided and alternating exercise specs on synthetic landmark tracks.

For every spec: each side counted or timed on its own (per-side reps exact, per-side hold time
within two frames of the time the position was held), and every form rule shown by a track with
the fault and not shown by the same track without it, facing left and facing right. Tracks come
from :mod:`tests.synthetic_alternating`; nothing here needs a camera or a model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from formcheck.analysis import AnalysisResult, analyze_track
from formcheck.engine.events import FormIssueStarted, RepCompleted, RepFault, SetupGuidance
from formcheck.landmarks import PoseLandmark, PoseTrack
from formcheck.specs import get_spec
from formcheck.specs.schema import ExerciseSpec, FrameRuleSpec, RepRuleSpec, WorkingSide
from tests import synthetic_alternating as syn

FPS = syn.FPS
FRAME = 1.0 / FPS
FACINGS = ["left", "right"]
SPEC_IDS = [
    "knee_to_chest",
    "supine_twist",
    "piriformis_stretch",
    "hip_flexor_stretch",
    "quad_stretch",
    "bird_dog",
    "dead_bug",
    "lunge",
    "posture",
    "safe_lifting",
]
ALTERNATING = set(SPEC_IDS) - {"posture", "safe_lifting"}


def analyse(spec_id: str, track: PoseTrack) -> AnalysisResult:
    return analyze_track(track, get_spec(spec_id))


def issues(result: AnalysisResult) -> dict[str, int]:
    return dict(result.summary.issue_counts)


def in_position_runs(result: AnalysisResult, side: str) -> list[tuple[float, float]]:
    """Stretches of frames where every condition of a hold position (the main one or an
    alternative) holds for ``side`` (from the metrics the pipeline computed), as (first, last)
    frame times."""
    spec = get_spec(result.exercise)
    assert spec.hold is not None
    kin = result.kinematics
    suffix = f"@{side}" if spec.side is WorkingSide.ALTERNATING else ""
    inside = np.zeros(len(kin.timestamp_s), dtype=bool)
    for _, conditions, _ in spec.hold.positions:
        in_this = np.ones(len(kin.timestamp_s), dtype=bool)
        for name, bound in conditions.items():
            in_this &= np.array([bound.holds(v) for v in kin.metrics[name + suffix].tolist()])
        inside |= in_this
    runs = []
    start = None
    for i, flag in enumerate([*inside.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((float(kin.timestamp_s[start]), float(kin.timestamp_s[i - 1])))
            start = None
    return runs


def check_holds(result: AnalysisResult, holds: Sequence[syn.Hold], ramp_s: float) -> None:
    """Per side: the position is held around each synthetic hold (it can only begin and end
    within the ramp), and the timer ran for the time in position less the entry delay."""
    spec = get_spec(result.exercise)
    assert spec.hold is not None
    for side in syn.SIDES:
        expected = [(start, end) for s, start, end in holds if s == side]
        runs = in_position_runs(result, side)
        assert len(runs) == len(expected), (side, runs)
        for (first, last), (start, end) in zip(runs, expected, strict=True):
            assert start - ramp_s <= first <= start and end <= last <= end + ramp_s
        held = sum(last - first - spec.hold.enter_s for first, last in runs)
        assert result.summary.hold_s_by_side.get(side, 0.0) == pytest.approx(held, abs=2 * FRAME)


def started(result: AnalysisResult, rule_id: str) -> list[FormIssueStarted]:
    return [e for e in result.events if isinstance(e, FormIssueStarted) and e.rule_id == rule_id]


def rep_faults(result: AnalysisResult, rule_id: str) -> list[RepFault]:
    return [e for e in result.events if isinstance(e, RepFault) and e.rule_id == rule_id]


def rep_sides(result: AnalysisResult) -> list[str | None]:
    return [e.side for e in result.events if isinstance(e, RepCompleted)]


# -- the specs themselves ------------------------------------------------------------------


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_each_spec_has_instructions_setup_dosage_and_two_form_rules(spec_id: str) -> None:
    spec: ExerciseSpec = get_spec(spec_id)
    assert len(spec.instructions) >= 3 and spec.safety and spec.camera.setup
    rules: list[FrameRuleSpec | RepRuleSpec] = [*spec.frame_rules, *spec.rep_rules]
    assert len(rules) >= 2
    assert all(rule.cue and rule.message for rule in rules)
    assert (spec.side is WorkingSide.ALTERNATING) == (spec_id in ALTERNATING)
    assert spec.dosage.per_side == (spec_id in ALTERNATING)


# -- knee to chest -------------------------------------------------------------------------

KNEE_HOLDS: list[syn.Hold] = [("left", 2.0, 10.0), ("right", 13.0, 21.0)]


@pytest.mark.parametrize("facing", FACINGS)
def test_knee_to_chest_times_each_side_on_its_own(facing: syn.Facing) -> None:
    result = analyse("knee_to_chest", syn.knee_to_chest_track(KNEE_HOLDS, facing))
    check_holds(result, KNEE_HOLDS, ramp_s=0.8)
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
def test_knee_to_chest_other_leg_lifted_pauses_the_timer(facing: syn.Facing) -> None:
    holds: list[syn.Hold] = [("left", 2.0, 14.0)]
    clean = analyse("knee_to_chest", syn.knee_to_chest_track(holds, facing))
    both = analyse(
        "knee_to_chest", syn.knee_to_chest_track(holds, facing, other_leg_up=[(6.0, 9.0, 70.0)])
    )
    # Both knees up puts both sides in position; only the side holding (the left) is judged
    # in the hold, so the person hears it once, not once per side.
    assert issues(both) == {"other_leg_lifted": 1}
    assert issues(clean) == {}
    lost = clean.summary.hold_s_by_side["left"] - both.summary.hold_s_by_side["left"]
    assert lost >= 3.0  # at least the time both legs were up
    assert both.summary.hold_s_by_side["right"] == pytest.approx(0.0, abs=2 * FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("rule_id", "shoulders", "pelvis"),
    [("shoulders_lifting", 28.0, 0.0), ("pelvis_lifting", 0.0, 22.0)],
)
def test_knee_to_chest_trunk_faults(
    facing: syn.Facing, rule_id: str, shoulders: float, pelvis: float
) -> None:
    holds: list[syn.Hold] = [("right", 2.0, 12.0)]
    track = syn.knee_to_chest_track(
        holds,
        facing,
        shoulders_up=[(5.0, 8.0, shoulders)] if shoulders else (),
        pelvis_up=[(5.0, 8.0, pelvis)] if pelvis else (),
    )
    result = analyse("knee_to_chest", track)
    assert issues(result) == {rule_id: 1}
    # A warning: the stretch is still timed.
    check_holds(result, holds, ramp_s=0.8)


# -- supine twist --------------------------------------------------------------------------

TWIST_HOLDS: list[syn.Hold] = [("left", 6.0, 12.0), ("right", 15.0, 21.0)]


@pytest.mark.parametrize("facing", FACINGS)
def test_supine_twist_times_the_side_the_knees_fall_to(facing: syn.Facing) -> None:
    result = analyse("supine_twist", syn.supine_twist_track(TWIST_HOLDS, facing))
    check_holds(result, TWIST_HOLDS, ramp_s=1.0)
    assert issues(result) == {}
    calibrated = [
        e for e in result.events if isinstance(e, SetupGuidance) and e.code == "calibrated"
    ]
    assert len(calibrated) == 1 and calibrated[0].timestamp_s == pytest.approx(3.0, abs=FRAME)


@pytest.mark.parametrize("facing", FACINGS)
def test_supine_twist_shoulder_lifting_stops_the_timer(facing: syn.Facing) -> None:
    # The knees fall away from the camera: the opposite shoulder, the one that lifts, is the
    # near one, and is judged.
    side = syn.supine_near_side(facing)
    other: syn.Side = "left" if side == "right" else "right"
    holds: list[syn.Hold] = [(other, 6.0, 14.0)]
    clean = analyse("supine_twist", syn.supine_twist_track(holds, facing))
    lifted = analyse(
        "supine_twist", syn.supine_twist_track(holds, facing, shoulder_lift=[(8.0, 11.0, 35.0)])
    )
    assert issues(clean) == {}
    assert issues(lifted) == {"shoulder_lifting": 1}
    assert started(lifted, "shoulder_lifting")[0].value > 15.0
    lost = clean.summary.hold_s_by_side[other] - lifted.summary.hold_s_by_side[other]
    assert lost >= 3.0


@pytest.mark.parametrize("facing", FACINGS)
def test_supine_twist_far_shoulder_is_not_judged_and_the_person_is_told(
    facing: syn.Facing,
) -> None:
    # The knees fall towards the camera: the opposite shoulder is the far one, which the pose
    # model reports as seen but does not follow (near_side_only). A lift there is not judged:
    # the hold is timed, and the summary says the shoulders could not be checked.
    side = syn.supine_near_side(facing)
    holds: list[syn.Hold] = [(side, 6.0, 14.0)]
    clean = analyse("supine_twist", syn.supine_twist_track(holds, facing))
    lifted = analyse(
        "supine_twist", syn.supine_twist_track(holds, facing, shoulder_lift=[(8.0, 11.0, 35.0)])
    )
    assert issues(lifted) == {}
    assert lifted.summary.hold_s_by_side[side] == pytest.approx(
        clean.summary.hold_s_by_side[side], abs=0.2
    )
    notes = " ".join(lifted.summary.notes)
    assert "shoulder lifting not checked" in notes
    assert "could not see the shoulders" in notes
    # Turning round would not help (the knees must fall towards the camera to be timed).
    assert "film the other side" not in notes
    assert "check for yourself that both shoulders stay on the floor" in notes


@pytest.mark.parametrize("facing", FACINGS)
def test_supine_twist_knees_apart(facing: syn.Facing) -> None:
    holds: list[syn.Hold] = [("right", 6.0, 14.0)]
    result = analyse(
        "supine_twist", syn.supine_twist_track(holds, facing, knees_apart=[(8.0, 11.0, 50.0)])
    )
    assert issues(result) == {"knees_apart": 1}
    check_holds(result, holds, ramp_s=1.0)  # info: still timed


# -- piriformis (figure-4) -----------------------------------------------------------------

FIGURE4_HOLDS: list[syn.Hold] = [("left", 2.0, 10.0), ("right", 14.0, 22.0)]


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("supporting_thigh_deg", [95.0, 50.0])  # thigh drawn in / foot down
def test_piriformis_times_the_crossed_side(facing: syn.Facing, supporting_thigh_deg: float) -> None:
    track = syn.piriformis_track(FIGURE4_HOLDS, facing, supporting_thigh_deg=supporting_thigh_deg)
    result = analyse("piriformis_stretch", track)
    check_holds(result, FIGURE4_HOLDS, ramp_s=1.0)
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("rule_id", "shoulders", "pelvis"),
    [("shoulders_lifting", 28.0, 0.0), ("pelvis_lifting", 0.0, 22.0)],
)
def test_piriformis_trunk_faults(
    facing: syn.Facing, rule_id: str, shoulders: float, pelvis: float
) -> None:
    holds: list[syn.Hold] = [("left", 2.0, 12.0)]
    track = syn.piriformis_track(
        holds,
        facing,
        shoulders_up=[(5.0, 8.0, shoulders)] if shoulders else (),
        pelvis_up=[(5.0, 8.0, pelvis)] if pelvis else (),
    )
    result = analyse("piriformis_stretch", track)
    assert issues(result) == {rule_id: 1}
    check_holds(result, holds, ramp_s=1.0)


@pytest.mark.parametrize("facing", FACINGS)
def test_piriformis_figure4_is_not_timed_on_an_ankle_the_camera_cannot_see(
    facing: syn.Facing,
) -> None:
    # Feet out of the frame: MediaPipe still places them, at times near the other knee.
    track = syn.piriformis_track(FIGURE4_HOLDS, facing)
    for part in ("ANKLE", "HEEL", "FOOT_INDEX"):
        for side in ("LEFT", "RIGHT"):
            track.visibility[:, PoseLandmark[f"{side}_{part}"]] = 0.1
    result = analyse("piriformis_stretch", track)
    assert result.hold_windows == ()
    assert result.summary.hold_s == 0.0


# The pigeon stretch, the kneeling version: timed on the side of the folded front leg.
PIGEON_HOLDS: list[syn.Hold] = [("left", 2.0, 9.0), ("right", 12.0, 19.0)]


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("lean_deg", [10.0, 75.0])  # sitting tall / folded over the front leg
def test_piriformis_times_a_pigeon_on_the_front_legs_side(
    facing: syn.Facing, lean_deg: float
) -> None:
    track = syn.pigeon_track(PIGEON_HOLDS, facing, lean_deg=lean_deg)
    result = analyse("piriformis_stretch", track)
    check_holds(result, PIGEON_HOLDS, ramp_s=1.0)
    # Sitting up is right in a pigeon: the figure-4's "head and shoulders on the floor" is not
    # judged there (the trunk is at 80 degrees sitting tall).
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
def test_half_kneeling_is_not_a_pigeon(facing: syn.Facing) -> None:
    # Thighs split too, but the back thigh hangs from high hips and the front knee is at 90.
    result = analyse("piriformis_stretch", syn.hip_flexor_track(PIGEON_HOLDS, facing))
    assert result.hold_windows == ()


# -- hip flexor stretch (half-kneeling) ------------------------------------------------------

KNEEL_HOLDS: list[syn.Hold] = [("left", 2.0, 9.0), ("right", 12.0, 19.0)]


@pytest.mark.parametrize("facing", FACINGS)
def test_hip_flexor_times_the_kneeling_side(facing: syn.Facing) -> None:
    result = analyse("hip_flexor_stretch", syn.hip_flexor_track(KNEEL_HOLDS, facing))
    check_holds(result, KNEEL_HOLDS, ramp_s=1.0)
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("rule_id", "lean_deg"), [("leaning_forward", 30.0), ("arching_back", -25.0)]
)
def test_hip_flexor_trunk_faults(facing: syn.Facing, rule_id: str, lean_deg: float) -> None:
    holds: list[syn.Hold] = [("right", 2.0, 12.0)]
    track = syn.hip_flexor_track(holds, facing, trunk_lean=[(5.0, 8.0, lean_deg)])
    result = analyse("hip_flexor_stretch", track)
    assert issues(result) == {rule_id: 1}
    check_holds(result, holds, ramp_s=1.0)


@pytest.mark.parametrize("facing", FACINGS)
def test_hip_flexor_front_knee_past_ankle(facing: syn.Facing) -> None:
    holds: list[syn.Hold] = [("left", 2.0, 9.0)]
    short = analyse("hip_flexor_stretch", syn.hip_flexor_track(holds, facing, front_foot=0.5))
    assert issues(short) == {"front_knee_past_ankle": 1}
    assert started(short, "front_knee_past_ankle")[0].value < 50.0


# -- quadriceps stretch (standing) -----------------------------------------------------------

QUAD_HOLDS: list[syn.Hold] = [("left", 2.0, 9.0), ("right", 12.0, 19.0)]


@pytest.mark.parametrize("facing", FACINGS)
def test_quad_stretch_times_the_bent_side(facing: syn.Facing) -> None:
    result = analyse("quad_stretch", syn.quad_stretch_track(QUAD_HOLDS, facing))
    check_holds(result, QUAD_HOLDS, ramp_s=1.0)
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("rule_id", "knee_deg", "lean_deg"),
    [("knee_forward", 35.0, 0.0), ("knee_pulled_back", -35.0, 0.0), ("not_upright", 0.0, 30.0)],
)
def test_quad_stretch_faults(
    facing: syn.Facing, rule_id: str, knee_deg: float, lean_deg: float
) -> None:
    holds: list[syn.Hold] = [("left", 2.0, 12.0)]
    track = syn.quad_stretch_track(
        holds,
        facing,
        knee_forward=[(5.0, 8.0, knee_deg)] if knee_deg else (),
        trunk_lean=[(5.0, 8.0, lean_deg)] if lean_deg else (),
    )
    result = analyse("quad_stretch", track)
    assert issues(result) == {rule_id: 1}
    check_holds(result, holds, ramp_s=1.0)


# -- bird dog ------------------------------------------------------------------------------


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("pattern", ["LRLR", "LLRRR"])
def test_bird_dog_counts_each_side(facing: syn.Facing, pattern: str) -> None:
    result = analyse("bird_dog", syn.bird_dog_track(pattern, facing))
    assert result.summary.reps_by_side == {
        "left": pattern.count("L"),
        "right": pattern.count("R"),
    }
    assert rep_sides(result) == ["left" if c == "L" else "right" for c in pattern]
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"leg_top_deg": 25.0}, {"leg_too_high": 4}),
        # Arms are judged on the near one only (see test_only_the_near_arm_is_judged).
        ({"arm_top_deg": 35.0}, {"arm_too_high": 2}),
        ({"leg_top_deg": -30.0}, {"leg_not_level": 4}),
        ({"arm_reach": False}, {"arm_not_reaching": 2}),
        ({"rep_s": 2.4}, {"short_hold": 4}),
    ],
)
def test_bird_dog_faults(
    facing: syn.Facing, kwargs: dict[str, object], expected: dict[str, int]
) -> None:
    result = analyse("bird_dog", syn.bird_dog_track("LRLR", facing, **kwargs))  # type: ignore[arg-type]
    assert result.summary.reps_by_side == {"left": 2, "right": 2}
    assert issues(result) == expected


@pytest.mark.parametrize("facing", FACINGS)
def test_bird_dog_counts_a_rep_short_of_level_and_says_so(facing: syn.Facing) -> None:
    # Both limbs stop 28 degrees below level: more than halfway up, so the rep counts, and
    # the leg's rule asks for more reach (the arm is still well above "stayed down").
    track = syn.bird_dog_track("LRLR", facing, leg_top_deg=-28.0, arm_top_deg=-28.0)
    result = analyse("bird_dog", track)
    assert result.summary.reps_by_side == {"left": 2, "right": 2}
    assert issues(result) == {"leg_not_level": 4}


@pytest.mark.parametrize("facing", FACINGS)
def test_bird_dog_does_not_count_a_lift_that_stops_halfway(facing: syn.Facing) -> None:
    track = syn.bird_dog_track("LRLR", facing, leg_top_deg=-45.0, arm_top_deg=-45.0)
    result = analyse("bird_dog", track)
    assert result.summary.reps == 0
    assert issues(result) == {"incomplete_rep": 4}


def test_bird_dog_in_a_mirrored_webcam_keeps_the_sides() -> None:
    result = analyse("bird_dog", syn.bird_dog_track("LLR", "left", mirrored=True))
    assert result.summary.reps_by_side == {"left": 2, "right": 1}


# -- dead bug ------------------------------------------------------------------------------


@pytest.mark.parametrize("facing", FACINGS)
def test_dead_bug_counts_each_side(facing: syn.Facing) -> None:
    result = analyse("dead_bug", syn.dead_bug_track("LRLRR", facing))
    assert result.summary.reps_by_side == {"left": 2, "right": 3}
    assert rep_sides(result) == ["left", "right", "left", "right", "right"]
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"arm_reach": False}, {"arm_not_reaching": 2}),  # the near arm's reps
        ({"shoulders_up_deg": 30.0}, {"shoulders_lifting": 4}),
        ({"rep_s": 1.2}, {"too_fast": 4}),
        # A thigh dropping that far also looks like an attempt by that leg, not finished.
        ({"other_leg_drop_deg": 45.0}, {"other_leg_dropping": 4, "incomplete_rep": 4}),
    ],
)
def test_dead_bug_faults(
    facing: syn.Facing, kwargs: dict[str, object], expected: dict[str, int]
) -> None:
    result = analyse("dead_bug", syn.dead_bug_track("LRLR", facing, **kwargs))  # type: ignore[arg-type]
    assert result.summary.reps_by_side == {"left": 2, "right": 2}
    assert issues(result) == expected


@pytest.mark.parametrize("facing", FACINGS)
def test_dead_bug_other_leg_dropping_is_reported_on_the_reaching_side(facing: syn.Facing) -> None:
    result = analyse("dead_bug", syn.dead_bug_track("LR", facing, other_leg_drop_deg=45.0))
    reps = [e for e in result.events if isinstance(e, RepCompleted)]
    assert [(r.side, r.issues) for r in reps] == [
        ("left", ("other_leg_dropping",)),
        ("right", ("other_leg_dropping",)),
    ]


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("faulty", [1, 2])
def test_an_issue_is_reported_on_its_own_sides_rep_only(facing: syn.Facing, faulty: int) -> None:
    # Each side numbers its own reps: left rep 1's issue is not right rep 1's, whichever
    # finished first.
    result = analyse(
        "dead_bug",
        syn.dead_bug_track("LR", facing, other_leg_drop_deg=45.0, other_leg_drop_reps=[faulty]),
    )
    reps = [e for e in result.events if isinstance(e, RepCompleted)]
    assert [(r.side, r.issues) for r in reps] == [
        ("left", ("other_leg_dropping",) if faulty == 1 else ()),
        ("right", ("other_leg_dropping",) if faulty == 2 else ()),
    ]


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("exercise", "kwargs", "rule_id"),
    [
        ("bird_dog", {"arm_top_deg": 35.0}, "arm_too_high"),
        ("bird_dog", {"arm_reach": False}, "arm_not_reaching"),
        ("dead_bug", {"arm_reach": False}, "arm_not_reaching"),
    ],
)
def test_only_the_near_arm_is_judged(
    facing: syn.Facing, exercise: str, kwargs: dict[str, object], rule_id: str
) -> None:
    # The arm opposite the near leg is the far one, which MediaPipe guesses (side-on, a far arm
    # reaching out read as hanging down): its reps are not judged, and the summary says so.
    track = getattr(syn, f"{exercise}_track")("LRLR", facing, **kwargs)
    result = analyse(exercise, track)
    assert result.kinematics is not None and result.kinematics.side is not None
    far = "right" if result.kinematics.side.side.value == "left" else "left"
    reps = [e for e in result.events if isinstance(e, RepCompleted)]
    # A rep is named by its leg: the near arm reaches with the far leg.
    assert [r.side for r in reps if rule_id in r.issues] == [far, far]
    notes = " ".join(result.events[-1].notes)  # type: ignore[attr-defined]
    assert f"{rule_id.replace('_', ' ')} not checked on 2 rep(s)" in notes


# -- lunge ---------------------------------------------------------------------------------


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("pattern", ["LRLR", "RRL"])
def test_lunge_counts_the_front_leg(facing: syn.Facing, pattern: str) -> None:
    result = analyse("lunge", syn.lunge_track(pattern, facing))
    assert rep_sides(result) == ["left" if c == "L" else "right" for c in pattern]
    assert issues(result) == {}


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("kwargs", "rule_id"),
    [
        ({"front_shin_lean_deg": 45.0}, "front_knee_past_toes"),
        ({"trunk_lean_deg": 40.0}, "trunk_leaning"),
    ],
)
def test_lunge_faults(facing: syn.Facing, kwargs: dict[str, float], rule_id: str) -> None:
    result = analyse("lunge", syn.lunge_track("LRLR", facing, **kwargs))  # type: ignore[arg-type]
    assert result.summary.reps_by_side == {"left": 2, "right": 2}
    assert issues(result) == {rule_id: 4}
    reps = [e for e in result.events if isinstance(e, RepCompleted)]
    assert all(r.issues == (rule_id,) for r in reps)


# -- posture (calibrated to the person's own upright) ---------------------------------------

POSTURE_S = 30.0


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("sitting", [True, False])
def test_posture_upright_is_timed_without_cues(facing: syn.Facing, sitting: bool) -> None:
    result = analyse("posture", syn.posture_track(POSTURE_S, facing, sitting=sitting))
    assert issues(result) == {}
    spec = get_spec("posture")
    assert spec.hold is not None
    last = result.kinematics.timestamp_s[-1]
    assert result.summary.hold_s == pytest.approx(last - spec.hold.enter_s, abs=2 * FRAME)
    calibrated = [
        e for e in result.events if isinstance(e, SetupGuidance) and e.code == "calibrated"
    ]
    assert calibrated[0].timestamp_s == pytest.approx(3.0, abs=FRAME)


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize("sitting", [True, False])
@pytest.mark.parametrize(
    ("kwargs", "rule_id"),
    [
        ({"forward_head": [(8.0, 14.0, 25.0)]}, "forward_head"),
        ({"slouch": [(8.0, 14.0, 20.0)]}, "slouching"),
    ],
)
def test_posture_faults_stop_the_good_posture_timer(
    facing: syn.Facing, sitting: bool, kwargs: dict[str, object], rule_id: str
) -> None:
    clean = analyse("posture", syn.posture_track(POSTURE_S, facing, sitting=sitting))
    track = syn.posture_track(POSTURE_S, facing, sitting=sitting, **kwargs)  # type: ignore[arg-type]
    result = analyse("posture", track)
    assert issues(result) == {rule_id: 1}
    assert clean.summary.hold_s - result.summary.hold_s >= 6.0 - 1.0


@pytest.mark.parametrize("facing", FACINGS)
def test_posture_is_judged_against_the_persons_own_upright(facing: syn.Facing) -> None:
    # A person whose comfortable upright already carries the head 30 degrees forward is not
    # nagged for it; drifting 20 degrees further is still caught.
    own = syn.posture_track(POSTURE_S, facing, upright_neck_deg=30.0, upright_trunk_deg=5.0)
    assert issues(analyse("posture", own)) == {}
    drift = syn.posture_track(
        POSTURE_S,
        facing,
        upright_neck_deg=30.0,
        upright_trunk_deg=5.0,
        forward_head=[(8.0, 14.0, 20.0)],
    )
    assert issues(analyse("posture", drift)) == {"forward_head": 1}


@pytest.mark.parametrize("facing", FACINGS)
def test_posture_far_out_of_line_is_said_even_when_calibrated_that_way(facing: syn.Facing) -> None:
    track = syn.posture_track(POSTURE_S, facing, upright_neck_deg=45.0, upright_trunk_deg=25.0)
    result = analyse("posture", track)
    assert issues(result) == {"out_of_line": 1}
    assert started(result, "out_of_line")[0].value > 0.5


# -- safe lifting --------------------------------------------------------------------------


@pytest.mark.parametrize("facing", FACINGS)
@pytest.mark.parametrize(
    ("style", "expected"),
    [("squat", {}), ("stoop", {"stooping": 3}), ("knees_forward", {"knees_far_forward": 3})],
)
def test_safe_lifting_styles(facing: syn.Facing, style: str, expected: dict[str, int]) -> None:
    result = analyse("safe_lifting", syn.lifting_track(3, facing, style=style))
    assert result.summary.reps == 3
    assert issues(result) == expected


@pytest.mark.parametrize("facing", FACINGS)
def test_safe_lifting_judges_trunk_against_knees_not_one_angle(facing: syn.Facing) -> None:
    squat = analyse("safe_lifting", syn.lifting_track(1, facing, style="squat"))
    stoop = analyse("safe_lifting", syn.lifting_track(1, facing, style="stoop"))
    # Trunk tipped per degree of knee bend: a squat lift about 0.4, a stoop about 3.5.
    squat_rep = next(e for e in squat.events if isinstance(e, RepCompleted))
    ratio = (
        squat_rep.metric_max["trunk_incline_deg"] - squat_rep.metric_min["trunk_incline_deg"]
    ) / (squat_rep.metric_max["knee_angle_deg"] - squat_rep.metric_min["knee_angle_deg"])
    assert ratio == pytest.approx(0.39, abs=0.05)
    (fault,) = rep_faults(stoop, "stooping")
    assert fault.value == pytest.approx(3.7, abs=0.3)
    assert math.isfinite(fault.value)


@pytest.mark.parametrize("facing", FACINGS)
def test_safe_lifting_too_fast(facing: syn.Facing) -> None:
    result = analyse("safe_lifting", syn.lifting_track(3, facing, rep_s=1.4))
    assert result.summary.reps == 3
    assert issues(result) == {"too_fast": 3}
