"""The side plank, filmed from the front, end to end through MediaPipe on synthetic video with
exact ground truth: the clean hold is timed to within two frames, and each rule (hip_sag,
hips_piked, head_dropping) fires on the hold with its fault and not on a clean one, lying on
the left forearm and on the right.

The actor is drawn frontally (``formcheck/synth/front.py``): the camera faces the chest, so
the hips sagging towards the floor and the head tipping towards it are angles in the picture.
Between holds the actor lies propped on the forearm with the hips on the floor, which the spec
counts as in position with the hips sagging: hip_sag (an error) keeps the timer paused there
until the hips lift, so that rule also speaks at rest, as the spec intends.

Clips are small (480x270, 15 fps) and short, rendered into a temporary folder and tracked two
at a time; nothing is cached between runs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from formcheck import FormIssueStarted
from formcheck.kinematics.body import View
from formcheck.landmarks import PoseLandmark
from formcheck.synth import Take, Tempo, prepare
from formcheck.synth.scoring import score_hold_stretches

from .takes import SIZE, Analysed, analyse_takes, assert_windows_match

TEMPO = Tempo(lead_s=1.0, up_s=1.0, top_s=4.5, down_s=1.0, rest_s=0.8)
# Each clip: four holds, the first clean, one fault in the middle of each of the others.
TAKES = {
    # The head on the right: lying on the left forearm.
    "left_forearm": Take(
        "side_plank",
        reps=4,
        faults=("hip_sag:28@2", "hips_piked:42@3", "head_drop:45@4"),
        facing="right",
        size=SIZE,
        tempo=TEMPO,
        seed=50,
    ),
    "right_forearm": Take(
        "side_plank",
        reps=4,
        faults=("head_drop:45@2", "hip_sag:28@3", "hips_piked:42@4"),
        facing="left",
        size=SIZE,
        tempo=TEMPO,
        seed=51,
    ),
}
FPS = 15.0


def test_the_truth_is_exact_and_says_front() -> None:
    clips = {
        facing: prepare(
            Take("side_plank", reps=2, faults=("hip_sag:25@2",), facing=facing, tempo=TEMPO),
            landmarks=True,
        ).truth
        for facing in ("left", "right")
    }
    for facing, truth in clips.items():
        assert truth.to_dict()["view"] == "front"
        # Lying on the left side with the head on the right, on the right side mirrored.
        assert truth.near_side == ("left" if facing == "right" else "right")
        t, line = truth.timestamp_s, truth.metrics["hip_line_deg"]
        clean = truth.reps[0]
        fault = truth.faults[0]
        top = (t >= clean.top_s) & (t <= clean.top_end_s)
        assert np.abs(line[top]).max() < 0.65
        assert np.abs(truth.metrics["head_drop_deg"][top]).max() < 0.85
        full = (t >= fault.full_s) & (t <= fault.full_end_s)
        assert np.allclose(line[full], -25.0, atol=0.65)
        # The supporting elbow is straight under the lower shoulder; the other shoulder is
        # above it (image y grows downwards).
        assert truth.landmarks is not None
        pixels = truth.landmarks * np.array([truth.width, truth.height])
        down, up = truth.near_side.upper(), "RIGHT" if truth.near_side == "left" else "LEFT"
        shoulder = pixels[:, PoseLandmark[f"{down}_SHOULDER"]]
        assert np.allclose(pixels[:, PoseLandmark[f"{down}_ELBOW"], 0], shoulder[:, 0])
        assert (pixels[:, PoseLandmark[f"{up}_SHOULDER"], 1] < shoulder[:, 1]).all()
    left, right = clips["left"], clips["right"]
    for name in left.metrics:
        assert np.allclose(left.metrics[name], right.metrics[name], atol=1e-6), name


@pytest.fixture(scope="module")
def runs(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Analysed]:
    folder = tmp_path_factory.mktemp("synth-side-plank")
    return analyse_takes(TAKES, folder, model_path)


@pytest.mark.parametrize("name", sorted(TAKES))
def test_the_person_is_seen_and_judged_from_the_front(runs: dict[str, Analysed], name: str) -> None:
    run = runs[name]
    assert run.result.can_judge
    # MediaPipe puts the hips a little closer together than the drawn joints: the body reads
    # about 0.5 as wide as long (a front view from 0.55), which the spec's front view accepts.
    assert run.result.kinematics.view.view in (View.FRONT, View.OBLIQUE)
    assert (run.result.kinematics.status == 0).all()


@pytest.mark.parametrize("name", sorted(TAKES))
def test_the_clean_hold_is_timed_to_two_frames(runs: dict[str, Analysed], name: str) -> None:
    run = runs[name]
    clean = run.truth.reps[0]
    want = next(w for w in run.truth.hold_windows if clean.start_s <= w.start_s <= clean.end_s)
    got = next(w for w in run.result.hold_windows if clean.start_s <= w.start_s <= clean.end_s)
    assert got.start_s == pytest.approx(want.start_s, abs=2 / FPS + 1e-6), (got, want)
    assert got.end_s == pytest.approx(want.end_s, abs=2 / FPS + 1e-6), (got, want)
    # Every window, from the first frame: the clip opens propped on the forearm with the hips
    # down, where MediaPipe sees the knees poorly (visibility 0.4-0.5); the engine once opened
    # a window there that the confirmed sag cut to a sliver with 0 s held. It now drops such a
    # window, so none is left out here.
    assert_windows_match(run)


@pytest.mark.parametrize("name", sorted(TAKES))
def test_each_rule_fires_on_its_faulty_hold_and_not_on_a_clean_one(
    runs: dict[str, Analysed], name: str
) -> None:
    run = runs[name]
    stretches = score_hold_stretches(run.truth, run.result)
    rules = {f.name: f.rule for f in run.truth.faults}
    assert sorted(rules.values()) == ["head_dropping", "hip_sag", "hips_piked"]
    assert [s.fault for s in stretches if s.fault] == [f.name for f in run.truth.faults]
    clean = [s for s in stretches if s.fault is None]
    assert clean and clean[0].start_s == run.truth.reps[0].top_s  # the whole first hold
    for stretch in stretches:
        expected = {rules[stretch.fault]} if stretch.fault else set()
        assert stretch.rules == expected, stretch


@pytest.mark.parametrize("name", sorted(TAKES))
def test_hip_sag_speaks_at_rest_only_until_the_hips_lift(
    runs: dict[str, Analysed], name: str
) -> None:
    # Outside the sag fault, hip_sag starts only while the hips are down between holds
    # (lying propped on the forearm, or lowering to it), never while a hold is at the top.
    run = runs[name]
    sag = next(f for f in run.truth.faults if f.name == "hip_sag")
    for event in run.result.events:
        if not isinstance(event, FormIssueStarted) or event.rule_id != "hip_sag":
            continue
        if sag.start_s - 0.3 <= event.since_s <= sag.end_s:
            continue
        assert not any(r.top_s <= event.since_s <= r.top_end_s for r in run.truth.reps), event
