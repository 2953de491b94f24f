"""Finding, downloading and checking the MediaPipe PoseLandmarker model bundle.

FormCheck needs one ``.task`` file: a zip holding ``pose_detector.tflite`` and
``pose_landmarks_detector.tflite``. :func:`resolve_model` finds it, in this order:

1. the ``explicit`` argument (the CLI's ``--model``);
2. the ``FORMCHECK_MODEL`` environment variable;
3. a copy in the user cache, ``<cache>/models/pose_landmarker_<variant>.task``
   (see :func:`default_cache_dir`);
4. a download of Google's official bundle into that cache (``full`` unless asked otherwise).

Integrity, and what it does and does not promise:

* Downloads come from the *versioned* URLs (``float16/1/``), not ``float16/latest/``:
  ``latest`` is a moving pointer, and for ``full`` it already serves different bytes from
  version 1. Each versioned bundle's SHA-256 is pinned in :data:`OFFICIAL_MODELS`. Google does
  not publish these digests; they are the values that many independent public projects pin for
  the same versioned URLs (several enforce them at build time). A download whose digest differs
  is deleted and rejected.
* After a download the digest is written beside the file, in ``<file>.sha256``. Every later
  :func:`resolve_model` re-hashes the cached file against that sidecar, so a truncated or
  corrupted cache is noticed (and replaced by a fresh download when downloading is allowed).
* A file the user supplies (``--model``, ``FORMCHECK_MODEL``, or a ``.task`` copied into the
  cache by hand, which has no sidecar) is the user's choice: FormCheck checks only that it is a
  readable PoseLandmarker bundle, not that it is Google's.

Nothing here loads the model into MediaPipe; that happens where the landmarker is built.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import os
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Literal, get_args

from tqdm import tqdm

from formcheck.errors import ModelError

__all__ = [
    "CACHE_ENV_VAR",
    "MODEL_ENV_VAR",
    "OFFICIAL_MODELS",
    "REQUIRED_MEMBERS",
    "ModelSource",
    "ModelVariant",
    "default_cache_dir",
    "resolve_model",
    "sha256_file",
    "verify_model_file",
]

logger = logging.getLogger(__name__)

ModelVariant = Literal["lite", "full", "heavy"]

MODEL_ENV_VAR = "FORMCHECK_MODEL"
"""Environment variable naming a model file; used when no explicit path is given."""

CACHE_ENV_VAR = "FORMCHECK_CACHE"
"""Environment variable naming FormCheck's cache directory."""

REQUIRED_MEMBERS: tuple[str, ...] = ("pose_detector.tflite", "pose_landmarks_detector.tflite")
"""Files a PoseLandmarker ``.task`` bundle must contain."""

_TFLITE_IDENTIFIER = b"TFL3"  # FlatBuffer file identifier, bytes 4..8 of every .tflite model
_CHUNK_BYTES = 1 << 20
_DOWNLOAD_TIMEOUT_S = 30.0
_SIDECAR_SUFFIX = ".sha256"
_URL_BASE = "https://storage.googleapis.com/mediapipe-models/pose_landmarker"


@dataclass(frozen=True)
class ModelSource:
    """Where an official PoseLandmarker bundle is downloaded from.

    Attributes:
        variant: ``"lite"``, ``"full"`` or ``"heavy"``.
        url: Download URL of the ``.task`` bundle.
        sha256: Expected lowercase hex SHA-256 of the bundle, or ``None`` if not pinned (the
            download is then trusted on first use and only its structure is checked).
    """

    variant: ModelVariant
    url: str
    sha256: str | None

    @property
    def filename(self) -> str:
        """File name the bundle is cached under, e.g. ``pose_landmarker_full.task``."""
        return f"pose_landmarker_{self.variant}.task"


def _official(variant: ModelVariant, sha256: str) -> ModelSource:
    name = f"pose_landmarker_{variant}"
    return ModelSource(variant, f"{_URL_BASE}/{name}/float16/1/{name}.task", sha256)


# Version-1 float16 bundles. The digests are not published by Google; they are the values pinned
# for these exact URLs by many unrelated public projects (Dockerfile `ADD --checksum`, download
# scripts, lock files), which agree with one another. Sizes, for reference: lite 5,777,746 B,
# full 9,398,198 B, heavy 30,664,242 B. `float16/latest/` serves the same bytes as version 1 for
# lite and heavy but not for full (sha256 4eaa5eb7...), which is why the pins go with `/1/`.
OFFICIAL_MODELS: Mapping[ModelVariant, ModelSource] = MappingProxyType(
    {
        "lite": _official(
            "lite", "59929e1d1ee95287735ddd833b19cf4ac46d29bc7afddbbf6753c459690d574a"
        ),
        "full": _official(
            "full", "5134a3aad27a58b93da0088d431f366da362b44e3ccfbe3462b3827a839011b1"
        ),
        "heavy": _official(
            "heavy", "64437af838a65d18e5ba7a0d39b465540069bc8aae8308de3e318aad31fcbc7b"
        ),
    }
)
"""The official bundle of each variant, keyed by variant."""


