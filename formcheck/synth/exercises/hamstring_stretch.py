"""Hamstring stretch (seated): sitting with the legs straight out in front, lean the trunk
towards them from the hips with a long back, hands reaching along the shins; held.

Parameters are the spec's own angles: ``hip`` (shoulder-hip-knee: 90 sitting tall, 45 in the
stretch), ``knee`` (hip-knee-ankle: 178 with the legs long) and ``rounding`` (the bend of
hip-shoulder-ear: how far the upper back and head curl down from the line of the trunk; 10
sitting tall, 20 in a long-backed stretch). Half of the rounding beyond 10 degrees is the
spine's, the rest the neck's. The pelvis stays on the floor and the heels on the floor (a bent
knee draws the heel in).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, knee_point, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

SITTING = {"hip": 90.0, "knee": 178.0, "rounding": 10.0}
STRETCH = {"hip": 45.0, "knee": 178.0, "rounding": 20.0}
_HIP_Y = 0.09  # the hip joint of a person sitting on the floor (body units)
_HEEL_Y = 0.04  # the ankle of a leg lying long


def _chord_offset_deg(spine_flex_deg: float, p: Proportions) -> float:
    """How far the hip -> shoulder line turns forward of the pelvis when the spine flexes."""
    s = math.radians(spine_flex_deg)
    upper = 1.0 - p.lumbar_share
    return math.degrees(math.atan2(upper * math.sin(s), p.lumbar_share + upper * math.cos(s)))


class HamstringStretch(ExerciseModel):
    id = "hamstring_stretch"
    timed_hold = True
    camera_distance_m = 2.0  # a compact seated figure: closer, to fill 40% of the frame
    tempo = Tempo(lead_s=1.5, up_s=2.0, top_s=10.0, down_s=2.0, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"hip": 0.6, "rounding": 0.8}
    kinds = (
        FaultKind(
            name="back_round",
            unit="deg",
            default=30.0,
            limits=(0.0, 45.0),
            rule="back_rounding",
            param="rounding",
            sign=1.0,
            description="the upper back and head curl this many degrees further down towards the knees",
        ),
        FaultKind(
            name="knee_bent",
            unit="deg",
            default=38.0,
            limits=(0.0, 55.0),
            rule="knee_bent",
            param="knee",
            sign=-1.0,
            description="the knees bend this many degrees (the heels slide in)",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(SITTING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(STRETCH)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x (anterior -1): the legs reach ahead, the trunk leans forward over them.
        hip = np.array([0.0, _HIP_Y])
        knee_deg = min(179.5, float(values["knee"]))
        reach = math.sqrt(
            p.thigh**2 + p.shank**2 - 2 * p.thigh * p.shank * math.cos(math.radians(knee_deg))
        )
        ankle = hip + np.array([math.sqrt(max(reach**2 - (_HIP_Y - _HEEL_Y) ** 2, 0.0)), 0.0])
        ankle[1] = _HEEL_Y
        knee = knee_point(hip, ankle, p.thigh, p.shank, np.array([0.0, 1.0]))
        thigh = (knee - hip) / p.thigh
        shank = (ankle - knee) / p.shank
        rounding = float(values["rounding"])
        spine = 0.5 * max(0.0, rounding - SITTING["rounding"])
        offset = _chord_offset_deg(spine, p)
        thigh_deg = math.degrees(math.atan2(float(thigh[1]), float(thigh[0])))
        chord_deg = thigh_deg + float(values["hip"])  # the hip angle opens up from the thigh
        trunk_deg = chord_deg + offset  # the pelvis, behind the forward-turned chord
        head_deg = chord_deg - rounding  # rounding: turned forward (clockwise) of the chord
        shoulder = hip + p.trunk * unit(chord_deg)
        # The hands reach towards the toes, as far as the arms go (elbows soft, down).
        target = ankle + np.array([0.06, 0.05])
        elbow = knee_point(shoulder, target, p.upper_arm, p.forearm, np.array([0.0, -1.0]))
        fore = target - elbow
        fore = fore / max(float(np.hypot(fore[0], fore[1])), 1e-9)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=spine,
            head_up=unit(head_deg),
            near_leg=LegDirs(thigh, shank, unit(80.0)),
            near_arm=ArmDirs((elbow - shoulder) / p.upper_arm, fore, shank),
        )
