"""How far MediaPipe's reading of the synthetic actor is from the actor's true pose.

The fault table (``synth_fault_table.py``) says whether each form rule fires; when one misses
or false-flags, this says why: per metric, the bias (median of measured minus true) and the
95th percentile of the absolute error over the frames the engine judged; per near-side
landmark, the median offset from the drawn joint, in torso lengths, along the person's own
axes (``ahead``: towards where the head or face points in the picture, ``up``: up the image);
and the near shoulder's offset by how far the arm is raised from the trunk (0 at the side, 90
pointing ahead of the chest, 180 overhead), along the trunk (+: towards the head) and across
it. A person's shoulder joint rides on the shoulder blade, which lifts and slides forward as the
arm rises or reaches; the actor's is fixed to its chest, and MediaPipe, taught on people, puts
it 0.13-0.22 torso lengths towards the head with the arms overhead (0.01-0.06 with them
below shoulder height). Giving the actor a shoulder blade did not bring the angles measured at
the shoulder closer to the truth (see :mod:`formcheck.synth.skeleton`).

It films the same takes as the fault table (``--fault`` and ``--clip`` pick one exactly; by
default each exercise's first fault, clips 0 and 1: one actor facing left, one facing right),
through the real pipeline (``track_video`` + ``analyze_track``), and prints one table::

    FORMCHECK_MODEL=../shared/models/pose_landmarker_full.task \
        python bench/synth_metric_error.py --exercise pushup --exercise hamstring_stretch

Clips go to a temporary folder and are deleted; nothing is cached.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Near-side joints whose drawn position is compared with MediaPipe's.
JOINTS = ("EAR", "SHOULDER", "ELBOW", "WRIST", "HIP", "KNEE", "ANKLE")
# The near shoulder's offset is summarised per band of the arm's angle from the trunk.
ARM_BAND_DEG = 30


@dataclass
class ClipError:
    exercise: str
    fault: str
    clip: int
    facing: str = ""
    height_m: float = 0.0
    # metric -> (bias, p95 |error|, frames compared)
    metrics: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    # joint -> (ahead, up) median offset in torso lengths
    joints: dict[str, tuple[float, float]] = field(default_factory=dict)
    # lowest arm angle of a band -> (along the trunk, |across it|) median shoulder offset in
    # torso lengths, frames
    shoulder_by_arm: dict[int, tuple[float, float, int]] = field(default_factory=dict)
    error: str | None = None


def measure(exercise: str, fault: str, clip: int, model_path: str) -> ClipError:
    os.environ.setdefault("GLOG_minloglevel", "2")
    from synth_fault_table import _framed, _take

    from formcheck import analyze_track, get_spec, track_video
    from formcheck.engine.frames import FrameStatus
    from formcheck.landmarks import PoseLandmark
    from formcheck.synth import synthesize

    out = ClipError(exercise, fault, clip)
    try:
        # Amounts do not matter here beyond being valid: the clean frames and the faulty ones
        # are all compared with their own truth.
        take = _framed(_take(_job(exercise, fault, clip)))
        out.facing, out.height_m = take.facing, take.actor.height_m
        with tempfile.TemporaryDirectory(prefix="synth-error-") as folder:
            video = Path(folder) / "clip.mp4"
            truth = synthesize(take, video, landmarks=True)
            track, warnings = track_video(video, Path(model_path), use_cache=False)
        result = analyze_track(
            track, get_spec(exercise), video=str(video), source_warnings=warnings
        )
    except Exception as exc:  # a bench reports a failed clip and goes on
        out.error = f"{type(exc).__name__}: {exc}"
        return out
    kin = result.kinematics
    # Frames are matched by time (the track may skip frames above its analysis rate).
    index = np.clip(np.rint(kin.timestamp_s * truth.fps).astype(int), 0, len(truth.timestamp_s) - 1)
    judged = kin.status == list(FrameStatus).index(FrameStatus.OK)
    for name, measured in kin.metrics.items():
        true = truth.metrics.get(name)
        if true is None:
            continue
        diff = measured - np.asarray(true)[index]
        keep = judged & np.isfinite(diff)
        if keep.sum() >= 3:
            out.metrics[name] = (
                float(np.median(diff[keep])),
                float(np.percentile(np.abs(diff[keep]), 95)),
                int(keep.sum()),
            )
    assert truth.landmarks is not None
    true_px = np.asarray(truth.landmarks)[index] * [truth.width, truth.height]
    found_px = track.xyz[: len(index), :, :2] * [track.frame_width, track.frame_height]
    near = truth.near_side.upper()
    shoulder, hip = PoseLandmark[f"{near}_SHOULDER"], PoseLandmark[f"{near}_HIP"]
    elbow = PoseLandmark[f"{near}_ELBOW"]
    torso = np.linalg.norm(true_px[:, shoulder] - true_px[:, hip], axis=1)
    ahead_sign = -1.0 if truth.facing == "left" else 1.0
    for joint in JOINTS:
        j = PoseLandmark[f"{near}_{joint}"]
        offset = (found_px[:, j] - true_px[:, j]) / torso[:, None]
        keep = judged & np.isfinite(offset).all(axis=1)
        if keep.sum() >= 3:
            out.joints[joint] = (
                float(np.median(ahead_sign * offset[keep, 0])),
                float(np.median(-offset[keep, 1])),
            )
    out.shoulder_by_arm = _shoulder_by_arm(
        true_px[:, hip], true_px[:, shoulder], true_px[:, elbow], found_px[:, shoulder], judged
    )
    return out


def _shoulder_by_arm(
    hip: np.ndarray, shoulder: np.ndarray, elbow: np.ndarray, found: np.ndarray, judged: np.ndarray
) -> dict[int, tuple[float, float, int]]:
    """The found shoulder's median offset from the drawn one, per band of the arm's angle."""
    trunk = shoulder - hip
    length = np.linalg.norm(trunk, axis=1)
    up_trunk = trunk / length[:, None]
    arm = elbow - shoulder
    arm = arm / np.linalg.norm(arm, axis=1)[:, None]
    # 0 with the upper arm along the trunk towards the hips, 180 overhead.
    arm_deg = np.degrees(np.arccos(np.clip(-(arm * up_trunk).sum(axis=1), -1.0, 1.0)))
    offset = (found - shoulder) / length[:, None]
    along = (offset * up_trunk).sum(axis=1)
    across = np.abs(offset[:, 0] * up_trunk[:, 1] - offset[:, 1] * up_trunk[:, 0])
    keep = judged & np.isfinite(along) & np.isfinite(arm_deg)
    bands: dict[int, tuple[float, float, int]] = {}
    for low in range(0, 180, ARM_BAND_DEG):
        high = low + ARM_BAND_DEG
        inside = keep & (arm_deg >= low) & ((arm_deg < high) | (high >= 180))  # 180: overhead
        if inside.sum() >= 3:
            bands[low] = (
                float(np.median(along[inside])),
                float(np.median(across[inside])),
                int(inside.sum()),
            )
    return bands


def _job(exercise: str, fault: str, clip: int) -> object:
    """The fault table's job for this clip (same actor, camera and faults)."""
    from synth_fault_table import plan

    for job in plan([exercise], clip + 1):
        if job.fault == fault and job.clip == clip:
            return job
    raise ValueError(f"{exercise} has no fault {fault!r}")


