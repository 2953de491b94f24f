"""Repetition counting: a hysteresis state machine over one metric, with range and debounce."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from formcheck.engine.events import HoldWindow, IncompleteRep
from formcheck.engine.frames import MetricFrame
from formcheck.specs.schema import RepSpec

# Within this share of min_range of the rest extreme, the person is still at rest: a rep
# starts when the metric last left that band.
REST_BAND = 0.1
# Within this share of a rep's range of its furthest point, the person is at the top (the
# top_s statistic): wide enough for a held position's tremor and the pose model's jitter (a
# 32 degree superman lift gives 4.8 degrees), narrow enough to leave out most of an eased
# turn without a pause.
TOP_SHARE = 0.15


class RepPhase(StrEnum):
    WAITING = "waiting"  # not yet seen at rest: nothing counts until the person is at rest
    REST = "rest"
    RISING = "rising"  # moving away from rest, not yet at the peak
    PEAK = "peak"


@dataclass(slots=True)
class RepRecord:
    """Statistics of one rep as it happens."""

    number: int
    start_s: float
    peak_s: float
    side: str | None
    metric_min: dict[str, float] = field(default_factory=dict)
    metric_max: dict[str, float] = field(default_factory=dict)
    peak_time_s: float = 0.0
    end_s: float | None = None
    range_of_motion: float = 0.0
    top_end_s: float | None = None  # last moment at the peak: the rep's hold at the top
    observed_frames: int = 0  # frames from the count to the return
    unseen_frames: dict[str, int] = field(default_factory=dict)  # of those, with the metric unseen
    # The counted metric (signed: larger is further from rest) and each frame's time step, from
    # the count to the return: where the top was, and how long was spent there.
    _top_values: list[float] = field(default_factory=list)
    _top_steps: list[float] = field(default_factory=list)

    def observe(self, frame: MetricFrame) -> None:
        self.observed_frames += 1
        for name in frame.unseen:
            self.unseen_frames[name] = self.unseen_frames.get(name, 0) + 1
        for name, value in frame.values.items():
            if math.isfinite(value):
                self.metric_min[name] = min(self.metric_min.get(name, value), value)
                self.metric_max[name] = max(self.metric_max.get(name, value), value)

    def follow_top(self, signed_value: float, step_s: float) -> None:
        self._top_values.append(signed_value)
        self._top_steps.append(step_s)

    @property
    def top_time_s(self) -> float:
        """Seconds spent within :data:`TOP_SHARE` of the rep's range of its furthest point."""
        if not self._top_values:
            return 0.0
        values = np.asarray(self._top_values)
        near_top = values >= values.max() - TOP_SHARE * self.range_of_motion
        return float(np.asarray(self._top_steps)[near_top].sum())

    def seen(self, metric: str) -> bool:
        """Whether the pose model saw ``metric``'s points on most of the rep's frames from the
        count to the return (where a rep rule's faults show)."""
        return 2 * self.unseen_frames.get(metric, 0) <= self.observed_frames


