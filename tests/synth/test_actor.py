"""The synthetic actor without the pose model: fault syntax, scripts, exact truth, drawing."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import formcheck
from formcheck.synth import (
    EXERCISES,
    Actor,
    Fault,
    SynthError,
    Take,
    Tempo,
    get_exercise,
    parse_fault,
    prepare,
    synthesize,
)
from formcheck.synth.faults import resolve_amount
from formcheck.synth.ik import pose_from_directions
from formcheck.synth.render import Camera, FigureRenderer
from formcheck.synth.skeleton import Proportions, pose_body
from formcheck.synth.truth import GroundTruth

FAST = Tempo(lead_s=0.8, up_s=0.6, top_s=0.6, down_s=0.6, rest_s=0.5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hip_sag", Fault("hip_sag")),
        ("hip_sag:15", Fault("hip_sag", 15.0)),
        ("hip_sag:15@2", Fault("hip_sag", 15.0, reps=(2,))),
        ("too_fast@1,3", Fault("too_fast", reps=(1, 3))),
        ("incomplete:0.4@2-4", Fault("incomplete", 0.4, reps=(2, 3, 4))),
        ("head_drop:25@4-8.5s", Fault("head_drop", 25.0, window_s=(4.0, 8.5))),
        ("hips_piked@all", Fault("hips_piked")),
    ],
)
def test_fault_syntax(text: str, expected: Fault) -> None:
    assert parse_fault(text) == expected
    assert parse_fault(str(expected)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hip sag", "expected NAME"),
        ("hip_sag@0", "numbered from 1"),
        ("hip_sag@3-2", "numbered from 1"),
        ("hip_sag@9-4s", "must end after"),
        ("hip_sag@two", "WHEN must be"),
    ],
)
def test_bad_fault_syntax_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(SynthError, match=message):
        parse_fault(text)


def test_unknown_fault_and_exercise_list_what_exists() -> None:
    with pytest.raises(SynthError, match="it can do: head_drop, hip_sag, hips_piked"):
        prepare(Take("plank", faults=("too_fast",)))
    with pytest.raises(SynthError, match=r"cannot perform 'handstand'.*glute_bridge"):
        get_exercise("handstand")
    with pytest.raises(SynthError, match="only 2 rep"):
        prepare(Take("glute_bridge", reps=2, faults=("hip_sag@3",)))
    with pytest.raises(SynthError, match="between 0 and 40 degrees"):
        resolve_amount(
            parse_fault("hip_sag:55"), get_exercise("glute_bridge").fault_kinds["hip_sag"]
        )


def test_bridge_script_reps_and_faults() -> None:
    clip = prepare(
        Take(
            "glute_bridge",
            reps=4,
            faults=("hip_sag:22@2", "too_fast:0.8@3", "incomplete@4"),
            tempo=FAST,
        )
    )
    truth = clip.truth
    assert [r.complete for r in truth.reps] == [True, True, True, False]
    assert truth.rep_count == 3
    assert truth.faulty_reps("hip_sag") == [2]
    assert truth.clean_reps() == [1]
    fast = truth.reps[2]
    assert fast.end_s - fast.start_s == pytest.approx(0.8)
    # Frames know their phase, rep and faults.
    i = int(np.searchsorted(truth.timestamp_s, truth.reps[1].top_s + 0.1))
    assert truth.phases[i] == "top" and truth.rep_numbers[i] == 2
    assert truth.frame_faults[i] == ["hip_sag"]


def _top_values(truth_metric: np.ndarray, t: np.ndarray, start: float, end: float) -> np.ndarray:
    return truth_metric[(t >= start) & (t <= end)]


def test_truth_angles_are_exactly_what_was_asked_for() -> None:
    """The spec metric the actor is driven by equals the request, to within its small sway."""
    truth = prepare(
        Take("glute_bridge", reps=2, faults=("hip_sag:22@2",), tempo=FAST, seed=5)
    ).truth
    t, line = truth.timestamp_s, truth.metrics["hip_line_deg"]
    first, second = truth.reps
    assert np.allclose(_top_values(line, t, first.top_s, first.top_end_s), 0.0, atol=0.55)
    assert np.allclose(_top_values(line, t, second.top_s, second.top_end_s), -22.0, atol=0.55)

    plank = prepare(
        Take("plank", faults=("hip_sag:20@3-5s", "head_drop:30@7-8s"), tempo=Tempo(top_s=8.0))
    ).truth
    t, body_line = plank.timestamp_s, plank.metrics["body_line_deg"]
    assert np.allclose(_top_values(body_line, t, 3.0, 5.0), -20.0, atol=0.65)
    assert np.allclose(_top_values(plank.metrics["head_drop_deg"], t, 7.0, 8.0), 30.0, atol=0.85)
    hold = plank.reps[0]
    clean = (t > hold.top_s) & (t < 2.4) | (t > 5.6) & (t < 6.4)
    assert np.abs(body_line[clean]).max() < 0.65


def test_faults_in_a_hold_split_its_hold_window() -> None:
    truth = prepare(Take("plank", faults=("hip_sag:22@1",), tempo=Tempo(top_s=8.0))).truth
    hold = truth.reps[0]
    fault = truth.faults[0]
    assert [f.rule for f in truth.faults] == ["hip_sag"]
    first, second = truth.hold_windows
    # In position from partway through the rise; the sag (an error) ends the window where the
    # body line crosses the rule's -12 degrees, and a new one starts once it has cleared.
    assert hold.start_s < first.start_s < hold.top_s
    assert fault.start_s < first.end_s < fault.full_s
    assert fault.full_end_s < second.start_s < fault.end_s + 0.4
    assert hold.top_end_s < second.end_s < hold.end_s


def _cow_and_cat(truth: GroundTruth, number: int) -> tuple[float, float]:
    """The deepest cow from the end of the rep before to the end of rep ``number``, and its
    cat: the range the spec's counter measures."""
    t, curl = truth.timestamp_s, truth.metrics["spine_curl_deg"]
    rep = truth.reps[number - 1]
    since = truth.reps[number - 2].end_s if number > 1 else 0.0
    return float(curl[(t >= since) & (t <= rep.end_s)].min()), float(
        curl[(t >= rep.start_s) & (t <= rep.end_s)].max()
    )


