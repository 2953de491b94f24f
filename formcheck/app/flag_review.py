"""The form flags of a session, each with its verdicts so far; the patient's therapist confirms
or overrules each one with a note (kept with who and when, shown to both afterwards)."""

from __future__ import annotations

import streamlit as st

from formcheck.app import account, replay_view
from formcheck.store import EventRecord, SessionDetail, Store, UserInfo, Verdict, review_flag

_SEVERITY_ICON = {"error": ":red[●]", "warning": ":orange[●]", "info": ":blue[●]"}
_VERDICT_WORDS = {
    Verdict.CONFIRMED: ":green[Confirmed]",
    Verdict.OVERRULED: ":violet[Overruled]",
}


def _history(flag: EventRecord) -> str:
    lines = [
        f"{_VERDICT_WORDS[r.verdict]} by {r.reviewer_name}, {r.reviewed_at:%d %b %Y %H:%M} UTC"
        + (f": “{r.note}”" if r.note else "")
        for r in flag.reviews
    ]
    return "  \n".join(lines) if lines else ":gray[Not reviewed yet]"


def _review(store: Store, user: UserInfo, flag: EventRecord, verdict: Verdict) -> None:
    note = str(st.session_state.get(f"fc_w.flag.{flag.id}.note", ""))
    done = account.attempt(
        lambda: review_flag(store, user, flag.id, verdict, note), "The verdict was not saved"
    )
    if done is not None:
        st.toast(f"Flag {verdict.value}.", icon=":material/check:")


def _flag(
    store: Store, user: UserInfo, flag: EventRecord, set_number: int, replay_key: str | None
) -> None:
    """One flag's card; ``replay_key`` when the replay shows this flag's set."""
    with st.container(border=True, key=f"fc_flag_{flag.id}"):
        words, show = st.columns([5, 1], vertical_alignment="top")
        rep = f"Rep {flag.rep_number} · " if flag.rep_number is not None else ""
        words.markdown(
            f"{_SEVERITY_ICON.get(flag.severity, '')} **{flag.time_s:.1f} s** · set {set_number} · "
            f"{rep}{flag.message}" + (f"  \nCue: *{flag.cue}*" if flag.cue else "")
        )
        words.markdown(_history(flag))
        if replay_key is not None:
            show.button(
                "Show",
                key=f"fc_w.flag.{flag.id}.show",
                icon=":material/play_circle:",
                on_click=replay_view.jump,
                args=(replay_key, flag.time_s),
            )
        if not user.is_therapist:
            return
        # A form: the note travels with the verdict in one submission (no rerun per keystroke).
        with st.form(f"fc_w.flag.{flag.id}.form", border=False, clear_on_submit=True):
            note, confirm, overrule = st.columns([4, 1, 1], vertical_alignment="bottom")
            note.text_input("Note (optional)", key=f"fc_w.flag.{flag.id}.note")
            confirm.form_submit_button(
                "Confirm",
                key=f"fc_w.flag.{flag.id}.confirm",
                on_click=_review,
                args=(store, user, flag, Verdict.CONFIRMED),
            )
            overrule.form_submit_button(
                "Overrule",
                key=f"fc_w.flag.{flag.id}.overrule",
                on_click=_review,
                args=(store, user, flag, Verdict.OVERRULED),
            )


def flags(
    store: Store, user: UserInfo, detail: SessionDetail, replayed: tuple[int, str] | None
) -> None:
    """Every flag of every set in time order, with its verdicts (and, for the therapist, the
    buttons to give one). ``replayed``: the set number the replay shows, and its key."""
    st.subheader("Form flags")
    if user.is_therapist:
        st.caption(
            "Confirm a flag you agree with, or overrule one FormCheck got wrong; add a note "
            "for your patient. Every verdict is kept with your name and the time."
        )
    if not detail.events:
        st.success("No form flags in this session.", icon=":material/thumb_up:")
        return
    for session_set in detail.sets:
        for flag in session_set.events:
            key = replayed[1] if replayed and replayed[0] == session_set.number else None
            _flag(store, user, flag, session_set.number, key)
