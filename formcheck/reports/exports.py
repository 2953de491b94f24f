"""The report's data as CSV (one row per set) and JSON (everything, for other tools)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from enum import Enum
from typing import Any

from formcheck.reports.data import ReportData

CSV_COLUMNS = (
    "date", "session_id", "exercise", "source", "set", "reps", "hold_s", "mean_range",
    "best_range", "flags", "overruled", "pain_before", "pain_after",
)  # fmt: skip


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 2)
    return value


def report_csv(report: ReportData) -> str:
    """One row per set: date, exercise, reps, hold, range, flags (and overruled), pain."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in report.sets:
        writer.writerow(
            _cell(v)
            for v in (
                line.day.isoformat(), line.session_id, line.exercise, line.source,
                line.set_number, line.reps, line.hold_s, line.mean_range, line.best_range,
                line.flags, line.overruled, line.pain_before, line.pain_after,
            )
        )  # fmt: skip
    return out.getvalue()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if hasattr(value, "adherence") and "adherence" not in data:
            data["adherence"] = round(value.adherence, 4)
        return data
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_dict(report: ReportData) -> dict[str, Any]:
    """The whole report as JSON-ready data (sessions with their sets, reps, flags, reviews)."""
    data: dict[str, Any] = _plain(report)
    data["totals"] = {
        "sessions": len(report.sessions),
        "sets": len(report.sets),
        "reps": report.total_reps,
        "hold_s": round(report.total_hold_s, 4),
        "flags": report.total_flags,
        "overruled": report.total_overruled,
    }
    data["format"] = "formcheck-report/1"
    return data


def report_json(report: ReportData) -> str:
    return json.dumps(report_dict(report), indent=1, ensure_ascii=False)
