"""Store round trips: what is saved reads back the same, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from formcheck.specs import get_spec
from formcheck.store import (
    AccessDenied,
    AuthenticationError,
    EventKind,
    NotFound,
    Source,
    Store,
    StoreError,
    Verdict,
    add_note,
    authenticate,
    create_account,
    create_invite,
    get_session,
    list_notes,
    list_patients,
    list_sessions,
    redeem_invite,
    review_flag,
    save_live_set,
    save_upload_review,
    start_live_session,
)
from tests.store.world import DAY, SetRecord, World, hold_events, rep_events


def test_live_session_reads_back_set_by_set(store: Store, world: World) -> None:
    detail = get_session(store, world.ana, world.ben_session)
    assert detail.summary.source is Source.LIVE
    assert detail.summary.started_at == DAY
    assert [s.number for s in detail.sets] == [1, 2]
    first, second = detail.sets
    assert [r.range_of_motion for r in first.rep_rows] == [40.0, 42.0, 38.0]
    assert [r.number for r in second.rep_rows] == [1, 2]
    assert first.rep_rows[0].metric_min == {"hip_line_deg": -40.0}
    assert (first.pain_before, first.pain_after, second.pain_after) == (2, 3, 2)
    assert first.ended_at == DAY + dt.timedelta(minutes=5)
    assert detail.summary.reps == 5 and detail.summary.sets == 2
    assert (detail.summary.pain_before, detail.summary.pain_after) == (2, 2)
    kinds = [e.kind for e in first.events]
    assert kinds.count(EventKind.FORM_ISSUE) == 1
    assert kinds.count(EventKind.REP_FAULT) == 1
    assert kinds.count(EventKind.INCOMPLETE_REP) == 1
    issue = next(e for e in first.events if e.kind is EventKind.FORM_ISSUE)
    assert issue.rule_id == "over_arching" and issue.duration_s == pytest.approx(0.7)
    assert issue.value == pytest.approx(26.5)  # the worst value, from the issue's end
    assert [e.time_s for e in first.events] == sorted(e.time_s for e in first.events)


def test_upload_review_is_one_set_with_no_video(store: Store, world: World) -> None:
    from types import SimpleNamespace

    result = SimpleNamespace(
        exercise="plank",
        exercise_name="Plank",
        video="/tmp/uploads/kitchen floor.mp4",
        duration_s=40.0,
        counts_reps=False,
        view="side",
        warnings=["nobody in view from 1.0 s to 2.5 s"],
        events=hold_events(31.5),
    )
    session_id = save_upload_review(
        store, world.ben, result, pain_before=1, pain_after=1, started_at=DAY
    )
    detail = get_session(store, world.ben, session_id)
    assert detail.summary.source is Source.UPLOAD
    assert detail.video_name == "kitchen floor.mp4"
    assert detail.summary.hold_s == pytest.approx(31.5)
    assert detail.warnings == ("nobody in view from 1.0 s to 2.5 s",)
    assert detail.sets[0].ended_at == DAY + dt.timedelta(seconds=40)


def test_sessions_list_newest_first_and_filter_by_day(store: Store, world: World) -> None:
    bridge = get_spec("glute_bridge")
    later = start_live_session(store, world.ben, bridge, started_at=DAY + dt.timedelta(days=2))
    listed = list_sessions(store, world.ana, world.ben.id)
    assert [s.id for s in listed] == [later, world.ben_session]
    only_first_day = list_sessions(store, world.ben, world.ben.id, start=DAY.date(), end=DAY.date())
    assert [s.id for s in only_first_day] == [world.ben_session]


def test_flag_reviews_keep_who_and_when_and_the_newest_counts(store: Store, world: World) -> None:
    flag = get_session(store, world.ana, world.ben_session).events[0]
    review_flag(store, world.ana, flag.id, "confirmed", now=DAY)
    later = DAY + dt.timedelta(hours=1)
    review_flag(store, world.ana, flag.id, Verdict.OVERRULED, "  fine for week 1 ", now=later)
    again = next(
        e for e in get_session(store, world.ben, world.ben_session).events if e.id == flag.id
    )
    assert [r.verdict for r in again.reviews] == [Verdict.CONFIRMED, Verdict.OVERRULED]
    assert again.overruled and again.reviews[-1].note == "fine for week 1"
    assert again.reviews[-1].reviewer_name == "Ana Silva"
    assert again.reviews[-1].reviewed_at == later
    with pytest.raises(StoreError, match="confirmed' or 'overruled"):
        review_flag(store, world.ana, flag.id, "maybe")
    with pytest.raises(NotFound, match="no form flag 99999"):
        review_flag(store, world.ana, 99999, "confirmed")


def test_notes(store: Store, world: World) -> None:
    add_note(store, world.ana, world.ben.id, "Good control", session_id=world.ben_session, now=DAY)
    add_note(store, world.ben, world.ben.id, "Knee felt fine", now=DAY + dt.timedelta(days=1))
    notes = list_notes(store, world.ana, world.ben.id)
    assert [n.text for n in notes] == ["Knee felt fine", "Good control"]
    assert get_session(store, world.ana, world.ben_session).notes[0].author_name == "Ana Silva"
    with pytest.raises(StoreError, match="write 1 to"):
        add_note(store, world.ana, world.ben.id, "   ")
    with pytest.raises(AccessDenied, match="not linked"):
        add_note(store, world.ana, world.ben.id, "x", session_id=world.cat_session)


def test_accounts_and_invites(store: Store, world: World) -> None:
    assert authenticate(store, " BEN ", "patient-password") == world.ben
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        authenticate(store, "ben", "not-the-password")
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        authenticate(store, "nobody", "patient-password")
    with pytest.raises(StoreError, match="'ben' is taken"):
        create_account(store, "Ben", "another-password", "patient")
    with pytest.raises(StoreError, match="at least 8"):
        create_account(store, "zed", "short", "patient")
    with pytest.raises(StoreError, match="must be 'therapist' or 'patient'"):
        create_account(store, "zed", "long-enough", "admin")
    with pytest.raises(StoreError, match="username 'a b'"):
        create_account(store, "a b", "long-enough", "patient")
    invite = create_invite(store, world.ana, now=DAY)
    assert len(invite.code) == 9 and invite.code[4] == "-"
    redeem_invite(store, world.dan, invite.code.replace("-", " ").lower(), now=DAY)
    assert [p.username for p in list_patients(store, world.ana)] == ["ben", "dan"]
    with pytest.raises(StoreError, match="already used"):
        redeem_invite(store, world.cat, invite.code, now=DAY)
    expired = create_invite(store, world.ana, valid_days=1, now=DAY)
    with pytest.raises(StoreError, match="expired"):
        redeem_invite(store, world.cat, expired.code, now=DAY + dt.timedelta(days=2))
    with pytest.raises(NotFound, match="does not exist"):
        redeem_invite(store, world.cat, "AAAA-AAAA")


def test_patient_list_counts_sessions(store: Store, world: World) -> None:
    (ben,) = list_patients(store, world.ana)
    assert (ben.display_name, ben.sessions, ben.last_session_at) == ("Ben", 1, DAY)


def test_bad_input_is_a_clear_error(store: Store, world: World) -> None:
    bridge = get_spec("glute_bridge")
    session_id = start_live_session(store, world.ben, bridge)
    bad = SetRecord("Glute bridge", 11, 2, False, 1, None, False, "")
    with pytest.raises(StoreError, match="pain before must be a whole number from 0 to 10"):
        save_live_set(store, world.ben, session_id, bad, rep_events([30.0]))
    with pytest.raises(NotFound, match="no session 4242"):
        get_session(store, world.ben, 4242)
    with pytest.raises(StoreError, match="must say for which patient"):
        start_live_session(store, world.ana, bridge)
    with pytest.raises(StoreError, match="timezone-aware"):
        start_live_session(store, world.ben, bridge, started_at=dt.datetime(2025, 1, 1))


def test_a_set_without_summary_uses_the_record(store: Store, world: World) -> None:
    session_id = start_live_session(store, world.ben, get_spec("plank"))
    record = SetRecord("Plank", 3, None, True, None, 12.5, True, "stopped: sharp pain")
    save_live_set(store, world.ben, session_id, record, [])
    (row,) = get_session(store, world.ben, session_id).sets
    assert (row.hold_s, row.pain_after, row.sharp_pain, row.stopped) == (12.5, None, True, True)
