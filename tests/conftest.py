"""Shared fixtures: the real clips and model in ../shared, skipped with a reason when absent."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIDEOS = SHARED / "videos"
LABELS = VIDEOS / "labels.yaml"


def shared_model() -> Path | None:
    env = os.environ.get("FORMCHECK_MODEL")
    if env and Path(env).is_file():
        return Path(env)
    candidate = SHARED / "models" / "pose_landmarker_full.task"
    return candidate if candidate.is_file() else None


@pytest.fixture(scope="session")
def model_path() -> Path:
    model = shared_model()
    if model is None:
        pytest.skip(
            "no pose model: ../shared/models/pose_landmarker_full.task is missing and FORMCHECK_MODEL is unset"
        )
    return model


@pytest.fixture(scope="session")
def labels() -> list[dict[str, Any]]:
    if not LABELS.is_file():
        pytest.skip(
            f"real clips not available: {LABELS} is missing (../shared is not beside the checkout)"
        )
    return list(yaml.safe_load(LABELS.read_text())["clips"])


@pytest.fixture(scope="session")
def landmark_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A landmark cache for this test run only, so no stale result from an earlier run is used,
    while tests that share a clip run pose estimation once. ``FORMCHECK_TEST_CACHE`` points it
    at a lasting folder instead (for quick local re-runs; CI leaves it unset)."""
    lasting = os.environ.get("FORMCHECK_TEST_CACHE")
    if lasting:
        return Path(lasting)
    return tmp_path_factory.mktemp("formcheck-cache")
