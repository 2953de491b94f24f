"""The session file on disk: a zip of ``manifest.json`` and a few ``.npy`` arrays.

Layout (format version 1)::

    manifest.json      format name and version, exercise, when, frame size, metric names,
                       per-frame status, events (with the Summary last), free-text metadata
    timestamp_s.npy    (T,)        float64  seconds
    xyz.npy            (T, 33, 3)  float32  normalised landmark coordinates (NaN: nobody found)
    visibility.npy     (T, 33)     float32  landmark visibility in [0, 1]
    num_people.npy     (T,)        int16    people the model found
    metrics.npy        (T, M)      float64  per-frame metrics, columns as ``metric_names``

Arrays are read with ``allow_pickle=False``, so a file cannot run code; every member's size is
bounded before it is read, so a crafted file cannot fill the memory.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator

from formcheck.engine.frames import FrameStatus
from formcheck.errors import SessionFileError
from formcheck.landmarks import NUM_LANDMARKS, PoseTrack
from formcheck.sessionfile._events import event_from_json, event_to_json, json_safe
from formcheck.sessionfile._recording import SessionRecording, Source

FORMAT_NAME = "formcheck-session"
FORMAT_VERSION = 1
SUFFIX = ".fcsession"
MANIFEST = "manifest.json"
# An hour at 30 fps is about 45 MB of landmarks; anything far beyond that is not a real session.
MAX_MEMBER_BYTES = 512 * 2**20
MAX_MANIFEST_BYTES = 64 * 2**20


class Manifest(BaseModel):
    """``manifest.json``, validated: every field is required and no unknown field is allowed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["formcheck-session"]
    version: int = Field(ge=1)
    exercise: str = Field(min_length=1, max_length=200)
    exercise_name: str = Field(max_length=200)
    recorded_at: AwareDatetime
    source: Literal["live", "upload"]
    smoothed: bool
    side: str | None
    frame_count: int = Field(ge=0)
    frame_width: int = Field(ge=1)
    frame_height: int = Field(ge=1)
    fps: float = Field(ge=0.0, allow_inf_nan=False)
    metric_names: list[str]
    status: list[FrameStatus]
    events: list[dict[str, Any]]
    metadata: dict[str, str]

    @field_validator("metric_names")
    @classmethod
    def _unique(cls, names: list[str]) -> list[str]:
        if len(set(names)) != len(names):
            raise ValueError("metric names must be unique")
        return names


def _arrays(recording: SessionRecording) -> dict[str, npt.NDArray[Any]]:
    track = recording.track
    names = list(recording.metrics)
    metrics = (
        np.stack([recording.metrics[n] for n in names], axis=1)
        if names
        else np.zeros((len(track), 0))
    )
    return {
        "timestamp_s": track.timestamp_s.astype(np.float64),
        "xyz": track.xyz.astype(np.float32),
        "visibility": track.visibility.astype(np.float32),
        "num_people": track.num_people.astype(np.int16),
        "metrics": metrics.astype(np.float64),
    }


def _manifest(recording: SessionRecording) -> dict[str, Any]:
    track = recording.track
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exercise": recording.exercise,
        "exercise_name": recording.exercise_name,
        "recorded_at": recording.recorded_at.isoformat(),
        "source": recording.source,
        "smoothed": recording.smoothed,
        "side": recording.side,
        "frame_count": len(track),
        "frame_width": track.frame_width,
        "frame_height": track.frame_height,
        "fps": json_safe(float(track.fps)),
        "metric_names": list(recording.metrics),
        "status": [s.value for s in recording.status],
        "events": [event_to_json(e) for e in recording.events],
        "metadata": dict(recording.metadata),
    }


def write_session(recording: SessionRecording, out: IO[bytes]) -> None:
    """Writes ``recording`` as a session file to the binary stream ``out``."""
    manifest = json.dumps(_manifest(recording), allow_nan=False, separators=(",", ":"))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)  # first, so `unzip -p FILE manifest.json` is quick
        for name, array in _arrays(recording).items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(f"{name}.npy", buffer.getvalue())


def session_bytes(recording: SessionRecording) -> bytes:
    """The session file's bytes (for a download button or a database column)."""
    out = io.BytesIO()
    write_session(recording, out)
    return out.getvalue()


def export_session(recording: SessionRecording, path: str | Path) -> Path:
    """Writes ``recording`` to ``path`` (atomically: a crash leaves no half-written file).

    Returns:
        The path written.

    Raises:
        SessionFileError: the file cannot be written (folder missing, no permission, disk full).

    Example::

        export_session(recording, "bridge-2026-05-01.fcsession")
    """
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".fcsession-", dir=path.parent or Path("."))
        try:
            with os.fdopen(handle, "wb") as out:
                write_session(recording, out)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SessionFileError(
            f"{path}: cannot write the session file: {exc.strerror or exc}"
        ) from None
    return path


