"""Safe lifting: from standing, bend the knees and hips to reach an object on the floor with a
straight back, and stand up again (a squat lift).

Parameters are the spec's own inclines (degrees above horizontal): ``thigh`` (knee -> hip: 88
standing, 20 at the bottom), ``shin`` (ankle -> knee: 88 standing, 70 at the bottom) and
``trunk`` (hip -> shoulder: 88 standing, 48 at the bottom), plus ``stoop`` (degrees of knee bend
given up at the bottom for the same hip angle: the trunk tips further instead). A clean lift
bends the knees 85 degrees and tips the trunk 40 (the spec's range ratio about 0.5). The feet
stay planted; the arms hang towards the floor.

A scripted rep goes from standing down to the bottom and back up, so "the top" of the script
is the bottom of the lift.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, too_fast
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

STANDING = {"thigh": 88.0, "shin": 88.0, "trunk": 88.0, "stoop": 0.0}
BOTTOM = {"thigh": 20.0, "shin": 70.0, "trunk": 48.0, "stoop": 0.0}
# Of each degree of stoop: the thigh and the shin straighten (the knee opens by one degree),
# and the trunk tips by as much as the thigh rises, keeping the hip angle.
_STOOP_THIGH, _STOOP_SHIN = 0.75, 0.25
KNEE_BEND_DEG = (STANDING["thigh"] - BOTTOM["thigh"]) + (STANDING["shin"] - BOTTOM["shin"])
TRUNK_TIP_DEG = STANDING["trunk"] - BOTTOM["trunk"]
STOOP_RATIO = 1.6  # safe_lifting.yaml: stooping fires above this trunk tip per knee bend
# The stoop at which the trunk tips STOOP_RATIO degrees per degree of knee bend.
STOOP_THRESHOLD_DEG = (STOOP_RATIO * KNEE_BEND_DEG - TRUNK_TIP_DEG) / (STOOP_RATIO + _STOOP_THIGH)


class SafeLifting(ExerciseModel):
    id = "safe_lifting"
    lying = False
    camera_distance_m = 3.8
    tempo = Tempo(lead_s=1.5, up_s=1.2, top_s=0.6, down_s=1.2, rest_s=1.0)
    sway: ClassVar[Mapping[str, float]] = {"trunk": 0.6, "thigh": 0.6}
    kinds = (
        FaultKind(
            name="stoop",
            unit="deg",
            default=55.0,
            limits=(0.0, 70.0),
            rule="stooping",
            param="stoop",
            sign=1.0,
            description="the knees bend this many degrees less, the trunk tipping further instead (a stooped lift)",
            threshold=STOOP_THRESHOLD_DEG,
        ),
        FaultKind(
            name="knees_forward",
            unit="deg",
            default=35.0,
            limits=(0.0, 45.0),
            rule="knees_far_forward",
            param="shin",
            sign=-1.0,
            description="at the bottom the shins lean this many degrees further forward",
        ),
        INCOMPLETE,
        too_fast("too_fast", default_s=1.0),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(STANDING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(BOTTOM)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x: the knees go forward (+x), the hips back.
        stoop = float(values["stoop"])
        ankle = np.array([0.0, p.ankle_height])
        shin_dir = unit(float(values["shin"]) + _STOOP_SHIN * stoop)
        knee = ankle + p.shank * shin_dir
        thigh_up = unit(180.0 - float(values["thigh"]) - _STOOP_THIGH * stoop)
        hip = knee + p.thigh * thigh_up
        trunk_deg = float(values["trunk"]) - _STOOP_THIGH * stoop
        hanging = unit(270.0)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=0.0,
            head_up=unit(90.0 + 0.5 * (trunk_deg - 90.0)),
            near_leg=LegDirs(-thigh_up, -shin_dir, np.array([1.0, 0.0])),
            near_arm=ArmDirs(hanging, hanging, hanging),
        )
