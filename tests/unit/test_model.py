"""Tests for formcheck.pose.model: where the pose model comes from, and how it is checked.

No test touches the real network: an autouse fixture points every official source at a closed
local port, and the download tests serve fake bundles from an http.server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import re
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from formcheck.errors import ModelError
from formcheck.pose import model
from formcheck.pose.model import (
    ModelSource,
    default_cache_dir,
    resolve_model,
    sha256_file,
    verify_model_file,
)

SHARED_MODEL = (
    Path(__file__).resolve().parents[3] / "shared" / "models" / "pose_landmarker_full.task"
)
TFLITE_HEADER = b"\x1c\x00\x00\x00TFL3"
REAL_OFFICIAL_MODELS = model.OFFICIAL_MODELS  # before the autouse fixture swaps it


def make_bundle(members: tuple[str, ...] = model.REQUIRED_MEMBERS, tag: bytes = b"") -> bytes:
    """Bytes of a small zip shaped like a PoseLandmarker .task bundle."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name in members:
            bundle.writestr(name, TFLITE_HEADER + name.encode() + tag + bytes(2048))
    return buffer.getvalue()


def write_bundle(path: Path, tag: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_bundle(tag=tag))
    return path


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def unreachable_sources() -> dict[str, ModelSource]:
    port = closed_port()
    return {
        variant: ModelSource(variant, f"http://127.0.0.1:{port}/{variant}.task", None)
        for variant in ("lite", "full", "heavy")
    }


