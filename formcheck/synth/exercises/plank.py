"""Forearm plank: from lying face down, up onto the forearms and toes, held, and down again.

Parameters: ``support`` (0 lying on the front, 1 in the plank: elbows under the shoulders),
``body_line`` (degrees; the spec's bend at the hip of shoulder-hip-ankle, + piked, - sagging)
and ``head_drop`` (degrees the head tips below the line of the trunk; the spec's head metric).
The toes stay planted; the legs are straight.
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
from formcheck.synth.skeleton import Pose, Proportions, unit

_LYING_FOOT_DEG = 186.0  # top of the foot on the floor, toes pointed away from the head
_PLANK_FOOT_DEG = 295.0  # toes tucked under, heel up


def _ankle_height(foot_deg: float, p: Proportions) -> float:
    """Ankle height that puts the lower of heel and toe on the floor (anterior -1)."""
    foot = unit(foot_deg)
    sole_dir = np.array([foot[1], -foot[0]])  # foot turned clockwise: towards the sole
    sole = p.ankle_height * sole_dir
    heel = sole - p.heel_back * foot
    toe = sole + (p.foot - p.heel_back) * foot
    return -min(float(heel[1]), float(toe[1])) + 0.004


class Plank(ExerciseModel):
    id = "plank"
    timed_hold = True
    tempo = Tempo(lead_s=1.5, up_s=0.9, top_s=10.0, down_s=0.9, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"body_line": 0.6, "head_drop": 0.8}
    kinds = (
        FaultKind(
            name="hip_sag",
            unit="deg",
            default=22.0,
            limits=(0.0, 40.0),
            rule="hip_sag",
            param="body_line",
            sign=-1.0,
            description="the hips sag this many degrees below the shoulder-ankle line",
        ),
        FaultKind(
            name="hips_piked",
            unit="deg",
            default=42.0,
            limits=(0.0, 60.0),
            rule="hips_piked",
            param="body_line",
            sign=1.0,
            description="the hips pike this many degrees above the shoulder-ankle line",
        ),
        FaultKind(
            name="head_drop",
            unit="deg",
            default=25.0,
            limits=(0.0, 50.0),
            rule="head_dropping",
            param="head_drop",
            sign=1.0,
            description="the head drops this many degrees below the line of the trunk",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"support": 0.0, "body_line": 0.0, "head_drop": -12.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"support": 1.0, "body_line": 0.0, "head_drop": 0.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        support = min(1.0, max(0.0, float(values["support"])))
        line = float(values["body_line"])
        elbow_y = p.elbow / 2
        shoulder_y = (1 - support) * 0.5 * p.chest_depth + support * (elbow_y + p.upper_arm)
        foot_deg = (1 - support) * _LYING_FOOT_DEG + support * _PLANK_FOOT_DEG
        ankle = np.array([0.0, _ankle_height(foot_deg, p)])
        leg, trunk = p.thigh + p.shank, p.trunk
        # Trunk elevation a and leg elevation a + line (head to +x) that lift the shoulders to
        # shoulder_y from the planted ankle: leg sin(a + line) + trunk sin(a) = rise.
        rise = shoulder_y - float(ankle[1])
        b = math.radians(line)
        pc, qc = leg * math.cos(b) + trunk, leg * math.sin(b)
        a = math.asin(max(-1.0, min(1.0, rise / math.hypot(pc, qc)))) - math.atan2(qc, pc)
        trunk_deg = math.degrees(a)
        leg_deg = trunk_deg + line
        hip = ankle + leg * unit(leg_deg)
        shoulder = hip + trunk * unit(trunk_deg)
        reach = math.sqrt(max(p.upper_arm**2 - (float(shoulder[1]) - elbow_y) ** 2, 0.0))
        elbow = np.array([float(shoulder[0]) + reach, elbow_y])
        upper = (elbow - shoulder) / p.upper_arm
        thigh = unit(leg_deg + 180.0)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(trunk_deg - float(values["head_drop"])),
            near_leg=LegDirs(thigh, thigh, unit(foot_deg)),
            near_arm=ArmDirs(upper, unit(0.0), unit(-4.0)),
        )
