"""Quadriceps stretch (standing): one heel drawn up to the buttock by the hand on that side,
knees together, standing tall on the other leg; held; then the other side. The free hand
reaches forward to a chair back for balance.

Parameters: ``near_bend`` and ``far_bend`` (0 standing on that leg, 1 with its heel at the
buttock), ``near_knee`` and ``far_knee`` (how far that bent knee is ahead of the hip, the spec's
knee_ahead_of_hip in torso lengths: 0 with the thigh vertical; held at 0.1, the knee just ahead
of the standing one, which keeps MediaPipe from swapping the legs when the far one is bent) and
``trunk`` (hip -> shoulder incline, the spec's trunk_incline_deg: 88 standing tall). Odd holds
bend the near leg, even holds the far one; faults name the bent leg's ``knee`` and move that of
their hold. The standing leg stays straight and vertical under the hip.

Seen from the side, the far bent leg hides behind the standing thigh and the pelvis: MediaPipe
reads that knee about 10 degrees less bent than it is, and a far-leg fault (the knee pulled
back, the trunk leaning) can take the hold out of its position; the near leg reads within a few
degrees facing left (10-15 degrees high facing right).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, Vec, unit

UPRIGHT_DEG = 88.0
HELD_KNEE_FLEX_DEG = 135.0  # the spec's knee_angle_deg 45: heel near the buttock
# The bent knee hangs just ahead of the standing one (a thigh 7 degrees forward).
KNEE_AHEAD = 0.1
_DOWN_DEG = -90.0
_CHAIR_ARM_DEG = -35.0  # the free arm reaching forward and down to a chair back


def _lerp(a: float, b: float, w: float) -> float:
    return a + (b - a) * min(1.0, max(0.0, w))


def _leg(bend: float, knee_ahead: float, p: Proportions) -> LegDirs:
    """Straight under the hip (bend 0) to the heel at the buttock (bend 1), the thigh swung so
    that the knee is ``knee_ahead`` torso lengths ahead of the hip (facing +x)."""
    reach = max(-0.95, min(0.95, knee_ahead * p.trunk / p.thigh))
    thigh_deg = _DOWN_DEG + bend * math.degrees(math.asin(reach))
    shank_deg = thigh_deg - HELD_KNEE_FLEX_DEG * bend
    # The toes point (50 degrees of plantar flexion) as the heel comes up.
    foot_deg = _lerp(0.0, shank_deg + 40.0, bend)
    return LegDirs(unit(thigh_deg), unit(shank_deg), unit(foot_deg))


def _holding_arm(shoulder: Vec, ankle: Vec, bend: float) -> ArmDirs:
    """An arm hanging (bend 0) or reaching back to hold the ankle (bend 1)."""
    to_ankle = ankle - shoulder
    deg = math.degrees(math.atan2(float(to_ankle[1]), float(to_ankle[0])))
    if deg > 0.0:  # behind the shoulder: measure the other way round from hanging
        deg -= 360.0
    arm_deg = _lerp(-88.0, deg, bend)
    return ArmDirs(unit(arm_deg), unit(arm_deg), unit(arm_deg))


def _chair_arm(bend: float) -> ArmDirs:
    deg = _lerp(-88.0, _CHAIR_ARM_DEG, bend)
    return ArmDirs(unit(deg), unit(deg + 10.0), unit(deg + 10.0))


class QuadStretch(ExerciseModel):
    id = "quad_stretch"
    timed_hold = True
    lying = False
    camera_distance_m = 3.8
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"trunk": 0.5, "near_knee": 0.01, "far_knee": 0.01}
    kinds = (
        FaultKind(
            name="knee_forward",
            unit="torso",
            default=0.45,
            limits=(0.0, 0.7),
            rule="knee_forward",
            param="knee",
            sign=1.0,
            description="the bent knee drifts this many torso lengths ahead of the hip",
        ),
        FaultKind(
            name="knee_pulled_back",
            unit="torso",
            default=0.65,
            limits=(0.0, 0.8),
            rule="knee_pulled_back",
            param="knee",
            sign=-1.0,
            description="the bent knee is pulled this many torso lengths behind the hip",
        ),
        FaultKind(
            name="not_upright",
            unit="deg",
            default=30.0,
            limits=(0.0, 40.0),
            rule="not_upright",
            param="trunk",
            sign=-1.0,
            description="the trunk leans this many degrees forward from upright",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {
            "near_bend": 0.0,
            "far_bend": 0.0,
            "near_knee": 0.0,
            "far_knee": 0.0,
            "trunk": UPRIGHT_DEG,
        }

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        side = "near" if number % 2 == 1 else "far"
        return {**self.rest(p), f"{side}_bend": 1.0, f"{side}_knee": KNEE_AHEAD}

    def fault_param(self, param: str, rep: int | None) -> str:
        if param != "knee":
            return param
        return "near_knee" if rep is None or rep % 2 == 1 else "far_knee"

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x (anterior -1), the standing leg straight under the hip.
        near_bend, far_bend = float(values["near_bend"]), float(values["far_bend"])
        near = _leg(near_bend, float(values["near_knee"]), p)
        far = _leg(far_bend, float(values["far_knee"]), p)
        hip = np.array([0.0, p.ankle_height + p.thigh + p.shank - 0.002])
        trunk_deg = float(values["trunk"])
        shoulder = hip + p.trunk * unit(trunk_deg)
        bend = max(near_bend, far_bend)
        held = near if near_bend >= far_bend else far
        ankle = hip + p.thigh * held.thigh + p.shank * held.shank
        ankle = ankle + 0.5 * p.foot * held.foot  # the hand holds the foot
        holding, free = _holding_arm(shoulder, ankle, bend), _chair_arm(bend)
        near_arm, far_arm = (holding, free) if near_bend >= far_bend else (free, holding)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(90.0 + 0.4 * (trunk_deg - 90.0)),
            near_leg=near,
            far_leg=far,
            near_arm=near_arm,
            far_arm=far_arm,
        )
