"""Report fixtures: the store backends and the test clinic of tests/store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from formcheck.store import Store
from tests.store.backends import BACKENDS, open_test_store
from tests.store.world import World, build_world


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with open_test_store(request.param, tmp_path) as opened:
        yield opened


@pytest.fixture
def world(store: Store) -> World:
    return build_world(store)
