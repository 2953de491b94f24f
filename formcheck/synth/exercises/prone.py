"""Shared geometry of the face-down exercises (superman, prone press-up): the pelvis on the
floor, the trunk raised about it, straight legs and a head aimed by its gaze.

The canonical frame has the head towards +x and the person's front down (``anterior`` -1).
"""

from __future__ import annotations

import math

import numpy as np

from formcheck.synth.ik import LegDirs
from formcheck.synth.skeleton import FACE, Proportions, Vec, unit

# The nose sits this many degrees below the face's front direction, seen from the ear; a gaze
# (the ear -> nose incline) of g degrees puts the head's up direction at g + this + 90.
_NOSE_BELOW_FRONT_DEG = -math.degrees(math.atan2(FACE["NOSE"][0], FACE["NOSE"][1]))


def head_for_gaze(gaze_deg: float) -> Vec:
    """The head's up direction that makes the spec's gaze (ear -> nose incline, the face
    towards +x) equal ``gaze_deg``."""
    return unit(gaze_deg + _NOSE_BELOW_FRONT_DEG + 90.0)


def pelvis_on_floor(p: Proportions) -> Vec:
    """The hip joint of a person lying face down (the pelvis resting on the floor)."""
    return np.array([0.0, 0.5 * p.pelvis_depth])


def straight_legs(incline_deg: float, foot_deg: float) -> LegDirs:
    """Straight legs reaching back (-x), the hip -> ankle line ``incline_deg`` above the floor;
    ``foot_deg`` turns the foot from pointing back in line with the shin (0) towards the
    floor (toes tucked, positive)."""
    leg_deg = 180.0 - incline_deg
    return LegDirs(unit(leg_deg), unit(leg_deg), unit(leg_deg + 6.0 + foot_deg))
