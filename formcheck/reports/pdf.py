"""The report as a PDF (fpdf2; charts as PNG images; no system libraries needed).

Text is set in DejaVu Sans, the TrueType font matplotlib ships, so names and messages in any
European script print as written (fpdf2's built-in fonts know Latin-1 only).
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from formcheck.reports.charts import pain_png, range_trend_png
from formcheck.reports.data import ReportData
from formcheck.reports.tables import Table, all_tables

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
CHART_WIDTH_MM = 170


def _new_pdf(report: ReportData) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"FormCheck report: {report.title}")
    pdf.set_author("FormCheck")
    pdf.set_creation_date(report.generated_at)
    pdf.add_font(FONT, "", str(_FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str, size: float = 12) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(pdf: FPDF, table: Table) -> None:
    _heading(pdf, table.title)
    pdf.set_font(FONT, "", 8)
    if not table.rows:
        pdf.multi_cell(0, 5, table.empty, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        return
    headings = FontFace(emphasis="BOLD", fill_color=(242, 245, 248))
    with pdf.table(headings_style=headings, line_height=5, first_row_as_headings=True) as out:
        if any(table.headers):
            out.row(table.headers)
        else:  # a key-value table: no heading row
            out.row(table.rows[0])
        for row in table.rows if any(table.headers) else table.rows[1:]:
            out.row(row)
    pdf.ln(3)


def _image(pdf: FPDF, png: bytes | None) -> None:
    if png is not None:
        pdf.image(io.BytesIO(png), w=CHART_WIDTH_MM)
        pdf.ln(2)


def report_pdf(report: ReportData) -> bytes:
    """The report as PDF bytes: overview, programme progress, charts, sets and form issues."""
    pdf = _new_pdf(report)
    _heading(pdf, f"FormCheck report: {report.title}", 15)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        0,
        5,
        f"{report.patient.display_name} · generated {report.generated_at:%Y-%m-%d %H:%M} UTC",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    tables = all_tables(report)
    for table in tables[:2]:
        _table(pdf, table)
    _image(pdf, range_trend_png(report))
    _image(pdf, pain_png(report))
    for table in tables[2:]:
        _table(pdf, table)
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(
        0,
        4,
        "FormCheck is not medical advice. Overruled flags were judged acceptable by the "
        "patient's therapist.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
