"""Upload and review, for a therapist: save the analysed video to a linked patient's record.

Recording in clinic: the therapist films the patient, reviews the upload, and keeps its
numbers and movement (never the video) with the patient's sessions, for instance to make one
of its reps the patient's reference on the session page. Only linked patients are offered, and
the store refuses any other.
"""

from __future__ import annotations

import streamlit as st

from formcheck.analysis import AnalysisResult
from formcheck.app import account, saving, session_list
from formcheck.landmarks import PoseTrack
from formcheck.store import list_patients


def offer(
    result: AnalysisResult, track: PoseTrack | None, saved: saving.Saved | None
) -> saving.Saved | None:
    """For a logged-in therapist, a form to save this review to one of their patients.

    Args:
        result: The analysed upload.
        track: Its landmarks (kept for replay).
        saved: What happened to this review so far (``None``: nothing tried yet).

    Returns:
        ``saved``, or the outcome of saving it now.
    """
    user = account.current_user()
    store = account.store() if user is not None and user.is_therapist else None
    if user is None or store is None:
        return saved
    if saved is not None and saved.session_id is not None:
        _open_button(saved.session_id)
        return saved
    patients = account.attempt(lambda: list_patients(store, user), "Your patients cannot be listed")
    if not patients:
        st.caption(
            "To keep this review in a patient's record, link the patient first (an invite code "
            "from the Account page)."
        )
        return saved
    names = {p.id: p.display_name for p in patients}
    slot = st.empty()  # the form gives way to the saved session once saved
    with slot.form("fc_w.patient_save", border=True):
        patient_id = st.selectbox(
            "Save this review to a patient's record (numbers and movement, not the video)",
            list(names),
            format_func=names.__getitem__,
            key="fc_w.patient_save.patient",
        )
        submitted = st.form_submit_button("Save to the patient's record", icon=":material/save:")
    if not submitted:
        return saved
    outcome = saving.save_review(result, track, patient_id)
    if outcome.session_id is not None:
        slot.empty()
        _open_button(outcome.session_id)
    return outcome


def _open_button(session_id: int) -> None:
    if st.button("Open the saved session", icon=":material/open_in_new:"):
        session_list.open_session(session_id)
