"""Video file -> PoseTrack, with an on-disk cache of landmarks keyed by video and model."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

from formcheck.landmarks import PoseFrame, PoseLandmark, PoseTrack
from formcheck.pose.estimator import PoseEstimator
from formcheck.pose.model import default_cache_dir, sha256_file
from formcheck.video import VideoReader

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]  # (frames done, frames expected or 0)

# Tracking one person in VIDEO mode is about twice as fast as detecting on every frame (measured
# in bench/), but a tracker follows its last region through fades and camera cuts. So an
# IMAGE-mode landmarker (a fresh detection, up to two people) checks the tracker a few times a
# second: it counts the people in view, drops tracked poses the detector no longer sees (a fade
# to a title card), and restarts the tracker when the person is found somewhere else (a cut).
CHECK_INTERVAL_S = 1.0 / 3.0
# Torso landmarks further apart than this (in frame heights) mean the tracker lost the person.
MAX_TRACK_DRIFT = 0.15
_TORSO = np.array(
    [
        PoseLandmark.LEFT_SHOULDER,
        PoseLandmark.RIGHT_SHOULDER,
        PoseLandmark.LEFT_HIP,
        PoseLandmark.RIGHT_HIP,
    ]
)


def _torso_distance(a: PoseFrame, b: PoseFrame) -> float:
    assert a.xyz is not None and b.xyz is not None
    return float(np.linalg.norm(a.xyz[_TORSO, :2] - b.xyz[_TORSO, :2], axis=1).mean())


class VerifiedTracker:
    """One-person VIDEO-mode tracking, checked by periodic fresh detections (see above)."""

    def __init__(self, model: Path) -> None:
        self._model = model
        self._tracker = PoseEstimator(model, "video", max_people=1)
        self._detector = PoseEstimator(model, "image", max_people=2)
        self.frames: list[PoseFrame] = []
        self._next_check_s = 0.0
        self._last_check_s = 0.0
        self._people = 1

    def _restart_tracker(self) -> None:
        self._tracker.close()
        self._tracker = PoseEstimator(self._model, "video", max_people=1)

    def process(self, rgb: npt.NDArray[np.uint8], timestamp_s: float) -> None:
        pose = self._tracker.process(rgb, timestamp_s)
        if timestamp_s >= self._next_check_s:
            check = self._detector.process(rgb, timestamp_s)
            self._people = check.num_people
            if pose.detected and not check.detected:
                # The detector no longer finds anyone: the tracker is following a ghost (a fade,
                # a title card). Drop what it tracked since halfway from the last check.
                since = 0.5 * (self._last_check_s + timestamp_s)
                for i in range(len(self.frames) - 1, -1, -1):
                    if self.frames[i].timestamp_s < since:
                        break
                    self.frames[i] = PoseFrame(self.frames[i].timestamp_s, None, None, 0)
                pose = PoseFrame(timestamp_s, None, None, 0)
                self._restart_tracker()
            elif check.detected and (
                not pose.detected or _torso_distance(pose, check) > MAX_TRACK_DRIFT
            ):
                pose = check
                self._restart_tracker()
            self._last_check_s = timestamp_s
            self._next_check_s = timestamp_s + CHECK_INTERVAL_S
        if pose.detected:
            pose = dataclasses.replace(pose, num_people=max(self._people, 1))
        self.frames.append(pose)

    def close(self) -> None:
        self._tracker.close()
        self._detector.close()


def _cache_path(video: Path, model: Path, cache_dir: Path) -> Path:
    key = hashlib.sha256(f"{sha256_file(video)}:{sha256_file(model)}".encode()).hexdigest()[:32]
    return cache_dir / "landmarks" / f"{key}.npz"


def track_video(
    video: str | Path,
    model: Path,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[PoseTrack, list[str]]:
    """Runs pose estimation over every frame of ``video``.

    Frames are decoded, estimated and dropped one at a time, so memory does not grow with the
    video's length (only its landmarks are kept). Results are cached under
    ``<cache>/landmarks`` keyed by the SHA-256 of the video and of the model, so re-analysing
    the same clip (another exercise spec, a tuned threshold) skips inference entirely.

    Returns:
        The track and the reader's warnings (e.g. a truncated file).

    Raises:
        VideoError: the file cannot be read as a video.
        ModelError: the model cannot be loaded.
    """
    video = Path(video)
    warnings: list[str] = []
    with VideoReader(video) as reader:
        info = reader.info
        cache_file = (
            _cache_path(video, model, cache_dir or default_cache_dir()) if use_cache else None
        )
        if cache_file is not None and cache_file.exists():
            logger.info("landmarks for %s from cache %s", video.name, cache_file)
            return PoseTrack.load(str(cache_file)), [w for w in reader.warnings]
        width, height = info.width, info.height
        tracker = VerifiedTracker(model)
        try:
            for frame in reader:
                height, width = frame.rgb.shape[:2]
                tracker.process(frame.rgb, frame.timestamp_s)
                if progress is not None:
                    progress(len(tracker.frames), info.frame_count)
        finally:
            tracker.close()
        frames = tracker.frames
        warnings.extend(reader.warnings)
    track = PoseTrack.from_frames(frames, width, height, info.fps)
    if cache_file is not None and not warnings:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(".tmp.npz")
        track.save(str(temporary))
        os.replace(temporary, cache_file)
    return track, warnings
