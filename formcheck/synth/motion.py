"""Keyframed motion: eased parameter tracks, tempo, and the script of a set of reps or holds.

An exercise model (:mod:`formcheck.synth.exercises`) poses the actor from a few named parameters
(the bridge's hip line, the plank's support and body line...). A :class:`Script` says what each
parameter is at every moment: keyframes at rest and at the top of each rep, eased in between,
plus additive offsets for faults, plus a small tremor so the actor is never perfectly still.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from formcheck.synth.faults import Fault, FaultKind, SynthError, resolve_amount

FloatArray = npt.NDArray[np.float64]

# A hold fault asked for by hold number is fully present over this share of the hold.
HOLD_FAULT_SPAN = (0.3, 0.75)
# Faults given as a time window (and hold faults) ease in and out over this long.
FAULT_RAMP_S = 0.5


def ease(x: FloatArray) -> FloatArray:
    """0 -> 1 with zero slope at both ends (a cosine ramp), clipped outside [0, 1]."""
    return np.asarray(0.5 - 0.5 * np.cos(np.pi * np.clip(x, 0.0, 1.0)))


@dataclass(frozen=True, slots=True)
class Track:
    """A parameter over time: eased between keyframes, constant before the first and after the
    last."""

    times: tuple[float, ...]
    values: tuple[float, ...]

    def __call__(self, t: FloatArray) -> FloatArray:
        times = np.asarray(self.times)
        values = np.asarray(self.values)
        if times.size == 1:
            return np.full_like(t, values[0])
        index = np.clip(np.searchsorted(times, t, side="right") - 1, 0, times.size - 2)
        t0, t1 = times[index], times[index + 1]
        span = np.maximum(t1 - t0, 1e-9)
        w = ease((t - t0) / span)
        return np.asarray(values[index] + (values[index + 1] - values[index]) * w)


@dataclass(frozen=True, slots=True)
class Tempo:
    """How long each part of a rep (or timed hold) takes, in seconds.

    ``up_s`` goes from rest to the top (or into the held position), ``top_s`` stays there (the
    hold itself for timed holds), ``down_s`` returns, ``rest_s`` rests after each rep; the clip
    starts with ``lead_s`` at rest.
    """

    lead_s: float = 1.5
    up_s: float = 1.0
    top_s: float = 2.0
    down_s: float = 1.2
    rest_s: float = 1.0

    def __post_init__(self) -> None:
        for name in ("lead_s", "up_s", "top_s", "down_s", "rest_s"):
            if getattr(self, name) < 0:
                raise SynthError(f"tempo: {name} must not be negative (got {getattr(self, name)})")

    @property
    def rep_s(self) -> float:
        return self.up_s + self.top_s + self.down_s + self.rest_s


@dataclass(frozen=True, slots=True)
class RepPlan:
    """One scripted rep (or timed hold): when it leaves rest, reaches and leaves the top, and is
    back at rest; whether it goes all the way (``complete``); which faults it has."""

    number: int
    start_s: float
    top_s: float
    top_end_s: float
    end_s: float
    complete: bool
    faults: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """A fault as performed: it starts at ``start_s``, is fully present from ``full_s`` to
    ``full_end_s`` and gone at ``end_s``."""

    name: str
    amount: float
    unit: str
    rule: str | None
    rep: int | None
    start_s: float
    full_s: float
    full_end_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Script:
    """Everything the actor does in one clip."""

    duration_s: float
    base: Mapping[str, Track]
    offsets: tuple[tuple[str, Track], ...]
    reps: tuple[RepPlan, ...]
    faults: tuple[FaultPlan, ...]
    tremor: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)

    def values(self, t: FloatArray) -> dict[str, FloatArray]:
        """Every parameter at times ``t``."""
        out = {name: track(t) for name, track in self.base.items()}
        for name, track in self.offsets:
            out[name] = out[name] + track(t)
        for name, (amplitude, frequency, phase) in self.tremor.items():
            out[name] = out[name] + amplitude * np.sin(2 * np.pi * frequency * t + phase)
        return out

    def phases(self, t: FloatArray) -> tuple[list[str], list[int | None]]:
        """Per time: ``rest``, ``up``, ``top``, ``down``; and the rep number (None at rest)."""
        names: list[str] = []
        numbers: list[int | None] = []
        for value in t.tolist():
            rep = next((r for r in self.reps if r.start_s <= value < r.end_s), None)
            if rep is None:
                names.append("rest")
                numbers.append(None)
                continue
            numbers.append(rep.number)
            if value < rep.top_s:
                names.append("up")
            elif value < rep.top_end_s:
                names.append("top")
            else:
                names.append("down")
        return names, numbers

    def faults_at(self, t: float) -> list[str]:
        """Faults present (even partly) at time ``t``."""
        return [f.name for f in self.faults if f.start_s < t < f.end_s]


def _ramp_track(start: float, full: float, full_end: float, end: float, amount: float) -> Track:
    return Track((start, full, full_end, end), (0.0, amount, amount, 0.0))


def build_script(
    *,
    reps: int,
    rest: Mapping[str, float],
    top: Mapping[str, float],
    tempo: Tempo,
    faults: Sequence[Fault],
    kinds: Mapping[str, FaultKind],
    timed_hold: bool,
    tremor: Mapping[str, tuple[float, float, float]] | None = None,
    top_of_rep: Callable[[int], Mapping[str, float]] | None = None,
    param_of_rep: Callable[[str, int | None], str] | None = None,
) -> Script:
    """The script of ``reps`` reps (or timed holds) with the requested faults.

    Args:
        reps: how many reps (holds).
        rest, top: parameter values at rest and at the top of a clean rep.
        tempo: timing of a clean rep.
        faults: requested faults (see :func:`formcheck.synth.faults.parse_fault`).
        kinds: the faults this exercise supports, by name.
        timed_hold: the exercise is a timed hold: angle faults asked for by number appear in
            the middle of that hold (see :data:`HOLD_FAULT_SPAN`) rather than over the rep.
        tremor: per parameter (amplitude, frequency Hz, phase) of a small sway.
        top_of_rep: the top of rep N when it differs from rep to rep (alternating sides);
            default ``top`` for every rep.
        param_of_rep: the parameter a fault's ``param`` moves in rep N (None: a time window
            outside any rep), for exercises whose working limb alternates; default the
            fault's own ``param``.

    Raises:
        SynthError: an unknown fault, an amount out of range, or a rep number beyond ``reps``.
    """
    if reps < 0:
        raise SynthError(f"reps must not be negative (got {reps})")
    if set(rest) != set(top):
        raise ValueError("rest and top must name the same parameters")

    def top_at_rep(number: int) -> Mapping[str, float]:
        return top if top_of_rep is None else top_of_rep(number)

    def param_at_rep(param: str, number: int | None) -> str:
        return param if param_of_rep is None else param_of_rep(param, number)

    for fault in faults:
        if fault.name not in kinds:
            known = ", ".join(sorted(kinds)) or "none"
            raise SynthError(
                f"fault {fault}: this exercise cannot do {fault.name!r} (it can do: {known})"
            )
        resolve_amount(fault, kinds[fault.name])
        if fault.reps is not None and max(fault.reps) > reps:
            raise SynthError(f"fault {fault}: there are only {reps} rep(s)")
    keys: dict[str, list[tuple[float, float]]] = {
        name: [(0.0, value)] for name, value in rest.items()
    }
    offsets: list[tuple[str, Track]] = []
    plans: list[RepPlan] = []
    fault_plans: list[FaultPlan] = []
    from_rest: dict[Fault, list[int]] = {}  # placed once every rep's times are known
    t = 0.0
    for number in range(1, reps + 1):
        mine = [f for f in faults if f.applies_to(number)]
        up, hold, down = tempo.up_s, tempo.top_s, tempo.down_s
        pause = tempo.lead_s if number == 1 else tempo.rest_s
        for fault in mine:
            if kinds[fault.name].unit == "s" and kinds[fault.name].times == "top":
                hold = resolve_amount(fault, kinds[fault.name])  # a short hold at the top
            elif kinds[fault.name].unit == "s":
                # A rushed rep: it takes `amount` seconds, and the pause before it shrinks in
                # proportion (never below a third of a second, so rest is still seen).
                total = resolve_amount(fault, kinds[fault.name])
                factor = total / (up + hold + down)
                up, hold, down = up * factor, hold * factor, down * factor
                pause = max(min(pause, 1.0 / 3.0), pause * factor)
        start = t + pause
        top_at = start + up
        top_end, end = top_at + hold, top_at + hold + down
        rep_top = top_at_rep(number)
        for name in rest:
            keys[name] += [
                (start, rest[name]),
                (top_at, rep_top[name]),
                (top_end, rep_top[name]),
                (end, rest[name]),
            ]
        complete = True
        for fault in mine:
            kind = kinds[fault.name]
            amount = resolve_amount(fault, kind)
            span = (start, top_at, top_end, end)
            if kind.unit == "fraction":  # incomplete: stop short of the top by (1 - amount)
                complete = False
                for name in rest:
                    short = (1.0 - amount) * (rest[name] - rep_top[name])
                    if short != 0.0:
                        offsets.append((name, _ramp_track(*span, short)))
            elif kind.param is not None and kind.from_rest and not timed_hold:
                from_rest.setdefault(fault, []).append(number)
                continue
            elif kind.param is not None:
                if timed_hold:
                    full = top_at + HOLD_FAULT_SPAN[0] * hold
                    full_end = top_at + HOLD_FAULT_SPAN[1] * hold
                    span = (full - FAULT_RAMP_S, full, full_end, full_end + FAULT_RAMP_S)
                param = param_at_rep(kind.param, number)
                offsets.append((param, _ramp_track(*span, kind.sign * amount)))
            fault_plans.append(FaultPlan(fault.name, amount, kind.unit, kind.rule, number, *span))
        plans.append(
            RepPlan(number, start, top_at, top_end, end, complete, tuple(f.name for f in mine))
        )
        t = end
    duration = t + tempo.rest_s if reps else tempo.lead_s + tempo.rest_s
    for fault, numbers in from_rest.items():
        placed, placed_plans = _place_from_rest(
            fault, kinds[fault.name], numbers, plans, duration, param_at_rep
        )
        offsets += placed
        fault_plans += placed_plans
    for fault in faults:
        if fault.window_s is None:
            continue
        kind = kinds[fault.name]
        if kind.param is None:
            raise SynthError(
                f"fault {fault}: {fault.name} applies to whole reps; give rep numbers, not seconds"
            )
        amount = resolve_amount(fault, kind)
        begin, finish = fault.window_s
        if finish + FAULT_RAMP_S > duration:
            raise SynthError(f"fault {fault}: the clip is only {duration:.1f} s long")
        span = (max(0.0, begin - FAULT_RAMP_S), begin, finish, finish + FAULT_RAMP_S)
        rep = next((p.number for p in plans if p.start_s <= begin < p.end_s), None)
        offsets.append((param_at_rep(kind.param, rep), _ramp_track(*span, kind.sign * amount)))
        fault_plans.append(FaultPlan(fault.name, amount, kind.unit, kind.rule, rep, *span))
    base = {
        name: Track(tuple(k[0] for k in pairs), tuple(k[1] for k in pairs))
        for name, pairs in keys.items()
    }
    fault_plans.sort(key=lambda f: f.start_s)
    return Script(
        duration, base, tuple(offsets), tuple(plans), tuple(fault_plans), dict(tremor or {})
    )


def _place_from_rest(
    fault: Fault,
    kind: FaultKind,
    numbers: Sequence[int],
    plans: Sequence[RepPlan],
    duration: float,
    param_at_rep: Callable[[str, int | None], str],
) -> tuple[list[tuple[str, Track]], list[FaultPlan]]:
    """The offsets and plans of a ``from_rest`` fault on reps ``numbers``: one eased offset per
    run of consecutive reps (so a run is not cut twice), one plan per rep."""
    assert kind.param is not None  # only angle faults are placed from the rest
    amount = resolve_amount(fault, kind)
    offsets: list[tuple[str, Track]] = []
    fault_plans: list[FaultPlan] = []
    for first, last in _runs(numbers):
        start, full_s, _, end = span = _from_rest_span(plans, first, last, duration)
        offsets.append((param_at_rep(kind.param, first), _ramp_track(*span, kind.sign * amount)))
        for number in range(first, last + 1):
            plan = plans[number - 1]
            # Inside a run, the rest before a rep (after the one before) is its own.
            begin = start if number == first else plans[number - 2].end_s
            full = full_s if number == first else begin
            finish = end if number == last else plan.end_s
            fault_plans.append(
                FaultPlan(
                    fault.name,
                    amount,
                    kind.unit,
                    kind.rule,
                    number,
                    begin,
                    full,
                    plan.end_s,
                    finish,
                )
            )
    return offsets, fault_plans


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive rep numbers grouped: [2, 3, 5] -> [(2, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _from_rest_span(
    plans: Sequence[RepPlan], first: int, last: int, duration: float
) -> tuple[float, float, float, float]:
    """(starts, fully present, begins to go, gone) for a ``from_rest`` fault on reps
    ``first``..``last``: eased in while the rep before comes down (present from the clip's
    start before rep 1), full from the rest before ``first`` to the end of ``last``, eased out
    in the pause after it (by the next rep's start, or the clip's end)."""
    before = plans[first - 2] if first > 1 else None
    start, full = (before.top_end_s, before.end_s) if before is not None else (0.0, 0.0)
    after = plans[last].start_s if last < len(plans) else duration
    return start, full, plans[last - 1].end_s, after


def with_tempo_jitter(tempo: Tempo, rng: np.random.Generator, spread: float = 0.1) -> Tempo:
    """The tempo with each part scaled by up to ``spread`` either way (for varied actors)."""
    scale = {
        name: float(rng.uniform(1 - spread, 1 + spread))
        for name in ("up_s", "top_s", "down_s", "rest_s")
    }
    return replace(tempo, **{name: getattr(tempo, name) * f for name, f in scale.items()})
