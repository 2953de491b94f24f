"""Test doubles for the app: a live coach that replays a recorded (synthetic) pose track instead
of running the pose model, and a stand-in for streamlit-webrtc's component."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from formcheck.engine.session import Engine
from formcheck.kinematics.pipeline import LiveKinematics
from formcheck.landmarks import PoseFrame, PoseTrack
from formcheck.live import MAX_SHOWN_METRICS, LiveCoach
from formcheck.specs import ExerciseSpec


class ReplayEstimator:
    """Plays a PoseTrack: the pose at the track time nearest each frame's timestamp."""

    def __init__(self, track: PoseTrack) -> None:
        self.track = track
        self.closed = False

    def process(self, rgb: np.ndarray, timestamp_s: float) -> PoseFrame:
        i = int(
            np.clip(np.searchsorted(self.track.timestamp_s, timestamp_s), 0, len(self.track) - 1)
        )
        if not self.track.detected[i]:
            return PoseFrame(timestamp_s, None, None, 0)
        return PoseFrame(timestamp_s, self.track.xyz[i], self.track.visibility[i], 1)

    def close(self) -> None:
        self.closed = True


class ReplayCoach(LiveCoach):
    """A LiveCoach whose pose comes from ``track`` (no model, no camera)."""

    def __init__(self, spec: ExerciseSpec, track: PoseTrack, *, mirror: bool = False) -> None:
        self.spec = spec
        self.mirror = mirror
        self.estimator = ReplayEstimator(track)  # type: ignore[assignment]
        self.kinematics = LiveKinematics(spec)
        self.engine = Engine(spec)
        self._shown = [n for n, m in spec.metrics.items() if m.is_angle][:MAX_SHOWN_METRICS]


def replay_factory(track: PoseTrack) -> Callable[..., ReplayCoach]:
    """A drop-in for ``LiveCoach(spec, model, mirror=...)`` that replays ``track``."""

    def make(spec: ExerciseSpec, model: Path | str, *, mirror: bool = False) -> ReplayCoach:
        return ReplayCoach(spec, track, mirror=mirror)

    return make


@dataclass
class _State:
    playing: bool = False
    signalling: bool = False


@dataclass
class FakeWebRtc:
    """Records what the page passed to ``webrtc_streamer``; tests feed frames through it."""

    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return type("Context", (), {"state": _State(playing=True)})()

    @property
    def frames_callback(self) -> Callable[..., Any]:
        return self.calls[-1]["queued_video_frames_callback"]
