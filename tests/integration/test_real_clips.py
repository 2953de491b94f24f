"""Accuracy on real people: the labelled clips in ../shared/videos, judged as a whole.

One scorecard run (two processes, one landmark cache for the session) feeds every test here.
Thresholds in the specs are not tuned per clip; these tests assert the issues' acceptance
criteria over every labelled clip of an exercise, and per-exercise floors at the measured
accuracy, so a change that helps one clip and hurts others fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formcheck.evaluation import ClipScore, aggregate, load_labels, run_scorecard

from ..conftest import LABELS, VIDEOS

pytestmark = pytest.mark.real_video


@pytest.fixture(scope="session")
def scores(model_path: Path, landmark_cache: Path) -> dict[str, ClipScore]:
    if not LABELS.is_file():
        pytest.skip(
            f"real clips not available: {LABELS} is missing (../shared is not beside the checkout)"
        )
    # The CI subset: every trusted clip (the accuracy targets are about these) plus the bridge's
    # untrusted clips (its acceptance criterion covers them). `formcheck eval` scores them all.
    labels = [c for c in load_labels(LABELS) if c.trusted or c.exercise == "glute_bridge"]
    results = run_scorecard(labels, VIDEOS, model_path, cache_dir=landmark_cache, jobs=2)
    return {score.file: score for score in results}


def of(scores: dict[str, ClipScore], exercise: str) -> list[ClipScore]:
    return [s for s in scores.values() if s.exercise == exercise]


def test_glute_bridge_reps_exact_on_trusted_side_view_clips(scores: dict[str, ClipScore]) -> None:
    trusted = [
        s
        for s in of(scores, "glute_bridge")
        if s.trusted and s.view == "side" and s.true_reps is not None
    ]
    assert len(trusted) >= 4, "expected the labelled side-view bridge clips"
    wrong = {
        s.file: (s.counted_reps, s.true_reps, s.can_judge)
        for s in trusted
        if not s.can_judge or s.rep_error != 0
    }
    assert not wrong, f"(counted, labelled, can_judge) per wrong clip: {wrong}"


def test_glute_bridge_other_clips_within_one_or_cannot_judge(scores: dict[str, ClipScore]) -> None:
    others = [
        s
        for s in of(scores, "glute_bridge")
        if s.true_reps is not None and not (s.trusted and s.view == "side")
    ]
    assert others, "expected low-confidence or mixed-view bridge clips"
    wrong = {
        s.file: (s.counted_reps, s.true_reps)
        for s in others
        if s.can_judge and abs(s.rep_error or 99) > 1
    }
    assert not wrong, f"confident counts off by more than one (counted, labelled): {wrong}"


def test_glute_bridge_marching_hold_is_not_counted_as_reps(scores: dict[str, ClipScore]) -> None:
    # Single-leg marches in a held bridge move one hip angle a lot; they are not bridge reps.
    clip = scores.get("glute_bridge__drwho__glute_bridge_mark.mp4")
    if clip is None:
        pytest.skip("the marching-bridge clip is not in ../shared/videos")
    assert clip.counted_reps == 0


def test_plank_hold_window_within_one_second_on_side_view_clips(
    scores: dict[str, ClipScore],
) -> None:
    clips = [s for s in of(scores, "plank") if s.view == "side" and s.true_hold is not None]
    assert len(clips) >= 4, "expected the labelled side-view plank clips"
    wrong = {}
    for s in clips:
        errors = s.hold_errors
        if errors is None or max(errors) > 1.0:
            wrong[s.file] = (s.found_hold, s.true_hold)
    assert not wrong, f"(found window, labelled window) per wrong clip: {wrong}"


# Floors at the accuracy measured on the trusted clips when the specs were written: a drop
# fails. (off-by-one rep accuracy among the clips it judged, share of hold windows within
# 1.5 s); None where the exercise has no such clips. Below-target floors are known gaps
# (see the scorecard), not goals.
FLOORS: dict[str, tuple[float | None, float | None]] = {
    "bird_dog": (1.00, 1.00),
    "cat_cow": (1.00, None),
    "childs_pose": (None, 1.00),
    "dead_bug": (1.00, None),
    "glute_bridge": (1.00, 1.00),
    "hamstring_stretch": (None, 0.66),
    "hip_flexor_stretch": (None, None),
    "knee_to_chest": (None, 1.00),
    "lunge": (1.00, None),
    "piriformis_stretch": (None, 1.00),
    "plank": (None, 1.00),
    "prone_press_up": (None, 1.00),
    "pushup": (1.00, None),
    "side_plank": (None, 1.00),
    "squat": (1.00, None),
    "superman": (1.00, None),
    "wall_sit": (None, 0.50),
}


@pytest.mark.parametrize("exercise", sorted(FLOORS))
def test_scorecard_does_not_drop_below_its_floor(
    scores: dict[str, ClipScore], exercise: str
) -> None:
    trusted = [s for s in of(scores, exercise) if s.trusted]
    if not trusted:
        pytest.skip(f"no trusted {exercise} clips in ../shared/videos")
    result = aggregate(trusted)
    rep_floor, hold_floor = FLOORS[exercise]
    if rep_floor is not None:
        assert result.off_by_one_judged is not None and result.off_by_one_judged >= rep_floor, (
            result
        )
    if hold_floor is not None:
        assert result.hold_within_1_5_s is not None and result.hold_within_1_5_s >= hold_floor, (
            result
        )


def test_confident_rep_counts_across_all_exercises_are_within_one(
    scores: dict[str, ClipScore],
) -> None:
    """On trusted clips, when FormCheck gives a count it is within one rep at least 90% of the
    time (it may instead say it cannot judge; that rate is tracked by the scorecard)."""
    trusted = [s for s in scores.values() if s.trusted and s.true_reps is not None]
    result = aggregate(trusted)
    assert result.off_by_one_judged is not None and result.off_by_one_judged >= 0.9, result


def test_overall_accuracy_does_not_drop(scores: dict[str, ClipScore]) -> None:
    """Floors for the whole trusted set at the accuracy last measured (2026-11-21, with bird
    dog reps counted once a limb is more than halfway up and the counter waiting for rest after
    a cut: reps within one 0.92 and exact 0.72, counting 'cannot judge' as a miss; holds within
    1.5 s 0.77). The issue's hold target (every hold) is not met yet; these only stop it
    getting worse."""
    trusted = [s for s in scores.values() if s.trusted]
    result = aggregate(trusted)
    assert result.off_by_one is not None and result.off_by_one >= 0.92, result
    assert result.exact is not None and result.exact >= 0.72, result
    assert result.hold_within_1_5_s is not None and result.hold_within_1_5_s >= 0.77, result
