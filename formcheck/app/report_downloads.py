"""Report downloads: one session, or a patient's date range, as HTML, PDF, CSV or JSON.

A report is made only when asked for (a PDF takes a moment) and kept for this browser session;
the store checks that the user may see the patient, as for every other read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from formcheck.errors import FormCheckError
from formcheck.reports import FORMATS, ReportData, range_report, render, session_report
from formcheck.store import Store, UserInfo

RANGE_DAYS = 28
_FORMAT_WORDS = {
    "html": "Web page (HTML)",
    "pdf": "PDF",
    "csv": "Table (CSV)",
    "json": "Data (JSON)",
}


def _offer(key: str, build: Callable[[], ReportData]) -> None:
    """A format choice, a button that makes the report, then its download button."""
    kept = f"fc.account.report.{key}"
    fmt = st.radio(
        "Format", FORMATS, horizontal=True, format_func=lambda f: _FORMAT_WORDS.get(f, f),
        key=f"fc_w.report.{key}.format",
    )  # fmt: skip
    if st.button("Make the report", key=f"fc_w.report.{key}.make", icon=":material/description:"):
        try:
            st.session_state[kept] = (fmt, *render(build(), fmt))
        except FormCheckError as exc:
            st.error(f"The report was not made: {exc}", icon=":material/error:")
            return
    made = st.session_state.get(kept)
    if made is not None and made[0] == fmt:
        _, data, mime, name = made
        st.download_button(
            f"Download {name}", data, name, mime, key=f"fc_w.report.{key}.download",
            icon=":material/download:",
        )  # fmt: skip


def session_reports(store: Store, user: UserInfo, session_id: int) -> None:
    st.subheader("Report")
    _offer(f"session{session_id}", lambda: session_report(store, user, session_id))


def range_reports(store: Store, user: UserInfo, patient_id: int) -> None:
    st.subheader("Report over a period")
    today = dt.datetime.now(dt.UTC).date()
    start, end = st.columns(2)
    first = start.date_input(
        "From", today - dt.timedelta(days=RANGE_DAYS - 1), key=f"fc_w.report.{patient_id}.from"
    )
    last = end.date_input("To", today, key=f"fc_w.report.{patient_id}.to")
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        return  # a date box was cleared
    _offer(
        f"range{patient_id}.{first}.{last}",
        lambda: range_report(store, user, patient_id, first, last),
    )
