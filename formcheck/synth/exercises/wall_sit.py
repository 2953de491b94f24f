"""Wall sit: standing with the back on a wall, slide down until the thighs are level, knees
over the ankles, and hold.

Parameters are the spec's own measures: ``thigh`` (knee -> hip incline: 88 standing, 2 sitting),
``knee_ahead`` (how far the knee is ahead of the ankle, in torso lengths: 0 with the shin
vertical) and ``trunk`` (hip -> shoulder incline: 88 upright against the wall). The feet stay
planted; the hands rest on the thighs. (The wall is the room's back wall; the camera cannot
see contact with it, as the spec says.)
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

STANDING = {"thigh": 88.0, "knee_ahead": 0.03, "trunk": 88.0, "arms": 5.0}
SITTING = {"thigh": 2.0, "knee_ahead": 0.0, "trunk": 88.0, "arms": 45.0}


class WallSit(ExerciseModel):
    id = "wall_sit"
    timed_hold = True
    lying = False
    camera_distance_m = 3.8
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"thigh": 0.6, "trunk": 0.5}
    kinds = (
        FaultKind(
            name="hips_high",
            unit="deg",
            default=35.0,
            limits=(0.0, 45.0),
            rule="hips_too_high",
            param="thigh",
            sign=1.0,
            description="the thighs rise this many degrees above level (sitting higher)",
        ),
        FaultKind(
            name="knees_forward",
            unit="torso",
            default=0.45,
            limits=(0.0, 0.7),
            rule="knees_past_ankles",
            param="knee_ahead",
            sign=1.0,
            description="the knees travel this many torso lengths ahead of the ankles",
        ),
        FaultKind(
            name="back_off_wall",
            unit="deg",
            default=25.0,
            limits=(0.0, 30.0),
            rule="back_off_wall",
            param="trunk",
            sign=-1.0,
            description="the trunk leans this many degrees forward, off the wall",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(STANDING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(SITTING)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x: the knees forward, the hips back towards the wall.
        ahead = float(values["knee_ahead"]) * p.trunk  # torso lengths -> body units
        shin_deg = math.degrees(math.acos(max(-1.0, min(1.0, ahead / p.shank))))
        ankle = np.array([0.0, p.ankle_height])
        shin_dir = unit(shin_deg)  # ankle -> knee
        knee = ankle + p.shank * shin_dir
        thigh_up = unit(180.0 - float(values["thigh"]))  # knee -> hip, back and up
        hip = knee + p.thigh * thigh_up
        trunk_deg = float(values["trunk"])
        arms = float(values["arms"])
        arm = unit(trunk_deg + 180.0 + arms)
        fore = unit(trunk_deg + 180.0 + arms + 40.0 * min(1.0, arms / 45.0))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(90.0 + 0.25 * (trunk_deg - 90.0)),
            near_leg=LegDirs(-thigh_up, -shin_dir, np.array([1.0, 0.0])),
            near_arm=ArmDirs(arm, fore, fore),
        )
