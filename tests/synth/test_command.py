"""``formcheck synth`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.cli import main


def test_synth_writes_the_video_and_its_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = tmp_path / "bridge.mp4"
    status = main(
        [
            "synth",
            "glute_bridge",
            "--reps",
            "2",
            "--fault",
            "hip_sag:22@2",
            "--hold",
            "0.5",
            "--size",
            "160x96",
            "-o",
            str(video),
        ]
    )
    assert status == 0
    assert video.stat().st_size > 0
    truth = json.loads((tmp_path / "bridge.truth.json").read_text())
    assert truth["rep_count"] == 2
    assert truth["requested_faults"] == ["hip_sag:22@2"]
    assert [f["rep"] for f in truth["faults"]] == [2]
    out = capsys.readouterr().out
    assert "reps: 2 full of 2 performed" in out
    assert "fault hip_sag 22 deg on rep 2" in out


def test_synth_lists_faults_and_explains_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "plank", "--list-faults"]) == 0
    assert "head_drop" in capsys.readouterr().out
    assert main(["synth", "plank", "--fault", "hip_sag@soon"]) == 1
    assert "WHEN must be rep numbers" in capsys.readouterr().err
    assert main(["synth", "plank", "--fault", "too_fast"]) == 1
    assert "cannot do 'too_fast'" in capsys.readouterr().err
    assert main(["synth", "moonwalk"]) == 1
    assert "cannot perform 'moonwalk'" in capsys.readouterr().err
