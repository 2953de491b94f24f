"""Session files: export then import gives the same set back; bad files fail with a clear reason."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formcheck import analyze_track, get_spec
from formcheck.engine.events import (
    Cue,
    Event,
    FormIssueStarted,
    HoldProgress,
    HoldWindow,
    RepCompleted,
    RepFault,
    Summary,
)
from formcheck.engine.frames import FrameStatus, MetricFrame
from formcheck.errors import FormCheckError, SessionFileError
from formcheck.landmarks import NUM_LANDMARKS, PoseFrame, PoseTrack
from formcheck.sessionfile import (
    FORMAT_VERSION,
    LiveRecorder,
    SessionRecording,
    export_session,
    import_session,
    read_session_bytes,
    recording_from_analysis,
    session_bytes,
)
from formcheck.sessionfile._events import event_to_json
from tests.synthetic import bridge_track

WHEN = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def comparable(events: list[Event]) -> list[dict[str, Any]]:
    """Events as JSON-like dicts, where NaN equals NaN (dataclass equality says it does not)."""
    return [event_to_json(e) for e in events]


def assert_same(back: SessionRecording, original: SessionRecording) -> None:
    assert comparable(back.events) == comparable(original.events)
    assert [type(e) for e in back.events] == [type(e) for e in original.events]
    t, o = back.track, original.track
    np.testing.assert_array_equal(t.timestamp_s, o.timestamp_s)
    np.testing.assert_array_equal(t.xyz, o.xyz.astype(np.float32).astype(np.float64))
    np.testing.assert_array_equal(t.visibility, o.visibility.astype(np.float32).astype(np.float64))
    np.testing.assert_array_equal(t.num_people, o.num_people)
    assert (t.frame_width, t.frame_height, t.fps) == (o.frame_width, o.frame_height, o.fps)
    assert list(back.metrics) == list(original.metrics)
    for name, series in original.metrics.items():
        np.testing.assert_array_equal(back.metrics[name], series)
    assert back.status == original.status
    assert (back.exercise, back.exercise_name, back.source, back.smoothed, back.side) == (
        original.exercise,
        original.exercise_name,
        original.source,
        original.smoothed,
        original.side,
    )
    assert back.recorded_at == original.recorded_at
    assert back.metadata == original.metadata


@pytest.fixture(scope="module")
def bridge_recording() -> SessionRecording:
    """Three synthetic bridges with sagging hips at the top (so there are form issues)."""
    track = bridge_track(3, fps=15.0, top_hip_line_deg=-24.0)
    result = analyze_track(track, get_spec("glute_bridge"), video="bridges.mp4")
    return recording_from_analysis(result, track, recorded_at=WHEN, metadata={"note": "week 1"})


def test_an_analysed_upload_survives_export_and_import(
    bridge_recording: SessionRecording, tmp_path: Path
) -> None:
    assert bridge_recording.summary is not None and bridge_recording.summary.reps == 3
    assert any(isinstance(e, RepFault) for e in bridge_recording.events)
    path = export_session(bridge_recording, tmp_path / "bridge.fcsession")
    back = import_session(path)
    assert_same(back, bridge_recording)
    assert back.summary is not None and back.summary.reps == 3
    assert back.metadata == {"video": "bridges.mp4", "note": "week 1"}
    # No pixels, and compact: 12 s at 15 fps is a few tens of kB.
    assert path.stat().st_size < 100_000
    assert sorted(zipfile.ZipFile(path).namelist())[0] == "manifest.json"


def test_the_imported_landmarks_analyse_to_the_same_events(
    bridge_recording: SessionRecording,
) -> None:
    back = read_session_bytes(session_bytes(bridge_recording))
    again = analyze_track(back.track, get_spec("glute_bridge"), video="bridges.mp4")
    assert again.reps == 3
    assert [e.rep_number for e in again.rep_events] == [1, 2, 3]


def test_a_live_set_is_recorded_frame_by_frame(tmp_path: Path) -> None:
    spec = get_spec("glute_bridge")
    recorder = LiveRecorder()
    xyz = np.full((NUM_LANDMARKS, 3), 0.5)
    for i in range(10):
        t = i / 15.0
        pose = PoseFrame(t, xyz + i * 0.01, np.full(NUM_LANDMARKS, 0.9), 1) if i != 4 else None
        status = FrameStatus.OK if pose is not None else FrameStatus.NO_PERSON
        values = {"hip_angle_deg": 150.0 + i} if pose is not None else {}
        recorder.add(pose, MetricFrame(t, values, status, None, "left"))
    summary = Summary(0.6, 0, {}, 0.0, (), {}, 0.9)
    recording = recorder.recording(spec, [summary], (640, 480), recorded_at=WHEN)
    assert recording.track.detected.tolist() == [i != 4 for i in range(10)]
    assert np.isnan(recording.metrics["hip_angle_deg"][4])
    assert recording.source == "live" and recording.smoothed and recording.side == "left"
    assert recording.track.fps == pytest.approx(15.0)
    assert_same(import_session(export_session(recording, tmp_path / "live.fcsession")), recording)


# --- property test over arbitrary recordings -------------------------------------------------

floats = st.floats(allow_nan=True, allow_infinity=True, width=64)
finite = st.floats(-1e6, 1e6, allow_nan=False)
names = st.text("abcdefghij_@", min_size=1, max_size=12)
severities = st.sampled_from(["info", "warning", "error"])
words = st.text(max_size=30)


def events() -> st.SearchStrategy[Event]:
    rep = st.builds(
        RepCompleted,
        finite,
        st.integers(0, 50),
        st.none() | st.sampled_from(["left", "right"]),
        finite,
        finite,
        finite,
        finite,
        floats,
        st.dictionaries(names, floats, max_size=3),
        st.dictionaries(names, floats, max_size=3),
        st.lists(names, max_size=3).map(tuple),
        st.booleans(),
    )
    issue = st.builds(
        FormIssueStarted, finite, names, severities, words, words, floats,
        st.none() | st.integers(0, 50), finite, st.none() | st.just("left"),
    )  # fmt: skip
    fault = st.builds(RepFault, finite, names, st.integers(0, 50), severities, words, words, floats)
    hold = st.builds(HoldProgress, finite, finite, st.none() | finite, st.booleans(), st.booleans())
    cue = st.builds(Cue, finite, st.none() | words, severities, words)
    window = st.builds(HoldWindow, finite, finite, finite, finite)
    summary = st.builds(
        Summary, finite, st.integers(0, 99), st.dictionaries(names, st.integers(0, 9), max_size=2),
        finite, st.lists(window, max_size=2).map(tuple), st.dictionaries(names, st.integers(0, 9)),
        finite, st.lists(words, max_size=2).map(tuple), st.dictionaries(names, finite, max_size=2),
    )  # fmt: skip
    return st.one_of(rep, issue, fault, hold, cue, summary)


@st.composite
def recordings(draw: st.DrawFn) -> SessionRecording:
    count = draw(st.integers(0, 20))
    times = np.cumsum(draw(st.lists(st.floats(0, 1), min_size=count, max_size=count)))
    detected = np.array(draw(st.lists(st.booleans(), min_size=count, max_size=count)), bool)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    xyz = rng.normal(0.5, 0.3, (count, NUM_LANDMARKS, 3))
    xyz[~detected] = np.nan
    visibility = np.where(detected[:, None], rng.random((count, NUM_LANDMARKS)), 0.0)
    people = np.where(detected, draw(st.integers(1, 3)), 0)
    track = PoseTrack(times, xyz, visibility, people.astype(np.int64),
                      draw(st.integers(1, 4000)), draw(st.integers(1, 4000)),
                      draw(st.floats(0, 240)))  # fmt: skip
    metric_names = draw(st.lists(names, unique=True, max_size=4))
    metrics = {
        n: np.array(draw(st.lists(floats, min_size=count, max_size=count))) for n in metric_names
    }
    offset = timedelta(minutes=draw(st.integers(-12 * 60, 12 * 60)))
    return SessionRecording(
        exercise=draw(st.text("abcdefgh_", min_size=1, max_size=20)),
        exercise_name=draw(words),
        track=track,
        metrics=metrics,
        status=draw(st.lists(st.sampled_from(list(FrameStatus)), min_size=count, max_size=count)),
        events=draw(st.lists(events(), max_size=8)),
        recorded_at=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone(offset)),
        source=draw(st.sampled_from(["live", "upload"])),
        smoothed=draw(st.booleans()),
        side=draw(st.none() | st.sampled_from(["left", "right"])),
        metadata=draw(st.dictionaries(words, words, max_size=3)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recordings())
def test_any_recording_round_trips(recording: SessionRecording) -> None:
    assert_same(read_session_bytes(session_bytes(recording)), recording)


# --- bad files ---------------------------------------------------------------------------------


def rewrite(data: bytes, change: dict[str, Any] | None = None, **members: bytes) -> bytes:
    """A copy of the session file ``data`` with manifest fields and members replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "manifest.json" and change:
                content = json.dumps({**json.loads(content), **change}).encode()
            target.writestr(name, members.get(name, content))
    return out.getvalue()


