"""Landmarks -> metric frames, for a whole recorded clip (vectorised) or live, frame by frame.

Both paths share the same steps: image-plane coordinates with square pixels, smoothing, the
working side, the camera view, the spec's metrics, and a per-frame status that says whether the
frame can be judged at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from formcheck.engine.frames import FrameStatus, MetricFrame
from formcheck.kinematics.body import (
    Side,
    SideChoice,
    View,
    ViewEstimate,
    body_width_ratio,
    choose_near_side,
    classify_view,
    facing_sign,
    near_side_scores,
)
from formcheck.kinematics.geometry import to_plane
from formcheck.kinematics.metrics import MetricComputer, metric_ranges, part_word
from formcheck.kinematics.smoothing import (
    OneEuroFilter,
    cut_boundaries,
    finite_runs,
    interpolate_gaps,
    smooth_offline,
)
from formcheck.landmarks import FloatArray, PoseFrame, PoseTrack
from formcheck.specs.schema import CameraSpec, ExerciseSpec, ViewRequirement, WorkingSide
from formcheck.video.scene import scene_cuts

MIN_VISIBILITY = 0.5
MAX_GAP_S = 0.3
# The chosen side must move at least this share of the other side's range, or it is a guess;
# only judged when the other side moves this many degrees (a still person's jitter proves nothing).
MOVES_SHARE = 0.6
MOVES_MIN_RANGE = 15.0
_STATUS_CODES = np.array(list(FrameStatus))


def _fixed_side(spec: ExerciseSpec) -> Side | None:
    if spec.side is WorkingSide.LEFT:
        return Side.LEFT
    if spec.side is WorkingSide.RIGHT:
        return Side.RIGHT
    return None


def _primary_metric(spec: ExerciseSpec) -> str | None:
    """The metric whose movement confirms the working side; none for alternating specs, where
    both sides are judged and the near side only decides which body parts must be in view."""
    if spec.reps is not None and spec.side is not WorkingSide.ALTERNATING:
        return spec.reps.metric
    return None


def metrics_and_visibility(
    computer: MetricComputer,
    plane: FloatArray,
    visibility: FloatArray,
    facing: FloatArray,
    side: Side,
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """The spec's metrics and their visibility (:meth:`MetricComputer.visibility`) with ``side``
    working; for alternating specs both sides' (``name@left``/``name@right``): each side takes
    its turn, and the engine counts or times both."""
    if computer.spec.side is not WorkingSide.ALTERNATING:
        values = computer.compute(plane, side, facing)
        return values, computer.visibility(visibility, side, values)
    metrics: dict[str, FloatArray] = {}
    seen: dict[str, FloatArray] = {}
    for each in Side:
        suffix = f"@{each.value}"
        values = computer.compute(plane, each, facing)
        metrics |= {n + suffix: v for n, v in values.items()}
        seen |= {n + suffix: v for n, v in computer.visibility(visibility, each, values).items()}
    return metrics, seen


def hide_off_view(
    spec: ExerciseSpec,
    visibility: dict[str, FloatArray],
    views: list[View] | npt.NDArray[np.object_],
) -> dict[str, FloatArray]:
    """``visibility`` with each metric that lists ``views`` made unseen (0) on frames filmed
    from another view: its value still counts reps and times holds, but its form rules are
    not judged there (e.g. a trunk's forward lean, seen from the front). Oblique frames are
    judged as before, with the oblique-view warning."""
    out = dict(visibility)
    frame_views: npt.NDArray[np.str_] | None = None  # made once, for the first metric with views
    for name, seen in visibility.items():
        metric = spec.metrics.get(name.split("@")[0])
        if metric is None or not metric.views:
            continue
        if frame_views is None:
            frame_views = np.array([view.value for view in views])
        allowed = [view.value for view in metric.views] + [View.OBLIQUE.value]
        off = ~np.isin(frame_views, allowed)
        if off.any():
            out[name] = np.where(off, 0.0, seen)
    return out


def hide_far_side(
    computer: MetricComputer, visibility: dict[str, FloatArray], near: Side
) -> dict[str, FloatArray]:
    """``visibility`` with each ``near_side_only`` metric that uses a far-side point made
    unseen (0) throughout: its value still counts and times, but its rules are not judged,
    and the summary says which body part the camera could not see."""
    far = computer.far_side_metrics(near)
    if not far:
        return visibility
    out = dict(visibility)
    for name in far:
        out[name] = np.zeros_like(visibility[name])
    return out


def is_unseen(visibility: FloatArray) -> npt.NDArray[np.bool_]:
    """Where a metric's least-visible point is too poorly seen for its value to be judged."""
    return np.asarray(visibility < MIN_VISIBILITY)


def frame_status(
    computer: MetricComputer,
    xyz: FloatArray,
    visibility: FloatArray,
    side: Side,
    views: list[View] | npt.NDArray[np.object_],
    camera: CameraSpec,
) -> tuple[npt.NDArray[np.int64], list[str | None]]:
    """Per-frame status codes (indices into FrameStatus) and the body part to bring into view."""
    accepted = {view.value for view in camera.accepted}
    count = xyz.shape[0]
    detected = np.isfinite(xyz[:, 0, 0])
    visible = computer.required_visibility(visibility, side) >= MIN_VISIBILITY
    in_frame = computer.required_in_frame(xyz, side)
    ok_parts = visible & in_frame
    status = np.zeros(count, dtype=np.int64)
    details: list[str | None] = [None] * count
    order = list(FrameStatus)
    for i in range(count):
        if not detected[i]:
            status[i] = order.index(FrameStatus.NO_PERSON)
        elif camera.view is not ViewRequirement.ANY and (
            # UNKNOWN with a person in view: the camera is changing (see _mark_view_transitions).
            views[i] is View.UNKNOWN
            or (views[i] is not View.OBLIQUE and views[i].value not in accepted)
        ):
            status[i] = order.index(FrameStatus.WRONG_VIEW)
        elif not ok_parts[i].all():
            status[i] = order.index(FrameStatus.OUT_OF_VIEW)
            missing = [computer.spec.required[j] for j in np.flatnonzero(~ok_parts[i])]
            details[i] = part_word(missing[0])
    return status, details


@dataclass
class TrackKinematics:
    """A clip's kinematics, ready for the engine and for plots."""

    timestamp_s: FloatArray
    plane: FloatArray  # (T, 33, 2) smoothed
    xyz: FloatArray  # (T, 33, 3) smoothed, normalised
    side: SideChoice | None
    view: ViewEstimate
    views: list[View]
    metrics: dict[str, FloatArray]
    status: npt.NDArray[np.int64]
    details: list[str | None]
    warnings: list[str] = field(default_factory=list)
    # {metric name: (T,) visibility of its least-seen point}; metrics missing here count as seen.
    metric_visibility: dict[str, FloatArray] = field(default_factory=dict)
    # (T,) True on the first frame of a new shot (a camera cut, a fade, a jump); none given:
    # no cuts.
    cuts: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __post_init__(self) -> None:
        if self.cuts.size == 0:
            self.cuts = np.zeros(len(self.timestamp_s), dtype=bool)

    def frames(self) -> Iterator[MetricFrame]:
        """Metric frames for the engine (``name@left``/``name@right`` for alternating specs)."""
        side = self.side.side.value if self.side is not None else None
        names = list(self.metrics)
        count = len(self.timestamp_s)
        columns = (
            np.stack([self.metrics[n] for n in names], axis=1) if names else np.zeros((count, 0))
        )
        unseen = UnseenSets(names)
        hidden = unseen.mask(self.metric_visibility, count)
        statuses = list(FrameStatus)
        cuts = self.cuts.tolist()
        for i, t in enumerate(self.timestamp_s.tolist()):
            values = dict(zip(names, columns[i].tolist(), strict=True))
            yield MetricFrame(
                t,
                values,
                statuses[self.status[i]],
                self.details[i],
                side,
                unseen.of(hidden[i]),
                self.views[i].value,
                cuts[i],
            )


class UnseenSets:
    """Per-frame sets of unseen metric names, built from a visibility mask; the few distinct
    sets a clip has are made once and shared, not allocated every frame."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self._cache: dict[bytes, frozenset[str]] = {}

    def mask(self, visibility: dict[str, FloatArray], count: int) -> npt.NDArray[np.bool_]:
        """``(T, n_metrics)``: True where the metric's least-seen point is below MIN_VISIBILITY."""
        columns = [
            is_unseen(visibility[n]) if n in visibility else np.zeros(count, dtype=bool)
            for n in self.names
        ]
        return np.stack(columns, axis=1) if columns else np.zeros((count, 0), dtype=bool)

    def of(self, row: npt.NDArray[np.bool_]) -> frozenset[str]:
        key = row.tobytes()
        found = self._cache.get(key)
        if found is None:
            found = frozenset(
                n for n, hidden in zip(self.names, row.tolist(), strict=True) if hidden
            )
            self._cache[key] = found
        return found


def analyse_track(track: PoseTrack, spec: ExerciseSpec) -> TrackKinematics:
    """Kinematics of a whole recorded clip (zero-phase smoothing: nothing lags)."""
    warnings: list[str] = []
    computer = MetricComputer(spec)
    t = track.timestamp_s
    xyz = interpolate_gaps(track.xyz, t, MAX_GAP_S)
    visibility = interpolate_gaps(
        np.where(np.isfinite(track.xyz[..., 0]), track.visibility, np.nan), t, MAX_GAP_S
    )
    visibility = np.nan_to_num(visibility, nan=0.0)
    raw_plane = to_plane(xyz, track.frame_width, track.frame_height)
    # The body jumping across the frame, or the picture changing at once (an edit that keeps
    # the person in place: a loop restarting mid-rep, a fade).
    cuts = cut_boundaries(raw_plane)
    if track.scene_change is not None:
        cuts |= scene_cuts(track.scene_change, track.fps)
    shots = len(finite_runs(cuts))  # a fade marks each of its frames: one cut
    if shots > 0:
        warnings.append(f"the video has {shots} cut(s) or jumps; each shot is judged on its own")
    xyz = smooth_offline(xyz, track.fps, boundaries=cuts)
    plane = to_plane(xyz, track.frame_width, track.frame_height)

    ratio = body_width_ratio(plane)
    ratio_smoothed = smooth_offline(
        ratio, track.fps, cutoff_hz=0.5, spike_frames=9, boundaries=cuts
    )
    views = _mark_view_transitions([classify_view(float(r)).view for r in ratio_smoothed], t)
    finite_ratio = ratio_smoothed[np.isfinite(ratio_smoothed)]
    clip_view = classify_view(float(np.median(finite_ratio)) if finite_ratio.size else float("nan"))
    if spec.camera.view is ViewRequirement.SIDE and clip_view.view is View.OBLIQUE:
        warnings.append(
            "the camera is at an angle to the person (oblique view): angles may be off by 15 degrees or more; film side-on for reliable feedback"
        )

    facing = facing_sign(plane)
    fixed = _fixed_side(spec)
    side_choice: SideChoice
    if fixed is not None:
        side_choice = SideChoice(fixed, 1.0)
    else:
        side_choice = choose_near_side(near_side_scores(xyz, visibility))
        side_choice = _check_side_moves(
            computer, plane, facing, side_choice, _primary_metric(spec), warnings
        )
    metrics, metric_visibility = metrics_and_visibility(
        computer, plane, visibility, facing, side_choice.side
    )
    metric_visibility = hide_off_view(spec, metric_visibility, views)
    metric_visibility = hide_far_side(computer, metric_visibility, side_choice.side)
    status, details = frame_status(computer, xyz, visibility, side_choice.side, views, spec.camera)
    return TrackKinematics(
        t,
        plane,
        xyz,
        side_choice,
        clip_view,
        views,
        metrics,
        status,
        details,
        warnings,
        metric_visibility,
        cuts,
    )


# A stretch of "oblique" this short between a side view and a front view is the camera changing.
MAX_TRANSITION_S = 2.0


def _mark_view_transitions(views: list[View], timestamp_s: FloatArray) -> list[View]:
    """Relabels brief oblique stretches between two different views as UNKNOWN.

    Across a camera change the (smoothed) body width sweeps from one view's value to the other's,
    passing through "oblique" with landmarks that belong to neither shot; judging those frames
    would invent form faults and break holds.
    """
    out = list(views)
    runs: list[tuple[int, int, View]] = []
    start = 0
    for i in range(1, len(views) + 1):
        if i == len(views) or views[i] is not views[start]:
            runs.append((start, i, views[start]))
            start = i
    for k in range(1, len(runs) - 1):
        begin, end, view = runs[k]
        before, after = runs[k - 1][2], runs[k + 1][2]
        short = timestamp_s[end - 1] - timestamp_s[begin] <= MAX_TRANSITION_S
        if view is View.OBLIQUE and short and {before, after} == {View.SIDE, View.FRONT}:
            out[begin:end] = [View.UNKNOWN] * (end - begin)
    return out


def _check_side_moves(
    computer: MetricComputer,
    plane: FloatArray,
    facing: FloatArray,
    choice: SideChoice,
    metric: str | None,
    warnings: list[str],
) -> SideChoice:
    """Switches to the other side when the chosen side's main metric barely moves but the
    other side's does: far-side limbs are guesses that often stay flat."""
    if metric is None:
        return choice
    chosen = metric_ranges({metric: computer.compute(plane, choice.side, facing)[metric]})[metric]
    other = metric_ranges({metric: computer.compute(plane, choice.side.other, facing)[metric]})[
        metric
    ]
    if other > MOVES_MIN_RANGE and chosen < MOVES_SHARE * other:
        warnings.append(
            f"the {choice.side.value} side looked nearer but barely moved ({chosen:.0f} vs "
            f"{other:.0f} degrees); judged the {choice.side.other.value} side"
        )
        return SideChoice(choice.side.other, 0.5)
    return choice


class LiveKinematics:
    """Frame-by-frame kinematics for live streams: causal One-Euro smoothing, a near side that
    only switches on steady evidence, and the same metrics and status as recorded video."""

    def __init__(self, spec: ExerciseSpec, *, window_s: float = 8.0) -> None:
        self.spec = spec
        self.computer = MetricComputer(spec)
        self.filter = OneEuroFilter(min_cutoff_hz=1.2, beta=0.4)
        self.window_s = window_s
        self._side_score = 0.0
        self._side_weight = 0.0  # for a bias-corrected average: the first frames count fully
        self._ratio: float | None = None
        self._fixed = _fixed_side(spec)
        self.side = self._fixed or Side.LEFT
        self._primary = _primary_metric(spec)
        self._history: deque[tuple[float, float, float]] = deque()  # (t, chosen-side, other-side)
        self._last_detected_t: float | None = None
        # Set once the motion check has picked the side that moves: visibility, which preferred
        # the other side, must not switch back (that oscillation lost reps on a frog pump).
        self._chosen_by_motion = False
        self._unseen: UnseenSets | None = None

    def update(
        self, pose: PoseFrame, frame_width: int, frame_height: int
    ) -> tuple[MetricFrame, FloatArray | None]:
        """Returns the frame's metrics and the smoothed normalised landmarks (for drawing)."""
        t = pose.timestamp_s
        if pose.xyz is None or pose.visibility is None:
            if self._last_detected_t is not None and t - self._last_detected_t > MAX_GAP_S:
                self.filter.reset()
            return MetricFrame(t, {}, FrameStatus.NO_PERSON, None, self.side.value), None
        self._last_detected_t = t
        xyz = self.filter(pose.xyz, t)[None]
        visibility = pose.visibility[None]
        plane = to_plane(xyz, frame_width, frame_height)
        ratio = float(body_width_ratio(plane)[0])
        if np.isfinite(ratio):
            self._ratio = ratio if self._ratio is None else 0.9 * self._ratio + 0.1 * ratio
        view = classify_view(self._ratio if self._ratio is not None else float("nan")).view
        facing = facing_sign(plane)
        if self._fixed is None:
            score = float(near_side_scores(xyz, visibility)[0])
            self._side_score = 0.95 * self._side_score + 0.05 * score
            self._side_weight = 0.95 * self._side_weight + 0.05
            preference = self._side_score / self._side_weight
            # Hysteresis: only switch on a clear, steady preference.
            if not self._chosen_by_motion and abs(preference) > 0.3:
                self.side = Side.LEFT if preference > 0 else Side.RIGHT
            self._check_moves(plane, facing, t)
        values_arr, visibility_arr = metrics_and_visibility(
            self.computer, plane, visibility, facing, self.side
        )
        visibility_arr = hide_off_view(self.spec, visibility_arr, [view])
        visibility_arr = hide_far_side(self.computer, visibility_arr, self.side)
        status, details = frame_status(
            self.computer, xyz, visibility, self.side, [view], self.spec.camera
        )
        values = {name: float(v[0]) for name, v in values_arr.items()}
        if self._unseen is None:
            self._unseen = UnseenSets(list(values_arr))
        unseen = self._unseen.of(self._unseen.mask(visibility_arr, 1)[0])
        return (
            MetricFrame(
                t,
                values,
                list(FrameStatus)[status[0]],
                details[0],
                self.side.value,
                unseen,
                view.value,
            ),
            xyz[0],
        )

    def _check_moves(self, plane: FloatArray, facing: FloatArray, t: float) -> None:
        if self._primary is None:
            return
        chosen = float(self.computer.compute(plane, self.side, facing)[self._primary][0])
        other = float(self.computer.compute(plane, self.side.other, facing)[self._primary][0])
        self._history.append((t, chosen, other))
        while self._history and t - self._history[0][0] > self.window_s:
            self._history.popleft()
        if len(self._history) < 30:
            return
        series = np.array(self._history)
        ranges = metric_ranges({"chosen": series[:, 1], "other": series[:, 2]})
        if ranges["chosen"] < MOVES_SHARE * ranges["other"] and ranges["other"] > MOVES_MIN_RANGE:
            self.side = self.side.other
            self._chosen_by_motion = True
            self._history.clear()
