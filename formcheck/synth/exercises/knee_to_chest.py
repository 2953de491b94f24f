"""Knee to chest: lying on the back, legs long; one knee is drawn to the chest with both hands
and held while the other leg stays on the floor; then the other side.

Parameters: ``near_flex`` and ``far_flex`` (each hip's flexion, the spec's shoulder-hip-knee
angle: 180 lying, 45 with the knee at the chest; the knee bends on the way), ``near_raise`` and
``far_raise`` (degrees a lying leg's hip -> ankle line rises off the floor: the spec's
other_foot_height above lying) and ``trunk`` (the hip -> shoulder incline: 0 lying flat, + the
shoulders curl up about the hips, - the pelvis rolls up about the shoulders). Odd holds draw
the near knee, even holds the far one; faults name the working leg (``other_leg`` is the one
that should stay down) and move that of their hold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.exercises.supine import TRUNK_FAULTS
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, knee_point, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, Vec, unit

LYING_DEG = 180.0
HELD_DEG = 45.0
HELD_KNEE_FLEX_DEG = 125.0
_FLOOR_ANKLE_Y = 0.04  # a lying leg's ankle height (body units)


def _leg(trunk_deg: float, hip: Vec, flex_deg: float, raise_deg: float, p: Proportions) -> LegDirs:
    """A leg lying on the floor (flex 180, raised ``raise_deg``) or drawn towards the chest."""
    reach = p.thigh + p.shank
    lying_incline = math.degrees(math.asin(max(-1.0, (_FLOOR_ANKLE_Y - float(hip[1])) / reach)))
    w = (flex_deg - HELD_DEG) / (LYING_DEG - HELD_DEG)
    thigh_deg = trunk_deg + flex_deg + (-lying_incline - raise_deg - trunk_deg) * w
    knee_flex = HELD_KNEE_FLEX_DEG * min(1.0, max(0.0, 1.0 - w))
    shank_deg = thigh_deg + knee_flex
    return LegDirs(unit(thigh_deg), unit(shank_deg), unit(shank_deg - 90.0))


class KneeToChest(ExerciseModel):
    id = "knee_to_chest"
    timed_hold = True
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"near_flex": 0.6, "far_flex": 0.6, "trunk": 0.4}
    kinds = (
        FaultKind(
            name="other_leg_lift",
            unit="deg",
            default=43.0,
            limits=(0.0, 60.0),
            rule="other_leg_lifted",
            param="other_leg",
            sign=1.0,
            description="the leg that should stay on the floor lifts this many degrees",
        ),
        *TRUNK_FAULTS,
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {
            "near_flex": LYING_DEG,
            "far_flex": LYING_DEG,
            "near_raise": 0.0,
            "far_raise": 0.0,
            "trunk": 0.0,
        }

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        side = "near" if number % 2 == 1 else "far"
        return {**self.rest(p), f"{side}_flex": HELD_DEG}

    def fault_param(self, param: str, rep: int | None) -> str:
        held, other = ("near", "far") if rep is None or rep % 2 == 1 else ("far", "near")
        return {"leg": f"{held}_flex", "other_leg": f"{other}_raise"}.get(param, param)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        trunk = float(values["trunk"])
        lying_hip = np.array([0.0, 0.5 * p.pelvis_depth])
        if trunk >= 0.0:  # the shoulders curl up about the pelvis
            hip = lying_hip
        else:  # the pelvis rolls up about the shoulders
            shoulder = lying_hip + p.trunk * unit(0.0)
            hip = shoulder - p.trunk * unit(trunk)
        near = _leg(trunk, hip, float(values["near_flex"]), float(values["near_raise"]), p)
        far = _leg(trunk, hip, float(values["far_flex"]), float(values["far_raise"]), p)
        # Both hands hold the shin of the more bent leg, just below the knee.
        held = near if float(values["near_flex"]) <= float(values["far_flex"]) else far
        knee = hip + p.thigh * held.thigh
        grip = knee + 0.3 * p.shank * held.shank
        shoulder = hip + p.trunk * unit(trunk)
        elbow = knee_point(shoulder, grip, p.upper_arm, p.forearm, np.array([0.3, 1.0]))
        upper = (elbow - shoulder) / p.upper_arm
        fore = grip - elbow
        fore = fore / max(float(np.hypot(fore[0], fore[1])), 1e-9)
        return pose_from_directions(
            anterior=1,
            hip=hip,
            trunk_deg=trunk,
            spine_flex_deg=0.0,
            head_up=unit(trunk + 3.0),
            near_leg=near,
            far_leg=far,
            near_arm=ArmDirs(upper, fore, fore),
        )
