"""Camera cuts and fades, from the picture itself.

The landmark-based check (:func:`formcheck.kinematics.smoothing.cut_boundaries`) finds a cut
when the body jumps across the frame. An edit that keeps the person in place but changes their
pose (a looped segment that restarts at the bottom of a push-up, a fade to white and back) moves
the landmarks no faster than a quick rep does, so the picture is what tells it apart: a cut
changes most of the frame at once, a person moving changes only the pixels they cover.

Each analysed frame is shrunk to a tiny grey thumbnail; its change from the previous analysed
frame is the mean absolute difference in grey levels (0-255).
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt
from scipy import ndimage

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Small enough that a person's own movement shifts few grey levels on average, large enough
# that a cut still changes most cells.
THUMBNAIL_SIZE = (32, 18)
# Shrunk in two steps: a cheap bilinear pass to this, then averaging (area) to the thumbnail.
# Averaging the whole frame at once costs about 1 ms a frame at 640 px; this about 0.04 ms.
_FIRST_STEP_SIZE = (128, 72)
# Measured on the labelled real clips at 15 analysed frames a second: frames of people
# exercising (handheld and panning cameras included) change by at most 13 grey levels, and
# clips whose median is 7 (a shaky phone) reach 13; cuts, fades to white and title cards change
# by 16 to 140.
CUT_MIN_CHANGE = 15.0
# ...and a cut stands out from its surroundings: at least this many times the median change
# over the second either side (a shaky or panning clip changes a lot on every frame).
CUT_CONTRAST = 3.0
LOCAL_WINDOW_S = 2.0


class SceneChangeMeter:
    """Feeds frames one at a time and says how much each changed from the one before.

    Every buffer is allocated once; each frame costs two small resizes and a colour conversion
    of the thumbnail.
    """

    def __init__(self) -> None:
        width, height = THUMBNAIL_SIZE
        self._first_step = np.zeros((_FIRST_STEP_SIZE[1], _FIRST_STEP_SIZE[0], 3), dtype=np.uint8)
        self._colour_small = np.zeros((height, width, 3), dtype=np.uint8)
        self._grey_small = np.zeros((height, width), dtype=np.uint8)
        self._previous = np.zeros((height, width), dtype=np.float32)
        self._current = np.zeros((height, width), dtype=np.float32)
        self._has_previous = False

    def update(self, rgb: npt.NDArray[np.uint8]) -> float:
        """The mean absolute grey-level change from the previous frame (0 for the first)."""
        cv2.resize(rgb, _FIRST_STEP_SIZE, dst=self._first_step, interpolation=cv2.INTER_LINEAR)
        cv2.resize(
            self._first_step, THUMBNAIL_SIZE, dst=self._colour_small, interpolation=cv2.INTER_AREA
        )
        cv2.cvtColor(self._colour_small, cv2.COLOR_RGB2GRAY, dst=self._grey_small)
        np.copyto(self._current, self._grey_small, casting="unsafe")
        change = float(cv2.norm(self._current, self._previous, cv2.NORM_L1)) / self._current.size
        if not self._has_previous:
            change = 0.0
            self._has_previous = True
        self._previous, self._current = self._current, self._previous
        return change


def scene_cuts(change: FloatArray, fps: float) -> BoolArray:
    """Frames that begin a new shot: their change is large (:data:`CUT_MIN_CHANGE`) and stands
    out from the changes around it (:data:`CUT_CONTRAST`). A fade over several frames marks each
    of them.

    Args:
        change: ``(T,)`` per-frame change (:class:`SceneChangeMeter`); NaN where unknown.
        fps: the frames' rate, for the local window.
    """
    change = np.nan_to_num(np.asarray(change, dtype=np.float64), nan=0.0)
    if change.size == 0:
        return np.zeros(0, dtype=bool)
    window = max(3, round(LOCAL_WINDOW_S * max(fps, 1.0)) | 1)
    local = ndimage.median_filter(change, size=window, mode="nearest")
    return np.asarray((change > CUT_MIN_CHANGE) & (change > CUT_CONTRAST * local))
