"""Superman: lying face down, arms reaching ahead; the arms, chest and legs lift a little off
the floor about the pelvis, hold, and lower.

Parameters are the spec's own angles: ``chest`` (hip -> shoulder incline: 0 lying, 17 lifted),
``legs`` (hip -> ankle incline: -4 lying, 12 lifted) and ``gaze`` (ear -> nose incline: -60
resting face down, -30 lifted with the head in line, looking at the floor ahead). The arms
reach ahead a little above the line of the trunk. The pelvis stays on the floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, short_hold
from formcheck.synth.exercises.prone import head_for_gaze, pelvis_on_floor, straight_legs
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

LYING = {"chest": 0.0, "legs": -4.0, "gaze": -60.0}
LIFTED = {"chest": 17.0, "legs": 12.0, "gaze": -30.0}


class Superman(ExerciseModel):
    id = "superman"
    tempo = Tempo(lead_s=1.5, up_s=1.0, top_s=2.0, down_s=1.0, rest_s=1.0)
    sway: ClassVar[Mapping[str, float]] = {"chest": 0.5, "legs": 0.5, "gaze": 1.0}
    kinds = (
        FaultKind(
            name="head_lift",
            unit="deg",
            default=45.0,
            limits=(0.0, 70.0),
            rule="head_lifted",
            param="gaze",
            sign=1.0,
            description="the head tips back this many degrees to look ahead (gaze above the floor)",
        ),
        FaultKind(
            name="chest_high",
            unit="deg",
            default=28.0,
            limits=(0.0, 40.0),
            rule="lifting_too_high",
            param="chest",
            sign=1.0,
            description="the chest lifts this many degrees higher than a 15 cm lift",
        ),
        INCOMPLETE,
        short_hold("short_hold", default_s=0.2),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(LYING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(LIFTED)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        chest = float(values["chest"])
        # Reaching ahead below the line of the head, so the near arm does not hide the face.
        arm_deg = 0.3 * chest - 8.0
        arm = unit(arm_deg)
        return pose_from_directions(
            anterior=-1,
            hip=pelvis_on_floor(p),
            trunk_deg=chest,
            spine_flex_deg=0.0,
            head_up=head_for_gaze(float(values["gaze"])),
            near_leg=straight_legs(float(values["legs"]), 0.0),
            near_arm=ArmDirs(arm, arm, unit(arm_deg - 4.0)),
        )
