"""Shared by the synthetic-video tests: render takes, run the real pipeline on them, and
compare hold windows with the truth."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from formcheck import AnalysisResult, analyze_track, get_spec, track_video
from formcheck.synth import GroundTruth, Take, synthesize

# Small clips, at 15 fps (what the analysis samples anyway).
SIZE = (480, 270)
# Hold windows start and end where a metric crosses a spec threshold. MediaPipe reads the
# figure's hip and knee angles 3-5 degrees low (the issue measured ~3 on its figures), so a
# crossing while the body moves at ~30 deg/s lands up to 3 frames (at 15 fps) off the truth's;
# where a fault ends or splits a window, the crossing happens on a slow, eased ramp near the
# threshold, and up to 6 frames off.
EDGE_TOLERANCE_S = 0.2
FAULT_EDGE_TOLERANCE_S = 0.4


@dataclass(frozen=True)
class Analysed:
    truth: GroundTruth
    result: AnalysisResult


def analyse_takes(takes: Mapping[str, Take], folder: Path, model_path: Path) -> dict[str, Analysed]:
    """Renders each take into ``folder`` and analyses it, two at a time (MediaPipe releases the
    GIL, so one clip draws while the other is tracked); nothing is cached."""

    def analyse(name: str) -> Analysed:
        video = folder / f"{name}.mp4"
        truth = synthesize(takes[name], video)
        track, warnings = track_video(video, model_path, use_cache=False)
        spec = get_spec(takes[name].exercise)
        result = analyze_track(track, spec, video=str(video), source_warnings=warnings)
        return Analysed(truth, result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(takes, pool.map(analyse, takes), strict=True))


def assert_windows_match(run: Analysed, min_window_s: float = 0.0) -> None:
    """The measured hold windows (of at least ``min_window_s``) are the truth's, edge by edge,
    within EDGE_TOLERANCE_S (FAULT_EDGE_TOLERANCE_S for an edge within 1 s of a fault)."""
    measured = [w for w in run.result.hold_windows if w.end_s - w.start_s >= min_window_s]
    expected = [w for w in run.truth.hold_windows if w.end_s - w.start_s >= min_window_s]
    assert len(measured) == len(expected), (measured, expected)
    faulty = [(f.start_s - 1.0, f.end_s + 1.0) for f in run.truth.faults]
    for got, want in zip(measured, expected, strict=True):
        for name in ("start_s", "end_s"):
            edge = getattr(want, name)
            near_fault = any(lo <= edge <= hi for lo, hi in faulty)
            tolerance = FAULT_EDGE_TOLERANCE_S if near_fault else EDGE_TOLERANCE_S
            assert getattr(got, name) == pytest.approx(edge, abs=tolerance), (name, got, want)
