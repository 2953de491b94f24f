"""The committed sample clips are what the generator makes, and analyse to their known result."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from formcheck import FormIssueStarted, RepFault, analyze_track, get_spec, track_video
from formcheck.synth import load_truth, prepare
from formcheck.synth.samples import SAMPLES, default_folder

FOLDER = default_folder()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_committed_truth_is_what_the_generator_makes(sample) -> None:  # type: ignore[no-untyped-def]
    assert (FOLDER / sample.video).is_file(), "run: python -m formcheck.synth.samples"
    truth = dataclasses.replace(prepare(sample.take).truth, video=sample.video)
    regenerated = json.loads(json.dumps(truth.to_dict()))
    assert regenerated == load_truth(FOLDER / sample.video)


def test_the_readme_describes_every_sample() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for sample in SAMPLES:
        assert f"`{sample.video}`" in readme
    listed = {p.name for p in FOLDER.glob("*.mp4")}
    assert listed == {s.video for s in SAMPLES}


def test_a_sample_analyses_to_its_known_count(model_path: Path) -> None:
    video = FOLDER / "glute_bridge_clean.mp4"
    truth = load_truth(video)
    track, warnings = track_video(video, model_path, use_cache=False)
    result = analyze_track(
        track, get_spec(truth["exercise"]), video=str(video), source_warnings=warnings
    )
    assert result.reps == truth["rep_count"] == 4
    assert not [e for e in result.events if isinstance(e, FormIssueStarted | RepFault)]
