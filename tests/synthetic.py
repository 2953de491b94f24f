"""Synthetic pose tracks with ground truth known by construction.

A 2D side-view stick figure with adult proportions (segment lengths as fractions of body height,
after Winter's anthropometric tables) is posed in every frame from a few angles (pelvis lift,
hip sag, head drop), so a test knows exactly how many reps were done, when a hold started and
how far the hips sagged, without a camera or a model. Nothing here uses formcheck's kinematics,
so the truth does not depend on the code under test. Everything is deterministic (``seed``
drives the only randomness).

Conventions, matching MediaPipe's output:

* coordinates are normalised: x by the frame width, y by the height (y grows downwards);
  the figure is built in square "plane" units (fractions of the frame height) and then divided
  by the aspect ratio, so angles measured after :func:`formcheck.kinematics.geometry.to_plane`
  are the angles built here;
* ``facing`` is the image side the **head** is on ("left": head at the left edge, feet to the
  right); the nose is always ahead of the ears in that direction, which is what
  :func:`formcheck.kinematics.body.facing_sign` reads;
* the near side follows the anatomy: lying on the back with the head on the left, the camera
  sees the right side of the body; on the front (plank) it sees the left side. ``near``
  overrides it. Near-side landmarks get z = -0.1 and visibility 0.95, far-side ones z = +0.1
  and visibility 0.6; the far side is drawn as a near-copy shifted by ``FAR_OFFSET`` (side-on);
* ``mirrored=True`` flips x after construction (x -> 1 - x) without renaming landmarks, as a
  mirrored webcam preview does: the head swaps image side but the near side stays the same.

Ground truth that is not in the arguments is stored as strings in ``PoseTrack.metadata``
(``near``, ``reps``, ``top_lift_deg``, ``hold_start_s``, ``hold_end_s``).

Example::

    track = bridge_track(3, facing="right", jitter_deg=2.0, seed=7)   # 3 reps, 12 s
    plank = plank_track(10.0, sag_deg_between=(5.0, 7.0, 25.0))      # hips sag 5-7 s

"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from formcheck.landmarks import NUM_LANDMARKS, FloatArray, PoseLandmark, PoseTrack
from formcheck.synth.ik import solve_rising

Facing = Literal["left", "right"]
Window = tuple[float, float, float]  # (start_s, end_s, degrees)
Point = FloatArray  # (..., 2) x, y in body heights

# Segment lengths as fractions of body height (Winter, Biomechanics of Human Movement).
TRUNK = 0.29  # shoulder joint to hip joint
THIGH = 0.245
SHANK = 0.246
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.08
NECK = 0.12  # shoulder joint to ear

BODY_HEIGHT = 1.3  # body height in plane units (frame heights): the figure spans ~2/3 of 16:9
FLOOR_Y = 0.88  # floor line in plane units
FAR_OFFSET = np.array([0.008, -0.012])  # far-side landmarks relative to near ones, body heights
NEAR_Z, FAR_Z = -0.1, 0.1
NEAR_VISIBILITY, FAR_VISIBILITY = 0.95, 0.6

# Bridge: rest pose (flat pelvis) and the foot placement that gives an ~80 degree knee.
BRIDGE_REST_LIFT_DEG = 2.0
BRIDGE_FOOT_FORWARD = 0.3155  # ankle ahead of the resting hip, body heights
# Plank: shoulder height above the floor (forearm plank: elbow on the floor, upper arm vertical)
# and ankle height (on the toes).
PLANK_SHOULDER_H = 0.03 + UPPER_ARM
PLANK_ANKLE_H = 0.07


@dataclass(frozen=True, slots=True)
class Figure:
    """Near-side points in body heights (x along the floor, y = 0 on the floor, up negative),
    before placement in the frame: ``(2,)`` for one pose or ``(T, 2)`` for T frames.

    ``parts`` maps a side-less part name (``HIP``, ``EYE_INNER``...) to its (x, y); ``face`` maps
    ``NOSE``, ``MOUTH`` to theirs. Figure functions take scalars or ``(T,)`` arrays of angles.
    """

    parts: dict[str, Point]
    face: dict[str, Point]


Angle = float | FloatArray


def _p(x: Angle, y: Angle) -> Point:
    """Points from x and y (scalars or arrays, broadcast): ``(..., 2)``."""
    return np.stack(np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64)), -1)


def _unit(elevation_deg: Angle, direction: float) -> Point:
    """Unit vectors ``elevation_deg`` above horizontal, pointing image-right for direction +1."""
    rad = np.radians(elevation_deg)
    return _p(direction * np.cos(rad), -np.sin(rad))


def _col(values: Angle) -> FloatArray:
    """Scalars or ``(T,)`` as something that scales ``(..., 2)`` points."""
    return np.asarray(values, np.float64)[..., None]


def _two_link_knee(hip: Point, ankle: Point) -> Point:
    """Knee of a thigh/shank chain from ``hip`` to ``ankle``, bent upwards (knee above the line)."""
    chord = ankle - hip
    length = np.minimum(np.linalg.norm(chord, axis=-1), THIGH + SHANK - 1e-9)
    along = (THIGH**2 - SHANK**2 + length**2) / (2 * length)
    height = np.sqrt(np.maximum(THIGH**2 - along**2, 0.0))
    u = chord / _col(np.linalg.norm(chord, axis=-1))
    normal = _p(u[..., 1], -u[..., 0])  # the chord turned a quarter; take the side facing up
    normal = np.where(_col(normal[..., 1]) > 0, -normal, normal)
    return np.asarray(hip + _col(along) * u + _col(height) * normal)


def _hands(wrist: Point, direction: float, down: float = 0.0) -> dict[str, Point]:
    return {
        "WRIST": wrist,
        "INDEX": wrist + _p(direction * HAND, down),
        "PINKY": wrist + _p(direction * HAND * 0.85, down + 0.01),
        "THUMB": wrist + _p(direction * HAND * 0.5, down - 0.015),
    }


def _eyes(eye: Point, direction: float) -> dict[str, Point]:
    return {
        "EYE": eye,
        "EYE_INNER": eye + _p(direction * 0.008, 0.0),
        "EYE_OUTER": eye - _p(direction * 0.008, 0.0),
    }


# -- the glute bridge ------------------------------------------------------------------------


def bridge_figure(lift_deg: Angle, head_dir: float) -> Figure:
    """Lying on the back, knees bent, feet flat, pelvis raised ``lift_deg`` about the shoulders.

    The shoulders and feet stay on the floor; the knee follows from the fixed ankle.
    """
    feet_dir = -head_dir
    shoulder = _p(0.0, -0.05)  # the shoulder joint is 0.05 body heights above the floor
    hip = shoulder + TRUNK * _unit(lift_deg, feet_dir)
    shoulder = np.broadcast_to(shoulder, hip.shape)
    ankle = _p(feet_dir * (TRUNK + BRIDGE_FOOT_FORWARD), -0.04)
    knee = _two_link_knee(hip, ankle)
    elbow = shoulder + _p(feet_dir * UPPER_ARM, 0.02)
    ear = shoulder + _p(head_dir * NECK, -0.005)
    nose = ear + _p(head_dir * 0.03, -0.075)  # face to the ceiling, nose towards the crown
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-feet_dir * 0.03, 0.035),
        "FOOT_INDEX": ankle + _p(feet_dir * 0.13, 0.035),
        "EAR": ear,
        **_hands(elbow + _p(feet_dir * FOREARM, 0.0), feet_dir),
        **_eyes(nose + _p(-head_dir * 0.005, 0.012), head_dir),
    }
    face = {"NOSE": nose, "MOUTH": nose + _p(feet_dir * 0.03, 0.012)}
    return Figure(parts, face)


def bridge_hip_line_deg(lift_deg: float) -> float:
    """The bend at the hip (shoulder-hip-knee, + hips above the line) of :func:`bridge_figure`,
    computed here rather than with formcheck's geometry, since it defines the ground truth."""
    figure = bridge_figure(lift_deg, -1.0)
    a, v, c = (figure.parts[k].astype(np.float64) for k in ("SHOULDER", "HIP", "KNEE"))
    angle = np.degrees(
        np.arccos(
            np.clip(
                np.dot(a - v, c - v) / (np.linalg.norm(a - v) * np.linalg.norm(c - v)), -1.0, 1.0
            )
        )
    )
    chord, offset = c - a, v - a
    above = (chord[0] * offset[1] - chord[1] * offset[0]) * -chord[0] > 0
    return float((180.0 - angle) * (1.0 if above else -1.0))


