"""Synthetic pose tracks for the one-sided and alternating exercises, with known ground truth.

Covers knee-to-chest, supine twist, piriformis (figure-4 and pigeon), dead bug, bird dog, half-kneeling hip
flexor stretch, standing quadriceps stretch, lunge, posture and safe lifting. Like
:mod:`tests.synthetic` (whose segment lengths and rep profile this reuses), a stick figure with
adult proportions is posed in every frame from a few angles, so a test knows by construction
which side did how many reps, when each side's hold started and ended, and which fault was
shown. Nothing here uses formcheck's kinematics.

Differences from :mod:`tests.synthetic`:

* the figure is built in 3D (x along the floor, image right; y up; z towards the camera, in body
  heights), because these exercises use both sides of the body (the left leg while the right
  arm reaches, knees falling to one side) and the far side cannot be a copy of the near one.
  It is seen side-on from a camera a little above and beside the body: far-side points appear
  slightly right of and above the near ones (about as much as ``FAR_OFFSET`` in
  :mod:`tests.synthetic`), as in real footage;
* landmark z is minus the lateral coordinate (smaller is nearer, as MediaPipe), visibility is
  0.95 on the near side and 0.6 on the far side;
* ``facing``: for figures lying on the floor (supine, on all fours) it is the image side the
  **head** is on, as in :mod:`tests.synthetic`; for upright figures (kneeling, standing,
  sitting) it is the side the person **faces**. The near side follows the anatomy: lying on the
  back with the head on the left, the camera sees the right side; on all fours with the head on
  the left, and standing facing left, it sees the left side;
* ``mirrored=True`` flips x (a mirrored webcam): the head swaps image side, the near side stays.

Holds are ``(side, start_s, end_s)``: the side is fully in the held position from ``start_s`` to
``end_s`` and moves in and out over ``ramp_s`` just outside that window. Rep patterns are strings,
one character per rep: ``"LRL"`` is left, right, left. Faults are ``(start_s, end_s, degrees)``
windows with eased edges centred on start and end, or per-rep amounts.

Example::

    track = knee_to_chest_track([("left", 2.0, 8.0), ("right", 11.0, 17.0)], facing="right")
    reps = bird_dog_track("LRLR", facing="left", leg_top_deg=25.0)  # legs swung too high
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import Literal

import numpy as np

from formcheck.landmarks import NUM_LANDMARKS, FloatArray, PoseLandmark, PoseTrack
from tests.synthetic import FOREARM, HAND, NECK, SHANK, THIGH, TRUNK, UPPER_ARM, rep_profile

Facing = Literal["left", "right"]
Side = Literal["left", "right"]
Hold = tuple[Side, float, float]  # (side, start_s, end_s)
Window = tuple[float, float, float]  # (start_s, end_s, degrees)
Angle = float | FloatArray

# Half the distance between the two hip joints, shoulder joints and ears, in body heights.
HIP_HALF = 0.05
SHOULDER_HALF = 0.1
EAR_HALF = 0.045
# The camera is a little above and beside the body: lateral depth shifts points in the picture.
DEPTH_SHIFT_X = -0.06
DEPTH_SHIFT_Y = -0.1
NEAR_VISIBILITY, FAR_VISIBILITY = 0.95, 0.6
FLOOR_Y = 0.88  # floor line, frame heights
LYING_BODY_HEIGHT = 1.2  # frame heights, for figures along the floor
UPRIGHT_BODY_HEIGHT = 0.75  # frame heights, for kneeling, standing and sitting figures
SUPINE_JOINT_H = 0.05  # shoulder and hip joints above the floor, lying on the back
FPS = 30.0
SIDES: tuple[Side, Side] = ("left", "right")


# -- small helpers ---------------------------------------------------------------------------


def _ease(x: FloatArray) -> FloatArray:
    """0 -> 1 with zero slope at both ends."""
    clipped = np.clip(x, 0.0, 1.0)
    return np.asarray(0.5 - 0.5 * np.cos(np.pi * clipped))


def _col(values: Angle) -> FloatArray:
    return np.asarray(values, np.float64)[..., None]


def _v(x: Angle, y: Angle, z: Angle = 0.0) -> FloatArray:
    """Points from coordinates (scalars or ``(T,)``, broadcast): ``(..., 3)``."""
    arrays = np.broadcast_arrays(
        np.asarray(x, np.float64), np.asarray(y, np.float64), np.asarray(z, np.float64)
    )
    return np.stack(arrays, -1)


def _dir(angle_deg: Angle, forward: float) -> FloatArray:
    """Unit vectors in the x-y plane, ``angle_deg`` above horizontal, pointing along x by
    ``forward`` (+1 image right, -1 image left)."""
    rad = np.radians(angle_deg)
    return _v(forward * np.cos(rad), np.sin(rad))


def _holding(t: FloatArray, holds: Sequence[Hold], side: Side, ramp_s: float) -> FloatArray:
    """1 while ``side`` is held (ramping in before start and out after end), else 0."""
    out = np.zeros_like(t)
    for hold_side, start, end in holds:
        if hold_side == side:
            rise = _ease((t - start + ramp_s) / ramp_s)
            fall = _ease((t - end) / ramp_s)
            out = np.maximum(out, rise - fall)
    return out


def _window(t: FloatArray, windows: Sequence[Window], ramp_s: float = 0.3) -> FloatArray:
    """Each window's degrees inside it, 0 outside, with eased edges centred on start and end."""
    out = np.zeros_like(t)
    for start, end, degrees in windows:
        rise = _ease((t - start + ramp_s / 2) / ramp_s)
        fall = _ease((t - end + ramp_s / 2) / ramp_s)
        out = out + degrees * (rise - fall)
    return out


def _lerp(a: Angle, b: Angle, weight: FloatArray) -> FloatArray:
    return np.asarray(a + (np.asarray(b) - np.asarray(a)) * weight)


def _lerp_points(a: FloatArray, b: FloatArray, weight: FloatArray) -> FloatArray:
    return np.asarray(a + (b - a) * _col(weight))


