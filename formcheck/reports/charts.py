"""The report's charts as PNG bytes (matplotlib's Agg canvas: no display, no pyplot state)."""

from __future__ import annotations

import io
from collections import defaultdict

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from formcheck.reports.data import ReportData

DPI = 110


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _tidy(fig: Figure) -> None:
    for ax in fig.axes:
        ax.grid(alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)


def range_trend_png(report: ReportData) -> bytes | None:
    """Mean range of motion per session, one line per exercise; None with no reps."""
    if not report.range_trend:
        return None
    by_exercise: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for point in report.range_trend:
        by_exercise[point.exercise].append((point.day.toordinal(), point.mean_range))
    fig = Figure(figsize=(7, 2.8), layout="constrained")
    ax = fig.add_subplot()
    for exercise, points in by_exercise.items():
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, marker="o", linewidth=1.6, label=exercise)
    ticks = sorted({p.day for p in report.range_trend})
    step = max(1, len(ticks) // 8)
    ax.set_xticks([d.toordinal() for d in ticks[::step]])
    ax.set_xticklabels([f"{d:%d %b}" for d in ticks[::step]], fontsize=8)
    ax.set_ylabel("mean range of motion")
    ax.set_title("Range of motion per session", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    _tidy(fig)
    return _png(fig)


def pain_png(report: ReportData) -> bytes | None:
    """Pain before and after each rated set; None when no set was rated."""
    rated = [s for s in report.sets if s.pain_before is not None or s.pain_after is not None]
    if not rated:
        return None
    fig = Figure(figsize=(7, 2.6), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(1, len(rated) + 1))
    # A missing rating is a gap in the line (NaN), not a zero.
    before = [float("nan") if s.pain_before is None else float(s.pain_before) for s in rated]
    after = [float("nan") if s.pain_after is None else float(s.pain_after) for s in rated]
    ax.plot(xs, before, marker="o", label="before", color="#1f6fd1")
    ax.plot(xs, after, marker="s", label="after", color="#d71e1e")
    ax.set_ylim(-0.5, 10.5)
    ax.set_xlabel("set (in order)")
    ax.set_ylabel("pain 0-10")
    ax.set_title("Pain before and after each set", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    _tidy(fig)
    return _png(fig)
