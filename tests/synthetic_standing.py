"""Synthetic pose tracks for wall sits, hamstring stretches, side planks, squats and push-ups.

Like :mod:`tests.synthetic` (whose segment lengths, conventions and rep profile this reuses), a
stick figure with adult proportions is posed in every frame from a few angles, so a test knows
by construction how many reps were done, when a hold started and which fault was shown. Nothing
here uses formcheck's kinematics. Differences from :mod:`tests.synthetic`:

* ``facing`` is the image side the person **faces** (nose ahead of the ears that way) for the
  upright figures (wall sit, squat, seated stretch); for the push-up and the side plank, which
  lie along the floor, it is the image side the **head** is on, as in :mod:`tests.synthetic`;
* upright figures are drawn smaller (``UPRIGHT_BODY_HEIGHT`` frame heights) so a standing person
  fits in the frame;
* the side plank is filmed from the front: both sides of the body are drawn where they are
  (the top shoulder a shoulder-width above the bottom one), not as a near side and a far copy.

Every angle a test relies on is an argument, and the fixture's construction makes it exact:

* wall sit and squat: ``thigh_incline_deg`` is the hip's elevation above the knee (0: thigh
  level), ``shin_lean_deg`` how far the knee is ahead of the ankle (0: shin vertical),
  ``trunk_lean_deg`` how far the trunk leans forward from vertical;
* seated hamstring stretch: ``trunk_elevation_deg`` is the trunk's angle above the legs' line
  direction (90: sitting upright), ``rounding_deg`` how far the neck and upper back curl down
  from the line of the trunk, ``knee_deg`` the knee angle (180: straight);
* push-up: ``elbow_deg`` is the elbow angle (hands under the shoulders at the top), ``sag_deg``
  how far the hips drop below the shoulder-knee line (negative: piked);
* side plank: ``sag_deg`` how far the hips drop below the shoulder-knee line (negative: piked).

Example::

    track = squat_track(3, facing="right", bottom_trunk_lean_deg=70.0)  # 3 reps, chest dropping
    hold = wall_sit_track(10.0, facing="left", shin_lean_deg=30.0)      # knees far over the toes
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from formcheck.landmarks import NUM_LANDMARKS, FloatArray, PoseLandmark, PoseTrack
from tests.synthetic import (
    FAR_OFFSET,
    FAR_VISIBILITY,
    FAR_Z,
    FOREARM,
    HAND,
    NEAR_VISIBILITY,
    NEAR_Z,
    NECK,
    SHANK,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Facing,
    Figure,
    rep_profile,
)

Angle = float | FloatArray
Point = FloatArray  # (..., 2) x, y in body heights, y = 0 on the floor, up negative

UPRIGHT_BODY_HEIGHT = 0.75  # frame heights: a standing figure fills three quarters of the frame
LYING_BODY_HEIGHT = 1.1  # frame heights, for figures along the floor
FLOOR_Y = 0.9  # floor line in frame heights
ANKLE_H = 0.04  # ankle joint above the floor, body heights
# Side plank, seen from the front: distances between the two sides' landmarks, body heights.
SHOULDER_SPAN = 0.2
HIP_SPAN = 0.12
KNEE_SPAN = 0.07
ANKLE_SPAN = 0.06
EAR_SPAN = 0.09


# -- small geometry helpers ------------------------------------------------------------------


def _p(x: Angle, y: Angle) -> Point:
    return np.stack(np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64)), -1)


def _dir(angle_deg: Angle, facing: float) -> Point:
    """Unit vectors at ``angle_deg`` from the forward horizontal, turning upwards (90: straight
    up, 180: straight back, -90: straight down); forward is image-right for ``facing`` +1."""
    rad = np.radians(angle_deg)
    return _p(facing * np.cos(rad), -np.sin(rad))


def _col(values: Angle) -> FloatArray:
    return np.asarray(values, np.float64)[..., None]


def _ease(x: FloatArray) -> FloatArray:
    clipped = np.clip(x, 0.0, 1.0)
    return np.asarray(0.5 - 0.5 * np.cos(np.pi * clipped))


def hold_profile(t: FloatArray, start_s: float, end_s: float, ramp_s: float) -> FloatArray:
    """0 before the hold, easing to 1 over ``ramp_s`` so that it is 1 from ``start_s`` to
    ``end_s``, then easing back to 0 over ``ramp_s``."""
    return np.asarray(_ease((t - start_s + ramp_s) / ramp_s) - _ease((t - end_s) / ramp_s))


@dataclass(frozen=True, slots=True)
class Posture:
    """A hold fixture's timeline as constructed: the frame times, the hold's (start, end) and
    the angles the figure was posed from, by the name of the spec metric each one is (so a
    test can say exactly when the spec's position is met, without formcheck's geometry)."""

    t: FloatArray
    hold_start_s: float
    hold_end_s: float
    angles: dict[str, FloatArray]


def _timeline(
    duration_s: float, fps: float, lead_s: float, ramp_s: float, tail_s: float
) -> tuple[FloatArray, float, float, FloatArray]:
    """Frame times, hold start and end, and the 0 -> 1 -> 0 hold profile."""
    total = lead_s + 2 * ramp_s + duration_s + tail_s
    t = np.arange(round(total * fps)) / fps
    start = lead_s + ramp_s
    end = start + duration_s
    return t, start, end, hold_profile(t, start, end, ramp_s)


def _face(ear: Point, neck_deg: Angle, facing: float) -> tuple[dict[str, Point], dict[str, Point]]:
    """Nose, mouth and eyes for a head whose neck points at ``neck_deg`` (see :func:`_dir`):
    the face looks a quarter turn forward of the neck, so the nose is ahead of the ear."""
    look = _dir(np.asarray(neck_deg) - 90.0, facing) * 0.7 + _dir(neck_deg, facing) * 0.3
    nose = ear + 0.08 * look + 0.02 * _dir(neck_deg, facing)
    eye = ear + 0.06 * look + 0.035 * _dir(neck_deg, facing)
    eyes = {"EYE": eye, "EYE_INNER": eye + 0.008 * look, "EYE_OUTER": eye - 0.008 * look}
    mouth = nose - 0.03 * _dir(neck_deg, facing)
    return eyes, {"NOSE": nose, "MOUTH": mouth}


def _arm(
    shoulder: Point, angle_deg: Angle, facing: float, elbow_bend_deg: float = 0.0
) -> dict[str, Point]:
    """A straight (or slightly bent) arm from ``shoulder`` pointing at ``angle_deg``."""
    elbow = shoulder + UPPER_ARM * _dir(angle_deg, facing)
    forearm = _dir(np.asarray(angle_deg) + elbow_bend_deg, facing)
    wrist = elbow + FOREARM * forearm
    return _hand(elbow, wrist, forearm)


def _hand(elbow: Point, wrist: Point, forearm: Point) -> dict[str, Point]:
    return {
        "ELBOW": elbow,
        "WRIST": wrist,
        "INDEX": wrist + HAND * forearm,
        "PINKY": wrist + 0.85 * HAND * forearm + _p(0.0, 0.01),
        "THUMB": wrist + 0.5 * HAND * forearm + _p(0.0, -0.015),
    }


def _two_link(start: Point, end: Point, first: float, second: float, toward: Point) -> Point:
    """The middle joint of a two-segment chain from ``start`` to ``end`` (knee, elbow), on the
    side of the chord that ``toward`` (a direction) points to."""
    chord = end - start
    length = np.minimum(np.linalg.norm(chord, axis=-1), first + second - 1e-9)
    along = (first**2 - second**2 + length**2) / (2 * length)
    height = np.sqrt(np.maximum(first**2 - along**2, 0.0))
    u = chord / _col(np.linalg.norm(chord, axis=-1))
    normal = _p(u[..., 1], -u[..., 0])
    normal = np.where(_col(np.sum(normal * toward, axis=-1)) >= 0, normal, -normal)
    return np.asarray(start + _col(along) * u + _col(height) * normal)


def _feet_flat(ankle: Point, facing: float) -> dict[str, Point]:
    return {
        "ANKLE": ankle,
        "HEEL": ankle + _p(-facing * 0.03, 0.035),
        "FOOT_INDEX": ankle + _p(facing * 0.13, 0.035),
    }


# -- upright figures: wall sit and squat ------------------------------------------------------


def legs_and_trunk_figure(
    thigh_incline_deg: Angle,
    shin_lean_deg: Angle,
    trunk_lean_deg: Angle,
    facing: float,
    arms_deg: Angle = -90.0,
) -> Figure:
    """Standing, squatting or wall-sitting, seen from the side, feet flat on the floor.

    The ankle stays put; the shin leans ``shin_lean_deg`` forward of vertical, the thigh runs
    back from the knee rising ``thigh_incline_deg`` (90: standing straight), the trunk leans
    ``trunk_lean_deg`` forward of vertical and the neck continues the trunk's line. The arms
    point at ``arms_deg`` (see :func:`_dir`; -90 hangs them, 0 reaches forward).
    """
    ankle = _p(0.0, -ANKLE_H)
    knee = ankle + SHANK * _dir(90.0 - np.asarray(shin_lean_deg), facing)
    hip = knee + THIGH * _dir(180.0 - np.asarray(thigh_incline_deg), facing)
    ankle = np.broadcast_to(ankle, hip.shape)
    trunk_deg = 90.0 - np.asarray(trunk_lean_deg)
    shoulder = hip + TRUNK * _dir(trunk_deg, facing)
    ear = shoulder + NECK * _dir(trunk_deg, facing)
    eyes, face = _face(ear, trunk_deg, facing)
    parts = {
        "SHOULDER": shoulder,
        "HIP": hip,
        "KNEE": knee,
        "EAR": ear,
        **_feet_flat(ankle, facing),
        **_arm(shoulder, arms_deg, facing),
        **eyes,
    }
    return Figure(parts, face)


def wall_sit_posture(
    duration_s: float,
    fps: float = 30.0,
    *,
    thigh_incline_deg: float = 0.0,
    shin_lean_deg: float = 0.0,
    trunk_lean_deg: float = 0.0,
    lead_s: float = 1.5,
    ramp_s: float = 1.0,
    tail_s: float = 1.5,
) -> Posture:
    """Standing against a wall for ``lead_s``, sliding down over ``ramp_s``, holding the wall
    sit for ``duration_s``, sliding up over ``ramp_s`` and standing for ``tail_s``.

    The hold's posture is the keyword arguments (defaults: a textbook wall sit, thighs level,
    shins vertical, back upright on the wall); standing has the thigh vertical. Every angle
    moves with the same eased profile. Angles: ``thigh_incline_deg``, ``trunk_incline_deg``
    (90 minus the lean) and ``shin_lean_deg``.
    """
    t, start, end, down = _timeline(duration_s, fps, lead_s, ramp_s, tail_s)
    angles = {
        "thigh_incline_deg": 90.0 + (thigh_incline_deg - 90.0) * down,
        "trunk_incline_deg": 90.0 - trunk_lean_deg * down,
        "shin_lean_deg": shin_lean_deg * down,
    }
    return Posture(t, start, end, angles)


def wall_sit_track(
    duration_s: float,
    facing: Facing = "left",
    fps: float = 30.0,
    *,
    mirrored: bool = False,
    frame_size: tuple[int, int] = (1280, 720),
    **posture: float,
) -> PoseTrack:
    """A wall sit from the side (see :func:`wall_sit_posture` for the timeline and the
    keyword arguments); ``metadata["hold_start_s"]`` and ``["hold_end_s"]`` bound the hold."""
    pose = wall_sit_posture(duration_s, fps, **posture)
    a = pose.angles
    down = (90.0 - a["thigh_incline_deg"]) / 90.0  # only for the arms, which follow the slide
    figure = legs_and_trunk_figure(
        a["thigh_incline_deg"],
        a["shin_lean_deg"],
        90.0 - a["trunk_incline_deg"],
        _sign(facing),
        arms_deg=-90.0 + 10.0 * down,
    )
    return _hold_track(pose, figure, facing, fps, UPRIGHT_BODY_HEIGHT, frame_size, mirrored)


def _hold_track(
    pose: Posture,
    figure: Figure,
    facing: Facing,
    fps: float,
    body_height: float,
    frame_size: tuple[int, int],
    mirrored: bool,
) -> PoseTrack:
    track = assemble_side_view(pose.t, figure, facing, fps, body_height, frame_size, mirrored)
    track.metadata.update(
        {"hold_start_s": f"{pose.hold_start_s:.6f}", "hold_end_s": f"{pose.hold_end_s:.6f}"}
    )
    return track


def squat_track(
    reps: int,
    facing: Facing = "left",
    fps: float = 30.0,
    rep_s: float = 3.0,
    *,
    bottom_thigh_incline_deg: float = 0.0,
    bottom_shin_lean_deg: float = 30.0,
    bottom_trunk_lean_deg: float = 40.0,
    amplitudes: list[float] | None = None,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    mirrored: bool = False,
    frame_size: tuple[int, int] = (1280, 720),
) -> PoseTrack:
    """Body-weight squats, arms reaching forward, each ``rep_s`` long (down 30%, bottom 25%,
    up 30%, standing 15%: :func:`tests.synthetic.rep_profile`) after ``lead_s`` standing.

    The defaults are a good squat: thighs level at the bottom, shins 30 degrees and the trunk
    40 degrees forward of vertical. ``amplitudes`` scales each rep's depth (1.0 full, less for
    a partial dip); every angle moves in proportion, from standing (thigh vertical, shin and
    trunk vertical) to the bottom. ``metadata["reps"]`` is the number of full-depth reps.
    """
    fractions = list(amplitudes) if amplitudes is not None else [1.0] * reps
    if len(fractions) != reps:
        raise ValueError("give one amplitude per rep")
    total = lead_s + reps * rep_s + tail_s
    t = np.arange(round(total * fps)) / fps
    depth = rep_profile(t, [lead_s + i * rep_s for i in range(reps)], rep_s, fractions)
    figure = legs_and_trunk_figure(
        90.0 + (bottom_thigh_incline_deg - 90.0) * depth,
        bottom_shin_lean_deg * depth,
        bottom_trunk_lean_deg * depth,
        _sign(facing),
        arms_deg=-90.0 + 90.0 * depth,
    )
    track = assemble_side_view(t, figure, facing, fps, UPRIGHT_BODY_HEIGHT, frame_size, mirrored)
    track.metadata["reps"] = str(sum(1 for f in fractions if f >= 1.0))
    return track


# -- squat and wall sit filmed from the front ------------------------------------------------

# Half the distance between the two sides' landmarks, body heights, facing the camera.
FRONT_HALF_SPAN = {"SHOULDER": 0.11, "HIP": 0.08, "KNEE": 0.09, "ANKLE": 0.08, "EAR": 0.045}


def front_legs_and_trunk(
    thigh_elevation_deg: Angle,
) -> tuple[dict[str, dict[str, Point]], dict[str, Point]]:
    """A person facing the camera, shins vertical, trunk upright, arms hanging, with the thighs
    at ``thigh_elevation_deg`` above level (90: standing). The camera is square to the person,
    so a thigh pointing at it is drawn as its rise only: ``THIGH * sin(elevation)`` tall and no
    wider. Returns ({"left": parts, "right": parts}, face); the person's right side is on the
    image's left."""
    rise = THIGH * np.sin(np.radians(np.asarray(thigh_elevation_deg, np.float64)))
    sides: dict[str, dict[str, Point]] = {}
    for side, sx in (("right", -1.0), ("left", 1.0)):
        ankle = _p(sx * FRONT_HALF_SPAN["ANKLE"], -ANKLE_H)
        knee = _p(sx * FRONT_HALF_SPAN["KNEE"], -ANKLE_H - SHANK)
        hip = _p(np.full_like(rise, sx * FRONT_HALF_SPAN["HIP"]), -ANKLE_H - SHANK - rise)
        shoulder = hip + _p(sx * (FRONT_HALF_SPAN["SHOULDER"] - FRONT_HALF_SPAN["HIP"]), -TRUNK)
        ear = _p(sx * FRONT_HALF_SPAN["EAR"], shoulder[..., 1] - NECK)
        parts = {
            "ANKLE": np.broadcast_to(ankle, hip.shape),
            "HEEL": np.broadcast_to(ankle + _p(0.0, 0.025), hip.shape),
            "FOOT_INDEX": np.broadcast_to(ankle + _p(sx * 0.015, 0.035), hip.shape),
            "KNEE": np.broadcast_to(knee, hip.shape),
            "HIP": hip,
            "SHOULDER": shoulder,
            "EAR": ear,
            "EYE": ear + _p(-sx * 0.015, -0.01),
            "EYE_INNER": ear + _p(-sx * 0.03, -0.01),
            "EYE_OUTER": ear + _p(-sx * 0.005, -0.01),
        }
        elbow = shoulder + _p(sx * 0.02, UPPER_ARM)
        parts.update(_hand(elbow, elbow + _p(0.0, FOREARM), _p(0.0, 1.0)))
        sides[side] = parts
    middle_ear = 0.5 * (sides["left"]["EAR"] + sides["right"]["EAR"])
    face = {"NOSE": middle_ear + _p(0.0, 0.01), "MOUTH": middle_ear + _p(0.0, 0.035)}
    return sides, face