@pytest.fixture(scope="module")
def good(bridge_recording: SessionRecording) -> bytes:
    return session_bytes(bridge_recording)


def test_a_truncated_file_is_refused_clearly(good: bytes, tmp_path: Path) -> None:
    path = tmp_path / "cut.fcsession"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(
        SessionFileError, match=r"cut\.fcsession: not a FormCheck session file .*truncated"
    ):
        import_session(path)


def test_a_foreign_file_is_refused_clearly(tmp_path: Path) -> None:
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    with pytest.raises(SessionFileError, match=r"holiday\.jpg: not a FormCheck session file"):
        import_session(photo)
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(SessionFileError, match=r"has no manifest\.json"):
        read_session_bytes(other_zip.getvalue())
    with pytest.raises(SessionFileError, match="does not say format 'formcheck-session'"):
        read_session_bytes(rewrite(session_bytes_of_format("something-else")))


def session_bytes_of_format(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": name, "version": 1}))
    return out.getvalue()


def test_a_newer_version_asks_for_an_update(good: bytes) -> None:
    newer = rewrite(good, {"version": FORMAT_VERSION + 1})
    with pytest.raises(SessionFileError, match=r"newer FormCheck .*version 2.*update FormCheck"):
        read_session_bytes(newer, "from-the-future.fcsession")


def test_a_corrupt_member_is_refused(good: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("xyz.npy")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(good)
    for i in range(start + 50, start + 80):
        damaged[i] ^= 0xFF
    with pytest.raises(SessionFileError, match=r"the file is corrupt \(xyz\.npy"):
        read_session_bytes(bytes(damaged))


@pytest.mark.parametrize(
    ("change", "members", "words"),
    [
        ({"fps": -1}, {}, r"manifest\.json: fps: Input should be greater than or equal to 0"),
        ({"surprise": 1}, {}, r"manifest\.json: surprise: Extra inputs are not permitted"),
        ({"recorded_at": "2026-05-01T09:30:00"}, {}, r"recorded_at: .*timezone"),
        ({"status": ["ok"]}, {}, r"status has 1 entries for \d+ frames"),
        ({"events": [{"type": "Teleport", "timestamp_s": 1}]}, {}, r"events\[0\]: unknown event type 'Teleport'"),
        ({"events": [{"type": "Cue", "timestamp_s": "soon"}]}, {}, r"events\[0\] \(Cue\)\.timestamp_s: Input should be a valid number"),
        ({"version": "one"}, {}, r"version must be a whole number"),
        ({}, {"xyz.npy": b"not an array"}, r"corrupt \(xyz\.npy"),
    ],
)  # fmt: skip
def test_invalid_content_is_named(
    good: bytes, change: dict[str, Any], members: dict[str, bytes], words: str
) -> None:
    with pytest.raises(SessionFileError, match=words):
        read_session_bytes(rewrite(good, change, **members))


def test_arrays_must_match_the_manifest(good: bytes) -> None:
    short = io.BytesIO()
    np.lib.format.write_array(short, np.zeros((3, NUM_LANDMARKS, 3), np.float32))
    with pytest.raises(SessionFileError, match=r"xyz\.npy has shape \(3, 33, 3\)"):
        read_session_bytes(rewrite(good, **{"xyz.npy": short.getvalue()}))
    pickled = io.BytesIO()
    np.save(pickled, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(SessionFileError, match="corrupt"):
        read_session_bytes(rewrite(good, **{"metrics.npy": pickled.getvalue()}))


def test_missing_files_and_folders_are_errors_not_tracebacks(
    bridge_recording: SessionRecording, tmp_path: Path
) -> None:
    with pytest.raises(SessionFileError, match="cannot read the file"):
        import_session(tmp_path / "nowhere.fcsession")
    with pytest.raises(SessionFileError, match="cannot write the session file"):
        export_session(bridge_recording, tmp_path / "no" / "such" / "folder.fcsession")
    assert issubclass(SessionFileError, FormCheckError)
