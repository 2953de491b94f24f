"""When a side-view rep count is trusted: side-on, a steady oblique camera, or a changing view.

Synthetic bridges (tests.synthetic) are turned towards the camera by spreading the far-side
landmarks away from the near ones, by a set share of the torso length: the body width ratio
FormCheck reads its view from (about 0 side-on, 0.30-0.55 oblique, more front-on). The near
side, which the bridge is measured on, is untouched, so every rep stays countable; only the
view changes.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from formcheck.analysis import analyze_track
from formcheck.landmarks import PoseLandmark, PoseTrack
from formcheck.specs import get_spec
from tests import synthetic

BRIDGE = get_spec("glute_bridge")
REPS = 5

pytestmark = pytest.mark.filterwarnings(
    "ignore:All-NaN slice:RuntimeWarning", "ignore:Mean of empty slice:RuntimeWarning"
)


def turned(track: PoseTrack, width_of_torso: float, start_s: float, end_s: float) -> PoseTrack:
    """The track with its far-side landmarks moved up the image by ``width_of_torso`` torso
    lengths between ``start_s`` and ``end_s`` (a camera further round towards the front)."""
    xyz = track.xyz.copy()
    far = "right" if track.metadata["near"] == "left" else "left"
    far_ids = [lm.value for lm in PoseLandmark if lm.name.startswith(f"{far.upper()}_")]
    w, h = track.frame_width, track.frame_height
    shoulder = xyz[:, [PoseLandmark.LEFT_SHOULDER, PoseLandmark.RIGHT_SHOULDER], :2].mean(axis=1)
    hip = xyz[:, [PoseLandmark.LEFT_HIP, PoseLandmark.RIGHT_HIP], :2].mean(axis=1)
    torso_px = np.hypot((shoulder[:, 0] - hip[:, 0]) * w, (shoulder[:, 1] - hip[:, 1]) * h)
    inside = (track.timestamp_s >= start_s) & (track.timestamp_s < end_s)
    shift = np.where(inside, width_of_torso * torso_px / h, 0.0)
    xyz[:, far_ids, 1] -= shift[:, None]
    return dataclasses.replace(track, xyz=xyz, metadata=dict(track.metadata))


def bridge() -> PoseTrack:
    return synthetic.bridge_track(REPS, facing="left")


def test_side_on_counts_without_a_view_warning() -> None:
    result = analyze_track(bridge(), BRIDGE)
    assert result.can_judge and result.reps == REPS
    assert not [w for w in result.warnings if "angle" in w]


def test_a_steady_oblique_camera_counts_with_a_warning() -> None:
    track = bridge()
    result = analyze_track(turned(track, 0.42, 0.0, 1e9), BRIDGE)
    assert result.view == "oblique"
    assert result.can_judge and result.reps == REPS
    assert any("off by 15 degrees" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("width_of_torso", "what"), [(0.9, "front-on"), (0.42, "oblique")], ids=["front", "oblique"]
)
def test_a_view_that_changes_part_way_cannot_be_trusted(width_of_torso: float, what: str) -> None:
    # Side-on for the first 60% of the clip, then a second camera set-up (front-on or oblique).
    track = bridge()
    duration = float(track.timestamp_s[-1])
    result = analyze_track(turned(track, width_of_torso, 0.6 * duration, 1e9), BRIDGE)
    assert not result.can_judge, what
    assert any("cannot judge the rep count reliably" in w for w in result.warnings)
