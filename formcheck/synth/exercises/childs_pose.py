"""Child's pose: from hands and knees, the hips sit back towards the heels and the trunk folds
forward onto the thighs, arms reaching ahead on the floor, head resting down; held.

Parameters are the spec's own angles: ``knee`` (hip-knee-ankle: 90 on all fours, 35 with the
hips on the heels), ``hip`` (shoulder-hip-knee: about 106 on straight arms on all fours, 32 folded) and ``head`` (the
bend of hip-shoulder-ear: 0 in line, + resting down, - held up). The knees and shins stay on
the floor; the hands slide forward as the trunk folds. Folded, the shoulders stay low with
the head down: hips short of the heels (a larger knee angle) open the hip instead.
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

# On all fours with straight arms the trunk slopes up about 16 degrees to the shoulders.
ALL_FOURS = {"knee": 90.0, "hip": 106.0, "head": 0.0}
FOLDED = {"knee": 35.0, "hip": 32.0, "head": 15.0}
SHOULDER_DROP = 0.03  # body units the shoulders sink with the hips 45 degrees short of the heels
_FOOT_DEG = 184.0  # top of the foot on the floor, toes back


def _folded_shoulder_y(p: Proportions) -> float:
    """Shoulder height in the clean pose (hips on the heels, trunk on the thighs)."""
    hip_y = p.knee / 2 + p.thigh * math.sin(math.radians(180.0 - FOLDED["knee"]))
    return hip_y + p.trunk * math.sin(math.radians(FOLDED["hip"] - FOLDED["knee"]))


class ChildsPose(ExerciseModel):
    id = "childs_pose"
    timed_hold = True
    camera_distance_m = 2.1  # a compact figure: closer, to fill 40% of the frame
    tempo = Tempo(lead_s=1.5, up_s=2.0, top_s=10.0, down_s=2.0, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"hip": 0.5, "head": 0.8}
    kinds = (
        FaultKind(
            name="hips_high",
            unit="deg",
            default=45.0,
            limits=(0.0, 60.0),
            rule="hips_not_back",
            param="knee",
            sign=1.0,
            description="the hips stay this many degrees of knee bend short of the heels",
        ),
        FaultKind(
            name="head_up",
            unit="deg",
            default=50.0,
            limits=(0.0, 60.0),
            rule="head_held_up",
            param="head",
            sign=-1.0,
            description="the head lifts this many degrees above resting down (looking forward)",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(ALL_FOURS)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(FOLDED)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        knee_deg, hip_deg = float(values["knee"]), float(values["hip"])
        knee = np.array([0.0, p.knee / 2])
        hip = knee + p.thigh * unit(180.0 - knee_deg)  # up on all fours, back when sitting
        # The trunk turned hip_deg up from the hip -> knee line; once folded, the shoulders
        # stay low (head down) wherever the hips are: hips short of the heels open the hip.
        folded = min(1.0, max(0.0, (90.0 - hip_deg) / (90.0 - FOLDED["hip"])))
        # Hips short of the heels: the shoulders go lower still, the forehead to the floor.
        short = max(0.0, knee_deg - FOLDED["knee"]) / 45.0
        low = _folded_shoulder_y(p) - SHOULDER_DROP * short - float(hip[1])
        trunk_deg = (1.0 - folded) * (hip_deg - knee_deg) + folded * math.degrees(
            math.asin(max(-1.0, min(1.0, low / p.trunk)))
        )
        shoulder = hip + p.trunk * unit(trunk_deg)
        # The hands: under the shoulders on all fours, sliding ahead as the trunk folds.
        wrist_y = p.wrist / 2 + 0.01
        arm_len = p.upper_arm + p.forearm
        under = float(shoulder[0]) + 0.02
        ahead = float(shoulder[0]) + 0.96 * np.sqrt(
            max(arm_len**2 - (float(shoulder[1]) - wrist_y) ** 2, 0.0)
        )
        wrist = np.array([(1 - folded) * under + folded * ahead, wrist_y])
        elbow = knee_point(shoulder, wrist, p.upper_arm, p.forearm, np.array([0.0, 1.0]))
        ankle = knee + np.array([-p.shank, p.ankle * 0.5 - p.knee / 2 + 0.01])
        shank = (ankle - knee) / float(np.hypot(*(ankle - knee)))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(trunk_deg - float(values["head"])),
            near_leg=LegDirs((knee - hip) / p.thigh, shank, unit(_FOOT_DEG)),
            near_arm=ArmDirs(
                (elbow - shoulder) / p.upper_arm, (wrist - elbow) / p.forearm, unit(0.0)
            ),
        )
