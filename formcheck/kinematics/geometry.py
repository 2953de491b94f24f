"""Vectorised angle geometry on landmark arrays.

All functions take points as arrays whose last axis is (x, y) in *pixel-proportional* units
(see :func:`to_plane`), broadcast over any leading axes (frames, landmarks), and return NaN where
an input is NaN. Image y grows downwards, so "up" (against gravity, for an upright camera) is -y.
"""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import FloatArray


def to_plane(xyz: FloatArray, frame_width: int, frame_height: int) -> FloatArray:
    """Normalised landmark coordinates -> image-plane (x, y) with square pixels.

    MediaPipe normalises x by the width and y by the height, so angles computed straight from
    them are wrong on any non-square frame. Both axes are rescaled to units of frame height.
    """
    plane = xyz[..., :2].copy()
    plane[..., 0] *= frame_width / frame_height
    return plane


def joint_angle_deg(a: FloatArray, vertex: FloatArray, c: FloatArray) -> FloatArray:
    """Unsigned angle at ``vertex`` between the rays to ``a`` and ``c``, in [0, 180]."""
    ray_a = a - vertex
    ray_c = c - vertex
    dot = np.sum(ray_a * ray_c, axis=-1)
    cross = ray_a[..., 0] * ray_c[..., 1] - ray_a[..., 1] * ray_c[..., 0]
    # atan2 of |cross| and dot is stable near 0 and 180 degrees, unlike arccos.
    return np.asarray(np.degrees(np.arctan2(np.abs(cross), dot)))


def bend_deg(a: FloatArray, vertex: FloatArray, c: FloatArray) -> FloatArray:
    """How far the chain a-vertex-c bends, signed by gravity, in [-180, 180].

    0 when the three points are in a straight line; positive when ``vertex`` lies above the line
    from ``a`` to ``c`` (the chain bows upwards: hips pushed up, piked), negative when below it
    (sagging). It does not depend on which way the person faces.
    """
    magnitude = 180.0 - joint_angle_deg(a, vertex, c)
    chord = c - a
    offset = vertex - a
    # Cross product sign says which side of the chord the vertex is on; orient it so that the
    # side towards image-up (-y) is positive whatever the chord's direction.
    side = chord[..., 0] * offset[..., 1] - chord[..., 1] * offset[..., 0]
    up_side = -chord[..., 0]  # cross(chord, (0, -1))
    sign = np.sign(side * up_side)
    sign = np.where(sign == 0, 1.0, sign)
    return magnitude * sign


def incline_deg(a: FloatArray, b: FloatArray) -> FloatArray:
    """Elevation of the segment from ``a`` to ``b`` above horizontal, in [-90, 90].

    Positive when ``b`` is higher than ``a``; independent of left/right facing.
    """
    delta = b - a
    return np.degrees(np.arctan2(-delta[..., 1], np.abs(delta[..., 0])))


def elevation_deg(a: FloatArray, b: FloatArray, min_length: FloatArray) -> FloatArray:
    """Elevation of the segment from ``a`` to ``b`` above horizontal, in [-90, 90], from how
    far ``b`` rises above ``a`` over the segment's length, taken as at least ``min_length``.

    Side-on this is :func:`incline_deg` (the seen length is the whole length). A segment that
    points at the camera looks short, so its seen incline says nothing; its rise over the
    length it must at least have still does. An unknown ``min_length`` (NaN) is ignored.
    """
    rise = a[..., 1] - b[..., 1]  # image y grows downwards
    length = np.fmax(np.linalg.norm(b - a, axis=-1), min_length)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.clip(rise / length, -1.0, 1.0)
    return np.asarray(np.degrees(np.arcsin(ratio)))


def distance(a: FloatArray, b: FloatArray) -> FloatArray:
    """Euclidean distance in the image plane."""
    return np.asarray(np.linalg.norm(b - a, axis=-1))
