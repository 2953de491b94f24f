"""What every synthetic exercise provides: parameters at rest and at the top, a pose for any
parameter values, its tempo and the faults it can perform."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import ClassVar

from formcheck.synth.faults import FaultKind
from formcheck.synth.front import FrontPose
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions

# Faults every rep exercise can perform (their rule ids are set per exercise).
INCOMPLETE = FaultKind(
    name="incomplete",
    unit="fraction",
    default=0.35,
    limits=(0.0, 0.9),
    rule="incomplete_rep",
    param=None,
    sign=1.0,
    description="stops short: reaches this share of the full range and turns back (the rep must not count)",
)


def too_fast(rule: str | None, default_s: float = 0.8) -> FaultKind:
    return FaultKind(
        name="too_fast",
        unit="s",
        default=default_s,
        limits=(0.3, 10.0),
        rule=rule,
        param=None,
        sign=1.0,
        description="a rushed rep: up, top and down take this many seconds, and the pause before it shrinks in proportion",
    )


def short_hold(rule: str, default_s: float = 0.3) -> FaultKind:
    return FaultKind(
        name="short_hold",
        unit="s",
        default=default_s,
        limits=(0.0, 30.0),
        rule=rule,
        param=None,
        sign=1.0,
        description="stays at the top only this many seconds before coming back down",
        times="top",
    )


class ExerciseModel(ABC):
    """One exercise the actor can perform.

    Poses are built in the canonical frame of :mod:`formcheck.synth.skeleton` with the head (or,
    standing, the face) towards +x, anchored to the floor by the exercise's contacts. Exercises
    filmed side-on pose a :class:`Pose`, those filmed from the front a
    :class:`~formcheck.synth.front.FrontPose`.
    """

    id: ClassVar[str]
    timed_hold: ClassVar[bool] = False
    lying: ClassVar[bool] = True  # framed lying down (wide) or standing (tall)
    camera_distance_m: ClassVar[float] = 2.5
    tempo: ClassVar[Tempo] = Tempo()
    kinds: ClassVar[tuple[FaultKind, ...]] = ()
    # Parameter -> amplitude of the actor's small natural sway (degrees or units of the param).
    sway: ClassVar[Mapping[str, float]] = {}

    @abstractmethod
    def rest(self, p: Proportions) -> dict[str, float]:
        """Parameter values at rest (between reps, before and after holds)."""

    @abstractmethod
    def top(self, p: Proportions) -> dict[str, float]:
        """Parameter values at the top of a clean rep (or in a clean hold)."""

    @abstractmethod
    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose | FrontPose:
        """The pose for these parameter values (canonical frame, on the floor)."""

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        """Parameter values at the top of rep ``number`` (1-based); alternating exercises
        override this to switch sides from rep to rep."""
        return self.top(p)

    def fault_param(self, param: str, rep: int | None) -> str:
        """The parameter a fault's ``param`` moves in rep ``rep`` (None: outside any rep);
        alternating exercises map a working-limb parameter to the limb working in that rep."""
        return param

    @property
    def fault_kinds(self) -> dict[str, FaultKind]:
        return {kind.name: kind for kind in self.kinds}