def _two_link(
    root: FloatArray, end: FloatArray, first: float, second: float, bend: FloatArray
) -> FloatArray:
    """The middle joint of a two-segment chain from ``root`` to ``end`` (lengths ``first`` and
    ``second``), on the side of the chord that ``bend`` (a direction) points to."""
    chord = end - root
    length = np.linalg.norm(chord, axis=-1)
    length = np.clip(length, 1e-9, first + second - 1e-9)
    u = chord / _col(length)
    along = (first**2 - second**2 + length**2) / (2 * length)
    height = np.sqrt(np.maximum(first**2 - along**2, 0.0))
    normal = bend - _col(np.sum(bend * u, axis=-1)) * u
    normal = normal / _col(np.maximum(np.linalg.norm(normal, axis=-1), 1e-12))
    return np.asarray(root + _col(along) * u + _col(height) * normal)


def _settled(
    t: FloatArray, moving: FloatArray, most_deg: float = 3.0, time_constant_s: float = 3.0
) -> FloatArray:
    """Degrees crept further into rest since the last movement, up to ``most_deg`` (reset by
    every movement).

    Added in the rest direction, it puts each rep's most rest-like moment just before the rep
    starts (as a person settling back), so a rep's start, and so its duration, are well defined
    rather than decided by rounding on a perfectly still rest.
    """
    since = np.zeros_like(t)
    for i in range(1, len(t)):
        since[i] = 0.0 if moving[i] > 1e-9 else since[i - 1] + (t[i] - t[i - 1])
    return np.asarray(most_deg * (1.0 - np.exp(-since / time_constant_s)))


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def _pattern_sides(pattern: str) -> list[Side]:
    sides: list[Side] = []
    for char in pattern:
        if char not in "LR":
            raise ValueError(f"rep patterns use L and R only (got {char!r})")
        sides.append("left" if char == "L" else "right")
    return sides


def _rep_fractions(
    t: FloatArray,
    sides: Sequence[Side],
    starts: Sequence[float],
    rep_s: float,
    reps: Collection[int] | None = None,
) -> dict[Side, FloatArray]:
    """Per side, the movement fraction over time (0 at rest, 1 at the top of its reps); only
    of ``reps`` (1-based, in pattern order) when given."""
    return {
        side: rep_profile(
            t,
            starts,
            rep_s,
            [
                1.0 if s == side and (reps is None or number in reps) else 0.0
                for number, s in enumerate(sides, start=1)
            ],
        )
        for side in SIDES
    }


# -- faces, hands and feet ---------------------------------------------------------------------


def _put_face(
    points: dict[str, FloatArray],
    mid_ear: FloatArray,
    nose_offset: FloatArray,
    lateral: dict[Side, float],
) -> None:
    """Ears either side of ``mid_ear``, nose at ``mid_ear + nose_offset`` (ahead of the ears in
    the direction the face points, which is what sets the facing direction), eyes and mouth
    around the nose."""
    nose = mid_ear + nose_offset
    points["NOSE"] = nose
    for side in SIDES:
        z = lateral[side]
        upper = side.upper()
        points[f"{upper}_EAR"] = mid_ear + _v(0.0, 0.0, z * EAR_HALF)
        eye = mid_ear + 0.75 * nose_offset + _v(0.0, 0.0, z * 0.03)
        points[f"{upper}_EYE"] = eye
        points[f"{upper}_EYE_INNER"] = eye + _v(0.0, 0.0, -z * 0.01)
        points[f"{upper}_EYE_OUTER"] = eye + _v(0.0, 0.0, z * 0.01)
        points[f"MOUTH_{upper}"] = mid_ear + 0.85 * nose_offset + _v(0.0, -0.02, z * 0.02)


def _put_hand(
    points: dict[str, FloatArray], upper: str, elbow: FloatArray, wrist: FloatArray
) -> None:
    along = wrist - elbow
    along = along / _col(np.maximum(np.linalg.norm(along, axis=-1), 1e-12))
    points[f"{upper}_ELBOW"] = elbow
    points[f"{upper}_WRIST"] = wrist
    points[f"{upper}_INDEX"] = wrist + HAND * along
    points[f"{upper}_PINKY"] = wrist + 0.85 * HAND * along + _v(0.0, -0.01)
    points[f"{upper}_THUMB"] = wrist + 0.5 * HAND * along + _v(0.0, 0.015)


def _put_foot(
    points: dict[str, FloatArray], upper: str, ankle: FloatArray, toe_dir: FloatArray
) -> None:
    points[f"{upper}_ANKLE"] = ankle
    points[f"{upper}_HEEL"] = ankle - 0.04 * toe_dir + _v(0.0, -0.03)
    points[f"{upper}_FOOT_INDEX"] = ankle + 0.13 * toe_dir + _v(0.0, -0.03)


# -- assembly --------------------------------------------------------------------------------


def _assemble(
    t: FloatArray,
    points: dict[str, FloatArray],
    near: Side,
    body_height: float,
    *,
    fps: float,
    mirrored: bool,
    frame_size: tuple[int, int] = (1280, 720),
) -> PoseTrack:
    """Projects the 3D points side-on and writes the 33 landmarks."""
    width, height = frame_size
    aspect = width / height
    count = len(t)
    missing = {lm.name for lm in PoseLandmark} - set(points)
    if missing:
        raise ValueError(f"figure lacks landmarks: {sorted(missing)}")
    pts = {k: np.broadcast_to(v, (count, 3)) for k, v in points.items()}
    image_x = {k: p[:, 0] + DEPTH_SHIFT_X * p[:, 2] for k, p in pts.items()}
    image_up = {k: p[:, 1] + DEPTH_SHIFT_Y * p[:, 2] for k, p in pts.items()}
    # One placement for the whole clip, so the figure does not drift from frame to frame.
    xs = np.concatenate(list(image_x.values()))
    centre = 0.5 * (xs.min() + xs.max())
    xyz = np.empty((count, NUM_LANDMARKS, 3))
    visibility = np.empty((count, NUM_LANDMARKS))
    for name, p in pts.items():
        index = PoseLandmark[name]
        xyz[:, index, 0] = (aspect / 2 + (image_x[name] - centre) * body_height) / aspect
        xyz[:, index, 1] = FLOOR_Y - image_up[name] * body_height
        xyz[:, index, 2] = -p[:, 2]
        far = name.startswith(
            ("LEFT_", "MOUTH_LEFT") if near == "right" else ("RIGHT_", "MOUTH_RIGHT")
        )
        visibility[:, index] = FAR_VISIBILITY if far else NEAR_VISIBILITY
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
        metadata={"near": near},
    )


