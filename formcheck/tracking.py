"""Video file -> PoseTrack, with an on-disk cache of landmarks keyed by video and model."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from formcheck.landmarks import PoseFrame, PoseTrack
from formcheck.pose.estimator import PoseEstimator
from formcheck.pose.model import default_cache_dir, sha256_file
from formcheck.video import VideoReader

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]  # (frames done, frames expected or 0)

# Tracking one person in VIDEO mode is about twice as fast as asking MediaPipe for two on every
# frame (measured in bench/), so a second, IMAGE-mode landmarker looks for other people once a
# second instead.
PEOPLE_CHECK_INTERVAL_S = 1.0


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
        frames: list[PoseFrame] = []
        width, height = info.width, info.height
        next_check_s = 0.0
        people = 1
        with (
            PoseEstimator(model, "video", max_people=1) as estimator,
            PoseEstimator(model, "image", max_people=2) as people_check,
        ):
            for frame in reader:
                height, width = frame.rgb.shape[:2]
                pose = estimator.process(frame.rgb, frame.timestamp_s)
                if frame.timestamp_s >= next_check_s:
                    people = people_check.process(frame.rgb, frame.timestamp_s).num_people
                    next_check_s = frame.timestamp_s + PEOPLE_CHECK_INTERVAL_S
                if pose.detected:
                    pose = dataclasses.replace(pose, num_people=max(people, 1))
                frames.append(pose)
                if progress is not None:
                    progress(len(frames), info.frame_count)
        warnings.extend(reader.warnings)
    track = PoseTrack.from_frames(frames, width, height, info.fps)
    if cache_file is not None and not warnings:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(".tmp.npz")
        track.save(str(temporary))
        os.replace(temporary, cache_file)
    return track, warnings
