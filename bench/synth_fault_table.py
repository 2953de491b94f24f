"""Recall and false flags of every form rule on synthetic video with exact ground truth.

For each exercise the synthetic actor can perform and each fault it can make, this renders
clips with the real renderer (varied actors, facing left and right, camera 2.2-2.9 m, 480x270 or
640x360, tempo within 10%), runs the real pipeline (``track_video`` + ``analyze_track``, the
model from ``--model`` or ``$FORMCHECK_MODEL``) and compares with the truth:

* rep exercises: 6 reps a clip, reps 2, 4 and 6 with the fault (three sizes), 1, 3 and 5 clean;
  a faulty rep is caught when its rule fires on it; a clean rep is falsely flagged when a rule
  fires on it. Alternating exercises (the actor's odd reps work the near leg, even ones the far
  leg) do 10, a fault in each of the first three pairs, on both sides: the two faults 10+
  beyond the threshold one on each. A rule the camera sees on one side only (the bird dog's
  near arm reaches with the far leg) is judged on half of them, and on the clean reps of that
  side; its verdict says so;
* timed holds: one long hold a clip with the fault three times (three sizes, 2.5 s each, or
  1.5 s more than the rule's persist_s) and clean stretches between; a fault is caught when
  its rule's issue starts during it.

A fault's size is counted in degrees *beyond the rule's threshold* (the spec's tolerance):
"+10" on the plank's hip sag (threshold: 12 degrees below the line) is a 22 degree sag; a rushed
rep 35% quicker than the spec's shortest allowed rep counts as "+10" (20% quicker as "+5"). The
summary gives, per rule, recall over faults 10 or more degrees beyond the threshold and the
share of clean reps (or clean stretches of a hold) it flagged, against the targets of the
synthetic-actor issue (recall >= 0.95, false flags <= 5%); a spec rule the actor has no fault
for is listed as NOT TESTED. Per exercise it then gives rep counts, hold windows against the
truth's, and for timed holds the time held in good form as a share of the truth's window time,
flagging clips that held longer than their own windows (time counted twice).

Run from the repository root (with the defaults, 5-10 minutes per exercise on 2 free cores)::

    FORMCHECK_MODEL=../shared/models/pose_landmarker_full.task python bench/synth_fault_table.py
    python bench/synth_fault_table.py --exercise plank --clips 4 --jobs 2 --json out/faults.json

Clips go to a temporary folder and are deleted; nothing is cached.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARGINS_DEG = (5.0, 10.0, 15.0)
# Rushed reps take this share of the spec's shortest allowed rep.
TOO_FAST_SHARE = (0.5, 0.65, 0.8)
# A rushed rep's size as a degree-like margin: 35% or more quicker than allowed counts as
# "10+ beyond" (0.65 and 0.5 of the shortest rep), 20% quicker as "+5".
RUSH_PERCENT_PER_DEG = 3.5
# Short holds stay at the top this share of the spec's shortest allowed hold (the spec times
# the top from the count, which adds part of the way up and down).
SHORT_HOLD_SHARE = (0.1, 0.2, 0.3)
# Faults measured in torso lengths (forward offsets) are sized in degrees of the shin's lean: a
# degree moves the knee about 0.014 torso lengths (the shin is about 0.85 torso lengths).
TORSO_PER_DEG = 0.014
INCOMPLETE = (0.2, 0.3, 0.4)
RECALL_TARGET = 0.95
FALSE_FLAG_TARGET = 0.05
HOLD_FAULT_S = 2.5
HOLD_SPACING_S = 7.0


@dataclass(frozen=True)
class Job:
    exercise: str
    fault: str
    clip: int
    amounts: tuple[float, ...]
    margins: tuple[float | None, ...]


@dataclass
class Unit:
    """One faulty or clean rep (or stretch of a hold) and what the analysis said about it."""

    exercise: str
    fault: str | None
    rule: str | None
    amount: float | None
    margin: float | None
    rules: list[str]
    counted: bool | None = None
    incomplete: bool | None = None
    counts_by_spec: bool | None = None
    # Rules the analysis could not judge here (their points unseen: a far-side limb).
    unchecked: list[str] = field(default_factory=list)
    # Alternating exercises: whether the rep worked the near limbs (None otherwise).
    near_worked: bool | None = None


@dataclass
class ClipResult:
    job: Job
    units: list[Unit] = field(default_factory=list)
    reps_expected: int = 0
    reps_found: int = 0
    window_errors_s: list[float] = field(default_factory=list)
    windows_expected: int = 0
    windows_found: int = 0
    # Seconds: held in good form by the analysis's summary, the analysis's own hold windows,
    # and the truth's windows (timed holds only).
    held_s: float = 0.0
    windows_found_s: float = 0.0
    windows_expected_s: float = 0.0
    error: str | None = None
    seconds: float = 0.0


def _shortest_rep_s(exercise: str) -> float:
    """The spec's shortest allowed rep (its duration rule's threshold)."""
    from formcheck.specs import get_spec
    from formcheck.specs.schema import RepStat

    spec = get_spec(exercise)
    limits = [r.when.below for r in spec.rep_rules if r.stat is RepStat.DURATION_S]
    return min((b for b in limits if b is not None), default=1.2)


def _shortest_hold_s(exercise: str) -> float | None:
    """The spec's shortest allowed time at the top (its peak_s or top_s rule's threshold), if
    any."""
    from formcheck.specs import get_spec
    from formcheck.specs.schema import RepStat

    spec = get_spec(exercise)
    limits = [r.when.below for r in spec.rep_rules if r.stat in (RepStat.PEAK_S, RepStat.TOP_S)]
    return min((b for b in limits if b is not None), default=None)


def _persist_s(exercise: str, fault: str) -> float:
    """How long the fault's frame rule must last before it is reported (0 for rep rules)."""
    from formcheck.specs import get_spec
    from formcheck.synth import get_exercise

    rule = get_exercise(exercise).fault_kinds[fault].rule
    return next((r.persist_s for r in get_spec(exercise).frame_rules if r.id == rule), 0.0)


