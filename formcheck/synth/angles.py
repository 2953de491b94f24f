"""The spec's angle definitions, restated for the ground truth.

These deliberately do not use :mod:`formcheck.kinematics`: the truth must not depend on the code
it checks. Points are ``(..., 2)`` arrays with y **up** (the canonical frame; flip image y before
calling). Conventions, as in ``exercise_specs/README.md``: a joint angle is unsigned at the
middle point; a bend is 0 for a straight line, positive when the middle point is above the line
through the other two (against gravity); an incline is the elevation of the second point above
the first, whichever way the segment points.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def joint_angle(a: FloatArray, vertex: FloatArray, c: FloatArray) -> FloatArray:
    u, v = a - vertex, c - vertex
    dot = (u * v).sum(axis=-1)
    cross = u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]
    return np.asarray(np.degrees(np.arctan2(np.abs(cross), dot)))


def bend(a: FloatArray, vertex: FloatArray, c: FloatArray) -> FloatArray:
    chord = c - a
    dx = chord[..., 0]
    steep = np.abs(dx) < 1e-12
    # Height of the line a-c straight below (or above) the vertex; a vertical chord has no
    # above or below, and counts as positive.
    line_y = a[..., 1] + (vertex[..., 0] - a[..., 0]) * chord[..., 1] / np.where(steep, 1.0, dx)
    above = steep | (vertex[..., 1] >= line_y)
    return np.asarray(np.where(above, 1.0, -1.0) * (180.0 - joint_angle(a, vertex, c)))


def incline(a: FloatArray, b: FloatArray) -> FloatArray:
    d = b - a
    return np.asarray(np.degrees(np.arctan2(d[..., 1], np.abs(d[..., 0]))))


def elevation(a: FloatArray, b: FloatArray, min_length: FloatArray) -> FloatArray:
    """The rise of ``b`` above ``a`` over the segment's length, taken as at least ``min_length``."""
    length = np.fmax(distance(a, b), min_length)
    return np.asarray(np.degrees(np.arcsin(np.clip((b - a)[..., 1] / length, -1.0, 1.0))))


def distance(a: FloatArray, b: FloatArray) -> FloatArray:
    return np.asarray(np.linalg.norm(b - a, axis=-1))
