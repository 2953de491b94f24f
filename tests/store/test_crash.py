"""Killing the app while it saves a set leaves the database readable and loses that set only;
every set left has its recording, so it can be replayed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.store.crash_writer import REPS_PER_SET

ROOT = Path(__file__).resolve().parents[2]


def _kill_mid_save(db: Path, target: int, delay_s: float) -> int:
    """Runs the writer and SIGKILLs it ``delay_s`` after it starts saving set ``target``;
    returns the last set it reported saved."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None
    reported = 0
    for line in writer.stdout:
        if line.startswith("saved "):
            reported = int(line.split()[1])
        if line.strip() == f"saving {target}":
            time.sleep(delay_s)
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    for line in writer.stdout.read().splitlines():
        if line.startswith("saved "):
            reported = int(line.split()[1])
    return reported


def test_sigkill_mid_save_loses_at_most_that_set(tmp_path: Path) -> None:
    rng = random.Random(6)
    for attempt in range(3):
        db = tmp_path / f"crash{attempt}.db"
        target = rng.randint(2, 6)
        reported = _kill_mid_save(db, target, rng.uniform(0.0, 0.05))
        assert reported in (target - 1, target)
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            sets = connection.execute("SELECT number FROM sets ORDER BY number").fetchall()
            # Every set it said it saved is there; the one being saved is there whole or not at
            # all (it may have committed just before the kill, unreported).
            assert [n for (n,) in sets] == list(range(1, len(sets) + 1))
            assert reported <= len(sets) <= target
            counts = connection.execute(
                "SELECT count(reps.id) FROM sets LEFT JOIN reps ON reps.set_id = sets.id "
                "GROUP BY sets.id"
            ).fetchall()
            assert all(count == REPS_PER_SET for (count,) in counts)
            unreplayable = connection.execute(
                "SELECT count(*) FROM sets LEFT JOIN set_recordings r ON r.set_id = sets.id "
                "WHERE r.set_id IS NULL"
            ).fetchone()
            assert unreplayable == (0,)
