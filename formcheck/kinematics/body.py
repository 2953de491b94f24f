"""Which side of the body is nearer the camera, which way the person faces, and the camera view.

From one camera, limbs on the far side are the model's guesses: their angles are often flat or
wrong. Exercises seen from the side are therefore judged on the near side, chosen by depth and
visibility together, and confirmed by checking that the chosen side actually moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from formcheck.kinematics.geometry import distance
from formcheck.landmarks import FloatArray, PoseLandmark

# Landmarks that say most about which side is nearer: the big joints.
_SIDE_JOINTS = ("SHOULDER", "HIP", "KNEE", "ANKLE", "ELBOW")
_LEFT = np.array([PoseLandmark[f"LEFT_{j}"] for j in _SIDE_JOINTS])
_RIGHT = np.array([PoseLandmark[f"RIGHT_{j}"] for j in _SIDE_JOINTS])


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class View(StrEnum):
    SIDE = "side"
    FRONT = "front"
    OBLIQUE = "oblique"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SideChoice:
    """The near side and how sure we are (0.5 = a coin toss, 1.0 = every cue agrees)."""

    side: Side
    confidence: float


def near_side_scores(xyz: FloatArray, visibility: FloatArray) -> FloatArray:
    """Per-frame evidence that the LEFT side is nearer, in [-1, 1] (negative: right is nearer).

    Args:
        xyz: ``(T, 33, 3)`` normalised landmarks (NaN where undetected).
        visibility: ``(T, 33)`` visibility scores.

    Depth (MediaPipe's z, smaller is nearer) and visibility each vote; either alone misleads:
    visibility is often high on guessed far limbs, and z is noisy when the body faces the camera.
    """
    depth_sign = np.sign(xyz[:, _RIGHT, 2] - xyz[:, _LEFT, 2])
    finite = np.isfinite(depth_sign)
    counts = finite.sum(axis=1)
    depth_vote = np.where(
        counts > 0, np.where(finite, depth_sign, 0.0).sum(axis=1) / np.maximum(counts, 1), np.nan
    )
    visibility_vote = np.clip(
        (visibility[:, _LEFT] - visibility[:, _RIGHT]).mean(axis=1) * 4.0, -1.0, 1.0
    )
    score = 0.6 * depth_vote + 0.4 * visibility_vote
    return np.asarray(np.where(np.isfinite(score), score, 0.0))


def choose_near_side(scores: FloatArray) -> SideChoice:
    """Picks the side that the per-frame scores favour over a clip or a window."""
    finite = scores[np.isfinite(scores)]
    if finite.size == 0:
        return SideChoice(Side.LEFT, 0.5)
    mean = float(np.mean(finite))
    side = Side.LEFT if mean >= 0 else Side.RIGHT
    return SideChoice(side, 0.5 + 0.5 * min(1.0, abs(mean)))


def facing_sign(plane: FloatArray) -> FloatArray:
    """Per-frame +1 when the person faces image-right, -1 when image-left, NaN when unclear.

    The nose is ahead of the ears in the direction a person faces, whether standing, lying or
    on all fours, so this is also right for a mirrored webcam (which simply flips it).
    """
    ears_x = 0.5 * (plane[:, PoseLandmark.LEFT_EAR, 0] + plane[:, PoseLandmark.RIGHT_EAR, 0])
    offset = plane[:, PoseLandmark.NOSE, 0] - ears_x
    head_size = distance(plane[:, PoseLandmark.LEFT_EAR], plane[:, PoseLandmark.LEFT_SHOULDER])
    # Facing the camera puts the nose between the ears: no horizontal direction to speak of.
    clear = np.abs(offset) > 0.08 * np.maximum(head_size, 1e-6)
    return np.asarray(np.where(clear, np.sign(offset), np.nan))


def body_width_ratio(plane: FloatArray) -> FloatArray:
    """Shoulder and hip width over torso length, per frame: ~0 side-on, ~0.6+ facing the camera."""
    shoulder_width = distance(
        plane[:, PoseLandmark.LEFT_SHOULDER], plane[:, PoseLandmark.RIGHT_SHOULDER]
    )
    hip_width = distance(plane[:, PoseLandmark.LEFT_HIP], plane[:, PoseLandmark.RIGHT_HIP])
    mid_shoulder = 0.5 * (
        plane[:, PoseLandmark.LEFT_SHOULDER] + plane[:, PoseLandmark.RIGHT_SHOULDER]
    )
    mid_hip = 0.5 * (plane[:, PoseLandmark.LEFT_HIP] + plane[:, PoseLandmark.RIGHT_HIP])
    torso = distance(mid_shoulder, mid_hip)
    return np.asarray(0.5 * (shoulder_width + hip_width) / np.maximum(torso, 1e-6))


# Width ratio bands; between them a view is called oblique. Deliberately wide: a person lying
# side-on still shows some shoulder width, and landmarks jitter.
SIDE_MAX_RATIO = 0.30
FRONT_MIN_RATIO = 0.55


@dataclass(frozen=True, slots=True)
class ViewEstimate:
    view: View
    confidence: float
    width_ratio: float


def classify_view(width_ratio: float) -> ViewEstimate:
    """Side, front or oblique from a (median) body width ratio, with a confidence in [0.5, 1]."""
    if not np.isfinite(width_ratio):
        return ViewEstimate(View.UNKNOWN, 0.0, width_ratio)
    if width_ratio <= SIDE_MAX_RATIO:
        margin = (SIDE_MAX_RATIO - width_ratio) / SIDE_MAX_RATIO
        return ViewEstimate(View.SIDE, 0.5 + 0.5 * min(1.0, 2 * margin), width_ratio)
    if width_ratio >= FRONT_MIN_RATIO:
        margin = (width_ratio - FRONT_MIN_RATIO) / FRONT_MIN_RATIO
        return ViewEstimate(View.FRONT, 0.5 + 0.5 * min(1.0, 2 * margin), width_ratio)
    middle = 0.5 * (SIDE_MAX_RATIO + FRONT_MIN_RATIO)
    half_band = 0.5 * (FRONT_MIN_RATIO - SIDE_MAX_RATIO)
    return ViewEstimate(
        View.OBLIQUE, 1.0 - 0.5 * abs(width_ratio - middle) / half_band, width_ratio
    )
