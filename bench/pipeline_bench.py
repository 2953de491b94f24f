"""Speed and memory of the whole FormCheck pipeline on real clips, next to a naive baseline.

Run it from the repository root (``make bench`` does)::

    FORMCHECK_MODEL=../shared/models/pose_landmarker_full.task python bench/pipeline_bench.py
    python bench/pipeline_bench.py --clips plank__trajn__plank.mp4 --repeats 3

Every measurement runs in a fresh child process (this script started again with a hidden
``--one`` option), FormCheck first and the baseline second for each clip, so that the
process-lifetime peak RSS of one measurement never leaks into another and both see the same
(noisy, shared) machine within seconds of each other. Compare numbers within one run: absolute
figures move with the machine's load, ratios much less.

How to read the tables
----------------------
Speed
    ``FC wall s`` is the whole FormCheck pipeline as ``formcheck analyze --annotated`` runs it,
    model load included: decode + pose (``track_video``, no landmark cache), kinematics + engine
    (``analyze_track``), then a second decode with overlay drawing and H.264 encoding to a
    temporary ``.mp4`` (``render_annotated``). ``FC fps`` is frames / wall time; ``RT x`` is
    clip duration / wall time (above 1 = faster than real time). ``FC pose fps`` counts only
    model load + decode + inference of the same run, the part comparable to the naive baseline:
    ``cv2.VideoCapture`` decoding and MediaPipe PoseLandmarker in IMAGE mode on every frame
    (full detection each frame, no tracking between frames). ``pose/naive`` above 1 means
    FormCheck's decode + VIDEO-mode tracking is faster than the baseline. ``det FC``/``det
    naive`` are the shares of frames where a person was found, as a sanity check that both did
    the same work.

Stages (ms per frame)
    The same FormCheck run split up; the columns add up to the wall time less the model load.
    ``decode`` is both decoding passes (pose pass and render pass) including opening the file;
    ``infer`` is ``PoseEstimator.process``; ``scene`` is ``SceneChangeMeter.update`` (how much
    each frame's picture changed, for finding cuts); ``analyze`` is ``analyze_track`` once, cold (first
    call in the process); ``draw`` is ``draw_overlay``; ``encode`` is ``VideoWriter`` (open,
    write, flush); ``other`` is everything else (per-frame glue, building ``PoseTrack``).
    ``naive decode``/``naive infer`` are the baseline's ``VideoCapture.read`` + BGR->RGB and
    its IMAGE-mode ``PoseEstimator.process``, for a like-for-like look at inference.

Kinematics + engine (warm, median of ``--repeats``)
    Measured after the pipeline, in the same process, on the same landmarks, with tracemalloc
    off. ``kin`` is ``analyse_track``; ``engine`` is the ``Engine`` loop over its frames
    (``update`` + ``state`` per frame, then ``finish``), as ``analyze_track`` runs it. ``k+e %
    inf`` is their sum as a share of the inference time per frame; the target is below 3 %
    (``ok``; ``OVER`` when missed). ``live`` is the live path over the same poses:
    ``LiveKinematics.update`` + ``Engine.update`` per frame. The ``all`` row is frame-weighted.

Memory (per process peak)
    ``RSS`` is ``getrusage(RUSAGE_SELF).ru_maxrss`` at the end of the measurement, i.e. the peak
    resident size of that child process over its whole life; ``base RSS`` is the same figure
    just after importing MediaPipe, OpenCV, PyAV and FormCheck, before any model or video is
    touched, so ``RSS - base`` is what the work itself added. ``py peak`` is tracemalloc's peak
    of Python-visible allocations (NumPy arrays included; MediaPipe's and FFmpeg's native
    buffers are not), traced during the pipeline only. Tracing makes Python-heavy code a
    little slower; both sides run under it, and the warm kinematics timings run without it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VIDEOS = REPO_ROOT.parent / "shared" / "videos"
DEFAULT_CLIPS: tuple[str, ...] = (
    "glute_bridge__be23__bridge.mp4",
    "plank__trajn__plank.mp4",
    "glute_bridge__palfit__frog_pump.mp4",
)
KIN_ENGINE_TARGET_PCT = 3.0
CHILD_TIMEOUT_S = 600
_RESULT_MARK = "BENCH_RESULT "

if str(REPO_ROOT) not in sys.path:
    # Running the script by path puts bench/ first on sys.path, not the repository root.
    sys.path.insert(0, str(REPO_ROOT))


# -- measurement helpers (child process) -------------------------------------------------------


@dataclass
class StageClock:
    """Seconds spent per named stage, accumulated across calls."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def get(self, stage: str) -> float:
        return self.seconds.get(stage, 0.0)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _median_seconds(action: Callable[[], object], repeats: int) -> float:
    times: list[float] = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _timed_iter(inner: Iterator[Any], clock: StageClock, stage: str) -> Iterator[Any]:
    """Yield from ``inner``, charging the time each ``next`` takes to ``stage``."""
    while True:
        start = time.perf_counter()
        try:
            item = next(inner)
        except StopIteration:
            clock.add(stage, time.perf_counter() - start)
            return
        clock.add(stage, time.perf_counter() - start)
        yield item


