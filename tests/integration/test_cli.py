"""The command line on good and bad input: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from formcheck.video import VideoReader, VideoWriter

from ..conftest import ROOT, VIDEOS

BRIDGE_CLIP = VIDEOS / "glute_bridge__be23__bridge.mp4"
# A seated hamstring stretch filmed from the front (judged side-on only): FormCheck must refuse
# to judge it.
FRONT_CLIP = VIDEOS / "hamstring_stretch__hansh__hamstring-stretch.mp4"
# One squat filmed from the front: counted (squats are counted from the front too).
FRONT_SQUAT_CLIP = VIDEOS / "squat__kaia__squat_incorrect_004.mp4"
SECOND_CLIP = VIDEOS / "glute_bridge__tbf__glute-bridge.mp4"


def run_cli(
    *args: str, model: Path | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if model is not None:
        env["FORMCHECK_MODEL"] = str(model)
    if cache is not None:
        env["FORMCHECK_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "formcheck.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )


def analyze_json(
    video: Path, exercise: str, tmp_path: Path, model: Path
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``formcheck analyze VIDEO -e EXERCISE --json`` with the landmark cache in ``tmp_path``;
    returns the run and where its JSON went."""
    out = tmp_path / "r.json"
    result = run_cli(
        "analyze", str(video), "-e", exercise, "--json", str(out), model=model, cache=tmp_path
    )
    return result, out


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, pattern: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert pattern in result.stderr, result.stderr


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.name} is not in ../shared/videos")
    return path


def frames_of(path: Path, seconds: float) -> Iterator[np.ndarray]:
    with VideoReader(path) as reader:
        for frame in reader:
            if frame.timestamp_s > seconds:
                return
            yield frame.rgb


def test_exercises_lists_the_specs_with_dosage() -> None:
    result = run_cli("exercises")
    assert result.returncode == 0
    assert "glute_bridge" in result.stdout and "10-12 repetitions" in result.stdout
    assert "plank" in result.stdout


