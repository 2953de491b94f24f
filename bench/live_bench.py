"""Speed of the live path: can the webcam coach keep up with a 640x480 camera at 15 fps?

Run it from the repository root::

    FORMCHECK_MODEL=../shared/models/pose_landmarker_full.task python bench/live_bench.py
    python bench/live_bench.py --clips plank__trajn__plank.mp4 --mirror

Each clip is decoded once, resampled to 15 fps and letterboxed into 640x480 frames (the size the
app asks the browser for), held in memory so decoding is not timed. Two measurements follow,
each with a fresh :class:`~formcheck.LiveCoach` (model load not timed):

Flat out
    Every frame through the app's video callback as fast as possible: the av.VideoFrame
    conversions the WebRTC adapter does (``adapter``: yuv420p -> RGB in, RGB -> frame out),
    ``LiveCoach.process`` (``process``: pose + kinematics + engine) and ``LiveCoach.draw``
    (``draw``). ``fps`` is frames / total time; ``x RT`` is that over 15 (above 1: faster than
    the camera). ``p95`` is the 95th percentile of one frame's total.

Real time
    A simulated camera delivers frames on the wall clock at 15 fps; the coach always takes the
    newest frame and skips the ones that arrived while it was busy, exactly as streamlit-webrtc
    does with a slow callback (through :class:`formcheck.app.live_state.LiveSession`).
    ``analysed`` is frames analysed per second, ``skipped`` the share of camera frames never
    analysed, ``behind`` how long after its capture a frame's overlay was ready (mean and max),
    ``reps/hold`` the reps counted (or seconds held) against the clip's label.

The numbers are for this machine at this moment: on a shared machine, run it twice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import numpy.typing as npt
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from formcheck import LiveCoach, get_spec, resolve_model  # noqa: E402
from formcheck.app.live_state import LiveSession  # noqa: E402
from formcheck.engine.events import Summary  # noqa: E402
from formcheck.video import VideoReader  # noqa: E402

DEFAULT_VIDEOS = REPO_ROOT.parent / "shared" / "videos"
DEFAULT_CLIPS = ("glute_bridge__be23__bridge.mp4", "plank__trajn__plank.mp4")
CAMERA_FPS = 15.0
WIDTH, HEIGHT = 640, 480
RGB = npt.NDArray[np.uint8]


def letterbox(rgb: RGB, width: int = WIDTH, height: int = HEIGHT) -> RGB:
    """``rgb`` scaled to fit ``width`` x ``height`` and centred on black."""
    h, w = rgb.shape[:2]
    scale = min(width / w, height / h)
    size = (round(w * scale), round(h * scale))
    canvas = np.zeros((height, width, 3), np.uint8)
    top, left = (height - size[1]) // 2, (width - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = cv2.resize(
        rgb, size, interpolation=cv2.INTER_AREA
    )
    return canvas


def camera_frames(clip: Path, max_s: float) -> list[av.VideoFrame]:
    """The clip as a 15 fps camera would send it: yuv420p frames, 640x480, stamped."""
    frames: list[av.VideoFrame] = []
    with VideoReader(clip) as reader:
        for frame in reader:
            t = len(frames) / CAMERA_FPS
            if t > max_s:
                break
            if frame.timestamp_s + 0.5 / CAMERA_FPS < t:
                continue
            rgb = av.VideoFrame.from_ndarray(letterbox(frame.rgb), format="rgb24")
            yuv = rgb.reformat(format="yuv420p")
            yuv.pts, yuv.time_base = len(frames), Fraction(1, int(CAMERA_FPS))
            frames.append(yuv)
    return frames


@dataclass
class FlatOut:
    frames: int
    adapter_ms: float
    process_ms: float
    draw_ms: float
    p95_ms: float
    fps: float


def flat_out(clip_frames: list[av.VideoFrame], exercise: str, model: Path, mirror: bool) -> FlatOut:
    adapter: list[float] = []
    process: list[float] = []
    draw: list[float] = []
    with LiveCoach(get_spec(exercise), model, mirror=mirror) as coach:
        start_all = time.perf_counter()
        for frame in clip_frames:
            t0 = time.perf_counter()
            rgb = np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
            t1 = time.perf_counter()
            update = coach.process(rgb, float(frame.time))
            t2 = time.perf_counter()
            shown = coach.draw(rgb, update)
            t3 = time.perf_counter()
            av.VideoFrame.from_ndarray(shown, format="rgb24")
            t4 = time.perf_counter()
            adapter.append((t1 - t0) + (t4 - t3))
            process.append(t2 - t1)
            draw.append(t3 - t2)
        total = time.perf_counter() - start_all
    per_frame = [a + p + d for a, p, d in zip(adapter, process, draw, strict=True)]
    n = len(clip_frames)
    return FlatOut(
        frames=n,
        adapter_ms=1000 * statistics.fmean(adapter),
        process_ms=1000 * statistics.fmean(process),
        draw_ms=1000 * statistics.fmean(draw),
        p95_ms=1000 * float(np.percentile(per_frame, 95)),
        fps=n / total,
    )


@dataclass
class RealTime:
    analysed_fps: float
    skipped_pct: float
    behind_mean_s: float
    behind_max_s: float
    result: str  # reps counted, or seconds held


def real_time(
    clip_frames: list[av.VideoFrame], exercise: str, model: Path, mirror: bool
) -> RealTime:
    """A camera thread publishes frames on the clock; this thread analyses the newest."""
    session = LiveSession(LiveCoach(get_spec(exercise), model, mirror=mirror))
    latest: list[tuple[int, float]] = []  # (index, arrival wall time), newest last
    lock = threading.Condition()
    done = threading.Event()

    def camera() -> None:
        start = time.monotonic()
        for i in range(len(clip_frames)):
            time.sleep(max(0.0, start + i / CAMERA_FPS - time.monotonic()))
            with lock:
                latest.append((i, time.monotonic()))
                lock.notify()
        done.set()
        with lock:
            lock.notify()

    thread = threading.Thread(target=camera, daemon=True)
    thread.start()
    behind: list[float] = []
    analysed = 0
    first_wall: float | None = None
    while True:
        with lock:
            while not latest and not done.is_set():
                lock.wait()
            if not latest:
                break
            queued = list(latest)
            latest.clear()
        index, arrived = queued[-1]
        frame = clip_frames[index]
        rgb = np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
        shown = session.process(rgb, float(frame.time), skipped=len(queued) - 1)
        av.VideoFrame.from_ndarray(shown, format="rgb24")
        now = time.monotonic()
        first_wall = first_wall or arrived
        behind.append(now - arrived)
        analysed += 1
    thread.join()
    wall = time.monotonic() - (first_wall or time.monotonic())
    summary = session.finish()[-1]
    assert isinstance(summary, Summary)
    counted = session.spec.counts_reps
    result = f"{summary.reps}" if counted else f"{summary.hold_s:.1f}s"
    return RealTime(
        analysed_fps=analysed / wall if wall > 0 else 0.0,
        skipped_pct=100.0 * (1 - analysed / len(clip_frames)),
        behind_mean_s=statistics.fmean(behind) if behind else 0.0,
        behind_max_s=max(behind, default=0.0),
        result=result,
    )


def _labels(videos: Path) -> dict[str, dict[str, object]]:
    path = videos / "labels.yaml"
    if not path.is_file():
        return {}
    return {c["file"]: c for c in yaml.safe_load(path.read_text())["clips"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--videos", type=Path, default=DEFAULT_VIDEOS)
    parser.add_argument("--clips", nargs="+", default=list(DEFAULT_CLIPS))
    parser.add_argument("--max-seconds", type=float, default=20.0, help="per clip (default 20)")
    parser.add_argument("--mirror", action="store_true", help="mirror frames, as the app does")
    args = parser.parse_args(argv)
    model = resolve_model()
    labels = _labels(args.videos)
    print(f"live path, {WIDTH}x{HEIGHT} at {CAMERA_FPS:g} fps, mirror={args.mirror}")
    header = (
        f"{'clip':36} {'frames':>6} {'adapter':>7} {'process':>7} {'draw':>5} {'p95':>5} "
        f"{'fps':>5} {'x RT':>5} | {'analysed':>8} {'skipped':>7} {'behind':>11} {'reps/hold':>11}"
    )
    print(header)
    print("-" * len(header))
    for name in args.clips:
        clip = args.videos / name
        if not clip.is_file():
            print(f"{name:36} missing")
            continue
        label = labels.get(name, {})
        exercise = str(label.get("exercise", name.split("__")[0]))
        frames = camera_frames(clip, args.max_seconds)
        fast = flat_out(frames, exercise, model, args.mirror)
        live = real_time(frames, exercise, model, args.mirror)
        reps, hold = label.get("reps"), label.get("hold")
        truth = f"{reps}" if isinstance(reps, int) else ""
        if isinstance(hold, dict):
            truth = f"{float(hold['end_s']) - float(hold['start_s']):.1f}s"
        found = f"{live.result}/{truth}" if truth else live.result
        print(
            f"{name[:36]:36} {fast.frames:6d} {fast.adapter_ms:5.1f}ms {fast.process_ms:5.1f}ms "
            f"{fast.draw_ms:3.1f}ms {fast.p95_ms:3.0f}ms {fast.fps:5.1f} {fast.fps / CAMERA_FPS:5.2f}"
            f" | {live.analysed_fps:6.1f}/s {live.skipped_pct:6.0f}% "
            f"{live.behind_mean_s:4.2f}/{live.behind_max_s:4.2f}s {found:>11}"
        )
    print(
        "adapter/process/draw: mean ms per frame; fps, x RT: flat out; analysed, skipped, "
        "behind (mean/max s after capture), reps or hold (found/labelled): simulated 15 fps camera"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
