"""Recorded video -> reps, holds and form issues: the offline pipeline behind ``formcheck analyze``."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from formcheck.engine.events import Event, HoldWindow, RepCompleted, Summary, event_to_dict
from formcheck.engine.frames import FrameStatus
from formcheck.engine.session import Engine, main_window, setup_message
from formcheck.errors import AnalysisError
from formcheck.kinematics.body import View
from formcheck.kinematics.pipeline import TrackKinematics, analyse_track
from formcheck.landmarks import PoseTrack
from formcheck.specs.schema import ExerciseSpec, ViewRequirement

# Below this share of frames with a person, there is nothing to analyse.
MIN_DETECTED_SHARE = 0.05
# Below this share of judgeable frames, the result says it cannot judge the exercise.
MIN_JUDGED_SHARE = 0.25
# A second person in more than this share of frames earns a warning.
MULTI_PERSON_SHARE = 0.5
# A rep exercise filmed from its view (side-on; or front-on, for specs that take both) for less
# of the clip than this is judged for its view:
# a steady oblique camera still shows every rep (its angles are off by 15 degrees or more, so
# the count comes with a warning), but a camera or person that turns to face the front (cuts
# between shots, someone turning round) makes the count untrustworthy.
MIN_STEADY_VIEW_SHARE = 0.85
# ... and it is a steady oblique view when oblique frames make up this much of it and
# front-on frames (or view changes) no more than MAX_FRONT_SHARE_FOR_REPS. A clip that is
# partly side-on and partly oblique is two camera set-ups (or a person who turned), not a steady
# angle.
MIN_STEADY_OBLIQUE_SHARE = 0.80
MAX_FRONT_SHARE_FOR_REPS = 0.05


@dataclass(frozen=True, slots=True)
class FrameSnapshot:
    """What an overlay shows at one frame (the engine's state after that frame)."""

    reps: int
    held_s: float
    cue: str | None
    cue_severity: str
    setup: str | None


def side_breakdown(values: Mapping[str, float], fmt: str) -> str:
    """Each side's count or time, left first: "left 5, right 4" (``fmt`` formats a value)."""
    return ", ".join(f"{side} {fmt.format(values[side])}" for side in sorted(values))


@dataclass
class AnalysisResult:
    """Everything an analysis found. ``to_dict`` gives the JSON written by ``--json``."""

    exercise: str
    exercise_name: str
    video: str
    duration_s: float
    fps: float
    frame_count: int
    reps: int
    reps_by_side: dict[str, int]
    hold_s: float
    hold_windows: tuple[HoldWindow, ...]
    side: str | None
    view: str
    view_confidence: float
    judged_fraction: float
    can_judge: bool
    counts_reps: bool
    events: list[Event]
    warnings: list[str]
    kinematics: TrackKinematics
    snapshots: list[FrameSnapshot] = field(default_factory=list)

    @property
    def rep_events(self) -> list[RepCompleted]:
        return [e for e in self.events if isinstance(e, RepCompleted)]

    @property
    def main_hold(self) -> HoldWindow | None:
        return main_window(self.hold_windows)

    @property
    def summary(self) -> Summary:
        return next(e for e in reversed(self.events) if isinstance(e, Summary))

    def frame_table(self) -> dict[str, list[Any]]:
        """Per-frame time, status, whether a new shot begins there (a camera cut or fade), and
        metrics (rounded, NaN as None), for JSON and CSV."""
        kin = self.kinematics
        statuses = list(FrameStatus)
        table: dict[str, list[Any]] = {
            "timestamp_s": [round(t, 3) for t in kin.timestamp_s.tolist()],
            "status": [statuses[s].value for s in kin.status.tolist()],
            "cut": kin.cuts.tolist(),
        }
        for name, series in kin.metrics.items():
            table[name] = [None if not math.isfinite(v) else round(v, 2) for v in series.tolist()]
        return table

    def to_dict(self) -> dict[str, Any]:
        main = self.main_hold
        return {
            "exercise": self.exercise,
            "exercise_name": self.exercise_name,
            "video": self.video,
            "duration_s": round(self.duration_s, 3),
            "fps": round(self.fps, 3),
            "frame_count": self.frame_count,
            "reps": self.reps,
            "reps_by_side": self.reps_by_side,
            "hold_s": round(self.hold_s, 2),
            # One-sided and alternating exercises: the time held on each side (empty otherwise).
            "hold_s_by_side": {
                side: round(held, 2) for side, held in self.summary.hold_s_by_side.items()
            },
            "hold_window": None
            if main is None
            else {"start_s": round(main.start_s, 2), "end_s": round(main.end_s, 2)},
            "hold_windows": [
                {
                    "start_s": round(w.start_s, 2),
                    "end_s": round(w.end_s, 2),
                    "good_form_s": round(w.good_form_s, 2),
                }
                for w in self.hold_windows
            ],
            "side": self.side,
            "view": self.view,
            "view_confidence": round(self.view_confidence, 2),
            "judged_fraction": round(self.judged_fraction, 3),
            "can_judge": self.can_judge,
            "mode": "reps" if self.counts_reps else "hold",
            "warnings": self.warnings,
            "events": [_json_safe(event_to_dict(e)) for e in self.events],
            "frames": self.frame_table(),
        }

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1), encoding="utf-8")


