"""Saving what the Live and Upload pages measured, for the logged-in user, as each set ends.

Without an account nothing is saved (the pages say so). With a patient's, a live set is saved
when its pain rating is saved (or it is stopped for sharp pain), and an upload review as soon as
it is analysed; a therapist saves an upload review to a linked patient they choose. Each goes
with its landmark recording in the same transaction, so a set is never saved without the
movement to replay. The store checks access.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from formcheck.analysis import AnalysisResult
from formcheck.app import account
from formcheck.app.safety import SetRecord
from formcheck.engine.events import Event
from formcheck.errors import FormCheckError
from formcheck.landmarks import PoseTrack
from formcheck.sessionfile import SessionRecording, recording_from_analysis
from formcheck.specs import ExerciseSpec
from formcheck.store import (
    Role,
    Store,
    UserInfo,
    save_live_set,
    save_upload_review,
    start_live_session,
)

logger = logging.getLogger(__name__)

LIVE_SESSION_KEY = "fc.account.live_session"


@dataclass(frozen=True, slots=True)
class Saved:
    """What happened to a set: saved (with the session's id) or why not, in words."""

    session_id: int | None
    message: str


def _saver(for_patient: int | None) -> tuple[UserInfo, Store] | Saved:
    """The logged-in user who saves (a patient, or a therapist saving for ``for_patient``) and
    the store, or why nothing is saved."""
    user = account.current_user()
    if user is None:
        return Saved(None, "Not saved: log in on the Account page to keep your sets.")
    if user.role is not Role.PATIENT and for_patient is None:
        return Saved(None, "Not saved: sets are saved to a patient's account.")
    store = account.store()
    if store is None:
        return Saved(None, "Not saved: the session store is not available.")
    return user, store


def save_set(
    spec: ExerciseSpec,
    record: SetRecord,
    events: list[Event],
    recording: SessionRecording | None,
) -> Saved:
    """Saves a finished live set (one session per exercise per visit of the Live page)."""
    saver = _saver(None)
    if isinstance(saver, Saved):
        return saver
    user, store = saver
    try:
        sessions: dict[str, int] = st.session_state.setdefault(LIVE_SESSION_KEY, {})
        if spec.id not in sessions:
            sessions[spec.id] = start_live_session(store, user, spec)
        session_id = sessions[spec.id]
        save_live_set(store, user, session_id, record, events, recording=recording)
    except FormCheckError as exc:
        logger.warning("live set not saved: %s", exc)
        return Saved(None, f"This set was not saved: {exc}")
    return Saved(session_id, "Saved to My sessions.")


def save_review(
    result: AnalysisResult, track: PoseTrack | None, patient_id: int | None = None
) -> Saved:
    """Saves an analysed upload (numbers and landmarks; never the video).

    A patient's goes to their own record. A therapist's goes to ``patient_id`` (recording in
    clinic, e.g. a patient's reference rep), which must be one of their linked patients: the
    store refuses any other, and the message says why.
    """
    saver = _saver(patient_id)
    if isinstance(saver, Saved):
        return saver
    user, store = saver
    try:
        recording = recording_from_analysis(result, track) if track is not None else None
        session_id = save_upload_review(
            store, user, result, recording=recording, patient_id=patient_id
        )
    except FormCheckError as exc:
        logger.warning("upload review not saved: %s", exc)
        return Saved(None, f"This review was not saved: {exc}")
    where = "My sessions" if patient_id is None else "the patient's sessions"
    return Saved(session_id, f"Saved to {where} (the numbers and the movement, not the video).")
