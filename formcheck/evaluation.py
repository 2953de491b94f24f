"""Scorecard: how well FormCheck counts and times the labelled real clips.

``formcheck eval --labels labels.yaml --videos DIR`` runs every labelled clip whose exercise has
a spec and prints per exercise, and overall: clips, rep MAE (mean |error| / true count),
off-by-one and exact accuracy, hold start/end errors, and how often it said "cannot judge".
The counter is judged on *trusted* clips (high/medium confidence, one camera view); the others
are reported separately. Landmarks are cached per clip and model, so re-scoring after a spec
change takes seconds.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from formcheck.errors import FormCheckError


class _Loose(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class HoldLabel(_Loose):
    start_s: float
    end_s: float


class ClipLabel(_Loose):
    file: str
    exercise: str
    view: Literal["side", "front", "oblique", "mixed", "back"]
    reps: int | None = None
    hold: HoldLabel | None = None
    confidence: Literal["high", "medium", "low"]
    notes: str = ""

    @property
    def trusted(self) -> bool:
        """High or medium confidence, filmed from one view: where the counter is judged."""
        return self.confidence in ("high", "medium") and self.view != "mixed"


def load_labels(path: str | Path) -> list[ClipLabel]:
    """Reads a labels file (see ../shared/videos/README.md for the format).

    Raises:
        FormCheckError: the file is missing or malformed (the message names the clip and field).
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FormCheckError(f"{path}: cannot read the labels file ({exc})") from exc
    clips = raw.get("clips") if isinstance(raw, dict) else None
    if not isinstance(clips, list):
        raise FormCheckError(f"{path.name}: expected a top-level 'clips' list")
    labels = []
    for index, entry in enumerate(clips):
        try:
            labels.append(ClipLabel.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise FormCheckError(f"{path.name}: clips[{index}].{where}: {first['msg']}") from exc
    return labels


@dataclass(frozen=True)
class ClipScore:
    file: str
    exercise: str
    view: str
    confidence: str
    trusted: bool
    true_reps: int | None
    counted_reps: int | None
    true_hold: tuple[float, float] | None
    found_hold: tuple[float, float] | None
    can_judge: bool
    error: str | None = None

    @property
    def rep_error(self) -> int | None:
        if self.true_reps is None or self.counted_reps is None:
            return None
        return self.counted_reps - self.true_reps

    @property
    def hold_errors(self) -> tuple[float, float] | None:
        if self.true_hold is None or self.found_hold is None:
            return None
        return (
            abs(self.found_hold[0] - self.true_hold[0]),
            abs(self.found_hold[1] - self.true_hold[1]),
        )


def score_clip(label: ClipLabel, videos: Path, model: Path, cache_dir: Path | None) -> ClipScore:
    """Analyses one labelled clip (landmarks from the cache when present)."""
    from formcheck.analysis import analyze_track
    from formcheck.specs import get_spec
    from formcheck.tracking import track_video

    true_hold = (label.hold.start_s, label.hold.end_s) if label.hold else None

    def scored(
        counted: int | None, found: tuple[float, float] | None, can_judge: bool, error: str | None
    ) -> ClipScore:
        return ClipScore(
            label.file,
            label.exercise,
            label.view,
            label.confidence,
            label.trusted,
            label.reps,
            counted,
            true_hold,
            found,
            can_judge,
            error,
        )

    try:
        spec = get_spec(label.exercise)
        track, warnings = track_video(videos / label.file, model, cache_dir=cache_dir)
        result = analyze_track(track, spec, video=label.file, source_warnings=warnings)
    except FormCheckError as exc:
        return scored(None, None, False, str(exc))
    windows = [(w.start_s, w.end_s) for w in result.hold_windows]
    return scored(
        result.reps if spec.reps is not None else None,
        matched_hold(windows, true_hold) if true_hold is not None else None,
        result.can_judge,
        None,
    )


def matched_hold(
    found: Sequence[tuple[float, float]], true_hold: tuple[float, float]
) -> tuple[float, float] | None:
    """The found hold to score against a labelled window.

    A label gives one window per clip; where the person holds several times inside it (each side
    of an alternating stretch, say), the label spans them all, so the found windows that overlap
    it are scored as one, from the first one's start to the last one's end. Windows outside the
    label are ignored; when none overlaps, the longest found window is scored (and misses).
    """
    start, end = true_hold
    overlapping = [w for w in found if w[0] < end and w[1] > start]
    if overlapping:
        return (min(w[0] for w in overlapping), max(w[1] for w in overlapping))
    return max(found, key=lambda w: w[1] - w[0], default=None)


@dataclass(frozen=True)
class Aggregate:
    """Scores of a group of clips (one exercise, trusted or not)."""

    clips: int
    rep_clips: int
    rep_mae: float | None
    off_by_one: float | None
    exact: float | None
    off_by_one_judged: float | None  # among the clips it did not decline to judge
    hold_clips: int
    hold_start_err_s: float | None
    hold_end_err_s: float | None
    hold_within_1_5_s: float | None
    cannot_judge: float


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(scores: Iterable[ClipScore]) -> Aggregate:
    """Counter accuracy counts a "cannot judge" as not exact and not within one: saying so is
    honest, but it is not a count."""
    scores = list(scores)
    reps = [
        s
        for s in scores
        if (s.true_reps is not None and s.counted_reps is not None)
        or (s.true_reps is not None and s.error)
    ]
    rep_errors = [s.rep_error for s in reps]
    judged = [
        (s, e) for s, e in zip(reps, rep_errors, strict=True) if e is not None and s.can_judge
    ]
    holds = [
        s
        for s in scores
        if s.true_hold is not None and (s.found_hold is not None or s.error is None)
    ]
    hold_pairs = [s.hold_errors for s in holds if s.hold_errors is not None and s.can_judge]
    return Aggregate(
        clips=len(scores),
        rep_clips=len(reps),
        rep_mae=_mean([abs(e) / max(1, s.true_reps or 1) for s, e in judged]),
        off_by_one=(sum(abs(e) <= 1 for _, e in judged) / len(reps)) if reps else None,
        exact=(sum(e == 0 for _, e in judged) / len(reps)) if reps else None,
        off_by_one_judged=(sum(abs(e) <= 1 for _, e in judged) / len(judged)) if judged else None,
        hold_clips=len(holds),
        hold_start_err_s=_mean([p[0] for p in hold_pairs]),
        hold_end_err_s=_mean([p[1] for p in hold_pairs]),
        hold_within_1_5_s=(sum(max(p) <= 1.5 for p in hold_pairs) / len(holds)) if holds else None,
        cannot_judge=sum(not s.can_judge for s in scores) / len(scores) if scores else 0.0,
    )


def run_scorecard(
    labels: Sequence[ClipLabel],
    videos: Path,
    model: Path,
    *,
    cache_dir: Path | None = None,
    jobs: int = 1,
) -> list[ClipScore]:
    """Scores every clip whose exercise has a spec; ``jobs`` processes in parallel."""
    from formcheck.specs import load_all_specs

    known = load_all_specs()
    wanted = [
        label for label in labels if label.exercise in known and (videos / label.file).is_file()
    ]
    if jobs <= 1:
        return [score_clip(label, videos, model, cache_dir) for label in wanted]
    # spawn, not fork: a forked copy of a process already running MediaPipe's threads can hang.
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        futures = [pool.submit(score_clip, label, videos, model, cache_dir) for label in wanted]
        return [future.result() for future in futures]


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return (
        "-"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else pattern.format(value)
    )


def format_scorecard(scores: Sequence[ClipScore]) -> str:
    """The per-exercise table (trusted and other clips) and every clip's line."""
    lines = []
    header = (
        f"{'exercise':<20} {'group':<7} {'clips':>5} {'rep':>4} {'MAE':>5} {'±1':>5} {'exact':>5} {'±1 j':>5} "
        f"{'hold':>4} {'start':>6} {'end':>6} {'≤1.5s':>5} {'cannot':>6}"
    )
    lines += [header, "-" * len(header)]
    exercises = sorted({s.exercise for s in scores})
    for trusted, group in ((True, "trusted"), (False, "other")):
        for exercise in [*exercises, "ALL"]:
            chosen = [
                s
                for s in scores
                if s.trusted is trusted and (exercise == "ALL" or s.exercise == exercise)
            ]
            if not chosen:
                continue
            a = aggregate(chosen)
            lines.append(
                f"{exercise:<20} {group:<7} {a.clips:>5} {a.rep_clips:>4} {_fmt(a.rep_mae):>5} "
                f"{_fmt(a.off_by_one):>5} {_fmt(a.exact):>5} {_fmt(a.off_by_one_judged):>5} {a.hold_clips:>4} "
                f"{_fmt(a.hold_start_err_s, '{:.1f}s'):>6} {_fmt(a.hold_end_err_s, '{:.1f}s'):>6} "
                f"{_fmt(a.hold_within_1_5_s):>5} {_fmt(a.cannot_judge):>6}"
            )
        lines.append("")
    lines.append("clips:")
    for s in sorted(scores, key=lambda s: (s.exercise, s.file)):
        reps = "" if s.true_reps is None else f"reps {s.counted_reps}/{s.true_reps}"
        hold = ""
        if s.true_hold is not None:
            found = (
                "none" if s.found_hold is None else f"{s.found_hold[0]:.1f}-{s.found_hold[1]:.1f}"
            )
            hold = f"hold {found} vs {s.true_hold[0]:.1f}-{s.true_hold[1]:.1f}"
        flag = "" if s.can_judge else "  [cannot judge]"
        error = f"  error: {s.error}" if s.error else ""
        marker = "*" if s.trusted else " "
        lines.append(
            f" {marker} {s.file:<52} {s.view:<7} {s.confidence:<6} {reps:<12} {hold}{flag}{error}"
        )
    lines.append(
        "(* = trusted: high/medium confidence, single view; ±1 and exact count a 'cannot judge' as a miss,"
    )
    lines.append(
        " '±1 j' is off-by-one accuracy among the clips it judged; MAE = mean |error| / true count)"
    )
    return "\n".join(lines)


def scorecard_json(scores: Sequence[ClipScore]) -> dict[str, object]:
    exercises = sorted({s.exercise for s in scores})
    summary: dict[str, object] = {}
    for exercise in [*exercises, "ALL"]:
        summary[exercise] = {
            group: asdict(
                aggregate(
                    [
                        s
                        for s in scores
                        if s.trusted is trusted and (exercise == "ALL" or s.exercise == exercise)
                    ]
                )
            )
            for trusted, group in ((True, "trusted"), (False, "other"))
        }
    return {"summary": summary, "clips": [asdict(s) | {"rep_error": s.rep_error} for s in scores]}


__all__ = [
    "ClipLabel",
    "ClipScore",
    "aggregate",
    "format_scorecard",
    "load_labels",
    "run_scorecard",
    "scorecard_json",
]