def _json_safe(value: Any) -> Any:
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 3)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def _absence_warnings(track: PoseTrack, min_gap_s: float = 1.0) -> list[str]:
    """'Nobody in view from a to b' for each long stretch without a person."""
    from formcheck.kinematics.smoothing import finite_runs

    warnings = []
    t = track.timestamp_s
    for start, stop in finite_runs(~track.detected):
        end_t = t[stop] if stop < len(t) else t[-1]
        if end_t - t[start] >= min_gap_s:
            warnings.append(f"nobody in view from {t[start]:.1f} s to {end_t:.1f} s")
    return warnings


def analyze_track(
    track: PoseTrack,
    spec: ExerciseSpec,
    *,
    video: str = "",
    source_warnings: list[str] | None = None,
) -> AnalysisResult:
    """Runs kinematics and the engine over a clip's landmarks.

    Raises:
        AnalysisError: nobody was found in (almost) any frame.
    """
    warnings = list(source_warnings or [])
    if len(track) == 0 or track.detected.mean() < MIN_DETECTED_SHARE:
        raise AnalysisError(
            f"{Path(video).name or 'the video'}: nobody was found in the video; film the whole body, "
            "well lit, with one person in view"
        )
    detected = track.detected
    if (track.num_people[detected] > 1).mean() > MULTI_PERSON_SHARE:
        warnings.append(
            "two or more people are in view; only the most prominent person was analysed"
        )
    warnings.extend(_absence_warnings(track))
    kin = analyse_track(track, spec)
    warnings.extend(kin.warnings)
    engine = Engine(spec)
    events: list[Event] = []
    snapshots: list[FrameSnapshot] = []
    for frame in kin.frames():
        events.extend(engine.update(frame))
        state = engine.state()
        snapshots.append(
            FrameSnapshot(state.reps, state.held_s, state.cue, state.cue_severity, state.setup)
        )
    events.extend(engine.finish())
    summary = next(e for e in reversed(events) if isinstance(e, Summary))
    if summary.judged_fraction > 0:
        # What could not be checked (a limb hidden from the camera); with nothing judged at
        # all, the "cannot judge" warning below says it.
        warnings.extend(summary.notes)
    can_judge = summary.judged_fraction >= MIN_JUDGED_SHARE
    if not can_judge:
        statuses = list(FrameStatus)
        codes, counts = np.unique(kin.status[kin.status != 0], return_counts=True)
        reason = statuses[int(codes[np.argmax(counts)])] if codes.size else FrameStatus.NO_PERSON
        warnings.append(
            f"cannot judge this exercise here: only {summary.judged_fraction:.0%} of frames could be judged; "
            + setup_message(reason, spec, None)
        )
    elif spec.reps is not None and spec.camera.view is not ViewRequirement.ANY:
        detected_views = [v for v, d in zip(kin.views, detected.tolist(), strict=True) if d]
        total = max(1, len(detected_views))
        # Frames filmed from a view the spec's count works from (side-on; front-on too where
        # the spec also takes it). A spec that counts from the side and from the front counts
        # from every angle between them; otherwise a count mostly made of oblique frames is
        # trusted only from a steady oblique camera, not one that turns.
        accepted = {v.value for v in spec.camera.accepted}
        if len(accepted) > 1:
            accepted.add(View.OBLIQUE.value)
        steady_share = sum(v.value in accepted for v in detected_views) / total
        oblique_share = sum(v is View.OBLIQUE for v in detected_views) / total
        other_share = 1.0 - steady_share - oblique_share  # another view, or the view changing
        steady_oblique = (
            oblique_share >= MIN_STEADY_OBLIQUE_SHARE and other_share <= MAX_FRONT_SHARE_FOR_REPS
        )
        wanted = " or ".join(f"{v.value}-on" for v in sorted(spec.camera.accepted, reverse=True))
        if steady_share < MIN_STEADY_VIEW_SHARE and not steady_oblique:
            can_judge = False
            warnings.append(
                f"cannot judge the rep count reliably: the camera is {wanted} for only "
                f"{steady_share:.0%} of the clip and the camera angle changes (turning, or cuts "
                f"between shots); film {wanted} for a trustworthy count"
            )
        elif steady_share < MIN_STEADY_VIEW_SHARE and kin.view.view is not View.OBLIQUE:
            # (A clip whose overall view is oblique has had that warning already.)
            warnings.append(
                f"the camera is at an angle to the person for {oblique_share:.0%} of the clip: "
                "reps are counted, but angles and form feedback may be off by 15 degrees or "
                f"more; film {wanted} for reliable feedback"
            )
    return AnalysisResult(
        exercise=spec.id,
        exercise_name=spec.name,
        video=str(video),
        duration_s=float(track.timestamp_s[-1]) if len(track) else 0.0,
        fps=track.fps,
        frame_count=len(track),
        reps=summary.reps,
        reps_by_side=summary.reps_by_side,
        hold_s=summary.hold_s,
        hold_windows=summary.hold_windows,
        side=kin.side.side.value if kin.side is not None else None,
        view=kin.view.view.value,
        view_confidence=kin.view.confidence,
        judged_fraction=summary.judged_fraction,
        can_judge=can_judge,
        counts_reps=spec.reps is not None,
        events=events,
        warnings=warnings,
        kinematics=kin,
        snapshots=snapshots,
    )
