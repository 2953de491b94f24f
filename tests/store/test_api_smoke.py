"""The store's public API end to end on SQLite: the journey a therapist and patient take."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

import formcheck.store as store_api
from formcheck.engine.events import RepCompleted, Summary
from formcheck.specs import get_spec
from formcheck.store import (
    AccessDenied,
    Store,
    create_account,
    create_invite,
    get_session,
    open_store,
    redeem_invite,
    save_live_set,
    start_live_session,
)

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'fc.db'}", hasher=FAST_HASHER)


def test_public_names_are_exported() -> None:
    for name in store_api.__all__:
        assert hasattr(store_api, name), name


def test_patient_saves_a_set_and_only_their_therapist_reads_it(sqlite_store: Store) -> None:
    ana = create_account(sqlite_store, "ana", "password-1", "therapist")
    eve = create_account(sqlite_store, "eve", "password-1", "therapist")
    ben = create_account(sqlite_store, "ben", "password-2", "patient")
    redeem_invite(sqlite_store, ben, create_invite(sqlite_store, ana).code)
    session_id = start_live_session(sqlite_store, ben, get_spec("glute_bridge"))
    rep = RepCompleted(3.0, 1, "left", 1.0, 2.0, 3.0, 2.0, 40.0, {}, {}, ())
    summary = Summary(3.5, 1, {"left": 1}, 0.0, (), {}, 0.9)

    class Record:
        pain_before, pain_after, sharp, stopped, note, reps, hold_s = (
            2,
            3,
            False,
            False,
            "ok",
            1,
            None,
        )

    save_live_set(sqlite_store, ben, session_id, Record(), [rep, summary])
    detail = get_session(sqlite_store, ana, session_id)
    assert detail.summary.reps == 1 and detail.sets[0].pain_after == 3
    with pytest.raises(AccessDenied, match="not linked"):
        get_session(sqlite_store, eve, session_id)
