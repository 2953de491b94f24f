"""The live set between two threads: the WebRTC video thread writes, the page thread reads.

Nothing here imports Streamlit, so it is tested like any other module. :class:`LiveSession`
owns one set's :class:`~formcheck.LiveCoach`; the video callback calls :meth:`LiveSession.process`
for every frame it gets, and the page polls :meth:`LiveState.snapshot` a few times a second.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import numpy.typing as npt

from formcheck.engine.events import (
    Event,
    FormIssueStarted,
    IncompleteRep,
    RepCompleted,
    RepFault,
    SetupGuidance,
    Summary,
)
from formcheck.errors import FormCheckError
from formcheck.live import LiveCoach, LiveUpdate
from formcheck.sessionfile import LiveRecorder, SessionRecording

RGB = npt.NDArray[np.uint8]

# Webcams may send 720p or more; pose needs no more than this (the model sees 256x256 crops) and
# smaller frames convert, draw and encode faster.
LIVE_MAX_SIDE = 640
# Frames analysed over this much wall time give the live frame rate.
FPS_WINDOW_S = 2.0
# How many recent events (in words) the page lists.
RECENT_EVENTS = 5
# A stream whose time goes backwards, or jumps ahead by more than this, was restarted (the user
# pressed STOP and START): its time is continued from the previous stream's.
MAX_STREAM_JUMP_S = 5.0
NOMINAL_FRAME_S = 1.0 / 15.0


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    """What the live page shows, as of the latest analysed frame.

    Attributes:
        frames: Frames analysed so far.
        stream_s: Stream time of the latest analysed frame, from the first one.
        reps: Reps counted.
        held_s: Seconds held in good form.
        holding: Whether the person is in the hold position now.
        cue: The one coaching cue to show now, or None.
        cue_severity: ``"info"``, ``"warning"`` or ``"error"``.
        cue_number: Goes up by one whenever a new cue appears (so each is spoken once).
        setup: Set-up guidance while the view is not right ("Turn side-on to the camera").
        metrics: Live angles by display name.
        fps: Frames analysed per second of wall time, over the last two seconds.
        camera_fps: Frames per second arriving from the camera, over the same window.
        behind_s: How far the analysis lags behind real time (stream time against wall time).
        skipped: Camera frames not analysed because analysis was busy with an earlier one.
        frame_ms: Analysis time of the latest frame (pose, engine and drawing), milliseconds.
        size: Width and height of the frames analysed.
        recent: The last few events in words, newest last.
        error: Why the analysis stopped, if it did.
        summary: The end-of-set totals, once the set is finished.
        last_rep: The newest counted rep (the page compares it with the reference rep).
    """

    frames: int = 0
    stream_s: float = 0.0
    reps: int = 0
    held_s: float = 0.0
    holding: bool = False
    cue: str | None = None
    cue_severity: str = "info"
    cue_number: int = 0
    setup: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    fps: float = 0.0
    camera_fps: float = 0.0
    behind_s: float = 0.0
    skipped: int = 0
    frame_ms: float = 0.0
    size: tuple[int, int] = (0, 0)
    recent: tuple[str, ...] = ()
    error: str | None = None
    summary: Summary | None = None
    last_rep: RepCompleted | None = None


def describe(event: Event) -> str | None:
    """One line for the page's event list, or None for events it does not list."""
    if isinstance(event, RepCompleted):
        return f"{event.timestamp_s:5.1f} s  Rep {event.rep_number} counted"
    if isinstance(event, IncompleteRep):
        return f"{event.timestamp_s:5.1f} s  Not counted: turned back before the top"
    if isinstance(event, FormIssueStarted | RepFault):
        return f"{event.timestamp_s:5.1f} s  {event.message}"
    if isinstance(event, SetupGuidance) and event.code != "ready":
        return f"{event.timestamp_s:5.1f} s  {event.message}"
    return None