def _front_track(t: FloatArray, thigh_elevation_deg: FloatArray, fps: float) -> PoseTrack:
    sides, face = front_legs_and_trunk(thigh_elevation_deg)
    quality = {side: (0.0, NEAR_VISIBILITY) for side in sides}
    return _track(t, sides, face, quality, fps, UPRIGHT_BODY_HEIGHT, (1280, 720), False)


def front_squat_track(
    reps: int, fps: float = 30.0, rep_s: float = 3.0, *, bottom_thigh_deg: float = 0.0
) -> PoseTrack:
    """Squats filmed from the front: standing for 1.5 s, then ``reps`` reps of ``rep_s``
    (:func:`tests.synthetic.rep_profile`) down to thighs at ``bottom_thigh_deg``, then 1.5 s
    standing. The seen thigh shrinks to its rise as it comes level."""
    t = np.arange(round((3.0 + reps * rep_s) * fps)) / fps
    depth = rep_profile(t, [1.5 + i * rep_s for i in range(reps)], rep_s, [1.0] * reps)
    return _front_track(t, 90.0 + (bottom_thigh_deg - 90.0) * depth, fps)


def front_wall_sit_track(
    duration_s: float, fps: float = 30.0, *, thigh_deg: float = 5.0
) -> PoseTrack:
    """A wall sit filmed from the front (:func:`wall_sit_posture`'s timeline: standing, sliding
    down, holding ``duration_s`` with the thighs at ``thigh_deg``, standing up);
    ``metadata["hold_start_s"]`` and ``["hold_end_s"]`` bound the hold."""
    pose = wall_sit_posture(duration_s, fps, thigh_incline_deg=thigh_deg)
    track = _front_track(pose.t, pose.angles["thigh_incline_deg"], fps)
    track.metadata.update(
        {"hold_start_s": f"{pose.hold_start_s:.6f}", "hold_end_s": f"{pose.hold_end_s:.6f}"}
    )
    return track


