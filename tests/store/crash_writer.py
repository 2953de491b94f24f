"""Saves live sets in a loop until killed: the crash test's victim (run as a subprocess).

Usage: python -m tests.store.crash_writer DB_PATH. Prints ``saving N`` before set N is
saved and ``saved N`` once it is committed; each set has enough reps, flags and recorded
frames to take a while, and is saved with its recording, as the app saves it.
"""

from __future__ import annotations

import sys

from formcheck.specs import get_spec
from formcheck.store import create_account, open_store, save_live_set, start_live_session
from tests.store.backends import FAST_HASHER
from tests.store.world import SetRecord, rep_events, set_recording

REPS_PER_SET = 150
FRAMES_PER_SET = 600  # 40 s at 15 fps


def main(path: str) -> None:
    store = open_store(f"sqlite:///{path}", hasher=FAST_HASHER)
    patient = create_account(store, "crash", "patient-password", "patient")
    session_id = start_live_session(store, patient, get_spec("glute_bridge"))
    events = rep_events([30.0 + i % 7 for i in range(REPS_PER_SET)], fault_every=3)
    recording = set_recording(events, frames=FRAMES_PER_SET)
    record = SetRecord("Glute bridge", 1, 1, False, REPS_PER_SET, None, False, "")
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        print(f"saving {number}", flush=True)
        save_live_set(store, patient, session_id, record, events, recording=recording)
        print(f"saved {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
