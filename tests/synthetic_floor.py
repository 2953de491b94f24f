"""Synthetic pose tracks for the floor exercises: cat-cow, pelvic tilt, child's pose, prone
press-up, superman and abdominal draw-in.

Like :mod:`tests.synthetic` (whose segment lengths, conventions, placement and far-side drawing
this reuses), a side-view stick figure with adult proportions is posed in every frame from a few
angles, so a test knows by construction how many reps were done, when a position was held and
which fault was shown. Nothing here uses formcheck's kinematics. ``facing`` is the image side the
**head** is on, as in :mod:`tests.synthetic`; on all fours and lying face down the camera sees the
side the head points along, lying on the back the other side.

Every angle a test relies on is an argument, and the construction makes it exact:

* on all fours: ``spine_deg`` is how far the neck turns down from the line of the trunk (+ the
  cat, head dropping; - the cow, head lifting); ``thigh_lean_deg`` how far the thigh leans from
  vertical (+ hips ahead of the knees, - back toward the heels); ``hand_reach_deg`` how far the
  straight arm leans from vertical (+ hands ahead of the shoulders);
* lying on the back: ``tilt_deg`` is the trunk's angle to the floor, shoulder to hip (+ the hips
  lift about the shoulders, - the shoulders curl up about the hips); ``knee_deg`` the knee angle
  with the feet flat where that knee angle puts them;
* child's pose: ``knee_deg`` the knee angle (shins flat on the floor), ``trunk_deg`` the trunk's
  elevation toward the head (negative: shoulders below the hips), so the hip angle is
  ``knee_deg + trunk_deg``; ``head_deg`` how far the neck turns down from the trunk line;
* face down: ``lift_deg`` / ``chest_deg`` the trunk's angle to the floor, ``legs_deg`` the legs'
  lift (superman), ``hip_lift_deg`` the pelvis lifting (press-up: the thigh's angle rises by it),
  ``head_deg`` how far the neck turns **up** from the trunk line.

Faces are rigid on the neck: the ear-to-nose direction points ``FACE_DEG`` below the neck's
direction, so the face's elevation ("gaze") is the neck's elevation minus 80 degrees: level
when the neck is upright, about -80 looking at the floor with the neck level.

Example::

    track = cat_cow_track(3, facing="right")                 # 3 cow-to-cat cycles
    hold = childs_pose_track(10.0, head_deg_between=(3.0, 6.0, -45.0))   # head held up 3-6 s
"""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import FloatArray, PoseTrack
from tests.synthetic import (
    FOREARM,
    NECK,
    SHANK,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Angle,
    Facing,
    Figure,
    Point,
    Window,
    _assemble,
    _col,
    _ease,
    _eyes,
    _hands,
    _jitter,
    _p,
    _two_link_knee,
    _unit,
    _window_value,
)

ARM = UPPER_ARM + FOREARM
LEG = THIGH + SHANK
FACE_DEG = 80.0  # the face points this far below the neck's direction (rigid head)

# On all fours: knee and wrist joint centres above the floor (body heights).
KNEE_H = 0.035
WRIST_H = 0.025
# Lying: shoulder and hip joint centres above the floor; the feet flat at ankle height.
LYING_JOINT_H = 0.05
ANKLE_H = 0.04
# Face down: hip joint height, and the thigh's rest angle with the pelvis on the floor.
PRONE_HIP_H = 0.06
PRONE_THIGH_DEG = 5.0
# Cat-cow: the neck in line with the trunk between the two.
CAT_COW_NEUTRAL_DEG = 0.0


def _head(shoulder: Point, neck_deg: Angle, head_dir: float) -> tuple[dict[str, Point], Point]:
    """Ear, eyes and nose for a neck at elevation ``neck_deg`` toward ``head_dir``: ``(parts,
    nose)``. The face points ``FACE_DEG`` below the neck (see the module notes)."""
    neck = _unit(neck_deg, head_dir)
    gaze = _unit(np.asarray(neck_deg) - FACE_DEG, head_dir)
    ear = shoulder + NECK * neck
    nose = ear + 0.06 * gaze
    parts = {"EAR": ear, **_eyes(ear + 0.045 * gaze + 0.03 * neck, head_dir)}
    return parts, nose