def _times(duration_s: float, fps: float) -> FloatArray:
    return np.arange(round(duration_s * fps)) / fps


def _holds_metadata(holds: Sequence[Hold]) -> dict[str, str]:
    return {"holds": ";".join(f"{side}:{start:.6f}:{end:.6f}" for side, start, end in holds)}


def _hold_times(
    holds: Sequence[Hold],
    duration_s: float | None,
    ramp_s: float,
    fps: float,
    *,
    lead_s: float = 0.0,
) -> FloatArray:
    """Frame times of a clip of ``holds``: ``duration_s`` long, or by default 2 s past the last
    hold's ramp out (``lead_s`` with no holds); the holds are checked to fit it."""
    end = max((h[2] for h in holds), default=lead_s) + ramp_s + 2.0
    duration = duration_s if duration_s is not None else end
    _check_holds(holds, duration, ramp_s)
    return _times(duration, fps)


def _check_holds(holds: Sequence[Hold], duration_s: float, ramp_s: float) -> None:
    ordered = sorted(holds, key=lambda h: h[1])
    for (_, _, end), (_, start, _) in itertools.pairwise(ordered):
        if start - end < 2 * ramp_s:
            raise ValueError("holds must be at least two ramps apart")
    if ordered and (ordered[0][1] < ramp_s or ordered[-1][2] > duration_s - ramp_s):
        raise ValueError("holds must leave a ramp's time at both ends of the clip")


# -- lying on the back -----------------------------------------------------------------------

# Knees bent, feet flat: the thigh 50 degrees up from the floor, the knee at 80 degrees.
SUPINE_FEET_DOWN = (50.0, 80.0)


def _supine_figure(
    head_dir: float,
    thigh: Mapping[Side, Angle],
    knee: Mapping[Side, Angle],
    *,
    trunk_deg: Angle = 0.0,
    arm_deg: Mapping[Side, Angle] | None = None,
    twist_deg: Angle = 0.0,
    top_knee_lag_deg: Angle = 0.0,
    shoulder_lift: Mapping[Side, Angle] | None = None,
    figure4: tuple[Side, FloatArray] | None = None,
) -> dict[str, FloatArray]:
    """Lying on the back, head towards ``head_dir`` (+1 image right).

    Args:
        thigh, knee: per side, the thigh's angle up from the floor measured from the feet's
            direction (0 along the floor, 90 vertical, over 90 towards the chest) and the knee
            angle (180 straight).
        trunk_deg: the hip-to-shoulder line's angle to the floor: positive curls the head and
            shoulders up (about the hips), negative rolls the hips up (about the shoulders).
        arm_deg: per side, the straight arm's angle from the trunk towards the feet (0 by the
            side, 90 pointing at the ceiling, 180 overhead); default 20.
        twist_deg: both knees fall to the left (positive) or right (negative), turning legs and
            pelvis about the body's long axis; ``top_knee_lag_deg`` turns the upper leg less
            (knees coming apart).
        shoulder_lift: per side, degrees that shoulder rolls up about the other one (one side
            at a time).
        figure4: ``(side, weight)``: that ankle crosses onto the other knee (weight 1), the
            knee falling out to the side.
    """
    feet = -head_dir
    # Supine: the left side is towards head_dir.
    lateral: dict[Side, float] = {"left": head_dir, "right": -head_dir}
    arms = arm_deg if arm_deg is not None else {"left": 20.0, "right": 20.0}
    trunk = np.radians(trunk_deg)
    # Pivot on the hips when the shoulders curl up, on the shoulders when the hips roll up.
    up = np.asarray(trunk_deg) >= 0
    hip_x = np.where(up, TRUNK, TRUNK * np.cos(trunk))
    hip_y = np.where(up, SUPINE_JOINT_H, SUPINE_JOINT_H - TRUNK * np.sin(trunk))
    shoulder_x = np.where(up, TRUNK - TRUNK * np.cos(trunk), 0.0)
    shoulder_y = np.where(up, SUPINE_JOINT_H + TRUNK * np.sin(trunk), SUPINE_JOINT_H)
    mid_hip = _v(feet * hip_x, hip_y)
    mid_shoulder = _v(feet * shoulder_x, shoulder_y)
    towards_head = mid_shoulder - mid_hip
    towards_head = towards_head / _col(np.linalg.norm(towards_head, axis=-1))

    points: dict[str, FloatArray] = {}
    # Legs in the body's frame (a: along towards the feet, y: up, w: towards the left), then
    # turned about the long axis through the hips for the twist.
    legs: dict[Side, dict[str, FloatArray]] = {}
    for side in SIDES:
        w = HIP_HALF if side == "left" else -HIP_HALF
        thigh_dir = _v(np.cos(np.radians(thigh[side])), np.sin(np.radians(thigh[side])))
        shank_el = np.radians(np.asarray(thigh[side]) - (180.0 - np.asarray(knee[side])))
        shank_dir = _v(np.cos(shank_el), np.sin(shank_el))
        hip = _v(hip_x, hip_y, w)
        knee_pt = hip + THIGH * thigh_dir
        ankle = knee_pt + SHANK * shank_dir
        legs[side] = {"HIP": hip, "KNEE": knee_pt, "ANKLE": ankle}
    if figure4 is not None:
        side, weight = figure4
        other = _other(side)
        out_w = 1.0 if side == "left" else -1.0
        rest_on = legs[other]["KNEE"] + _v(-0.02, 0.035, out_w * 0.02)
        bend = _v(0.0, 0.3, out_w * 1.0)
        crossed_knee = _two_link(legs[side]["HIP"], rest_on, THIGH, SHANK, bend)
        legs[side]["KNEE"] = _lerp_points(legs[side]["KNEE"], crossed_knee, np.asarray(weight))
        legs[side]["ANKLE"] = _lerp_points(legs[side]["ANKLE"], rest_on, np.asarray(weight))
    twist = np.radians(twist_deg)
    lag = np.radians(top_knee_lag_deg) * np.sign(twist)
    for side in SIDES:
        # The upper leg (the one away from the side the knees fall to) may lag behind.
        top = (side == "right") == (np.asarray(twist_deg) > 0)
        angle = np.where(top, twist - lag, twist)
        for part, p in legs[side].items():
            angle_here = twist if part == "HIP" else angle
            dy, dw = p[..., 1] - hip_y, p[..., 2]
            c, s = np.cos(angle_here), np.sin(angle_here)
            legs[side][part] = _v(p[..., 0], hip_y + dy * c - dw * s, dy * s + dw * c)
    to_world = np.array([feet, 1.0, head_dir])  # (along, up, towards the left) -> (x, y, z)
    for side in SIDES:
        upper = side.upper()
        for part, p in legs[side].items():
            world = p * to_world
            if part == "ANKLE":
                _put_foot(points, upper, world, _v(feet, 0.0))
            else:
                points[f"{upper}_{part}"] = world

    # Shoulders, arms and head.
    shoulders: dict[Side, FloatArray] = {
        side: mid_shoulder + _v(0.0, 0.0, lateral[side] * SHOULDER_HALF) for side in SIDES
    }
    for lifted, degrees in (shoulder_lift or {}).items():
        down = _other(lifted)
        alpha = np.radians(degrees)
        span = 2 * SHOULDER_HALF
        rolled = _v(0.0, span * np.sin(alpha), lateral[lifted] * span * np.cos(alpha))
        shoulders[lifted] = shoulders[down] + rolled
    for side in SIDES:
        upper = side.upper()
        points[f"{upper}_SHOULDER"] = shoulders[side]
        el = np.radians(arms[side])
        # 0 towards the feet along the trunk, 90 straight up, 180 overhead.
        arm_dir = -towards_head * _col(np.cos(el)) + _v(0.0, 1.0) * _col(np.sin(el))
        elbow = shoulders[side] + UPPER_ARM * arm_dir
        _put_hand(points, upper, elbow, elbow + FOREARM * arm_dir)
    mid_ear = 0.5 * (shoulders["left"] + shoulders["right"]) + NECK * towards_head
    _put_face(points, mid_ear, _v(head_dir * 0.03, 0.075), lateral)
    return points