def default_cache_dir() -> Path:
    """Return FormCheck's cache directory (models live in its ``models`` subfolder).

    The first that is set wins: ``$FORMCHECK_CACHE``; ``$XDG_CACHE_HOME/formcheck`` (an absolute
    ``XDG_CACHE_HOME`` only, as the XDG spec asks); ``~/.cache/formcheck``. Nothing is created.

    Returns:
        The cache directory, which may not exist yet.

    Example:
        >>> default_cache_dir() / "models"  # doctest: +SKIP
        PosixPath('/home/me/.cache/formcheck/models')
    """
    explicit = os.environ.get(CACHE_ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "formcheck"
    return Path.home() / ".cache" / "formcheck"


def sha256_file(path: Path) -> str:
    """Return the lowercase hex SHA-256 of a file, read in chunks.

    Raises:
        OSError: If the file cannot be read.

    Example:
        >>> sha256_file(Path("pose_landmarker_full.task"))  # doctest: +SKIP
        '5134a3aa...'
    """
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def verify_model_file(path: Path) -> None:
    """Check that ``path`` is a readable, intact MediaPipe PoseLandmarker ``.task`` bundle.

    The bundle must be a zip archive whose CRCs check out and which contains
    ``pose_detector.tflite`` and ``pose_landmarks_detector.tflite``, each a TFLite model.
    This does not prove the networks are the official ones; see the module docstring.

    Args:
        path: The file to check.

    Raises:
        ModelError: Naming the file and what is wrong with it.

    Example:
        >>> verify_model_file(Path("pose_landmarker_full.task"))  # doctest: +SKIP
    """
    if not path.exists():
        raise ModelError(f"model file {path} does not exist")
    if not path.is_file():
        raise ModelError(f"model path {path} is not a file")
    try:
        with zipfile.ZipFile(path) as bundle:
            names = set(bundle.namelist())
            missing = [name for name in REQUIRED_MEMBERS if name not in names]
            if missing:
                raise ModelError(
                    f"{path} is a zip archive but not a PoseLandmarker bundle: it lacks "
                    f"{', '.join(missing)} (a .task file from MediaPipe's pose_landmarker "
                    "models is needed)"
                )
            damaged = bundle.testzip()
            if damaged is not None:
                raise ModelError(f"{path} is damaged: {damaged} fails its CRC check")
            for name in REQUIRED_MEMBERS:
                with bundle.open(name) as member:
                    header = member.read(8)
                if header[4:8] != _TFLITE_IDENTIFIER:
                    raise ModelError(f"{path} is damaged: {name} is not a TFLite model")
    except zipfile.BadZipFile as exc:
        raise ModelError(
            f"{path} is not a MediaPipe .task bundle (not a readable zip archive: {exc}); "
            "it may be truncated, or not a model at all"
        ) from exc
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc}") from exc


def resolve_model(
    explicit: str | Path | None = None,
    variant: ModelVariant = "full",
    *,
    download: bool = True,
    progress: bool = True,
    cache_dir: Path | None = None,
) -> Path:
    """Find the pose model to use, downloading the official bundle if there is none.

    Order: ``explicit`` (the CLI's ``--model``), then ``$FORMCHECK_MODEL``, then the cached
    ``<cache_dir>/models/pose_landmarker_<variant>.task``, then a download of the official
    bundle into that cache. A download is streamed to a temporary file in the same folder,
    checked against the pinned SHA-256 and the bundle structure, and only then renamed into
    place, so an interrupted download never leaves a half-written model behind.

    Args:
        explicit: A model file the caller names; wins over everything else.
        variant: Which official bundle to look for in the cache or download.
        download: Whether a missing model may be downloaded.
        progress: Whether to draw a download progress bar on stderr.
        cache_dir: Cache root; defaults to :func:`default_cache_dir`.

    Returns:
        The absolute path of a verified model bundle.

    Raises:
        ModelError: If a named model does not exist or is not a valid bundle, if the variant
            is unknown, or if no model is available and it cannot be downloaded; the message
            says how to provide one.

    Example:
        >>> resolve_model("models/pose_landmarker_full.task")  # doctest: +SKIP
        PosixPath('/home/me/project/models/pose_landmarker_full.task')
    """
    if explicit is not None and str(explicit) != "":
        return _use_named(Path(explicit), "--model")
    from_env = os.environ.get(MODEL_ENV_VAR)
    if from_env:
        return _use_named(Path(from_env), MODEL_ENV_VAR)

    source = _official_source(variant)
    models_dir = (cache_dir if cache_dir is not None else default_cache_dir()) / "models"
    target = models_dir / source.filename
    problem = _cached_problem(target)
    if problem is None:
        logger.info("using cached pose model %s", target)
        return target.resolve()
    if problem:
        logger.warning("ignoring cached pose model: %s", problem)
    if not download:
        reason = problem or f"nothing is cached at {target} and downloading is turned off"
        raise ModelError(_how_to_provide(source, target, reason))
    _download(source, target, progress=progress)
    return target.resolve()


