"""A report in a format chosen by name, with its MIME type and a file name (for downloads)."""

from __future__ import annotations

import re
from collections.abc import Callable

from formcheck.errors import FormCheckError
from formcheck.reports.data import ReportData
from formcheck.reports.exports import report_csv, report_json
from formcheck.reports.html import report_html
from formcheck.reports.pdf import report_pdf

_RENDERERS: dict[str, tuple[Callable[[ReportData], bytes], str]] = {
    "html": (lambda r: report_html(r).encode("utf-8"), "text/html"),
    "pdf": (report_pdf, "application/pdf"),
    "csv": (lambda r: report_csv(r).encode("utf-8"), "text/csv"),
    "json": (lambda r: report_json(r).encode("utf-8"), "application/json"),
}
FORMATS = tuple(_RENDERERS)


def render(report: ReportData, fmt: str) -> tuple[bytes, str, str]:
    """The report as ``fmt`` (html, pdf, csv or json): its bytes, MIME type and a file name.

    Raises:
        FormCheckError: an unknown format.
    """
    try:
        renderer, mime = _RENDERERS[fmt.lower()]
    except KeyError:
        raise FormCheckError(f"report format {fmt!r}: choose one of {', '.join(FORMATS)}") from None
    who = re.sub(r"[^a-z0-9]+", "-", report.patient.username.lower()).strip("-") or "patient"
    name = f"formcheck-{who}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{fmt.lower()}"
    return renderer(report), mime, name