def supine_near_side(facing: Facing) -> Side:
    """The side nearer the camera of a person lying on their back, head towards ``facing``."""
    return "right" if facing == "left" else "left"


def knee_to_chest_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    duration_s: float | None = None,
    other_leg_up: Sequence[Window] = (),
    shoulders_up: Sequence[Window] = (),
    pelvis_up: Sequence[Window] = (),
    ramp_s: float = 0.8,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Lying with both feet down; in each hold one knee is drawn to the chest (thigh 125 degrees
    up, knee 55).

    Args:
        holds: ``(side, start_s, end_s)`` of each hold.
        other_leg_up: windows where the other leg comes up as well (``degrees`` is how far its
            thigh rises from feet-down, 70 reaching knee-to-chest).
        shoulders_up: windows where the head and shoulders curl up ``degrees``.
        pelvis_up: windows where the hips roll up ``degrees`` (the trunk line tips the other way).
    """
    t = _hold_times(holds, duration_s, ramp_s, fps)
    head_dir = -1.0 if facing == "left" else 1.0
    drawn = {side: _holding(t, holds, side, ramp_s) for side in SIDES}
    lifted = _window(t, other_leg_up) / 70.0
    thigh, knee = {}, {}
    for side in SIDES:
        other = _other(side)
        weight = np.maximum(drawn[side], np.clip(lifted, 0, 1) * drawn[other])
        thigh[side] = _lerp(SUPINE_FEET_DOWN[0], 125.0, weight)
        knee[side] = _lerp(SUPINE_FEET_DOWN[1], 55.0, weight)
    trunk = _window(t, shoulders_up) - _window(t, pelvis_up)
    figure = _supine_figure(head_dir, thigh, knee, trunk_deg=trunk)
    track = _assemble(
        t, figure, supine_near_side(facing), LYING_BODY_HEIGHT, fps=fps, mirrored=mirrored
    )
    track.metadata.update(_holds_metadata(holds))
    return track


def supine_twist_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    twist_deg: float = 75.0,
    duration_s: float | None = None,
    shoulder_lift: Sequence[Window] = (),
    knees_apart: Sequence[Window] = (),
    ramp_s: float = 1.0,
    lead_s: float = 4.0,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Lying with knees bent and feet down (still for ``lead_s`` first, for the calibration);
    in each hold both knees fall ``twist_deg`` to that side.

    Args:
        holds: ``(side, start_s, end_s)``: the side the knees fall to.
        shoulder_lift: windows where the shoulder opposite the knees rolls up ``degrees``.
        knees_apart: windows where the upper leg lags ``degrees`` behind the lower one.
    """
    if holds and min(h[1] for h in holds) - ramp_s < lead_s:
        raise ValueError("the first hold must start after the lead-in")
    t = _hold_times(holds, duration_s, ramp_s, fps, lead_s=lead_s)
    head_dir = -1.0 if facing == "left" else 1.0
    toward_left = _holding(t, holds, "left", ramp_s) - _holding(t, holds, "right", ramp_s)
    twist = twist_deg * toward_left
    thigh = {side: np.full_like(t, SUPINE_FEET_DOWN[0]) for side in SIDES}
    knee = {side: np.full_like(t, SUPINE_FEET_DOWN[1]) for side in SIDES}
    # The shoulder opposite the knees lifts: the right one while the knees are to the left.
    lift = _window(t, shoulder_lift)
    figure = _supine_figure(
        head_dir,
        thigh,
        knee,
        arm_deg={"left": 80.0, "right": 80.0},
        twist_deg=twist,
        top_knee_lag_deg=_window(t, knees_apart),
        shoulder_lift={"right": lift * (toward_left > 0), "left": lift * (toward_left < 0)},
    )
    track = _assemble(
        t, figure, supine_near_side(facing), LYING_BODY_HEIGHT, fps=fps, mirrored=mirrored
    )
    track.metadata.update(_holds_metadata(holds))
    return track


