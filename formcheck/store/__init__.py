"""The session store: accounts, programmes, sessions, reviews and reference reps.

The app calls only these functions. Each takes the open :class:`Store` and, for anything about
a patient, the acting user (from :func:`authenticate`); access is checked here, not in the
pages: a patient sees only their own records, a therapist only their linked patients'
(otherwise :class:`~formcheck.errors.AccessDenied`). Functions return frozen records, never
database objects::

    store = open_store()                     # $FORMCHECK_DB_URL or ~/.local/share/formcheck
    ana = create_account(store, "ana", "a long password", "therapist", "Ana Silva")
    code = create_invite(store, ana).code    # Ana gives the code to her patient
    ben = create_account(store, "ben", "another password", "patient")
    redeem_invite(store, ben, code)          # now Ana sees Ben's sessions
    session_id = start_live_session(store, ben, get_spec("glute_bridge"))
    save_live_set(store, ben, session_id, set_record, events, recording=landmarks)  # as it ends
    detail = get_session(store, ana, session_id)
    review_flag(store, ana, detail.events[0].id, "overruled", "fine for week 1")

SQLite by default; PostgreSQL with ``FORMCHECK_DB_URL=postgresql+psycopg://...`` and the
``postgres`` extra. Opening a store applies its Alembic migrations.
"""

from formcheck.errors import AccessDenied, AuthenticationError, NotFound, StoreError
from formcheck.store.accounts import (
    authenticate,
    create_account,
    create_invite,
    list_patients,
    patient_info,
    redeem_invite,
)
from formcheck.store.adjustments import apply_adjustments
from formcheck.store.database import Store, default_db_url, open_store
from formcheck.store.models import EventKind, Role, Source, Verdict
from formcheck.store.programmes import (
    current_programme,
    default_prescription,
    prescribe_programme,
    programme_history,
    programme_progress,
)
from formcheck.store.progress import overall_adherence
from formcheck.store.recording import save_live_set, save_upload_review, start_live_session
from formcheck.store.recordings import (
    import_recording,
    save_recording,
    session_recording_bytes,
    session_recordings,
)
from formcheck.store.records import (
    EventRecord,
    FlagReviewRecord,
    InviteInfo,
    NoteRecord,
    PatientSummary,
    PrescribedExercise,
    ProgrammeInfo,
    ProgressRow,
    ReferenceTargets,
    RepComparison,
    RepRecord,
    SessionDetail,
    SessionSummary,
    SetDetail,
    SetOutcome,
    UserInfo,
)
from formcheck.store.reference import (
    compare_rep,
    compare_to_reference,
    record_reference_rep,
    reference_for,
)
from formcheck.store.sessions import (
    add_note,
    get_session,
    list_notes,
    list_sessions,
    review_flag,
)

__all__ = [
    "AccessDenied",
    "AuthenticationError",
    "EventKind",
    "EventRecord",
    "FlagReviewRecord",
    "InviteInfo",
    "NotFound",
    "NoteRecord",
    "PatientSummary",
    "PrescribedExercise",
    "ProgrammeInfo",
    "ProgressRow",
    "ReferenceTargets",
    "RepComparison",
    "RepRecord",
    "Role",
    "SessionDetail",
    "SessionSummary",
    "SetDetail",
    "SetOutcome",
    "Source",
    "Store",
    "StoreError",
    "UserInfo",
    "Verdict",
    "add_note",
    "apply_adjustments",
    "authenticate",
    "compare_rep",
    "compare_to_reference",
    "create_account",
    "create_invite",
    "current_programme",
    "default_db_url",
    "default_prescription",
    "get_session",
    "import_recording",
    "list_notes",
    "list_patients",
    "list_sessions",
    "open_store",
    "overall_adherence",
    "patient_info",
    "prescribe_programme",
    "programme_history",
    "programme_progress",
    "record_reference_rep",
    "redeem_invite",
    "reference_for",
    "review_flag",
    "save_live_set",
    "save_recording",
    "save_upload_review",
    "session_recording_bytes",
    "session_recordings",
    "start_live_session",
]
