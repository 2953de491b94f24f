"""Saves live sets in a loop until killed: the crash test's victim (run as a subprocess).

Usage: python -m tests.store.crash_writer DB_PATH. Prints ``saving N`` before set N is
saved and ``saved N`` once it is committed; each set has enough reps and flags to take a while.
"""

from __future__ import annotations

import sys

from formcheck.specs import get_spec
from formcheck.store import create_account, open_store, save_live_set, start_live_session
from tests.store.backends import FAST_HASHER
from tests.store.world import SetRecord, rep_events

REPS_PER_SET = 150


def main(path: str) -> None:
    store = open_store(f"sqlite:///{path}", hasher=FAST_HASHER)
    patient = create_account(store, "crash", "patient-password", "patient")
    session_id = start_live_session(store, patient, get_spec("glute_bridge"))
    events = rep_events([30.0 + i % 7 for i in range(REPS_PER_SET)], fault_every=3)
    record = SetRecord("Glute bridge", 1, 1, False, REPS_PER_SET, None, False, "")
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        print(f"saving {number}", flush=True)
        save_live_set(store, patient, session_id, record, events)
        print(f"saved {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
