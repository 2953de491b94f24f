"""Squat: standing, feet flat, down until the thighs are about level, and up again.

Parameters are the spec's own inclines (degrees above horizontal): ``thigh`` (knee -> hip: 88
standing, 8 at the bottom), ``shin`` (ankle -> knee: 88 standing, 58 at the bottom) and
``trunk`` (hip -> shoulder: 88 standing, 52 at the bottom, leaning forward). The feet stay
planted; the arms reach forward for balance as the hips go back.

A scripted rep goes from standing down to the bottom and back up (the spec counts the stand),
so "the top" of the script is the bottom of the squat.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

STANDING = {"thigh": 88.0, "shin": 88.0, "trunk": 88.0, "arms": 10.0}
BOTTOM = {"thigh": 8.0, "shin": 58.0, "trunk": 52.0, "arms": 85.0}


class Squat(ExerciseModel):
    id = "squat"
    lying = False
    camera_distance_m = 3.8
    tempo = Tempo(lead_s=1.5, up_s=1.2, top_s=0.5, down_s=1.2, rest_s=0.8)
    sway: ClassVar[Mapping[str, float]] = {"trunk": 0.6, "thigh": 0.6}
    kinds = (
        FaultKind(
            name="shallow",
            unit="deg",
            default=35.0,
            limits=(0.0, 60.0),
            rule="shallow",
            param="thigh",
            sign=1.0,
            description="at the bottom the thighs stay this many degrees above level",
        ),
        FaultKind(
            name="knees_forward",
            unit="deg",
            default=25.0,
            limits=(0.0, 40.0),
            rule="knees_too_far_forward",
            param="shin",
            sign=-1.0,
            description="at the bottom the shins lean this many degrees further forward",
        ),
        FaultKind(
            name="chest_drop",
            unit="deg",
            default=30.0,
            limits=(0.0, 45.0),
            rule="chest_dropping",
            param="trunk",
            sign=-1.0,
            description="at the bottom the trunk leans this many degrees further forward",
        ),
        INCOMPLETE,
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(STANDING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(BOTTOM)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x: the knees go forward (+x), the hips back.
        ankle = np.array([0.0, p.ankle_height])
        shin_dir = unit(float(values["shin"]))  # ankle -> knee, leaning forward
        knee = ankle + p.shank * shin_dir
        thigh_up = unit(180.0 - float(values["thigh"]))  # knee -> hip, back and up
        hip = knee + p.thigh * thigh_up
        trunk_deg = float(values["trunk"])
        arms = float(values["arms"])
        chest_up = unit(trunk_deg)
        legs = LegDirs(-thigh_up, -shin_dir, np.array([1.0, 0.0]))
        # Arms: from hanging along the trunk to reaching forward, `arms` degrees of flexion.
        arm = unit(trunk_deg + 180.0 + arms)
        fore = unit(trunk_deg + 180.0 + arms + 8.0)
        head_up = unit(90.0 + 0.25 * (trunk_deg - 90.0))  # the head stays nearly upright
        del chest_up
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=head_up,
            near_leg=legs,
            near_arm=ArmDirs(arm, fore, fore),
        )
