"""Prone press-up (McKenzie extension): lying face down, hands on the floor ahead of the
shoulders, the arms push the upper body up while the pelvis stays down; hold, and lower.

Parameters are the spec's own angles: ``chest`` (hip -> shoulder incline: 0 lying, 50 pressed
up on soft elbows), ``thigh`` (knee -> hip incline: about 8 with the pelvis on the floor; more when the hips
lift) and ``gaze`` (ear -> nose incline: -60 resting face down, -20 looking at the floor
ahead). The hands and knees stay planted; the elbows follow. (With the hips lifted the trunk
tips down as far as the hands need to stay on the floor.)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, short_hold
from formcheck.synth.exercises.prone import head_for_gaze, pelvis_on_floor
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, knee_point, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, Vec, unit

TOP_CHEST_DEG = 50.0
# At the top the hands are this share of the arm's length from the shoulders (elbows soft), so
# lifted hips can still rise on straightening arms.
TOP_REACH = 0.85
_LYING_FOOT_DEG = 186.0  # top of the foot on the floor, toes back


@functools.lru_cache(maxsize=16)
def _planted(p: Proportions) -> tuple[float, float, float]:
    """(knee x, thigh incline lying, hand x): the knees where the thighs lie from the pelvis on
    the floor; the hands where the arms reach, nearly straight, at the top."""
    hip = pelvis_on_floor(p)
    knee_y = p.knee / 2
    lying_deg = math.degrees(math.asin((float(hip[1]) - knee_y) / p.thigh))
    knee_x = float(hip[0]) - p.thigh * math.cos(math.radians(lying_deg))
    shoulder = hip + p.trunk * unit(TOP_CHEST_DEG)
    drop = float(shoulder[1]) - (p.wrist / 2 + 0.01)
    reach = TOP_REACH * (p.upper_arm + p.forearm)
    hand_x = float(shoulder[0]) + math.sqrt(max(reach**2 - drop**2, 0.0))
    return knee_x, lying_deg, hand_x


def lying_thigh_deg(p: Proportions) -> float:
    return _planted(p)[1]


class PronePressUp(ExerciseModel):
    id = "prone_press_up"
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=7.5, down_s=1.5, rest_s=1.0)
    sway: ClassVar[Mapping[str, float]] = {"chest": 0.6, "gaze": 1.0}
    kinds = (
        FaultKind(
            name="hips_lift",
            unit="deg",
            default=32.0,
            limits=(0.0, 36.0),
            rule="hips_lifting",
            param="thigh",
            sign=1.0,
            description="the hips lift off the floor: the thighs rise this many degrees",
        ),
        FaultKind(
            name="head_tip",
            unit="deg",
            default=45.0,
            limits=(0.0, 70.0),
            rule="head_tipped_back",
            param="gaze",
            sign=1.0,
            description="the head tips back this many degrees to look up",
        ),
        INCOMPLETE,
        short_hold("short_hold", default_s=2.0),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"chest": 0.0, "thigh": lying_thigh_deg(p), "gaze": -60.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"chest": TOP_CHEST_DEG, "thigh": lying_thigh_deg(p), "gaze": -20.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        knee_x, _, hand_x = _planted(p)
        knee = np.array([knee_x, p.knee / 2])
        hip = knee + p.thigh * unit(float(values["thigh"]))
        chest = float(values["chest"])
        wrist = np.array([hand_x, p.wrist / 2 + 0.01])
        reach = 0.99 * (p.upper_arm + p.forearm)
        # Hips lifted: the trunk tips down until the hands still reach the floor.
        while chest > -20.0 and np.hypot(*(hip + p.trunk * unit(chest) - wrist)) > reach:
            chest -= 0.25
        shoulder = hip + p.trunk * unit(chest)
        elbow: Vec = knee_point(shoulder, wrist, p.upper_arm, p.forearm, np.array([-0.3, 1.0]))
        ankle = knee + np.array([-p.shank, p.ankle * 0.5 - p.knee / 2 + 0.005])
        shank = (ankle - knee) / float(np.hypot(*(ankle - knee)))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=chest,
            spine_flex_deg=0.0,
            head_up=head_for_gaze(float(values["gaze"])),
            near_leg=LegDirs((knee - hip) / p.thigh, shank, unit(_LYING_FOOT_DEG)),
            near_arm=ArmDirs(
                (elbow - shoulder) / p.upper_arm,
                (wrist - elbow) / p.forearm,
                unit(0.0),  # the hand flat on the floor, fingers ahead
            ),
        )
