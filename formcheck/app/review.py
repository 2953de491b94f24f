"""An uploaded video's review, as plain data: tables, issue timeline, thumbnails, plots, files.

No Streamlit here: the review page lays these out, and the tests check them directly.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure

from formcheck.analysis import AnalysisResult, analyze_track
from formcheck.engine.events import (
    Event,
    FormIssueStarted,
    IncompleteRep,
    RepCompleted,
    RepFault,
    Summary,
)
from formcheck.landmarks import FloatArray, PoseTrack
from formcheck.render import render_annotated
from formcheck.specs.schema import ExerciseSpec, MetricKind, WorkingSide
from formcheck.tracking import DEFAULT_MAX_FPS, track_video
from formcheck.video import VideoReader

logger = logging.getLogger(__name__)

RGB = npt.NDArray[np.uint8]
Progress = Callable[[float, str], None]  # (fraction done 0-1, what is happening)

MAX_TIMELINE_ITEMS = 24
THUMBNAIL_SIDE = 320
# The angle plot shows at most this many metrics; more lines would not be readable.
MAX_PLOTTED = 3
_UNITS = {MetricKind.DISTANCE: "torso lengths", MetricKind.FORWARD_OFFSET: "torso lengths"}


def metric_unit(spec: ExerciseSpec, name: str) -> str:
    metric = spec.metrics.get(name.split("@")[0])
    return "deg" if metric is None else _UNITS.get(metric.kind, "deg")


def display_name(name: str) -> str:
    base, _, side = name.partition("@")
    label = base.removesuffix("_deg").replace("_", " ")
    return f"{label} ({side})" if side else label


def _rule_messages(spec: ExerciseSpec) -> dict[str, str]:
    messages = {rule.id: rule.message for rule in spec.frame_rules}
    messages.update({rule.id: rule.message for rule in spec.rep_rules})
    return messages


def rep_rows(events: Iterable[Event], spec: ExerciseSpec) -> list[dict[str, Any]]:
    """One row per counted rep: number, side, start, duration, range of motion, issues."""
    messages = _rule_messages(spec)
    unit = metric_unit(spec, spec.reps.metric) if spec.reps is not None else "deg"
    rows = []
    for rep in (e for e in events if isinstance(e, RepCompleted)):
        issues = "; ".join(messages.get(i, i.replace("_", " ")) for i in rep.issues)
        rows.append(
            {
                "Rep": rep.rep_number,
                "Side": rep.side or "",
                "Start (s)": round(rep.start_s, 1),
                "Duration (s)": round(rep.duration_s, 1),
                f"Range of motion ({unit})": round(rep.range_of_motion, 1),
                "Issues": issues if issues else ("ended early" if not rep.complete else "none"),
            }
        )
    return rows


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One moment in the issue timeline."""

    time_s: float
    severity: str  # info, warning, error
    title: str
    cue: str


def issue_timeline(events: Iterable[Event], spec: ExerciseSpec) -> list[TimelineItem]:
    """Form issues, faulty reps and reps that turned back, in time order."""
    items = []
    # A rep's faults follow its RepCompleted. Each side of an alternating exercise numbers its
    # own reps, so there "Rep 1" names its side too.
    alternating = spec.side is WorkingSide.ALTERNATING
    rep_side: str | None = None
    for event in events:
        if isinstance(event, RepCompleted):
            rep_side = event.side
        elif isinstance(event, FormIssueStarted):
            items.append(TimelineItem(event.since_s, event.severity, event.message, event.cue))
        elif isinstance(event, RepFault):
            side = f" ({rep_side})" if alternating and rep_side else ""
            items.append(
                TimelineItem(
                    event.timestamp_s,
                    event.severity,
                    f"Rep {event.rep_number}{side}: {event.message}",
                    event.cue,
                )
            )
        elif isinstance(event, IncompleteRep):
            cue = spec.reps.incomplete_cue if spec.reps is not None else ""
            items.append(
                TimelineItem(
                    event.start_s, "info", "A rep turned back before the top (not counted)", cue
                )
            )
    items.sort(key=lambda item: item.time_s)
    return items


def grab_frames(
    video: str | Path, times_s: Sequence[float], max_side: int = THUMBNAIL_SIDE
) -> list[RGB]:
    """The frames shown at ``times_s`` (one decoding pass), scaled to ``max_side``.

    Raises:
        VideoError: the video cannot be read.
    """
    if not times_s:
        return []
    order = sorted(range(len(times_s)), key=lambda i: times_s[i])
    found: dict[int, RGB] = {}
    last: RGB | None = None
    position = 0
    with VideoReader(video, max_side=max_side) as reader:
        for frame in reader:
            while position < len(order) and times_s[order[position]] < frame.timestamp_s:
                found[order[position]] = last if last is not None else frame.rgb
                position += 1
            last = frame.rgb
            if position == len(order):
                break
    for index in order[position:]:
        if last is not None:
            found[index] = last
    return [found[i] for i in range(len(times_s)) if i in found]


