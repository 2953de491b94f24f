"""The live set shared between the video thread and the page: clock, state, session."""

from __future__ import annotations

import threading

import numpy as np

from formcheck.app.live_state import LiveSession, StreamClock, fit_to
from formcheck.engine.events import RepCompleted, Summary
from formcheck.specs import get_spec

from ..synthetic import bridge_track
from .fakes import ReplayCoach

BLANK = np.zeros((180, 320, 3), np.uint8)


def test_clock_starts_at_zero_and_survives_a_restarted_stream() -> None:
    clock = StreamClock()
    assert clock(1000.0) == 0.0
    assert clock(1000.5) == 0.5
    restarted = clock(3.0)  # STOP then START: the stream's time starts over
    assert 0.5 < restarted < 0.6
    assert clock(3.5) == restarted + 0.5
    assert clock(3.4) > clock(3.5) - 1.0  # never backwards


def test_fit_to_only_shrinks() -> None:
    assert fit_to(np.zeros((720, 1280, 3), np.uint8)).shape == (360, 640, 3)
    small = np.zeros((240, 320, 3), np.uint8)
    assert fit_to(small) is small


def _session(reps: int = 3) -> LiveSession:
    spec = get_spec("glute_bridge")
    return LiveSession(ReplayCoach(spec, bridge_track(reps, fps=15.0)))


def test_session_counts_reps_and_reports_speed() -> None:
    session = _session()
    for i in range(180):  # 12 s at 15 fps, every other frame skipped as if busy
        if i % 2:
            continue
        session.process(BLANK.copy(), 50.0 + i / 15.0, skipped=1 if i else 0)
    snap = session.state.snapshot()
    assert snap.reps == 3
    assert snap.frames == 90 and snap.skipped == 89
    assert abs(snap.stream_s - 178 / 15.0) < 1e-6
    assert snap.size == (320, 180)
    assert [line.split("  ")[-1] for line in snap.recent][-1] == "Rep 3 counted"
    assert snap.last_rep is not None and snap.last_rep.rep_number == 3  # for the reference
    events = session.finish()
    assert isinstance(events[-1], Summary) and events[-1].reps == 3
    assert sum(isinstance(e, RepCompleted) for e in events) == 3
    assert session.state.snapshot().summary is events[-1]
    assert session.finish() == events  # once only
    assert session.coach.estimator.closed  # type: ignore[attr-defined]


def test_frames_after_finish_pass_through_unanalysed() -> None:
    session = _session(1)
    session.finish()
    out = session.process(BLANK.copy(), 0.0)
    assert out.shape == BLANK.shape
    assert session.state.snapshot().frames == 0


def test_page_reads_while_the_video_thread_writes() -> None:
    session = _session(2)
    seen: list[int] = []
    stop = threading.Event()

    def page() -> None:
        while not stop.is_set():
            seen.append(session.state.snapshot().frames)

    reader = threading.Thread(target=page)
    reader.start()
    for i in range(120):
        session.process(BLANK.copy(), i / 15.0)
    stop.set()
    reader.join()
    assert seen == sorted(seen)  # snapshots are whole and in order
    assert session.state.snapshot().frames == 120


def test_frame_rates_come_from_capture_times_not_arrival_bursts() -> None:
    session = _session(1)
    # A 15 fps camera; analysis takes 0.2 s a frame, so two of every three frames are skipped
    # and the skipped ones reach us in a burst.
    for k in range(30):
        session.process(BLANK.copy(), 3 * k / 15.0, skipped=2 if k else 0)
    snap = session.state.snapshot()
    assert abs(snap.camera_fps - 15.0) < 0.5
    assert snap.skipped == 58 and snap.frames == 30
