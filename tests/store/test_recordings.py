"""Set recordings: saved in the same transaction as their set, read back whole, replaced, and
imported as a new session; a failed recording write leaves no set behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from formcheck.sessionfile import SessionRecording, read_session_bytes
from formcheck.sessionfile._events import event_to_json
from formcheck.store import (
    Store,
    StoreError,
    get_session,
    import_recording,
    list_sessions,
    save_live_set,
    save_recording,
    save_upload_review,
    session_recording_bytes,
    session_recordings,
)
from formcheck.store.models import SetRecording
from tests.store.world import DAY, SetRecord, World, plank_upload, rep_events, set_recording

RECORD = SetRecord("Glute bridge", 1, 1, False, 2, None, False, "")


def _same(back: SessionRecording, original: SessionRecording) -> None:
    assert [event_to_json(e) for e in back.events] == [event_to_json(e) for e in original.events]
    assert back.frame_count == original.frame_count
    assert (back.exercise, back.source, back.recorded_at) == (
        original.exercise,
        original.source,
        original.recorded_at,
    )


@pytest.fixture
def failing_recording_write() -> Iterator[None]:
    """Makes writing a recording fail, as a crash between the set and its recording would."""

    def fail(*_: object) -> None:
        raise RuntimeError("the disk filled up while the recording was written")

    event.listen(SetRecording, "before_insert", fail)
    yield
    event.remove(SetRecording, "before_insert", fail)


def test_a_live_set_and_its_recording_are_saved_together(store: Store, world: World) -> None:
    events = rep_events([31.0, 33.0])
    recording = set_recording(events, frames=45)
    save_live_set(store, world.ben, world.ben_session, RECORD, events, recording=recording)
    saved = session_recordings(store, world.ana, world.ben_session)
    assert sorted(saved) == [1, 2, 3]
    _same(saved[3], recording)
    raw = session_recording_bytes(store, world.ben, world.ben_session, 3)
    _same(read_session_bytes(raw), recording)


def test_a_failed_recording_write_saves_no_half_set(
    store: Store, world: World, failing_recording_write: None
) -> None:
    events = rep_events([31.0, 33.0])
    with pytest.raises(RuntimeError, match="disk filled up"):
        save_live_set(
            store, world.ben, world.ben_session, RECORD, events, recording=set_recording(events)
        )
    detail = get_session(store, world.ben, world.ben_session)
    assert [s.number for s in detail.sets] == [1, 2]  # the set went with its recording
    assert sorted(session_recordings(store, world.ben, world.ben_session)) == [1, 2]


def test_an_upload_review_and_its_recording_are_saved_together(store: Store, world: World) -> None:
    upload = plank_upload("/tmp/x/plank.mp4")
    recording = set_recording(upload.events)
    session_id = save_upload_review(
        store, world.ana, upload, recording=recording, patient_id=world.ben.id
    )
    _same(session_recordings(store, world.ben, session_id)[1], recording)


def test_an_upload_whose_recording_fails_is_not_saved(
    store: Store, world: World, failing_recording_write: None
) -> None:
    upload = plank_upload()
    before = len(list_sessions(store, world.ben, world.ben.id))
    with pytest.raises(RuntimeError):
        save_upload_review(store, world.ben, upload, recording=set_recording(upload.events))
    assert len(list_sessions(store, world.ben, world.ben.id)) == before


def test_a_later_recording_replaces_the_set_s_first(store: Store, world: World) -> None:
    set_id = get_session(store, world.ben, world.ben_session).sets[0].id
    longer = set_recording(rep_events([40.0]), frames=60)
    save_recording(store, world.ana, set_id, longer, now=DAY + dt.timedelta(days=1))
    _same(session_recordings(store, world.ben, world.ben_session)[1], longer)


def test_an_imported_session_file_becomes_a_session_with_its_recording(
    store: Store, world: World
) -> None:
    events = rep_events([38.0, 41.0, 39.0])
    recording = set_recording(events)
    session_id = import_recording(store, world.ana, world.ben.id, recording, pain_before=2)
    detail = get_session(store, world.ben, session_id)
    assert (detail.summary.exercise_id, detail.summary.reps, detail.summary.pain_before) == (
        "glute_bridge",
        3,
        2,
    )
    assert [r.range_of_motion for r in detail.rep_rows] == [38.0, 41.0, 39.0]
    assert detail.sets[0].note == "imported from a session file"
    _same(session_recordings(store, world.ben, session_id)[1], recording)


def test_an_empty_session_file_is_refused_with_the_reason(store: Store, world: World) -> None:
    with pytest.raises(StoreError, match="no frames"):
        import_recording(store, world.ben, world.ben.id, set_recording([], frames=0))
