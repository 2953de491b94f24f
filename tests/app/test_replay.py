"""Session replay: the pure drawing functions, and the component's controls in AppTest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from formcheck import analyze_track, get_spec
from formcheck.app import replay
from formcheck.sessionfile import SessionRecording, export_session, recording_from_analysis
from tests.synthetic import blank, bridge_track

SPEC = get_spec("glute_bridge")


@pytest.fixture(scope="module")
def recording() -> SessionRecording:
    """Three bridges (reps start at about 1.5, 4.5 and 7.5 s), hips low at the top, and
    nobody in view from 10.5 s."""
    track = blank(bridge_track(3, fps=15.0, top_hip_line_deg=-24.0), 10.5, 12.0)
    return recording_from_analysis(analyze_track(track, SPEC), track)


def test_the_timeline_lists_reps_and_issues_in_time_order(recording: SessionRecording) -> None:
    entries = replay.timeline_entries(recording, SPEC)
    assert [e.time_s for e in entries] == sorted(e.time_s for e in entries)
    reps = [e for e in entries if e.kind == "rep"]
    assert [e.label.split()[1] for e in reps] == ["1", "2", "3"]
    assert len([e for e in entries if e.kind == "issue"]) == 3
    assert all(e.severity == "warning" for e in entries if e.kind == "issue")
    # Without the spec (an exercise this FormCheck does not know) the reps are still listed.
    assert [e.kind for e in replay.timeline_entries(recording, None)].count("rep") == 3


def test_rep_steps_go_from_rep_start_to_rep_start(recording: SessionRecording) -> None:
    spans = replay.rep_spans(recording)
    first = replay.neighbour_rep(recording, 0.0, 1)
    assert first == spans[0]
    assert replay.neighbour_rep(recording, first.start_s, 1) == spans[1]
    assert replay.neighbour_rep(recording, spans[1].peak_s, -1) == spans[1]
    assert replay.neighbour_rep(recording, spans[1].start_s, -1) == spans[0]
    assert replay.neighbour_rep(recording, spans[2].start_s, 1) is None
    assert replay.neighbour_rep(recording, 0.0, -1) is None


def test_the_overlay_shows_what_the_coach_showed_then(recording: SessionRecording) -> None:
    spans = replay.rep_spans(recording)
    assert replay.overlay_at(recording, 0.0, SPEC).rep_count == 0
    assert replay.overlay_at(recording, spans[1].end_s + 0.01, SPEC).rep_count == 2
    later = replay.overlay_at(recording, recording.duration_s, SPEC)
    assert later.rep_count == 3 and later.target_reps == SPEC.dosage.reps
    assert later.exercise_name == "Glute bridge"


def test_the_skeleton_is_drawn_where_the_person_was(recording: SessionRecording) -> None:
    width, height = replay.canvas_size(recording)
    assert (width, height) == (640, 360)  # the synthetic video is 1280x720
    with_person = replay.skeleton_frame(recording, recording.frame_at(5.0), SPEC)
    nobody = replay.skeleton_frame(recording, recording.frame_at(11.0), SPEC)
    assert with_person.shape == nobody.shape == (360, 640, 3)
    # The lower half (below the counter card) has bones only when somebody was found.
    lower = slice(height // 2, height - 50)
    background = np.array([34, 38, 46], np.uint8)
    assert (with_person[lower] != background).any(axis=2).mean() > 0.01
    assert (nobody[lower] != background).any(axis=2).mean() < 0.001


def test_the_plot_marker_moves_with_time(recording: SessionRecording) -> None:
    plot = replay.AnglePlot(recording, SPEC)
    assert plot.image is not None
    xs = [plot.x_pixel(t) for t in (0.0, 4.0, 8.0, 11.9)]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert plot.x_pixel(-5.0) == xs[0] and plot.x_pixel(99.0) >= xs[-1]
    picture = plot.at(4.0)
    assert picture is not None and picture.shape == plot.image.shape
    changed = np.flatnonzero((picture != plot.image).any(axis=(0, 2)))
    assert changed.min() >= xs[1] - 2 and changed.max() <= xs[1] + 2
    assert plot.image is not picture  # the cached plot itself is never drawn on


def test_the_replay_component_steps_rep_by_rep_and_jumps_to_events(
    recording: SessionRecording, tmp_path: Path
) -> None:
    path = export_session(recording, tmp_path / "bridges.fcsession")
    at = AppTest.from_string(
        "from formcheck.app import replay_view\n"
        "from formcheck.sessionfile import import_session\n"
        "from formcheck.specs import get_spec\n"
        f"replay_view.replay(import_session({str(path)!r}), get_spec('glute_bridge'), 'test')\n",
        default_timeout=60,
    ).run()
    assert not at.exception
    spans = replay.rep_spans(recording)
    slider = at.slider(key="fc_w.replay.test.time")
    assert slider.value == pytest.approx(0.0)
    next(b for b in at.button if b.label == "Next rep").click().run()
    assert at.slider(key="fc_w.replay.test.time").value == pytest.approx(spans[0].start_s)
    next(b for b in at.button if b.label == "Next rep").click().run()
    assert at.slider(key="fc_w.replay.test.time").value == pytest.approx(spans[1].start_s)
    assert "rep 2" in " ".join(c.value for c in at.caption)
    next(b for b in at.button if b.label == "Previous rep").click().run()
    assert at.slider(key="fc_w.replay.test.time").value == pytest.approx(spans[0].start_s)
    issue = next(b for b in at.button if "Rep 3: " in b.label)
    issue.click().run()
    assert at.slider(key="fc_w.replay.test.time").value == pytest.approx(9.8, abs=0.1)
    assert not [b for b in at.button if b.label == "Next rep" and not b.disabled]
