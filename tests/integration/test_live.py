"""The live path on a real clip: same counts as recorded-video analysis, mirrored or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from formcheck.engine.events import RepCompleted, Summary
from formcheck.live import LiveCoach
from formcheck.live_replay import live_rep_count, uneven_arrivals
from formcheck.specs import get_spec
from formcheck.tracking import track_video
from formcheck.video import VideoReader

from ..conftest import VIDEOS

pytestmark = pytest.mark.real_video


@pytest.mark.parametrize("mirror", [False, True])
def test_live_coach_counts_the_bridge_clip_like_offline(model_path: Path, mirror: bool) -> None:
    clip = VIDEOS / "glute_bridge__be23__bridge.mp4"
    if not clip.is_file():
        pytest.skip(f"{clip.name} is not in ../shared/videos")
    counted_live = []
    with (
        LiveCoach(get_spec("glute_bridge"), model_path, mirror=mirror) as coach,
        VideoReader(clip, max_side=640) as reader,
    ):
        for frame in reader:
            update = coach.process(frame.rgb, frame.timestamp_s)
            canvas = coach.draw(frame.rgb.copy(), update)
            assert canvas.shape == frame.rgb.shape
            counted_live.append(update.state.reps)
        events = coach.finish()
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.reps == 5
    # The count reaches the page while the video runs, not only at the end.
    assert counted_live[len(counted_live) // 2] in (2, 3)
    assert sum(isinstance(e, RepCompleted) for e in coach.engine.events) == 5


@pytest.mark.parametrize(
    ("clip_name", "reps"),
    [("glute_bridge__be23__bridge.mp4", 5), ("glute_bridge__palfit__frog_pump.mp4", 8)],
    ids=["bridge", "frog-pump"],
)
def test_live_kinematics_count_with_every_frame_and_with_uneven_frames(
    model_path: Path, landmark_cache: Path, clip_name: str, reps: int
) -> None:
    """The live path (causal smoothing, side chosen as frames arrive) on a clip's landmarks:
    every frame, and frames arriving 0-0.35 s apart at random (4 seeds). The frog pump's
    visible side barely moves: the side that moves must win and stay chosen."""
    clip = VIDEOS / clip_name
    if not clip.is_file():
        pytest.skip(f"{clip.name} is not in ../shared/videos")
    track, _ = track_video(clip, model_path, cache_dir=landmark_cache)
    spec = get_spec("glute_bridge")
    assert live_rep_count(track, spec, range(len(track))) == reps
    counts = [
        live_rep_count(track, spec, uneven_arrivals(track.timestamp_s, 0.35, seed))
        for seed in range(4)
    ]
    assert counts == [reps] * 4