def frames_csv(result: AnalysisResult) -> str:
    """The per-frame table (time, status, every metric) as CSV text."""
    table = result.frame_table()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table)
    for row in zip(*table.values(), strict=True):
        writer.writerow("" if v is None else v for v in row)
    return out.getvalue()


def result_json(result: AnalysisResult) -> str:
    return json.dumps(result.to_dict(), indent=1)


def angle_figure(result: AnalysisResult, spec: ExerciseSpec) -> Figure | None:
    """The key angles over time, reps shaded and numbered, holds shaded, issues ticked."""
    kin = result.kinematics
    return plot_angles(kin.timestamp_s, kin.metrics, result.events, spec)


def plot_angles(
    timestamp_s: FloatArray,
    metrics: Mapping[str, FloatArray],
    events: Sequence[Event],
    spec: ExerciseSpec,
    *,
    size_in: tuple[float, float] = (9, 3.2),
) -> Figure | None:
    """The spec's angles over ``timestamp_s``: counted reps shaded and numbered, holds shaded,
    issues ticked (shared by the review page and session replay); None with no angle to plot."""
    names = [
        n
        for n in metrics
        if n.split("@")[0] in spec.metrics and spec.metrics[n.split("@")[0]].is_angle
    ]
    counted = spec.reps.metric if spec.reps is not None else None
    names.sort(key=lambda n: n.split("@")[0] != counted)  # the counted metric first
    names = names[:MAX_PLOTTED]
    if not names:
        return None
    fig = Figure(figsize=size_in, layout="constrained")
    ax = fig.add_subplot()
    t = timestamp_s
    for name in names:
        ax.plot(t, metrics[name], linewidth=1.6, label=display_name(name))
    for rep in (e for e in events if isinstance(e, RepCompleted)):
        ax.axvspan(rep.start_s, rep.end_s, color="#2e9e5b", alpha=0.12, linewidth=0)
        ax.annotate(
            str(rep.rep_number),
            (rep.peak_s, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=9,
            color="#1d6b3c",
            fontweight="bold",
        )
    summary = next((e for e in reversed(events) if isinstance(e, Summary)), None)
    for window in summary.hold_windows if summary is not None else ():
        ax.axvspan(window.start_s, window.end_s, color="#1f6fd1", alpha=0.10, linewidth=0)
    for item in issue_timeline(events, spec):
        color = {"error": "#d71e1e", "warning": "#e69500"}.get(item.severity, "#6b7a90")
        ax.axvline(item.time_s, color=color, linewidth=1, linestyle=":")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("degrees")
    ax.set_xlim(float(t[0]) if t.size else 0.0, float(t[-1]) if t.size else 1.0)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


@dataclass
class Review:
    """Everything the review page shows for one video and exercise."""

    result: AnalysisResult
    annotated_mp4: bytes
    timeline: list[TimelineItem]
    thumbnails: list[RGB]
    rep_table: list[dict[str, Any]]
    track: PoseTrack | None = None  # the landmarks analysed (kept as a session file if saved)


def build_review(
    video: Path,
    spec: ExerciseSpec,
    model: Path,
    workdir: Path,
    progress: Progress | None = None,
) -> Review:
    """Analyses ``video`` and renders its annotated copy in ``workdir`` (the caller deletes it).

    Raises:
        FormCheckError: the video cannot be read, nobody is in it, or the model fails.
    """

    def report(fraction: float, text: str) -> None:
        if progress is not None:
            progress(min(max(fraction, 0.0), 1.0), text)

    report(0.0, "Reading the video")
    with VideoReader(video) as reader:  # fails early, and clearly, on a file that is no video
        info = reader.info
    # Pose runs on at most DEFAULT_MAX_FPS frames a second, not on every frame of the file.
    rate = min(DEFAULT_MAX_FPS, info.fps) if info.fps > 0 else DEFAULT_MAX_FPS
    expected = info.frame_count * rate / info.fps if info.fps > 0 else 0

    def tracked(done: int, total: int) -> None:
        fraction = done / expected if expected else 0.0
        report(0.7 * min(fraction, 1.0), f"Finding the pose: {done / rate:.0f} s of video")

    track, warnings = track_video(video, model, use_cache=False, progress=tracked)
    report(0.7, "Counting reps and checking form")
    result = analyze_track(track, spec, video=video.name, source_warnings=warnings)
    annotated = workdir / "annotated.mp4"

    def rendered(done: int, total: int) -> None:
        report(0.7 + 0.28 * done / total if total else 0.7, "Drawing the annotated video")

    render_annotated(video, result, spec, annotated, progress=rendered)
    timeline = issue_timeline(result.events, spec)[:MAX_TIMELINE_ITEMS]
    report(0.98, "Picking thumbnails")
    thumbnails = grab_frames(annotated, [item.time_s for item in timeline])
    report(1.0, "Done")
    return Review(
        result=result,
        annotated_mp4=annotated.read_bytes(),
        timeline=timeline,
        thumbnails=thumbnails,
        rep_table=rep_rows(result.events, spec),
        track=track,
    )