# -- seated hamstring stretch ------------------------------------------------------------------


LEG_LINE_DEG = -5.0  # the straight legs' line from the hip: slightly down, to the heels


def seated_stretch_figure(
    trunk_elevation_deg: Angle, rounding_deg: Angle, knee_deg: Angle, facing: float
) -> Figure:
    """Sitting on the floor, legs out in front, seen from the side; the arms reach for the feet.

    The hip joint stays put; the ankle lies along ``LEG_LINE_DEG`` at the distance a knee of
    ``knee_deg`` gives, the knee bending upwards; the trunk rises ``trunk_elevation_deg`` above
    the floor (so the hip angle is that plus 5 degrees for a straight leg) and the neck and
    upper back curl ``rounding_deg`` down from the trunk's line.
    """
    hip = _p(0.0, -0.09)
    knee_rad = np.radians(knee_deg)
    chord = np.sqrt(THIGH**2 + SHANK**2 - 2 * THIGH * SHANK * np.cos(knee_rad))
    ankle = hip + _col(chord) * _dir(LEG_LINE_DEG, facing)
    knee = _two_link(hip, ankle, THIGH, SHANK, toward=_p(0.0, -1.0))
    hip = np.broadcast_to(hip, knee.shape)
    trunk_deg = np.asarray(trunk_elevation_deg, np.float64)
    shoulder = hip + TRUNK * _dir(trunk_deg, facing)
    neck_deg = trunk_deg - np.asarray(rounding_deg)
    ear = shoulder + NECK * _dir(neck_deg, facing)
    eyes, face = _face(ear, neck_deg, facing)
    reach = ankle - shoulder
    reach_deg = np.degrees(np.arctan2(-reach[..., 1], facing * reach[..., 0]))
    parts = {
        "SHOULDER": shoulder,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-facing * 0.02, 0.03),
        "FOOT_INDEX": ankle + 0.12 * _dir(75.0, facing),
        "EAR": ear,
        **_arm(shoulder, reach_deg, facing),
        **eyes,
    }
    return Figure(parts, face)


