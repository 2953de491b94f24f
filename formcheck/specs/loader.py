"""Loading exercise specs from YAML, with errors that name the file, the field and the fix."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml
from pydantic import ValidationError

from formcheck.errors import SpecError
from formcheck.specs.schema import ExerciseSpec


def default_spec_dir() -> Path:
    """``$FORMCHECK_SPECS`` if set, else the ``exercise_specs/`` folder shipped with FormCheck."""
    env = os.environ.get("FORMCHECK_SPECS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "exercise_specs"


def _format_validation_error(path: Path, error: ValidationError) -> str:
    lines = []
    for issue in error.errors():
        location = ".".join(str(part) for part in issue["loc"]) or "(top level)"
        message = issue["msg"].removeprefix("Value error, ")
        got = issue.get("input")
        shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
        lines.append(f"{path.name}: {location}: {message}{shown}")
    return "\n".join(lines)


def load_spec(path: str | Path) -> ExerciseSpec:
    """Parses and validates one spec file.

    Raises:
        SpecError: the file is missing, is not YAML, or breaks the schema; the message names the
            file and each offending field.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SpecError(f"{path}: spec file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path}: cannot read the spec file ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(
            f"{path.name}: not valid YAML{where}: {getattr(exc, 'problem', exc)}"
        ) from exc
    if not isinstance(raw, dict):
        raise SpecError(
            f"{path.name}: a spec must be a mapping of fields, not {type(raw).__name__}"
        )
    try:
        spec = ExerciseSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError(_format_validation_error(path, exc)) from exc
    if spec.id != path.stem:
        raise SpecError(
            f"{path.name}: id: must match the file name (got {spec.id!r}, expected {path.stem!r})"
        )
    return spec


@functools.cache
def _load_dir(directory: Path) -> dict[str, ExerciseSpec]:
    specs: dict[str, ExerciseSpec] = {}
    for path in sorted(directory.glob("*.yaml")):
        spec = load_spec(path)
        specs[spec.id] = spec
    return specs


def load_all_specs(directory: str | Path | None = None) -> dict[str, ExerciseSpec]:
    """Every spec in ``directory`` (default :func:`default_spec_dir`), by id."""
    folder = Path(directory) if directory is not None else default_spec_dir()
    if not folder.is_dir():
        raise SpecError(f"{folder}: exercise spec folder not found")
    return dict(_load_dir(folder.resolve()))


def get_spec(exercise_id: str, directory: str | Path | None = None) -> ExerciseSpec:
    """The spec with this id.

    Raises:
        SpecError: no such exercise (the message lists the known ids) or a broken spec.
    """
    specs = load_all_specs(directory)
    if exercise_id not in specs:
        known = ", ".join(sorted(specs)) or "none"
        raise SpecError(f"unknown exercise {exercise_id!r}; known exercises: {known}")
    return specs[exercise_id]
