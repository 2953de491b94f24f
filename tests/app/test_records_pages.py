"""The records pages on a seeded store (Streamlit's AppTest): logging in, the session page's
access rules and flag review, the patient list, and the replay component."""

from __future__ import annotations

import datetime as dt

import pytest

from formcheck.app import account
from formcheck.store import (
    Verdict,
    create_account,
    current_programme,
    get_session,
)

from .clinic import PASSWORD, Clinic, opened
from .pages import buttons, open_page, texts


def test_the_therapist_overrules_a_flag_and_it_is_kept_with_who_and_when(clinic: Clinic) -> None:
    at = open_page("session_page", clinic.ana, session=str(clinic.ben_session))
    assert not at.exception
    assert "Glute bridge" in texts(at)
    assert len(buttons(at, "Overrule")) == len(clinic.flag_ids) == 3
    assert len(at.get("image")) == 2  # the skeleton and the angle plot
    flag = clinic.flag_ids[1]
    at.text_input(key=f"fc_w.flag.{flag}.note").set_value("Fine for week 1")
    at.button(key=f"fc_w.flag.{flag}.overrule").click().run()
    assert not at.exception
    assert "Overruled" in texts(at) and "Ana Silva" in texts(at) and "Fine for week 1" in texts(at)
    with opened(clinic) as store:
        reviewed = {e.id: e for e in get_session(store, clinic.ana, clinic.ben_session).events}
    assert reviewed[flag].verdict is Verdict.OVERRULED
    assert reviewed[flag].reviews[-1].reviewer_name == "Ana Silva"
    assert reviewed[flag].reviews[-1].note == "Fine for week 1"
    assert all(reviewed[f].verdict is None for f in clinic.flag_ids if f != flag)


def test_the_patient_sees_their_session_and_verdicts_but_cannot_give_one(clinic: Clinic) -> None:
    at = open_page("session_page", clinic.ben, session=str(clinic.ben_session))
    assert not at.exception
    assert "Form flags" in texts(at)
    assert not buttons(at, "Overrule") and not buttons(at, "Confirm")
    assert buttons(at, "Show")  # jump the replay to a flag


def test_another_patient_cannot_open_the_session(clinic: Clinic) -> None:
    at = open_page("session_page", clinic.cat, session=str(clinic.ben_session))
    assert not at.exception
    assert "This session cannot be opened" in " ".join(e.value for e in at.error)
    shown = texts(at)
    assert "Glute bridge" not in shown and "Form flags" not in shown
    assert not at.download_button and not at.slider


@pytest.mark.parametrize("params", [{}, {"session": "999"}, {"session": "not-a-number"}])
def test_a_missing_or_unknown_session_is_explained(clinic: Clinic, params: dict[str, str]) -> None:
    at = open_page("session_page", clinic.ana, **params)
    assert not at.exception
    assert "Open a session from" in texts(at) or "no session 999" in texts(at)


def test_logged_out_the_records_pages_ask_to_log_in(clinic: Clinic) -> None:
    for module in ("session_page", "my_sessions_page", "patients_page"):
        at = open_page(module, session=str(clinic.ben_session))
        assert not at.exception, module
        assert "Log in" in texts(at), module
        assert "Glute bridge" not in texts(at), module


def test_the_patients_page_is_for_therapists_and_lists_their_patients(clinic: Clinic) -> None:
    at = open_page("patients_page", clinic.ben)
    assert "Only a therapist account" in texts(at)
    at = open_page("patients_page", clinic.ana)
    assert not at.exception
    patients = at.selectbox(key="fc_w.patients.patient")
    assert patients.options == [
        "Ben Jones (1 sessions)",
        "Cat Lee (0 sessions)",
    ]
    assert "Glute bridge" in texts(at)


def test_my_sessions_lists_only_the_patients_own(clinic: Clinic) -> None:
    ben = open_page("my_sessions_page", clinic.ben)
    assert not ben.exception
    assert "Glute bridge" in texts(ben) and buttons(ben, "Open")
    cat = open_page("my_sessions_page", clinic.cat)
    assert "No sessions saved yet" in texts(cat) and not buttons(cat, "Open")