def seated_hip_angle_deg(trunk_elevation_deg: Angle, knee_deg: Angle) -> FloatArray:
    """The angle at the hip between trunk and thigh of :func:`seated_stretch_figure`: the
    trunk's elevation less the thigh's, which rises above the legs' line as the knee bends
    (law of cosines in the hip-knee-ankle triangle)."""
    knee_rad = np.radians(knee_deg)
    chord = np.sqrt(THIGH**2 + SHANK**2 - 2 * THIGH * SHANK * np.cos(knee_rad))
    thigh_above_chord = np.degrees(np.arcsin(SHANK * np.sin(knee_rad) / chord))
    return np.asarray(np.asarray(trunk_elevation_deg) - (LEG_LINE_DEG + thigh_above_chord))


def seated_stretch_posture(
    duration_s: float,
    fps: float = 30.0,
    *,
    trunk_elevation_deg: float = 45.0,
    rounding_deg: float = 10.0,
    knee_deg: float = 178.0,
    lead_s: float = 2.0,
    ramp_s: float = 1.5,
    tail_s: float = 2.0,
) -> Posture:
    """Sitting tall with the legs out (trunk upright, no rounding) for ``lead_s``, leaning
    forward over ``ramp_s`` into the stretch, holding it for ``duration_s``, sitting back up
    over ``ramp_s`` and sitting for ``tail_s``. The stretch's posture is the keyword arguments
    (defaults: a flat-backed lean with the neck in line, knees straight). Angles:
    ``trunk_elevation_deg``, ``hip_angle_deg``, ``knee_angle_deg``, ``back_rounding_deg``.
    """
    t, start, end, lean = _timeline(duration_s, fps, lead_s, ramp_s, tail_s)
    trunk = 90.0 + (trunk_elevation_deg - 90.0) * lean
    knee = np.full_like(t, knee_deg)
    angles = {
        "trunk_elevation_deg": trunk,
        "hip_angle_deg": seated_hip_angle_deg(trunk, knee),
        "knee_angle_deg": knee,
        "back_rounding_deg": rounding_deg * lean,
    }
    return Posture(t, start, end, angles)