def _import_everything() -> None:
    """Import the heavy libraries up front, so the base RSS and the timings exclude imports."""
    for module in (
        "av",
        "cv2",
        "mediapipe",
        "mediapipe.tasks.python.vision",
        "formcheck.analysis",
        "formcheck.render",
        "formcheck.tracking",
    ):
        importlib.import_module(module)


def _install_timers(clock: StageClock) -> None:
    """Wrap the pipeline's building blocks, where the pipeline looks them up, with timers.

    The pipeline itself (``track_video``, ``analyze_track``, ``render_annotated``) runs
    unchanged; only the names it calls are replaced by thin subclasses that time each call.
    """
    import formcheck.render as render
    import formcheck.tracking as tracking
    from formcheck.annotate import OverlayState, draw_overlay
    from formcheck.landmarks import PoseFrame
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video import VideoFrame, VideoReader, VideoWriter
    from formcheck.video.scene import SceneChangeMeter

    class TimedReader(VideoReader):
        def __init__(self, path: str | Path, max_side: int | None = None) -> None:
            start = time.perf_counter()
            super().__init__(path, max_side)
            clock.add("decode", time.perf_counter() - start)

        def __iter__(self) -> Iterator[VideoFrame]:
            start = time.perf_counter()
            inner = super().__iter__()
            clock.add("decode", time.perf_counter() - start)
            return _timed_iter(inner, clock, "decode")

    class TimedEstimator(PoseEstimator):
        def __init__(self, model_path: str | Path, *args: Any, **kwargs: Any) -> None:
            start = time.perf_counter()
            super().__init__(model_path, *args, **kwargs)
            clock.add("model_load", time.perf_counter() - start)

        def process(self, rgb: Any, timestamp_s: float) -> PoseFrame:
            start = time.perf_counter()
            pose = super().process(rgb, timestamp_s)
            clock.add("infer", time.perf_counter() - start)
            return pose

    class TimedSceneMeter(SceneChangeMeter):
        def update(self, rgb: Any) -> float:
            start = time.perf_counter()
            change = super().update(rgb)
            clock.add("scene", time.perf_counter() - start)
            return change

    class TimedWriter(VideoWriter):
        def __init__(self, path: str | Path, width: int, height: int, fps: float) -> None:
            start = time.perf_counter()
            super().__init__(path, width, height, fps)
            clock.add("encode", time.perf_counter() - start)

        def write(self, rgb: Any) -> None:
            start = time.perf_counter()
            super().write(rgb)
            clock.add("encode", time.perf_counter() - start)

        def close(self) -> None:
            start = time.perf_counter()
            super().close()
            clock.add("encode", time.perf_counter() - start)

    def timed_draw(
        rgb: Any,
        pose: PoseFrame | None,
        state: OverlayState,
        highlight: Any = (),
    ) -> None:
        start = time.perf_counter()
        draw_overlay(rgb, pose, state, highlight)
        clock.add("draw", time.perf_counter() - start)

    replacements: tuple[tuple[object, str, object], ...] = (
        (tracking, "VideoReader", TimedReader),
        (tracking, "PoseEstimator", TimedEstimator),
        (tracking, "SceneChangeMeter", TimedSceneMeter),
        (render, "VideoReader", TimedReader),
        (render, "VideoWriter", TimedWriter),
        (render, "draw_overlay", timed_draw),
    )
    for module, name, replacement in replacements:
        setattr(module, name, replacement)