@dataclass
class FakeServer:
    """What the loopback server serves, and which paths were asked for."""

    base_url: str
    files: dict[str, bytes] = field(default_factory=dict)
    short_by: dict[str, int] = field(default_factory=dict)  # announce more bytes than sent
    requests: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every official source at a closed local port and clear the model env vars."""
    monkeypatch.setattr(model, "OFFICIAL_MODELS", unreachable_sources())
    for name in ("FORMCHECK_MODEL", "FORMCHECK_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def server() -> Iterator[FakeServer]:
    state = FakeServer(base_url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body) + state.short_by.get(self.path, 0)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def serve_full(
    monkeypatch: pytest.MonkeyPatch, server: FakeServer, body: bytes, sha256: str | None
) -> ModelSource:
    """Serve ``body`` as the official full bundle, pinned to ``sha256``."""
    server.files["/pose_landmarker_full.task"] = body
    source = ModelSource("full", f"{server.base_url}/pose_landmarker_full.task", sha256)
    monkeypatch.setattr(model, "OFFICIAL_MODELS", {**model.OFFICIAL_MODELS, "full": source})
    return source


def leftovers(models_dir: Path) -> list[str]:
    return sorted(p.name for p in models_dir.iterdir()) if models_dir.exists() else []


# --- resolution order -------------------------------------------------------------------------


def test_explicit_path_wins_over_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = write_bundle(tmp_path / "explicit.task")
    monkeypatch.setenv("FORMCHECK_MODEL", str(write_bundle(tmp_path / "env.task")))
    assert resolve_model(explicit, cache_dir=tmp_path / "cache") == explicit.resolve()


def test_env_wins_over_cache(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_bundle(cache / "models" / "pose_landmarker_full.task")
    from_env = write_bundle(tmp_path / "env.task")
    monkeypatch.setenv("FORMCHECK_MODEL", str(from_env))
    assert resolve_model(cache_dir=cache) == from_env.resolve()


def test_explicit_path_as_string_is_accepted(tmp_path: Path) -> None:
    explicit = write_bundle(tmp_path / "m.task")
    assert resolve_model(str(explicit), cache_dir=tmp_path) == explicit.resolve()


def test_missing_explicit_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.task"
    with pytest.raises(ModelError, match=rf"{re.escape(str(missing))} \(given with --model\) does"):
        resolve_model(missing, cache_dir=tmp_path)


def test_missing_env_path_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "gone.task"
    monkeypatch.setenv("FORMCHECK_MODEL", str(missing))
    with pytest.raises(
        ModelError, match=rf"FORMCHECK_MODEL points to {re.escape(str(missing))}, which does not"
    ):
        resolve_model(cache_dir=tmp_path)


def test_cached_model_is_used_without_download(cache: Path) -> None:
    cached = write_bundle(cache / "models" / "pose_landmarker_full.task")
    # The official source points at a closed port: any download attempt would fail.
    assert resolve_model(cache_dir=cache) == cached.resolve()


def test_cache_dir_defaults_to_formcheck_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = write_bundle(tmp_path / "c" / "models" / "pose_landmarker_lite.task")
    monkeypatch.setenv("FORMCHECK_CACHE", str(tmp_path / "c"))
    assert resolve_model(variant="lite", download=False) == cached.resolve()


# --- downloading --------------------------------------------------------------------------------


def test_download_writes_a_verified_cache(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = make_bundle()
    digest = hashlib.sha256(body).hexdigest()
    serve_full(monkeypatch, server, body, digest)

    path = resolve_model(cache_dir=cache, progress=False)

    assert path == (cache / "models" / "pose_landmarker_full.task").resolve()
    assert path.read_bytes() == body
    verify_model_file(path)
    sidecar = path.with_name(path.name + ".sha256")
    assert sidecar.read_text().split()[0] == digest
    assert leftovers(cache / "models") == [
        "pose_landmarker_full.task",
        "pose_landmarker_full.task.sha256",
    ]
    # A second resolve uses the cache and does not ask the server again.
    assert resolve_model(cache_dir=cache, progress=False) == path
    assert server.requests == ["/pose_landmarker_full.task"]


def test_unpinned_download_is_trusted_on_first_use(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = make_bundle()
    serve_full(monkeypatch, server, body, None)
    path = resolve_model(cache_dir=cache, progress=False)
    assert path.with_name(path.name + ".sha256").read_text().startswith(sha256_file(path))


def test_hash_mismatch_is_rejected_and_leaves_nothing(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_full(monkeypatch, server, make_bundle(), "0" * 64)
    with pytest.raises(
        ModelError, match=r"not the expected file \(SHA-256 [0-9a-f]{64}, expected 0{64}\)"
    ):
        resolve_model(cache_dir=cache, progress=False)
    assert leftovers(cache / "models") == []


def test_truncated_download_is_rejected_and_leaves_nothing(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = make_bundle()
    serve_full(monkeypatch, server, body, hashlib.sha256(body).hexdigest())
    server.short_by["/pose_landmarker_full.task"] = 1000
    with pytest.raises(ModelError, match=r"(?s)downloading .* failed.*FORMCHECK_MODEL"):
        resolve_model(cache_dir=cache, progress=False)
    assert leftovers(cache / "models") == []


def test_downloaded_non_bundle_is_rejected(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_full(monkeypatch, server, b"<html>captive portal</html>", None)
    with pytest.raises(ModelError, match=r"is invalid: .* not a MediaPipe \.task bundle"):
        resolve_model(cache_dir=cache, progress=False)
    assert leftovers(cache / "models") == []


def test_http_error_gives_the_how_to_message(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ModelSource("full", f"{server.base_url}/missing.task", None)
    monkeypatch.setattr(model, "OFFICIAL_MODELS", {**model.OFFICIAL_MODELS, "full": source})
    with pytest.raises(ModelError, match=r"(?s)HTTP Error 404.*download .*missing\.task"):
        resolve_model(cache_dir=cache, progress=False)


def test_progress_bar_goes_to_stderr_only_when_asked(
    cache: Path,
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    serve_full(monkeypatch, server, make_bundle(), None)
    resolve_model(cache_dir=cache / "quiet", progress=False)
    assert capsys.readouterr() == ("", "")
    resolve_model(cache_dir=cache / "loud", progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "pose_landmarker_full.task" in captured.err


# --- no model to be had ------------------------------------------------------------------------


def assert_how_to(message: str, cache: Path) -> None:
    target = cache / "models" / "pose_landmarker_full.task"
    assert "No pose model is available" in message
    assert model.OFFICIAL_MODELS["full"].url in message
    assert str(target) in message
    assert "FORMCHECK_MODEL=" in message
    assert "--model" in message


def test_unreachable_server_gives_the_how_to_message(cache: Path) -> None:
    with pytest.raises(
        ModelError, match=r"downloading http://127\.0\.0\.1:\d+/full\.task failed"
    ) as info:
        resolve_model(cache_dir=cache, progress=False)
    assert_how_to(str(info.value), cache)
    assert leftovers(cache / "models") == []


def test_no_download_and_nothing_cached_gives_the_how_to_message(cache: Path) -> None:
    with pytest.raises(ModelError, match="downloading is turned off") as info:
        resolve_model(cache_dir=cache, download=False)
    assert_how_to(str(info.value), cache)


def test_corrupted_cache_is_reported_when_download_is_off(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_full(monkeypatch, server, make_bundle(), None)
    path = resolve_model(cache_dir=cache, progress=False)
    path.write_bytes(make_bundle(tag=b"bit rot"))  # still a valid zip, different bytes
    with pytest.raises(ModelError, match="has changed since it was downloaded") as info:
        resolve_model(cache_dir=cache, download=False)
    assert_how_to(str(info.value), cache)


def test_corrupted_cache_is_downloaded_again(
    cache: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = make_bundle()
    serve_full(monkeypatch, server, body, hashlib.sha256(body).hexdigest())
    path = resolve_model(cache_dir=cache, progress=False)
    path.write_bytes(body[: len(body) // 2])  # truncated
    assert resolve_model(cache_dir=cache, progress=False) == path
    assert path.read_bytes() == body
    assert len(server.requests) == 2


def test_unknown_variant_lists_the_valid_ones(cache: Path) -> None:
    with pytest.raises(
        ModelError, match="unknown pose model variant 'huge': choose one of lite, full, heavy"
    ):
        resolve_model(variant="huge", cache_dir=cache)  # type: ignore[arg-type]


# --- verify_model_file ----------------------------------------------------------------------


def test_non_zip_model_is_rejected(tmp_path: Path) -> None:
    bogus = tmp_path / "model.task"
    bogus.write_text("not a model")
    with pytest.raises(
        ModelError, match=r"model\.task is not a MediaPipe \.task bundle.*\(given with --model\)"
    ):
        resolve_model(bogus, cache_dir=tmp_path)


def test_zip_without_the_pose_networks_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "hand.task"
    path.write_bytes(
        make_bundle(members=("pose_detector.tflite", "hand_landmarks_detector.tflite"))
    )
    with pytest.raises(ModelError, match=r"lacks pose_landmarks_detector\.tflite"):
        verify_model_file(path)


def test_members_that_are_not_tflite_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.task"
    with zipfile.ZipFile(path, "w") as bundle:
        for name in model.REQUIRED_MEMBERS:
            bundle.writestr(name, b"")
    with pytest.raises(ModelError, match=r"pose_detector\.tflite is not a TFLite model"):
        verify_model_file(path)


def test_directory_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="is not a file"):
        verify_model_file(tmp_path)


def test_the_shared_real_model_verifies() -> None:
    if not SHARED_MODEL.is_file():
        pytest.skip(f"no shared model at {SHARED_MODEL}")
    verify_model_file(SHARED_MODEL)


def test_official_sources_are_pinned_to_version_one() -> None:
    assert set(REAL_OFFICIAL_MODELS) == {"lite", "full", "heavy"}
    for variant, source in REAL_OFFICIAL_MODELS.items():
        assert source.variant == variant
        name = f"pose_landmarker_{variant}"
        assert source.url == (
            f"https://storage.googleapis.com/mediapipe-models/pose_landmarker/{name}/float16/1/"
            f"{name}.task"
        )
        assert source.sha256 is not None
        assert re.fullmatch(r"[0-9a-f]{64}", source.sha256)


# --- small helpers ------------------------------------------------------------------------------


def test_sha256_file(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_bytes(b"formcheck" * 100_000)
    assert sha256_file(path) == hashlib.sha256(b"formcheck" * 100_000).hexdigest()


def test_default_cache_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "formcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "formcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "formcheck"
    monkeypatch.setenv("FORMCHECK_CACHE", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
