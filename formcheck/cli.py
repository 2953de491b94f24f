"""The ``formcheck`` command line: a thin shell over the package."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck.errors import FormCheckError

if TYPE_CHECKING:
    from formcheck.analysis import AnalysisResult

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CANNOT_JUDGE = 3


def _quiet_native_logs() -> None:
    # MediaPipe/TFLite log to stderr from C++ at start-up; users need none of it.
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _progress_bar(description: str, enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = tqdm(desc=description, unit="frame", disable=not enabled, file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        if total and bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh()

    return bar, update


def _cmd_exercises(args: argparse.Namespace) -> int:
    from formcheck.specs import load_all_specs

    specs = load_all_specs(args.specs)
    width = max(len(s) for s in specs)
    for spec_id, spec in sorted(specs.items()):
        mode = "reps" if spec.reps is not None else "hold"
        views = "/".join(v.value for v in (spec.camera.view, *spec.camera.also))
        print(f"{spec_id:<{width}}  {spec.name:<22} {mode:<4}  {views:<10}  {spec.dosage.text}")
    return EXIT_OK


def _by_side(values: Mapping[str, float], fmt: str) -> str:
    """ " (left 5, right 4)" for an exercise worked side by side; "" otherwise."""
    from formcheck.analysis import side_breakdown

    return f" ({side_breakdown(values, fmt)})" if values else ""


def _print_summary(result: AnalysisResult, per_side: bool) -> None:
    """The analysis in words; ``per_side``: reps and hold time also for each side (exercises
    worked one side at a time)."""
    from formcheck.engine.events import FormIssueStarted, IncompleteRep, RepFault

    print(
        f"{result.exercise_name} — {Path(result.video).name} ({result.duration_s:.1f} s, {result.frame_count} frames)"
    )
    print(
        f"  view: {result.view} (confidence {result.view_confidence:.2f}), working side: {result.side or '-'}, "
        f"judged {result.judged_fraction:.0%} of frames"
    )
    if result.counts_reps:
        by_side = _by_side(result.reps_by_side, "{:d}") if per_side else ""
        print(f"  reps: {result.reps}{by_side}")
        for rep in result.rep_events:
            issues = f"  issues: {', '.join(rep.issues)}" if rep.issues else ""
            done = "" if rep.complete else " (not finished)"
            # Each side numbers its own reps: "rep 1 left", "rep 1 right".
            side = f" {rep.side}" if per_side and rep.side else ""
            label = f"rep {rep.rep_number}{side}:"
            print(
                f"    {label:<{13 if per_side else 7}}{rep.start_s:5.1f}-{rep.end_s:5.1f} s, range {rep.range_of_motion:4.0f} deg{done}{issues}"
            )
    main = result.main_hold
    if main is not None:
        by_side = _by_side(result.summary.hold_s_by_side, "{:.1f} s") if per_side else ""
        print(
            f"  held in good form: {result.hold_s:.1f} s{by_side}; main hold {main.start_s:.1f}-{main.end_s:.1f} s"
        )
    faults = [e for e in result.events if isinstance(e, FormIssueStarted | RepFault)]
    incomplete = [e for e in result.events if isinstance(e, IncompleteRep)]
    if faults or incomplete:
        print("  form issues:")
        for event in faults:
            print(f"    {event.timestamp_s:5.1f} s  [{event.severity}] {event.message}")
        for attempt in incomplete:
            print(f"    {attempt.timestamp_s:5.1f} s  [warning] a rep turned back before the top")
    else:
        print("  form issues: none")
    for warning in result.warnings:
        print(f"  note: {warning}")


def _cmd_analyze(args: argparse.Namespace) -> int:
    from formcheck.analysis import analyze_track
    from formcheck.pose.model import resolve_model
    from formcheck.specs import get_spec
    from formcheck.specs.schema import WorkingSide
    from formcheck.tracking import track_video

    spec = get_spec(args.exercise, args.specs)
    video = Path(args.video)
    model = resolve_model(args.model, args.model_variant, progress=not args.quiet)
    bar, update = _progress_bar("analysing", not args.quiet and sys.stderr.isatty())
    try:
        track, warnings = track_video(
            video, model, use_cache=not args.no_cache, progress=update, max_fps=args.max_fps
        )
    finally:
        bar.close()
    result = analyze_track(track, spec, video=str(video), source_warnings=warnings)
    if args.json:
        result.write_json(args.json)
    if args.session:
        from formcheck.sessionfile import export_session, recording_from_analysis

        export_session(recording_from_analysis(result, track), args.session)
    if args.annotated:
        from formcheck.render import render_annotated

        bar, update = _progress_bar("writing video", not args.quiet and sys.stderr.isatty())
        try:
            render_annotated(video, result, spec, args.annotated, progress=update)
        finally:
            bar.close()
    if not args.quiet:
        _print_summary(result, per_side=spec.side is WorkingSide.ALTERNATING)
        if args.json:
            print(f"  result: {args.json}")
        if args.session:
            print(f"  session file (landmarks only): {args.session}")
        if args.annotated:
            print(f"  annotated video: {args.annotated}")
    if not result.can_judge:
        print(f"formcheck: {result.warnings[-1]}", file=sys.stderr)
        return EXIT_CANNOT_JUDGE
    return EXIT_OK


def _cmd_session(args: argparse.Namespace) -> int:
    from formcheck.sessionfile import import_session

    recording = import_session(args.file)
    summary = recording.summary
    detected = recording.track.detected.mean() if recording.frame_count else 0.0
    print(
        f"{recording.exercise_name} ({recording.exercise}) — {Path(args.file).name}, "
        f"{recording.source}, recorded {recording.recorded_at:%Y-%m-%d %H:%M %Z}"
    )
    print(
        f"  {recording.frame_count} frames over {recording.duration_s:.1f} s, "
        f"person found in {detected:.0%}; metrics: {', '.join(recording.metrics) or '-'}"
    )
    if summary is not None:
        print(f"  reps: {summary.reps}, held in good form: {summary.hold_s:.1f} s")
        issues = ", ".join(f"{k} x{v}" for k, v in summary.issue_counts.items())
        print(f"  form issues: {issues or 'none'}")
    else:
        print("  no summary: the set was not finished")
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    import json

    from formcheck.evaluation import format_scorecard, load_labels, run_scorecard, scorecard_json
    from formcheck.pose.model import resolve_model

    labels = load_labels(args.labels)
    if args.exercise:
        labels = [label for label in labels if label.exercise in args.exercise]
    videos = Path(args.videos) if args.videos else Path(args.labels).parent
    model = resolve_model(args.model, progress=True)
    scores = run_scorecard(labels, videos, model, jobs=args.jobs)
    if not scores:
        print("formcheck: no labelled clip has an exercise spec", file=sys.stderr)
        return EXIT_ERROR
    print(format_scorecard(scores))
    if args.json:
        Path(args.json).write_text(json.dumps(scorecard_json(scores), indent=1), encoding="utf-8")
    return EXIT_OK


def _cmd_synth(args: argparse.Namespace) -> int:
    from formcheck.synth.command import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="formcheck",
        description="Counts reps, times holds and checks form in lower-back-pain exercise videos.",
    )
    parser.add_argument(
        "--specs", help="folder of exercise specs (default: the bundled exercise_specs/)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="analyse a recorded video")
    analyze.add_argument("video", help="mp4, mov, webm or avi file")
    analyze.add_argument(
        "--exercise", "-e", required=True, help="exercise id (see 'formcheck exercises')"
    )
    analyze.add_argument("--json", metavar="FILE", help="write the whole result as JSON")
    analyze.add_argument(
        "--annotated", metavar="FILE", help="write an annotated video (.mp4 or .webm)"
    )
    analyze.add_argument(
        "--session",
        metavar="FILE",
        help="write a session file (.fcsession: landmarks, angles and events, no pixels) "
        "to replay or share",
    )
    analyze.add_argument(
        "--model", help="pose model file (.task); default: $FORMCHECK_MODEL, the cache, or download"
    )
    analyze.add_argument("--model-variant", choices=["lite", "full", "heavy"], default="full")
    analyze.add_argument(
        "--max-fps",
        type=float,
        default=15.0,
        help="estimate pose on at most this many frames a second (default 15; 0 = every frame)",
    )
    analyze.add_argument(
        "--no-cache", action="store_true", help="do not read or write the landmark cache"
    )
    analyze.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    analyze.set_defaults(handler=_cmd_analyze)

    evaluate = commands.add_parser("eval", help="score FormCheck on labelled clips")
    evaluate.add_argument(
        "--labels", required=True, help="labels.yaml (see shared/videos/README.md)"
    )
    evaluate.add_argument("--videos", help="folder of the clips (default: beside the labels)")
    evaluate.add_argument("--exercise", action="append", help="only this exercise (repeatable)")
    evaluate.add_argument("--json", metavar="FILE", help="write the scorecard as JSON")
    evaluate.add_argument("--model", help="pose model file (.task)")
    evaluate.add_argument(
        "--jobs", type=int, default=max(1, (os.cpu_count() or 1)), help="clips analysed in parallel"
    )
    evaluate.set_defaults(handler=_cmd_eval)

    synth = commands.add_parser(
        "synth", help="render the synthetic actor doing an exercise, with exact ground truth"
    )
    synth.add_argument("exercise", help="exercise id (the actor does glute_bridge, plank, ...)")
    synth.add_argument(
        "-o",
        "--output",
        help="video to write, .mp4 or .webm (default EXERCISE.mp4); "
        "the ground truth goes beside it as .truth.json",
    )
    synth.add_argument("--reps", type=int, help="reps, or holds (default 3 reps or 1 hold)")
    synth.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME[:AMOUNT][@WHEN]",
        help="e.g. hip_sag:15@2, too_fast@3, head_drop:25@4-8s (repeatable; see --list-faults)",
    )
    synth.add_argument("--list-faults", action="store_true", help="list the exercise's faults")
    synth.add_argument("--facing", choices=["left", "right"], default="left")
    synth.add_argument("--size", default="640x360", help="WIDTHxHEIGHT (default 640x360)")
    synth.add_argument("--fps", type=float, default=15.0, help="frame rate (default 15)")
    synth.add_argument("--camera-distance", type=float, metavar="M", help="camera distance, m")
    synth.add_argument("--hold", type=float, metavar="S", help="seconds at the top or in the hold")
    synth.add_argument("--seed", type=int, default=0, help="seeds the actor's sway")
    synth.add_argument("--landmarks", action="store_true", help="true landmarks in the truth")
    synth.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    synth.set_defaults(handler=_cmd_synth)

    session = commands.add_parser(
        "session", help="check a session file (.fcsession) and print what it holds"
    )
    session.add_argument("file", help="a session file written by analyze --session or the app")
    session.set_defaults(handler=_cmd_session)

    exercises = commands.add_parser("exercises", help="list the exercises and their dosage")
    exercises.set_defaults(handler=_cmd_exercises)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _quiet_native_logs()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # inside the try: a reader gone away fails here, not at exit
        return code
    except FormCheckError as exc:
        print(f"formcheck: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("formcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`formcheck analyze ... | head`): stop quietly, as other tools
        # do, rather than with a traceback; Python would complain flushing stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