def test_small_range_starts_from_a_shallower_cow() -> None:
    """A from-rest fault is in place over the whole rep, the rest before it included: a small
    cat-cow range takes 70% of its cut from the cow and 30% from the cat, and the reps around
    it keep their full -40 to 65 range."""
    faults = ("small_range:40@1", "small_range:50@3-4")
    truth = prepare(Take("cat_cow", reps=5, faults=faults, tempo=FAST, seed=3)).truth
    expected = [(-40 + 28, 65 - 12), (-40, 65), (-40 + 35, 65 - 15), (-5, 50), (-40, 65)]
    for number, (cow, cat) in enumerate(expected, start=1):
        assert _cow_and_cat(truth, number) == pytest.approx((cow, cat), abs=0.85)
    assert truth.counted_by_spec == [True] * 5
    assert [(f.rep, f.rule) for f in truth.faults] == [(n, "small_range") for n in (1, 3, 4)]
    first, third, fourth = truth.faults
    reps = truth.reps
    # Present from the clip's start before rep 1; eased in while rep 2 comes down before rep 3;
    # rep 4's own stretch starts where rep 3 ends, and the run eases out before rep 5.
    assert (first.start_s, first.full_s, first.end_s) == (0.0, 0.0, reps[1].start_s)
    assert (third.start_s, third.full_s) == (reps[1].top_end_s, reps[1].end_s)
    assert (third.full_end_s, third.end_s) == (reps[2].end_s, reps[2].end_s)
    assert (fourth.start_s, fourth.full_s) == (reps[2].end_s, reps[2].end_s)
    assert (fourth.full_end_s, fourth.end_s) == (reps[3].end_s, reps[4].start_s)
    between = (truth.timestamp_s > reps[2].end_s) & (truth.timestamp_s < reps[3].start_s)
    assert all(truth.frame_faults[i] == ["small_range"] for i in np.flatnonzero(between))


def test_bridge_keeps_shoulders_and_feet_planted() -> None:
    model, p = get_exercise("glute_bridge"), Proportions()
    bodies = [pose_body(model.pose({"hip_line": line}, p), p) for line in (-50.0, -25.0, 0.0, 30.0)]
    for body in bodies[1:]:
        assert np.allclose(body.near.shoulder, bodies[0].near.shoulder)
        assert np.allclose(body.near.ankle, bodies[0].near.ankle, atol=1e-9)
    heights = [float(b.near.hip[1]) for b in bodies]
    assert heights == sorted(heights)