@functools.cache
def bridge_lift_for_hip_line(hip_line_deg: float) -> float:
    """The pelvis lift (degrees) at which the bridge's hip line is ``hip_line_deg`` (bisection)."""
    low, high = 0.0, 60.0
    if not bridge_hip_line_deg(low) <= hip_line_deg <= bridge_hip_line_deg(high):
        raise ValueError(f"hip line {hip_line_deg} is out of the bridge's reach")
    return solve_rising(bridge_hip_line_deg, hip_line_deg, low, high, steps=60)


def _ease(x: FloatArray) -> FloatArray:
    """0 -> 1 with zero slope at both ends."""
    clipped = np.clip(x, 0.0, 1.0)
    return np.asarray(0.5 - 0.5 * np.cos(np.pi * clipped))


def rep_profile(
    t: FloatArray, starts: Sequence[float], rep_s: float, amplitudes: Sequence[float]
) -> FloatArray:
    """Lift fraction over time: per rep, 30% rising, 25% at the top, 30% lowering, 15% rest."""
    out = np.zeros_like(t)
    for start, amplitude in zip(starts, amplitudes, strict=True):
        local = (t - start) / rep_s
        up = _ease(local / 0.30)
        down = _ease((local - 0.55) / 0.30)
        inside = (local >= 0) & (local <= 1)
        out = np.where(inside, amplitude * (up - down), out)
    return out


