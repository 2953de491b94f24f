"""Opening a store that cannot be opened says why in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from formcheck.store import StoreError, default_db_url, open_store


def test_malformed_url() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("not a url")


def test_missing_driver() -> None:
    with pytest.raises(StoreError, match="no driver"):
        open_store("nosuchdb://user@host/db")


def test_unreachable_server() -> None:
    with pytest.raises(StoreError, match="cannot open the session store"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_default_url_from_env_then_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FORMCHECK_DB_URL", "sqlite:////somewhere/x.db")
    assert default_db_url() == "sqlite:////somewhere/x.db"
    monkeypatch.delenv("FORMCHECK_DB_URL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_url() == f"sqlite:///{tmp_path}/formcheck/formcheck.db"
