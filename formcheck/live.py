"""Live coaching: one object a webcam callback feeds frame by frame.

It runs the same pose estimator, kinematics (with causal One-Euro smoothing) and engine as
recorded video, and keeps the overlay state ready to draw. Time always comes from the caller
(the frame's own timestamp), never from a clock, so dropped frames cannot distort reps or holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np
import numpy.typing as npt

from formcheck.annotate import OverlayState, draw_overlay
from formcheck.engine.events import Event
from formcheck.engine.frames import MetricFrame
from formcheck.engine.session import Engine, EngineState
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import point_indices
from formcheck.kinematics.pipeline import LiveKinematics
from formcheck.landmarks import PoseFrame, PoseLandmark
from formcheck.pose.estimator import PoseEstimator
from formcheck.specs.schema import ExerciseSpec

MAX_SHOWN_METRICS = 3


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    """The result of one live frame."""

    pose: PoseFrame | None  # smoothed landmarks, for drawing
    events: list[Event]
    state: EngineState
    metrics: dict[str, float]
    frame: MetricFrame | None = None  # what the engine judged (all metrics), for recording


class LiveCoach:
    """Pose -> kinematics -> engine for a live stream of RGB frames.

    Example::

        with LiveCoach(get_spec("glute_bridge"), resolve_model()) as coach:
            update = coach.process(rgb, timestamp_s=frame_time)
            coach.draw(rgb, update)

    Args:
        spec: the exercise.
        model_path: the pose model file.
        mirror: flip frames horizontally before anything else, as a selfie view shows them.
    """

    def __init__(self, spec: ExerciseSpec, model_path: str | Path, *, mirror: bool = False) -> None:
        self.spec = spec
        self.mirror = mirror
        self.estimator = PoseEstimator(model_path, "video", max_people=1)
        self.kinematics = LiveKinematics(spec)
        self.engine = Engine(spec)
        self._shown = [n for n, m in spec.metrics.items() if m.is_angle][:MAX_SHOWN_METRICS]

    def process(self, rgb: npt.NDArray[np.uint8], timestamp_s: float) -> LiveUpdate:
        """Analyses one frame taken at ``timestamp_s`` (seconds, increasing)."""
        if self.mirror:
            rgb = np.ascontiguousarray(rgb[:, ::-1])
        height, width = rgb.shape[:2]
        raw = self.estimator.process(rgb, timestamp_s)
        frame, smoothed = self.kinematics.update(raw, width, height)
        events = self.engine.update(frame)
        pose = None
        if smoothed is not None and raw.visibility is not None:
            pose = PoseFrame(timestamp_s, smoothed, raw.visibility, raw.num_people)
        metrics = {
            name.removesuffix("_deg").replace("_", " "): frame.values[name]
            for name in self._shown
            if name in frame.values and np.isfinite(frame.values[name])
        }
        return LiveUpdate(pose, events, self.engine.state(), metrics, frame)

    def overlay_state(self, update: LiveUpdate) -> OverlayState:
        spec = self.spec
        state = update.state
        return OverlayState(
            exercise_name=spec.name,
            rep_count=state.reps if spec.reps is not None else None,
            target_reps=spec.dosage.reps if spec.reps is not None else None,
            hold_s=state.held_s if spec.hold is not None else None,
            target_hold_s=spec.dosage.hold_s if spec.hold is not None else None,
            phase=state.phase,
            side=self.kinematics.side.value,
            metrics=update.metrics,
            cue=state.cue,
            cue_severity=state.cue_severity,
            status=state.setup,
        )

    def draw(self, rgb: npt.NDArray[np.uint8], update: LiveUpdate) -> npt.NDArray[np.uint8]:
        """Draws the overlay on (a mirrored copy of, if mirroring) ``rgb`` and returns it."""
        canvas = np.ascontiguousarray(rgb[:, ::-1]) if self.mirror else rgb
        side = self.kinematics.side
        highlight = {
            PoseLandmark(int(i))
            for part in self.spec.required
            for i in point_indices(part, Side(side))
        }
        draw_overlay(canvas, update.pose, self.overlay_state(update), highlight)
        return canvas

    def finish(self) -> list[Event]:
        """Ends the set: closes open reps, issues and holds and returns them with a Summary."""
        return self.engine.finish()

    def close(self) -> None:
        self.estimator.close()

    def __enter__(self) -> LiveCoach:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
