"""Tests for formcheck.kinematics.geometry: angles from image-plane points, exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from formcheck.kinematics.geometry import (
    bend_deg,
    distance,
    incline_deg,
    joint_angle_deg,
    to_plane,
)


def pt(x: float, y: float) -> np.ndarray:
    return np.array([x, y], dtype=np.float64)


# -- joint_angle_deg ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "c", "expected"),
    [
        (pt(1, 0), pt(0, 1), 90.0),
        (pt(1, 0), pt(-1, 0), 180.0),
        (pt(1, 0), pt(2, 0), 0.0),
        (pt(1, 0), pt(1, 1), 45.0),
        (pt(1, 0), pt(-1, np.sqrt(3)), 120.0),
        (pt(3, 0), pt(0, -0.001), 90.0),  # ray lengths do not matter
    ],
)
def test_joint_angle_known_values(a: np.ndarray, c: np.ndarray, expected: float) -> None:
    vertex = pt(0, 0)
    assert joint_angle_deg(a, vertex, c) == pytest.approx(expected, abs=1e-9)
    assert joint_angle_deg(c, vertex, a) == pytest.approx(expected, abs=1e-9)


def test_joint_angle_is_accurate_near_straight() -> None:
    # 0.001 degrees off straight: arccos of a dot product would lose this entirely.
    tiny = np.radians(0.001)
    angle = joint_angle_deg(pt(-1, 0), pt(0, 0), pt(np.cos(tiny), np.sin(tiny)))
    assert angle == pytest.approx(180.0 - 0.001, abs=1e-9)


def test_joint_angle_broadcasts_over_frames_and_propagates_nan() -> None:
    a = np.array([[1.0, 0.0], [1.0, 0.0], [np.nan, 0.0]])
    vertex = np.zeros((3, 2))
    c = np.array([[0.0, 1.0], [-1.0, 0.0], [0.0, 1.0]])
    angles = joint_angle_deg(a, vertex, c)
    assert angles.shape == (3,)
    np.testing.assert_allclose(angles[:2], [90.0, 180.0], atol=1e-9)
    assert np.isnan(angles[2])


# -- bend_deg -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vertex", "expected"),
    [
        (pt(1, 0), 0.0),  # straight line
        (pt(1, -1), 90.0),  # above the chord (image y grows downwards)
        (pt(1, 1), -90.0),  # below: sagging
        (pt(1, -np.tan(np.radians(10))), 20.0),
        (pt(1, np.tan(np.radians(10))), -20.0),
    ],
)
def test_bend_sign_follows_gravity(vertex: np.ndarray, expected: float) -> None:
    a, c = pt(0, 0), pt(2, 0)
    assert bend_deg(a, vertex, c) == pytest.approx(expected, abs=1e-9)
    # The chain read the other way round (the person facing the other way) bends the same.
    assert bend_deg(c, vertex, a) == pytest.approx(expected, abs=1e-9)


def test_bend_on_a_sloped_chord_uses_above_and_below_the_line() -> None:
    # Chord rising to the right at 45 degrees; right-angle vertices above and below it.
    a, c = pt(0, 0), pt(2, -2)
    assert bend_deg(a, pt(0, -2), c) == pytest.approx(90.0, abs=1e-9)
    assert bend_deg(a, pt(2, 0), c) == pytest.approx(-90.0, abs=1e-9)
    assert bend_deg(a, pt(0.5, -1.5), c) == pytest.approx(180.0 - np.degrees(np.arccos(-0.6)))


def test_bend_is_the_same_for_a_person_facing_left_or_right() -> None:
    # A plank sagging by 25 degrees at the hip, head on the right, then mirrored.
    ankle, shoulder = pt(0.0, 0.0), pt(2.0, -0.4)
    hip_drop = np.tan(np.radians(12.5))
    hip = pt(1.0, -0.2 + hip_drop)  # below the shoulder-ankle line by 12.5 deg on each side
    right = bend_deg(ankle, hip, shoulder)
    mirror = np.array([-1.0, 1.0])
    left = bend_deg(ankle * mirror, hip * mirror, shoulder * mirror)
    assert right < 0
    assert left == pytest.approx(right, abs=1e-12)


def test_bend_magnitude_is_supplement_of_joint_angle() -> None:
    a, vertex, c = pt(0, 0), pt(1, -0.3), pt(2, 0.1)
    assert abs(bend_deg(a, vertex, c)) == pytest.approx(180.0 - joint_angle_deg(a, vertex, c))


# -- incline_deg ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        (pt(1, 0), 0.0),
        (pt(1, -1), 45.0),  # b higher (smaller y): positive
        (pt(-1, -1), 45.0),  # the same elevation pointing left
        (pt(1, 1), -45.0),
        (pt(0, -1), 90.0),
        (pt(0, 2), -90.0),
        (pt(-np.sqrt(3), -1), 30.0),
    ],
)
def test_incline_is_elevation_above_horizontal(b: np.ndarray, expected: float) -> None:
    assert incline_deg(pt(0, 0), b) == pytest.approx(expected, abs=1e-9)


def test_distance() -> None:
    assert distance(pt(1, 1), pt(4, 5)) == pytest.approx(5.0)


# -- to_plane -------------------------------------------------------------------------------


def test_to_plane_keeps_a_right_angle_right_on_a_16_9_frame() -> None:
    width, height = 1280, 720
    # A right angle in pixels, at 45 degrees to the axes so both axes matter.
    pixels = np.array([[740.0, 460.0], [640.0, 360.0], [740.0, 260.0]])
    normalised = np.column_stack([pixels / [width, height], np.zeros(3)])  # (3, 3) with z
    raw = joint_angle_deg(normalised[0, :2], normalised[1, :2], normalised[2, :2])
    assert raw == pytest.approx(2 * np.degrees(np.arctan(width / height)), abs=1e-9)  # ~121 deg
    plane = to_plane(normalised, width, height)
    assert plane.shape == (3, 2)
    assert joint_angle_deg(plane[0], plane[1], plane[2]) == pytest.approx(90.0, abs=1e-9)
    np.testing.assert_allclose(plane, pixels / height)


def test_to_plane_does_not_touch_its_input_and_broadcasts() -> None:
    xyz = np.full((4, 33, 3), 0.5)
    before = xyz.copy()
    plane = to_plane(xyz, 1920, 1080)
    np.testing.assert_array_equal(xyz, before)
    assert plane.shape == (4, 33, 2)
    np.testing.assert_allclose(plane[..., 0], 0.5 * 1920 / 1080)
    np.testing.assert_allclose(plane[..., 1], 0.5)


def test_to_plane_is_identity_on_a_square_frame() -> None:
    xyz = np.array([[0.1, 0.7, -0.3]])
    np.testing.assert_array_equal(to_plane(xyz, 480, 480), [[0.1, 0.7]])


# -- properties -----------------------------------------------------------------------------

coords = st.floats(min_value=-10.0, max_value=10.0, allow_nan=False, allow_infinity=False)
points = arrays(np.float64, (3, 2), elements=coords)


def _well_posed(p: np.ndarray) -> bool:
    """Distinct points, and the vertex clearly off the chord and the chord not vertical (where
    the side of the chord, and so the sign of a bend, is a coin toss)."""
    a, v, c = p
    chord, offset = c - a, v - a
    cross = chord[0] * offset[1] - chord[1] * offset[0]
    return bool(
        min(np.linalg.norm(v - a), np.linalg.norm(c - v), np.linalg.norm(chord)) > 1e-3
        and abs(cross) > 1e-3 * np.linalg.norm(chord) * np.linalg.norm(offset)
        and abs(chord[0]) > 1e-3
    )


@settings(max_examples=100, deadline=None)
@given(points, st.floats(min_value=-5.0, max_value=5.0))
def test_bend_is_invariant_under_mirroring_and_reversal(p: np.ndarray, axis_x: float) -> None:
    assume(_well_posed(p))
    a, v, c = p
    bend = float(bend_deg(a, v, c))
    mirrored = p.copy()
    mirrored[:, 0] = 2 * axis_x - mirrored[:, 0]  # mirror about the vertical line x = axis_x
    assert float(bend_deg(*mirrored)) == pytest.approx(bend, abs=1e-6)
    assert float(bend_deg(c, v, a)) == pytest.approx(bend, abs=1e-9)
    flipped = p * [1.0, -1.0]  # upside down: above becomes below
    assert float(bend_deg(*flipped)) == pytest.approx(-bend, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(points)
def test_bend_magnitude_is_180_minus_joint_angle(p: np.ndarray) -> None:
    assume(_well_posed(p))
    angle = float(joint_angle_deg(*p))
    bend = float(bend_deg(*p))
    assert 0.0 <= angle <= 180.0
    assert abs(bend) == pytest.approx(180.0 - angle, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(
    points,
    st.floats(min_value=0.1, max_value=10.0),
    st.floats(min_value=-np.pi, max_value=np.pi),
)
def test_joint_angle_is_invariant_under_rotation_and_scale(
    p: np.ndarray, scale: float, turn: float
) -> None:
    assume(_well_posed(p))
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    moved = scale * p @ rotation.T + [3.0, -2.0]
    assert float(joint_angle_deg(*moved)) == pytest.approx(float(joint_angle_deg(*p)), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(points)
def test_incline_is_invariant_under_mirroring_and_flips_upside_down(p: np.ndarray) -> None:
    a, b = p[0], p[1]
    assume(np.linalg.norm(b - a) > 1e-3)
    incline = float(incline_deg(a, b))
    assert -90.0 <= incline <= 90.0
    assert float(incline_deg(a * [-1, 1], b * [-1, 1])) == pytest.approx(incline, abs=1e-9)
    assert float(incline_deg(a * [1, -1], b * [1, -1])) == pytest.approx(-incline, abs=1e-9)