def _threshold_deviation(exercise: str, fault: str) -> float | None:
    """How far from good form (in the fault's unit) the fault's rule starts to fire."""
    from formcheck.specs import get_spec
    from formcheck.synth import get_exercise
    from formcheck.synth.skeleton import Proportions

    model = get_exercise(exercise)
    kind = model.fault_kinds[fault]
    if kind.threshold is not None:
        return kind.threshold
    if kind.unit not in ("deg", "torso") or kind.param is None or kind.rule is None:
        return None
    spec = get_spec(exercise)
    rules = {r.id: r.when for r in (*spec.frame_rules, *spec.rep_rules)}
    when = rules[kind.rule]
    bound = when.above if kind.sign > 0 else when.below
    assert bound is not None
    # Alternating exercises name the working limb; rep 1's is as good as any.
    good = model.top_of_rep(1, Proportions())[model.fault_param(kind.param, 1)]
    return (bound - good) * kind.sign


def plan(exercises: Sequence[str], clips: int) -> list[Job]:
    from formcheck.synth import get_exercise

    jobs = []
    for exercise in exercises:
        model = get_exercise(exercise)
        for name, kind in sorted(model.fault_kinds.items()):
            threshold = _threshold_deviation(exercise, name)
            for clip in range(clips):
                if threshold is not None:
                    margins: tuple[float | None, ...] = tuple(np.roll(MARGINS_DEG, clip).tolist())
                    per_deg = TORSO_PER_DEG if kind.unit == "torso" else 1.0
                    amounts = tuple(
                        round(min(threshold + m * per_deg, kind.limits[1]), 3)
                        for m in margins
                        if m is not None
                    )
                elif kind.unit == "s" and kind.times == "top":
                    margins = (None, None, None)
                    shortest = _shortest_hold_s(exercise) or 1.0
                    amounts = tuple(
                        round(shortest * f, 2) for f in np.roll(SHORT_HOLD_SHARE, clip).tolist()
                    )
                elif kind.unit == "s":
                    shares = np.roll(TOO_FAST_SHARE, clip).tolist()
                    # Sized like the angle faults, in percent beyond the limit: a rep 20%
                    # quicker than the shortest allowed is the "+5 degrees" of a rushed rep.
                    margins = tuple(
                        round(round(100 * (1 - f)) / RUSH_PERCENT_PER_DEG, 1) for f in shares
                    )
                    shortest = _shortest_rep_s(exercise)
                    amounts = tuple(round(shortest * f, 2) for f in shares)
                else:
                    margins = (None, None, None)
                    amounts = tuple(np.roll(INCOMPLETE, clip).tolist())
                jobs.append(Job(exercise, name, clip, amounts, margins))
    return jobs


