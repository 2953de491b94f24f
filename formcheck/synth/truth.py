"""Ground truth of a synthetic clip: what the actor really did, frame by frame, and what a
perfect judge following the spec should report.

Written as JSON beside the video (``clip.mp4`` -> ``clip.truth.json``); the format is described
in ``sample_videos/README.md``. Angles here come from the drawn skeleton through
:mod:`formcheck.synth.angles`, never from :mod:`formcheck.kinematics`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from formcheck.kinematics.metrics import derive
from formcheck.landmarks import NUM_LANDMARKS, PoseLandmark
from formcheck.specs.schema import (
    Bound,
    ExerciseSpec,
    HoldSpec,
    MetricKind,
    Severity,
    WorkingSide,
)
from formcheck.synth import angles
from formcheck.synth.motion import FaultPlan, RepPlan
from formcheck.synth.skeleton import LIMB_LANDMARKS, Body, Limb

FloatArray = npt.NDArray[np.float64]
TRUTH_FORMAT = "formcheck-synth-truth/1"
# What the engine treats as one hold (see formcheck.engine.session.HOLD_MERGE_GAP_S): windows
# closer than this are one. Restated here so that the truth does not import the engine.
HOLD_MERGE_GAP_S = 1.0
# A confirmed frame fault clears once its metric has been back within the rule's clear margin
# this long (the engine's _CLEAR_AFTER_S).
FAULT_CLEAR_S = 0.3
SIDES = ("left", "right")


def body_landmarks(body: Body, near_side: str) -> FloatArray:
    """The 33 MediaPipe landmarks of a body, ``(33, 2)`` in body units (canonical frame, y up).

    The near side's landmarks are the drawn joints; far-side face points, which the profile
    hides, sit behind the near ones as the far limbs do.
    """
    far_side = "RIGHT" if near_side == "left" else "LEFT"
    near_prefix = near_side.upper()
    out = np.full((NUM_LANDMARKS, 2), np.nan)
    far_shift = body.far.shoulder - body.near.shoulder
    for prefix, limb in ((near_prefix, body.near), (far_side, body.far)):
        assert isinstance(limb, Limb)
        for part, attr in LIMB_LANDMARKS.items():
            out[PoseLandmark[f"{prefix}_{part}"]] = getattr(limb, attr)
    for part in ("EYE", "EYE_INNER", "EYE_OUTER", "EAR"):
        near_point = body.face(part)
        out[PoseLandmark[f"{near_prefix}_{part}"]] = near_point
        out[PoseLandmark[f"{far_side}_{part}"]] = near_point + far_shift
    out[PoseLandmark.NOSE] = body.face("NOSE")
    mouth = body.face("MOUTH")
    out[PoseLandmark[f"MOUTH_{near_prefix}"]] = mouth
    out[PoseLandmark[f"MOUTH_{far_side}"]] = mouth + far_shift
    return out


def _point(landmarks: FloatArray, name: str, near_side: str) -> FloatArray:
    """``(T, 2)`` of one spec point (LEFT_HIP, HIP, OTHER_HIP, MID_HIP)."""
    if name in PoseLandmark.__members__:
        return landmarks[:, PoseLandmark[name]]
    other = "right" if near_side == "left" else "left"
    if name.startswith("MID_"):
        part = name[4:]
        return np.asarray(
            0.5
            * (
                landmarks[:, PoseLandmark[f"LEFT_{part}"]]
                + landmarks[:, PoseLandmark[f"RIGHT_{part}"]]
            )
        )
    if name.startswith("OTHER_"):
        return landmarks[:, PoseLandmark[f"{other.upper()}_{name[6:]}"]]
    return landmarks[:, PoseLandmark[f"{near_side.upper()}_{name}"]]


def spec_metrics(
    landmarks: FloatArray, spec: ExerciseSpec, near_side: str, facing_sign: float
) -> dict[str, FloatArray]:
    """Every metric of ``spec`` on true landmarks ``(T, 33, 2)`` (square units, y up).

    ``facing_sign`` is +1 when the person faces image-right (for ``forward_offset``). For
    ``side: alternating`` specs every metric comes twice, as the engine gets it: computed with
    each side working, named ``name@left`` and ``name@right``."""
    if spec.side is WorkingSide.ALTERNATING:
        return {
            f"{name}@{side}": values
            for side in SIDES
            for name, values in _side_metrics(landmarks, spec, side, facing_sign).items()
        }
    return _side_metrics(landmarks, spec, near_side, facing_sign)


def with_baselines(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec
) -> dict[str, FloatArray]:
    """The metrics plus ``<metric>_from_baseline`` for a spec with a calibration, as the engine
    adds them: each metric minus its median over the first ``seconds`` (NaN until then).

    Restated from formcheck.engine.calibration (the truth does not import the engine)."""
    out = dict(metrics)
    if spec.calibration is None or t.size == 0:
        return out
    done = int(np.searchsorted(t, t[0] + spec.calibration.seconds, side="left"))
    for key, values in metrics.items():
        name, at, side = key.partition("@")
        if name not in spec.calibration.metrics or done >= t.size:
            continue
        learned = values[: done + 1]
        baseline = float(np.median(learned[np.isfinite(learned)]))
        relative = values - baseline
        relative[:done] = np.nan
        out[f"{name}_from_baseline{at}{side}"] = relative
    return out


def side_views(
    metrics: Mapping[str, FloatArray], spec: ExerciseSpec
) -> list[dict[str, FloatArray]]:
    """The metrics as each judged side sees them: one view per side for alternating specs
    (the ``@side`` suffix dropped), else the metrics as they are."""
    if spec.side is not WorkingSide.ALTERNATING:
        return [dict(metrics)]
    return [
        {k[: -len(side) - 1]: v for k, v in metrics.items() if k.endswith("@" + side)}
        for side in SIDES
    ]


def _side_metrics(
    landmarks: FloatArray, spec: ExerciseSpec, near_side: str, facing_sign: float
) -> dict[str, FloatArray]:
    mid_shoulder = _point(landmarks, "MID_SHOULDER", near_side)
    mid_hip = _point(landmarks, "MID_HIP", near_side)
    torso = angles.distance(mid_shoulder, mid_hip)
    out: dict[str, FloatArray] = {}
    for name, metric in spec.metrics.items():
        if metric.is_derived:
            continue
        pts = [_point(landmarks, p, near_side) for p in metric.points]
        if metric.kind is MetricKind.JOINT_ANGLE:
            out[name] = angles.joint_angle(*pts)
        elif metric.kind is MetricKind.BEND:
            out[name] = angles.bend(*pts)
        elif metric.kind is MetricKind.INCLINE:
            out[name] = angles.incline(*pts)
        elif metric.kind is MetricKind.ELEVATION:
            assert metric.length_floor is not None  # guaranteed by the schema
            floor_a, floor_b = (_point(landmarks, p, near_side) for p in metric.length_floor.points)
            floor = metric.length_floor.ratio * angles.distance(floor_a, floor_b)
            out[name] = angles.elevation(pts[0], pts[1], floor)
        elif metric.kind is MetricKind.DISTANCE:
            out[name] = np.asarray(angles.distance(*pts) / torso)
        else:
            out[name] = np.asarray((pts[1][:, 0] - pts[0][:, 0]) * facing_sign / torso)
    for name, metric in spec.metrics.items():
        if metric.is_derived:
            out[name] = derive(metric, [out[s] for s in metric.of])
    return out


@dataclass(frozen=True, slots=True)
class Window:
    start_s: float
    end_s: float

    def to_dict(self) -> dict[str, float]:
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3)}


def _holds(bound: Bound, values: FloatArray) -> npt.NDArray[np.bool_]:
    ok = np.isfinite(values)
    if bound.above is not None:
        ok &= values > bound.above
    if bound.below is not None:
        ok &= values < bound.below
    return ok


def _all(
    conditions: Mapping[str, Bound], metrics: Mapping[str, FloatArray], n: int
) -> npt.NDArray[np.bool_]:
    ok = np.ones(n, dtype=bool)
    for name, bound in conditions.items():
        ok &= _holds(bound, metrics[name])
    return ok


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, value in enumerate(mask.tolist()):
        if value and start is None:
            start = i
        elif not value and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(mask) - 1))
    return runs


def _merge(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for window in sorted(windows, key=lambda w: w.start_s):
        if merged and window.start_s - merged[-1].end_s <= HOLD_MERGE_GAP_S:
            merged[-1] = Window(merged[-1].start_s, max(merged[-1].end_s, window.end_s))
        else:
            merged.append(window)
    return merged


def _widened(bound: Bound, margin: float) -> Bound:
    return Bound(
        above=None if bound.above is None else bound.above - margin,
        below=None if bound.below is None else bound.below + margin,
    )


def error_fault_mask(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec
) -> npt.NDArray[np.bool_]:
    """Frames where an error-severity frame rule is confirmed (it pauses a hold): from the
    frame its metric crossed the threshold (if it stayed over for ``persist_s``) until it has
    been back inside the clear margin for a moment."""
    faulty = np.zeros(t.size, dtype=bool)
    for rule in spec.frame_rules:
        if rule.severity is not Severity.ERROR:
            continue
        over = _holds(rule.when, metrics[rule.metric])
        stay = _holds(_widened(rule.when, spec.clear_margin_of(rule)), metrics[rule.metric])
        for first, last in _runs(over):
            if t[last] - t[first] < rule.persist_s:
                continue
            end = last
            while end + 1 < t.size and stay[end + 1]:
                end += 1
            clear_until = t[end] + FAULT_CLEAR_S
            while end + 1 < t.size and t[end + 1] < clear_until:
                end += 1
            faulty[first : end + 1] = True
    return faulty


def counts_by_spec(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec, rep: RepPlan
) -> bool:
    """Whether a judge with exact landmarks should count this scripted rep: during it, every
    ``peak`` condition holds for ``debounce_s`` with the rep metric at least ``min_range``
    past its extreme at rest just before (on either side, for alternating specs)."""
    return any(_counts_on(t, view, spec, rep) for view in side_views(metrics, spec))


def _counts_on(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec, rep: RepPlan
) -> bool:
    if spec.reps is None:
        return False
    sign = 1.0 if spec.reps.direction == "up" else -1.0
    signed = sign * metrics[spec.reps.metric]
    before = (t >= rep.start_s - 1.0) & (t <= rep.start_s)
    during = (t >= rep.start_s) & (t <= rep.end_s)
    if not before.any() or not during.any():
        return False
    rest_extreme = float(np.nanmin(signed[before]))
    ok = (
        during
        & _all(spec.reps.peak, metrics, t.size)
        & (signed - rest_extreme >= spec.reps.min_range)
    )
    return any(t[last] - t[first] >= spec.reps.debounce_s for first, last in _runs(ok))


def expected_hold_windows(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec, reps: Sequence[RepPlan]
) -> list[Window]:
    """The hold windows a judge with exact landmarks should report, by the spec's rules.

    Timed holds: in ``hold.position`` with no confirmed error-severity fault, for at least
    ``enter_s`` and still (see :func:`_settled_start`), from where the still stretch began;
    a window ends at the last such frame (dips shorter than ``leave_s`` do not end
    it). Rep exercises: the time at the top of each rep that counts (:func:`counts_by_spec`),
    from the moment the ``peak`` conditions (and the rise by ``min_range``) have held for
    ``debounce_s`` to the last frame they hold before the metric has come back by
    ``return_fraction`` (for ``debounce_s``). Windows less than
    a second apart are one. Alternating specs: each side's windows, merged.
    """
    windows = [w for view in side_views(metrics, spec) for w in _windows_on(t, view, spec, reps)]
    return _merge(windows)


def _settled_start(
    t: FloatArray, position: Sequence[FloatArray], hold: HoldSpec, run: tuple[int, int]
) -> float | None:
    """When holding starts in a run of in-position frames: once in position for ``enter_s``
    and still (every position metric within ``settle_deg`` over the last ``settle_s``), the
    window starting where that still stretch began; None if the run never gets there."""
    first, last = run
    still_from: float | None = None
    settle_s = hold.settle_s - 1e-6  # as the engine: float frame times
    for i in range(first, last + 1):
        if hold.settle_deg is None:
            still_from = float(t[first])
        else:
            # The latest frame at least settle_s back (within the run).
            j = first + int(np.searchsorted(t[first : i + 1], t[i] - settle_s, side="right")) - 1
            still = j >= first and all(
                float(np.ptp(values[j : i + 1])) < hold.settle_deg for values in position
            )
            if not still:
                still_from = None
            elif still_from is None:
                still_from = float(t[j])
        if still_from is not None and t[i] - t[first] >= hold.enter_s:
            return still_from
    return None


def _windows_on(
    t: FloatArray, metrics: Mapping[str, FloatArray], spec: ExerciseSpec, reps: Sequence[RepPlan]
) -> list[Window]:
    n = t.size
    windows: list[Window] = []
    if spec.hold is not None:
        inside = _all(spec.hold.position, metrics, n) & ~error_fault_mask(t, metrics, spec)
        # Dips shorter than leave_s do not end a hold.
        groups: list[list[tuple[int, int]]] = []
        for first, last in _runs(inside):
            if groups and t[first] - t[groups[-1][-1][1]] < spec.hold.leave_s:
                groups[-1].append((first, last))
            else:
                groups.append([(first, last)])
        position = [metrics[name] for name in spec.hold.position]
        for group in groups:
            starts = (_settled_start(t, position, spec.hold, run) for run in group)
            start = next((s for s in starts if s is not None), None)
            if start is not None:
                windows.append(Window(start, float(t[group[-1][1]])))
    elif spec.reps is not None:
        at_peak = _all(spec.reps.peak, metrics, n)
        signed = (1.0 if spec.reps.direction == "up" else -1.0) * metrics[spec.reps.metric]
        for rep in reps:
            if not _counts_on(t, metrics, spec, rep):
                continue
            during = (t >= rep.start_s) & (t <= rep.end_s)
            before = (t >= rep.start_s - 1.0) & (t <= rep.start_s)
            rest_extreme = float(np.nanmin(signed[before]))
            # Counted once the peak conditions, and the rise by min_range, have held for
            # debounce_s; at the top until the metric has come back by return_fraction.
            risen = signed - rest_extreme >= spec.reps.min_range
            runs = [
                (a, b)
                for a, b in _runs(during & at_peak & risen)
                if t[b] - t[a] >= spec.reps.debounce_s
            ]
            if not runs:
                continue
            first = runs[0][0]
            counted = next(i for i in range(first, n) if t[i] - t[first] >= spec.reps.debounce_s)
            best = np.maximum.accumulate(np.where(during, signed, -np.inf))
            back = best - signed >= spec.reps.return_fraction * (best - rest_extreme)
            # The return, like the count, must hold for debounce_s before the rep ends.
            pending: int | None = None
            returned = n
            for i in range(counted, n):
                if not during[i] and not back[i]:
                    returned = i
                    break
                pending = (i if pending is None else pending) if back[i] else None
                if pending is not None and t[i] - t[pending] >= spec.reps.debounce_s:
                    returned = i
                    break
            top = [i for i in range(counted, returned) if at_peak[i]]
            windows.append(Window(float(t[counted]), float(t[top[-1]])))
    return windows


@dataclass
class GroundTruth:
    """Everything true about one clip (see :meth:`to_dict` for the JSON)."""

    exercise: str
    video: str
    width: int
    height: int
    fps: float
    seed: int
    facing: str
    near_side: str
    camera_distance_m: float
    figure_extent: float  # share of the frame width (lying) or height (standing) the figure spans
    requested_faults: list[str]
    reps: list[RepPlan]
    faults: list[FaultPlan]
    timed_hold: bool
    timestamp_s: FloatArray
    phases: list[str]
    rep_numbers: list[int | None]
    frame_faults: list[list[str]]
    joint_angles: dict[str, FloatArray]
    metrics: dict[str, FloatArray]
    hold_windows: list[Window]
    counted_by_spec: list[bool] = field(default_factory=list)
    landmarks: FloatArray | None = None  # (T, 33, 2) normalised image coordinates
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rep_count(self) -> int:
        """Reps the actor did all the way (its own count); 0 for timed holds."""
        return 0 if self.timed_hold else sum(1 for r in self.reps if r.complete)

    @property
    def spec_rep_count(self) -> int:
        """Reps that reach the spec's peak on the exact landmarks (what a perfect judge counts;
        a rep can go "all the way" with a fault that keeps it short of the spec's peak)."""
        return sum(self.counted_by_spec)

    def faulty_reps(self, fault: str) -> list[int]:
        return sorted({f.rep for f in self.faults if f.name == fault and f.rep is not None})

    def clean_reps(self) -> list[int]:
        faulty = {f.rep for f in self.faults}
        return [r.number for r in self.reps if r.number not in faulty]

    def to_dict(self) -> dict[str, Any]:
        def series(values: FloatArray) -> list[float | None]:
            return [round(v, 2) if math.isfinite(v) else None for v in values.tolist()]

        def metric_at(index: npt.NDArray[np.bool_], name: str, pick: str) -> float | None:
            values = self.metrics[name][index]
            values = values[np.isfinite(values)]
            if values.size == 0:
                return None
            return round(float(values.max() if pick == "max" else values.min()), 2)

        t = self.timestamp_s
        reps = []
        for rep, by_spec in zip(
            self.reps, self.counted_by_spec or [False] * len(self.reps), strict=True
        ):
            inside = (t >= rep.start_s) & (t <= rep.end_s)
            reps.append(
                {
                    "number": rep.number,
                    "start_s": round(rep.start_s, 3),
                    "top_s": round(rep.top_s, 3),
                    "top_end_s": round(rep.top_end_s, 3),
                    "end_s": round(rep.end_s, 3),
                    "complete": rep.complete,
                    "counts_by_spec": by_spec,
                    "faults": list(rep.faults),
                    "metric_min": {n: metric_at(inside, n, "min") for n in self.metrics},
                    "metric_max": {n: metric_at(inside, n, "max") for n in self.metrics},
                }
            )
        faults = []
        for fault in self.faults:
            inside = (t >= fault.full_s) & (t <= fault.full_end_s)
            faults.append(
                {
                    "name": fault.name,
                    "amount": fault.amount,
                    "unit": fault.unit,
                    "rule": fault.rule,
                    "rep": fault.rep,
                    "start_s": round(fault.start_s, 3),
                    "full_s": round(fault.full_s, 3),
                    "full_end_s": round(fault.full_end_s, 3),
                    "end_s": round(fault.end_s, 3),
                    "metric_min": {n: metric_at(inside, n, "min") for n in self.metrics},
                    "metric_max": {n: metric_at(inside, n, "max") for n in self.metrics},
                }
            )
        out: dict[str, Any] = {
            "format": TRUTH_FORMAT,
            "exercise": self.exercise,
            "video": self.video,
            "width": self.width,
            "height": self.height,
            "fps": self.fps,
            "frame_count": int(t.size),
            "duration_s": round(float(t.size / self.fps), 3),
            "seed": self.seed,
            "facing": self.facing,
            "near_side": self.near_side,
            "camera_distance_m": self.camera_distance_m,
            "figure_extent": round(self.figure_extent, 3),
            "requested_faults": self.requested_faults,
            "mode": "hold" if self.timed_hold else "reps",
            "rep_count": self.rep_count,
            "spec_rep_count": self.spec_rep_count,
            "reps": reps,
            "faults": faults,
            "hold_windows": [w.to_dict() for w in self.hold_windows],
            **self.extra,
            "frames": {
                "timestamp_s": [round(v, 4) for v in t.tolist()],
                "phase": self.phases,
                "rep": self.rep_numbers,
                "faults": self.frame_faults,
                "joint_angles": {k: series(v) for k, v in self.joint_angles.items()},
                "metrics": {k: series(v) for k, v in self.metrics.items()},
            },
        }
        if self.landmarks is not None:
            out["frames"]["landmarks"] = {
                lm.name: [
                    [round(float(x), 4), round(float(y), 4)] for x, y in self.landmarks[:, lm]
                ]
                for lm in PoseLandmark
            }
        return out

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")


def truth_path(video: str | Path) -> Path:
    """Where the ground truth of ``video`` lives: ``clip.mp4`` -> ``clip.truth.json``."""
    video = Path(video)
    return video.with_name(video.stem + ".truth.json")


def load_truth(path: str | Path) -> dict[str, Any]:
    """The ground truth JSON of a clip (give the video or the JSON path)."""
    path = Path(path)
    if path.suffix != ".json":
        path = truth_path(path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
