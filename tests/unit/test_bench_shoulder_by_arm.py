"""The metric-error bench's shoulder summary: offsets along and across the trunk, per band of
the arm's angle (bench/synth_metric_error.py)."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest

from tests.benches import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("synth_metric_error")


def test_offsets_are_in_torso_lengths_along_and_across_the_trunk(bench: ModuleType) -> None:
    # A trunk 100 px long lying along the image's x axis (head to the right), the arm at 0, 90
    # and 180 degrees from it; the found shoulder 10 px towards the head and 5 px across.
    n = 3
    hip = np.tile([0.0, 50.0], (3 * n, 1))
    shoulder = np.tile([100.0, 50.0], (3 * n, 1))
    elbow = np.concatenate(
        [
            np.tile([70.0, 50.0], (n, 1)),  # along the trunk towards the hips: 0
            np.tile([100.0, 80.0], (n, 1)),  # at right angles: 90
            np.tile([130.0, 50.0], (n, 1)),  # overhead: 180 (the last band holds 150-180)
        ]
    )
    found = shoulder + np.array([10.0, -5.0])
    found[2 * n :] = shoulder[2 * n :] + np.array([-20.0, 5.0])
    judged = np.ones(3 * n, dtype=bool)

    bands = bench._shoulder_by_arm(hip, shoulder, elbow, found, judged)

    assert set(bands) == {0, 90, 150}
    for low, along in ((0, 0.1), (90, 0.1), (150, -0.2)):
        assert bands[low][0] == pytest.approx(along)
        assert bands[low][1] == pytest.approx(0.05)
        assert bands[low][2] == n


def test_unjudged_frames_and_thin_bands_are_left_out(bench: ModuleType) -> None:
    hip = np.tile([0.0, 100.0], (4, 1))
    shoulder = np.tile([0.0, 0.0], (4, 1))
    elbow = np.tile([0.0, 30.0], (4, 1))  # hanging by the side
    found = shoulder + np.array([0.0, -10.0])
    judged = np.array([True, True, True, False])
    assert bench._shoulder_by_arm(hip, shoulder, elbow, found, judged) == {
        0: (pytest.approx(0.1), pytest.approx(0.0), 3)
    }
    judged[0] = False  # two frames are too few for a median worth printing
    assert bench._shoulder_by_arm(hip, shoulder, elbow, found, judged) == {}