def _face(nose: Point, neck_deg: Angle, head_dir: float) -> dict[str, Point]:
    return {"NOSE": nose, "MOUTH": nose - 0.03 * _unit(neck_deg, head_dir)}


def _elbow(shoulder: Point, wrist: Point, toward: Point) -> Point:
    """Elbow of an upper-arm/forearm chain from ``shoulder`` to ``wrist``, bent to the side of
    ``toward`` (a direction); a chain too short to reach is straight."""
    chord = wrist - shoulder
    length = np.minimum(np.linalg.norm(chord, axis=-1), ARM - 1e-9)
    along = (UPPER_ARM**2 - FOREARM**2 + length**2) / (2 * length)
    height = np.sqrt(np.maximum(UPPER_ARM**2 - along**2, 0.0))
    u = chord / _col(np.linalg.norm(chord, axis=-1))
    normal = _p(u[..., 1], -u[..., 0])
    flip = _col(np.sum(normal * toward, axis=-1)) < 0
    normal = np.where(flip, -normal, normal)
    return np.asarray(shoulder + _col(along) * u + _col(height) * normal)


def _kneeling_feet(knee: Point, head_dir: float) -> dict[str, Point]:
    """Shin flat on the floor behind the knee, top of the foot down, toes pointing back."""
    ankle = knee + _p(-head_dir * SHANK, 0.0)
    return {
        "ANKLE": ankle,
        "HEEL": ankle + _p(head_dir * 0.005, -0.04),
        "FOOT_INDEX": ankle + _p(-head_dir * 0.12, 0.025),
    }


def _hold_profile(t: FloatArray, starts: list[float], ramp_s: float, hold_s: float) -> FloatArray:
    """0 -> 1 over ``ramp_s`` from each start, 1 for ``hold_s``, back to 0 over ``ramp_s``."""
    out = np.zeros_like(t)
    for start in starts:
        up = _ease((t - start) / ramp_s)
        down = _ease((t - start - ramp_s - hold_s) / ramp_s)
        out = np.maximum(out, up - down)
    return out


def _timeline(duration_s: float, fps: float) -> FloatArray:
    return np.arange(round(duration_s * fps)) / fps


def _head_dir(facing: Facing) -> float:
    return -1.0 if facing == "left" else 1.0


def _other(facing: Facing) -> Facing:
    return "right" if facing == "left" else "left"


def _windows_text(windows: list[tuple[float, float]]) -> str:
    return ";".join(f"{start:.6f}-{end:.6f}" for start, end in windows)


def hold_windows(track: PoseTrack, key: str = "hold_windows") -> list[tuple[float, float]]:
    """The true windows stored in ``metadata[key]`` (holds; ``cat_windows`` for cat-cow)."""
    text = track.metadata[key]
    return [(float(a), float(b)) for a, b in (w.split("-") for w in text.split(";"))]


# -- on all fours: cat-cow ---------------------------------------------------------------------


def quadruped_figure(
    spine_deg: Angle, thigh_lean_deg: Angle, hand_reach_deg: Angle, head_dir: float
) -> Figure:
    """On hands and knees, arms straight, wrists and knees on the floor.

    The trunk's angle follows from the thigh and arm (hip height vs shoulder height); the neck
    turns ``spine_deg`` down from the trunk line.
    """
    lean = np.radians(thigh_lean_deg)
    reach = np.radians(hand_reach_deg)
    knee = _p(0.0, -KNEE_H)
    hip = knee + _p(head_dir * THIGH * np.sin(lean), -THIGH * np.cos(lean))
    knee = np.broadcast_to(knee, hip.shape)
    hip_h = KNEE_H + THIGH * np.cos(lean)
    shoulder_h = WRIST_H + ARM * np.cos(reach)
    trunk_deg = np.degrees(np.arcsin(np.clip((shoulder_h - hip_h) / TRUNK, -1.0, 1.0)))
    shoulder = hip + TRUNK * _unit(trunk_deg, head_dir)
    arm = _p(head_dir * np.sin(reach), np.cos(reach))  # down the arm, toward the hands
    elbow = shoulder + UPPER_ARM * arm
    wrist = shoulder + ARM * arm
    neck_deg = trunk_deg - np.asarray(spine_deg)
    head, nose = _head(shoulder, neck_deg, head_dir)
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        **_kneeling_feet(knee, head_dir),
        **head,
        **_hands(wrist, head_dir, down=0.01),
    }
    return Figure(parts, _face(nose, neck_deg, head_dir))


