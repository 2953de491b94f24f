"""``analyze --session`` writes a session file; ``formcheck session`` reads one back or says
plainly why it cannot."""

from __future__ import annotations

from pathlib import Path

from formcheck.sessionfile import import_session

from .test_cli import ROOT, assert_clean_failure, run_cli

SAMPLE = ROOT / "sample_videos" / "glute_bridge_clean.mp4"  # 4 clean bridges


def test_analyze_writes_a_session_file_that_reads_back(tmp_path: Path, model_path: Path) -> None:
    out = tmp_path / "bridges.fcsession"
    result = run_cli(
        "analyze", str(SAMPLE), "-e", "glute_bridge", "--session", str(out),
        model=model_path, cache=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "session file (landmarks only)" in result.stdout
    recording = import_session(out)
    assert recording.summary is not None and recording.summary.reps == 4
    shown = run_cli("session", str(out))
    assert shown.returncode == 0, shown.stderr
    assert "Glute bridge (glute_bridge)" in shown.stdout and "reps: 4" in shown.stdout


def test_a_file_that_is_not_a_session_is_refused_in_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "notes.fcsession"
    fake.write_text("hello")
    assert_clean_failure(run_cli("session", str(fake)), 1, "not a FormCheck session file")
    assert_clean_failure(run_cli("session", str(tmp_path / "gone.fcsession")), 1, "cannot read")
