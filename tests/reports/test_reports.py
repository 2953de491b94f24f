"""Reports: the numbers of the sessions they cover, in every format, to allowed readers only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from formcheck.errors import FormCheckError
from formcheck.reports import (
    FORMATS,
    range_report,
    render,
    report_csv,
    report_html,
    report_json,
    report_pdf,
    session_report,
)
from formcheck.store import (
    AccessDenied,
    PrescribedExercise,
    Store,
    StoreError,
    get_session,
    prescribe_programme,
    review_flag,
)
from tests.store.backends import BACKENDS, open_test_store
from tests.store.world import DAY, World, build_world

WEEK = (DAY.date(), DAY.date() + dt.timedelta(days=6))


def _pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def reviewed(store: Store, world: World) -> World:
    """Ben on a 3-day bridge programme, with one flag overruled by Ana."""
    prescribe_programme(store, world.ana, world.ben.id, [PrescribedExercise("glute_bridge", 2, 10)],
                        days_per_week=3, starts_on=DAY.date())  # fmt: skip
    flag = get_session(store, world.ana, world.ben_session).events[0]
    review_flag(store, world.ana, flag.id, "overruled", "fine in week 1")
    return world


def test_session_report_pdf_text_has_the_session_numbers(store: Store, reviewed: World) -> None:
    report = session_report(store, reviewed.ana, reviewed.ben_session)
    text = _pdf_text(report_pdf(report))
    assert "Glute bridge on 03 Mar 2025" in text
    assert "Reps 5" in text  # 3 + 2 reps
    assert "Sets 2" in text
    assert "Form flags 6 (1 overruled)" in text
    # Per set: mean range 40.0 (40, 42, 38) and 35.5 (36, 35); pain 2 -> 3 then 2 -> 2.
    assert "40.0" in text and "35.5" in text
    assert "Hips too high" in text and "Too fast" in text


def test_range_report_totals_and_adherence(store: Store, reviewed: World) -> None:
    report = range_report(store, reviewed.ben, reviewed.ben.id, *WEEK)
    assert (report.total_reps, len(report.sets), report.total_flags) == (5, 2, 6)
    assert report.total_overruled == 1
    (row,) = report.progress
    # 3 days a week for a week: 3 days, 6 sets, 60 reps asked; 1 day, 2 sets, 5 reps done.
    assert (row.days_prescribed, row.sets_prescribed, row.reps_prescribed) == (3, 6, 60)
    assert (row.days_done, row.sets_done, row.reps_done) == (1, 2, 5)
    assert report.adherence == pytest.approx(1 / 3)
    issue = next(i for i in report.issues if i.rule_id == "over_arching")
    assert (issue.count, issue.overruled, issue.confirmed) == (2, 1, 0)
    assert [p.mean_range for p in report.range_trend] == [pytest.approx(38.2)]
    assert "33%" in _pdf_text(report_pdf(report))


def test_html_is_self_contained_with_embedded_charts(store: Store, reviewed: World) -> None:
    page = report_html(range_report(store, reviewed.ana, reviewed.ben.id, *WEEK))
    assert page.count("data:image/png;base64,") == 2  # range trend and pain
    assert not re.search(r"(src|href)=['\"]?(https?:|//)", page)
    assert "1 overruled" in page and "Ben" in page


def test_csv_and_json_exports(store: Store, reviewed: World) -> None:
    report = range_report(store, reviewed.ana, reviewed.ben.id, *WEEK)
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert [(r["set"], r["reps"], r["pain_before"], r["pain_after"]) for r in rows] == [
        ("1", "3", "2", "3"),
        ("2", "2", "2", "2"),
    ]
    assert rows[0]["overruled"] == "1" and rows[0]["mean_range"] == "40.0"
    data = json.loads(report_json(report))
    assert data["totals"] == {"sessions": 1, "sets": 2, "reps": 5, "hold_s": 0.0, "flags": 6,
                              "overruled": 1}  # fmt: skip
    reviews = [r for s in data["sessions"] for st in s["sets"] for e in st["events"]
               for r in e["reviews"]]  # fmt: skip
    assert [r["verdict"] for r in reviews] == ["overruled"]
    assert "password" not in report_json(report)


def test_render_names_the_file_and_refuses_unknown_formats(store: Store, world: World) -> None:
    report = session_report(store, world.ben, world.ben_session)
    data, mime, name = render(report, "pdf")
    assert data.startswith(b"%PDF") and mime == "application/pdf"
    assert name == "formcheck-ben-20250303-20250303.pdf"
    with pytest.raises(FormCheckError, match="choose one of html, pdf, csv, json"):
        render(report, "docx")


def test_empty_period_and_bad_periods(store: Store, world: World) -> None:
    later = DAY.date() + dt.timedelta(days=30)
    report = range_report(store, world.ben, world.ben.id, later, later)
    assert report.sets == () and report.adherence is None
    assert "No sessions in this period." in _pdf_text(report_pdf(report))
    with pytest.raises(StoreError, match=r"ends .* before it starts"):
        range_report(store, world.ben, world.ben.id, later, DAY.date())
    with pytest.raises(StoreError, match="at most 366 days"):
        range_report(
            store, world.ben, world.ben.id, DAY.date(), DAY.date() + dt.timedelta(days=400)
        )


@pytest.fixture(scope="module", params=BACKENDS)
def clinic(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, World]]:
    """One clinic per backend for the refusal tests (refused calls change nothing)."""
    with open_test_store(request.param, tmp_path_factory.mktemp("reports")) as opened:
        yield opened, build_world(opened)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("intruder", ["cat", "dan", "eve"])
def test_no_report_or_export_of_another_patient(
    clinic: tuple[Store, World], fmt: str, intruder: str
) -> None:
    store, world = clinic
    actor = getattr(world, intruder)
    with pytest.raises(AccessDenied):
        render(session_report(store, actor, world.ben_session), fmt)
    with pytest.raises(AccessDenied):
        render(range_report(store, actor, world.ben.id, *WEEK), fmt)
