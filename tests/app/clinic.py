"""A seeded session store for the records pages: a therapist, two linked patients, and one
analysed upload (three synthetic bridges with sagging hips, so every rep is flagged) saved
for the first patient with its landmark recording.

::

    ana (therapist) ── ben (patient): one upload review of 3 bridges, 3 form flags, replayable
                    └─ cat (patient): nothing saved
"""

from __future__ import annotations

import datetime as dt
from contextlib import closing
from dataclasses import dataclass

from argon2 import PasswordHasher

from formcheck import analyze_track, get_spec
from formcheck.sessionfile import recording_from_analysis
from formcheck.store import (
    Store,
    UserInfo,
    create_account,
    create_invite,
    get_session,
    open_store,
    redeem_invite,
    save_upload_review,
)
from tests.synthetic import bridge_track

PASSWORD = "a long password"
WHEN = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Clinic:
    url: str
    ana: UserInfo
    ben: UserInfo
    cat: UserInfo
    ben_session: int
    flag_ids: tuple[int, ...]


def opened(clinic: Clinic) -> closing[Store]:
    """The clinic's store, closed when the ``with`` block ends: ``with opened(clinic) as store``."""
    return closing(open_store(clinic.url))


def seed_clinic(url: str) -> Clinic:
    """Creates the clinic in the (new, empty) database at ``url``."""
    # Cheap hashing for the seed; logging in verifies these hashes the same way.
    store = open_store(url, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        ana = create_account(store, "ana", PASSWORD, "therapist", "Ana Silva")
        ben = create_account(store, "ben", PASSWORD, "patient", "Ben Jones")
        cat = create_account(store, "cat", PASSWORD, "patient", "Cat Lee")
        for patient in (ben, cat):
            redeem_invite(store, patient, create_invite(store, ana).code)
        track = bridge_track(3, fps=15.0, top_hip_line_deg=-24.0)
        result = analyze_track(track, get_spec("glute_bridge"), video="bridges.mp4")
        recording = recording_from_analysis(result, track, recorded_at=WHEN)
        session_id = save_upload_review(
            store, ben, result, recording=recording, pain_before=2, pain_after=2, started_at=WHEN
        )
        detail = get_session(store, ben, session_id)
        return Clinic(url, ana, ben, cat, session_id, tuple(e.id for e in detail.events))
    finally:
        store.close()
