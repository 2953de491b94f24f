"""Tests for formcheck.specs: every shipped spec loads, and broken specs fail with errors that
name the file, the field and what is wrong."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from formcheck.errors import SpecError
from formcheck.kinematics.body import Side
from formcheck.kinematics.metrics import MetricComputer
from formcheck.specs import default_spec_dir, get_spec, load_all_specs, load_spec
from formcheck.specs.schema import ExerciseSpec

SPEC_DIR = default_spec_dir()
SPEC_FILES = sorted(SPEC_DIR.glob("*.yaml"))
BRIDGE_FILE = SPEC_DIR / "glute_bridge.yaml"


def test_the_spec_folder_has_specs() -> None:
    assert {p.stem for p in SPEC_FILES} >= {"glute_bridge", "plank"}


def _metrics_used(spec: ExerciseSpec) -> set[str]:
    used: set[str] = set()
    if spec.reps is not None:
        used |= {spec.reps.metric, *spec.reps.peak, *spec.reps.rest}
    if spec.hold is not None:
        used |= set(spec.hold.position)
    used |= {rule.metric for rule in spec.frame_rules}
    used |= {rule.metric for rule in spec.rep_rules if rule.metric is not None}
    used |= {rule.over for rule in spec.rep_rules if rule.over is not None}
    # Calibrated metrics are also judged relative to the person's baseline.
    return {name.removesuffix("_from_baseline") for name in used}


@pytest.mark.parametrize("path", SPEC_FILES, ids=[p.stem for p in SPEC_FILES])
def test_every_shipped_spec_loads_and_is_consistent(path: Path) -> None:
    spec = load_spec(path)
    assert spec.id == path.stem
    assert (spec.reps is None) != (spec.hold is None)
    missing = _metrics_used(spec) - set(spec.metrics)
    assert not missing, f"{path.name} uses undefined metrics {sorted(missing)}"
    rule_ids = [r.id for r in spec.frame_rules] + [r.id for r in spec.rep_rules]
    assert len(rule_ids) == len(set(rule_ids))
    # Every point resolves to landmarks on both sides (the metric tables build without error).
    computer = MetricComputer(spec)
    assert computer.names == tuple(spec.metrics)
    for side in Side:
        visibility = computer.required_visibility(np.ones((1, 33)), side)
        assert visibility.shape == (1, len(spec.required))
    assert get_spec(spec.id) == spec


def test_load_all_specs_is_keyed_by_id() -> None:
    specs = load_all_specs()
    assert sorted(specs) == sorted(p.stem for p in SPEC_FILES)


# -- broken specs ---------------------------------------------------------------------------


def _bridge() -> dict[str, Any]:
    raw = yaml.safe_load(BRIDGE_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def _write(tmp_path: Path, raw: dict[str, Any], name: str = "glute_bridge.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _set(*keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(raw: dict[str, Any]) -> None:
        target: Any = raw
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda raw: raw.pop(key)


def test_an_unbroken_copy_loads(tmp_path: Path) -> None:
    assert load_spec(_write(tmp_path, _bridge())) == load_spec(BRIDGE_FILE)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(
            _set("reps", "bogus", value=1),
            r"^glute_bridge\.yaml: reps\.bogus: Extra inputs are not permitted",
            id="unknown-key-nested",
        ),
        pytest.param(
            _set("colour", value="red"),
            r"^glute_bridge\.yaml: colour: Extra inputs are not permitted",
            id="unknown-key-top",
        ),
        pytest.param(
            _set("metrics", "hip_line_deg", "points", value=["SHOULDER", "LEFT_HIPP", "KNEE"]),
            r"^glute_bridge\.yaml: metrics\.hip_line_deg\.points: unknown point 'LEFT_HIPP'",
            id="unknown-landmark",
        ),
        pytest.param(
            _set("required", value=["SHOULDER", "HIPS"]),
            r"^glute_bridge\.yaml: required: unknown point 'HIPS'.*LEFT_HIP",
            id="unknown-required-part",
        ),
        pytest.param(
            _set("reps", "peak", "hip_extension_deg", value={"above": 150, "below": 100}),
            r"^glute_bridge\.yaml: reps\.peak\.hip_extension_deg: 'above' \(150\.0\) must be less "
            r"than 'below' \(100\.0\)",
            id="above-greater-than-below",
        ),
        pytest.param(
            _set("reps", "peak", "hip_extension_deg", value={"above": 150, "below": 150}),
            r"reps\.peak\.hip_extension_deg: 'above' \(150\.0\) must be less than 'below'",
            id="above-equal-below",
        ),
        pytest.param(
            _drop("reps"),
            r"^glute_bridge\.yaml: .*needs exactly one of 'reps' or 'hold'",
            id="neither-reps-nor-hold",
        ),
        pytest.param(
            _set("hold", value={"position": {"pelvis_lift_deg": {"above": 10}}}),
            r"^glute_bridge\.yaml: .*needs exactly one of 'reps' or 'hold'",
            id="both-reps-and-hold",
        ),
        pytest.param(
            _set("frame_rules", 0, "metric", value="nope_deg"),
            r"^glute_bridge\.yaml: .*frame_rules\[over_arching\]\.metric names metric 'nope_deg', "
            r"which is not defined under 'metrics' \(defined: hip_extension_deg, hip_line_deg",
            id="frame-rule-undefined-metric",
        ),
        pytest.param(
            _set("rep_rules", 0, "metric", value="nope_deg"),
            r"^glute_bridge\.yaml: .*rep_rules\[hip_sag\]\.metric names metric 'nope_deg'",
            id="rep-rule-undefined-metric",
        ),
        pytest.param(
            _set("reps", "metric", value="nope_deg"),
            r"^glute_bridge\.yaml: .*reps\.metric names metric 'nope_deg'",
            id="rep-metric-undefined",
        ),
        pytest.param(
            _set("metrics", "hip_line_deg", "kind", value="curl"),
            r"^glute_bridge\.yaml: metrics\.hip_line_deg\.kind: .*'joint_angle'.*\(got 'curl'\)",
            id="unknown-metric-kind",
        ),
        pytest.param(
            _set("metrics", "hip_line_deg", "points", value=["SHOULDER", "HIP"]),
            r"^glute_bridge\.yaml: metrics\.hip_line_deg: a bend metric takes 3 points \(got 2\)",
            id="wrong-point-count",
        ),
        pytest.param(
            _set("reps", "min_range", value=190),
            r"^glute_bridge\.yaml: reps\.min_range: .*less than or equal to 180 \(got 190\)",
            id="out-of-bounds-number",
        ),
    ],
)
def test_broken_spec_names_file_and_field(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    raw = copy.deepcopy(_bridge())
    edit(raw)
    with pytest.raises(SpecError, match=message):
        load_spec(_write(tmp_path, raw))


def test_every_problem_is_reported_on_its_own_line(tmp_path: Path) -> None:
    raw = _bridge()
    raw["colour"] = "red"
    raw["reps"]["min_range"] = 190
    with pytest.raises(SpecError) as caught:
        load_spec(_write(tmp_path, raw))
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert all(line.startswith("glute_bridge.yaml: ") for line in lines)


def test_invalid_yaml_names_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "glute_bridge.yaml"
    path.write_text("id: glute_bridge\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"^glute_bridge\.yaml: not valid YAML at line 3, column 1"):
        load_spec(path)


def test_a_list_is_not_a_spec(tmp_path: Path) -> None:
    path = tmp_path / "glute_bridge.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"^glute_bridge\.yaml: a spec must be a mapping"):
        load_spec(path)


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    with pytest.raises(
        SpecError,
        match=re.escape(
            "other.yaml: id: must match the file name (got 'glute_bridge', expected 'other')"
        ),
    ):
        load_spec(_write(tmp_path, _bridge(), name="other.yaml"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"missing\.yaml: spec file not found"):
        load_spec(tmp_path / "missing.yaml")


def test_unknown_exercise_lists_the_known_ones() -> None:
    known = ", ".join(sorted(p.stem for p in SPEC_FILES))
    message = f"unknown exercise 'nope'; known exercises: {known}"
    with pytest.raises(SpecError, match=re.escape(message)):
        get_spec("nope")


def test_get_spec_from_another_folder(tmp_path: Path) -> None:
    raw = _bridge()
    raw["id"] = "my_bridge"
    _write(tmp_path, raw, name="my_bridge.yaml")
    assert get_spec("my_bridge", tmp_path).name == raw["name"]
    with pytest.raises(SpecError, match=r"known exercises: my_bridge$"):
        get_spec("glute_bridge", tmp_path)


def test_a_broken_spec_in_a_folder_fails_the_folder(tmp_path: Path) -> None:
    raw = _bridge()
    raw["reps"]["bogus"] = 1
    _write(tmp_path, raw)
    with pytest.raises(SpecError, match=r"glute_bridge\.yaml: reps\.bogus"):
        load_all_specs(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"exercise spec folder not found"):
        load_all_specs(tmp_path / "nowhere")


def test_a_frame_rule_s_default_clear_margin_follows_its_metric_s_unit() -> None:
    # Angles clear 3 degrees back inside the threshold; torso-length metrics 0.05 (3 torso
    # lengths would mean the issue never ends); a rule's own margin wins.
    raw = _bridge()
    raw["metrics"]["knee_ahead"] = {"kind": "forward_offset", "points": ["ANKLE", "KNEE"]}
    rule = {"persist_s": 0.5, "severity": "info", "cue": "c", "message": "m"}
    raw["frame_rules"] = [
        {**rule, "id": "angle_rule", "metric": "hip_line_deg", "when": {"above": 20}},
        {**rule, "id": "torso_rule", "metric": "knee_ahead", "when": {"above": 0.3}},
        {**rule, "id": "own", "metric": "knee_ahead", "when": {"above": 0.3}, "clear_margin": 0.1},
    ]
    spec = ExerciseSpec.model_validate(raw)
    margins = {r.id: spec.clear_margin_of(r) for r in spec.frame_rules}
    assert margins == {"angle_rule": 3.0, "torso_rule": 0.05, "own": 0.1}
