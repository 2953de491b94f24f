"""The report as one self-contained HTML page (charts embedded as PNG data URLs)."""

from __future__ import annotations

import base64
from html import escape

from formcheck.reports.charts import pain_png, range_trend_png
from formcheck.reports.data import ReportData
from formcheck.reports.tables import Table, all_tables

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1b2430; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #d8dee6; padding: 0.3rem 0.5rem; text-align: left; }
th { background: #f2f5f8; } .muted { color: #6b7a90; font-size: 0.85rem; }
img { max-width: 100%; }
"""


def _table(table: Table) -> str:
    parts = [f"<h2>{escape(table.title)}</h2>"]
    if not table.rows:
        parts.append(f"<p class='muted'>{escape(table.empty)}</p>")
        return "\n".join(parts)
    parts.append("<table>")
    if any(table.headers):
        parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr>")
    for row in table.rows:
        parts.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def _image(png: bytes | None, alt: str) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f"<p><img alt='{escape(alt)}' src='data:image/png;base64,{data}'></p>"


def report_html(report: ReportData) -> str:
    """The report as an HTML document with no outside references (safe to email or save)."""
    tables = all_tables(report)
    body = [
        f"<h1>FormCheck report: {escape(report.title)}</h1>",
        f"<p class='muted'>{escape(report.patient.display_name)} · generated "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC</p>",
        _table(tables[0]),
        _table(tables[1]),
        "<h2>Trends</h2>",
        _image(range_trend_png(report), "Range of motion per session"),
        _image(pain_png(report), "Pain before and after each set"),
        *(_table(t) for t in tables[2:]),
        "<p class='muted'>FormCheck is not medical advice. Overruled flags were judged "
        "acceptable by the patient's therapist.</p>",
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>FormCheck report: {escape(report.title)}</title><style>{_STYLE}</style></head>"
        "<body>\n" + "\n".join(part for part in body if part) + "\n</body></html>\n"
    )