def import_session(path: str | Path) -> SessionRecording:
    """Reads a session file written by :func:`export_session`.

    Raises:
        SessionFileError: the file is missing, is not a session file, is corrupt or truncated,
            or was written by a newer FormCheck; the message names the file and the problem.

    Example::

        recording = import_session("bridge-2026-05-01.fcsession")
        print(recording.exercise, recording.summary.reps)
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    return read_session_bytes(data, path.name)


def read_session_bytes(data: bytes, name: str = "session file") -> SessionRecording:
    """Reads a session file from its bytes (an upload); ``name`` is used in error messages.

    Raises:
        SessionFileError: as :func:`import_session`.
    """
    try:
        return _read(data)
    except SessionFileError as exc:
        raise SessionFileError(f"{name}: {exc}") from None


def _read(data: bytes) -> SessionRecording:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SessionFileError(
            "not a FormCheck session file (it is not a zip archive, or it is truncated)"
        ) from None
    with archive:
        if MANIFEST not in archive.namelist():
            raise SessionFileError(f"not a FormCheck session file (it has no {MANIFEST})")
        manifest = _read_manifest(_member(archive, MANIFEST, MAX_MANIFEST_BYTES))
        arrays = {
            name: _read_array(archive, name)
            for name in ("timestamp_s", "xyz", "visibility", "num_people", "metrics")
        }
    return _recording(manifest, arrays)


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise SessionFileError(f"the file is incomplete: {name} is missing") from None
    if info.file_size > limit:
        raise SessionFileError(
            f"{name} is {info.file_size / 2**20:.0f} MB, more than a session holds"
        )
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise SessionFileError(f"the file is corrupt ({name}: {exc})") from None


def _read_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionFileError(
            f"the file is corrupt ({MANIFEST} is not valid JSON: {exc})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise SessionFileError(
            f"not a FormCheck session file ({MANIFEST} does not say format {FORMAT_NAME!r})"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionFileError(
            f"{MANIFEST}: version must be a whole number from 1 (got {version!r})"
        )
    if version > FORMAT_VERSION:
        raise SessionFileError(
            f"written by a newer FormCheck (session format version {version}; this FormCheck "
            f"reads up to version {FORMAT_VERSION}): update FormCheck to open it"
        )
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        value = first.get("input")
        shown = f" (got {value!r})" if not isinstance(value, dict | list) else ""
        raise SessionFileError(f"{MANIFEST}: {field}: {first['msg']}{shown}"[:500]) from None


# name -> (dtype kind: f float, i integer), the shape given frame count T and metric count M
def _expected_shape(name: str, frames: int, metrics: int) -> tuple[str, tuple[int, ...]]:
    return {
        "timestamp_s": ("f", (frames,)),
        "xyz": ("f", (frames, NUM_LANDMARKS, 3)),
        "visibility": ("f", (frames, NUM_LANDMARKS)),
        "num_people": ("i", (frames,)),
        "metrics": ("f", (frames, metrics)),
    }[name]


def _read_array(archive: zipfile.ZipFile, name: str) -> npt.NDArray[Any]:
    raw = _member(archive, f"{name}.npy", MAX_MEMBER_BYTES)
    try:
        return np.lib.format.read_array(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise SessionFileError(f"the file is corrupt ({name}.npy: {exc})") from None


def _recording(manifest: Manifest, arrays: dict[str, npt.NDArray[Any]]) -> SessionRecording:
    frames, metrics = manifest.frame_count, len(manifest.metric_names)
    for name, array in arrays.items():
        kind, shape = _expected_shape(name, frames, metrics)
        if array.dtype.kind != kind or array.shape != shape:
            raise SessionFileError(
                f"{name}.npy has shape {array.shape} and type {array.dtype}; the manifest's "
                f"{frames} frames and {metrics} metrics need shape {shape}"
            )
    if len(manifest.status) != frames:
        raise SessionFileError(
            f"{MANIFEST}: status has {len(manifest.status)} entries for {frames} frames"
        )
    t = arrays["timestamp_s"]
    if not np.isfinite(t).all() or (np.diff(t) < 0).any():
        raise SessionFileError("timestamp_s.npy: timestamps must be finite and never decrease")
    events = [event_from_json(e, i) for i, e in enumerate(manifest.events)]
    track = PoseTrack(
        timestamp_s=t.astype(np.float64),
        xyz=arrays["xyz"].astype(np.float64),
        visibility=arrays["visibility"].astype(np.float64),
        num_people=arrays["num_people"].astype(np.int64),
        frame_width=manifest.frame_width,
        frame_height=manifest.frame_height,
        fps=manifest.fps if math.isfinite(manifest.fps) else 0.0,
    )
    columns = arrays["metrics"].astype(np.float64)
    source: Source = manifest.source
    return SessionRecording(
        exercise=manifest.exercise,
        exercise_name=manifest.exercise_name,
        track=track,
        metrics={n: columns[:, i].copy() for i, n in enumerate(manifest.metric_names)},
        status=list(manifest.status),
        events=events,
        recorded_at=manifest.recorded_at,
        source=source,
        smoothed=manifest.smoothed,
        side=manifest.side,
        metadata=dict(manifest.metadata),
    )