def _take(job: Job) -> Any:
    from formcheck.synth import Actor, Take, get_exercise, prepare
    from formcheck.synth.motion import with_tempo_jitter

    model = get_exercise(job.exercise)
    seed = zlib.crc32(f"{job.exercise}:{job.fault}:{job.clip}".encode())
    rng = np.random.default_rng(seed)
    common = {
        "facing": "left" if job.clip % 2 == 0 else "right",
        "size": ((480, 270), (640, 360))[int(rng.integers(2))],
        "camera_distance_m": model.camera_distance_m * float(rng.uniform(0.9, 1.15)),
        "actor": Actor.varied(seed),
        "seed": seed,
    }
    if model.timed_hold:
        # A fault lasts long enough for its rule to confirm it (persist_s) and be seen.
        fault_s = max(HOLD_FAULT_S, _persist_s(job.exercise, job.fault) + 1.5)
        spacing = max(HOLD_SPACING_S, fault_s + 4.5)
        tempo = replace(model.tempo, top_s=3 * spacing + 3.0, lead_s=float(rng.uniform(1.2, 1.8)))
        # Framed first (a tall actor close to the camera can leave the frame), and the faulty
        # take filmed from the same distance.
        bare_take = _framed(Take(job.exercise, reps=1, tempo=tempo, **common))
        common["camera_distance_m"] = bare_take.camera_distance_m
        top = prepare(bare_take).truth.reps[0].top_s
        faults = tuple(
            f"{job.fault}:{amount:g}@{top + 3.0 + k * spacing:.2f}-{top + 3.0 + k * spacing + fault_s:.2f}s"
            for k, amount in enumerate(job.amounts)
        )
        return Take(job.exercise, reps=1, faults=faults, tempo=tempo, **common)
    # A short top keeps clips short, but a clean rep must be good form: longer than the spec's
    # shortest hold at the top and its shortest rep (pelvic tilt times its hold as the whole
    # rep: clean 3.5 s tilts were "short holds" by its 4 s rule), with room for jitter.
    moving_s = model.tempo.up_s + model.tempo.down_s
    top_s = max(
        1.5,
        (_shortest_hold_s(job.exercise) or 0.0) + 1.0,
        _shortest_rep_s(job.exercise) - moving_s + 1.0,
    )
    tempo = with_tempo_jitter(replace(model.tempo, top_s=top_s), rng)
    faulty_reps = _faulty_reps(job)
    faults = tuple(
        f"{job.fault}:{amount:g}@{rep}"
        for amount, rep in zip(job.amounts, faulty_reps, strict=True)
    )
    reps = 10 if _alternating(job.exercise) else 6
    return Take(job.exercise, reps=reps, faults=faults, tempo=tempo, **common)


def _faulty_reps(job: Job) -> tuple[int, ...]:
    """The reps that carry the clip's three faults: 2, 4 and 6; for alternating exercises one
    in each of the first three pairs, on either side (the actor's odd reps work the near leg,
    even ones the far leg). A clip's two faults 10+ beyond the threshold (the ones the targets
    are about) go one to each side, so a rule seen on one side only is still judged on one of
    them; the others alternate sides (a form issue once went on the other side's rep of the
    same number, which only a fault on the first rep of a pair showed)."""
    if not _alternating(job.exercise):
        return (2, 4, 6)
    big_near = small_near = job.clip % 2 == 0
    small_near = not small_near
    reps = []
    for pair, margin in enumerate(job.margins):
        if margin is not None and margin >= 10.0:
            near, big_near = big_near, not big_near
        else:
            near, small_near = small_near, not small_near
        reps.append(2 * pair + (1 if near else 2))
    return tuple(reps)