def test_joint_angles_round_trip_through_forward_kinematics() -> None:
    """A pose built from where segments point puts the joints exactly there."""
    p = Proportions()
    pose = get_exercise("plank").pose({"support": 1.0, "body_line": -15.0, "head_drop": 10.0}, p)
    body = pose_body(pose, p)
    rebuilt = pose_from_directions(
        anterior=pose.anterior,
        hip=body.near.hip,
        trunk_deg=pose.trunk_deg,
        spine_flex_deg=0.0,
        head_up=body.head_up,
        near_leg=_dirs_leg(body),
        near_arm=_dirs_arm(body),
    )
    again = pose_body(rebuilt, p)
    for name in ("knee", "ankle", "toe", "elbow", "wrist", "shoulder"):
        assert np.allclose(getattr(again.near, name), getattr(body.near, name), atol=1e-9), name
    assert np.allclose(again.ear, body.ear)


def _unit(v: np.ndarray) -> np.ndarray:
    return np.asarray(v / np.linalg.norm(v))


def _dirs_leg(body):  # type: ignore[no-untyped-def]
    from formcheck.synth.ik import LegDirs

    limb = body.near
    return LegDirs(
        _unit(limb.knee - limb.hip), _unit(limb.ankle - limb.knee), _unit(limb.toe - limb.heel)
    )


def _dirs_arm(body):  # type: ignore[no-untyped-def]
    from formcheck.synth.ik import ArmDirs

    limb = body.near
    return ArmDirs(
        _unit(limb.elbow - limb.shoulder),
        _unit(limb.wrist - limb.elbow),
        _unit(limb.hand_tip - limb.wrist),
    )


def test_facing_mirrors_the_picture_not_the_angles() -> None:
    left = prepare(Take("glute_bridge", reps=1, facing="left", tempo=FAST)).truth
    right = prepare(Take("glute_bridge", reps=1, facing="right", tempo=FAST)).truth
    assert (left.near_side, right.near_side) == ("right", "left")
    for name in left.metrics:
        assert np.allclose(left.metrics[name], right.metrics[name], atol=1e-6), name
    plank = prepare(Take("plank", facing="left", tempo=Tempo(top_s=1.0))).truth
    assert plank.near_side == "left"  # face down with the head on the left: the left side shows


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_every_exercise_fills_the_frame_and_stays_in_it(exercise: str) -> None:
    clip = prepare(Take(exercise, reps=1, tempo=Tempo(top_s=1.0, rest_s=0.5)))
    assert clip.truth.figure_extent >= 0.40
    frames = list(clip.frames())
    assert frames[0].shape == (360, 640, 3)
    with pytest.raises(SynthError, match="too close"):
        prepare(Take(exercise, reps=1, camera_distance_m=1.0, tempo=Tempo(top_s=1.0)))


def test_drawing_is_deterministic_and_actors_differ() -> None:
    p = Proportions()
    body = pose_body(get_exercise("glute_bridge").pose({"hip_line": -10.0}, p), p)
    camera = Camera(320, 180, 200.0, -0.3, 150.0, mirror=True)
    first = FigureRenderer(camera).draw(body)
    assert np.array_equal(first, FigureRenderer(camera).draw(body))
    other = FigureRenderer(camera, Actor.varied(3).look).draw(body)
    assert not np.array_equal(first, other)
    assert Actor.varied(3) == Actor.varied(3)


def test_two_renders_give_identical_bytes(tmp_path: Path) -> None:
    take = Take(
        "glute_bridge", reps=1, faults=("hip_sag:20@1",), size=(160, 96), tempo=FAST, seed=4
    )
    digests = []
    for name in ("a", "b"):
        synthesize(take, tmp_path / f"{name}.mp4")
        digests.append(hashlib.sha256((tmp_path / f"{name}.mp4").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert (tmp_path / "a.truth.json").read_text() == (
        tmp_path / "b.truth.json"
    ).read_text().replace('"b.mp4"', '"a.mp4"')


def test_the_core_never_imports_synth() -> None:
    core = sorted(
        m.name
        for m in pkgutil.walk_packages(formcheck.__path__, "formcheck.")
        # Alembic's migration scripts run only inside Alembic (they read its context).
        if not m.name.startswith(("formcheck.synth", "formcheck.app", "formcheck.store.migrations"))
    )
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m.startswith('formcheck.synth')]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    importlib.import_module("formcheck.synth")
