"""A session replayed from its landmarks: skeleton frames, the angle plot with a time marker,
and the events on the same timeline.

No Streamlit here: :mod:`formcheck.app.replay_view` lays these out, and tests check them
directly. Every picture is an RGB array; the angle plot is drawn once per recording and the
moving marker is painted onto a copy, so stepping through frames stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
from matplotlib.backends.backend_agg import FigureCanvasAgg

from formcheck.annotate import OverlayState, draw_overlay
from formcheck.app.review import issue_timeline, plot_angles
from formcheck.engine.events import Cue, HoldProgress, RepCompleted, SetupGuidance
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import point_indices
from formcheck.landmarks import PoseLandmark
from formcheck.sessionfile import SessionRecording
from formcheck.specs.schema import ExerciseSpec

RGB = npt.NDArray[np.uint8]

CANVAS_MAX_SIDE = 640
_BACKGROUND = (34, 38, 46)
_MARKER = (20, 20, 20)


@dataclass(frozen=True, slots=True)
class RepSpan:
    """One counted rep on the timeline."""

    number: int
    side: str | None
    start_s: float
    peak_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the event list; clicking it jumps the replay to ``time_s``."""

    time_s: float
    kind: str  # "rep", "issue", "setup"
    severity: str  # info, warning, error
    label: str


def rep_spans(recording: SessionRecording) -> list[RepSpan]:
    return [
        RepSpan(e.rep_number, e.side, e.start_s, e.peak_s, e.end_s)
        for e in recording.events
        if isinstance(e, RepCompleted)
    ]


def timeline_entries(recording: SessionRecording, spec: ExerciseSpec | None) -> list[TimelineEntry]:
    """Reps, form issues and set-up problems in time order (a rep is listed at its start)."""
    entries = [
        TimelineEntry(
            rep.start_s,
            "rep",
            "info",
            f"Rep {rep.number}" + (f" ({rep.side})" if rep.side else "") + " counted",
        )
        for rep in rep_spans(recording)
    ]
    if spec is not None:
        entries += [
            TimelineEntry(item.time_s, "issue", item.severity, item.title)
            for item in issue_timeline(recording.events, spec)
        ]
    entries += [
        TimelineEntry(e.timestamp_s, "setup", "warning", e.message)
        for e in recording.events
        if isinstance(e, SetupGuidance) and e.code != "ready"
    ]
    entries.sort(key=lambda entry: entry.time_s)
    return entries


def neighbour_rep(recording: SessionRecording, time_s: float, step: int) -> RepSpan | None:
    """The rep after (``step`` 1) or before (``step`` -1) the one at ``time_s``, by start time.

    Steps of a rep from anywhere inside it: "next" from inside rep 2 is rep 3, "previous" is
    rep 1 (or rep 2's start, when the replay is past it by more than a frame).
    """
    spans = rep_spans(recording)
    eps = 1e-6
    if step > 0:
        return next((r for r in spans if r.start_s > time_s + eps), None)
    earlier = [r for r in spans if r.start_s < time_s - eps]
    return earlier[-1] if earlier else None


def overlay_at(
    recording: SessionRecording, time_s: float, spec: ExerciseSpec | None
) -> OverlayState:
    """What the coach showed at ``time_s``: reps so far, time held, the cue and set-up message."""
    reps = 0
    held: float | None = None
    cue: str | None = None
    severity = "info"
    setup: str | None = None
    for event in recording.events:
        if event.timestamp_s > time_s:
            break
        if isinstance(event, RepCompleted):
            reps = max(reps, event.rep_number)
        elif isinstance(event, HoldProgress):
            held = event.held_s
        elif isinstance(event, Cue):
            cue, severity = event.text, event.severity
        elif isinstance(event, SetupGuidance):
            setup = None if event.code == "ready" else event.message
    counts_reps = spec.counts_reps if spec is not None else bool(recording.rep_events)
    dosage = spec.dosage if spec is not None else None
    return OverlayState(
        exercise_name=recording.exercise_name,
        rep_count=reps if counts_reps else None,
        target_reps=dosage.reps if dosage is not None and counts_reps else None,
        hold_s=None if counts_reps else (held or 0.0),
        target_hold_s=dosage.hold_s if dosage is not None and not counts_reps else None,
        side=recording.side,
        cue=cue,
        cue_severity=severity if severity in ("info", "warning", "error") else "info",
        status=setup,
    )


def _highlight(recording: SessionRecording, spec: ExerciseSpec | None) -> set[PoseLandmark]:
    if spec is None or recording.side not in ("left", "right"):
        return set()
    side = Side(recording.side)
    return {PoseLandmark(int(i)) for part in spec.required for i in point_indices(part, side)}


def canvas_size(recording: SessionRecording, max_side: int = CANVAS_MAX_SIDE) -> tuple[int, int]:
    """(width, height) of the replay canvas: the video's shape, longer side ``max_side``."""
    width, height = recording.track.frame_width, recording.track.frame_height
    scale = max_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def skeleton_frame(
    recording: SessionRecording,
    index: int,
    spec: ExerciseSpec | None,
    *,
    max_side: int = CANVAS_MAX_SIDE,
) -> RGB:
    """Frame ``index`` drawn as the live overlay would be, on a plain background (no pixels of
    the person were ever kept)."""
    width, height = canvas_size(recording, max_side)
    canvas = np.empty((height, width, 3), np.uint8)
    canvas[:] = _BACKGROUND
    track = recording.track
    pose = track.frame(index)  # no landmarks where nobody was found: panels only
    state = overlay_at(recording, float(track.timestamp_s[index]), spec)
    draw_overlay(canvas, pose, state, _highlight(recording, spec))
    return canvas


class AnglePlot:
    """The recording's angle plot as an image, with a marker that moves with the replay.

    Example::

        plot = AnglePlot(recording, spec)
        picture = plot.at(12.5)  # the plot with a vertical line at 12.5 s
    """

    def __init__(self, recording: SessionRecording, spec: ExerciseSpec, *, dpi: int = 100) -> None:
        figure = plot_angles(recording.track.timestamp_s, recording.metrics, recording.events, spec)
        self.image: RGB | None = None
        self._x0 = self._x1 = 0.0
        self._t0, self._t1 = 0.0, 1.0
        self._top = self._bottom = 0
        if figure is None:
            return
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # type: ignore[no-untyped-call]
        rgba = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        self.image = np.ascontiguousarray(rgba[..., :3])
        axes = figure.axes[0]
        (self._t0, self._t1) = axes.get_xlim()
        height = self.image.shape[0]
        # Display coordinates have their origin at the bottom left; image rows run down.
        (x0, y0), (x1, y1) = axes.transAxes.transform([(0.0, 0.0), (1.0, 1.0)])
        self._x0, self._x1 = float(x0), float(x1)
        self._top, self._bottom = round(float(height - y1)), round(float(height - y0))

    def x_pixel(self, time_s: float) -> int:
        """The image column of ``time_s`` (clamped to the plot's axes)."""
        span = self._t1 - self._t0
        share = (time_s - self._t0) / span if span > 0 else 0.0
        share = min(max(share, 0.0), 1.0)
        return round(self._x0 + share * (self._x1 - self._x0))

    def at(self, time_s: float) -> RGB | None:
        """The plot with the current-time marker, or None when there is no angle to plot."""
        if self.image is None:
            return None
        picture = self.image.copy()
        x = self.x_pixel(time_s)
        cv2.line(picture, (x, self._top), (x, self._bottom), _MARKER, 2, cv2.LINE_AA)
        return picture
