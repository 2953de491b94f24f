"""Push-up: on the hands and toes, the body in one line, lowered by bending the elbows.

Parameters: ``elbow`` (the spec's elbow joint angle, degrees: about 172 with straight arms, 88 at
the bottom), ``body_line`` (degrees; bend at the hip of shoulder-hip-knee with straight legs,
+ piked, - sagging) and ``head_drop`` (degrees below the trunk's line). Hands and toes stay
planted; the shoulders travel on the arc the arms and the body allow.

A scripted rep goes from straight arms down to the bottom and back up, so "the top" of the
script is the bottom of the push-up: a fault on a rep is fully present at its bottom.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel
from formcheck.synth.exercises.plank import _ankle_height
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, knee_point, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, angle_of, unit

TOP_ELBOW_DEG = 172.0
BOTTOM_ELBOW_DEG = 88.0
_FOOT_DEG = 295.0


def _span(a: float, b: float, angle_deg: float) -> float:
    """Distance between the ends of two links of lengths a and b meeting at ``angle_deg``."""
    return math.sqrt(a * a + b * b - 2 * a * b * math.cos(math.radians(angle_deg)))


@functools.lru_cache(maxsize=16)
def _wrist(p: Proportions) -> tuple[float, float, float]:
    """(x, y) of the planted hands, and the ankle height: the hands sit under the shoulders
    with straight arms and a straight body."""
    ankle_y = _ankle_height(_FOOT_DEG, p)
    wrist_y = p.wrist / 2 + 0.01
    reach = p.thigh + p.shank + p.trunk
    above = wrist_y + _span(p.upper_arm, p.forearm, TOP_ELBOW_DEG) - ankle_y
    return math.sqrt(reach * reach - above * above), wrist_y, ankle_y


class Pushup(ExerciseModel):
    id = "pushup"
    tempo = Tempo(lead_s=1.5, up_s=1.0, top_s=0.4, down_s=1.0, rest_s=0.8)
    sway: ClassVar[Mapping[str, float]] = {"body_line": 0.6, "elbow": 0.8}
    kinds = (
        FaultKind(
            name="hip_sag",
            unit="deg",
            default=25.0,
            limits=(0.0, 40.0),
            rule="hip_sag",
            param="body_line",
            sign=-1.0,
            description="at the bottom the hips sag this many degrees below the shoulder-knee line",
        ),
        FaultKind(
            name="hips_piked",
            unit="deg",
            default=35.0,
            limits=(0.0, 50.0),
            rule="hips_piked",
            param="body_line",
            sign=1.0,
            description="at the bottom the hips pike this many degrees above the shoulder-knee line",
        ),
        FaultKind(
            name="shallow",
            unit="deg",
            default=20.0,
            limits=(0.0, 60.0),
            rule="shallow",
            param="elbow",
            sign=1.0,
            description="the elbows bend this many degrees less than a full push-up (88 degrees)",
        ),
        INCOMPLETE,
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"elbow": TOP_ELBOW_DEG, "body_line": 0.0, "head_drop": 5.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"elbow": BOTTOM_ELBOW_DEG, "body_line": 0.0, "head_drop": 5.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        wrist_x, wrist_y, ankle_y = _wrist(p)
        leg, trunk = p.thigh + p.shank, p.trunk
        line = float(values["body_line"])
        elbow_deg = min(179.0, float(values["elbow"]))
        ankle = np.array([0.0, ankle_y])
        wrist = np.array([wrist_x, wrist_y])
        reach = _span(leg, trunk, 180.0 - abs(line))
        up = np.array([0.0, 1.0])
        shoulder = knee_point(ankle, wrist, reach, _span(p.upper_arm, p.forearm, elbow_deg), up)
        hip = knee_point(ankle, shoulder, leg, trunk, up if line > 0 else -up)
        elbow = knee_point(shoulder, wrist, p.upper_arm, p.forearm, np.array([-1.0, 0.4]))
        trunk_deg = angle_of(shoulder - hip)
        thigh = (ankle - hip) / leg
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(trunk_deg - float(values["head_drop"])),
            near_leg=LegDirs(thigh, thigh, unit(_FOOT_DEG)),
            near_arm=ArmDirs(
                (elbow - shoulder) / p.upper_arm, (wrist - elbow) / p.forearm, unit(0.0)
            ),
        )
