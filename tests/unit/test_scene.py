"""Camera cuts and fades from the picture (formcheck.video.scene), and what the engine does at
one: a movement seen before a cut does not continue after it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formcheck.analysis import analyze_track
from formcheck.engine.events import RepCompleted
from formcheck.landmarks import PoseTrack
from formcheck.video.scene import CUT_MIN_CHANGE, SceneChangeMeter, scene_cuts
from tests import synthetic
from tests.unit.test_engine import BRIDGE, of_type, run, summary_of

FPS = 15.0


def _frame(grey: int, square_at: int | None = None) -> np.ndarray:
    """A 640x360 RGB frame of one grey level, with a darker 80x160 'person' at ``square_at``."""
    frame = np.full((360, 640, 3), grey, dtype=np.uint8)
    if square_at is not None:
        frame[150:310, square_at : square_at + 80] = max(0, grey - 90)
    return frame


def test_a_still_picture_does_not_change_and_the_first_frame_counts_as_no_change() -> None:
    meter = SceneChangeMeter()
    assert meter.update(_frame(120, 200)) == 0.0
    assert meter.update(_frame(120, 200)) == 0.0


def test_a_brightness_jump_is_measured_in_grey_levels() -> None:
    meter = SceneChangeMeter()
    meter.update(_frame(100))
    assert meter.update(_frame(130)) == pytest.approx(30.0, abs=0.5)


def test_a_person_moving_changes_the_picture_less_than_a_cut() -> None:
    meter = SceneChangeMeter()
    meter.update(_frame(160, 200))
    # A quick movement: the 'person' moves a third of its width in one analysed frame.
    moving = meter.update(_frame(160, 226))
    assert 0.0 < moving < CUT_MIN_CHANGE
    # A cut to another shot: a different background, the person elsewhere.
    assert meter.update(_frame(70, 450)) > CUT_MIN_CHANGE


def test_a_cut_stands_out_and_a_fade_marks_each_of_its_frames() -> None:
    rng = np.random.default_rng(3)
    change = rng.uniform(0.5, 3.0, 90)
    change[30] = 40.0  # a hard cut
    change[60:63] = [18.0, 22.0, 19.0]  # a fade to white
    cuts = scene_cuts(change, FPS)
    assert np.flatnonzero(cuts).tolist() == [30, 60, 61, 62]


@settings(max_examples=25, deadline=None)
@given(
    typical=st.floats(min_value=5.0, max_value=8.0),
    burst=st.floats(min_value=13.0, max_value=20.0),
    seed=st.integers(0, 2**16),
)
def test_a_shaky_camera_is_not_a_cut(typical: float, burst: float, seed: int) -> None:
    # A handheld phone: every frame changes by several grey levels; a jolt to twice the
    # typical change (up to 16, past CUT_MIN_CHANGE) stands out less than three times from
    # the slowest of its neighbours.
    rng = np.random.default_rng(seed)
    change = rng.uniform(0.7 * typical, 1.3 * typical, 60)
    change[rng.integers(5, 55)] = min(burst, 2.0 * typical)
    assert not scene_cuts(change, FPS).any()


def test_no_frames_no_cuts() -> None:
    assert scene_cuts(np.zeros(0), FPS).size == 0


def test_the_scene_change_survives_the_landmark_cache(tmp_path: Path) -> None:
    track = synthetic.bridge_track(1)
    track.scene_change = np.linspace(0.0, 5.0, len(track))
    track.save(str(tmp_path / "with.npz"))
    loaded = PoseTrack.load(str(tmp_path / "with.npz"))
    assert loaded.scene_change is not None
    np.testing.assert_allclose(loaded.scene_change, track.scene_change)
    track.scene_change = None
    track.save(str(tmp_path / "without.npz"))
    assert PoseTrack.load(str(tmp_path / "without.npz")).scene_change is None


# -- the engine at a cut -------------------------------------------------------------------

REST = synthetic.BRIDGE_REST_LIFT_DEG
TOP = synthetic.bridge_lift_for_hip_line(0.0)
SEAM_S = 6.0


def _looped_bridge() -> PoseTrack:
    """A bridge, then an edit at 6 s that restarts the clip with the hips at the top: they stay
    up for a second and lower to rest, then one more full bridge. The picture changes at
    once at the seam; the landmarks do not jump far (the person stays in place)."""
    knots_t = [0.0, 1.5, 2.4, 3.4, 4.3, SEAM_S - 1 / 30, SEAM_S, 7.0, 8.0, 9.0, 9.9, 10.9, 11.8]
    knots_v = [REST, REST, TOP, TOP, REST, REST, TOP, TOP, REST, REST, TOP, TOP, REST]
    track = synthetic.bridge_track(
        0, lift_deg=lambda t: np.interp(t, knots_t, knots_v), duration_s=13.0
    )
    change = np.full(len(track), 1.0)
    change[int(np.searchsorted(track.timestamp_s, SEAM_S))] = 45.0
    track.scene_change = change
    return track


def test_a_loop_that_restarts_at_the_top_adds_no_rep() -> None:
    events, kinematics = run(_looped_bridge(), BRIDGE)
    assert kinematics.cuts is not None and kinematics.cuts.sum() == 1
    assert any("1 cut(s)" in w for w in kinematics.warnings)
    assert summary_of(events).reps == 2
    starts = [round(e.start_s) for e in of_type(events, RepCompleted)]
    assert starts == [2, 9]


def test_the_frame_table_marks_the_cut() -> None:
    track = _looped_bridge()
    result = analyze_track(track, BRIDGE)
    cuts = result.frame_table()["cut"]
    assert len(cuts) == len(track)
    assert [i for i, cut in enumerate(cuts) if cut] == [
        int(np.searchsorted(track.timestamp_s, SEAM_S))
    ]


def test_without_the_picture_the_restart_counts_as_a_rep() -> None:
    # The same landmarks with no scene change known (live, or an old cache): the jump to the
    # top is too small a landmark jump to be a cut, so the counter sees a rep. This is what the
    # picture check is for.
    track = _looped_bridge()
    track.scene_change = None
    events, _ = run(track, BRIDGE)
    assert summary_of(events).reps == 3