def seated_stretch_track(
    duration_s: float,
    facing: Facing = "left",
    fps: float = 30.0,
    *,
    mirrored: bool = False,
    frame_size: tuple[int, int] = (1280, 720),
    **posture: float,
) -> PoseTrack:
    """A seated hamstring stretch from the side (see :func:`seated_stretch_posture`)."""
    pose = seated_stretch_posture(duration_s, fps, **posture)
    a = pose.angles
    figure = seated_stretch_figure(
        a["trunk_elevation_deg"], a["back_rounding_deg"], a["knee_angle_deg"], _sign(facing)
    )
    return _hold_track(pose, figure, facing, fps, UPRIGHT_BODY_HEIGHT, frame_size, mirrored)


# -- push-up -----------------------------------------------------------------------------------


PUSHUP_ANKLE_H = 0.07  # on the toes
WRIST_H = 0.03  # the wrist above the floor with the palm flat


def pushup_figure(elbow_deg: Angle, sag_deg: Angle, head_dir: float) -> Figure:
    """A push-up from the side: toes on the floor, hands flat under the shoulders, the body
    pivoting about the toes and bending ``sag_deg`` at the hips (positive: hips below the
    shoulder-knee line); the elbows point back towards the feet. (Real hands stay put and the
    shoulders move a few centimetres ahead of them at the bottom; keeping the wrist under the
    shoulder makes the elbow angle exactly ``elbow_deg``.)
    """
    elbow = np.asarray(elbow_deg, np.float64)
    sag = np.asarray(sag_deg, np.float64)
    leg = THIGH + SHANK
    reach = np.sqrt(UPPER_ARM**2 + FOREARM**2 - 2 * UPPER_ARM * FOREARM * np.cos(np.radians(elbow)))
    rise = WRIST_H + reach - PUSHUP_ANKLE_H
    # Solve leg*sin(a) + TRUNK*sin(a + sag) = rise for the legs' elevation a.
    s = np.radians(sag)
    p_coef, q_coef = leg + TRUNK * np.cos(s), TRUNK * np.sin(s)
    leg_el = np.degrees(np.arcsin(rise / np.hypot(p_coef, q_coef)) - np.arctan2(q_coef, p_coef))
    ankle = _p(0.0, -PUSHUP_ANKLE_H)
    knee = ankle + SHANK * _dir(leg_el, head_dir)
    hip = ankle + leg * _dir(leg_el, head_dir)
    ankle = np.broadcast_to(ankle, hip.shape)
    trunk_el = leg_el + sag
    shoulder = hip + TRUNK * _dir(trunk_el, head_dir)
    # The hands stay under the shoulders, so the elbow angle is exactly ``elbow_deg``.
    wrist = shoulder - _col(reach) * _p(0.0, -1.0)
    elbow_pt = _two_link(wrist, shoulder, FOREARM, UPPER_ARM, toward=_p(-head_dir, 0.0))
    neck_deg = trunk_el
    ear = shoulder + NECK * _dir(neck_deg, head_dir)
    eyes, face = _face_down(ear, neck_deg, head_dir)
    parts = {
        "SHOULDER": shoulder,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-head_dir * 0.04, -0.02),
        "FOOT_INDEX": ankle + _p(head_dir * 0.03, PUSHUP_ANKLE_H),
        "EAR": ear,
        **_hand(elbow_pt, wrist, _dir(0.0, head_dir)),
        **eyes,
    }
    return Figure(parts, face)