def test_log_in_and_sign_up_with_an_invite_code(clinic: Clinic) -> None:
    at = open_page("account_page")
    at.text_input(key="fc_w.login.username").set_value("ana")
    at.text_input(key="fc_w.login.password").set_value("wrong password")
    at.button[0].click().run()  # the log-in form's submit button
    assert "wrong username or password" in " ".join(e.value for e in at.error)
    at.text_input(key="fc_w.login.password").set_value(PASSWORD)
    at.button[0].click().run()
    assert at.session_state[account.USER_KEY].username == "ana"
    next(b for b in at.button if b.label == "Make an invite code").click().run()
    code = next(s.value for s in at.success if "Invite code" in s.value).split("**")[1]

    new = open_page("account_page")
    new.radio(key="fc_w.signup.role").set_value("patient")
    new.text_input(key="fc_w.signup.name").set_value("Dan Park")
    new.text_input(key="fc_w.signup.username").set_value("dan")
    new.text_input(key="fc_w.signup.password").set_value(PASSWORD)
    next(b for b in new.button if b.label == "Sign up").click().run()
    assert new.session_state[account.USER_KEY].display_name == "Dan Park"
    new.text_input(key="fc_w.redeem.code").set_value(code.lower())
    next(b for b in new.button if b.label == "Link").click().run()
    assert "You are now linked to Ana Silva" in texts(new)


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_the_session_report_is_made_on_request(clinic: Clinic, fmt: str) -> None:
    key = f"session{clinic.ben_session}"
    at = open_page("session_page", clinic.ben, session=str(clinic.ben_session))
    at.radio(key=f"fc_w.report.{key}.format").set_value(fmt).run()
    at.button(key=f"fc_w.report.{key}.make").click().run()
    assert not at.exception and not at.error
    _, data, _mime, name = at.session_state[f"fc.account.report.{key}"]
    assert name == f"formcheck-ben-20260504-20260504.{fmt}"
    assert data.startswith(b"%PDF") if fmt == "pdf" else b"glute" in data.lower()
    assert [b.label for b in at.get("download_button")][-1] == f"Download {name}"


def test_a_patient_reports_on_their_own_sessions_only(clinic: Clinic) -> None:
    today = dt.datetime.now(dt.UTC).date()
    key = f"range{clinic.cat.id}.{today - dt.timedelta(days=27)}.{today}"
    at = open_page("my_sessions_page", clinic.cat)
    at.radio(key=f"fc_w.report.{key}.format").set_value("csv").run()
    at.button(key=f"fc_w.report.{key}.make").click().run()
    assert not at.exception and not at.error
    _, data, _, name = at.session_state[f"fc.account.report.{key}"]
    assert name.startswith("formcheck-cat-") and b"bridge" not in data.lower()


def test_the_therapist_makes_a_rep_the_reference_and_reps_are_compared(clinic: Clinic) -> None:
    at = open_page("session_page", clinic.ana, session=str(clinic.ben_session))
    assert "No reference rep yet" in texts(at)
    first_rep = next(b for b in at.button if b.label == "Use as reference")
    first_rep.click().run()
    assert not at.exception
    shown = texts(at)
    assert "Reference: range" in shown and shown.count("vs reference:") == 3
    patient = open_page("session_page", clinic.ben, session=str(clinic.ben_session))
    assert "vs reference:" in texts(patient)
    assert not [b for b in patient.button if b.label == "Use as reference"]


def test_an_unlinked_therapist_cannot_open_the_session(clinic: Clinic) -> None:
    with opened(clinic) as store:
        eve = create_account(store, "eve", PASSWORD, "therapist", "Eve Moss")
    at = open_page("session_page", eve, session=str(clinic.ben_session))
    assert "This session cannot be opened" in " ".join(e.value for e in at.error)
    assert "Glute bridge" not in texts(at) and not at.download_button
    at = open_page("patients_page", eve)
    assert "No patients yet" in texts(at)


def test_the_therapist_prescribes_a_programme_with_an_adjustment(clinic: Clinic) -> None:
    at = open_page("patients_page", clinic.ana)
    key = f"fc_w.prescribe.{clinic.ben.id}"
    at.multiselect(key=f"{key}.exercises").set_value(["glute_bridge"]).run()
    at.number_input(key=f"{key}.glute_bridge.sets").set_value(2).run()
    at.number_input(key=f"{key}.glute_bridge.reps").set_value(6).run()
    at.text_input(key=f"{key}.glute_bridge.adjust").set_value("reps.min_range=12").run()
    at.number_input(key=f"{key}.days").set_value(3).run()
    at.button(key=f"{key}.save").click().run()
    assert not at.exception and not at.error
    assert "Programme saved" in texts(at)
    with opened(clinic) as store:
        programme = current_programme(store, clinic.ben, clinic.ben.id)
    assert programme is not None and programme.days_per_week == 3
    (item,) = programme.exercises
    assert (item.exercise_id, item.sets, item.reps) == ("glute_bridge", 2, 6)
    assert item.adjustments == {"reps.min_range": 12}
    # A broken adjustment is named on the page and nothing is saved.
    at.text_input(key=f"{key}.glute_bridge.adjust").set_value("reps.min_range").run()
    assert "write path=number" in " ".join(e.value for e in at.error)