class RepCounter:
    """Counts reps of one spec.

    A rep must (1) start at rest: every ``rest`` condition met; (2) move the metric at least
    ``min_range`` away from its rest extreme and meet every ``peak`` condition for ``debounce_s``:
    it is counted here; (3) come back by ``return_fraction`` of the range it covered: the rep
    ends and its statistics are final. Movements that leave rest by half the range but turn back
    before the peak are reported as incomplete reps, not counted. Conditions must persist for
    ``debounce_s``, so one-frame spikes (cuts, glitches) never count.
    """

    def __init__(self, spec: RepSpec) -> None:
        self.spec = spec
        self._sign = 1.0 if spec.direction == "up" else -1.0
        self.phase = RepPhase.WAITING
        self.count = 0
        self._rest_extreme = math.inf  # signed: lowest signed value since rest
        self._rest_extreme_t = 0.0
        self._near_rest_t = 0.0  # last time the metric was within REST_BAND of the rest extreme
        self._peak_extreme = -math.inf
        self._best_rise = 0.0
        self._rise_min: dict[str, float] = {}
        self._rise_max: dict[str, float] = {}
        self._pending_since: float | None = None
        self._last_t: float | None = None
        self._frame_gap_s = 0.0
        self.current: RepRecord | None = None
        self.incomplete: list[IncompleteRep] = []
        # At the top before any rest was seen (the video began with the person up): a hold at
        # the top, not a rep. Counting it was measured on the real clips: it found the first
        # rep of some clips begun mid-rep, but counted getting into position (a push-up
        # started at the bottom, a frog pump started up) on more, so a rep must start at rest.
        self._seen_rest = False
        self._arrival: RepRecord | None = None
        self.arrival_tops: list[HoldWindow] = []

    def _signed(self, frame: MetricFrame) -> float:
        return self._sign * frame.values.get(self.spec.metric, math.nan)

    def _all(self, conditions: dict[str, object], frame: MetricFrame) -> bool:
        return all(
            bound.holds(frame.values.get(name, math.nan))  # type: ignore[attr-defined]
            for name, bound in conditions.items()
        )

    def at_peak(self, frame: MetricFrame) -> bool:
        """Whether every peak condition holds on this frame."""
        return self._all(self.spec.peak, frame)  # type: ignore[arg-type]

    def _persisted(self, condition: bool, t: float) -> bool:
        if not condition:
            self._pending_since = None
            return False
        if self._pending_since is None:
            self._pending_since = t
            # Frames further apart than the debounce (a slow or bursty live stream): this one
            # frame stands for that much time; waiting for a second one would miss a brief
            # peak, and at such rates a one-frame glitch cannot be told from it anyway.
            if self._frame_gap_s >= self.spec.debounce_s:
                return True
        return t - self._pending_since >= self.spec.debounce_s

    def reset(self) -> None:
        """Forget the movement in progress (after the person was out of view for a while)."""
        self.close_arrival_top()
        self.phase = RepPhase.WAITING
        self._pending_since = None
        self.current = None

    def update(
        self, frame: MetricFrame, *, frame_gap_s: float = 0.0
    ) -> tuple[RepRecord | None, RepRecord | None]:
        """Feeds one judgeable frame (``frame_gap_s`` after the stream's previous frame).

        Returns:
            ``(counted, finished)``: the rep counted on this frame (at the peak), and the rep
            whose return to rest finished on this frame; either may be None.
        """
        t = frame.timestamp_s
        self._frame_gap_s = frame_gap_s
        value = self._signed(frame)
        counted: RepRecord | None = None
        finished: RepRecord | None = None
        if not math.isfinite(value):
            return None, None
        spec = self.spec
        at_rest = self._all(spec.rest, frame)  # type: ignore[arg-type]

        if self.phase is RepPhase.WAITING:
            if not self._seen_rest:
                self._follow_arrival(frame, t, at_rest)
            if self._persisted(at_rest, t):
                self._seen_rest = True
                self.close_arrival_top()
                self._enter_rest(value, t)
        elif self.phase in (RepPhase.REST, RepPhase.RISING):
            new_low = at_rest and value <= self._rest_extreme
            if new_low:
                self._rest_extreme, self._rest_extreme_t = value, t
            self._observe_rise(frame, restart=new_low)
            rise = value - self._rest_extreme
            if rise < REST_BAND * spec.min_range:
                # Still about at rest: the rep starts after this. (The rest extreme's own time
                # can be long before, e.g. while the other side worked in an alternating spec.)
                self._near_rest_t = t
            if self.phase is RepPhase.REST and rise >= 0.5 * spec.min_range:
                self.phase = RepPhase.RISING
            at_peak = self._all(spec.peak, frame) and rise >= spec.min_range  # type: ignore[arg-type]
            if self._persisted(at_peak, t):
                self.count += 1
                self.phase = RepPhase.PEAK
                self._best_rise = 0.0
                self._peak_extreme = value
                start = max(self._rest_extreme_t, self._near_rest_t)
                self.current = RepRecord(self.count, start, t, frame.side)
                self.current.metric_min = dict(self._rise_min)
                self.current.metric_max = dict(self._rise_max)
                counted = self.current
            elif self.phase is RepPhase.RISING:
                self._best_rise = max(self._best_rise, rise)
                if rise < 0.25 * spec.min_range:
                    # Turned back before the peak: an attempt that did not count.
                    self.incomplete.append(
                        IncompleteRep(
                            t,
                            self._rest_extreme_t,
                            self._best_rise,
                            self._sign * (self._rest_extreme + self._best_rise),
                            frame.side,
                        )
                    )
                    self.phase = RepPhase.REST
                    self._best_rise = 0.0
        elif self.phase is RepPhase.PEAK:
            if value > self._peak_extreme:
                self._peak_extreme = value
            covered = self._peak_extreme - self._rest_extreme
            if self.current is not None:
                self.current.range_of_motion = covered
            returned = self._peak_extreme - value >= spec.return_fraction * covered
            if self._persisted(returned, t):
                finished = self.current
                if finished is not None:
                    finished.end_s = t
                self.current = None
                self._enter_rest(value, t)
                if not at_rest:
                    # Came back down but not all the way to rest: the next rep needs rest first.
                    self.phase = RepPhase.WAITING
        if self.current is not None:
            self.current.observe(frame)
            step = t - self._last_t if self._last_t is not None else 0.0
            self.current.follow_top(value, step)
            at_peak_now = self._all(spec.peak, frame)  # type: ignore[arg-type]
            if self.phase is RepPhase.PEAK and at_peak_now:
                self.current.top_end_s = t
            if self.phase is RepPhase.PEAK and at_peak_now and self._last_t is not None:
                self.current.peak_time_s += t - self._last_t
        self._last_t = t
        return counted, finished

    def _follow_arrival(self, frame: MetricFrame, t: float, at_rest: bool) -> None:
        """Follows the person at the top before the first rest: when they were first and last
        at the peak, and for how long."""
        if at_rest or not self.at_peak(frame):
            return
        arrival = self._arrival
        if arrival is None:
            self._arrival = RepRecord(0, t, t, frame.side, top_end_s=t)
            return
        if arrival.top_end_s is not None and self._last_t == arrival.top_end_s:
            arrival.peak_time_s += t - arrival.top_end_s
        arrival.top_end_s = t

    def close_arrival_top(self) -> None:
        """Ends a time at the top that began before any rest (at the first rest, at the end,
        or when the person left the view): from the first to the last moment at the peak, a
        hold at the top (brief dips out of the peak, like a march in a bridge, do not end it)."""
        arrival, self._arrival = self._arrival, None
        if arrival is not None and arrival.top_end_s is not None:
            self.arrival_tops.append(
                HoldWindow(arrival.start_s, arrival.top_end_s, arrival.peak_time_s, 0.0)
            )

    def _observe_rise(self, frame: MetricFrame, restart: bool) -> None:
        """Keeps min/max of every metric since the rep's low point, for the rep's statistics."""
        if restart:
            self._rise_min.clear()
            self._rise_max.clear()
        for name, value in frame.values.items():
            if math.isfinite(value):
                self._rise_min[name] = min(self._rise_min.get(name, value), value)
                self._rise_max[name] = max(self._rise_max.get(name, value), value)

    def _enter_rest(self, value: float, t: float) -> None:
        self.phase = RepPhase.REST
        self._rest_extreme, self._rest_extreme_t = value, t
        self._near_rest_t = t
        self._pending_since = None
