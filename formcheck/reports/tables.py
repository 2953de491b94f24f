"""The report's sections as titled tables of text, shared by the HTML page and the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.reports.data import ReportData


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "None."


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def overview(report: ReportData) -> Table:
    adherence = "no programme" if report.adherence is None else f"{report.adherence:.0%}"
    rows = (
        ("Patient", report.patient.display_name),
        ("Period", f"{report.start:%Y-%m-%d} to {report.end:%Y-%m-%d}"),
        ("Sessions", str(len(report.sessions))),
        ("Sets", str(len(report.sets))),
        ("Reps", str(report.total_reps)),
        ("Hold time (s)", _num(report.total_hold_s)),
        ("Form flags", f"{report.total_flags} ({report.total_overruled} overruled)"),
        ("Adherence to programme", adherence),
    )
    return Table("Overview", ("", ""), rows)


def progress(report: ReportData) -> Table:
    rows = tuple(
        (
            row.exercise_id.replace("_", " "),
            f"{row.days_done} / {row.days_prescribed:g}",
            f"{row.sets_done} / {row.sets_prescribed:g}",
            "-" if row.reps_prescribed is None else f"{row.reps_done} / {row.reps_prescribed:g}",
            "-"
            if row.hold_prescribed_s is None
            else f"{_num(row.hold_done_s)} / {row.hold_prescribed_s:g}",
            f"{row.adherence:.0%}",
        )
        for row in report.progress
    )
    headers = ("Exercise", "Days", "Sets", "Reps", "Hold (s)", "Adherence")
    return Table("Done against the programme", headers, rows, "No programme for this period.")


def sets(report: ReportData) -> Table:
    rows = tuple(
        (
            f"{line.day:%Y-%m-%d}",
            line.exercise,
            line.source,
            str(line.set_number),
            str(line.reps),
            _num(line.hold_s),
            _num(line.mean_range),
            f"{line.flags} ({line.overruled} overruled)" if line.overruled else str(line.flags),
            _pain(line.pain_before),
            _pain(line.pain_after),
        )
        for line in report.sets
    )
    headers = (
        "Date", "Exercise", "Source", "Set", "Reps", "Hold (s)", "Mean range", "Flags",
        "Pain before", "Pain after",
    )  # fmt: skip
    return Table("Sets", headers, rows, "No sessions in this period.")


def issues(report: ReportData) -> Table:
    rows = tuple(
        (
            line.exercise,
            line.message,
            str(line.count),
            str(line.confirmed),
            str(line.overruled),
        )
        for line in report.issues
    )
    headers = ("Exercise", "Form issue", "Times", "Confirmed", "Overruled")
    return Table("Form issues and how often", headers, rows, "No form issues flagged.")


def all_tables(report: ReportData) -> tuple[Table, ...]:
    return (overview(report), progress(report), sets(report), issues(report))
