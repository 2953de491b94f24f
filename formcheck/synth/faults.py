"""Form faults the synthetic actor can make, and the command-line syntax that asks for them.

Syntax: ``NAME[:AMOUNT][@WHEN]``

* ``NAME``: a fault the exercise supports (``formcheck synth EXERCISE --list-faults``), e.g.
  ``hip_sag``, ``hips_piked``, ``head_drop``, ``incomplete``, ``too_fast``;
* ``AMOUNT``: how much, in the fault's unit (degrees for angles, torso lengths for distances
  and forward offsets, the share of the full range
  for ``incomplete``, seconds for a whole ``too_fast`` rep); omitted: the fault's default;
* ``WHEN``: which reps (or, for timed holds, which holds) have it, 1-based: ``2``, ``2,4``,
  ``2-4`` or ``all``; or a time window in seconds with an ``s``: ``4-9s``. Omitted: ``all``.

Examples: ``hip_sag:15@2`` (15 degrees of hip sag on rep 2), ``too_fast@3``,
``head_drop:25@4-8.5s``, ``incomplete:0.4@1,3``.

Angle amounts are the deviation of the spec's own metric from good form: ``hip_sag:15`` on the
bridge puts the hips 15 degrees below the shoulder-knee line at the top of the rep; on the plank
15 degrees below the shoulder-ankle line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from formcheck.errors import FormCheckError

# Angles in degrees, distances in torso lengths (the spec's distance and forward-offset unit),
# the share of the full range, seconds.
Unit = Literal["deg", "torso", "fraction", "s"]


class SynthError(FormCheckError):
    """A synthetic clip was asked for with something the actor cannot do (an unknown exercise
    or fault, a malformed fault, an impossible amount)."""


@dataclass(frozen=True, slots=True)
class FaultKind:
    """A fault one exercise supports.

    Attributes:
        name: what the command line calls it.
        unit: the amount's unit.
        default: the amount when none is given.
        limits: the amounts the actor can perform (inclusive).
        rule: the spec rule id it should trip (``incomplete_rep`` for a rep that must not
            count), or None.
        param: the motion parameter it moves (angle faults), or None for timing faults.
        sign: which way ``amount`` moves ``param``.
        description: one line for ``--list-faults``.
        times: for timing faults (unit ``s``): what ``amount`` sets, the whole rep (``rep``:
            up, top and down together) or only the time at the top (``top``).
        threshold: the amount at which the rule starts to fire, for a fault whose rule is not
            on its own parameter (a ratio of two ranges); None: the rule's bound applies.
        from_rest: for angle faults: False, the fault grows from the start of its rep to the
            top and is gone at its end; True, it is fully present from the rest before the rep
            (eased in while the rep before it comes down) to the rep's end (eased out in the
            pause after it): a fault that changes where a rep starts from, like too little
            range.
    """

    name: str
    unit: Unit
    default: float
    limits: tuple[float, float]
    rule: str | None
    param: str | None
    sign: float
    description: str
    times: Literal["rep", "top"] = "rep"
    threshold: float | None = None
    from_rest: bool = False


@dataclass(frozen=True, slots=True)
class Fault:
    """One requested fault: ``reps`` (1-based) or a time ``window_s``, never both."""

    name: str
    amount: float | None = None
    reps: tuple[int, ...] | None = None  # None with no window: every rep or hold
    window_s: tuple[float, float] | None = None

    def __str__(self) -> str:
        text = self.name
        if self.amount is not None:
            text += f":{self.amount:g}"
        if self.window_s is not None:
            text += f"@{self.window_s[0]:g}-{self.window_s[1]:g}s"
        elif self.reps is not None:
            text += "@" + ",".join(str(r) for r in self.reps)
        return text

    def applies_to(self, rep: int) -> bool:
        if self.window_s is not None:
            return False
        return self.reps is None or rep in self.reps


_PATTERN = re.compile(r"^(?P<name>[a-z_]+)(?::(?P<amount>[-+]?\d+(?:\.\d+)?))?(?:@(?P<when>.+))?$")
_NUMBER = r"\d+(?:\.\d+)?"


def parse_fault(text: str) -> Fault:
    """Parses ``NAME[:AMOUNT][@WHEN]`` (see the module docstring).

    Raises:
        SynthError: the text does not follow the syntax; the message shows it.
    """
    match = _PATTERN.match(text.strip())
    if match is None:
        raise SynthError(
            f"fault {text!r}: expected NAME[:AMOUNT][@WHEN], e.g. hip_sag:15@2, too_fast@3 or head_drop:20@4-9s"
        )
    name = match["name"]
    amount = float(match["amount"]) if match["amount"] is not None else None
    when = match["when"]
    if when is None or when == "all":
        return Fault(name, amount)
    window = re.fullmatch(rf"({_NUMBER})-({_NUMBER})s", when)
    if window is not None:
        start, end = float(window[1]), float(window[2])
        if end <= start:
            raise SynthError(f"fault {text!r}: the time window must end after it starts")
        return Fault(name, amount, window_s=(start, end))
    reps: list[int] = []
    for part in when.split(","):
        span = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if span is None:
            raise SynthError(
                f"fault {text!r}: WHEN must be rep numbers (2, 2,4 or 2-4), 'all', or seconds (4-9s)"
            )
        first, last = int(span[1]), int(span[2] or span[1])
        if first < 1 or last < first:
            raise SynthError(f"fault {text!r}: reps are numbered from 1, ranges run upwards")
        reps.extend(range(first, last + 1))
    return Fault(name, amount, reps=tuple(sorted(set(reps))))


def resolve_amount(fault: Fault, kind: FaultKind) -> float:
    """The fault's amount (or the default), checked against what the actor can do.

    Raises:
        SynthError: the amount is outside the kind's limits.
    """
    amount = kind.default if fault.amount is None else fault.amount
    low, high = kind.limits
    if not low <= amount <= high:
        unit = {"deg": " degrees", "torso": " torso lengths", "s": " s", "fraction": ""}[kind.unit]
        raise SynthError(
            f"fault {fault}: {kind.name} must be between {low:g} and {high:g}{unit} (got {amount:g})"
        )
    return amount
