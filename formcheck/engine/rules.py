"""Form rules: faults seen frame by frame (with persistence and hysteresis) and on whole reps."""

from __future__ import annotations

import math
from dataclasses import dataclass

from formcheck.engine.counter import RepRecord
from formcheck.engine.events import FormIssueEnded, FormIssueStarted, RepFault
from formcheck.engine.frames import MetricFrame
from formcheck.specs.schema import Bound, FrameRuleSpec, RepRuleSpec, RepStat

_CLEAR_AFTER_S = 0.3


def _widened(bound: Bound, margin: float) -> Bound:
    """The bound loosened by ``margin``: once a fault is active it must clear this far to end,
    so a value hovering at the threshold does not flicker the issue on and off."""
    return Bound(
        above=None if bound.above is None else bound.above - margin,
        below=None if bound.below is None else bound.below + margin,
    )


@dataclass(slots=True)
class _RuleState:
    active: bool = False
    pending_since: float | None = None
    clearing_since: float | None = None
    started_s: float = 0.0
    worst_value: float = math.nan


class FrameRuleTracker:
    """Tracks one frame rule over time and emits start/end events."""

    def __init__(self, rule: FrameRuleSpec, clear_margin: float) -> None:
        self.rule = rule
        self._stay = _widened(rule.when, clear_margin)
        self._state = _RuleState()
        self.occurrences = 0
        # Time the rule applied but could not be judged: its points were not seen; and, of
        # that, the time the hold's position itself was not seen.
        self.unseen_s = 0.0
        self.position_unseen_s = 0.0
        self._last_t: float | None = None

    @property
    def active(self) -> bool:
        return self._state.active

    def _worse(self, value: float) -> bool:
        state = self._state
        if math.isnan(state.worst_value):
            return True
        if self.rule.when.below is not None and self.rule.when.above is None:
            return value < state.worst_value
        if self.rule.when.above is not None and self.rule.when.below is None:
            return value > state.worst_value
        return False

    def update(
        self,
        frame: MetricFrame,
        applies: bool,
        rep_number: int | None,
        *,
        phase_seen: bool = True,
    ) -> FormIssueStarted | FormIssueEnded | None:
        """Feeds one judgeable frame; ``applies`` says whether the rule's phase is current, and
        ``phase_seen`` whether the metrics that say so were seen (a far-side hold whose
        position is a guess is not judged, as an unseen metric is not)."""
        t = frame.timestamp_s
        value = frame.values.get(self.rule.metric, math.nan)
        seen = phase_seen and self.rule.metric not in frame.unseen
        if applies and not seen and self._last_t is not None:
            self.unseen_s += t - self._last_t
            if not phase_seen:
                self.position_unseen_s += t - self._last_t
        self._last_t = t
        state = self._state
        if state.active:
            # Unseen points clear an issue like good form does (after _CLEAR_AFTER_S): a cue
            # about a limb the camera cannot see would be a guess.
            still = applies and seen and self._stay.holds(value)
            if still:
                state.clearing_since = None
                if self._worse(value):
                    state.worst_value = value
                return None
            if state.clearing_since is None:
                state.clearing_since = t
            if t - state.clearing_since >= _CLEAR_AFTER_S or not applies:
                return self._end(t, frame.side)
            return None
        faulty = applies and seen and self.rule.when.holds(value)
        if not faulty:
            state.pending_since = None
            return None
        if state.pending_since is None:
            state.pending_since = t
        if t - state.pending_since < self.rule.persist_s:
            return None
        state.active = True
        state.started_s = state.pending_since
        state.worst_value = value
        state.clearing_since = None
        self.occurrences += 1
        return FormIssueStarted(
            t,
            self.rule.id,
            self.rule.severity.value,
            self.rule.cue,
            self.rule.message,
            value,
            rep_number,
            state.started_s,
            frame.side,
        )

    def _end(self, t: float, side: str | None = None) -> FormIssueEnded:
        state = self._state
        event = FormIssueEnded(
            t, self.rule.id, state.started_s, t - state.started_s, state.worst_value, side
        )
        self._state = _RuleState()
        return event

    def interrupt(self, t: float) -> FormIssueEnded | None:
        """Ends an active issue because nothing can be judged any more (or the set ended)."""
        self._state.pending_since = None
        return self._end(t) if self._state.active else None


def rep_stat(rule: RepRuleSpec, rep: RepRecord) -> float:
    """The statistic a rep rule judges, for one finished rep."""
    if rule.stat is RepStat.DURATION_S:
        end = rep.end_s if rep.end_s is not None else rep.peak_s
        return end - rep.start_s
    if rule.stat is RepStat.PEAK_S:
        return rep.peak_time_s
    if rule.stat is RepStat.TOP_S:
        return rep.top_time_s
    assert rule.metric is not None  # guaranteed by the schema
    low = rep.metric_min.get(rule.metric, math.nan)
    high = rep.metric_max.get(rule.metric, math.nan)
    if rule.stat is RepStat.RANGE_RATIO:
        assert rule.over is not None
        over = rep.metric_max.get(rule.over, math.nan) - rep.metric_min.get(rule.over, math.nan)
        return (high - low) / over if over > 1e-6 else math.inf
    if rule.stat is RepStat.MAX:
        return high
    if rule.stat is RepStat.MIN:
        return low
    return high - low


def rule_seen(rule: RepRuleSpec, rep: RepRecord) -> bool:
    """Whether the pose model saw the points ``rule`` judges on most of ``rep``."""
    return all(rep.seen(metric) for metric in (rule.metric, rule.over) if metric is not None)


def judge_rep(
    rules: tuple[RepRuleSpec, ...], rep: RepRecord, t: float
) -> tuple[list[RepFault], list[str]]:
    """Every rep rule that the finished ``rep`` breaks, and the rules it could not judge
    (their points were not seen)."""
    faults = []
    unchecked = []
    for rule in rules:
        if not rule_seen(rule, rep):
            unchecked.append(rule.id)
            continue
        value = rep_stat(rule, rep)
        if rule.when.holds(value):
            faults.append(
                RepFault(t, rule.id, rep.number, rule.severity.value, rule.cue, rule.message, value)
            )
    return faults, unchecked
