"""Shared geometry of lying on the back with the knees bent and the feet flat (pelvic tilt,
abdominal draw-in): the shoulders and feet on the floor, the pelvis lifting about the shoulders
or the shoulders curling up about the pelvis.

The canonical frame has the head towards +x and the person's front up (``anterior`` +1).
"""

from __future__ import annotations

import math

import numpy as np

from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, leg_to, pose_from_directions
from formcheck.synth.skeleton import Pose, Proportions, unit


def shoulder_y(p: Proportions) -> float:
    return 0.45 * p.chest_depth


def knees_bent(lift_deg: float, knee_deg: float, p: Proportions) -> Pose:
    """Lying on the back, feet flat.

    Args:
        lift_deg: the trunk's tilt, the shoulder -> hip incline: + the pelvis lifts about the
            shoulders (towards a bridge), - the head and shoulders curl up about the pelvis.
        knee_deg: the knee angle the feet are placed for with the trunk flat (the feet slide
            away as it opens); a lifted pelvis bends the knees a little more.
    """
    flat_shoulder = np.array([0.0, shoulder_y(p)])
    flat_hip = flat_shoulder - p.trunk * unit(0.0)
    if lift_deg >= 0.0:
        shoulder = flat_shoulder
        hip = shoulder - p.trunk * unit(-lift_deg)
    else:
        hip = flat_hip
        shoulder = hip + p.trunk * unit(-lift_deg)
    chord = math.sqrt(
        p.thigh**2 + p.shank**2 - 2 * p.thigh * p.shank * math.cos(math.radians(knee_deg))
    )
    ankle = np.array([float(flat_hip[0]) - chord, p.ankle_height])
    leg = leg_to(hip, ankle, np.array([-1.0, 0.0]), np.array([0.0, 1.0]), p)
    # Arms long by the sides, hands on the floor.
    drop = math.degrees(
        math.asin(min(1.0, max(0.0, float(shoulder[1]) - p.elbow / 2) / p.upper_arm))
    )
    trunk_deg = -lift_deg
    return pose_from_directions(
        anterior=1,
        hip=hip,
        trunk_deg=trunk_deg,
        spine_flex_deg=0.0,
        head_up=unit(trunk_deg + 2.0),
        near_leg=leg,
        near_arm=ArmDirs(unit(180.0 + drop), unit(180.0), unit(181.0)),
    )


# The trunk faults of holds lying on the back whose ``trunk`` parameter is the hip -> shoulder
# incline (+ the head and shoulders curl up, - the pelvis rolls up about the shoulders): the
# knee-to-chest and the piriformis figure-4.
TRUNK_FAULTS = (
    FaultKind(
        name="shoulders_lift",
        unit="deg",
        default=30.0,
        limits=(0.0, 40.0),
        rule="shoulders_lifting",
        param="trunk",
        sign=1.0,
        description="the head and shoulders curl this many degrees up off the floor",
    ),
    FaultKind(
        name="pelvis_lift",
        unit="deg",
        default=25.0,
        limits=(0.0, 35.0),
        rule="pelvis_lifting",
        param="trunk",
        sign=-1.0,
        description="the pelvis rolls this many degrees up off the floor (pulling the leg in too hard)",
    ),
)
