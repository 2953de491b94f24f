"""Dead bug: lying on the back, arms to the ceiling, hips and knees bent to 90 degrees
(tabletop); one leg reaches out long while the opposite arm reaches overhead; return, and the
other pair.

Parameters: ``near_leg`` and ``far_leg`` (the hip's flexion, the shoulder-hip-knee angle with
the trunk flat: 90 in tabletop, 165 reaching out; the knee straightens on the way), ``near_arm``
and ``far_arm`` (the spec's hip-shoulder-elbow angle: 90 pointing at the ceiling, 165 overhead)
and ``trunk`` (the hip -> shoulder incline: 0 lying flat). The legs keep their place when the
trunk curls, so a thigh's incline (the spec's ``thigh_incline_deg`` and
``other_thigh_incline_deg``) is 180 minus its leg's angle. Odd reps reach with the near leg and
the far arm, even reps the far leg and the near arm; faults name the working limbs (``leg``,
``arm``, ``other_leg``) and move those of their rep. The pelvis stays down.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, too_fast
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

TABLETOP_DEG = 90.0
LEG_OUT_DEG = 165.0
ARM_UP_DEG = 90.0
ARM_OVERHEAD_DEG = 165.0
OTHER_THIGH_LIMIT_DEG = 55.0  # the spec's other_leg_dropping: the other thigh's incline under it
_LIMBS = ("near_leg", "far_leg", "near_arm", "far_arm")


def _leg(trunk_deg: float, flex_deg: float) -> LegDirs:
    """The thigh ``flex_deg`` from the trunk; the shin level in tabletop, in line reaching out."""
    thigh_deg = trunk_deg + flex_deg
    w = min(1.0, max(0.0, (flex_deg - TABLETOP_DEG) / (LEG_OUT_DEG - TABLETOP_DEG)))
    shank_deg = (1 - w) * (180.0 + 0.3 * trunk_deg) + w * thigh_deg
    return LegDirs(unit(thigh_deg), unit(shank_deg), unit(shank_deg - 80.0))


def _arm(trunk_deg: float, reach_deg: float) -> ArmDirs:
    """A straight arm ``reach_deg`` from the trunk (90 at the ceiling, more overhead)."""
    arm = unit(trunk_deg + 180.0 - reach_deg)
    return ArmDirs(arm, arm, arm)


class DeadBug(ExerciseModel):
    id = "dead_bug"
    tempo = Tempo(lead_s=1.5, up_s=1.2, top_s=1.0, down_s=1.2, rest_s=0.8)
    sway: ClassVar[Mapping[str, float]] = {"near_leg": 0.6, "far_leg": 0.6, "trunk": 0.4}
    kinds = (
        FaultKind(
            name="other_leg_drop",
            unit="deg",
            default=45.0,
            limits=(0.0, 60.0),
            rule="other_leg_dropping",
            param="other_leg",
            sign=1.0,
            # The rule reads the thigh's incline (under 55, tabletop 90), not this angle.
            threshold=TABLETOP_DEG - OTHER_THIGH_LIMIT_DEG,
            description="the leg that should stay in tabletop drops this many degrees towards the floor",
        ),
        FaultKind(
            name="shoulders_lift",
            unit="deg",
            default=32.0,
            limits=(0.0, 45.0),
            rule="shoulders_lifting",
            param="trunk",
            sign=1.0,
            description="the head and shoulders curl this many degrees up off the floor",
        ),
        FaultKind(
            name="arm_short",
            unit="deg",
            default=45.0,
            limits=(0.0, 75.0),
            rule="arm_not_reaching",
            param="arm",
            sign=-1.0,
            description="the reaching arm stops this many degrees short of overhead",
        ),
        INCOMPLETE,
        too_fast("too_fast"),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {
            "near_leg": TABLETOP_DEG,
            "far_leg": TABLETOP_DEG,
            "near_arm": ARM_UP_DEG,
            "far_arm": ARM_UP_DEG,
            "trunk": 0.0,
        }

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        leg, arm = ("near", "far") if number % 2 == 1 else ("far", "near")
        return {**self.rest(p), f"{leg}_leg": LEG_OUT_DEG, f"{arm}_arm": ARM_OVERHEAD_DEG}

    def fault_param(self, param: str, rep: int | None) -> str:
        near_leg = rep is None or rep % 2 == 1
        working, other = ("near", "far") if near_leg else ("far", "near")
        return {"leg": f"{working}_leg", "other_leg": f"{other}_leg", "arm": f"{other}_arm"}.get(
            param, param
        )

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        trunk = float(values["trunk"])
        hip = np.array([0.0, 0.5 * p.pelvis_depth])
        return pose_from_directions(
            anterior=1,
            hip=hip,
            trunk_deg=trunk,
            spine_flex_deg=0.0,
            head_up=unit(trunk + 3.0),
            # The legs keep their place when the shoulders curl up (the pelvis stays down).
            near_leg=_leg(0.0, float(values["near_leg"])),
            far_leg=_leg(0.0, float(values["far_leg"])),
            near_arm=_arm(trunk, float(values["near_arm"])),
            far_arm=_arm(trunk, float(values["far_arm"])),
        )
