"""Recordings from what the app already has: an upload's analysis, or a live set frame by frame."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from formcheck.analysis import AnalysisResult
from formcheck.engine.events import Event
from formcheck.engine.frames import FrameStatus, MetricFrame
from formcheck.landmarks import NUM_LANDMARKS, PoseFrame, PoseTrack
from formcheck.sessionfile._recording import SessionRecording
from formcheck.specs.schema import ExerciseSpec


def recording_from_analysis(
    result: AnalysisResult,
    track: PoseTrack,
    *,
    recorded_at: datetime | None = None,
    metadata: dict[str, str] | None = None,
) -> SessionRecording:
    """The recording of an analysed video: the model's raw landmarks and the analysis' metrics.

    Args:
        result: What :func:`~formcheck.analyze_track` found in ``track``.
        track: The landmarks it analysed.
        recorded_at: When the set was done (default: now).
        metadata: Free text to keep with it (the video's name is added).
    """
    kin = result.kinematics
    statuses = list(FrameStatus)
    info = {"video": result.video} if result.video else {}
    return SessionRecording(
        exercise=result.exercise,
        exercise_name=result.exercise_name,
        track=track,
        metrics={
            name: np.asarray(series, dtype=np.float64) for name, series in kin.metrics.items()
        },
        status=[statuses[int(code)] for code in kin.status.tolist()],
        events=list(result.events),
        recorded_at=recorded_at or datetime.now(UTC),
        source="upload",
        smoothed=False,
        side=result.side,
        metadata={**info, **(metadata or {})},
    )


class LiveRecorder:
    """Collects a live set's landmarks and metrics as the frames are analysed.

    Example::

        recorder = LiveRecorder()
        recorder.add(update.pose, frame)  # per analysed frame (the video thread)
        recording = recorder.recording(spec, events, (640, 480))  # when the set ends
    """

    def __init__(self) -> None:
        self._times: list[float] = []
        self._poses: list[PoseFrame | None] = []
        self._frames: list[MetricFrame] = []

    def __len__(self) -> int:
        return len(self._times)

    def add(self, pose: PoseFrame | None, frame: MetricFrame) -> None:
        """Records one analysed frame: its (smoothed) pose, if any, and the engine's input."""
        self._times.append(frame.timestamp_s)
        self._poses.append(pose)
        self._frames.append(frame)

    def recording(
        self,
        spec: ExerciseSpec,
        events: list[Event],
        frame_size: tuple[int, int],
        *,
        recorded_at: datetime | None = None,
        metadata: dict[str, str] | None = None,
    ) -> SessionRecording:
        """The set so far as a recording; ``frame_size`` is the analysed frames' (width, height)."""
        count = len(self._times)
        xyz = np.full((count, NUM_LANDMARKS, 3), np.nan)
        visibility = np.zeros((count, NUM_LANDMARKS))
        people = np.zeros(count, dtype=np.int64)
        for i, pose in enumerate(self._poses):
            if pose is not None and pose.xyz is not None and pose.visibility is not None:
                xyz[i], visibility[i], people[i] = pose.xyz, pose.visibility, pose.num_people
        names = sorted({name for frame in self._frames for name in frame.values})
        metrics = {
            name: np.array([f.values.get(name, np.nan) for f in self._frames], dtype=np.float64)
            for name in names
        }
        times = np.array(self._times, dtype=np.float64)
        fps = (
            (count - 1) / float(times[-1] - times[0]) if count > 1 and times[-1] > times[0] else 0.0
        )
        track = PoseTrack(times, xyz, visibility, people, frame_size[0], frame_size[1], fps)
        side = next((f.side for f in reversed(self._frames) if f.side), None)
        return SessionRecording(
            exercise=spec.id,
            exercise_name=spec.name,
            track=track,
            metrics=metrics,
            status=[f.status for f in self._frames],
            events=list(events),
            recorded_at=recorded_at or datetime.now(UTC),
            source="live",
            smoothed=True,
            side=side,
            metadata=dict(metadata or {}),
        )
