"""Turns landmark arrays into a spec's named metrics, vectorised over frames."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from formcheck.kinematics import geometry
from formcheck.kinematics.body import Side
from formcheck.landmarks import BoolArray, FloatArray, PoseLandmark
from formcheck.specs.schema import ExerciseSpec, MetricKind, MetricSpec, WorkingSide

IndexPair = npt.NDArray[np.intp]  # (2,) landmark indices averaged to make one point

# What to tell a person when a part is out of view.
PART_WORDS = {
    "NOSE": "head",
    "EYE": "head",
    "EAR": "head",
    "SHOULDER": "shoulders",
    "ELBOW": "arms",
    "WRIST": "hands",
    "INDEX": "hands",
    "HIP": "hips",
    "KNEE": "knees",
    "ANKLE": "feet",
    "HEEL": "feet",
    "FOOT_INDEX": "feet",
}


def point_indices(name: str, side: Side) -> IndexPair:
    """The landmark indices a spec point stands for, with ``side`` as the working side.

    A single landmark returns the same index twice, so every point is "the mean of two
    landmarks" and one vectorised gather serves all of them.
    """
    if name in PoseLandmark.__members__:
        index = PoseLandmark[name].value
        return np.array([index, index], dtype=np.intp)
    if name.startswith("MID_"):
        part = name[4:]
        return np.array(
            [PoseLandmark[f"LEFT_{part}"], PoseLandmark[f"RIGHT_{part}"]], dtype=np.intp
        )
    other = name.startswith("OTHER_")
    part = name[6:] if other else name
    chosen = side.other if other else side
    index = PoseLandmark[f"{chosen.value.upper()}_{part}"].value
    return np.array([index, index], dtype=np.intp)


def point_side(name: str, working: Side) -> Side | None:
    """The body side a spec point is on with ``working`` the working side; None for a
    midpoint or an unsided landmark (NOSE)."""
    if name.startswith("MID_"):
        return None
    if name.startswith("OTHER_"):
        return working.other
    for side in Side:
        if name.startswith(f"{side.value.upper()}_"):
            return side
    return None if name in PoseLandmark.__members__ else working


def _far_side_metrics(spec: ExerciseSpec, near: Side) -> frozenset[str]:
    alternating = spec.side is WorkingSide.ALTERNATING
    working_sides = list(Side) if alternating else [near]
    names = set()
    for name, metric in spec.metrics.items():
        if not metric.near_side_only:
            continue
        for working in working_sides:
            sides = {point_side(p, working) for p in metric.points + metric.seen_with}
            if near.other in sides:
                names.add(f"{name}@{working.value}" if alternating else name)
    return frozenset(names)


def part_word(name: str) -> str:
    """Plain word for a spec point ("feet" for ANKLE, OTHER_ANKLE or LEFT_ANKLE)."""
    for prefix in ("LEFT_", "RIGHT_", "OTHER_", "MID_"):
        name = name.removeprefix(prefix)
    return PART_WORDS.get(name, name.lower())


class MetricComputer:
    """Computes every metric of one spec for a given working side.

    Index tables for both sides are built once, so computing metrics per frame (live) or over
    a whole clip (recorded) is a handful of numpy gathers with no per-frame set-up.
    """

    def __init__(self, spec: ExerciseSpec) -> None:
        self.spec = spec
        self.names: tuple[str, ...] = tuple(spec.metrics)
        # Each metric's points, then (elevation) its length floor's two points.
        self._tables: dict[Side, dict[str, npt.NDArray[np.intp]]] = {
            side: {
                name: np.stack([point_indices(p, side) for p in _gathered_points(metric)])
                for name, metric in spec.metrics.items()
                if not metric.is_derived
            }
            for side in Side
        }
        # The points whose visibility a metric is judged by: its own and its seen_with points
        # (an elevation's length floor is a bound, not what it measures: a cropped ankle still
        # leaves the thigh's own length as the bound).
        self._seen_tables: dict[Side, dict[str, npt.NDArray[np.intp]]] = {
            side: {
                name: np.stack([point_indices(p, side) for p in metric.points + metric.seen_with])
                for name, metric in spec.metrics.items()
                if not metric.is_derived
            }
            for side in Side
        }
        self._derived = {n: m for n, m in spec.metrics.items() if m.is_derived}
        self._far_side = {near: _far_side_metrics(spec, near) for near in Side}
        self._required: dict[Side, npt.NDArray[np.intp]] = {
            side: np.stack([point_indices(p, side) for p in spec.required]) for side in Side
        }
        self._torso = {
            side: (point_indices("MID_SHOULDER", side), point_indices("MID_HIP", side))
            for side in Side
        }

    def compute(
        self, plane: FloatArray, side: Side, facing: FloatArray | None = None
    ) -> dict[str, FloatArray]:
        """Metrics for ``plane`` ``(T, 33, 2)`` (see :func:`geometry.to_plane`).

        Args:
            plane: image-plane landmarks.
            side: the working side.
            facing: ``(T,)`` +1/-1 facing direction (for ``forward_offset`` metrics).

        Returns:
            ``{metric name: (T,) values}``, NaN where a point is missing.
        """
        table = self._tables[side]
        torso_a, torso_b = self._torso[side]
        torso_length = geometry.distance(
            plane[:, torso_a].mean(axis=1), plane[:, torso_b].mean(axis=1)
        )
        torso_length = np.where(torso_length > 1e-6, torso_length, np.nan)
        values: dict[str, FloatArray] = {}
        for name, points_at in table.items():
            points = plane[:, points_at].mean(axis=2)  # (T, n_points, 2)
            values[name] = _evaluate(self.spec.metrics[name], points, torso_length, facing)
        for name, metric in self._derived.items():
            values[name] = derive(metric, [values[s] for s in metric.of])
        return values

    def far_side_metrics(self, near: Side) -> frozenset[str]:
        """The ``near_side_only`` metrics that, with ``near`` the side nearer the camera, use a
        point on the far side (``name@side`` for alternating specs, as their metrics are named)."""
        return self._far_side[near]

    def visibility(
        self,
        visibility: FloatArray,
        side: Side,
        values: Mapping[str, FloatArray] | None = None,
    ) -> dict[str, FloatArray]:
        """``{metric name: (T,) visibility}``: the lowest visibility among the landmarks the
        metric is computed from and its ``seen_with`` points (a metric is only as trustworthy
        as its least-seen point).

        A greatest metric is as visible as the source that gives its value on each frame, known
        from ``values`` (:meth:`compute`'s result); without them, as its least-seen source. A
        difference is as visible as its less-seen source.
        """
        seen = {
            name: np.asarray(visibility[:, points_at].min(axis=(1, 2)))
            for name, points_at in self._seen_tables[side].items()
        }
        for name, metric in self._derived.items():
            sources = metric.of
            source_seen = np.stack([seen[s] for s in sources])  # (n_sources, T)
            if values is None or metric.kind is MetricKind.DIFFERENCE:
                # A difference uses both sources on every frame.
                seen[name] = np.asarray(source_seen.min(axis=0))
                continue
            source_values = np.stack([values[s] for s in sources])
            giving = np.argmax(np.nan_to_num(source_values, nan=-np.inf), axis=0)
            seen[name] = np.asarray(np.take_along_axis(source_seen, giving[None], axis=0)[0])
        return seen

    def required_visibility(self, visibility: FloatArray, side: Side) -> FloatArray:
        """``(T, n_required)`` visibility of each required point (the lower of a MID pair)."""
        return np.asarray(visibility[:, self._required[side]].min(axis=2))

    def required_in_frame(self, xyz: FloatArray, side: Side, margin: float = 0.02) -> BoolArray:
        """``(T, n_required)`` whether each required point lies inside the frame."""
        xy = xyz[:, self._required[side], :2]  # (T, n, 2, 2)
        inside = (xy >= -margin) & (xy <= 1.0 + margin)
        return np.asarray(inside.all(axis=(2, 3)))


def derive(metric: MetricSpec, sources: Sequence[FloatArray]) -> FloatArray:
    """A derived metric's values from its sources' (in ``metric.of`` order)."""
    if metric.kind is MetricKind.DIFFERENCE:
        return np.asarray(sources[0] - sources[1])
    # fmax: a source missing on a frame (NaN) leaves the others' value.
    return np.asarray(np.fmax.reduce(list(sources)))


def _gathered_points(metric: MetricSpec) -> tuple[str, ...]:
    floor = metric.length_floor
    return metric.points + (floor.points if floor is not None else ())


def _evaluate(
    metric: MetricSpec,
    points: FloatArray,
    torso_length: FloatArray,
    facing: FloatArray | None,
) -> FloatArray:
    kind = metric.kind
    if kind is MetricKind.JOINT_ANGLE:
        return geometry.joint_angle_deg(points[:, 0], points[:, 1], points[:, 2])
    if kind is MetricKind.BEND:
        return geometry.bend_deg(points[:, 0], points[:, 1], points[:, 2])
    if kind is MetricKind.INCLINE:
        return geometry.incline_deg(points[:, 0], points[:, 1])
    if kind is MetricKind.ELEVATION:
        assert metric.length_floor is not None  # guaranteed by the schema
        floor = metric.length_floor.ratio * geometry.distance(points[:, 2], points[:, 3])
        return geometry.elevation_deg(points[:, 0], points[:, 1], floor)
    if kind is MetricKind.DISTANCE:
        return np.asarray(geometry.distance(points[:, 0], points[:, 1]) / torso_length)
    # FORWARD_OFFSET: horizontal offset in the facing direction, in torso lengths.
    direction = facing if facing is not None else np.full(points.shape[0], np.nan)
    return np.asarray((points[:, 1, 0] - points[:, 0, 0]) * direction / torso_length)


def metric_ranges(values: Mapping[str, FloatArray]) -> dict[str, float]:
    """Robust range (95th - 5th percentile) of each metric, NaN-aware."""
    ranges = {}
    for name, series in values.items():
        finite = series[np.isfinite(series)]
        ranges[name] = (
            float(np.percentile(finite, 95) - np.percentile(finite, 5)) if finite.size else 0.0
        )
    return ranges