def format_table(results: Sequence[ClipError]) -> str:
    lines = []
    for r in results:
        head = f"{r.exercise} {r.fault} clip {r.clip}"
        if r.error:
            lines.append(f"{head}: failed ({r.error})")
            continue
        lines.append(f"{head} (facing {r.facing}, actor {r.height_m:.2f} m)")
        lines.append(f"  {'metric':32} {'bias':>7} {'p95 |err|':>9} {'frames':>6}")
        for name, (bias, p95, n) in sorted(r.metrics.items()):
            lines.append(f"  {name:32} {bias:+7.1f} {p95:9.1f} {n:6d}")
        lines.append(f"  {'joint (torso lengths)':32} {'ahead':>7} {'up':>9}")
        for joint, (ahead, up) in r.joints.items():
            lines.append(f"  {joint:32} {ahead:+7.3f} {up:+9.3f}")
        if r.shoulder_by_arm:
            lines.append(
                f"  {'SHOULDER by arm angle':32} {'along':>7} {'|across|':>9} {'frames':>6}"
            )
            for low, (along, across, n) in r.shoulder_by_arm.items():
                band = f"arm {low}-{low + ARM_BAND_DEG} deg"
                lines.append(f"    {band:30} {along:+7.3f} {across:9.3f} {n:6d}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from formcheck.synth import EXERCISES, get_exercise

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exercise", action="append", choices=sorted(EXERCISES))
    parser.add_argument("--fault", help="the fault table's take of this fault (default: the first)")
    parser.add_argument(
        "--clip", type=int, action="append", help="the fault table's clip number (default 0 and 1)"
    )
    parser.add_argument("--jobs", type=int, default=max(1, os.cpu_count() or 1))
    parser.add_argument("--model", default=os.environ.get("FORMCHECK_MODEL"))
    args = parser.parse_args(argv)
    if not args.model or not Path(args.model).is_file():
        print(
            "synth_metric_error: no pose model; pass --model or set FORMCHECK_MODEL",
            file=sys.stderr,
        )
        return 1
    work = []
    for exercise in args.exercise or sorted(EXERCISES):
        faults = sorted(get_exercise(exercise).fault_kinds)
        fault = args.fault or faults[0]
        if fault not in faults:
            print(f"synth_metric_error: {exercise} has no fault {fault!r}", file=sys.stderr)
            return 1
        work += [(exercise, fault, clip) for clip in (args.clip or [0, 1])]
    with ProcessPoolExecutor(
        max_workers=args.jobs, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        results = list(pool.map(measure, *zip(*work, strict=True), [args.model] * len(work)))
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
