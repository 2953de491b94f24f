"""What a session file holds, in memory: one set's landmarks, metrics and events, no pixels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np

from formcheck.engine.events import Event, RepCompleted, Summary
from formcheck.engine.frames import FrameStatus
from formcheck.landmarks import FloatArray, PoseTrack

Source = Literal["live", "upload"]


@dataclass
class SessionRecording:
    """One analysed set, as a therapist needs it to look at the movement again.

    Attributes:
        exercise: The exercise spec id, e.g. ``"glute_bridge"``.
        exercise_name: Its display name when the set was recorded.
        track: Per-frame landmarks, visibility and timestamps (normalised coordinates only).
        metrics: Per-frame metric values by name (``(T,)`` each; NaN where unknown).
        status: Per-frame status: whether the frame could be judged, and if not, why.
        events: Everything the engine reported, in order; the last one is the :class:`Summary`.
        recorded_at: When the set ended (timezone-aware).
        source: ``"live"`` (webcam) or ``"upload"`` (a recorded video).
        smoothed: True when ``track`` holds smoothed landmarks (live sets keep only those),
            False when it holds the pose model's raw output (uploads).
        side: The working side the analysis chose, if the exercise has one.
        metadata: Free text about the set (e.g. the uploaded file's name).
    """

    exercise: str
    exercise_name: str
    track: PoseTrack
    metrics: dict[str, FloatArray]
    status: list[FrameStatus]
    events: list[Event]
    recorded_at: datetime
    source: Source
    smoothed: bool = False
    side: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        count = len(self.track)
        for name, series in self.metrics.items():
            if series.shape != (count,):
                raise ValueError(f"metric {name!r} has shape {series.shape}, expected ({count},)")
        if len(self.status) != count:
            raise ValueError(f"{len(self.status)} frame statuses for {count} frames")
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must be timezone-aware")

    @property
    def frame_count(self) -> int:
        return len(self.track)

    @property
    def duration_s(self) -> float:
        t = self.track.timestamp_s
        return float(t[-1] - t[0]) if t.size else 0.0

    @property
    def summary(self) -> Summary | None:
        """The end-of-set totals (the last Summary event), if the set was finished."""
        return next((e for e in reversed(self.events) if isinstance(e, Summary)), None)

    @property
    def rep_events(self) -> list[RepCompleted]:
        return [e for e in self.events if isinstance(e, RepCompleted)]

    def frame_at(self, time_s: float) -> int:
        """Index of the last frame at or before ``time_s`` (the first frame before the start)."""
        if self.frame_count == 0:
            raise ValueError("the recording has no frames")
        index = int(np.searchsorted(self.track.timestamp_s, time_s, side="right")) - 1
        return min(max(index, 0), self.frame_count - 1)