def _near_worked(exercise: str, rep: int) -> bool | None:
    """Whether the actor's rep works the near limbs (alternating exercises; None otherwise)."""
    return rep % 2 == 1 if _alternating(exercise) else None


def _alternating(exercise: str) -> bool:
    from formcheck.specs import get_spec
    from formcheck.specs.schema import WorkingSide

    return get_spec(exercise).side is WorkingSide.ALTERNATING


def _framed(take: Any) -> Any:
    """``take``, with the camera moved back (10% at a time) until the figure fits the frame (a
    tall varied actor close to the camera can leave it)."""
    from formcheck.synth import SynthError, prepare

    for _ in range(4):
        try:
            prepare(take)
            return take
        except SynthError as error:
            if "too close" not in str(error):
                raise
            take = replace(take, camera_distance_m=take.camera_distance_m * 1.1)
    return take


def run_job(job: Job, model_path: str) -> ClipResult:
    os.environ.setdefault("GLOG_minloglevel", "2")
    from formcheck import analyze_track, get_spec, track_video
    from formcheck.synth import synthesize
    from formcheck.synth.scoring import score_hold_stretches, score_reps

    started = time.perf_counter()
    out = ClipResult(job)
    try:
        take = _framed(_take(job))
        with tempfile.TemporaryDirectory(prefix="synth-bench-") as folder:
            video = Path(folder) / "clip.mp4"
            truth = synthesize(take, video)
            track, warnings = track_video(video, Path(model_path), use_cache=False)
        result = analyze_track(
            track, get_spec(job.exercise), video=str(video), source_warnings=warnings
        )
    except Exception as exc:  # a bench reports a failed clip and goes on
        out.error = f"{type(exc).__name__}: {exc}"
        out.seconds = time.perf_counter() - started
        return out
    amounts = {f.rep: f.amount for f in truth.faults}
    margin_of = dict(zip(job.amounts, job.margins, strict=True))
    kind_rule = next((f.rule for f in truth.faults), None)
    if truth.timed_hold:
        for stretch in score_hold_stretches(truth, result):
            amount = stretch.amount
            out.units.append(
                Unit(
                    job.exercise,
                    stretch.fault,
                    kind_rule if stretch.fault else None,
                    amount,
                    margin_of.get(amount) if amount is not None else None,
                    sorted(stretch.rules),
                    unchecked=sorted(stretch.unchecked),
                )
            )
    else:
        out.reps_expected, out.reps_found = truth.spec_rep_count, result.reps
        for rep, by_spec in zip(score_reps(truth, result), truth.counted_by_spec, strict=True):
            fault = rep.faults[0] if rep.faults else None
            amount = amounts.get(rep.number) if fault else None
            out.units.append(
                Unit(
                    job.exercise,
                    fault,
                    kind_rule if fault else None,
                    amount,
                    margin_of.get(amount) if amount is not None else None,
                    sorted(rep.rules),
                    rep.counted,
                    rep.incomplete,
                    by_spec,
                    sorted(rep.unchecked),
                    _near_worked(job.exercise, rep.number),
                )
            )
    out.windows_expected, out.windows_found = len(truth.hold_windows), len(result.hold_windows)
    if truth.timed_hold:
        out.held_s = result.hold_s
        out.windows_found_s = sum(w.end_s - w.start_s for w in result.hold_windows)
        out.windows_expected_s = sum(w.end_s - w.start_s for w in truth.hold_windows)
    if len(truth.hold_windows) == len(result.hold_windows):
        for want, got in zip(truth.hold_windows, result.hold_windows, strict=True):
            out.window_errors_s += [got.start_s - want.start_s, got.end_s - want.end_s]
    out.seconds = time.perf_counter() - started
    return out