def _jitter(t: FloatArray, amplitude_deg: float, rng: np.random.Generator) -> FloatArray:
    """A tremor (1.5-3 Hz, random phase) plus per-frame noise, each at most ``amplitude_deg / 2``:
    low frequencies survive the pipeline's 3 Hz smoothing, so the engine really sees it."""
    if amplitude_deg == 0:
        return np.zeros_like(t)
    frequency = rng.uniform(1.5, 3.0)
    phase = rng.uniform(0, 2 * np.pi)
    tremor = np.sin(2 * np.pi * frequency * t + phase)
    noise = rng.uniform(-1.0, 1.0, size=t.shape)
    return np.asarray(0.5 * amplitude_deg * (tremor + noise))


def bridge_track(
    reps: int,
    facing: Facing = "left",
    fps: float = 30.0,
    rep_s: float = 3.0,
    top_hip_line_deg: float = 0.0,
    jitter_deg: float = 0.0,
    mirrored: bool = False,
    seed: int = 0,
    *,
    amplitudes: Sequence[float] | None = None,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    lift_deg: Callable[[FloatArray], FloatArray] | None = None,
    duration_s: float | None = None,
    near: Facing | None = None,
    frame_size: tuple[int, int] = (1280, 720),
) -> PoseTrack:
    """Glute bridges seen from the side.

    Args:
        reps: how many lifts (each ``rep_s`` long) after ``lead_s`` of rest.
        facing: the image side the head is on.
        fps: frame rate.
        rep_s: one rep's duration: rise, hold at the top, lower, rest.
        top_hip_line_deg: the hip line at the top of a full lift (0: shoulders, hips and knees in
            a straight line; negative: hips sag below it).
        jitter_deg: tremor + noise on the pelvis lift, in degrees (see :func:`_jitter`).
        mirrored: flip x after construction (a mirrored webcam).
        seed: seeds the jitter.
        amplitudes: per rep, the fraction of the full pelvis lift (1.0 full; 0.35 an aborted
            lift that raises hip extension ~15 of the ~44 degrees). Defaults to all 1.0.
        lead_s, tail_s: rest before the first and after the last rep.
        lift_deg: instead of reps, the pelvis lift in degrees as a function of time (vectorised);
            needs ``duration_s`` (``metadata["reps"]`` is then -1: unknown).
        near: override the near side.

    Returns:
        The track; ``metadata["reps"]`` is the number of full lifts (amplitude 1.0) and
        ``metadata["top_lift_deg"]`` the pelvis lift at the top of a full one.
    """
    top = bridge_lift_for_hip_line(top_hip_line_deg)
    if lift_deg is None:
        fractions = list(amplitudes) if amplitudes is not None else [1.0] * reps
        if len(fractions) != reps:
            raise ValueError("give one amplitude per rep")
        total = lead_s + reps * rep_s + tail_s
        t = np.arange(round(total * fps)) / fps
        starts = [lead_s + i * rep_s for i in range(reps)]
        lift = BRIDGE_REST_LIFT_DEG + (top - BRIDGE_REST_LIFT_DEG) * rep_profile(
            t, starts, rep_s, fractions
        )
        full = sum(1 for f in fractions if f >= 1.0)
    else:
        if duration_s is None:
            raise ValueError("lift_deg needs duration_s")
        t = np.arange(round(duration_s * fps)) / fps
        lift = np.asarray(lift_deg(t), dtype=np.float64)
        full = -1
    lift = lift + _jitter(t, jitter_deg, np.random.default_rng(seed))
    head_dir = -1.0 if facing == "left" else 1.0
    near_side = near or ("right" if facing == "left" else "left")  # supine: see the anatomy note
    track = _assemble(t, bridge_figure(lift, head_dir), near_side, fps, frame_size, mirrored)
    track.metadata.update({"reps": str(full), "top_lift_deg": f"{top:.6f}"})
    return track


