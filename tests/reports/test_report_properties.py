"""Property tests: whatever sessions a patient records, the report's numbers are their sums."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from collections.abc import Iterator
from statistics import fmean

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formcheck.reports import range_report, report_csv, report_json
from formcheck.specs import get_spec
from formcheck.store import (
    Store,
    create_account,
    create_invite,
    redeem_invite,
    save_live_set,
    start_live_session,
)
from tests.store.backends import open_test_store
from tests.store.world import DAY, SetRecord, rep_events

_names = itertools.count(1)

a_set = st.tuples(
    st.lists(st.floats(5.0, 90.0, allow_nan=False), min_size=0, max_size=6),  # rep ranges
    st.integers(0, 10),  # pain before
    st.integers(0, 10),  # pain after
)
a_session = st.tuples(st.integers(0, 13), st.lists(a_set, min_size=1, max_size=3))  # day, sets


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_test_store("sqlite", tmp_path_factory.mktemp("props")) as store:
        yield store


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sessions=st.lists(a_session, min_size=0, max_size=4))
def test_report_numbers_are_the_sums_of_the_sessions(
    sqlite_store: Store, sessions: list[tuple[int, list[tuple[list[float], int, int]]]]
) -> None:
    store = sqlite_store
    n = next(_names)
    therapist = create_account(store, f"therapist{n}", "therapist-password", "therapist")
    patient = create_account(store, f"patient{n}", "patient-password", "patient")
    redeem_invite(store, patient, create_invite(store, therapist).code)
    bridge = get_spec("glute_bridge")
    for day, sets in sessions:
        session_id = start_live_session(store, patient, bridge,
                                        started_at=DAY + dt.timedelta(days=day))  # fmt: skip
        for ranges, before, after in sets:
            record = SetRecord("Glute bridge", before, after, False, len(ranges), None, False, "")
            save_live_set(store, patient, session_id, record, rep_events(ranges))
    report = range_report(store, therapist, patient.id, DAY.date(), DAY.date() + dt.timedelta(13))

    all_sets = [s for _, sets in sessions for s in sets]
    assert len(report.sessions) == len(sessions)
    assert report.total_reps == sum(len(ranges) for ranges, _, _ in all_sets)
    # rep_events flags: one frame fault on a first rep, and one turned-back rep per set.
    assert report.total_flags == sum((1 if ranges else 0) + 1 for ranges, _, _ in all_sets)
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert sorted((int(r["pain_before"]), int(r["pain_after"])) for r in rows) == sorted(
        (before, after) for _, before, after in all_sets
    )
    assert len(report.range_trend) == len(
        [1 for _, sets in sessions if any(ranges for ranges, _, _ in sets)]
    )
    expected_means = sorted(round(fmean(r), 6) for r, _, _ in all_sets if r)
    got_means = sorted(round(s.mean_range, 6) for s in report.sets if s.mean_range is not None)
    assert got_means == pytest.approx(expected_means)
    assert json.loads(report_json(report))["totals"]["reps"] == report.total_reps
