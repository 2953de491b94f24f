"""``formcheck synth``: the command line's way to the synthetic actor (the parser lives in
:mod:`formcheck.cli`, so that building it never imports this package)."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

from formcheck.synth.clip import Take, synthesize
from formcheck.synth.exercises import get_exercise
from formcheck.synth.faults import SynthError, parse_fault
from formcheck.synth.truth import GroundTruth, truth_path


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)[xX](\d+)", text.strip())
    if match is None:
        raise SynthError(f"--size {text!r}: give WIDTHxHEIGHT, e.g. 640x360")
    return int(match[1]), int(match[2])


def _list_faults(exercise: str) -> None:
    model = get_exercise(exercise)
    print(f"faults the actor can make in {exercise} (NAME[:AMOUNT][@WHEN]):")
    for kind in model.kinds:
        unit = {"deg": " deg", "torso": " torso", "s": " s", "fraction": ""}[kind.unit]
        rule = f"; the spec rule it should trip: {kind.rule}" if kind.rule else ""
        print(
            f"  {kind.name:<12} default {kind.default:g}{unit} ({kind.limits[0]:g}-{kind.limits[1]:g}): {kind.description}{rule}"
        )


def describe(truth: GroundTruth, video: Path) -> str:
    """A few lines saying what was written and what the truth holds."""
    lines = [
        f"{truth.exercise}: wrote {video} ({truth.timestamp_s.size} frames, {truth.timestamp_s.size / truth.fps:.1f} s, "
        f"{truth.width}x{truth.height} at {truth.fps:g} fps, facing {truth.facing}) and {truth_path(video).name}"
    ]
    if truth.timed_hold:
        holds = ", ".join(f"{w.start_s:.1f}-{w.end_s:.1f} s" for w in truth.hold_windows) or "none"
        lines.append(f"  holds in good form (by the spec, exact landmarks): {holds}")
    else:
        lines.append(f"  reps: {truth.rep_count} full of {len(truth.reps)} performed")
    for fault in truth.faults:
        where = f" on rep {fault.rep}" if fault.rep is not None and not truth.timed_hold else ""
        rule = f", for the rule {fault.rule}" if fault.rule else ""
        lines.append(
            f"  fault {fault.name} {fault.amount:g} {fault.unit}{where}, "
            f"fully {fault.full_s:.1f}-{fault.full_end_s:.1f} s{rule}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Runs ``formcheck synth`` from parsed arguments; returns the exit status."""
    if args.list_faults:
        _list_faults(args.exercise)
        return 0
    model = get_exercise(args.exercise)
    output = Path(args.output or f"{args.exercise}.mp4")
    tempo = None
    if args.hold is not None:
        if args.hold <= 0:
            raise SynthError(f"--hold must be positive (got {args.hold})")
        tempo = replace(model.tempo, top_s=args.hold)
    take = Take(
        args.exercise,
        reps=args.reps,
        faults=tuple(parse_fault(f) for f in args.fault),
        facing=args.facing,
        fps=args.fps,
        size=_size(args.size),
        camera_distance_m=args.camera_distance,
        tempo=tempo,
        seed=args.seed,
    )
    show = not args.quiet and sys.stderr.isatty()
    from tqdm import tqdm

    with tqdm(
        desc="rendering", unit="frame", disable=not show, file=sys.stderr, leave=False
    ) as bar:

        def update(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        truth = synthesize(take, output, landmarks=args.landmarks, progress=update)
    if not args.quiet:
        print(describe(truth, output))
    return 0