def cat_cow_profile(
    t: FloatArray, starts: list[float], cycle_s: float
) -> tuple[FloatArray, FloatArray]:
    """Per cycle: neutral -> cow (20%), held (15%), cow -> cat (30%), held (15%), cat -> neutral
    (20%). Returns the weights ``(cow, cat)`` in [0, 1]; the spine angle is
    ``neutral + cow * (cow_deg - neutral) + cat * (cat_deg - neutral)``."""
    cow = np.zeros_like(t)
    cat = np.zeros_like(t)
    for start in starts:
        u = (t - start) / cycle_s
        inside = (u >= 0) & (u <= 1)
        into_cow = _ease(u / 0.2)
        out_of_cow = _ease((u - 0.35) / 0.3)
        into_cat = out_of_cow
        out_of_cat = _ease((u - 0.8) / 0.2)
        cow = np.where(inside, into_cow - out_of_cow, cow)
        cat = np.where(inside, into_cat - out_of_cat, cat)
    return cow, cat


def cat_cow_track(
    cycles: int,
    facing: Facing = "left",
    fps: float = 30.0,
    cycle_s: float = 5.0,
    cat_deg: float = 60.0,
    cow_deg: float | None = -45.0,
    thigh_lean_deg: float = 0.0,
    hand_reach_deg: float = 0.0,
    jitter_deg: float = 0.0,
    mirrored: bool = False,
    seed: int = 0,
    *,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
) -> PoseTrack:
    """Cat-cow cycles on all fours, seen from the side.

    Args:
        cycles: cow-to-cat cycles of ``cycle_s`` each (see :func:`cat_cow_profile`), after
            ``lead_s`` in a neutral position.
        cat_deg, cow_deg: the spine angle (neck down from the trunk line) at the cat and the cow;
            ``cow_deg=None`` leaves the cow out (neutral -> cat -> neutral).
        thigh_lean_deg, hand_reach_deg: the whole clip's placement (see the module notes).
        jitter_deg: tremor + noise on the spine angle.

    Returns:
        The track; ``metadata["reps"]`` is ``cycles``, ``metadata["cat_windows"]`` the times
        each cat is held.
    """
    t = _timeline(lead_s + cycles * cycle_s + tail_s, fps)
    starts = [lead_s + i * cycle_s for i in range(cycles)]
    cow_w, cat_w = cat_cow_profile(t, starts, cycle_s)
    neutral = CAT_COW_NEUTRAL_DEG
    cow_target = neutral if cow_deg is None else cow_deg
    spine = neutral + cow_w * (cow_target - neutral) + cat_w * (cat_deg - neutral)
    spine = spine + _jitter(t, jitter_deg, np.random.default_rng(seed))
    head_dir = _head_dir(facing)
    figure = quadruped_figure(spine, thigh_lean_deg, hand_reach_deg, head_dir)
    track = _assemble(t, figure, facing, fps, (1280, 720), mirrored)
    cats = [(s + 0.65 * cycle_s, s + 0.8 * cycle_s) for s in starts]
    track.metadata.update({"reps": str(cycles), "cat_windows": _windows_text(cats)})
    return track


# -- lying on the back: pelvic tilt, abdominal draw-in -----------------------------------------


