"""The sample clips in ``sample_videos/``, regenerated bit for bit with one command::

    python -m formcheck.synth.samples            # writes sample_videos/ in the repository
    python -m formcheck.synth.samples --out DIR  # somewhere else
    python -m formcheck.synth.samples --check    # regenerate in a temporary folder and compare

Every clip is fully determined by its :class:`~formcheck.synth.clip.Take` below (fixed seeds,
no clock, no randomness outside them). The H.264 encoder (libx264 through PyAV) is
deterministic too, so the same PyAV/libx264 and numpy give byte-identical videos; another
encoder build may change the video bytes but not the frames' content, the ground truth or the
analysis (``--check`` tells which).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from formcheck.synth.clip import Take, synthesize
from formcheck.synth.motion import Tempo
from formcheck.synth.truth import truth_path

SIZE = (640, 360)
FPS = 15.0


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    take: Take
    description: str

    @property
    def video(self) -> str:
        return f"{self.name}.mp4"


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "glute_bridge_clean",
        Take("glute_bridge", reps=4, facing="left", size=SIZE, fps=FPS, seed=101),
        "4 glute bridges in good form, 2 s at the top each",
    ),
    Sample(
        "glute_bridge_faults",
        Take(
            "glute_bridge",
            reps=6,
            faults=("hips_piked:30@2", "too_fast:0.8@4", "incomplete:0.35@5"),
            facing="right",
            size=SIZE,
            fps=FPS,
            seed=102,
        ),
        "6 bridges: 1, 3 and 6 good; 2 over-arched (hips 30 degrees above the line); "
        "4 rushed (0.8 s); 5 stopped at a third of the lift (must not count)",
    ),
    Sample(
        "plank_clean",
        Take(
            "plank", reps=1, facing="right", size=SIZE, fps=FPS, tempo=Tempo(top_s=15.0), seed=103
        ),
        "a 15 s forearm plank in good form",
    ),
    Sample(
        "plank_faults",
        Take(
            "plank",
            reps=1,
            faults=("hip_sag:22@6-9s", "head_drop:28@13-16s"),
            facing="left",
            size=SIZE,
            fps=FPS,
            tempo=Tempo(top_s=18.0),
            seed=104,
        ),
        "an 18 s plank: the hips sag 22 degrees from 6 to 9 s, the head drops 28 degrees from 13 to 16 s",
    ),
    Sample(
        "cat_cow_clean",
        Take("cat_cow", reps=4, facing="left", size=SIZE, fps=FPS, seed=106),
        "4 slow cat-cows in good form, from cow to cat and back",
    ),
    Sample(
        "pushup_faults",
        Take(
            "pushup",
            reps=6,
            faults=("hip_sag:28@2", "hips_piked:40@4", "shallow:25@5"),
            facing="right",
            size=SIZE,
            fps=FPS,
            seed=105,
        ),
        "6 push-ups: 1, 3 and 6 good; 2 with the hips sagging 28 degrees; 4 piked 40 degrees; "
        "5 shallow (elbows to 113 instead of 88 degrees)",
    ),
    # The guides' dosage examples that time holds: a tilt held at the top of each rep, a
    # stretch held per side, a rest pose held once.
    Sample(
        "pelvic_tilt_faults",
        Take(
            "pelvic_tilt",
            reps=4,
            faults=("buttocks_lift:25@3",),
            facing="left",
            size=SIZE,
            fps=FPS,
            seed=107,
        ),
        "4 pelvic tilts held 5 s each; 3 lifts the buttocks off the floor (the pelvis 25 degrees "
        "higher: a bridge, not a tilt)",
    ),
    Sample(
        "knee_to_chest_holds",
        Take("knee_to_chest", reps=2, facing="right", size=SIZE, fps=FPS, seed=108),
        "the near knee drawn to the chest and held 10 s, then the far knee, in good form",
    ),
    Sample(
        "childs_pose_clean",
        Take(
            "childs_pose",
            reps=1,
            facing="left",
            size=SIZE,
            fps=FPS,
            tempo=Tempo(lead_s=1.5, up_s=2.0, top_s=20.0, down_s=2.0, rest_s=1.5),
            seed=109,
        ),
        "a 20 s child's pose in good form",
    ),
)


def default_folder() -> Path:
    return Path(__file__).resolve().parents[2] / "sample_videos"


def generate(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Writes the samples (all, or those named) and their truth to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in SAMPLES:
        if names and sample.name not in names:
            continue
        video = folder / sample.video
        synthesize(sample.take, video)
        written.append(video)
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def check(folder: Path) -> int:
    """Regenerates every sample in a temporary folder and compares it with ``folder``."""
    status = 0
    with tempfile.TemporaryDirectory(prefix="formcheck-samples-") as scratch:
        for video in generate(Path(scratch)):
            for fresh in (video, truth_path(video)):
                kept = folder / fresh.name
                if not kept.exists():
                    print(f"missing   {kept}")
                    status = 1
                elif filecmp.cmp(fresh, kept, shallow=False):
                    print(f"identical {fresh.name} ({_digest(kept)})")
                else:
                    print(
                        f"DIFFERENT {fresh.name} (kept {_digest(kept)}, regenerated {_digest(fresh)})"
                    )
                    status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the sample clips in sample_videos/.")
    parser.add_argument("--out", type=Path, default=default_folder(), help="folder to write")
    parser.add_argument("--only", action="append", help="only this sample (repeatable)")
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh generation with --out"
    )
    args = parser.parse_args(argv)
    if args.check:
        return check(args.out)
    for video in generate(args.out, args.only):
        print(f"wrote {video} and {truth_path(video).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
