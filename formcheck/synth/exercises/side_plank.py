"""Side plank, filmed from the front: from lying on one side propped on the forearm, the hips
lift until the body is one straight line, held, and down again.

The camera faces the chest, so the picture is the body's coronal plane (see
:mod:`formcheck.synth.front`). In the canonical frame the head is towards +x and the person
lies on the left side: the left forearm is on the floor with the elbow straight under the
shoulder, the feet are stacked (the left foot on its outer edge on the floor), and the right
hand rests on the right hip. Filmed with the head on the left (``facing="left"``), the picture
shows the person lying on the right side.

Parameters: ``hip_line`` (degrees; the spec's bend at the middle of the hips of
shoulder-hip-knee, + piked, - sagging; at rest the hips lie on the floor) and ``head_drop``
(degrees the head tips from the line of the trunk towards the floor; the spec's head metric).
The elbow and the lower foot stay where they are; the body turns about them as the hips move.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.front import FrontArm, FrontPose, FrontWidths
from formcheck.synth.ik import knee_point, solve_rising
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Proportions, Vec, angle_of, unit

_FOOT_EDGE = 0.032  # height of the lower ankle, the foot on its outer edge
_HIP_CLEARANCE = 0.004  # the hips just touch the floor at rest


def _quarter(v: Vec) -> Vec:
    """``v`` turned a quarter counter-clockwise."""
    return np.array([-v[1], v[0]])


def _placed(trunk_deg: float, line: float, p: Proportions) -> tuple[Vec, Vec]:
    """The middle of the hips and the lower (left) shoulder for a trunk at ``trunk_deg`` and
    the hips bent by ``line``, with the lower ankle at x = 0 on the floor."""
    w = FrontWidths.of(p)
    up = unit(trunk_deg)
    leg = unit(trunk_deg + line + 180.0)
    leg_right = -_quarter(leg)
    mid_ankle = np.array([0.0, _FOOT_EDGE]) + 0.5 * w.ankles * leg_right
    hip = mid_ankle - (p.thigh + p.shank) * leg
    shoulder = hip + p.trunk * up - 0.5 * w.shoulders * _quarter(up)
    return hip, shoulder


def _elbow_y(p: Proportions) -> float:
    return p.elbow / 2


def trunk_elevation(line: float, p: Proportions) -> float:
    """The trunk's direction (degrees) that puts the lower shoulder straight above the elbow on
    the floor, an upper arm's length up, with the hips bent by ``line``."""
    # The shoulder rises with the trunk.
    return solve_rising(
        lambda trunk: float(_placed(trunk, line, p)[1][1]),
        _elbow_y(p) + p.upper_arm,
        -20.0,
        85.0,
        steps=60,
    )


def _hip_floor_gap(line: float, p: Proportions) -> float:
    """How far the lowest point of the pelvis is above the floor."""
    w = FrontWidths.of(p)
    trunk = trunk_elevation(line, p)
    hip, _ = _placed(trunk, line, p)
    up = unit(trunk)
    lowest = min(
        float(hip[1]) - 0.02 * float(up[1]) - 0.5 * w.pelvis,
        float((hip - 0.5 * w.hips * _quarter(up))[1]) - 0.5 * p.thigh_top,
    )
    return lowest - _HIP_CLEARANCE


@functools.lru_cache(maxsize=64)
def resting_line(p: Proportions) -> float:
    """The hip line with the hips down on the floor (the body propped on the forearm)."""
    # The gap grows as the hips lift.
    return solve_rising(lambda line: _hip_floor_gap(line, p), 0.0, -70.0, 0.0, steps=50)


class SidePlank(ExerciseModel):
    id = "side_plank"
    timed_hold = True
    tempo = Tempo(lead_s=1.5, up_s=1.0, top_s=10.0, down_s=1.0, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"hip_line": 0.6, "head_drop": 0.8}
    kinds = (
        FaultKind(
            name="hip_sag",
            unit="deg",
            default=28.0,
            # Past about 30 degrees the hips are on the floor (resting_line).
            limits=(0.0, 30.0),
            rule="hip_sag",
            param="hip_line",
            sign=-1.0,
            description="the hips sag this many degrees below the shoulder-knee line, towards the floor",
        ),
        FaultKind(
            name="hips_piked",
            unit="deg",
            default=40.0,
            limits=(0.0, 55.0),
            rule="hips_piked",
            param="hip_line",
            sign=1.0,
            description="the hips are pushed this many degrees above the shoulder-knee line",
        ),
        FaultKind(
            name="head_drop",
            unit="deg",
            default=40.0,
            limits=(0.0, 50.0),
            rule="head_dropping",
            param="head_drop",
            sign=1.0,
            description="the head tips this many degrees from the line of the trunk towards the floor",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"hip_line": resting_line(p), "head_drop": 0.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"hip_line": 0.0, "head_drop": 0.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> FrontPose:
        line = max(float(values["hip_line"]), resting_line(p))
        trunk_deg = trunk_elevation(line, p)
        hip, shoulder = _placed(trunk_deg, line, p)
        up = unit(trunk_deg)
        right = _quarter(up)
        w = FrontWidths.of(p)
        # The right hand rests on the right hip, the elbow out to the side.
        right_shoulder = shoulder + w.shoulders * right
        wrist = hip + (0.5 * w.hips + 0.045) * right + 0.03 * up
        elbow = knee_point(right_shoulder, wrist, p.upper_arm, p.forearm, right)
        fore = wrist - elbow
        right_arm = FrontArm(
            upper_deg=angle_of(elbow - right_shoulder),
            fore_deg=angle_of(fore),
            hand_deg=trunk_deg + 200.0,
            fore_seen=float(np.hypot(fore[0], fore[1])) / p.forearm,
            hand_seen=0.8,
        )
        # The left forearm lies on the floor pointing at the camera, a little towards the
        # head: the camera sees a short stretch of it and the fist.
        left_arm = FrontArm(
            upper_deg=-90.0, fore_deg=0.0, hand_deg=0.0, fore_seen=0.45, hand_seen=0.55
        )
        return FrontPose(
            trunk_deg=trunk_deg,
            leg_deg=trunk_deg + line + 180.0,
            head_deg=trunk_deg - float(values["head_drop"]),
            left_arm=left_arm,
            right_arm=right_arm,
            hip_x=float(hip[0]),
            hip_y=float(hip[1]),
        )