# -- the plank -------------------------------------------------------------------------------


def plank_figure(sag_deg: Angle, head_drop_deg: Angle, head_dir: float) -> Figure:
    """Forearm plank: elbows under the shoulders, legs straight, on the toes.

    ``sag_deg`` bends the body at the hips (positive: hips below the shoulder-ankle line) while
    the shoulders stay at the same height over the elbows; ``head_drop_deg`` tips the head below
    the line of the trunk.
    """
    leg = THIGH + SHANK
    rise = PLANK_SHOULDER_H - PLANK_ANKLE_H
    s = np.radians(sag_deg)
    # Solve leg*sin(trunk - s) + TRUNK*sin(trunk) = rise for the trunk's elevation.
    p_coef, q_coef = leg * np.cos(s) + TRUNK, leg * np.sin(s)
    trunk_el = np.degrees(np.arctan2(q_coef, p_coef) + np.arcsin(rise / np.hypot(p_coef, q_coef)))
    leg_el = trunk_el - sag_deg
    knee = SHANK * _unit(leg_el, head_dir)
    ankle = np.broadcast_to(_p(0.0, -PLANK_ANKLE_H), knee.shape)
    knee = ankle + knee
    hip = ankle + leg * _unit(leg_el, head_dir)
    shoulder = hip + TRUNK * _unit(trunk_el, head_dir)
    elbow = _p(shoulder[..., 0], -0.03)
    neck_el = np.radians(trunk_el - head_drop_deg)
    neck = _unit(np.degrees(neck_el), head_dir)
    down = _p(head_dir * np.sin(neck_el), np.cos(neck_el))  # across the neck, towards the floor
    ear = shoulder + NECK * neck
    nose = ear + 0.035 * neck + 0.05 * down
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-head_dir * 0.04, -0.02),
        "FOOT_INDEX": ankle + _p(head_dir * 0.03, PLANK_ANKLE_H),
        "EAR": ear,
        **_hands(elbow + _p(head_dir * FOREARM, 0.0), head_dir),
        **_eyes(nose - 0.012 * neck - 0.01 * down, head_dir),
    }
    face = {"NOSE": nose, "MOUTH": nose - 0.005 * neck + 0.03 * down}
    return Figure(parts, face)


def lying_prone_figure(head_dir: float) -> Figure:
    """Lying flat on the front, forearms on the floor: not a plank (upper arm flat, body flat)."""
    ankle = _p(0.0, -0.05)  # the same anchor as the plank: the feet stay where they are
    knee = ankle + SHANK * _unit(0.0, head_dir)
    hip = ankle + (THIGH + SHANK) * _unit(0.0, head_dir)
    shoulder = hip + TRUNK * _unit(0.0, head_dir)
    elbow = shoulder + _p(head_dir * 0.05, 0.02)
    neck = _unit(0.0, head_dir)
    down = _p(0.0, 1.0)
    ear = shoulder + NECK * neck
    nose = ear + 0.035 * neck + 0.03 * down
    parts = {
        "SHOULDER": shoulder,
        "ELBOW": elbow,
        "HIP": hip,
        "KNEE": knee,
        "ANKLE": ankle,
        "HEEL": ankle + _p(-head_dir * 0.02, -0.03),
        "FOOT_INDEX": ankle + _p(-head_dir * 0.1, 0.02),
        "EAR": ear,
        **_hands(elbow + _p(head_dir * FOREARM, 0.0), head_dir),
        **_eyes(nose - 0.012 * neck - 0.01 * down, head_dir),
    }
    face = {"NOSE": nose, "MOUTH": nose - 0.005 * neck + 0.02 * down}
    return Figure(parts, face)


