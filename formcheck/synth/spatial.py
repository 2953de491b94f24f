"""Limbs out of the image plane: the skeleton in 3D, projected for the side camera.

The side-view skeleton (:mod:`formcheck.synth.skeleton`) lives in the sagittal plane: both legs
and arms move in planes parallel to the image, the far ones drawn shifted by ``FAR_SHIFT``. Some
exercises move limbs towards or away from the camera: the knees of a supine twist fall to one
side, the crossed leg of a figure-4 stretch turns out at the hip. A :class:`Pose` with any of
its out-of-plane angles set is built here instead:

* depth ``z`` points towards the camera; the near hip is at ``+HIP_HALF_WIDTH`` and the far one
  at ``-HIP_HALF_WIDTH`` (the shoulders at ``+-SHOULDER_HALF_WIDTH``), every sagittal point of a
  side at its own joint's depth;
* ``LegAngles.abduct_deg`` turns a whole leg about the body's long axis (``up``) through its hip,
  its knee away from the midline (+) or towards it (-); ``LegAngles.ext_rot_deg`` then turns the
  shank and foot about the thigh's axis, the foot towards the midline (+: the hip's external
  rotation with a bent knee);
* ``Pose.legs_roll_deg`` rolls both legs about the body's long axis, the knees towards the camera
  (+) or away (-): the pelvis goes :data:`PELVIS_ROLL_SHARE` of the way (about the middle of the
  hips), the legs the rest (about their own hips);
* ``Pose.shoulders_roll_deg`` rolls the shoulders and arms about the long axis (``chest_up``)
  through the shoulder that stays on the floor: + the body turns towards the camera (the far
  shoulder lifts), - away (the near shoulder lifts); the head goes with the near shoulder.

The camera is orthographic and a little above the floor, as ``FAR_SHIFT`` models: a point
appears ``ELEVATION`` body units higher for each body unit it is further from the camera than
its joint's resting depth. So a pose with every out-of-plane angle 0 projects exactly onto the
sagittal skeleton. The projected points are the :class:`Body`'s, which the renderer draws and
the ground truth measures; the parts' depths give the order they are drawn in (``Body.layers``,
back to front).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from formcheck.synth.skeleton import (
    DEFAULT_LAYERS,
    FAR_SHIFT,
    Body,
    Limb,
    Pose,
    Proportions,
    Vec,
    flat_body,
)

HIP_HALF_WIDTH = 0.05  # half the distance between the hip joint centres (body units)
SHOULDER_HALF_WIDTH = 0.095  # half the distance between the shoulder joint centres
# The share of a roll of the legs that the pelvis goes along with (the rest turns the hips).
PELVIS_ROLL_SHARE = 0.5
# How much higher a point looks per body unit further from the camera: FAR_SHIFT over the
# distance between the hips.
ELEVATION = float(FAR_SHIFT[1]) / (2 * HIP_HALF_WIDTH)

_LEG_POINTS = ("knee", "ankle", "heel", "toe")
_SHANK_POINTS = ("ankle", "heel", "toe")
_ARM_POINTS = ("shoulder", "elbow", "wrist", "hand_tip", "thumb", "pinky")
Points3 = dict[str, Vec]


def is_spatial(pose: Pose) -> bool:
    """Whether any limb of ``pose`` leaves the sagittal plane."""
    legs = (pose.near_leg, pose.far_leg)
    return bool(
        pose.legs_roll_deg
        or pose.shoulders_roll_deg
        or any(leg.abduct_deg or leg.ext_rot_deg for leg in legs)
    )


def _rotate(points: Vec, axis: Vec, pivot: Vec, deg: float) -> Vec:
    """A point ``(3,)`` turned ``deg`` about ``axis`` (a unit vector) through ``pivot``
    (right-handed: counter-clockwise looking down the axis)."""
    rad = math.radians(deg)
    c, s = math.cos(rad), math.sin(rad)
    ax, ay, az = (float(a) for a in axis)
    vx, vy, vz = (float(a) for a in points - pivot)
    dot = (ax * vx + ay * vy + az * vz) * (1.0 - c)
    return np.array(
        [
            pivot[0] + vx * c + (ay * vz - az * vy) * s + ax * dot,
            pivot[1] + vy * c + (az * vx - ax * vz) * s + ay * dot,
            pivot[2] + vz * c + (ax * vy - ay * vx) * s + az * dot,
        ]
    )


def _lift(v: Vec, z: float = 0.0) -> Vec:
    return np.array([float(v[0]), float(v[1]), z])


def limbs_3d(pose: Pose, p: Proportions | None = None) -> tuple[Points3, Points3]:
    """The near and far limbs' points in 3D (body units; z towards the camera), before
    projection."""
    p = p or Proportions()
    flat = flat_body(_flattened(pose), p)
    s = float(pose.anterior)
    up = _lift(flat.up)
    chest_up = _lift(flat.chest_up)
    out: list[Points3] = []
    for side, limb, leg in ((1.0, flat.near, pose.near_leg), (-1.0, flat.far, pose.far_leg)):
        shift = np.zeros(2) if side > 0 else FAR_SHIFT
        hip_z, shoulder_z = side * HIP_HALF_WIDTH, side * SHOULDER_HALF_WIDTH
        points: Points3 = {"hip": _lift(limb.hip - shift, hip_z)}
        for name in _LEG_POINTS:
            points[name] = _lift(getattr(limb, name) - shift, hip_z)
        for name in _ARM_POINTS:
            points[name] = _lift(getattr(limb, name) - shift, shoulder_z)
        # Abduction about the long axis: the knee away from the midline (towards +z on the
        # near side). Turning by +deg about `up` takes `front` to (0, 0, anterior).
        if leg.abduct_deg:
            for name in _LEG_POINTS:
                points[name] = _rotate(points[name], up, points["hip"], side * s * leg.abduct_deg)
        if leg.ext_rot_deg:
            thigh = points["knee"] - points["hip"]
            axis = thigh / max(float(np.linalg.norm(thigh)), 1e-12)
            # The turn that takes the ankle towards the midline.
            towards = float(np.cross(axis, points["ankle"] - points["knee"])[2])
            sign = -side if towards >= 0 else side
            for name in _SHANK_POINTS:
                points[name] = _rotate(points[name], axis, points["knee"], sign * leg.ext_rot_deg)
        out.append(points)
    near, far = out
    if pose.legs_roll_deg:
        # The pelvis rolls part of the way, about the middle of the hips, lifted so that the
        # lower hip stays where it was (it rolls onto its side, which is wider than it is deep);
        # the legs go the rest of the way about their own hips.
        pelvis_deg = PELVIS_ROLL_SHARE * pose.legs_roll_deg
        centre = 0.5 * (near["hip"] + far["hip"])
        lift = np.array([0.0, HIP_HALF_WIDTH * abs(math.sin(math.radians(pelvis_deg))), 0.0])
        for points in (near, far):
            for name in ("hip", *_LEG_POINTS):
                points[name] = _rotate(points[name], up, centre, s * pelvis_deg) + lift
            for name in _LEG_POINTS:
                points[name] = _rotate(
                    points[name], up, points["hip"], s * (pose.legs_roll_deg - pelvis_deg)
                )
    if pose.shoulders_roll_deg:
        pivot = (near if pose.shoulders_roll_deg > 0 else far)["shoulder"].copy()
        for points in (near, far):
            for name in _ARM_POINTS:
                points[name] = _rotate(points[name], chest_up, pivot, s * pose.shoulders_roll_deg)
    return near, far


def _flattened(pose: Pose) -> Pose:
    return dataclasses.replace(
        pose,
        legs_roll_deg=0.0,
        shoulders_roll_deg=0.0,
        near_leg=dataclasses.replace(pose.near_leg, abduct_deg=0.0, ext_rot_deg=0.0),
        far_leg=dataclasses.replace(pose.far_leg, abduct_deg=0.0, ext_rot_deg=0.0),
    )


def _project(points: Points3, side: float) -> Limb:
    """The camera's view of one side's 3D points (see the module docstring)."""
    shift = np.zeros(2) if side > 0 else FAR_SHIFT
    hip_z, shoulder_z = side * HIP_HALF_WIDTH, side * SHOULDER_HALF_WIDTH

    def view(name: str) -> Vec:
        x, y, z = points[name]
        rest_z = shoulder_z if name in _ARM_POINTS else hip_z
        return np.asarray(np.array([x, y + ELEVATION * (rest_z - z)]) + shift)

    return Limb(**{f.name: view(f.name) for f in dataclasses.fields(Limb)})


def _depth(points: Points3, names: tuple[str, ...]) -> float:
    return float(np.mean([points[n][2] for n in names]))


def spatial_body(pose: Pose, p: Proportions | None = None) -> Body:
    """The camera's view of a pose with limbs out of the sagittal plane: the projected points,
    and the parts in the order they are drawn (back to front, by depth)."""
    p = p or Proportions()
    flat = flat_body(_flattened(pose), p)
    near3, far3 = limbs_3d(pose, p)
    near, far = _project(near3, 1.0), _project(far3, -1.0)
    # The head goes with the near shoulder (it moves when the body rolls away from the camera).
    moved = near.shoulder - flat.near.shoulder
    depths = {
        "far_arm": _depth(far3, ("elbow", "wrist")),
        "far_leg": _depth(far3, ("knee", "ankle")),
        "near_leg": _depth(near3, ("knee", "ankle")),
        "near_arm": _depth(near3, ("elbow", "wrist")),
        "torso": 0.0,
        "head": 0.0,
    }
    # Equal depths keep the sagittal order (a stable sort).
    layers = list(DEFAULT_LAYERS)
    if pose.shoulders_roll_deg:
        layers.insert(layers.index("torso"), "far_torso")
        depths["far_torso"] = -1e-3
    order = sorted(layers, key=lambda name: depths[name])
    return dataclasses.replace(
        flat,
        pose=pose,
        near=near,
        far=far,
        ear=flat.ear + moved,
        layers=tuple(order),
    )
