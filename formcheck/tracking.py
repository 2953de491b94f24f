"""Video file -> PoseTrack, with an on-disk cache of landmarks keyed by video and model."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

import numpy as np
import numpy.typing as npt

from formcheck.landmarks import PoseFrame, PoseLandmark, PoseTrack
from formcheck.pose.estimator import PoseEstimator
from formcheck.pose.model import default_cache_dir, sha256_file
from formcheck.video import VideoFrame, VideoReader
from formcheck.video.scene import SceneChangeMeter

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]  # (frames done, frames expected or 0)

# Tracking one person in VIDEO mode is about twice as fast as detecting on every frame (measured
# in bench/), and it counts better: on the labelled real clips, detection on every frame got
# 0.60 of rep counts exact and 0.86 of holds within 1.5 s, tracking 0.72 and 0.91 (measured
# 2026-11), though detection read a synthetic seated fold's back bend closer (median error +6.7
# degrees against +16). But a tracker follows its last region through fades and camera cuts. So
# an IMAGE-mode landmarker (a fresh detection, up to two people) checks the tracker a few times a
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


class CheckVerdict(Enum):
    KEEP = "keep"  # the detector still sees the tracked person
    GHOST = "ghost"  # the tracker follows nobody the detector can find (a fade, a title card)
    SWITCH = "switch"  # the person is somewhere else (a cut) or the tracker lost them


def check_tracker(tracked: PoseFrame, detected: list[PoseFrame]) -> CheckVerdict:
    """What a fresh detection says of the tracked pose.

    The tracker is kept when any detected person is where it is, not only the detector's most
    confident one: the detector sometimes finds a phantom second skeleton laid over the person
    (reversed, on a child's pose, and ranked first), and switching to it loses the person for
    seconds. A switch takes the most confident detection.
    """
    if not detected:
        return CheckVerdict.GHOST if tracked.detected else CheckVerdict.KEEP
    if not tracked.detected:
        return CheckVerdict.SWITCH
    nearest = min(_torso_distance(tracked, person) for person in detected)
    return CheckVerdict.KEEP if nearest <= MAX_TRACK_DRIFT else CheckVerdict.SWITCH


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
            detected = self._detector.process_all(rgb, timestamp_s)
            self._people = len(detected)
            verdict = check_tracker(pose, detected)
            if verdict is CheckVerdict.GHOST:
                # Drop what the tracker followed since halfway from the last check.
                since = 0.5 * (self._last_check_s + timestamp_s)
                for i in range(len(self.frames) - 1, -1, -1):
                    if self.frames[i].timestamp_s < since:
                        break
                    self.frames[i] = PoseFrame(self.frames[i].timestamp_s, None, None, 0)
                pose = PoseFrame(timestamp_s, None, None, 0)
                self._restart_tracker()
            elif verdict is CheckVerdict.SWITCH:
                pose = detected[0]
                self._restart_tracker()
            self._last_check_s = timestamp_s
            self._next_check_s = timestamp_s + CHECK_INTERVAL_S
        if pose.detected:
            pose = dataclasses.replace(pose, num_people=max(self._people, 1))
        self.frames.append(pose)

    def close(self) -> None:
        self._tracker.close()
        self._detector.close()


# Frames are scaled so their longer side is at most this before pose estimation: the networks
# see 256x256 crops anyway, and smaller frames convert and copy faster.
INFERENCE_MAX_SIDE = 640
# Recorded video is analysed at up to this many frames per second: exercise movement is slow
# (well under 1 Hz), the live path runs at 15 fps too, and it halves inference on 30 fps video.
DEFAULT_MAX_FPS = 15.0
# Bump when tracking changes what it produces, so old cached landmarks are not reused.
_TRACKING_VERSION = "verified-tracking-3"  # 3: with each frame's scene change


def _cache_path(video: Path, model: Path, cache_dir: Path, max_fps: float) -> Path:
    material = f"{sha256_file(video)}:{sha256_file(model)}:{_TRACKING_VERSION}:{INFERENCE_MAX_SIDE}:{max_fps}"
    key = hashlib.sha256(material.encode()).hexdigest()[:32]
    return cache_dir / "landmarks" / f"{key}.npz"


_END = object()


def _decoded_ahead(reader: VideoReader, depth: int = 8) -> Iterator[VideoFrame]:
    """Decodes on a background thread while the caller runs inference.

    PyAV and MediaPipe both release the GIL in their native code, so decoding the next frames
    overlaps with estimating this one. The bounded queue keeps memory constant.
    """
    frames: queue.Queue[object] = queue.Queue(maxsize=depth)
    failure: list[BaseException] = []
    stop = threading.Event()

    def decode() -> None:
        try:
            for frame in reader:
                while not stop.is_set():
                    try:
                        frames.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # handed to the consumer, re-raised there
            failure.append(exc)
        finally:
            frames.put(_END)

    worker = threading.Thread(target=decode, name="formcheck-decode", daemon=True)
    worker.start()
    try:
        while (item := frames.get()) is not _END:
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():
            try:
                frames.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)
    if failure:
        raise failure[0]


def track_video(
    video: str | Path,
    model: Path,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    max_fps: float = DEFAULT_MAX_FPS,
    progress: ProgressCallback | None = None,
) -> tuple[PoseTrack, list[str]]:
    """Runs pose estimation over every frame of ``video``.

    Frames are decoded, estimated and dropped one at a time, so memory does not grow with the
    video's length (only its landmarks are kept). At most ``max_fps`` frames a second are
    estimated (0: every frame). Results are cached under
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
    with VideoReader(video, max_side=INFERENCE_MAX_SIDE) as reader:
        info = reader.info
        cache_file = (
            _cache_path(video, model, cache_dir or default_cache_dir(), max_fps)
            if use_cache
            else None
        )
        if cache_file is not None and cache_file.exists():
            logger.info("landmarks for %s from cache %s", video.name, cache_file)
            return PoseTrack.load(str(cache_file)), [w for w in reader.warnings]
        width, height = info.width, info.height
        tracker = VerifiedTracker(model)
        scene = SceneChangeMeter()
        scene_change: list[float] = []
        min_step_s = 1.0 / max_fps if max_fps > 0 else 0.0
        next_s = 0.0
        try:
            for frame in _decoded_ahead(reader):
                # Small slack so a 29.97 fps clip still gives every other frame at 15 fps.
                if frame.timestamp_s + 0.25 * min_step_s < next_s:
                    continue
                next_s = frame.timestamp_s + min_step_s
                height, width = frame.rgb.shape[:2]
                tracker.process(frame.rgb, frame.timestamp_s)
                scene_change.append(scene.update(frame.rgb))
                if progress is not None:
                    progress(len(tracker.frames), info.frame_count)
        finally:
            tracker.close()
        frames = tracker.frames
        warnings.extend(reader.warnings)
    steps = np.diff([f.timestamp_s for f in frames])
    fps = float(1.0 / np.median(steps)) if steps.size and np.median(steps) > 0 else info.fps
    track = PoseTrack.from_frames(frames, width, height, fps)
    track.scene_change = np.array(scene_change, dtype=np.float64)
    if cache_file is not None and not warnings:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(".tmp.npz")
        track.save(str(temporary))
        os.replace(temporary, cache_file)
    return track, warnings