def supine_figure(tilt_deg: Angle, knee_deg: Angle, head_dir: float) -> Figure:
    """Lying on the back with the knees bent and the feet flat.

    ``tilt_deg`` > 0 lifts the hips about the shoulders, < 0 curls the shoulders up about the
    hips. The feet are placed where ``knee_deg`` puts them with the trunk flat, and stay there
    while the trunk tilts.
    """
    feet_dir = -head_dir
    tilt = np.asarray(tilt_deg, dtype=np.float64)
    knee_rad = np.radians(knee_deg)
    rest_shoulder = _p(0.0, -LYING_JOINT_H)
    rest_hip = rest_shoulder + _p(feet_dir * TRUNK, 0.0)
    lifted = np.maximum(tilt, 0.0)
    curled = np.maximum(-tilt, 0.0)
    hip = rest_shoulder + TRUNK * _unit(lifted, feet_dir)  # about the shoulders
    shoulder = rest_hip + TRUNK * _unit(curled, head_dir)  # about the hips
    hip = np.where(_col(tilt) >= 0, hip, np.broadcast_to(rest_hip, hip.shape))
    shoulder = np.where(_col(tilt) >= 0, np.broadcast_to(rest_shoulder, shoulder.shape), shoulder)
    reach = np.sqrt(THIGH**2 + SHANK**2 - 2 * THIGH * SHANK * np.cos(knee_rad))
    drop = LYING_JOINT_H - ANKLE_H
    ankle_x = rest_hip[..., 0] + feet_dir * np.sqrt(np.maximum(reach**2 - drop**2, 0.0))
    hip, shoulder, ankle = np.broadcast_arrays(hip, shoulder, _p(ankle_x, -ANKLE_H))
    knee = _two_link_knee(hip, ankle)
    elbow = _p(shoulder[..., 0] + feet_dir * UPPER_ARM, -0.03)
    wrist = elbow + _p(feet_dir * FOREARM, 0.0)
    ear = shoulder + _p(head_dir * NECK, -0.005)
    nose = ear + _p(head_dir * 0.03, -0.075)  # face to the ceiling, nose toward the crown
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-feet_dir * 0.03, 0.035),
        "FOOT_INDEX": ankle + _p(feet_dir * 0.13, 0.035),
        "EAR": ear,
        **_hands(wrist, feet_dir),
        **_eyes(nose + _p(-head_dir * 0.005, 0.012), head_dir),
    }
    face = {"NOSE": nose, "MOUTH": nose + _p(feet_dir * 0.03, 0.012)}
    return Figure(parts, face)


def supine_hip_line_deg(tilt_deg: float, knee_deg: float) -> float:
    """The bend at the hip (shoulder-hip-knee, + hips above the line) of :func:`supine_figure`,
    computed here with plain vector algebra, since it defines the ground truth."""
    figure = supine_figure(tilt_deg, knee_deg, -1.0)
    a, v, c = (np.asarray(figure.parts[k], np.float64) for k in ("SHOULDER", "HIP", "KNEE"))
    cosine = np.dot(a - v, c - v) / (np.linalg.norm(a - v) * np.linalg.norm(c - v))
    angle = float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))
    chord, offset = c - a, v - a
    above = (chord[0] * offset[1] - chord[1] * offset[0]) * -chord[0] > 0
    return (180.0 - angle) * (1.0 if above else -1.0)


def pelvic_tilt_track(
    reps: int,
    facing: Facing = "left",
    fps: float = 30.0,
    hold_s: float = 5.0,
    tilt_deg: float = 3.0,
    knee_deg: float = 80.0,
    jitter_deg: float = 0.0,
    mirrored: bool = False,
    seed: int = 0,
    *,
    rest_tilt_deg: float = 1.0,
    ramp_s: float = 1.0,
    rest_s: float = 2.0,
    lead_s: float = 2.0,
    tail_s: float = 2.0,
) -> PoseTrack:
    """Pelvic tilts lying on the back: each rolls the hips up ``tilt_deg`` over ``ramp_s``,
    holds ``hold_s``, lowers over ``ramp_s`` and rests ``rest_s``.

    The tilt is drawn as the pelvis lifting a few degrees about the shoulders, which raises the
    hip line by about twice as much (see :func:`supine_hip_line_deg`); ``tilt_deg`` of 20 or
    more is a bridge. ``jitter_deg`` shakes the trunk's tilt.

    Returns:
        The track; ``metadata["reps"]`` is ``reps`` and ``metadata["hold_windows"]`` the times
        each tilt is held.
    """
    rep_s = 2 * ramp_s + hold_s + rest_s
    t = _timeline(lead_s + reps * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(reps)]
    tilt = rest_tilt_deg + (tilt_deg - rest_tilt_deg) * _hold_profile(t, starts, ramp_s, hold_s)
    tilt = tilt + _jitter(t, jitter_deg, np.random.default_rng(seed))
    head_dir = _head_dir(facing)
    figure = supine_figure(tilt, knee_deg, head_dir)
    track = _assemble(t, figure, _other(facing), fps, (1280, 720), mirrored)
    holds = [(s + ramp_s, s + ramp_s + hold_s) for s in starts]
    track.metadata.update({"reps": str(reps), "hold_windows": _windows_text(holds)})
    return track


