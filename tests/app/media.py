"""Test media made from the real clips at test time (never committed): a .y4m for Chromium's
fake camera and a small mp4 to upload."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from formcheck.video import VideoReader, VideoWriter


def _resampled(src: Path, fps: float, width: int) -> list[np.ndarray]:
    """RGB frames of ``src`` at ``fps``, scaled to ``width`` (even height)."""
    frames: list[np.ndarray] = []
    next_s = 0.0
    with VideoReader(src) as reader:
        for frame in reader:
            if frame.timestamp_s + 0.25 / fps < next_s:
                continue
            next_s += 1.0 / fps
            h, w = frame.rgb.shape[:2]
            height = round(h * width / w / 2) * 2
            resized = av.VideoFrame.from_ndarray(frame.rgb, format="rgb24").reformat(width, height)
            frames.append(resized.to_ndarray(format="rgb24"))
    return frames


def to_y4m(
    src: Path,
    dst: Path,
    *,
    fps: float = 15.0,
    width: int = 640,
    lead_s: float = 0.0,
    tail_s: float = 0.0,
) -> float:
    """Writes ``src`` as a .y4m (what ``--use-file-for-fake-video-capture`` plays), with the first
    and last frames held for ``lead_s`` and ``tail_s``. Returns the clip's own duration."""
    frames = _resampled(src, fps, width)
    held = [frames[0]] * round(lead_s * fps) + frames + [frames[-1]] * round(tail_s * fps)
    with av.open(str(dst), "w", format="yuv4mpegpipe") as out:
        stream = out.add_stream("rawvideo", rate=Fraction(round(fps)))
        stream.width, stream.height = frames[0].shape[1], frames[0].shape[0]
        stream.pix_fmt = "yuv420p"
        for i, rgb in enumerate(held):
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")
            frame.pts, frame.time_base = i, Fraction(1, round(fps))
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return len(frames) / fps


def to_small_mp4(src: Path, dst: Path, *, fps: float = 15.0, width: int = 640) -> None:
    frames = _resampled(src, fps, width)
    with VideoWriter(dst, frames[0].shape[1], frames[0].shape[0], fps) as writer:
        for rgb in frames:
            writer.write(np.ascontiguousarray(rgb))