def _rate(hits: int, total: int) -> str:
    return f"{hits / total:5.2f} ({hits}/{total})" if total else "   - (0/0)"


def _big(unit: Unit) -> bool:
    """A fault the targets are about: 10 or more beyond the rule's threshold (or unsized)."""
    return unit.margin is None or unit.margin >= 10.0


def _judged_sides(faulty: list[Unit], rule: str) -> list[str]:
    """The sides ("near", "far"; "all" for exercises that do not alternate) on whose faults 10+
    beyond the threshold ``rule`` was judged at least as often as it was unseen."""
    groups: dict[str, list[Unit]] = {}
    for unit in faulty:
        if _big(unit):
            side = {None: "all", True: "near", False: "far"}[unit.near_worked]
            groups.setdefault(side, []).append(unit)
    return [
        side
        for side, units in sorted(groups.items(), key=lambda item: item[0] != "near")
        if sum(rule in u.unchecked for u in units) <= sum(rule not in u.unchecked for u in units)
    ]


def _too_little_range(exercise: str, rule: str) -> bool:
    """Whether ``rule`` flags a rep that did not go far enough on the metric that counts reps
    (the bridge's hips not high enough, a shallow squat): such a fault, made bigger, turns the
    rep into an attempt that does not count."""
    from formcheck.specs import get_spec
    from formcheck.specs.schema import RepStat

    spec = get_spec(exercise)
    found = next((r for r in spec.rep_rules if r.id == rule), None)
    if spec.reps is None or found is None or found.metric != spec.reps.metric:
        return False
    if spec.reps.direction == "up":
        return found.stat is RepStat.MAX and found.when.below is not None
    return found.stat is RepStat.MIN and found.when.above is not None


def _caught(unit: Unit, rule: str) -> bool:
    """The rule fired on the faulty rep; or, for a fault of too little range, the rep was
    reported as an attempt that did not count, whose cue asks for the same thing (more range):
    a perfect judge would not count it either when it misses the spec's peak, and near the
    peak MediaPipe's few degrees of error decide between the two answers."""
    if rule in unit.rules:
        return True
    range_fault = unit.counts_by_spec is False or _too_little_range(unit.exercise, rule)
    return range_fault and bool(unit.incomplete) and not unit.counted


def _rules_without_fault(exercise: str) -> list[str]:
    """The spec's form rules that no fault of the synthetic actor trips: the table cannot
    test them, and says so rather than leaving them out."""
    from formcheck.specs import get_spec
    from formcheck.synth import get_exercise

    spec = get_spec(exercise)
    tested = {kind.rule for kind in get_exercise(exercise).kinds}
    return [r.id for r in (*spec.frame_rules, *spec.rep_rules) if r.id not in tested]


