"""Lunge: from standing, one foot steps forward and both knees bend until the front thigh is
nearly level and the back knee near the floor, trunk upright; back up to standing; then the
other leg.

Parameters: ``near_step`` and ``far_step`` (0 standing, 1 at the bottom with that leg in
front), ``front_shin`` (the front shin's incline at the bottom, the spec's shin_incline_deg: 78
with the knee a little ahead of the ankle; the front foot lands where the shin says) and
``trunk`` (hip -> shoulder incline, the spec's trunk_incline_deg: 88 standing, 84 at the
bottom). Odd reps step the near leg forward, even reps the far one (the spec counts each side
on its own, the side of the front leg). The back foot stays where it stood, rising onto its
toes; the hands rest on the hips.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, leg_to, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, Vec, unit

STANDING_DEG = 88.0
BOTTOM_THIGH_DEG = 10.0  # the front thigh's incline at the bottom (knee -> hip)
FRONT_SHIN_DEG = 78.0
TRUNK_DEG = {"standing": 88.0, "bottom": 84.0}
HIP_FORWARD = 0.36  # the hip's travel ahead of the back foot's ankle at the bottom (body units)
BACK_TOES_DEG = 55.0  # the back foot's tilt at the bottom (heel up, on the toes)


def _lerp(a: float, b: float, w: float) -> float:
    return a + (b - a) * min(1.0, max(0.0, w))


def _back_ankle(tilt_deg: float, p: Proportions) -> Vec:
    """The back ankle with the foot tilted ``tilt_deg`` about its toes (which stay put)."""
    a = math.radians(tilt_deg)
    toe_reach = p.foot - p.heel_back
    return np.array(
        [
            toe_reach + p.ankle_height * math.sin(a) - toe_reach * math.cos(a),
            p.ankle_height * math.cos(a) + toe_reach * math.sin(a),
        ]
    )


class Lunge(ExerciseModel):
    id = "lunge"
    lying = False
    camera_distance_m = 3.8
    tempo = Tempo(lead_s=1.5, up_s=1.2, top_s=0.6, down_s=1.2, rest_s=0.8)
    sway: ClassVar[Mapping[str, float]] = {"trunk": 0.6, "front_shin": 0.5}
    kinds = (
        FaultKind(
            name="knee_past_toes",
            unit="deg",
            default=33.0,
            limits=(0.0, 40.0),
            rule="front_knee_past_toes",
            param="front_shin",
            sign=-1.0,
            description="at the bottom the front shin leans this many degrees further forward (a short step)",
        ),
        FaultKind(
            name="trunk_lean",
            unit="deg",
            default=35.0,
            limits=(0.0, 50.0),
            rule="trunk_leaning",
            param="trunk",
            sign=-1.0,
            description="at the bottom the trunk leans this many degrees further forward",
        ),
        INCOMPLETE,
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {
            "near_step": 0.0,
            "far_step": 0.0,
            "front_shin": FRONT_SHIN_DEG,
            "trunk": TRUNK_DEG["standing"],
        }

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        side = "near" if number % 2 == 1 else "far"
        return {**self.rest(p), f"{side}_step": 1.0, "trunk": TRUNK_DEG["bottom"]}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x (anterior -1). The hip travels forward over the back foot; its height is
        # where the front leg, thigh and shin at their inclines, reaches the floor.
        near_step, far_step = float(values["near_step"]), float(values["far_step"])
        step = max(near_step, far_step)
        thigh_deg = _lerp(STANDING_DEG, BOTTOM_THIGH_DEG, step)
        shin_deg = _lerp(STANDING_DEG, float(values["front_shin"]), step)
        hip_y = (
            p.ankle_height
            + p.shank * math.sin(math.radians(shin_deg))
            + p.thigh * math.sin(math.radians(thigh_deg))
        )
        back_ankle = _back_ankle(BACK_TOES_DEG * step, p)
        hip = np.array([HIP_FORWARD * step, hip_y])
        front = LegDirs(unit(-thigh_deg), unit(180.0 + shin_deg), unit(0.0))
        back = leg_to(hip, back_ankle, unit(-BACK_TOES_DEG * step), np.array([1.0, -0.2]), p)
        near, far = (front, back) if near_step >= far_step else (back, front)
        trunk_deg = float(values["trunk"])
        # Hands on the hips: the elbows out behind, the forearms forward and down.
        arm = ArmDirs(unit(trunk_deg + 150.0), unit(trunk_deg - 105.0), unit(trunk_deg - 125.0))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(90.0 + 0.3 * (trunk_deg - 90.0)),
            near_leg=near,
            far_leg=far,
            near_arm=arm,
        )
