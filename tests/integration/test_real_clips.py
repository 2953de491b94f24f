"""Accuracy on real people: the labelled clips in ../shared/videos, judged as a whole.

The thresholds in the specs are not tuned per clip; these tests assert the issue's acceptance
criteria over every labelled clip of an exercise, so a change that helps one clip and hurts
another fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from formcheck.analysis import AnalysisResult, analyze_track
from formcheck.specs import get_spec
from formcheck.tracking import track_video

from ..conftest import VIDEOS

pytestmark = pytest.mark.real_video

_results: dict[tuple[str, str], AnalysisResult] = {}


def analyse(clip: str, exercise: str, model: Path, cache: Path) -> AnalysisResult:
    key = (clip, exercise)
    if key not in _results:
        track, warnings = track_video(VIDEOS / clip, model, cache_dir=cache)
        _results[key] = analyze_track(
            track, get_spec(exercise), video=clip, source_warnings=warnings
        )
    return _results[key]


def _clips(labels: list[dict[str, Any]], exercise: str) -> list[dict[str, Any]]:
    return [c for c in labels if c["exercise"] == exercise and (VIDEOS / c["file"]).is_file()]


def test_glute_bridge_reps_exact_on_trusted_side_view_clips(
    labels: list[dict[str, Any]], model_path: Path, landmark_cache: Path
) -> None:
    trusted = [
        c
        for c in _clips(labels, "glute_bridge")
        if c["view"] == "side"
        and c["confidence"] in ("high", "medium")
        and c.get("reps") is not None
    ]
    assert len(trusted) >= 4, "expected the labelled side-view bridge clips"
    wrong = {}
    for clip in trusted:
        result = analyse(clip["file"], "glute_bridge", model_path, landmark_cache)
        if not result.can_judge or result.reps != clip["reps"]:
            wrong[clip["file"]] = (result.reps, clip["reps"], result.can_judge)
    assert not wrong, f"(counted, labelled, can_judge) per wrong clip: {wrong}"


def test_glute_bridge_other_clips_within_one_or_cannot_judge(
    labels: list[dict[str, Any]], model_path: Path, landmark_cache: Path
) -> None:
    others = [
        c
        for c in _clips(labels, "glute_bridge")
        if c.get("reps") is not None
        and not (c["view"] == "side" and c["confidence"] in ("high", "medium"))
    ]
    assert others, "expected low-confidence or mixed-view bridge clips"
    wrong = {}
    for clip in others:
        result = analyse(clip["file"], "glute_bridge", model_path, landmark_cache)
        if result.can_judge and abs(result.reps - clip["reps"]) > 1:
            wrong[clip["file"]] = (result.reps, clip["reps"])
    assert not wrong, f"confident counts off by more than one (counted, labelled): {wrong}"


def test_glute_bridge_marching_hold_is_not_counted_as_reps(
    labels: list[dict[str, Any]], model_path: Path, landmark_cache: Path
) -> None:
    # Single-leg marches in a held bridge move one hip angle a lot; they are not bridge reps.
    clip = "glute_bridge__drwho__glute_bridge_mark.mp4"
    if not (VIDEOS / clip).is_file():
        pytest.skip(f"{clip} not in ../shared/videos")
    assert analyse(clip, "glute_bridge", model_path, landmark_cache).reps == 0


def test_plank_hold_window_within_one_second_on_side_view_clips(
    labels: list[dict[str, Any]], model_path: Path, landmark_cache: Path
) -> None:
    clips = [c for c in _clips(labels, "plank") if c["view"] == "side" and c.get("hold")]
    assert len(clips) >= 4, "expected the labelled side-view plank clips"
    wrong = {}
    for clip in clips:
        result = analyse(clip["file"], "plank", model_path, landmark_cache)
        main = result.main_hold
        truth = clip["hold"]
        if main is None:
            wrong[clip["file"]] = ("no hold found", truth)
            continue
        start_error = abs(main.start_s - truth["start_s"])
        end_error = abs(main.end_s - truth["end_s"])
        if start_error > 1.0 or end_error > 1.0:
            wrong[clip["file"]] = ((round(main.start_s, 2), round(main.end_s, 2)), truth)
    assert not wrong, f"(found window, labelled window) per wrong clip: {wrong}"
