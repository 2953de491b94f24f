"""The tracker's periodic check against a fresh detection (formcheck.tracking.check_tracker).

Poses are built directly: a person is 33 landmarks around a centre, so the torso distance
between two poses is the distance between their centres.
"""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.landmarks import PoseFrame
from formcheck.tracking import MAX_TRACK_DRIFT, CheckVerdict, check_tracker

NOBODY = PoseFrame(0.0, None, None, 0)


def person(x: float, y: float = 0.5, people: int = 1) -> PoseFrame:
    rng = np.random.default_rng(0)
    xyz = np.column_stack([x + 0.05 * rng.standard_normal(33), y + 0.1 * rng.standard_normal(33)])
    xyz = np.column_stack([xyz, np.zeros(33)])
    return PoseFrame(0.0, xyz, np.full(33, 0.9), people)


def test_the_tracked_person_seen_again_is_kept() -> None:
    assert check_tracker(person(0.5), [person(0.52)]) is CheckVerdict.KEEP


def test_a_phantom_ranked_first_does_not_take_over_the_tracked_person() -> None:
    # The detector lays a second, reversed skeleton over the person and ranks it first; the
    # tracked person is its second detection.
    tracked = person(0.40)
    phantom, same = person(0.40 + 3 * MAX_TRACK_DRIFT, people=2), person(0.41, people=2)
    assert check_tracker(tracked, [phantom, same]) is CheckVerdict.KEEP


def test_a_person_found_elsewhere_is_switched_to() -> None:
    # A camera cut: nobody near the tracked pose.
    far = 0.5 + 2 * MAX_TRACK_DRIFT
    assert check_tracker(person(0.5), [person(far)]) is CheckVerdict.SWITCH
    assert check_tracker(NOBODY, [person(0.5)]) is CheckVerdict.SWITCH


def test_a_tracked_pose_the_detector_cannot_find_is_a_ghost() -> None:
    assert check_tracker(person(0.5), []) is CheckVerdict.GHOST
    assert check_tracker(NOBODY, []) is CheckVerdict.KEEP


@pytest.mark.parametrize("shift", [0.5, 0.9, 1.1, 2.0])
def test_the_drift_limit_decides(shift: float) -> None:
    verdict = check_tracker(person(0.3), [person(0.3 + shift * MAX_TRACK_DRIFT)])
    assert verdict is (CheckVerdict.KEEP if shift <= 1.0 else CheckVerdict.SWITCH)
