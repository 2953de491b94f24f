"""Report fixtures: the store backends and the test clinic of tests/store (the same fixtures,
so the reports are tested on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from tests.store.conftest import store, world

__all__ = ["store", "world"]