def draw_in_track(
    duration_s: float,
    facing: Facing = "left",
    fps: float = 30.0,
    tilt_deg_between: Window | None = None,
    knee_deg_between: Window | None = None,
    mirrored: bool = False,
    *,
    knee_deg: float = 80.0,
    straight_knee_deg: float = 175.0,
    rest_tilt_deg: float = 1.0,
    lead_s: float = 2.0,
    ramp_s: float = 1.0,
    tail_s: float = 2.0,
    edge_ramp_s: float = 0.2,
) -> PoseTrack:
    """Lying on the back, legs straight for ``lead_s``; the knees bend to ``knee_deg`` over
    ``ramp_s`` and the position is held ``duration_s``; the legs straighten again over
    ``ramp_s`` and stay straight for ``tail_s``.

    Args:
        tilt_deg_between: ``(start_s, end_s, degrees)``: the trunk tilts by ``degrees`` (+ hips
            lift, - shoulders curl up) in that window, with ``edge_ramp_s`` eased edges.
        knee_deg_between: the knees open by ``degrees`` more in that window.

    Returns:
        The track; ``metadata["hold_start_s"]`` / ``["hold_end_s"]`` bound the held position.
    """
    t = _timeline(lead_s + 2 * ramp_s + duration_s + tail_s, fps)
    hold_start = lead_s + ramp_s
    hold_end = hold_start + duration_s
    bent = _hold_profile(t, [lead_s], ramp_s, duration_s)
    knee = straight_knee_deg + (knee_deg - straight_knee_deg) * bent
    knee = knee + _window_value(t, knee_deg_between, edge_ramp_s)
    tilt = rest_tilt_deg + _window_value(t, tilt_deg_between, edge_ramp_s)
    figure = supine_figure(tilt, knee, _head_dir(facing))
    track = _assemble(t, figure, _other(facing), fps, (1280, 720), mirrored)
    track.metadata.update({"hold_start_s": f"{hold_start:.6f}", "hold_end_s": f"{hold_end:.6f}"})
    return track


# -- child's pose ----------------------------------------------------------------------------


def kneeling_fold_figure(
    knee_deg: Angle, trunk_deg: Angle, head_deg: Angle, arm_deg: Angle, head_dir: float
) -> Figure:
    """Kneeling with the shins flat, the thigh ``knee_deg`` up from the shin (90: upright
    thigh, on all fours; ~35: sitting back on the heels), the trunk at ``trunk_deg`` toward the
    head, the neck ``head_deg`` down from the trunk line and straight arms at ``arm_deg``
    (elevation toward the head: -90 hanging straight down, about -10 reaching along the floor).
    """
    knee_rad = np.radians(knee_deg)
    knee = _p(0.0, -KNEE_H)
    hip = knee + THIGH * _p(-head_dir * np.cos(knee_rad), -np.sin(knee_rad))
    knee = np.broadcast_to(knee, hip.shape)
    shoulder = hip + TRUNK * _unit(trunk_deg, head_dir)
    arm = _unit(arm_deg, head_dir)
    elbow = shoulder + UPPER_ARM * arm
    wrist = shoulder + ARM * arm
    neck_deg = np.asarray(trunk_deg) - np.asarray(head_deg)
    head, nose = _head(shoulder, neck_deg, head_dir)
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        **_kneeling_feet(knee, head_dir),
        **head,
        **_hands(wrist, head_dir, down=0.01),
    }
    return Figure(parts, _face(nose, neck_deg, head_dir))


# On all fours (the start and end of a child's pose): thigh upright, trunk a little up toward
# the shoulders, arms straight down.
ALL_FOURS = {"knee_deg": 90.0, "trunk_deg": 15.0, "head_deg": 0.0, "arm_deg": -90.0}


