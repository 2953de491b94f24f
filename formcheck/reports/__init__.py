"""Therapist reports: one session or a date range, as HTML, PDF, CSV and JSON.

Build the report's data through the store (access is checked there: a therapist reports on
linked patients only, a patient on their own records), then render it::

    report = range_report(store, therapist, patient_id, date(2025, 3, 1), date(2025, 3, 31))
    Path("march.pdf").write_bytes(report_pdf(report))
    data, mime, name = render(report, "html")   # for a download button
"""

from formcheck.reports.data import ReportData, range_report, session_report
from formcheck.reports.exports import report_csv, report_dict, report_json
from formcheck.reports.html import report_html
from formcheck.reports.pdf import report_pdf
from formcheck.reports.render import FORMATS, render

__all__ = [
    "FORMATS",
    "ReportData",
    "range_report",
    "render",
    "report_csv",
    "report_dict",
    "report_html",
    "report_json",
    "report_pdf",
    "session_report",
]