def piriformis_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    supporting_thigh_deg: float = 95.0,
    duration_s: float | None = None,
    shoulders_up: Sequence[Window] = (),
    pelvis_up: Sequence[Window] = (),
    ramp_s: float = 1.0,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Lying with both feet down; in each hold that side's ankle crosses onto the other knee and
    the supporting thigh is drawn up to ``supporting_thigh_deg`` (50: its foot stays down).

    Args:
        holds: ``(side, start_s, end_s)``: the crossed (stretched) side.
        shoulders_up, pelvis_up: as in :func:`knee_to_chest_track`.
    """
    t = _hold_times(holds, duration_s, ramp_s, fps)
    head_dir = -1.0 if facing == "left" else 1.0
    thigh: dict[Side, FloatArray] = {}
    knee: dict[Side, FloatArray] = {}
    crossed = {side: _holding(t, holds, side, ramp_s) for side in SIDES}
    for side in SIDES:
        other = _other(side)
        # The supporting leg comes up first and goes down last (it carries the crossed ankle).
        support = np.clip(1.5 * crossed[other], 0.0, 1.0)
        thigh[side] = _lerp(SUPINE_FEET_DOWN[0], supporting_thigh_deg, support)
        knee[side] = _lerp(SUPINE_FEET_DOWN[1], 90.0, support)
    trunk = _window(t, shoulders_up) - _window(t, pelvis_up)
    # Each side crosses in its own holds: build both crossings and take the legs from whichever
    # side is crossing (the other figure is then the uncrossed one).
    figures = {
        side: _supine_figure(head_dir, thigh, knee, trunk_deg=trunk, figure4=(side, crossed[side]))
        for side in SIDES
    }
    left_turn = (crossed["left"] >= crossed["right"])[:, None]
    figure = {
        name: np.where(left_turn, figures["left"][name], figures["right"][name])
        for name in figures["left"]
    }
    track = _assemble(
        t, figure, supine_near_side(facing), LYING_BODY_HEIGHT, fps=fps, mirrored=mirrored
    )
    track.metadata.update(_holds_metadata(holds))
    return track


PIGEON_HIP_H = 0.09  # hip joints above the floor, sitting down into a pigeon


def pigeon_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    lean_deg: float = 10.0,
    back_knee_deg: float = 170.0,
    duration_s: float | None = None,
    ramp_s: float = 1.0,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Tall kneeling on both knees; in each hold that side's knee comes forward onto the floor
    with its shin across the body (the pigeon stretch's front leg, whose buttock is stretched),
    the other leg slides back along the floor and the hips sit down.

    Args:
        holds: ``(side, start_s, end_s)``: the front (stretched) side.
        lean_deg: the trunk's lean forward of vertical in the pigeon (80: folded over the leg).
        back_knee_deg: the back knee's angle (170 straight; under 90: its foot drawn up, as in
            a king pigeon).
    """
    t = _hold_times(holds, duration_s, ramp_s, fps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    front = {side: _holding(t, holds, side, ramp_s) for side in SIDES}
    weight = front["left"] + front["right"]  # how far into the pigeon, whichever side
    mid_hip = _lerp_points(_v(0.0, KNEEL_H + THIGH), _v(0.0, PIGEON_HIP_H), weight)
    points: dict[str, FloatArray] = {}
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        # Kneeling upright: knee under the hip, shin back along the floor.
        knee_kneeling = _v(0.0, KNEEL_H, z * HIP_HALF)
        ankle_kneeling = knee_kneeling + SHANK * _dir(0.0, -f)
        # Front leg: the knee forward on the floor a little out to its side, the shin across
        # the body towards the other hip (mostly across the line of sight, so it looks folded).
        knee_front = _v(f * 0.85 * THIGH, KNEEL_H, z * 2 * HIP_HALF)
        across = _v(-f * 0.25, 0.0, -z * 0.97)
        ankle_front = knee_front + SHANK * across / np.linalg.norm(across)
        # Back leg: the thigh low behind the hips, the shin on along the floor (or drawn up).
        knee_back = hip + THIGH * _dir(-12.0, -f)
        ankle_back = knee_back + SHANK * _dir(-12.0 + (180.0 - back_knee_deg), -f)
        in_front = _col(front[side] >= front[_other(side)])
        knee_pigeon = np.where(in_front, knee_front, knee_back)
        ankle_pigeon = np.where(in_front, ankle_front, ankle_back)
        knee = _lerp_points(knee_kneeling, knee_pigeon, weight)
        ankle = _lerp_points(ankle_kneeling, ankle_pigeon, weight)
        points[f"{upper}_HIP"] = hip
        points[f"{upper}_KNEE"] = knee
        _put_foot(points, upper, ankle, _v(-f, 0.0))
    _upper_body(points, mid_hip, lean_deg * weight, f, lateral, arm_deg=-75.0)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update(_holds_metadata(holds))
    return track


def dead_bug_track(
    pattern: str,
    facing: Facing = "left",
    *,
    rep_s: float = 3.0,
    arm_reach: bool = True,
    other_leg_drop_deg: float = 0.0,
    other_leg_drop_reps: Sequence[int] | None = None,
    shoulders_up_deg: float = 0.0,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Lying in tabletop (thighs vertical, knees 90, arms to the ceiling); each rep one leg
    reaches out long (thigh 15 degrees up, knee 170) while the opposite arm goes overhead.

    Args:
        pattern: the working leg of each rep (``"LRLR"``).
        arm_reach: the opposite arm reaches overhead (else it stays pointing up).
        other_leg_drop_deg: during each rep the other thigh drops this far from vertical.
        other_leg_drop_reps: only during these reps (1-based, in pattern order); None: all.
        shoulders_up_deg: during each rep the head and shoulders curl up this far.
    """
    sides = _pattern_sides(pattern)
    t = _times(lead_s + len(sides) * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(len(sides))]
    moving = _rep_fractions(t, sides, starts, rep_s)
    dropping = _rep_fractions(t, sides, starts, rep_s, other_leg_drop_reps)
    head_dir = -1.0 if facing == "left" else 1.0
    thigh: dict[Side, FloatArray] = {}
    knee: dict[Side, FloatArray] = {}
    arms: dict[Side, FloatArray] = {}
    for side in SIDES:
        other = _other(side)
        resting = 86.0 + _settled(t, moving[side])  # settling into tabletop between reps
        thigh[side] = resting - 74.0 * moving[side] - other_leg_drop_deg * dropping[other]
        knee[side] = 90.0 + 80.0 * moving[side]
        arms[side] = 90.0 + (80.0 if arm_reach else 0.0) * moving[other]
    trunk = shoulders_up_deg * (moving["left"] + moving["right"])
    figure = _supine_figure(head_dir, thigh, knee, trunk_deg=trunk, arm_deg=arms)
    track = _assemble(
        t, figure, supine_near_side(facing), LYING_BODY_HEIGHT, fps=fps, mirrored=mirrored
    )
    track.metadata.update({"pattern": pattern})
    return track


# -- on all fours ----------------------------------------------------------------------------

QUAD_SHOULDER_H = UPPER_ARM + FOREARM + 0.02  # shoulder joint above the floor, arms straight
QUAD_HIP_H = THIGH + 0.03  # hip joint above the floor, kneeling


def bird_dog_track(
    pattern: str,
    facing: Facing = "left",
    *,
    rep_s: float = 8.0,
    leg_top_deg: float = 0.0,
    arm_top_deg: float = 0.0,
    arm_reach: bool = True,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """On hands and knees; each rep one leg reaches back and the opposite arm forward.

    Args:
        pattern: the leg of each rep (``"LRLR"``); the arm is the opposite one.
        rep_s: one rep (see :func:`tests.synthetic.rep_profile`: a quarter of it at the top).
        leg_top_deg, arm_top_deg: the thigh's and upper arm's angle above level at the top
            (0: level with the floor).
        arm_reach: the opposite arm reaches forward (else it stays on the floor).
    """
    sides = _pattern_sides(pattern)
    t = _times(lead_s + len(sides) * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(len(sides))]
    moving = _rep_fractions(t, sides, starts, rep_s)
    head_dir = -1.0 if facing == "left" else 1.0
    # Face down: the left side is away from head_dir.
    lateral: dict[Side, float] = {"left": -head_dir, "right": head_dir}
    trunk_run = float(np.sqrt(TRUNK**2 - (QUAD_SHOULDER_H - QUAD_HIP_H) ** 2))
    mid_hip = _v(0.0, QUAD_HIP_H)
    mid_shoulder = _v(head_dir * trunk_run, QUAD_SHOULDER_H)
    points: dict[str, FloatArray] = {}
    for side in SIDES:
        other = _other(side)
        upper, z = side.upper(), lateral[side]
        # Leg: the thigh from straight down (-90) to ``leg_top_deg`` behind; the shank from
        # along the floor (kneeling) to in line with the thigh.
        settle = _settled(t, moving[side], most_deg=2.0)
        lift = moving[side]
        thigh_el = -86.0 - settle + (86.0 + leg_top_deg) * lift
        shank_el = thigh_el * lift + 0.0 * (1.0 - lift)
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        knee = hip + THIGH * _dir(thigh_el, -head_dir)
        ankle = knee + SHANK * _dir(shank_el, -head_dir)
        points[f"{upper}_HIP"] = hip
        points[f"{upper}_KNEE"] = knee
        _put_foot(points, upper, ankle, _v(0.0, -1.0))
        # Arm (this side's arm works with the other side's leg): from straight down to forward.
        reach = moving[other] if arm_reach else np.zeros_like(t)
        arm_el = -90.0 + (90.0 + arm_top_deg) * reach
        shoulder = mid_shoulder + _v(0.0, 0.0, z * SHOULDER_HALF)
        elbow = shoulder + UPPER_ARM * _dir(arm_el, head_dir)
        points[f"{upper}_SHOULDER"] = shoulder
        _put_hand(points, upper, elbow, elbow + FOREARM * _dir(arm_el, head_dir))
    mid_ear = mid_shoulder + NECK * _dir(10.0, head_dir)
    _put_face(points, mid_ear, _v(head_dir * 0.06, -0.03), lateral)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, LYING_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update({"pattern": pattern})
    return track


# -- half-kneeling ---------------------------------------------------------------------------

KNEEL_H = 0.03  # the kneeling knee's joint above the floor
FOOT_H = 0.04  # ankle joint above the floor, foot flat


def _upright_lateral(facing_dir: float) -> dict[Side, float]:
    """Upright, facing ``facing_dir``: the left side is towards the camera when facing left."""
    return {"left": -facing_dir, "right": facing_dir}


def _upper_body(
    points: dict[str, FloatArray],
    mid_hip: FloatArray,
    lean_deg: Angle,
    facing_dir: float,
    lateral: dict[Side, float],
    *,
    neck_deg: Angle = 5.0,
    arm_deg: Angle = -90.0,
) -> None:
    """Trunk leaning ``lean_deg`` forward of vertical, neck ``neck_deg`` forward of vertical,
    straight arms ``arm_deg`` above horizontal (-90 hanging)."""
    lean = np.radians(lean_deg)
    mid_shoulder = mid_hip + TRUNK * _v(facing_dir * np.sin(lean), np.cos(lean))
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        shoulder = mid_shoulder + _v(0.0, 0.0, z * SHOULDER_HALF)
        points[f"{upper}_SHOULDER"] = shoulder
        elbow = shoulder + UPPER_ARM * _dir(arm_deg, facing_dir)
        _put_hand(points, upper, elbow, elbow + FOREARM * _dir(arm_deg, facing_dir))
    neck = np.radians(neck_deg)
    mid_ear = mid_shoulder + NECK * _v(facing_dir * np.sin(neck), np.cos(neck))
    _put_face(points, mid_ear, _v(facing_dir * 0.08, -0.01), lateral)


def hip_flexor_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    hips_forward_deg: float = 15.0,
    front_foot: float = 1.0,
    duration_s: float | None = None,
    trunk_lean: Sequence[Window] = (),
    ramp_s: float = 1.0,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Tall kneeling on both knees; in each hold the other foot steps forward into half-kneeling
    (this knee down, both knees about 90) and the hips ease ``hips_forward_deg`` forward.

    Args:
        holds: ``(side, start_s, end_s)``: the kneeling (stretched) side.
        front_foot: where the front foot is put, as a fraction of the step that sets a vertical
            front shin at the start (under 1: too short a step, the knee travels past the ankle).
        trunk_lean: windows where the trunk leans ``degrees`` forward (negative: back).
    """
    t = _hold_times(holds, duration_s, ramp_s, fps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    step = {side: _holding(t, holds, side, ramp_s) for side in SIDES}
    points: dict[str, FloatArray] = {}
    # The kneeling knee stays put; the thigh tips forward as the hips ease forward.
    knee_down = _v(0.0, KNEEL_H)
    thigh_el = 90.0 - hips_forward_deg * (step["left"] + step["right"])
    mid_hip = knee_down + THIGH * _dir(thigh_el, f)
    # Where a vertical front shin and a level front thigh put the front foot, at the start.
    start_hip_y = KNEEL_H + THIGH
    front_ankle = _v(
        f * front_foot * float(np.sqrt(THIGH**2 - (start_hip_y - FOOT_H - SHANK) ** 2)), FOOT_H
    )
    for side in SIDES:
        other = _other(side)
        upper, z = side.upper(), lateral[side]
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        knee_kneeling = knee_down + _v(0.0, 0.0, z * HIP_HALF)
        ankle_kneeling = knee_kneeling + SHANK * _dir(0.0, -f)
        ankle_front = front_ankle + _v(0.0, 0.0, z * HIP_HALF)
        knee_front = _two_link(hip, ankle_front, THIGH, SHANK, _v(f, 0.5))
        weight = step[other]  # this leg steps forward while the other side kneels and is held
        knee = _lerp_points(knee_kneeling, knee_front, weight)
        ankle = _lerp_points(ankle_kneeling, ankle_front, weight)
        points[f"{upper}_HIP"] = hip
        points[f"{upper}_KNEE"] = knee
        _put_foot(points, upper, ankle, _v(f, 0.0))
    _upper_body(points, mid_hip, _window(t, trunk_lean), f, lateral)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update(_holds_metadata(holds))
    return track


# -- standing --------------------------------------------------------------------------------

STAND_HIP_H = FOOT_H + SHANK + THIGH


def quad_stretch_track(
    holds: Sequence[Hold],
    facing: Facing = "left",
    *,
    duration_s: float | None = None,
    knee_forward: Sequence[Window] = (),
    trunk_lean: Sequence[Window] = (),
    ramp_s: float = 1.0,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Standing; in each hold that heel is drawn up to the buttock (knee 40 degrees) with the
    thigh hanging vertical next to the standing one.

    Args:
        holds: ``(side, start_s, end_s)``: the bent (stretched) side.
        knee_forward: windows where the bent thigh swings ``degrees`` forward of vertical
            (negative: pulled back behind the hip).
        trunk_lean: windows where the trunk leans ``degrees`` forward.
    """
    t = _hold_times(holds, duration_s, ramp_s, fps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    swing = np.radians(_window(t, knee_forward))
    points: dict[str, FloatArray] = {}
    mid_hip = _v(0.0, STAND_HIP_H)
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        bent = _holding(t, holds, side, ramp_s)
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        beta = swing * bent  # the thigh's angle forward of hanging straight down
        knee_angle = np.radians(_lerp(178.0, 40.0, bent))
        knee = hip + THIGH * _v(f * np.sin(beta), -np.cos(beta))
        gamma = beta - (np.pi - knee_angle)  # the shank folds back behind the thigh
        ankle = knee + SHANK * _v(f * np.sin(gamma), -np.cos(gamma))
        points[f"{upper}_HIP"] = hip
        points[f"{upper}_KNEE"] = knee
        _put_foot(points, upper, ankle, _v(f, 0.0))
    _upper_body(points, mid_hip, _window(t, trunk_lean), f, lateral)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update(_holds_metadata(holds))
    return track


def lunge_track(
    pattern: str,
    facing: Facing = "left",
    *,
    rep_s: float = 4.0,
    front_shin_lean_deg: float = 5.0,
    trunk_lean_deg: float = 5.0,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Standing with the feet together; each rep steps into a split stance (that leg in front),
    lowers until the front thigh is level with the floor and the back knee near it, comes up and
    steps back.

    Args:
        pattern: the front leg of each rep (``"LRLR"``).
        front_shin_lean_deg: at the bottom, how far the front shin leans forward of vertical.
        trunk_lean_deg: at the bottom, how far the trunk leans forward of vertical.
    """
    sides = _pattern_sides(pattern)
    t = _times(lead_s + len(sides) * rep_s + tail_s, fps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    step_s = 0.6
    # Stance opening (0 feet together, 1 split) and depth (0 standing tall, 1 at the bottom).
    stance = {side: np.zeros_like(t) for side in SIDES}
    depth = np.zeros_like(t)
    for i, side in enumerate(sides):
        start = lead_s + i * rep_s
        stance[side] = (
            stance[side]
            + _ease((t - start) / step_s)
            - _ease((t - (start + rep_s - step_s - 0.2)) / step_s)
        )
        depth = depth + rep_profile(t, [start + step_s], rep_s - 2 * step_s - 0.2, [1.0])
    # The bottom of the lunge, built from the front foot: shin leaning ``front_shin_lean_deg``,
    # thigh level, the back knee just off the floor and the back foot on its toes.
    lean = np.radians(front_shin_lean_deg)
    front_knee_bottom = _v(f * SHANK * np.sin(lean), FOOT_H + SHANK * np.cos(lean))
    hip_bottom = front_knee_bottom - _v(f * THIGH, 0.0)
    back_knee_y = 0.045  # the back thigh near vertical, the knee just off the floor
    back_knee_bottom = hip_bottom + _v(
        -f * float(np.sqrt(max(THIGH**2 - (hip_bottom[1] - back_knee_y) ** 2, 0.0))),
        back_knee_y - hip_bottom[1],
    )
    back_ankle = back_knee_bottom + _v(-f * float(np.sqrt(SHANK**2 - 0.05**2)), 0.05)
    front_ankle = _v(0.0, FOOT_H)
    together = _v(0.5 * (front_ankle[0] + back_ankle[0]), FOOT_H)
    points: dict[str, FloatArray] = {}
    ankles: dict[Side, FloatArray] = {}
    for side in SIDES:
        other = _other(side)
        # This foot is in front in its own reps, behind in the other side's.
        placed = _lerp_points(
            _lerp_points(together, front_ankle, stance[side]), back_ankle, stance[other]
        )
        ankles[side] = placed
    # Standing tall: the hip above the feet's middle, as high as both legs reach, the knees
    # straightening from 170 to 176 degrees while standing (settling, so that each rep starts
    # from its straightest moment).
    middle = 0.5 * (ankles["left"] + ankles["right"])
    busy = stance["left"] + stance["right"] + depth
    knee_top = np.radians(170.0 + _settled(t, busy, most_deg=6.0, time_constant_s=1.0))
    reach = np.sqrt(THIGH**2 + SHANK**2 - 2 * THIGH * SHANK * np.cos(knee_top))
    half_gap = 0.5 * np.abs(ankles["left"][..., 0] - ankles["right"][..., 0])
    top_y = np.minimum(ankles["left"][..., 1], ankles["right"][..., 1]) + np.sqrt(
        np.maximum(reach**2 - half_gap**2, 0.0)
    )
    hip_top = _v(middle[..., 0], top_y)
    mid_hip = _lerp_points(hip_top, np.broadcast_to(hip_bottom, hip_top.shape), depth)
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        ankle = ankles[side] + _v(0.0, 0.0, z * HIP_HALF)
        points[f"{upper}_HIP"] = hip
        points[f"{upper}_KNEE"] = _two_link(hip, ankle, THIGH, SHANK, _v(f, 0.0))
        _put_foot(points, upper, ankle, _v(f, 0.0))
    _upper_body(points, mid_hip, trunk_lean_deg * depth, f, lateral)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update({"pattern": pattern})
    return track


# -- posture and lifting (one side: the near one) --------------------------------------------

SEAT_HIP_H = 0.27  # hip joint above the floor, sitting on a chair


def posture_track(
    duration_s: float,
    facing: Facing = "left",
    *,
    sitting: bool = True,
    upright_neck_deg: float = 10.0,
    upright_trunk_deg: float = 0.0,
    forward_head: Sequence[Window] = (),
    slouch: Sequence[Window] = (),
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Sitting (or standing) side-on, still, in the person's own upright: the neck
    ``upright_neck_deg`` and the trunk ``upright_trunk_deg`` forward of vertical.

    Args:
        forward_head: windows where the head drifts ``degrees`` further forward (the neck tips).
        slouch: windows where the trunk slumps ``degrees`` forward (the neck keeps its angle,
            so the head stays as far over the shoulders as in the upright).
    """
    t = _times(duration_s, fps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    slump = _window(t, slouch)
    trunk = upright_trunk_deg + slump
    neck = upright_neck_deg + _window(t, forward_head)
    mid_hip = _v(0.0, SEAT_HIP_H if sitting else STAND_HIP_H)
    points: dict[str, FloatArray] = {}
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        hip = mid_hip + _v(0.0, 0.0, z * HIP_HALF)
        if sitting:
            knee = hip + _v(f * THIGH, 0.0)
            ankle = _v(knee[0], FOOT_H, z * HIP_HALF)
        else:
            knee = hip - _v(0.0, THIGH)
            ankle = knee - _v(0.0, SHANK)
        points[f"{upper}_HIP"] = np.broadcast_to(hip, (len(t), 3))
        points[f"{upper}_KNEE"] = np.broadcast_to(knee, (len(t), 3))
        _put_foot(points, upper, np.broadcast_to(ankle, (len(t), 3)), _v(f, 0.0))
    _upper_body(points, mid_hip, trunk, f, lateral, neck_deg=neck)
    near: Side = "left" if facing == "left" else "right"
    return _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)


LIFT_STYLES: dict[str, tuple[float, float, float]] = {
    # At the bottom: shin lean forward of vertical, thigh angle back from vertical (hip behind
    # the knee), trunk lean forward of vertical.
    "squat": (30.0, 80.0, 45.0),  # knees 70, trunk at 45 to the floor: ratio about 0.4
    "stoop": (5.0, 15.0, 75.0),  # knees 160, trunk at 15: ratio about 3.5
    "knees_forward": (50.0, 95.0, 40.0),  # shins leaning 50: heels coming up
}
STANDING_TRUNK_LEAN = 3.0


def lifting_track(
    reps: int,
    facing: Facing = "left",
    *,
    style: str = "squat",
    rep_s: float = 4.0,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    fps: float = FPS,
    mirrored: bool = False,
) -> PoseTrack:
    """Standing, bending down to the floor and back up ``reps`` times in ``style`` (see
    ``LIFT_STYLES``): a squat lift, a stooped lift, or a squat with the knees far forward."""
    if style not in LIFT_STYLES:
        raise ValueError(f"style must be one of {sorted(LIFT_STYLES)}")
    shin_deg, thigh_deg, trunk_deg = LIFT_STYLES[style]
    t = _times(lead_s + reps * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(reps)]
    down = rep_profile(t, starts, rep_s, [1.0] * reps)
    f = -1.0 if facing == "left" else 1.0
    lateral = _upright_lateral(f)
    a = np.radians(shin_deg * down)
    b = np.radians(thigh_deg * down)
    # Settling upright between lifts puts each lift's start just before it moves.
    c = (
        STANDING_TRUNK_LEAN * (1.0 - _settled(t, down, most_deg=1.0))
        + (trunk_deg - STANDING_TRUNK_LEAN) * down
    )
    points: dict[str, FloatArray] = {}
    ankle0 = _v(0.0, FOOT_H)
    knee0 = ankle0 + SHANK * _v(f * np.sin(a), np.cos(a))
    hip0 = knee0 + THIGH * _v(-f * np.sin(b), np.cos(b))
    for side in SIDES:
        upper, z = side.upper(), lateral[side]
        shift = _v(0.0, 0.0, z * HIP_HALF)
        points[f"{upper}_HIP"] = hip0 + shift
        points[f"{upper}_KNEE"] = knee0 + shift
        _put_foot(points, upper, np.broadcast_to(ankle0 + shift, (len(t), 3)), _v(f, 0.0))
    _upper_body(points, hip0, c, f, lateral)
    near: Side = "left" if facing == "left" else "right"
    track = _assemble(t, points, near, UPRIGHT_BODY_HEIGHT, fps=fps, mirrored=mirrored)
    track.metadata.update({"reps": str(reps), "style": style})
    return track