def childs_pose_track(
    duration_s: float,
    facing: Facing = "left",
    fps: float = 30.0,
    knee_deg: float = 35.0,
    trunk_deg: float = -10.0,
    head_deg: float = 30.0,
    head_deg_between: Window | None = None,
    mirrored: bool = False,
    *,
    arm_deg: float = -10.0,
    lead_s: float = 1.5,
    ramp_s: float = 1.5,
    tail_s: float = 1.5,
    edge_ramp_s: float = 0.3,
) -> PoseTrack:
    """On all fours for ``lead_s``, sitting back into the child's pose over ``ramp_s`` (every
    angle eased from :data:`ALL_FOURS`), holding it ``duration_s``, coming back over ``ramp_s``.

    Args:
        knee_deg, trunk_deg, head_deg: the pose (see :func:`kneeling_fold_figure`); the hip
            angle is ``knee_deg + trunk_deg``.
        head_deg_between: ``(start_s, end_s, degrees)``: the head's angle changes by
            ``degrees`` in that window (negative: held up toward looking ahead).

    Returns:
        The track; ``metadata["hold_start_s"]`` / ``["hold_end_s"]`` bound the full pose.
    """
    t = _timeline(lead_s + 2 * ramp_s + duration_s + tail_s, fps)
    hold_start = lead_s + ramp_s
    hold_end = hold_start + duration_s
    w = _hold_profile(t, [lead_s], ramp_s, duration_s)
    pose = {"knee_deg": knee_deg, "trunk_deg": trunk_deg, "head_deg": head_deg, "arm_deg": arm_deg}
    angles = {k: ALL_FOURS[k] + (pose[k] - ALL_FOURS[k]) * w for k in pose}
    angles["head_deg"] = angles["head_deg"] + _window_value(t, head_deg_between, edge_ramp_s)
    figure = kneeling_fold_figure(**angles, head_dir=_head_dir(facing))
    track = _assemble(t, figure, facing, fps, (1280, 720), mirrored)
    track.metadata.update({"hold_start_s": f"{hold_start:.6f}", "hold_end_s": f"{hold_end:.6f}"})
    return track


# -- face down: prone press-up, superman -------------------------------------------------------


def press_up_figure(
    lift_deg: Angle, hip_lift_deg: Angle, head_deg: Angle, head_dir: float
) -> Figure:
    """Lying face down, legs long, the upper body pushed up ``lift_deg`` on the hands (wrists
    fixed on the floor about under the shoulders at a 50-degree press-up), the pelvis lifted
    ``hip_lift_deg`` and the neck turned ``head_deg`` up from the trunk line."""
    ankle = _p(0.0, -0.045)
    knee = ankle + _p(head_dir * SHANK, 0.005)
    hip = knee + THIGH * _unit(PRONE_THIGH_DEG + np.asarray(hip_lift_deg), head_dir)
    ankle = np.broadcast_to(ankle, hip.shape)
    knee = np.broadcast_to(knee, hip.shape)
    shoulder = hip + TRUNK * _unit(lift_deg, head_dir)
    rest_hip_x = knee[..., 0] + head_dir * THIGH * np.cos(np.radians(PRONE_THIGH_DEG))
    wrist = _p(rest_hip_x + head_dir * (TRUNK * np.cos(np.radians(50.0)) + 0.02), -WRIST_H)
    wrist = np.broadcast_to(wrist, hip.shape)
    elbow = _elbow(shoulder, wrist, _p(-head_dir, -1.0))
    neck_deg = np.asarray(lift_deg) + np.asarray(head_deg)
    head, nose = _head(shoulder, neck_deg, head_dir)
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-head_dir * 0.02, -0.03),
        "FOOT_INDEX": ankle + _p(-head_dir * 0.1, 0.03),
        **head,
        **_hands(wrist, head_dir, down=0.01),
    }
    return Figure(parts, _face(nose, neck_deg, head_dir))


def press_up_track(
    holds: int,
    facing: Facing = "left",
    fps: float = 30.0,
    hold_s: float = 10.0,
    lift_deg: float = 45.0,
    head_deg: float = 0.0,
    hip_lift_deg_between: Window | None = None,
    head_deg_between: Window | None = None,
    mirrored: bool = False,
    *,
    rest_lift_deg: float = 2.0,
    ramp_s: float = 1.5,
    rest_s: float = 3.0,
    lead_s: float = 2.0,
    tail_s: float = 2.0,
    edge_ramp_s: float = 0.3,
) -> PoseTrack:
    """Prone press-ups: each pushes up to ``lift_deg`` over ``ramp_s``, holds ``hold_s``,
    lowers over ``ramp_s`` and rests ``rest_s`` lying flat.

    Args:
        head_deg: the neck's turn up from the trunk line while pressed up (0: in line).
        hip_lift_deg_between, head_deg_between: ``(start_s, end_s, degrees)`` windows adding to
            the pelvis lift and the head's turn.

    Returns:
        The track; ``metadata["hold_windows"]`` the times each press-up is fully up.
    """
    rep_s = 2 * ramp_s + hold_s + rest_s
    t = _timeline(lead_s + holds * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(holds)]
    up = _hold_profile(t, starts, ramp_s, hold_s)
    lift = rest_lift_deg + (lift_deg - rest_lift_deg) * up
    head = head_deg * up + _window_value(t, head_deg_between, edge_ramp_s)
    hip_lift = _window_value(t, hip_lift_deg_between, edge_ramp_s)
    figure = press_up_figure(lift, hip_lift, head, _head_dir(facing))
    track = _assemble(t, figure, facing, fps, (1280, 720), mirrored)
    windows = [(s + ramp_s, s + ramp_s + hold_s) for s in starts]
    track.metadata.update({"hold_windows": _windows_text(windows)})
    return track


