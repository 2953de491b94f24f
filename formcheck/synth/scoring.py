"""Compares an analysis of a synthetic clip with its ground truth, rep by rep or stretch by
stretch of a hold: which rules fired where the actor made a fault, and where it did not."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.analysis import AnalysisResult
from formcheck.engine.calibration import BASELINE_SUFFIX
from formcheck.engine.events import (
    FormIssueStarted,
    HoldProgress,
    IncompleteRep,
    RepCompleted,
    RepFault,
)
from formcheck.kinematics.pipeline import is_unseen
from formcheck.specs import get_spec
from formcheck.specs.schema import WorkingSide
from formcheck.synth.truth import GroundTruth

# A counted rep belongs to the scripted rep its peak falls in (or just after, for a rep whose
# peak is confirmed as it ends).
_REP_SLACK_S = 0.3
# Around a fault in a hold: an issue's onset (``since_s``) may come a little before the fault
# begins to ramp in or after it has ramped out (smoothing, noise); clean stretches keep clear.
_FAULT_LEAD_S = 0.3
_FAULT_TAIL_S = 0.3
MIN_CLEAN_STRETCH_S = 1.5


@dataclass(frozen=True, slots=True)
class RepOutcome:
    """One scripted rep: its injected faults, whether it was counted or seen as an incomplete
    attempt, and the rules that fired on it."""

    number: int
    faults: tuple[str, ...]
    complete: bool
    counted: bool
    incomplete: bool
    rules: frozenset[str]
    # Rules the analysis could not judge on this rep: their points were not seen.
    unchecked: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StretchOutcome:
    """A stretch of a timed hold: with one fault (``fault``) or clean (None), and the rules
    whose issues started in it."""

    start_s: float
    end_s: float
    fault: str | None
    amount: float | None
    rules: frozenset[str]
    unchecked: frozenset[str] = frozenset()


def _unseen_frame_rules(
    result: AnalysisResult, start_s: float, end_s: float, side: str | None
) -> frozenset[str]:
    """Frame rules whose metric (as ``side`` works) was unseen on most frames of the span."""
    kinematics = result.kinematics
    inside = (kinematics.timestamp_s >= start_s) & (kinematics.timestamp_s <= end_s)
    if not inside.any():
        return frozenset()
    hidden = set()
    for rule in get_spec(result.exercise).frame_rules:
        # A calibrated metric is as seen as the metric it is measured from.
        metric = rule.metric.removesuffix(BASELINE_SUFFIX)
        name = metric if side is None else f"{metric}@{side}"
        visibility = kinematics.metric_visibility.get(name)
        if visibility is not None and np.mean(is_unseen(visibility[inside])) > 0.5:
            hidden.add(rule.id)
    return frozenset(hidden)


def _script_rep(truth: GroundTruth, t: float) -> int | None:
    return next((r.number for r in truth.reps if r.start_s <= t <= r.end_s + _REP_SLACK_S), None)


def score_reps(truth: GroundTruth, result: AnalysisResult) -> list[RepOutcome]:
    """Per scripted rep: counted or not, and which rules fired on it (rep rules, and frame
    rules whose issue started during the counted rep)."""
    counted: dict[int, RepCompleted] = {}
    # The engine numbers reps per side for alternating specs: (side, number) names one.
    by_engine_number: dict[tuple[str | None, int], int] = {}
    for event in result.events:
        if isinstance(event, RepCompleted):
            number = _script_rep(truth, event.peak_s)
            if number is not None:
                counted.setdefault(number, event)
                by_engine_number[(event.side, event.rep_number)] = number
    incomplete = {
        n
        for e in result.events
        if isinstance(e, IncompleteRep)
        for n in [r.number for r in truth.reps if r.start_s - 1.0 <= e.timestamp_s <= r.end_s + 1.0]
        if n not in counted
    }
    rules: dict[int, set[str]] = {r.number: set() for r in truth.reps}
    last_rep: int | None = None  # a rep's RepFaults follow its RepCompleted
    for event in result.events:
        if isinstance(event, RepCompleted):
            last_rep = by_engine_number.get((event.side, event.rep_number))
        elif isinstance(event, RepFault):
            if last_rep is not None:
                rules[last_rep].add(event.rule_id)
        elif isinstance(event, FormIssueStarted):
            key = (event.side, event.rep_number) if event.rep_number is not None else None
            number = by_engine_number.get(key) if key is not None else None
            if number is None:
                number = _script_rep(truth, event.since_s)
            if number is not None:
                rules[number].add(event.rule_id)
    # Every rep carries the near side; only an alternating spec names its metrics by side.
    alternating = get_spec(result.exercise).side is WorkingSide.ALTERNATING
    unchecked = {
        n: frozenset(e.unchecked)
        | _unseen_frame_rules(result, e.start_s, e.end_s, e.side if alternating else None)
        for n, e in counted.items()
    }
    return [
        RepOutcome(
            r.number,
            r.faults,
            r.complete,
            r.number in counted,
            r.number in incomplete,
            frozenset(rules[r.number]),
            unchecked.get(r.number, frozenset()),
        )
        for r in truth.reps
    ]


def score_hold_stretches(truth: GroundTruth, result: AnalysisResult) -> list[StretchOutcome]:
    """Each fault of a timed hold, and each clean stretch (at least
    :data:`MIN_CLEAN_STRETCH_S` long, clear of faults) of its holds, with the rules that started
    an issue in it."""
    started = [e for e in result.events if isinstance(e, FormIssueStarted)]
    stretches: list[tuple[float, float, str | None, float | None]] = []
    for fault in truth.faults:
        stretches.append(
            (fault.start_s - _FAULT_LEAD_S, fault.full_end_s, fault.name, fault.amount)
        )
    for rep in truth.reps:
        begin = rep.top_s
        busy = sorted(
            (f.start_s - _FAULT_LEAD_S, f.end_s + _FAULT_TAIL_S)
            for f in truth.faults
            if f.end_s > rep.top_s and f.start_s < rep.top_end_s
        )
        for lo, hi in [*busy, (rep.top_end_s, rep.top_end_s)]:
            if lo - begin >= MIN_CLEAN_STRETCH_S:
                stretches.append((begin, lo, None, None))
            begin = max(begin, hi)
    holding = [e for e in result.events if isinstance(e, HoldProgress) and e.holding]
    out = []
    for lo, hi, name, amount in sorted(stretches, key=lambda s: s[0]):
        fired = frozenset(e.rule_id for e in started if lo <= e.since_s <= hi)
        # The side holding then (alternating holds), from the engine's progress events.
        side = next((e.side for e in reversed(holding) if e.timestamp_s <= hi), None)
        out.append(
            StretchOutcome(lo, hi, name, amount, fired, _unseen_frame_rules(result, lo, hi, side))
        )
    return out
