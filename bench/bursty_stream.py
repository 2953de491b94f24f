"""Live rep counting when frames arrive unevenly (a busy laptop, a stalling webcam).

Each labelled real clip's landmarks go through the live path (LiveKinematics + Engine) frame by
frame, keeping only frames that arrive after a random gap of up to MAX_GAP seconds (uniform), for
several seeds. The table gives the counts per seed against the labelled count.

Run from the repository root (landmarks are tracked once and cached, see formcheck.tracking)::

    FORMCHECK_MODEL=../shared/models/pose_landmarker_full.task python bench/bursty_stream.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.live_replay import live_rep_count, uneven_arrivals  # noqa: E402
from formcheck.pose.model import default_cache_dir, resolve_model  # noqa: E402
from formcheck.specs import get_spec  # noqa: E402
from formcheck.tracking import track_video  # noqa: E402

VIDEOS = ROOT.parent / "shared" / "videos"
# (clip, exercise, labelled reps): side-view clips with many reps of different speeds.
CLIPS = (
    ("glute_bridge__be23__bridge.mp4", "glute_bridge", 5),
    ("glute_bridge__palfit__frog_pump.mp4", "glute_bridge", 8),
    ("squat__tomn__squats.mp4", "squat", 10),
    ("bird_dog__hansh__pelvic-tilts.mp4", "bird_dog", 10),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--gaps", type=float, nargs="+", default=[0.2, 0.35, 0.5])
    args = parser.parse_args()
    model = resolve_model(None)
    print(
        f"{'clip':40} {'truth':>5} {'every frame':>11}  "
        + "  ".join(f"gap<={g:.2f}s" for g in args.gaps)
    )
    for name, exercise, truth in CLIPS:
        path = VIDEOS / name
        if not path.is_file():
            print(f"{name:40} missing (../shared/videos is not beside the checkout)")
            continue
        track, _ = track_video(path, model, cache_dir=default_cache_dir())
        spec = get_spec(exercise)
        every = live_rep_count(track, spec, range(len(track)))
        cells = []
        for gap in args.gaps:
            counts = [
                live_rep_count(track, spec, uneven_arrivals(track.timestamp_s, gap, seed))
                for seed in range(args.seeds)
            ]
            exact = sum(c == truth for c in counts) / len(counts)
            cells.append(f"{exact:4.0%} exact, min {min(counts):2d}")
        print(f"{name[:40]:40} {truth:5d} {every:11d}  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