def run_formcheck(clip: Path, exercise: str, model: Path, repeats: int) -> dict[str, Any]:
    """The whole FormCheck pipeline on ``clip``, then warm kinematics/engine/live timings."""
    _import_everything()
    from formcheck.analysis import analyze_track
    from formcheck.engine.session import Engine
    from formcheck.kinematics.pipeline import LiveKinematics, TrackKinematics, analyse_track
    from formcheck.render import render_annotated
    from formcheck.specs import get_spec
    from formcheck.tracking import track_video

    spec = get_spec(exercise)
    base_rss = peak_rss_mb()
    clock = StageClock()
    _install_timers(clock)

    with tempfile.TemporaryDirectory(prefix="formcheck-bench-") as tmp:
        output = Path(tmp) / "annotated.mp4"
        tracemalloc.start()
        start = time.perf_counter()
        track, warnings = track_video(clip, model, use_cache=False)
        analysis_start = time.perf_counter()
        result = analyze_track(track, spec, video=str(clip), source_warnings=warnings)
        clock.add("analyze", time.perf_counter() - analysis_start)
        render_annotated(clip, result, spec, output)
        wall = time.perf_counter() - start
        py_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = peak_rss_mb()
        output_bytes = output.stat().st_size

    frames = len(track)
    poses = [track.frame(i) for i in range(frames)]

    def kinematics() -> TrackKinematics:
        return analyse_track(track, spec)

    kin = kinematics()

    def engine_loop() -> None:
        engine = Engine(spec)
        for frame in kin.frames():
            engine.update(frame)
            engine.state()
        engine.finish()

    def live_loop() -> None:
        live = LiveKinematics(spec)
        engine = Engine(spec)
        for pose in poses:
            frame, _ = live.update(pose, track.frame_width, track.frame_height)
            engine.update(frame)
        engine.finish()

    kin_s = _median_seconds(kinematics, repeats)
    engine_s = _median_seconds(engine_loop, repeats)
    live_s = _median_seconds(live_loop, max(1, (repeats + 1) // 2))

    return {
        "frames": frames,
        "width": track.frame_width,
        "height": track.frame_height,
        "duration_s": frames / track.fps if track.fps > 0 else 0.0,
        "detected": float(track.detected.mean()) if frames else 0.0,
        "reps": result.reps,
        "hold_s": result.hold_s,
        "wall_s": wall,
        "stages_s": clock.seconds,
        "kin_s": kin_s,
        "engine_s": engine_s,
        "live_s": live_s,
        "base_rss_mb": base_rss,
        "rss_mb": rss,
        "py_peak_mb": py_peak / (1024 * 1024),
        "output_bytes": output_bytes,
    }


def run_naive(clip: Path, model: Path) -> dict[str, Any]:
    """Baseline: cv2.VideoCapture decoding and PoseLandmarker in IMAGE mode on every frame."""
    _import_everything()
    import cv2
    import numpy as np

    from formcheck.pose.estimator import PoseEstimator

    base_rss = peak_rss_mb()
    tracemalloc.start()
    start = time.perf_counter()
    estimator = PoseEstimator(model, mode="image")
    model_load = time.perf_counter() - start
    decode = infer = 0.0
    frames = detected = 0
    capture = cv2.VideoCapture(str(clip))
    try:
        if not capture.isOpened():
            raise RuntimeError(f"OpenCV cannot open {clip}")
        while True:
            t0 = time.perf_counter()
            ok, bgr = capture.read()
            if not ok:
                decode += time.perf_counter() - t0
                break
            rgb = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
            t1 = time.perf_counter()
            pose = estimator.process(rgb, frames / 30.0)  # IMAGE mode ignores the time
            infer += time.perf_counter() - t1
            decode += t1 - t0
            frames += 1
            detected += pose.detected
    finally:
        capture.release()
        estimator.close()
    wall = time.perf_counter() - start
    py_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "frames": frames,
        "detected": detected / frames if frames else 0.0,
        "wall_s": wall,
        "stages_s": {"model_load": model_load, "decode": decode, "infer": infer},
        "base_rss_mb": base_rss,
        "rss_mb": peak_rss_mb(),
        "py_peak_mb": py_peak / (1024 * 1024),
    }


def child_main(args: argparse.Namespace) -> int:
    """Run one measurement and print its result as one JSON line."""
    clip, model = Path(args.clip), Path(args.model)
    if args.one == "formcheck":
        result = run_formcheck(clip, args.exercise, model, args.repeats)
    else:
        result = run_naive(clip, model)
    sys.stdout.write(_RESULT_MARK + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


# -- orchestration and report (parent process) -------------------------------------------------


@dataclass
class ClipResult:
    name: str
    formcheck: dict[str, Any]
    naive: dict[str, Any]


def measure(kind: str, clip: Path, exercise: str, model: Path, repeats: int) -> dict[str, Any]:
    """Run one measurement in a fresh child process and return its result."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--one",
        kind,
        "--clip",
        str(clip),
        "--exercise",
        exercise,
        "--model",
        str(model),
        "--repeats",
        str(repeats),
    ]
    env = dict(os.environ)
    env.setdefault("GLOG_minloglevel", "2")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    completed = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=CHILD_TIMEOUT_S, check=False
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(_RESULT_MARK):
            parsed: dict[str, Any] = json.loads(line[len(_RESULT_MARK) :])
            return parsed
    raise RuntimeError(
        f"{kind} measurement of {clip.name} failed (exit {completed.returncode}):\n"
        + (completed.stderr.strip()[-2000:] or completed.stdout.strip()[-2000:])
    )


def format_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: first column left-aligned, the rest right-aligned."""
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    rule = "-" * len(line(["-" * w for w in widths]))
    return "\n".join([title, rule, line(headers), rule, *(line(row) for row in rows), rule])


def _ms(seconds: float, frames: int) -> str:
    return f"{1000.0 * seconds / frames:.2f}" if frames else "-"


def _pct(part: float, whole: float) -> str:
    return f"{100.0 * part / whole:.2f}" if whole > 0 else "-"


def _stage(result: dict[str, Any], name: str) -> float:
    return float(result["stages_s"].get(name, 0.0))


def pose_seconds(fc: dict[str, Any]) -> float:
    """Model load + decode + inference of the FormCheck run (the baseline's share of work)."""
    return _stage(fc, "model_load") + _stage(fc, "decode") + _stage(fc, "infer")


def report(results: Sequence[ClipResult], repeats: int) -> str:
    """The four tables, ready to print."""
    speed_rows: list[list[str]] = []
    stage_rows: list[list[str]] = []
    kin_rows: list[list[str]] = []
    memory_rows: list[list[str]] = []
    for r in results:
        fc, nv = r.formcheck, r.naive
        n = int(fc["frames"])
        wall = float(fc["wall_s"])
        pose_fps = n / pose_seconds(fc)
        naive_fps = int(nv["frames"]) / float(nv["wall_s"])
        speed_rows.append(
            [
                r.name,
                str(n),
                f"{fc['width']}x{fc['height']}",
                f"{fc['duration_s']:.1f}",
                f"{_stage(fc, 'model_load'):.2f}",
                f"{wall:.1f}",
                f"{n / wall:.1f}",
                f"{fc['duration_s'] / wall:.2f}",
                f"{pose_fps:.1f}",
                f"{naive_fps:.1f}",
                f"{pose_fps / naive_fps:.2f}",
                f"{100 * fc['detected']:.0f}%",
                f"{100 * nv['detected']:.0f}%",
            ]
        )
        named = ("decode", "infer", "scene", "analyze", "draw", "encode")
        other = wall - _stage(fc, "model_load") - sum(_stage(fc, s) for s in named)
        stage_rows.append(
            [
                r.name,
                *(_ms(_stage(fc, s), n) for s in named),
                _ms(_stage(fc, "draw") + _stage(fc, "encode"), n),
                _ms(other, n),
                _ms(wall - _stage(fc, "model_load"), n),
                _ms(_stage(nv, "decode"), int(nv["frames"])),
                _ms(_stage(nv, "infer"), int(nv["frames"])),
            ]
        )
        infer = _stage(fc, "infer")
        kin_engine = float(fc["kin_s"]) + float(fc["engine_s"])
        kin_rows.append(
            [
                r.name,
                _ms(infer, n),
                _ms(fc["kin_s"], n),
                _ms(fc["engine_s"], n),
                _ms(kin_engine, n),
                _pct(kin_engine, infer),
                "ok" if 100 * kin_engine < KIN_ENGINE_TARGET_PCT * infer else "OVER",
                _ms(fc["live_s"], n),
                _pct(fc["live_s"], infer),
            ]
        )
        memory_rows.append(
            [
                r.name,
                f"{fc['base_rss_mb']:.0f}",
                f"{fc['rss_mb']:.0f}",
                f"{fc['rss_mb'] - fc['base_rss_mb']:.0f}",
                f"{fc['py_peak_mb']:.1f}",
                f"{nv['base_rss_mb']:.0f}",
                f"{nv['rss_mb']:.0f}",
                f"{nv['rss_mb'] - nv['base_rss_mb']:.0f}",
                f"{nv['py_peak_mb']:.1f}",
            ]
        )

    frames = sum(int(r.formcheck["frames"]) for r in results)
    if len(results) > 1:
        wall = sum(float(r.formcheck["wall_s"]) for r in results)
        duration = sum(float(r.formcheck["duration_s"]) for r in results)
        pose = sum(pose_seconds(r.formcheck) for r in results)
        naive = sum(float(r.naive["wall_s"]) for r in results)
        naive_frames = sum(int(r.naive["frames"]) for r in results)
        speed_rows.append(
            [
                "all",
                str(frames),
                "",
                f"{duration:.1f}",
                "",
                f"{wall:.1f}",
                f"{frames / wall:.1f}",
                f"{duration / wall:.2f}",
                f"{frames / pose:.1f}",
                f"{naive_frames / naive:.1f}",
                f"{(frames / pose) / (naive_frames / naive):.2f}",
                "",
                "",
            ]
        )
        infer = sum(_stage(r.formcheck, "infer") for r in results)
        kin = sum(float(r.formcheck["kin_s"]) for r in results)
        engine = sum(float(r.formcheck["engine_s"]) for r in results)
        live = sum(float(r.formcheck["live_s"]) for r in results)
        kin_rows.append(
            [
                "all",
                _ms(infer, frames),
                _ms(kin, frames),
                _ms(engine, frames),
                _ms(kin + engine, frames),
                _pct(kin + engine, infer),
                "ok" if 100 * (kin + engine) < KIN_ENGINE_TARGET_PCT * infer else "OVER",
                _ms(live, frames),
                _pct(live, infer),
            ]
        )

    tables = [
        format_table(
            "Speed: whole FormCheck pipeline vs naive baseline (cv2 + IMAGE mode)",
            [
                "clip",
                "frames",
                "size",
                "clip s",
                "load s",
                "FC wall s",
                "FC fps",
                "RT x",
                "FC pose fps",
                "naive fps",
                "pose/naive",
                "det FC",
                "det naive",
            ],
            speed_rows,
        ),
        format_table(
            "Stages, ms per frame (FormCheck decode = both passes; naive = the baseline run)",
            [
                "clip",
                "decode",
                "infer",
                "scene",
                "analyze",
                "draw",
                "encode",
                "annot",
                "other",
                "total",
                "naive decode",
                "naive infer",
            ],
            stage_rows,
        ),
        format_table(
            f"Kinematics + engine, warm, median of {repeats}, ms per frame "
            f"(target: k+e < {KIN_ENGINE_TARGET_PCT:g}% of inference)",
            ["clip", "infer", "kin", "engine", "k+e", "k+e % inf", "target", "live", "live % inf"],
            kin_rows,
        ),
        format_table(
            "Memory: peak per child process, MiB (RSS = getrusage ru_maxrss; py = tracemalloc)",
            [
                "clip",
                "FC base RSS",
                "FC RSS",
                "FC +RSS",
                "FC py peak",
                "naive base RSS",
                "naive RSS",
                "naive +RSS",
                "naive py peak",
            ],
            memory_rows,
        ),
    ]
    return "\n\n".join(tables)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"python {platform.python_version()}"]
    for package in ("mediapipe", "opencv-contrib-python", "av", "numpy"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            continue
    return ", ".join(parts)


def _load() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "n/a"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Benchmark the whole FormCheck pipeline on real clips against a naive "
        "cv2 + PoseLandmarker IMAGE-mode baseline (speed per stage and peak memory).",
    )
    parser.add_argument(
        "--videos",
        type=Path,
        default=DEFAULT_VIDEOS,
        help=f"folder of clips (default: {DEFAULT_VIDEOS})",
    )
    parser.add_argument(
        "--clips",
        nargs="+",
        default=list(DEFAULT_CLIPS),
        metavar="FILE",
        help="clip file names in --videos; the exercise is the name's prefix before '__' "
        f"(default: {' '.join(DEFAULT_CLIPS)})",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="repeats of the warm kinematics/engine timings; the median is reported "
        "(default: 5; the live path runs half as many)",
    )
    # Hidden: one measurement in this (fresh) process, result as JSON on stdout.
    parser.add_argument("--one", choices=["formcheck", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--clip", help=argparse.SUPPRESS)
    parser.add_argument("--exercise", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.one is not None:
        return child_main(args)

    from formcheck.errors import FormCheckError
    from formcheck.pose.model import resolve_model
    from formcheck.specs import get_spec

    videos: Path = args.videos
    if not videos.is_dir():
        print(
            f"pipeline_bench: no clips folder at {videos}; nothing to benchmark (pass --videos DIR)"
        )
        return 0
    try:
        model = resolve_model()
    except FormCheckError as exc:
        print(f"pipeline_bench: {exc}", file=sys.stderr)
        return 1

    started = time.perf_counter()
    load_before = _load()
    results: list[ClipResult] = []
    for name in args.clips:
        clip = videos / name
        if not clip.is_file():
            print(f"pipeline_bench: skipping {name}: not found in {videos}", file=sys.stderr)
            continue
        exercise = name.split("__", 1)[0]
        try:
            get_spec(exercise)
        except FormCheckError as exc:
            print(f"pipeline_bench: skipping {name}: {exc}", file=sys.stderr)
            continue
        print(f"pipeline_bench: {name}: FormCheck pipeline ...", file=sys.stderr, flush=True)
        formcheck = measure("formcheck", clip, exercise, model, args.repeats)
        print(f"pipeline_bench: {name}: naive baseline ...", file=sys.stderr, flush=True)
        naive = measure("naive", clip, exercise, model, args.repeats)
        results.append(ClipResult(name, formcheck, naive))
    if not results:
        print("pipeline_bench: none of the clips could be benchmarked")
        return 0

    print(report(results, args.repeats))
    print()
    print(f"model: {model.name}; {_versions()}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs; load average before: "
        f"{load_before}, after: {_load()}; benchmark took {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
