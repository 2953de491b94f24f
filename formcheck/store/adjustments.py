"""Per-patient threshold adjustments: a programme's changes to an exercise spec.

An adjustment is a dotted path into the spec and a number. Rules are addressed by their id::

    {"reps.min_range": 12}                          # a smaller bridge range for week 1
    {"reps.peak.hip_line_deg.above": -40}
    {"rep_rules.too_fast.when.below": 2.0}
    {"frame_rules.over_arching.when.above": 25}
    {"hold.position.hip_line_deg.above": -25}

The adjusted spec is validated like a spec file, so an adjustment that breaks a rule (a range
the wrong way round, a number out of bounds) is refused when it is prescribed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from formcheck.errors import StoreError
from formcheck.specs.schema import ExerciseSpec

_RULE_LISTS = ("frame_rules", "rep_rules")


def _step(node: Any, key: str, path: str) -> Any:
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and item.get("id") == key:
                return item
        ids = ", ".join(str(i.get("id")) for i in node if isinstance(i, dict))
        raise StoreError(f"adjustment {path!r}: no rule {key!r} (rules: {ids or 'none'})")
    if isinstance(node, dict) and key in node:
        return node[key]
    known = ", ".join(sorted(node)) if isinstance(node, dict) else "nothing"
    raise StoreError(f"adjustment {path!r}: {key!r} is not in the spec here (has: {known})")


def _set(raw: dict[str, Any], path: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StoreError(f"adjustment {path!r}: the value must be a number (got {value!r})")
    keys = path.split(".")
    if len(keys) < 2 or not all(keys):
        raise StoreError(f"adjustment {path!r}: give a dotted path such as 'reps.min_range'")
    if keys[0] in _RULE_LISTS and len(keys) < 3:
        raise StoreError(f"adjustment {path!r}: name the rule and its field")
    node: Any = raw
    for key in keys[:-1]:
        node = _step(node, key, path)
    last = keys[-1]
    if not isinstance(node, dict):
        raise StoreError(f"adjustment {path!r}: cannot set {last!r} there")
    if last not in node:
        known = ", ".join(sorted(node))
        raise StoreError(f"adjustment {path!r}: {last!r} is not in the spec here (has: {known})")
    old = node[last]
    # None is an unset number (a bound's missing side), which an adjustment may set.
    if old is not None and (isinstance(old, bool) or not isinstance(old, int | float)):
        raise StoreError(f"adjustment {path!r}: {last!r} is not a number in the spec")
    node[last] = value


def apply_adjustments(spec: ExerciseSpec, adjustments: Mapping[str, Any]) -> ExerciseSpec:
    """``spec`` with the programme's adjustments applied and validated.

    Raises:
        StoreError: a path does not exist in the spec, a value is not a number, or the result
            breaks the spec's rules; the message names the adjustment.

    Example:
        >>> easier = apply_adjustments(get_spec("glute_bridge"), {"reps.min_range": 12})
        >>> easier.reps.min_range
        12.0
    """
    if not adjustments:
        return spec
    raw = spec.model_dump(mode="json")
    for path, value in adjustments.items():
        _set(raw, str(path), value)
    try:
        return ExerciseSpec.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'spec'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise StoreError(f"adjustments to {spec.id} break the spec: {problems}") from exc
