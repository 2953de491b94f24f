"""Streaming video reader: decodes one frame at a time with PyAV, in constant memory.

Frames come out as upright RGB arrays (phone rotation metadata applied), stamped with strictly
increasing presentation times in seconds from the first frame, ready for MediaPipe's VIDEO mode.
A file that is cut short or corrupt part-way is read up to the damage and reported in
:attr:`VideoReader.warnings` rather than raised.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import av
import cv2
import numpy as np
import numpy.typing as npt

from formcheck.errors import VideoError

logger = logging.getLogger(__name__)

RGBArray = npt.NDArray[np.uint8]

# Consecutive frames are at least this far apart, so the timestamps stay strictly increasing even
# after MediaPipe's VIDEO mode rounds them to whole milliseconds.
MIN_FRAME_GAP_S = 0.001

# Fallback when a container states no frame rate at all (raw elementary streams).
_DEFAULT_FPS = 30.0

# A stream that keeps failing this many packets in a row is treated as ending there.
_MAX_CONSECUTIVE_ERRORS = 25

# How far short of its stated duration a stream may end before it counts as truncated.
_TRUNCATION_MIN_GAP_S = 0.5
_TRUNCATION_MIN_FRAMES = 3

_DECODE_ERRORS: tuple[type[Exception], ...] = (av.FFmpegError, OSError)

# Opening a damaged file can fail inside PyAV's own bookkeeping, not only in FFmpeg
# (a truncated mp4 raises IndexError while PyAV builds its stream list).
_OPEN_ERRORS: tuple[type[Exception], ...] = (
    av.FFmpegError,
    OSError,
    IndexError,
    ValueError,
    RuntimeError,
)

_CV2_ROTATE_CCW: dict[int, int] = {
    90: cv2.ROTATE_90_COUNTERCLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_CLOCKWISE,
}


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """What is known about a video before decoding all of it.

    Attributes:
        path: The file.
        width: Width of the frames the reader yields: after rotation and any ``max_side``
            downscale.
        height: Height of the frames the reader yields, likewise.
        fps: Average frame rate as the container states it (frames may still be irregular).
        duration_s: Stated duration in seconds, 0.0 if unknown.
        frame_count: Stated or estimated number of frames, 0 if unknown.
        rotation_deg: Counter-clockwise rotation (0, 90, 180 or 270) applied to the stored
            frames to make them upright.
        codec: FFmpeg's name of the video codec, e.g. ``"h264"``.
    """

    path: Path
    width: int
    height: int
    fps: float
    duration_s: float
    frame_count: int
    rotation_deg: int
    codec: str


@dataclass(frozen=True, slots=True)
class VideoFrame:
    """One decoded frame.

    Attributes:
        index: Position of the frame in the decoded sequence, from 0.
        timestamp_s: Presentation time in seconds from the first frame; strictly increasing.
        rgb: ``(height, width, 3)`` uint8 C-contiguous RGB image, upright.
    """

    index: int
    timestamp_s: float
    rgb: RGBArray


class _Timeline:
    """Turns packet timestamps into strictly increasing seconds from the first frame."""

    def __init__(self, time_base: Fraction | None, fps: float) -> None:
        self._time_base = time_base
        self._step_s = 1.0 / fps
        self._origin_pts: int | None = None
        self._last_s: float | None = None
        self._max_raw_s: float | None = None
        self.adjusted = 0

    def stamp(self, pts: int | None) -> float:
        """Return the timestamp for a frame with presentation time ``pts`` (``None`` if unknown)."""
        if pts is not None and self._time_base is not None:
            if self._origin_pts is None:
                self._origin_pts = pts
            t = float((pts - self._origin_pts) * self._time_base)
        else:
            # No timestamp (raw elementary streams): assume the stated frame rate.
            t = 0.0 if self._last_s is None else self._last_s + self._step_s
        raw_s = t
        if self._last_s is not None and t < self._last_s + MIN_FRAME_GAP_S:
            if self._max_raw_s is not None and raw_s <= self._max_raw_s:
                self.adjusted += 1
            t = self._last_s + MIN_FRAME_GAP_S
        self._last_s = t
        self._max_raw_s = raw_s if self._max_raw_s is None else max(self._max_raw_s, raw_s)
        return t


def _rotation_from_display_matrix(matrix: bytes) -> float:
    """Counter-clockwise rotation in degrees of an FFmpeg display matrix (9 little-endian int32).

    Mirrors FFmpeg's ``av_display_rotation_get``.
    """
    m = np.frombuffer(matrix[:36], dtype="<i4").astype(np.float64)
    return -math.degrees(math.atan2(m[1], m[0]))


def _frame_rotation(frame: av.VideoFrame) -> float:
    rotation = getattr(frame, "rotation", None)
    if rotation is not None:
        return float(rotation)
    # PyAV < 14 has no VideoFrame.rotation: read the display matrix side data directly.
    for side_data in cast(Any, frame).side_data:
        if getattr(side_data.type, "name", "") == "DISPLAYMATRIX":
            return _rotation_from_display_matrix(bytes(side_data))
    return 0.0


def _normalise_rotation(degrees: float) -> int:
    quarter = round(degrees / 90.0)
    if not math.isclose(quarter * 90.0, degrees, abs_tol=1.0):
        logger.warning(
            "rotation of %.1f degrees is not a multiple of 90; using %d",
            degrees,
            (quarter % 4) * 90,
        )
    return (quarter % 4) * 90


def _chain(first: av.VideoFrame | None, rest: Iterator[av.VideoFrame]) -> Iterator[av.VideoFrame]:
    if first is not None:
        yield first
    yield from rest


def _check_file(path: Path) -> None:
    if not path.exists():
        raise VideoError(f"video file not found: {path}")
    if not path.is_file():
        raise VideoError(f"{path} is not a file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise VideoError(f"{path} could not be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise VideoError(f"{path.name} is empty (0 bytes)")


def _reason(exc: Exception) -> str:
    strerror = getattr(exc, "strerror", None)
    if isinstance(strerror, str) and strerror:
        return strerror.lower()
    return "truncated or corrupt file"


def _scaled_size(width: int, height: int, max_side: int | None) -> tuple[int, int]:
    if max_side is None or max(width, height) <= max_side:
        return width, height
    scale = max_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


class VideoReader:
    """Reads a video file frame by frame, upright and in RGB.

    Opening probes the file and decodes its first frame, so a file that cannot be analysed fails
    here with one clear line rather than part-way through. Iterating decodes lazily; only the
    current frame is held in memory. Iterating again starts again from the first frame.

    Args:
        path: The video file (mp4, mov, webm, avi, mkv, ...).
        max_side: If given, frames whose longer side exceeds it are downscaled (aspect kept).

    Raises:
        VideoError: The file is missing, empty, not a video, or has no decodable frame.

    Example::

        with VideoReader("squat.mp4", max_side=640) as reader:
            for frame in reader:
                detect(frame.rgb, frame.timestamp_s)
            for warning in reader.warnings:
                log.warning(warning)
    """

    info: VideoInfo
    warnings: list[str]
    _failure: str | None
    _errors: int
    _frames_after_error: int

    def __init__(self, path: str | Path, max_side: int | None = None) -> None:
        if max_side is not None and max_side < 1:
            raise ValueError(f"max_side must be at least 1 (got {max_side})")
        self._path = Path(path)
        self._max_side = max_side
        self.warnings = []
        self._closed = False
        _check_file(self._path)
        self._container, self._stream = self._open()
        try:
            self._packets = self._decoded(self._container, self._stream)
            first = next(self._packets, None)
            if first is None:
                raise VideoError(
                    f"{self._path.name} has no decodable video frames "
                    f"({self._failure or 'the video stream is empty'})"
                )
            self._pending: av.VideoFrame | None = first
            self.info = self._probe(first)
        except BaseException:
            self._container.close()
            raise
        self._target_size = (
            (self.info.height, self.info.width)
            if self.info.rotation_deg in (90, 270)
            else (self.info.width, self.info.height)
        )
        logger.debug("opened %s: %s", self._path, self.info)

    def _open(self) -> tuple[av.container.InputContainer, av.VideoStream]:
        name = self._path.name
        try:
            container = av.open(str(self._path), mode="r")
        except _OPEN_ERRORS as exc:
            raise VideoError(
                f"{name} is not a video file, or is truncated or corrupt ({_reason(exc)})"
            ) from exc
        try:
            format_name = container.format.name
            if format_name == "image2" or format_name.endswith("_pipe"):
                raise VideoError(f"{name} is an image, not a video")
            stream = next(
                (
                    s
                    for s in container.streams.video
                    if not s.disposition & av.stream.Disposition.attached_pic
                ),
                None,
            )
            if stream is None and not container.streams:
                # An mp4/mov cut short before its index (moov at the end) opens with no streams.
                raise VideoError(
                    f"{name} is not a video file, or is truncated or corrupt (no streams found)"
                )
            if stream is None:
                raise VideoError(f"{name} is not a video file (no video stream found)")
            stream.thread_type = "AUTO"
        except BaseException:
            container.close()
            raise
        self._failure = None
        self._errors = 0
        self._frames_after_error = 0
        return container, stream

    def _decoded(
        self, container: av.container.InputContainer, stream: av.VideoStream
    ) -> Iterator[av.VideoFrame]:
        """Yield decoded frames, skipping packets that fail to decode instead of raising.

        Records what went wrong in ``self._failure`` / ``self._errors`` for the warnings.
        """
        consecutive = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except _DECODE_ERRORS as exc:
                    self._errors += 1
                    self._frames_after_error = 0
                    self._failure = _reason(exc)
                    consecutive += 1
                    logger.debug("%s: skipping undecodable packet: %s", self._path.name, exc)
                    if consecutive >= _MAX_CONSECUTIVE_ERRORS:
                        return
                    continue
                consecutive = 0
                for frame in frames:
                    self._frames_after_error += 1
                    yield frame
        except _DECODE_ERRORS as exc:
            self._errors += 1
            self._frames_after_error = 0
            self._failure = _reason(exc)
            logger.debug("%s: demuxing stopped: %s", self._path.name, exc)

    def _probe(self, first: av.VideoFrame) -> VideoInfo:
        stream = self._stream
        time_base = stream.time_base
        rate = stream.average_rate or stream.guessed_rate
        duration_s = 0.0
        if stream.duration and time_base:
            duration_s = float(stream.duration * time_base)
        elif self._container.duration:
            duration_s = self._container.duration / av.time_base
        frame_count = int(stream.frames or 0)
        if rate and rate > 0:
            fps = float(rate)
        elif frame_count and duration_s > 0:
            fps = frame_count / duration_s
        else:
            fps = _DEFAULT_FPS
            logger.info("%s states no frame rate; assuming %.0f fps", self._path.name, fps)
        if not frame_count and duration_s > 0:
            frame_count = round(duration_s * fps)
        if duration_s == 0.0 and frame_count:
            duration_s = frame_count / fps
        rotation = _normalise_rotation(_frame_rotation(first))
        width, height = _scaled_size(first.width, first.height, self._max_side)
        if rotation in (90, 270):
            width, height = height, width
        return VideoInfo(
            path=self._path,
            width=width,
            height=height,
            fps=fps,
            duration_s=duration_s,
            frame_count=frame_count,
            rotation_deg=rotation,
            codec=stream.codec_context.name,
        )

    def _to_rgb(self, frame: av.VideoFrame) -> RGBArray:
        rgb = np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
        target_w, target_h = self._target_size
        if rgb.shape[1] != target_w or rgb.shape[0] != target_h:
            shrinking = rgb.shape[1] * rgb.shape[0] > target_w * target_h
            rgb = np.asarray(
                cv2.resize(
                    rgb,
                    (target_w, target_h),
                    interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR,
                ),
                dtype=np.uint8,
            )
        rotate = _CV2_ROTATE_CCW.get(self.info.rotation_deg)
        if rotate is not None:
            rgb = np.asarray(cv2.rotate(rgb, rotate), dtype=np.uint8)
        return np.ascontiguousarray(rgb)

    def __iter__(self) -> Iterator[VideoFrame]:
        """Decode the video lazily, from its first frame."""
        if self._closed:
            raise ValueError(f"VideoReader for {self._path.name} is closed")
        if self._pending is None:
            self._container.close()
            self._container, self._stream = self._open()
            self._packets = self._decoded(self._container, self._stream)
        first, self._pending = self._pending, None
        return self._frames(first, self._packets)

    def _frames(
        self, first: av.VideoFrame | None, decoded: Iterator[av.VideoFrame]
    ) -> Iterator[VideoFrame]:
        timeline = _Timeline(self._stream.time_base, self.info.fps)
        index = 0
        last_s = 0.0
        for frame in _chain(first, decoded):
            last_s = timeline.stamp(frame.pts)
            yield VideoFrame(index=index, timestamp_s=last_s, rgb=self._to_rgb(frame))
            index += 1
        self._report(index, last_s, timeline.adjusted)

    def _report(self, frames: int, last_s: float, adjusted: int) -> None:
        info = self.info
        if frames == 0:
            raise VideoError(f"{self._path.name} has no decodable video frames")
        gap_s = max(_TRUNCATION_MIN_GAP_S, _TRUNCATION_MIN_FRAMES / info.fps)
        if (self._errors and self._frames_after_error == 0) or (info.duration_s - last_s > gap_s):
            self._warn(
                f"video is truncated or corrupt after {last_s:.1f} s; "
                f"analysed the first {last_s:.1f} s"
            )
        elif self._errors:
            self._warn(f"skipped {self._errors} corrupt part(s) of the video")
        if adjusted:
            self._warn(
                f"{adjusted} frame(s) had duplicate or out-of-order timestamps; "
                f"spaced them {MIN_FRAME_GAP_S * 1000:.0f} ms apart"
            )

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            logger.warning("%s: %s", self._path.name, message)
            self.warnings.append(message)

    def close(self) -> None:
        """Release the file. Safe to call more than once."""
        if not self._closed:
            self._closed = True
            self._container.close()

    def __enter__(self) -> VideoReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"VideoReader({str(self._path)!r})"


__all__ = ["MIN_FRAME_GAP_S", "VideoFrame", "VideoInfo", "VideoReader"]
