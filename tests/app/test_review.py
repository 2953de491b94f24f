"""The upload review's data: per-rep table, issue timeline, thumbnails, CSV/JSON, plot; and the
messages a bad upload gets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from formcheck.analysis import analyze_track
from formcheck.app.review import (
    angle_figure,
    build_review,
    frames_csv,
    grab_frames,
    issue_timeline,
    rep_rows,
    result_json,
)
from formcheck.errors import AnalysisError, VideoError
from formcheck.specs import get_spec
from formcheck.video import VideoWriter

from ..synthetic import bridge_track
from ..synthetic_alternating import bird_dog_track


@pytest.fixture(scope="module")
def sagging_bridges():  # type: ignore[no-untyped-def]
    spec = get_spec("glute_bridge")
    track = bridge_track(3, fps=15.0, top_hip_line_deg=-24.0)  # hips stay low at the top
    return spec, analyze_track(track, spec, video="bridges.mp4")


def test_rep_table_has_one_row_per_rep_with_range_duration_and_issues(sagging_bridges) -> None:  # type: ignore[no-untyped-def]
    spec, result = sagging_bridges
    rows = rep_rows(result.events, spec)
    assert [r["Rep"] for r in rows] == [1, 2, 3]
    for row in rows:
        assert row["Range of motion (deg)"] > 20
        assert 1.0 < row["Duration (s)"] < 4.0
        assert "below the shoulder-knee line" in row["Issues"]  # the hip_sag rule's message


def test_timeline_is_in_time_order_with_cues(sagging_bridges) -> None:  # type: ignore[no-untyped-def]
    spec, result = sagging_bridges
    items = issue_timeline(result.events, spec)
    assert len(items) >= 3
    assert [i.time_s for i in items] == sorted(i.time_s for i in items)
    assert all(i.cue and i.severity in ("info", "warning", "error") for i in items)


def test_timeline_names_the_side_of_an_alternating_exercises_rep() -> None:
    # Left rep 1 and right rep 1 are two reps: the leg went too high on both.
    spec = get_spec("bird_dog")
    result = analyze_track(bird_dog_track("LR", leg_top_deg=30.0), spec, video="bird_dog.mp4")
    titles = [i.title for i in issue_timeline(result.events, spec) if i.title.startswith("Rep")]
    assert titles == [
        "Rep 1 (left): The leg went well above hip height (the lower back arches to get it there)",
        "Rep 1 (right): The leg went well above hip height (the lower back arches to get it there)",
    ]


def test_csv_and_json_downloads(sagging_bridges) -> None:  # type: ignore[no-untyped-def]
    spec, result = sagging_bridges
    rows = list(csv.reader(io.StringIO(frames_csv(result))))
    assert rows[0][:2] == ["timestamp_s", "status"]
    assert set(spec.metrics) <= set(rows[0])
    assert len(rows) == 1 + result.frame_count
    data = json.loads(result_json(result))
    assert data["reps"] == 3 and data["exercise"] == "glute_bridge"


def test_angle_plot_marks_every_rep(sagging_bridges) -> None:  # type: ignore[no-untyped-def]
    spec, result = sagging_bridges
    figure = angle_figure(result, spec)
    assert figure is not None
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.texts] == ["1", "2", "3"]
    assert axes.get_legend_handles_labels()[1][0] == "hip line"  # the counted metric first


def _numbered_video(path: Path, frames: int = 30, fps: float = 15.0) -> None:
    """Frame i is filled with grey level 8*i, so a thumbnail tells which frame it is."""
    with VideoWriter(path, 160, 96, fps) as writer:
        for i in range(frames):
            writer.write(np.full((96, 160, 3), 8 * i, np.uint8))


def test_thumbnails_are_the_frames_at_the_asked_times(tmp_path: Path) -> None:
    video = tmp_path / "numbered.mp4"
    _numbered_video(video)
    thumbs = grab_frames(video, [1.0, 0.0, 0.5, 99.0])
    levels = [round(float(t.mean()) / 8) for t in thumbs]
    assert levels == [15, 0, 7, 29]  # out of order and past the end are fine


def test_not_a_video_says_so(tmp_path: Path, model_path: Path) -> None:
    fake = tmp_path / "holiday.mp4"
    fake.write_text("this is not a video")
    with pytest.raises(VideoError, match=r"holiday\.mp4"):
        build_review(fake, get_spec("glute_bridge"), model_path, tmp_path)


def test_nobody_in_frame_says_so(tmp_path: Path, model_path: Path) -> None:
    empty = tmp_path / "empty_room.mp4"
    _numbered_video(empty, frames=20)
    with pytest.raises(AnalysisError, match="nobody was found"):
        build_review(empty, get_spec("glute_bridge"), model_path, tmp_path)


def test_the_review_shows_each_side_of_a_stretch_done_side_by_side() -> None:
    from streamlit.testing.v1 import AppTest

    from ..synthetic_alternating import pigeon_track

    # A pigeon stretch on the left leg, then the right: the page gives each side's time.
    holds = [("left", 2.0, 9.0), ("right", 12.0, 19.0)]
    spec = get_spec("piriformis_stretch")
    by_side = analyze_track(pigeon_track(holds), spec).summary.hold_s_by_side
    script = f"""
from formcheck.analysis import analyze_track
from formcheck.app.review import Review
from formcheck.app.review_page import _show
from formcheck.specs import get_spec
from tests.synthetic_alternating import pigeon_track

spec = get_spec("piriformis_stretch")
result = analyze_track(pigeon_track({holds!r}), spec, video="pigeon.mp4")
_show(Review(result, b"", [], [], []), spec, "pigeon.mp4")
"""
    at = AppTest.from_string(script, default_timeout=120).run()
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    expected = f"left {by_side['left']:.1f} s, right {by_side['right']:.1f} s"
    assert by_side["left"] > 5.0 and by_side["right"] > 5.0
    assert expected in captions, captions