def _window_value(t: FloatArray, window: Window | None, ramp_s: float) -> FloatArray:
    """``degrees`` inside [start, end), 0 outside, with ``ramp_s`` eased edges centred on them."""
    if window is None:
        return np.zeros_like(t)
    start, end, degrees = window
    rise = _ease((t - start + ramp_s / 2) / ramp_s)
    fall = _ease((t - end + ramp_s / 2) / ramp_s)
    return np.asarray(degrees * (rise - fall))


def _blend(a: Figure, b: Figure, weight: FloatArray) -> Figure:
    def mix(x: Point, y: Point) -> Point:
        return np.asarray((1.0 - _col(weight)) * x + _col(weight) * y)

    return Figure(
        {k: mix(a.parts[k], b.parts[k]) for k in a.parts},
        {k: mix(a.face[k], b.face[k]) for k in a.face},
    )


def plank_track(
    duration_s: float,
    sag_deg_between: Window | None = None,
    head_drop_deg_between: Window | None = None,
    facing: Facing = "left",
    fps: float = 30.0,
    mirrored: bool = False,
    *,
    lead_s: float = 1.0,
    ramp_s: float = 0.5,
    tail_s: float = 1.0,
    edge_ramp_s: float = 0.2,
    near: Facing | None = None,
    frame_size: tuple[int, int] = (1280, 720),
) -> PoseTrack:
    """Lying prone for ``lead_s``, rising into a forearm plank over ``ramp_s``, holding it for
    ``duration_s``, lowering over ``ramp_s`` and lying for ``tail_s``.

    Args:
        duration_s: time in the full plank position (``metadata["hold_start_s"]`` to
            ``metadata["hold_end_s"]``).
        sag_deg_between: ``(start_s, end_s, degrees)``: the hips sag by ``degrees`` (track time)
            with ``edge_ramp_s`` eased edges centred on start and end.
        head_drop_deg_between: the same for the head dropping below the trunk line.
        facing: the image side the head is on.
        mirrored: flip x after construction.
        near: override the near side (default: prone, head left -> left side near).
    """
    total = lead_s + 2 * ramp_s + duration_s + tail_s
    t = np.arange(round(total * fps)) / fps
    hold_start = lead_s + ramp_s
    hold_end = hold_start + duration_s
    up = _ease((t - lead_s) / ramp_s) - _ease((t - hold_end) / ramp_s)
    sag = _window_value(t, sag_deg_between, edge_ramp_s)
    drop = _window_value(t, head_drop_deg_between, edge_ramp_s)
    head_dir = -1.0 if facing == "left" else 1.0
    lying = lying_prone_figure(head_dir)
    figure = _blend(lying, plank_figure(sag, drop, head_dir), up)
    near_side = near or facing  # prone: the camera sees the side the head points along
    track = _assemble(t, figure, near_side, fps, frame_size, mirrored)
    track.metadata.update({"hold_start_s": f"{hold_start:.6f}", "hold_end_s": f"{hold_end:.6f}"})
    return track


# -- assembly --------------------------------------------------------------------------------


