"""Writes the annotated video: skeleton, live angles, counter or timer, and the current cue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from formcheck.analysis import AnalysisResult
from formcheck.annotate import OverlayState, draw_overlay
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import point_indices
from formcheck.landmarks import PoseFrame, PoseLandmark
from formcheck.specs.schema import ExerciseSpec
from formcheck.video import VideoReader, VideoWriter

# Metrics shown on screen at once; more would not be readable at a glance.
MAX_SHOWN_METRICS = 3


def _display_name(metric: str) -> str:
    return metric.removesuffix("_deg").replace("_", " ")


def render_annotated(
    video: str | Path,
    result: AnalysisResult,
    spec: ExerciseSpec,
    output: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Re-reads ``video`` and writes ``output`` (.mp4 H.264 or .webm VP9) with overlays.

    Raises:
        VideoError: the video cannot be read again or the output cannot be written.
    """
    kin = result.kinematics
    side = Side(result.side) if result.side else Side.LEFT
    highlight = {PoseLandmark(int(i)) for part in spec.required for i in point_indices(part, side)}
    shown = [name for name in spec.metrics if spec.metrics[name].is_angle][:MAX_SHOWN_METRICS]
    last = len(kin.timestamp_s) - 1
    with (
        VideoReader(video) as reader,
        VideoWriter(output, reader.info.width, reader.info.height, reader.info.fps) as writer,
    ):
        for frame in reader:
            # Pose may have been estimated on fewer frames than the video has: show the latest.
            index = min(
                int(np.searchsorted(kin.timestamp_s, frame.timestamp_s + 1e-6, side="right")) - 1,
                last,
            )
            index = max(index, 0)
            xyz = kin.xyz[index]
            pose = (
                PoseFrame(frame.timestamp_s, xyz, np.ones(xyz.shape[0]), 1)
                if np.isfinite(xyz[:, 0]).all()
                else None
            )
            snapshot = result.snapshots[index]
            metrics = {
                _display_name(name): float(kin.metrics[name][index])
                for name in shown
                if np.isfinite(kin.metrics[name][index])
            }
            state = OverlayState(
                exercise_name=spec.name,
                rep_count=snapshot.reps if spec.reps is not None else None,
                target_reps=spec.dosage.reps if spec.reps is not None else None,
                hold_s=snapshot.held_s if spec.hold is not None else None,
                target_hold_s=spec.dosage.hold_s if spec.hold is not None else None,
                side=result.side,
                metrics=metrics,
                cue=snapshot.cue,
                cue_severity=snapshot.cue_severity,
                status=snapshot.setup,
            )
            rgb = np.ascontiguousarray(frame.rgb)
            draw_overlay(rgb, pose, state, highlight)
            writer.write(rgb)
            if progress is not None:
                progress(frame.index + 1, reader.info.frame_count)