def format_table(results: list[ClipResult]) -> str:
    lines: list[str] = []
    units = [u for r in results for u in r.units]
    exercises = sorted({r.job.exercise for r in results})
    lines.append(
        "Per fault size (caught: the rule fires on the faulty rep or hold stretch; for "
        "incomplete_rep: the rep is not counted; last column: reps a perfect judge would count):"
    )
    lines.append(
        f"  {'exercise':<20}{'rule':<27}{'fault':<15}{'size':<22}{'caught':<14}"
        f"{'as incomplete rep':<18}{'a rep by the spec':<18}"
    )
    for exercise in exercises:
        faulty = [u for u in units if u.exercise == exercise and u.fault is not None]
        for fault in sorted({u.fault for u in faulty if u.fault}):
            mine = [u for u in faulty if u.fault == fault]
            for amount in sorted({u.amount for u in mine if u.amount is not None}):
                group = [u for u in mine if u.amount == amount]
                rule = group[0].rule or "-"
                margin = group[0].margin
                size = (
                    f"{amount:g} ({'+' if margin else ''}{margin:g} beyond)"
                    if margin is not None
                    else f"{amount:g}"
                )
                if rule == "incomplete_rep":
                    caught = sum(1 for u in group if not u.counted)
                else:
                    caught = sum(1 for u in group if rule in u.rules)
                as_incomplete = (
                    _rate(sum(1 for u in group if u.incomplete and not u.counted), len(group))
                    if group[0].counted is not None
                    else "-"
                )
                by_spec = (
                    _rate(sum(1 for u in group if u.counts_by_spec), len(group))
                    if group[0].counts_by_spec is not None
                    else "-"
                )
                lines.append(
                    f"  {exercise:<20}{rule:<27}{fault:<15}{size:<22}{_rate(caught, len(group)):<14}"
                    f"{as_incomplete:<18}{by_spec:<18}"
                )
    lines.append("")
    lines.append(
        f"Summary (targets: recall >= {RECALL_TARGET:.2f} on faults 10+ degrees beyond the threshold, false flags <= {FALSE_FLAG_TARGET:.0%} of clean reps):"
    )
    lines.append(
        "  (a fault is caught when its rule fires, or, for a fault of too little range (or one "
        "that keeps the rep from the spec's peak), when the rep is reported as an uncounted "
        "attempt ('go further'); "
    )
    lines.append(
        "  recall and false flags over the reps or stretches where the rule could be judged; "
        "'unseen': faults where the camera could not see the rule's points, e.g. a far-side "
        "arm, and the analysis said so instead of judging)"
    )
    lines.append(
        f"  {'exercise':<20}{'rule':<27}{'recall (10+ beyond)':<22}{'of reps by the spec':<22}"
        f"{'false flags on clean':<24}{'unseen':<10}verdict"
    )
    for exercise in exercises:
        mine = [u for u in units if u.exercise == exercise]
        for rule in sorted({u.rule for u in mine if u.rule}):
            clean = [u for u in mine if u.fault is None and rule not in u.unchecked]
            faulty = [u for u in mine if u.rule == rule]
            unseen = sum(1 for u in faulty if _big(u) and rule in u.unchecked)
            big = [u for u in faulty if _big(u) and rule not in u.unchecked]
            if rule == "incomplete_rep":
                # Stopping short is a fault only where the rep then misses the spec's peak (a
                # press-up stopped at 20 of 50 degrees is a sphinx, which the spec counts).
                big = [u for u in big if u.counts_by_spec is not True]
                hits = sum(1 for u in big if not u.counted)
                flagged = sum(1 for u in clean if u.counted is False)
            else:
                hits = sum(1 for u in big if _caught(u, rule))
                flagged = sum(1 for u in clean if rule in u.rules)
            judged = [u for u in big if u.counts_by_spec is not False or rule == "incomplete_rep"]
            if rule == "incomplete_rep":
                judged_hits = hits
            else:
                judged_hits = sum(1 for u in judged if rule in u.rules)
            recall = hits / len(big) if big else float("nan")
            false_rate = flagged / len(clean) if clean else float("nan")
            ok = recall >= RECALL_TARGET and false_rate <= FALSE_FLAG_TARGET
            # A rule must be judged on most faults, on at least one side: never looking is not
            # a pass, but a far-side limb the camera cannot see is said to be unseen.
            sides = _judged_sides(faulty, rule)
            rarely = unseen > 0 and not sides
            false_text = f"{false_rate:6.1%} ({flagged}/{len(clean)})" if clean else "-"
            verdict = "RARELY JUDGED" if rarely else ("ok" if ok else "MISSES TARGET")
            if not rarely and sides in (["near"], ["far"]):
                verdict += f" ({sides[0]}-leg reps only)"
            lines.append(
                f"  {exercise:<20}{rule:<27}{_rate(hits, len(big)):<22}"
                f"{_rate(judged_hits, len(judged)):<22}{false_text:<24}{unseen:<10}{verdict}"
            )
        for rule in _rules_without_fault(exercise):
            lines.append(
                f"  {exercise:<20}{rule:<27}{'-':<22}{'-':<22}{'-':<24}{'-':<10}"
                "NOT TESTED (the actor has no fault for it)"
            )
    lines.append("")
    lines.append("Counting and hold windows:")
    for exercise in exercises:
        mine = [r for r in results if r.job.exercise == exercise and r.error is None]
        errors = [abs(e) for r in mine for e in r.window_errors_s]
        same = sum(1 for r in mine if r.windows_expected == r.windows_found)
        reps_ok = sum(1 for r in mine if r.reps_expected == r.reps_found)
        counting = (
            f"rep count exact in {reps_ok}/{len(mine)} clips; "
            if any(r.reps_expected for r in mine)
            else ""
        )
        window_text = (
            f"window edges off by {np.median(errors):.2f} s median, {np.percentile(errors, 95):.2f} s p95"
            if errors
            else "no windows compared"
        )
        lines.append(
            f"  {exercise:<20}{counting}hold windows: same number in {same}/{len(mine)} clips, {window_text}"
            f"{_held_text(mine)}"
        )
    failed = [r for r in results if r.error]
    for r in failed:
        lines.append(f"  FAILED {r.job.exercise} {r.job.fault} clip {r.job.clip}: {r.error}")
    return "\n".join(lines)