def _use_named(path: Path, origin: str) -> Path:
    """Verify a model the user named, blaming ``origin`` if it does not exist."""
    path = path.expanduser()
    if not path.exists():
        if origin == MODEL_ENV_VAR:
            raise ModelError(f"{MODEL_ENV_VAR} points to {path}, which does not exist")
        raise ModelError(f"the model file {path} (given with {origin}) does not exist")
    try:
        verify_model_file(path)
    except ModelError as exc:
        raise ModelError(f"{exc} (given with {origin})") from exc
    logger.info("using pose model %s (from %s)", path, origin)
    return path.resolve()


def _official_source(variant: str) -> ModelSource:
    """Look the variant up in :data:`OFFICIAL_MODELS`, failing with the valid choices."""
    for known, source in OFFICIAL_MODELS.items():
        if known == variant:
            return source
    valid = ", ".join(get_args(ModelVariant))
    raise ModelError(f"unknown pose model variant {variant!r}: choose one of {valid}")


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + _SIDECAR_SUFFIX)


def _cached_problem(target: Path) -> str | None:
    """Say what is wrong with the cached model: ``None`` if usable, ``""`` if simply absent."""
    if not target.exists():
        return ""
    try:
        verify_model_file(target)
    except ModelError as exc:
        return f"the cached model is unusable: {exc}"
    sidecar = _sidecar(target)
    if not sidecar.exists():
        # Copied in by hand: the user's choice, like --model. Structure was checked above.
        logger.debug("cached model %s has no %s record; structure checked only", target, sidecar)
        return None
    try:
        expected = sidecar.read_text(encoding="ascii").split()[0].lower()
        actual = sha256_file(target)
    except (OSError, UnicodeDecodeError, IndexError) as exc:
        return f"cannot check the cached model {target} against {sidecar}: {exc}"
    if actual != expected:
        return (
            f"the cached model {target} has changed since it was downloaded "
            f"(SHA-256 {actual}, recorded {expected}); it is probably corrupt"
        )
    return None


def _how_to_provide(source: ModelSource, target: Path, reason: str) -> str:
    """The one message that tells a user every way to give FormCheck its model."""
    return (
        f"No pose model is available: {reason}.\n"
        f"FormCheck needs MediaPipe's PoseLandmarker bundle {source.filename}. Either\n"
        f"  - download {source.url}\n"
        f"    and save it as {target}, or\n"
        f"  - point FormCheck at a copy you already have: set {MODEL_ENV_VAR}=/path/to/model.task "
        "or pass --model /path/to/model.task."
    )


def _download(source: ModelSource, target: Path, *, progress: bool) -> None:
    """Fetch ``source`` into ``target`` atomically, verifying it before it lands."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = f"the cache folder {target.parent} cannot be created ({exc})"
        raise ModelError(_how_to_provide(source, target, reason)) from exc
    logger.info("downloading pose model %s to %s", source.url, target)
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{source.filename}.", suffix=".part", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            actual = _stream(source.url, out, progress=progress, label=source.filename)
        if source.sha256 is not None and actual != source.sha256.lower():
            raise ModelError(
                f"the pose model downloaded from {source.url} is not the expected file "
                f"(SHA-256 {actual}, expected {source.sha256}); it was deleted. Try again later, "
                f"or provide the model yourself with {MODEL_ENV_VAR} or --model."
            )
        try:
            verify_model_file(temp)
        except ModelError as exc:
            raise ModelError(
                f"the pose model downloaded from {source.url} is invalid: {exc}"
            ) from exc
        _write_sidecar(target, actual, source.url)
        os.replace(temp, target)
    except (OSError, http.client.HTTPException) as exc:
        # URLError wraps the socket error; its reason reads better than its repr-like str().
        cause = exc.reason if type(exc) is urllib.error.URLError else exc
        reason = f"downloading {source.url} failed ({cause})"
        raise ModelError(_how_to_provide(source, target, reason)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    logger.info("pose model saved to %s (sha256 %s)", target, actual)


def _stream(url: str, out: BinaryIO, *, progress: bool, label: str) -> str:
    """Copy ``url`` into the binary file ``out`` in chunks; return the SHA-256 of the bytes."""
    digest = hashlib.sha256()
    request = urllib.request.Request(url, headers={"User-Agent": "formcheck"})
    with urllib.request.urlopen(request, timeout=_DOWNLOAD_TIMEOUT_S) as response:
        length_header = response.headers.get("Content-Length")
        expected = int(length_header) if length_header and length_header.isdigit() else None
        received = 0
        with tqdm(
            total=expected,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc=label,
            file=sys.stderr,
            disable=not progress,
            leave=False,
        ) as bar:
            while chunk := response.read(_CHUNK_BYTES):
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                bar.update(len(chunk))
    if expected is not None and received != expected:
        raise http.client.IncompleteRead(b"", expected - received)
    return digest.hexdigest()


def _write_sidecar(target: Path, sha256: str, url: str) -> None:
    """Record the digest of ``target`` (written atomically, before the model itself lands)."""
    sidecar = _sidecar(target)
    fd, temp_name = tempfile.mkstemp(prefix=f".{sidecar.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(f"{sha256}  {target.name}\n# downloaded from {url}\n")
        os.replace(temp_name, sidecar)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
