"""Bird dog: on hands and knees, one leg reaches straight back and the opposite arm forward,
both level with the floor; hold, return, and the other pair.

Parameters are the spec's own inclines (degrees above horizontal, -88 hanging down, 0 level):
``near_leg`` and ``far_leg`` (hip -> knee, reaching back) and ``near_arm`` and ``far_arm``
(shoulder -> elbow, reaching forward). Odd reps lift the near leg and the far arm, even reps
the far leg and the near arm; the spec counts each side on its own (the side of the leg).
Faults name the working limbs (``leg``, ``arm``) and move the pair working in their rep. The
supporting knee and hand stay planted; the trunk stays still.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, short_hold
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, Vec, unit

HANGING_DEG = -88.0  # a kneeling thigh, a supporting arm: nearly straight down
LEVEL_DEG = 0.0
_KNEELING_SHANK_DEG = 181.0  # the shin along the floor behind the knee
_KNEELING_FOOT_DEG = 184.0  # top of the foot on the floor, toes back


def _lerp(a: float, b: float, w: float) -> float:
    return a + (b - a) * min(1.0, max(0.0, w))


def _leg(incline_deg: float) -> LegDirs:
    """A leg whose thigh (hip -> knee) points back at ``incline_deg``; the knee straightens
    and the foot points back as the thigh rises from kneeling to level."""
    thigh_deg = 180.0 - incline_deg
    w = (incline_deg - HANGING_DEG) / (LEVEL_DEG - HANGING_DEG)
    shank_deg = _lerp(_KNEELING_SHANK_DEG, thigh_deg, w)
    foot_deg = _lerp(_KNEELING_FOOT_DEG, thigh_deg + 6.0, w)
    return LegDirs(unit(thigh_deg), unit(shank_deg), unit(foot_deg))


def _arm(incline_deg: float) -> ArmDirs:
    """A straight arm pointing forward (+x) at ``incline_deg``; hanging, the hand turns
    forward flat on the floor."""
    w = (incline_deg - HANGING_DEG) / (LEVEL_DEG - HANGING_DEG)
    return ArmDirs(unit(incline_deg), unit(incline_deg), unit(_lerp(0.0, incline_deg, w)))


def _support(p: Proportions) -> tuple[Vec, float]:
    """The hip (over the planted knee) and the trunk's direction, hands under the shoulders."""
    knee = np.array([0.0, p.knee / 2])
    hip = knee - p.thigh * unit(180.0 - HANGING_DEG)
    shoulder_y = (
        p.wrist / 2 + 0.01 + (p.upper_arm + p.forearm) * math.sin(math.radians(-HANGING_DEG))
    )
    rise = max(-0.99, min(0.99, (shoulder_y - float(hip[1])) / p.trunk))
    return hip, math.degrees(math.asin(rise))


class BirdDog(ExerciseModel):
    id = "bird_dog"
    tempo = Tempo(lead_s=1.5, up_s=1.2, top_s=2.5, down_s=1.2, rest_s=0.8)
    sway: ClassVar[Mapping[str, float]] = {
        "near_leg": 0.6,
        "far_leg": 0.6,
        "near_arm": 0.6,
        "far_arm": 0.6,
    }
    kinds = (
        FaultKind(
            name="leg_high",
            unit="deg",
            default=25.0,
            limits=(0.0, 40.0),
            rule="leg_too_high",
            param="leg",
            sign=1.0,
            description="the reaching leg swings this many degrees above level (arching the back)",
        ),
        FaultKind(
            name="leg_low",
            unit="deg",
            default=30.0,
            limits=(0.0, 50.0),
            rule="leg_not_level",
            param="leg",
            sign=-1.0,
            description="the reaching leg stops this many degrees below level (the rep still counts on the arm)",
        ),
        FaultKind(
            name="arm_high",
            unit="deg",
            default=30.0,
            limits=(0.0, 45.0),
            rule="arm_too_high",
            param="arm",
            sign=1.0,
            description="the reaching arm rises this many degrees above level",
        ),
        FaultKind(
            name="arm_low",
            unit="deg",
            default=55.0,
            limits=(0.0, 80.0),
            rule="arm_not_reaching",
            param="arm",
            sign=-1.0,
            description="the opposite arm stays this many degrees below level (barely reaching)",
        ),
        INCOMPLETE,
        short_hold("short_hold"),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {name: HANGING_DEG for name in ("near_leg", "far_leg", "near_arm", "far_arm")}

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        leg, arm = ("near", "far") if number % 2 == 1 else ("far", "near")
        return {**self.rest(p), f"{leg}_leg": LEVEL_DEG, f"{arm}_arm": LEVEL_DEG}

    def fault_param(self, param: str, rep: int | None) -> str:
        near_leg = rep is None or rep % 2 == 1
        if param == "leg":
            return "near_leg" if near_leg else "far_leg"
        return "far_arm" if near_leg else "near_arm"

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        hip, trunk_deg = _support(p)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(trunk_deg - 8.0),  # the head in line, face to the floor
            near_leg=_leg(float(values["near_leg"])),
            far_leg=_leg(float(values["far_leg"])),
            near_arm=_arm(float(values["near_arm"])),
            far_arm=_arm(float(values["far_arm"])),
        )