def _held_text(results: list[ClipResult]) -> str:
    """For timed holds: the time held in good form against the truth's window time, and the
    clips whose held time exceeds the analysis's own windows (time counted twice)."""
    timed = [r for r in results if r.windows_expected_s > 0]
    if not timed:
        return ""
    shares = [r.held_s / r.windows_expected_s for r in timed]
    # A frame's worth of rounding either way is not counting twice.
    over = sum(1 for r in timed if r.held_s > r.windows_found_s + 0.1)
    text = (
        f"; held {np.median(shares):.2f} of the truth's window time "
        f"(median; {min(shares):.2f}-{max(shares):.2f})"
    )
    return text + (f"; HELD MORE THAN ITS OWN WINDOWS in {over} clips" if over else "")


def load_results(path: Path) -> list[ClipResult]:
    """The clip results a ``--json`` run wrote."""
    results = []
    for data in json.loads(path.read_text(encoding="utf-8")):
        job = data.pop("job")
        units = [Unit(**u) for u in data.pop("units")]
        results.append(
            ClipResult(
                Job(
                    job["exercise"],
                    job["fault"],
                    job["clip"],
                    tuple(job["amounts"]),
                    tuple(job["margins"]),
                ),
                units,
                **data,
            )
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    from formcheck.synth import EXERCISES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--exercise",
        action="append",
        choices=sorted(EXERCISES),
        help="only this exercise (repeatable)",
    )
    parser.add_argument(
        "--fault", action="append", help="only this fault of the actor (repeatable)"
    )
    parser.add_argument(
        "--clips", type=int, default=6, help="clips per fault (default 6: 6 faults at each size)"
    )
    parser.add_argument(
        "--jobs", type=int, default=max(1, os.cpu_count() or 1), help="clips analysed in parallel"
    )
    parser.add_argument(
        "--model", default=os.environ.get("FORMCHECK_MODEL"), help="pose model (.task)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every unit's outcome as JSON")
    parser.add_argument(
        "--table-from",
        nargs="+",
        metavar="FILE",
        help="print one table from --json files of earlier runs (renders nothing)",
    )
    args = parser.parse_args(argv)
    if args.table_from:
        print(format_table([r for f in args.table_from for r in load_results(Path(f))]))
        return 0
    if not args.model or not Path(args.model).is_file():
        print(
            "synth_fault_table: no pose model; pass --model or set FORMCHECK_MODEL", file=sys.stderr
        )
        return 1
    jobs = [
        job
        for job in plan(args.exercise or sorted(EXERCISES), args.clips)
        if not args.fault or job.fault in args.fault
    ]
    started = time.perf_counter()
    print(f"{len(jobs)} clips, {args.jobs} at a time...", file=sys.stderr)
    with ProcessPoolExecutor(
        max_workers=args.jobs, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        futures = [pool.submit(run_job, job, args.model) for job in jobs]
        results = []
        for i, future in enumerate(futures):
            results.append(future.result())
            print(
                f"  {i + 1}/{len(jobs)} done ({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )
    print(format_table(results))
    print(f"\n{len(jobs)} clips in {time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(
            json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