class LiveState:
    """Thread-safe holder of the latest :class:`LiveSnapshot` (one lock, short critical sections)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot = LiveSnapshot()
        self._recent: deque[str] = deque(maxlen=RECENT_EVENTS)
        # Per analysed frame: (wall s, stream s, camera frames it stands for: itself + skipped)
        self._window: deque[tuple[float, float, int]] = deque()
        # The smallest (wall - stream) time seen: the frame that reached us quickest. How much
        # later than that the current frame is done is how far behind real time we are.
        self._least_delay = math.inf

    def push(self, update: LiveUpdate, frame: Timing) -> None:
        """Records one analysed frame (called from the video thread)."""
        with self._lock:
            snap = self._snapshot
            delay = frame.wall_s - frame.stream_s
            self._least_delay = min(self._least_delay, delay)
            self._window.append((frame.wall_s, frame.stream_s, 1 + frame.skipped))
            while self._window[0][0] < frame.wall_s - FPS_WINDOW_S:
                self._window.popleft()
            span = frame.wall_s - self._window[0][0]
            # Camera frames per second of capture time (bursts of late frames do not inflate it).
            stream_span = frame.stream_s - self._window[0][1]
            arrived = sum(n for _, _, n in list(self._window)[1:])
            last_rep = snap.last_rep
            for event in update.events:
                line = describe(event)
                if line is not None:
                    self._recent.append(line)
                if isinstance(event, RepCompleted):
                    last_rep = event
            state = update.state
            new_cue = state.cue is not None and state.cue != snap.cue
            self._snapshot = replace(
                snap,
                frames=snap.frames + 1,
                stream_s=frame.stream_s,
                reps=state.reps,
                held_s=state.held_s,
                holding=state.holding,
                cue=state.cue,
                cue_severity=state.cue_severity,
                cue_number=snap.cue_number + int(new_cue),
                setup=state.setup,
                metrics=dict(update.metrics),
                fps=(len(self._window) - 1) / span if span > 0 else 0.0,
                camera_fps=arrived / stream_span if stream_span > 0 else 0.0,
                behind_s=delay - self._least_delay,
                skipped=snap.skipped + frame.skipped,
                frame_ms=frame.analysis_s * 1000.0,
                size=frame.size,
                recent=tuple(self._recent),
                last_rep=last_rep,
            )

    def fail(self, message: str) -> None:
        with self._lock:
            self._snapshot = replace(self._snapshot, error=message)

    def finish(self, summary: Summary) -> None:
        with self._lock:
            self._snapshot = replace(self._snapshot, summary=summary, cue=None, setup=None)

    def snapshot(self) -> LiveSnapshot:
        """The latest state (called from the page thread)."""
        with self._lock:
            return self._snapshot


@dataclass(frozen=True, slots=True)
class Timing:
    """When and how one analysed frame was handled."""

    stream_s: float
    wall_s: float  # when its analysis finished
    skipped: int  # camera frames dropped since the previous analysed one
    analysis_s: float
    size: tuple[int, int]


class StreamClock:
    """Turns a stream's frame times into increasing seconds from its first frame.

    WebRTC frame times start at an arbitrary value, and a stream that is stopped and started
    again starts over; the engine and MediaPipe need one increasing time line.
    """

    def __init__(self) -> None:
        self._offset: float | None = None
        self._last: float | None = None

    def __call__(self, frame_time_s: float) -> float:
        if self._offset is None or self._last is None:
            self._offset = -frame_time_s
        else:
            t = frame_time_s + self._offset
            if not self._last < t <= self._last + MAX_STREAM_JUMP_S:
                self._offset = self._last + NOMINAL_FRAME_S - frame_time_s
        self._last = frame_time_s + self._offset
        return self._last


def fit_to(rgb: RGB, max_side: int = LIVE_MAX_SIDE) -> RGB:
    """``rgb`` scaled down so its longer side is at most ``max_side`` (unchanged if it is)."""
    height, width = rgb.shape[:2]
    scale = max_side / max(height, width)
    if scale >= 1.0:
        return rgb
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


class LiveSession:
    """One live set: the coach, its clock and the shared :class:`LiveState`.

    Args:
        coach: A fresh coach for the set's exercise; the session closes it.
        max_side: Frames are scaled down to this before analysis.

    Example::

        session = LiveSession(LiveCoach(spec, model_path, mirror=True))
        shown = session.process(rgb, frame.time)  # in the video thread, per frame
        session.state.snapshot().reps  # in the page thread
        events = session.finish()  # when the set ends; the last event is the Summary
    """

    def __init__(self, coach: LiveCoach, *, max_side: int = LIVE_MAX_SIDE) -> None:
        self.coach = coach
        self.spec = coach.spec
        self.state = LiveState()
        self._max_side = max_side
        self._clock = StreamClock()
        self._lock = threading.Lock()  # one frame at a time; finish() waits for the current one
        self._events: list[Event] = []
        self._finished = False
        self._recorder = LiveRecorder()  # the set's landmarks and metrics, for saving
        self._size = (0, 0)
        self.created_s = time.monotonic()

    @property
    def finished(self) -> bool:
        return self._finished

    def process(self, rgb: RGB, frame_time_s: float | None, *, skipped: int = 0) -> RGB:
        """Analyses one camera frame and returns it with the overlay drawn (video thread).

        Args:
            rgb: The frame, RGB.
            frame_time_s: Its capture time from the stream (any origin); None to use the clock.
            skipped: Camera frames that arrived since the previous call and were not analysed.
        """
        start = time.monotonic()
        frame = fit_to(rgb, self._max_side)
        with self._lock:
            if self._finished:
                return frame
            t = self._clock(start if frame_time_s is None else frame_time_s)
            try:
                update = self.coach.process(frame, t)
                shown = self.coach.draw(frame, update)
            except FormCheckError as exc:
                self.state.fail(str(exc))
                return frame
            self._events.extend(update.events)
            height, width = frame.shape[:2]
            if update.frame is not None:
                self._recorder.add(update.pose, update.frame)
                self._size = (width, height)
        end = time.monotonic()
        self.state.push(update, Timing(t, end, skipped, end - start, (width, height)))
        return shown

    def finish(self) -> list[Event]:
        """Ends the set (once; later calls return the same events) and frees the model."""
        with self._lock:
            if not self._finished:
                self._finished = True
                self._events.extend(self.coach.finish())
                self.coach.close()
                summary = self._events[-1]
                if isinstance(summary, Summary):
                    self.state.finish(summary)
            return list(self._events)

    def recording(self, metadata: dict[str, str] | None = None) -> SessionRecording | None:
        """The set's landmarks, metrics and events (None before any frame was analysed)."""
        with self._lock:
            if len(self._recorder) == 0:
                return None
            return self._recorder.recording(
                self.spec, list(self._events), self._size, metadata=metadata
            )