def _face_down(
    ear: Point, neck_deg: Angle, head_dir: float
) -> tuple[dict[str, Point], dict[str, Point]]:
    """A face looking at the floor (prone), the nose ahead of the ears along the head."""
    along = _dir(neck_deg, head_dir)
    down = _dir(np.asarray(neck_deg) - 90.0, head_dir)
    nose = ear + 0.035 * along + 0.05 * down
    eye = nose - 0.012 * along - 0.01 * down
    eyes = {"EYE": eye, "EYE_INNER": eye + 0.008 * along, "EYE_OUTER": eye - 0.008 * along}
    return eyes, {"NOSE": nose, "MOUTH": nose - 0.005 * along + 0.03 * down}


def pushup_track(
    reps: int,
    facing: Facing = "left",
    fps: float = 30.0,
    rep_s: float = 2.5,
    *,
    bottom_elbow_deg: float = 80.0,
    top_elbow_deg: float = 175.0,
    sag_deg: float = 0.0,
    amplitudes: list[float] | None = None,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    mirrored: bool = False,
    frame_size: tuple[int, int] = (1280, 720),
) -> PoseTrack:
    """Push-ups from the top position (arms straight), ``rep_s`` each: down 30%, bottom 25%,
    up 30%, top 15% (:func:`tests.synthetic.rep_profile`), after ``lead_s`` at the top.

    ``facing`` is the image side the head is on. The elbow goes from ``top_elbow_deg`` to
    ``bottom_elbow_deg`` (scaled by ``amplitudes`` per rep); the hips bend ``sag_deg`` for the
    whole set (positive: sagging, negative: piked). ``metadata["reps"]`` counts full reps.
    """
    fractions = list(amplitudes) if amplitudes is not None else [1.0] * reps
    if len(fractions) != reps:
        raise ValueError("give one amplitude per rep")
    total = lead_s + reps * rep_s + tail_s
    t = np.arange(round(total * fps)) / fps
    down = rep_profile(t, [lead_s + i * rep_s for i in range(reps)], rep_s, fractions)
    elbow = top_elbow_deg + (bottom_elbow_deg - top_elbow_deg) * down
    figure = pushup_figure(elbow, np.full_like(t, sag_deg), _sign(facing))
    track = assemble_side_view(t, figure, facing, fps, LYING_BODY_HEIGHT, frame_size, mirrored)
    track.metadata["reps"] = str(sum(1 for f in fractions if f >= 1.0))
    return track


# -- side plank, from the front ------------------------------------------------------------


SIDE_PLANK_ELBOW_H = 0.03
# Lying on the side propped on the forearm, before lifting: the hips bent this far below the
# shoulder-knee line (they rest near the floor).
SIDE_LYING_SAG_DEG = 50.0


# The midline's shoulder sits half a shoulder-span above the bottom shoulder, which is straight
# above the bottom elbow; the midline's ankle half an ankle-span above the floor.
SIDE_PLANK_SHOULDER_H = SIDE_PLANK_ELBOW_H + UPPER_ARM + SHOULDER_SPAN / 2
SIDE_PLANK_ANKLE_H = ANKLE_SPAN / 2 + 0.03


def _side_plank_elevations(sag_deg: Angle) -> tuple[FloatArray, FloatArray]:
    """The legs' and the trunk's elevation (degrees) of a side plank whose hips bend
    ``sag_deg``: solves leg*sin(a) + TRUNK*sin(a + sag) = rise for the legs' elevation a."""
    leg = THIGH + SHANK
    rise = SIDE_PLANK_SHOULDER_H - SIDE_PLANK_ANKLE_H
    s = np.radians(sag_deg)
    p_coef, q_coef = leg + TRUNK * np.cos(s), TRUNK * np.sin(s)
    leg_el = np.degrees(np.arcsin(rise / np.hypot(p_coef, q_coef)) - np.arctan2(q_coef, p_coef))
    return np.asarray(leg_el), np.asarray(leg_el + np.asarray(sag_deg))


