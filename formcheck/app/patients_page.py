"""Patients (therapists): the linked patients; for one, their programme, sessions, a session
file to import, and the programme editor."""

from __future__ import annotations

import streamlit as st

from formcheck.app import account, programme_view, report_downloads, session_list
from formcheck.errors import FormCheckError
from formcheck.sessionfile import SUFFIX, read_session_bytes
from formcheck.store import (
    PatientSummary,
    Role,
    Store,
    UserInfo,
    import_recording,
    list_patients,
    list_sessions,
)

PATIENT_KEY = "fc.account.patient"


def _import(store: Store, therapist: UserInfo, patient: PatientSummary) -> None:
    st.markdown(
        "A session file (landmarks only, no video) exported by your patient, or from another "
        "FormCheck, is added to this patient's sessions."
    )
    upload = st.file_uploader(
        "Session file", type=[SUFFIX.lstrip(".")], key=f"fc_w.import.{patient.id}"
    )
    if upload is None:
        return
    done_key = f"fc.account.imported.{patient.id}"
    if st.session_state.get(done_key) == upload.file_id:
        st.success(f"{upload.name} was imported.")
        return
    try:
        recording = read_session_bytes(upload.getvalue(), upload.name)
        session_id = import_recording(store, therapist, patient.id, recording)
    except FormCheckError as exc:
        st.error(f"{upload.name} was not imported: {exc}", icon=":material/error:")
        return
    st.session_state[done_key] = upload.file_id
    st.success(f"{upload.name} was imported as session {session_id}.")


def render() -> None:
    st.title("Patients")
    user = account.require_user(Role.THERAPIST, doing="see your patients")
    store = account.store()
    if user is None or store is None:
        return
    patients = account.attempt(lambda: list_patients(store, user), "Your patients cannot be listed")
    if patients is None:
        return
    if not patients:
        st.info(
            "No patients yet. Make an invite code on the Account page and give it to your "
            "patient: once they enter it, they appear here."
        )
        return
    by_id = {p.id: p for p in patients}
    chosen = st.session_state.get(PATIENT_KEY)
    patient_id = st.selectbox(
        "Patient", list(by_id), list(by_id).index(chosen) if chosen in by_id else 0,
        format_func=lambda i: f"{by_id[i].display_name} ({by_id[i].sessions} sessions)",
        key="fc_w.patients.patient",
    )  # fmt: skip
    st.session_state[PATIENT_KEY] = patient_id
    patient = by_id[patient_id]
    sessions, programme, file = st.tabs(["Sessions", "Programme", "Import a session file"])
    with sessions:
        programme_view.progress(store, user, patient.id)
        st.subheader("Sessions")
        found = account.attempt(
            lambda: list_sessions(store, user, patient.id), "The sessions cannot be listed"
        )
        if found is not None:
            session_list.session_list(found, f"patient{patient.id}")
        report_downloads.range_reports(store, user, patient.id)
    with programme:
        programme_view.prescribe(store, user, patient.id)
    with file:
        _import(store, user, patient)