def _assemble(
    t: FloatArray,
    figure: Figure,
    near: Facing,
    fps: float,
    frame_size: tuple[int, int],
    mirrored: bool,
) -> PoseTrack:
    """Places the figure's frames in the image and writes the 33 landmarks of both sides."""
    width, height = frame_size
    aspect = width / height
    far: Facing = "right" if near == "left" else "left"
    count = len(t)
    xyz = np.empty((count, NUM_LANDMARKS, 3))
    visibility = np.empty((count, NUM_LANDMARKS))
    parts = {k: np.broadcast_to(v, (count, 2)) for k, v in figure.parts.items()}
    face = {k: np.broadcast_to(v, (count, 2)) for k, v in figure.face.items()}
    # One placement for the whole clip, so the figure does not drift from frame to frame.
    xs = np.concatenate([p[:, 0] for p in parts.values()])
    centre_x = 0.5 * (xs.min() + xs.max())

    def put(name: str, points: FloatArray, z: float, seen: float) -> None:
        xyz[:, PoseLandmark[name], :2] = _place(points, centre_x, aspect)
        xyz[:, PoseLandmark[name], 2] = z
        visibility[:, PoseLandmark[name]] = seen

    for part, points in parts.items():
        put(f"{near.upper()}_{part}", points, NEAR_Z, NEAR_VISIBILITY)
        put(f"{far.upper()}_{part}", points + FAR_OFFSET, FAR_Z, FAR_VISIBILITY)
    put("NOSE", face["NOSE"], NEAR_Z, NEAR_VISIBILITY)
    put(f"MOUTH_{near.upper()}", face["MOUTH"], NEAR_Z, NEAR_VISIBILITY)
    put(f"MOUTH_{far.upper()}", face["MOUTH"] + FAR_OFFSET, FAR_Z, FAR_VISIBILITY)
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


def _place(points: FloatArray, centre_x: float, aspect: float) -> FloatArray:
    """Body-height coordinates ``(..., 2)`` (y = 0 on the floor, up negative) -> normalised
    image coordinates, the clip's horizontal centre in the middle of the frame."""
    x_plane = aspect / 2 + (points[..., 0] - centre_x) * BODY_HEIGHT
    y_plane = FLOOR_Y + points[..., 1] * BODY_HEIGHT
    return np.stack([x_plane / aspect, y_plane], axis=-1)


# -- edits -----------------------------------------------------------------------------------


def blank(track: PoseTrack, start_s: float, end_s: float) -> PoseTrack:
    """A copy with nobody detected in [start_s, end_s)."""
    out = _copy(track)
    inside = (out.timestamp_s >= start_s) & (out.timestamp_s < end_s)
    out.xyz[inside] = np.nan
    out.visibility[inside] = 0.0
    out.num_people[inside] = 0
    return out


def spike(track: PoseTrack, index: int, seed: int = 0) -> PoseTrack:
    """A copy whose frame ``index`` holds wild landmarks (inside the frame), like a video cut to
    another shot for one frame or a detection glitch."""
    out = _copy(track)
    rng = np.random.default_rng(seed)
    out.xyz[index, :, :2] = rng.uniform(0.1, 0.9, size=(NUM_LANDMARKS, 2))
    return out


def _copy(track: PoseTrack) -> PoseTrack:
    return PoseTrack(
        timestamp_s=track.timestamp_s.copy(),
        xyz=track.xyz.copy(),
        visibility=track.visibility.copy(),
        num_people=track.num_people.copy(),
        frame_width=track.frame_width,
        frame_height=track.frame_height,
        fps=track.fps,
        metadata=dict(track.metadata),
    )


@dataclass(frozen=True)
class HoldTiming:
    """When a hold built from known angles should be timed (see :func:`expected_hold_timing`)."""

    start_s: float  # the window's start: where the still stretch began
    timed_from_s: float  # when the timer starts running
    end_s: float  # the last frame in position


def expected_hold_timing(
    t: FloatArray,
    angles: dict[str, FloatArray],
    inside: npt.NDArray[np.bool_],
    *,
    enter_s: float,
    settle_deg: float | None,
    settle_s: float,
) -> HoldTiming:
    """The hold-entry rule of the spec format, applied to the angles a figure was *built* from
    (not to measured ones): holding begins once the position has been met for ``enter_s`` and
    every position angle moved less than ``settle_deg`` over the last ``settle_s``; the window
    starts where that still stretch began. ``inside`` must be one run of frames."""
    frames = np.flatnonzero(inside)
    assert frames.size and np.all(np.diff(frames) == 1), "one stretch in position"
    first, last = int(frames[0]), int(frames[-1])
    for k in range(first, last + 1):
        if t[k] - t[first] < enter_s:
            continue
        if settle_deg is None:
            return HoldTiming(float(t[first]), float(t[k]), float(t[last]))
        older = np.flatnonzero(t[k] - t[first : k + 1] >= settle_s - 1e-6)
        if older.size == 0:
            continue
        m = first + int(older[-1])
        if all(np.ptp(series[m : k + 1]) < settle_deg for series in angles.values()):
            return HoldTiming(float(t[m]), float(t[k]), float(t[last]))
    raise AssertionError("the figure never holds still in position")
