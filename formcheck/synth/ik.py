"""Small inverse kinematics: from where segments point to the joint angles of a :class:`Pose`.

Exercise scripts place the body by its contacts (shoulders on the floor, feet flat, elbows
under the shoulders) and let these helpers turn segment directions into anatomical joint
angles, so every pose is still defined by joint angles (see :mod:`formcheck.synth.skeleton`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from formcheck.synth.skeleton import ArmAngles, LegAngles, Pose, Proportions, Vec, angle_of, unit


def solve_rising(
    value_of: Callable[[float], float], target: float, low: float, high: float, steps: int
) -> float:
    """The argument in [``low``, ``high``] at which ``value_of``, rising with it, reaches
    ``target``: ``steps`` halvings of the interval, then its midpoint (poses are solved for a
    wanted height or gap this way; a fixed step count keeps renders bit for bit the same)."""
    for _ in range(steps):
        mid = 0.5 * (low + high)
        if value_of(mid) < target:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def turn_deg(a: Vec, b: Vec) -> float:
    """Signed counter-clockwise angle from direction ``a`` to direction ``b``, in [-180, 180)."""
    return (angle_of(b) - angle_of(a) + 180.0) % 360.0 - 180.0


def knee_point(hip: Vec, ankle: Vec, thigh: float, shank: float, bend_towards: Vec) -> Vec:
    """Knee of a two-link leg from ``hip`` to ``ankle``, on the side of ``bend_towards``.

    A chord longer than the leg gives the straight leg towards the ankle.
    """
    chord = ankle - hip
    length = float(np.hypot(chord[0], chord[1]))
    length = min(length, thigh + shank - 1e-9)
    along = (thigh**2 - shank**2 + length**2) / (2 * length)
    height = math.sqrt(max(thigh**2 - along**2, 0.0))
    u = chord / max(float(np.hypot(chord[0], chord[1])), 1e-12)
    normal = np.array([-u[1], u[0]])
    if np.dot(normal, bend_towards) < 0:
        normal = -normal
    return np.asarray(hip + along * u + height * normal)


@dataclass(frozen=True, slots=True)
class LegDirs:
    thigh: Vec
    shank: Vec
    foot: Vec  # heel to toe


@dataclass(frozen=True, slots=True)
class ArmDirs:
    upper: Vec
    fore: Vec
    hand: Vec


def leg_angles(anterior: int, trunk_up: Vec, dirs: LegDirs) -> LegAngles:
    s = float(anterior)
    return LegAngles(
        hip_flex_deg=-s * turn_deg(-trunk_up, dirs.thigh),
        knee_flex_deg=s * turn_deg(dirs.thigh, dirs.shank),
        ankle_dorsi_deg=-s * turn_deg(dirs.shank, dirs.foot) - 90.0,
    )


def arm_angles(anterior: int, chest_up: Vec, dirs: ArmDirs) -> ArmAngles:
    s = float(anterior)
    return ArmAngles(
        shoulder_flex_deg=-s * turn_deg(-chest_up, dirs.upper),
        elbow_flex_deg=-s * turn_deg(dirs.upper, dirs.fore),
        wrist_flex_deg=-s * turn_deg(dirs.fore, dirs.hand),
    )


def pose_from_directions(
    *,
    anterior: int,
    hip: Vec,
    trunk_deg: float,
    spine_flex_deg: float,
    head_up: Vec,
    near_leg: LegDirs,
    near_arm: ArmDirs,
    far_leg: LegDirs | None = None,
    far_arm: ArmDirs | None = None,
) -> Pose:
    """A pose whose segments point the given ways (the far limbs copy the near ones unless
    given)."""
    s = float(anterior)
    up = unit(trunk_deg)
    chest_up = unit(trunk_deg + s * spine_flex_deg)
    near_l = leg_angles(anterior, up, near_leg)
    near_a = arm_angles(anterior, chest_up, near_arm)
    return Pose(
        trunk_deg=trunk_deg,
        anterior=anterior,
        hip_x=float(hip[0]),
        hip_y=float(hip[1]),
        spine_flex_deg=spine_flex_deg,
        neck_flex_deg=s * turn_deg(chest_up, head_up),
        near_leg=near_l,
        far_leg=leg_angles(anterior, up, far_leg) if far_leg is not None else near_l,
        near_arm=near_a,
        far_arm=arm_angles(anterior, chest_up, far_arm) if far_arm is not None else near_a,
    )


def leg_to(hip: Vec, ankle: Vec, foot_dir: Vec, bend_towards: Vec, p: Proportions) -> LegDirs:
    """Leg directions reaching from ``hip`` to ``ankle`` with the knee bent towards
    ``bend_towards``."""
    knee = knee_point(hip, ankle, p.thigh, p.shank, bend_towards)
    thigh = (knee - hip) / p.thigh
    shank = ankle - knee
    shank = shank / max(float(np.hypot(shank[0], shank[1])), 1e-12)
    return LegDirs(thigh, shank, foot_dir / float(np.hypot(foot_dir[0], foot_dir[1])))
