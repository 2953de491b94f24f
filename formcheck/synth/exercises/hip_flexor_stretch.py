"""Hip flexor stretch (half-kneeling): from kneeling tall, one foot steps forward (both knees
about 90 degrees), the hips ease forward and the trunk stays upright; held; then back to
kneeling and the other foot forward.

Parameters: ``near_step`` and ``far_step`` (0 kneeling on that knee, 1 with that foot planted
in front), ``front_shin`` (the front shin's incline, the spec's front_shin_incline_deg: 88 with
the knee over the ankle, lower as the knee travels forward; the front foot lands where the shin
says) and ``lean`` (the trunk's forward offset, the spec's trunk_lean in torso lengths: 0
upright, + forward, - arching back). Odd holds step the far foot forward (the near knee stays
down: the spec's working side), even holds the near foot.
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

UPRIGHT_SHIN_DEG = 88.0
HIPS_FORWARD_DEG = 12.0  # the kneeling thigh leans this far forward in the stretch
_KNEELING_FOOT_DEG = 184.0  # top of the foot on the floor, toes back
_ANKLE_Y = 0.04


def _lerp(a: float, b: float, w: float) -> float:
    return a + (b - a) * w


def _leg(
    step: float, hip: Vec, kneel_thigh_deg: float, front_shin_deg: float, p: Proportions
) -> LegDirs:
    """Kneeling (step 0: thigh down, shin back on the floor) to stepped forward (step 1: the
    shin at ``front_shin_deg`` over a planted foot, the thigh reaching the knee from the hip)."""
    knee_y = _ANKLE_Y + p.shank * math.sin(math.radians(front_shin_deg))
    rise = max(-1.0, min(1.0, (knee_y - float(hip[1])) / p.thigh))
    thigh_front_deg = math.degrees(math.asin(rise))
    thigh_deg = _lerp(kneel_thigh_deg, thigh_front_deg, step)
    shank_deg = _lerp(181.0, 180.0 + front_shin_deg, step)
    foot_deg = _lerp(_KNEELING_FOOT_DEG, 0.0, step)
    return LegDirs(unit(thigh_deg), unit(shank_deg), unit(foot_deg))


class HipFlexorStretch(ExerciseModel):
    id = "hip_flexor_stretch"
    timed_hold = True
    lying = False  # framed by height: kneeling tall
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"front_shin": 0.6, "lean": 0.01}
    kinds = (
        FaultKind(
            name="lean_forward",
            unit="torso",
            default=0.5,
            limits=(0.0, 0.7),
            rule="leaning_forward",
            param="lean",
            sign=1.0,
            description="the shoulders lean this many torso lengths ahead of the hips",
        ),
        FaultKind(
            name="arch_back",
            unit="torso",
            default=0.42,
            limits=(0.0, 0.6),
            rule="arching_back",
            param="lean",
            sign=-1.0,
            description="the shoulders arch this many torso lengths behind the hips",
        ),
        FaultKind(
            name="knee_past_ankle",
            unit="deg",
            default=38.0,
            limits=(0.0, 45.0),
            rule="front_knee_past_ankle",
            param="front_shin",
            sign=-1.0,
            description="the front shin leans this many degrees forward (knee far past the ankle)",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"near_step": 0.0, "far_step": 0.0, "front_shin": UPRIGHT_SHIN_DEG, "lean": 0.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return self.top_of_rep(1, p)

    def top_of_rep(self, number: int, p: Proportions) -> dict[str, float]:
        stepping = "far" if number % 2 == 1 else "near"
        return {**self.rest(p), f"{stepping}_step": 1.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x (anterior -1). The kneeling knee stays where it is: the hips above it,
        # easing forward as the other foot steps out.
        near_step, far_step = float(values["near_step"]), float(values["far_step"])
        step = max(near_step, far_step)
        knee = np.array([0.0, p.knee / 2])
        kneel_deg = -90.0 - HIPS_FORWARD_DEG * step  # hip -> kneeling knee
        hip = knee - p.thigh * unit(kneel_deg)
        lean = max(-0.95, min(0.95, float(values["lean"])))
        trunk_deg = 90.0 - math.degrees(math.asin(lean))
        shin = float(values["front_shin"])
        arm = ArmDirs(unit(trunk_deg + 195.0), unit(trunk_deg + 250.0), unit(trunk_deg + 250.0))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(90.0 + 0.3 * (trunk_deg - 90.0)),
            near_leg=_leg(near_step, hip, kneel_deg, shin, p),
            far_leg=_leg(far_step, hip, kneel_deg, shin, p),
            near_arm=arm,
        )