def side_plank_parts(
    sag_deg: Angle, head_drop_deg: Angle, head_dir: float
) -> tuple[dict[str, Point], dict[str, Point], dict[str, Point]]:
    """A forearm side plank seen from the front (the camera faces the chest): the bottom elbow
    under the bottom shoulder, the feet stacked on the floor, the body's midline straight from
    the feet to the knees and hips, bent ``sag_deg`` at the hips (positive: hips below the
    shoulder-knee line; ``SIDE_LYING_SAG_DEG`` is lying on the side), and the head tipped
    ``head_drop_deg`` towards the floor from the trunk's line. Returns (bottom side, top side,
    face) in body heights.
    """
    leg = THIGH + SHANK
    leg_el, trunk_el = _side_plank_elevations(sag_deg)
    ankle = _p(0.0, -SIDE_PLANK_ANKLE_H)
    knee = ankle + SHANK * _dir(leg_el, head_dir)
    hip = ankle + leg * _dir(leg_el, head_dir)
    ankle = np.broadcast_to(ankle, hip.shape)
    shoulder = hip + TRUNK * _dir(trunk_el, head_dir)
    neck_el = trunk_el - np.asarray(head_drop_deg)
    ear = shoulder + NECK * _dir(neck_el, head_dir)
    across = _dir(trunk_el + 90.0, head_dir)  # perpendicular to the trunk, towards the top side
    leg_across = _dir(leg_el + 90.0, head_dir)
    head_across = _dir(neck_el + 90.0, head_dir)
    mid = {"SHOULDER": shoulder, "HIP": hip, "KNEE": knee, "ANKLE": ankle, "EAR": ear}
    spans = {"SHOULDER": SHOULDER_SPAN, "HIP": HIP_SPAN, "KNEE": KNEE_SPAN, "ANKLE": ANKLE_SPAN}
    spans["EAR"] = EAR_SPAN
    across_of = {"KNEE": leg_across, "ANKLE": leg_across, "EAR": head_across}
    bottom: dict[str, Point] = {}
    top: dict[str, Point] = {}
    for name, point in mid.items():
        direction = across_of.get(name, across)
        bottom[name] = point - spans[name] / 2 * direction
        top[name] = point + spans[name] / 2 * direction
    along_head = _dir(neck_el, head_dir)
    for side in (bottom, top):
        side["HEEL"] = side["ANKLE"] + _p(-head_dir * 0.03, 0.0)
        side["FOOT_INDEX"] = side["ANKLE"] + _p(-head_dir * 0.02, 0.03)
        side["EYE"] = 0.6 * ear + 0.4 * side["EAR"] + 0.04 * along_head
        side["EYE_INNER"] = 0.75 * ear + 0.25 * side["EAR"] + 0.04 * along_head
        side["EYE_OUTER"] = 0.45 * ear + 0.55 * side["EAR"] + 0.04 * along_head
    # Bottom arm: elbow under the shoulder, the forearm on the floor pointing at the camera
    # (drawn as a short stub). Top arm: hand on the hip.
    bottom_elbow = _p(bottom["SHOULDER"][..., 0], -SIDE_PLANK_ELBOW_H)
    bottom.update(_hand(bottom_elbow, bottom_elbow + _p(head_dir * 0.03, 0.0), _dir(0.0, head_dir)))
    top_elbow = top["SHOULDER"] + UPPER_ARM * _dir(trunk_el + 150.0, head_dir)
    top.update(_hand(top_elbow, top["HIP"] + 0.03 * across, _dir(trunk_el + 180.0, head_dir)))
    nose = ear + 0.06 * along_head
    face = {"NOSE": nose, "MOUTH": nose - 0.04 * along_head}
    return bottom, top, face


def side_plank_posture(
    duration_s: float,
    fps: float = 30.0,
    *,
    sag_deg: float = 0.0,
    head_drop_deg: float = 0.0,
    lead_s: float = 1.5,
    ramp_s: float = 0.8,
    tail_s: float = 1.5,
) -> Posture:
    """Lying on the side propped on a forearm for ``lead_s``, lifting the hips over ``ramp_s``,
    holding the side plank for ``duration_s`` with the hips bent ``sag_deg`` and the head
    tipped ``head_drop_deg``, lowering over ``ramp_s`` and lying for ``tail_s``. Angles:
    ``hip_line_deg`` (minus the sag), ``head_drop_deg`` and ``body_incline_deg`` (the
    knee-to-shoulder line's elevation)."""
    t, start, end, lift = _timeline(duration_s, fps, lead_s, ramp_s, tail_s)
    sag = SIDE_LYING_SAG_DEG + (sag_deg - SIDE_LYING_SAG_DEG) * lift
    leg_el, trunk_el = np.radians(_side_plank_elevations(sag))
    knee_to_shoulder = _p(
        THIGH * np.cos(leg_el) + TRUNK * np.cos(trunk_el),
        THIGH * np.sin(leg_el) + TRUNK * np.sin(trunk_el),
    )
    angles = {
        "hip_line_deg": -sag,
        "head_drop_deg": head_drop_deg * lift,
        "body_incline_deg": np.degrees(np.arctan2(knee_to_shoulder[:, 1], knee_to_shoulder[:, 0])),
    }
    return Posture(t, start, end, angles)


