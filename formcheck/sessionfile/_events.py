"""Engine events to JSON and back, exactly (non-finite numbers included).

Events are written as :func:`~formcheck.event_to_dict` writes them, except that NaN and the
infinities, which JSON has no word for, are written as the strings ``"NaN"``, ``"Infinity"`` and
``"-Infinity"``. Reading validates each event against its dataclass with pydantic, so a field
of the wrong type or an unknown kind of event is named, not guessed at.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from pydantic import TypeAdapter, ValidationError

from formcheck.engine.events import (
    Cue,
    Event,
    FormIssueEnded,
    FormIssueStarted,
    HoldProgress,
    IncompleteRep,
    RepCompleted,
    RepFault,
    SetupGuidance,
    Summary,
    event_to_dict,
)
from formcheck.errors import SessionFileError

_EVENT_CLASSES: tuple[type[Any], ...] = (
    SetupGuidance,
    RepCompleted,
    IncompleteRep,
    HoldProgress,
    FormIssueStarted,
    FormIssueEnded,
    RepFault,
    Cue,
    Summary,
)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {cls.__name__: TypeAdapter(cls) for cls in _EVENT_CLASSES}
_FIELDS: dict[str, frozenset[str]] = {
    cls.__name__: frozenset(f.name for f in dataclasses.fields(cls)) for cls in _EVENT_CLASSES
}


def json_safe(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its string (lists for tuples)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def event_to_json(event: Event) -> dict[str, Any]:
    """A JSON-ready dict of ``event`` with its kind under ``"type"``."""
    data: dict[str, Any] = json_safe(event_to_dict(event))
    return data


def event_from_json(data: Any, position: int) -> Event:
    """The event ``data`` describes.

    Raises:
        SessionFileError: ``data`` is not an event of a known kind with valid fields.
    """
    where = f"events[{position}]"
    if not isinstance(data, dict):
        raise SessionFileError(f"{where}: expected an object, got {type(data).__name__}")
    kind = data.get("type")
    if kind not in _ADAPTERS:
        known = ", ".join(sorted(_ADAPTERS))
        raise SessionFileError(f"{where}: unknown event type {kind!r} (known: {known})")
    fields = {k: v for k, v in data.items() if k != "type"}
    unknown = sorted(set(fields) - _FIELDS[kind])
    if unknown:
        raise SessionFileError(f"{where} ({kind}): unknown field(s) {', '.join(unknown)}")
    try:
        event: Event = _ADAPTERS[kind].validate_python(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise SessionFileError(f"{where} ({kind}).{field}: {first['msg']}") from None
    return event
