"""Video writer for annotated output that plays in browsers (Chromium, Firefox, Safari).

``.mp4`` is H.264 (libx264, yuv420p) with the index at the front (``+faststart``) so a browser
can start playing before the whole file has arrived; ``.webm`` is VP9 (libvpx-vp9).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import TracebackType

import av
import cv2
import numpy as np
import numpy.typing as npt

from formcheck.errors import VideoError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Format:
    codec: str
    codec_options: dict[str, str]
    container_options: dict[str, str] = field(default_factory=dict)


_FORMATS: dict[str, _Format] = {
    ".mp4": _Format(
        codec="libx264",
        codec_options={"crf": "23", "preset": "veryfast"},
        container_options={"movflags": "+faststart"},
    ),
    ".webm": _Format(
        codec="libvpx-vp9",
        # Constant-quality mode (b=0) at libvpx's fast realtime settings: annotated exercise
        # clips are short, and encoding must keep up with analysis on a laptop.
        codec_options={
            "crf": "32",
            "b": "0",
            "deadline": "realtime",
            "cpu-used": "8",
            "row-mt": "1",
        },
    ),
}


class VideoWriter:
    """Writes RGB frames at a constant frame rate to an ``.mp4`` (H.264) or ``.webm`` (VP9).

    H.264 and VP9 in 4:2:0 need even dimensions, so an odd width or height is padded by one
    pixel (the edge row or column repeated); readers get the padded size back.

    Args:
        path: Output file; its suffix (``.mp4`` or ``.webm``) chooses the codec.
        width: Width of the frames that will be written.
        height: Height of the frames that will be written.
        fps: Frame rate of the output.

    Raises:
        VideoError: The suffix is not supported, or the file or encoder cannot be opened.
        ValueError: ``width``, ``height`` or ``fps`` is not positive.

    Example::

        with VideoWriter("annotated.mp4", info.width, info.height, info.fps) as writer:
            for frame in reader:
                writer.write(frame.rgb)
    """

    def __init__(self, path: str | Path, width: int, height: int, fps: float) -> None:
        if width < 1 or height < 1:
            raise ValueError(f"frame size must be positive (got {width}x{height})")
        if not fps > 0:
            raise ValueError(f"fps must be positive (got {fps})")
        self._path = Path(path)
        self._width = width
        self._height = height
        self._pad_right = width % 2
        self._pad_bottom = height % 2
        self._frames = 0
        self._closed = False
        fmt = _FORMATS.get(self._path.suffix.lower())
        if fmt is None:
            supported = ", ".join(sorted(_FORMATS))
            raise VideoError(
                f"{self._path.name}: cannot write '{self._path.suffix}' videos "
                f"(supported: {supported})"
            )
        if not self._path.parent.is_dir():
            raise VideoError(
                f"{self._path} could not be created (folder {self._path.parent} does not exist)"
            )
        try:
            self._container = av.open(
                str(self._path), mode="w", options=dict(fmt.container_options)
            )
        except (av.FFmpegError, OSError, ValueError) as exc:
            raise VideoError(f"{self._path} could not be created ({_reason(exc)})") from exc
        try:
            rate = Fraction(fps).limit_denominator(1001)
            stream = self._container.add_stream(
                fmt.codec, rate=rate, options=dict(fmt.codec_options)
            )
            if not isinstance(stream, av.VideoStream):
                raise ValueError(f"{fmt.codec} is not a video encoder")
            self._stream = stream
            self._stream.width = width + self._pad_right
            self._stream.height = height + self._pad_bottom
            self._stream.pix_fmt = "yuv420p"
            self._stream.thread_type = "AUTO"
        except (av.FFmpegError, ValueError) as exc:
            self._container.close()
            raise VideoError(
                f"{self._path.name}: the {fmt.codec} encoder is not available ({_reason(exc)})"
            ) from exc

    def write(self, rgb: npt.NDArray[np.uint8]) -> None:
        """Encode one ``(height, width, 3)`` uint8 RGB frame.

        Raises:
            ValueError: The frame's shape or dtype does not match the writer.
            VideoError: The encoder or the file failed.
        """
        if self._closed:
            raise ValueError(f"VideoWriter for {self._path.name} is closed")
        if rgb.shape != (self._height, self._width, 3) or rgb.dtype != np.uint8:
            raise ValueError(
                f"expected a ({self._height}, {self._width}, 3) uint8 frame, "
                f"got {rgb.shape} {rgb.dtype}"
            )
        if self._pad_right or self._pad_bottom:
            rgb = np.asarray(
                cv2.copyMakeBorder(
                    rgb, 0, self._pad_bottom, 0, self._pad_right, cv2.BORDER_REPLICATE
                ),
                dtype=np.uint8,
            )
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        frame.pts = self._frames
        try:
            self._container.mux(self._stream.encode(frame))
        except (av.FFmpegError, OSError) as exc:
            raise VideoError(
                f"{self._path.name}: encoding frame {self._frames} failed ({_reason(exc)})"
            ) from exc
        self._frames += 1

    def close(self) -> None:
        """Flush the encoder and finish the file. Safe to call more than once.

        Raises:
            VideoError: The encoder or the file failed while finishing.
        """
        if self._closed:
            return
        self._closed = True
        try:
            self._container.mux(self._stream.encode(None))
        except (av.FFmpegError, OSError) as exc:
            raise VideoError(
                f"{self._path.name}: finishing the video failed ({_reason(exc)})"
            ) from exc
        finally:
            self._container.close()
        if self._frames == 0:
            logger.warning("%s: closed without any frames written", self._path.name)
        logger.debug("wrote %d frames to %s", self._frames, self._path)

    @property
    def frames_written(self) -> int:
        """How many frames have been written so far."""
        return self._frames

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"VideoWriter({str(self._path)!r}, {self._width}x{self._height})"


def _reason(exc: Exception) -> str:
    strerror = getattr(exc, "strerror", None)
    if isinstance(strerror, str) and strerror:
        return strerror.lower()
    return str(exc) or type(exc).__name__


__all__ = ["VideoWriter"]