def test_text_file_is_not_a_video(tmp_path: Path, model_path: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("this is not a video\n" * 50)
    assert_clean_failure(
        run_cli("analyze", str(fake), "-e", "plank", model=model_path), 1, "not a video"
    )


def test_empty_file(tmp_path: Path, model_path: Path) -> None:
    empty = tmp_path / "empty.mp4"
    empty.touch()
    assert_clean_failure(
        run_cli("analyze", str(empty), "-e", "plank", model=model_path), 1, "empty"
    )


def test_missing_file(tmp_path: Path, model_path: Path) -> None:
    result = run_cli("analyze", str(tmp_path / "nope.mp4"), "-e", "plank", model=model_path)
    assert_clean_failure(result, 1, "not found")


def test_unknown_exercise_lists_the_known_ones(model_path: Path) -> None:
    result = run_cli("analyze", str(BRIDGE_CLIP), "-e", "situps", model=model_path)
    assert_clean_failure(result, 1, "unknown exercise 'situps'; known exercises: ")
    known = result.stderr.split("known exercises: ", 1)[1].strip().split(", ")
    assert {"glute_bridge", "plank"} <= set(known)
    assert known == sorted(known)


def test_broken_spec_names_file_and_field(tmp_path: Path, model_path: Path) -> None:
    spec = (ROOT / "exercise_specs" / "plank.yaml").read_text()
    (tmp_path / "plank.yaml").write_text(
        spec.replace("knee_angle_deg: {above: 140}", "knee_angle_deg: {above: 190, below: 100}")
    )
    result = run_cli("--specs", str(tmp_path), "exercises")
    assert_clean_failure(result, 1, "plank.yaml: hold.position.knee_angle_deg")


def test_missing_model_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli("analyze", str(BRIDGE_CLIP), "-e", "plank", model=tmp_path / "missing.task")
    assert_clean_failure(result, 1, "FORMCHECK_MODEL points to")


def test_nobody_in_frame(tmp_path: Path, model_path: Path) -> None:
    video = tmp_path / "empty_room.mp4"
    rng = np.random.default_rng(0)
    with VideoWriter(video, 320, 240, 15) as writer:
        for _ in range(30):
            writer.write(np.clip(rng.normal(170, 8, (240, 320, 3)), 0, 255).astype(np.uint8))
    result = run_cli("analyze", str(video), "-e", "plank", model=model_path, cache=tmp_path)
    assert_clean_failure(result, 1, "nobody was found in the video")


def test_truncated_video_is_analysed_up_to_the_cut(tmp_path: Path, model_path: Path) -> None:
    source = tmp_path / "bridge.mp4"
    with VideoWriter(source, 640, 360, 24) as writer:
        for rgb in frames_of(need(BRIDGE_CLIP), 4.0):
            writer.write(np.ascontiguousarray(rgb[::2, ::2]))
    cut = tmp_path / "cut.mp4"
    data = source.read_bytes()
    cut.write_bytes(data[: len(data) * 6 // 10])
    out = tmp_path / "result.json"
    result = run_cli(
        "analyze",
        str(cut),
        "-e",
        "glute_bridge",
        "--json",
        str(out),
        model=model_path,
        cache=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert any("truncated" in w for w in json.loads(out.read_text())["warnings"])


def test_person_leaving_the_frame_is_a_warning_and_reps_still_count(
    tmp_path: Path, model_path: Path
) -> None:
    video = tmp_path / "leaves.mp4"
    with VideoReader(need(BRIDGE_CLIP)) as reader:
        size = (reader.info.width // 2, reader.info.height // 2)
        with VideoWriter(video, *size, reader.info.fps) as writer:
            for frame in reader:
                rgb = np.ascontiguousarray(frame.rgb[::2, ::2])
                writer.write(rgb)
            # Then the person is gone: 2 s of the empty white studio.
            for _ in range(int(2 * reader.info.fps)):
                writer.write(np.full_like(rgb, 235))
    result, out = analyze_json(video, "glute_bridge", tmp_path, model_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert any(w.startswith("nobody in view from 9.") for w in data["warnings"]), data["warnings"]
    assert data["reps"] == 5


def test_two_people_is_a_warning(tmp_path: Path, model_path: Path) -> None:
    left, right = need(BRIDGE_CLIP), need(SECOND_CLIP)
    video = tmp_path / "two.mp4"
    # Two people, one above the other, each large enough for the pose detector to find.
    with VideoWriter(video, 640, 720, 15) as writer:
        for a, b in zip(frames_of(left, 3.0), frames_of(right, 3.0), strict=False):
            writer.write(np.vstack([cv2.resize(a, (640, 360)), cv2.resize(b, (640, 360))]))
    result, out = analyze_json(video, "glute_bridge", tmp_path, model_path)
    assert "Traceback" not in result.stderr
    warnings = json.loads(out.read_text())["warnings"]
    assert any("two or more people" in w for w in warnings), warnings


def test_wrong_camera_angle_says_it_cannot_judge(tmp_path: Path, model_path: Path) -> None:
    result, out = analyze_json(need(FRONT_CLIP), "hamstring_stretch", tmp_path, model_path)
    assert_clean_failure(result, 3, "Turn side-on to the camera")
    assert json.loads(out.read_text())["can_judge"] is False


def test_a_squat_filmed_from_the_front_is_counted_but_not_judged(
    tmp_path: Path, model_path: Path
) -> None:
    result, out = analyze_json(need(FRONT_SQUAT_CLIP), "squat", tmp_path, model_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["can_judge"] is True
    assert report["reps"] == 1
    assert any("camera side-on" in w for w in report["warnings"]), report["warnings"]


def test_analyze_writes_json_and_a_browser_playable_video(tmp_path: Path, model_path: Path) -> None:
    out_json, out_video = tmp_path / "r.json", tmp_path / "annotated.mp4"
    result = run_cli(
        "analyze",
        str(need(BRIDGE_CLIP)),
        "-e",
        "glute_bridge",
        "--json",
        str(out_json),
        "--annotated",
        str(out_video),
        model=model_path,
        cache=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "reps: 5" in result.stdout
    data = json.loads(out_json.read_text())
    assert {"exercise", "reps", "hold_s", "events", "warnings", "frames"} <= set(data)
    assert data["exercise"] == "glute_bridge" and data["reps"] == 5
    assert len(data["frames"]["timestamp_s"]) == data["frame_count"]
    assert sum(e["type"] == "RepCompleted" for e in data["events"]) == 5
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        pytest.skip("ffprobe not installed: cannot check the annotated video's codec")
    probe = subprocess.run(
        [
            ffprobe,
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,pix_fmt",
            "-of",
            "json",
            str(out_video),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    stream = json.loads(probe.stdout)["streams"][0]
    assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")


def test_a_reader_that_goes_away_ends_the_command_quietly(model_path: Path) -> None:
    # `formcheck analyze ... | head -1`: the reader is gone before anything is printed.
    env = dict(os.environ, FORMCHECK_MODEL=str(model_path))
    sample = ROOT / "sample_videos" / "glute_bridge_clean.mp4"
    process = subprocess.Popen(
        [sys.executable, "-m", "formcheck.cli", "analyze", str(sample), "-e", "glute_bridge"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 141, stderr
    assert "Traceback" not in stderr and "Error" not in stderr


@pytest.mark.skipif(not VIDEOS.is_dir(), reason="../shared/videos is not beside the checkout")
def test_a_stretch_done_side_by_side_reports_each_side(tmp_path: Path, model_path: Path) -> None:
    # A pigeon stretch on the right leg (the front, folded one) for the whole clip.
    clip = VIDEOS / "piriformis_pigeon__hansh__pigeon-pose.mp4"
    result, out = analyze_json(clip, "piriformis_stretch", tmp_path, model_path)
    assert result.returncode == 0, result.stderr
    by_side = json.loads(out.read_text())["hold_s_by_side"]
    assert by_side["left"] == 0.0 and by_side["right"] > 9.0
    assert f"(left 0.0 s, right {by_side['right']:.1f} s)" in result.stdout