def superman_figure(chest_deg: Angle, legs_deg: Angle, head_deg: Angle, head_dir: float) -> Figure:
    """Lying face down, arms stretched ahead: the chest (and the arms with it) lifted
    ``chest_deg`` about the hips, the straight legs ``legs_deg``, the neck turned ``head_deg``
    up from the trunk line. Lying flat, the ankles are at ankle height and the hands on the
    floor."""
    feet_dir = -head_dir
    hip = _p(0.0, -PRONE_HIP_H)
    rest_legs = -np.degrees(np.arcsin((PRONE_HIP_H - ANKLE_H) / LEG))
    legs_el = rest_legs + np.asarray(legs_deg)
    knee = hip + THIGH * _unit(legs_el, feet_dir)
    ankle = hip + LEG * _unit(legs_el, feet_dir)
    hip = np.broadcast_to(hip, knee.shape)
    shoulder = hip + TRUNK * _unit(chest_deg, head_dir)
    rest_arm = -np.degrees(np.arcsin((PRONE_HIP_H - WRIST_H) / ARM))
    arm = _unit(rest_arm + np.asarray(chest_deg), head_dir)
    elbow = shoulder + UPPER_ARM * arm
    wrist = shoulder + ARM * arm
    neck_deg = np.asarray(chest_deg) + np.asarray(head_deg)
    head, nose = _head(shoulder, neck_deg, head_dir)
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(0.0, -0.035),
        "FOOT_INDEX": ankle + _p(feet_dir * 0.12, 0.02),
        **head,
        **_hands(wrist, head_dir),
    }
    return Figure(parts, _face(nose, neck_deg, head_dir))


def superman_track(
    reps: int,
    facing: Facing = "left",
    fps: float = 30.0,
    hold_s: float = 2.5,
    chest_deg: float = 18.0,
    legs_deg: float = 10.0,
    head_deg: float = 20.0,
    jitter_deg: float = 0.0,
    mirrored: bool = False,
    seed: int = 0,
    *,
    rest_head_deg: float = 0.0,
    ramp_s: float = 0.8,
    rest_s: float = 2.0,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
) -> PoseTrack:
    """Superman lifts: each raises the chest ``chest_deg`` and the legs ``legs_deg`` over
    ``ramp_s``, holds ``hold_s``, lowers over ``ramp_s`` and rests ``rest_s``. The neck turns
    from ``rest_head_deg`` (forehead toward the floor) to ``head_deg`` at the top (20: in line,
    looking at the floor a little ahead; 70: looking up ahead). ``jitter_deg`` shakes the chest.

    Returns:
        The track; ``metadata["reps"]`` is ``reps`` and ``metadata["hold_windows"]`` the times
        each lift is held.
    """
    rep_s = 2 * ramp_s + hold_s + rest_s
    t = _timeline(lead_s + reps * rep_s + tail_s, fps)
    starts = [lead_s + i * rep_s for i in range(reps)]
    up = _hold_profile(t, starts, ramp_s, hold_s)
    chest = chest_deg * up + _jitter(t, jitter_deg, np.random.default_rng(seed))
    head = rest_head_deg + (head_deg - rest_head_deg) * up
    figure = superman_figure(chest, legs_deg * up, head, _head_dir(facing))
    track = _assemble(t, figure, facing, fps, (1280, 720), mirrored)
    windows = [(s + ramp_s, s + ramp_s + hold_s) for s in starts]
    track.metadata.update({"reps": str(reps), "hold_windows": _windows_text(windows)})
    return track