def side_plank_track(
    duration_s: float,
    facing: Facing = "left",
    fps: float = 30.0,
    *,
    frame_size: tuple[int, int] = (1280, 720),
    **posture: float,
) -> PoseTrack:
    """A side plank from the front (see :func:`side_plank_posture`). ``facing`` is the image
    side the head is on; facing the camera with the head on the left, a person lies on the
    right side (``metadata["bottom"]``). Both sides are equally near and visible."""
    pose = side_plank_posture(duration_s, fps, **posture)
    head_dir = _sign(facing)
    bottom, top, face = side_plank_parts(
        -pose.angles["hip_line_deg"], pose.angles["head_drop_deg"], head_dir
    )
    bottom_side: Facing = "right" if facing == "left" else "left"
    top_side: Facing = "left" if bottom_side == "right" else "right"
    sides = {bottom_side: bottom, top_side: top}
    quality = {side: (0.0, 0.9) for side in sides}
    track = _track(pose.t, sides, face, quality, fps, LYING_BODY_HEIGHT, frame_size, False)
    track.metadata.update(
        {
            "hold_start_s": f"{pose.hold_start_s:.6f}",
            "hold_end_s": f"{pose.hold_end_s:.6f}",
            "bottom": bottom_side,
        }
    )
    return track


# -- assembly ----------------------------------------------------------------------------------


def _sign(facing: Facing) -> float:
    return -1.0 if facing == "left" else 1.0


def assemble_side_view(
    t: FloatArray,
    figure: Figure,
    facing: Facing,
    fps: float,
    body_height: float,
    frame_size: tuple[int, int],
    mirrored: bool,
) -> PoseTrack:
    """A side view: the near side (the side ``facing`` names, as for a prone or upright person
    whose front points that way) as drawn, the far side a shifted copy, further and less
    visible, as in :func:`tests.synthetic._assemble`."""
    near = facing
    far: Facing = "right" if near == "left" else "left"
    sides = {near: figure.parts, far: {k: v + FAR_OFFSET for k, v in figure.parts.items()}}
    quality = {near: (NEAR_Z, NEAR_VISIBILITY), far: (FAR_Z, FAR_VISIBILITY)}
    track = _track(t, sides, figure.face, quality, fps, body_height, frame_size, mirrored)
    track.metadata["near"] = near
    return track


def _track(
    t: FloatArray,
    sides: Mapping[str, Mapping[str, Point]],
    face: Mapping[str, Point],
    quality: Mapping[str, tuple[float, float]],
    fps: float,
    body_height: float,
    frame_size: tuple[int, int],
    mirrored: bool,
) -> PoseTrack:
    """Places both sides' parts (body heights) in the frame, centred, feet on ``FLOOR_Y``."""
    width, height = frame_size
    aspect = width / height
    count = len(t)
    xyz = np.full((count, NUM_LANDMARKS, 3), np.nan)
    visibility = np.zeros((count, NUM_LANDMARKS))
    every = [np.broadcast_to(p, (count, 2)) for parts in sides.values() for p in parts.values()]
    xs = np.concatenate([p[:, 0] for p in every])
    centre_x = 0.5 * (xs.min() + xs.max())

    def put(name: str, points: Point, z: float, seen: float) -> None:
        points = np.broadcast_to(points, (count, 2))
        x_plane = aspect / 2 + (points[:, 0] - centre_x) * body_height
        y_plane = FLOOR_Y + points[:, 1] * body_height
        xyz[:, PoseLandmark[name], 0] = x_plane / aspect
        xyz[:, PoseLandmark[name], 1] = y_plane
        xyz[:, PoseLandmark[name], 2] = z
        visibility[:, PoseLandmark[name]] = seen

    for side, parts in sides.items():
        z, seen = quality[side]
        for part, points in parts.items():
            put(f"{side.upper()}_{part}", points, z, seen)
        mouth = face["MOUTH"] if side == next(iter(sides)) else face["MOUTH"] + FAR_OFFSET
        put(f"MOUTH_{side.upper()}", mouth, z, seen)
    first_z, first_seen = quality[next(iter(sides))]
    put("NOSE", face["NOSE"], first_z, first_seen)
    if np.isnan(xyz).any():
        missing = [lm.name for lm in PoseLandmark if np.isnan(xyz[:, lm]).any()]
        raise ValueError(f"the figure leaves landmarks undrawn: {missing}")
    if mirrored:
        xyz[..., 0] = 1.0 - xyz[..., 0]
    return PoseTrack(
        timestamp_s=np.asarray(t, dtype=np.float64),
        xyz=xyz,
        visibility=visibility,
        num_people=np.ones(count, dtype=np.int64),
        frame_width=width,
        frame_height=height,
        fps=fps,
        metadata={},
    )


def trim(track: PoseTrack, start_s: float, end_s: float) -> PoseTrack:
    """The part of ``track`` from ``start_s`` to ``end_s``, its clock restarting at 0 (a clip
    that starts or ends mid-movement)."""
    keep = (track.timestamp_s >= start_s) & (track.timestamp_s < end_s)
    return PoseTrack(
        timestamp_s=track.timestamp_s[keep] - track.timestamp_s[keep][0],
        xyz=track.xyz[keep].copy(),
        visibility=track.visibility[keep].copy(),
        num_people=track.num_people[keep].copy(),
        frame_width=track.frame_width,
        frame_height=track.frame_height,
        fps=track.fps,
        metadata=dict(track.metadata),
    )
