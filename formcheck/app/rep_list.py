"""A session's reps against the patient's reference rep, with a button to step the replay to
each and (for the therapist) to make one the new reference."""

from __future__ import annotations

import streamlit as st

from formcheck.app import account, replay_view
from formcheck.app.rep_reference import comparison_line, reference_line
from formcheck.store import (
    RepRecord,
    SessionDetail,
    Store,
    UserInfo,
    compare_to_reference,
    record_reference_rep,
    reference_for,
)


def _make_reference(store: Store, user: UserInfo, rep: RepRecord) -> None:
    done = account.attempt(
        lambda: record_reference_rep(store, user, rep.id), "The reference was not saved"
    )
    if done is not None:
        st.toast(f"Rep {rep.number} is now the reference.", icon=":material/check:")


def reps(
    store: Store, user: UserInfo, detail: SessionDetail, replayed: tuple[int, str] | None
) -> None:
    """One line per counted rep: range, tempo, issues and the difference from the reference.

    ``replayed`` is the set number the replay shows and the replay's key (its reps get a
    button that moves the replay to them)."""
    if not detail.summary.counts_reps or not detail.rep_rows:
        return
    st.subheader("Reps")
    targets = account.attempt(
        lambda: reference_for(store, user, detail.summary.patient_id, detail.summary.exercise_id),
        "The reference rep cannot be read",
    )
    if targets is None:
        st.caption("No reference rep yet for this exercise.")
    else:
        st.caption(reference_line(targets))
    for session_set in detail.sets:
        for rep in session_set.rep_rows:
            words, show, use = st.columns([6, 1, 2], vertical_alignment="center")
            issues = ", ".join(i.replace("_", " ") for i in rep.issues) or "no issues"
            line = (
                f"**Set {session_set.number}, rep {rep.number}**"
                + (f" ({rep.side})" if rep.side else "")
                + f" · range {rep.range_of_motion:.0f} · {rep.duration_s:.1f} s · {issues}"
            )
            if targets is not None and rep.complete:
                comparison = compare_to_reference(targets, rep.range_of_motion, rep.duration_s)
                line += f"  \n{comparison_line(comparison)}"
            words.markdown(line)
            if replayed is not None and session_set.number == replayed[0]:
                show.button(
                    "Show", key=f"fc_w.rep.{rep.id}.show", icon=":material/play_circle:",
                    on_click=replay_view.jump, args=(replayed[1], rep.start_s),
                )  # fmt: skip
            if user.is_therapist and rep.complete:
                use.button(
                    "Use as reference", key=f"fc_w.rep.{rep.id}.reference",
                    on_click=_make_reference, args=(store, user, rep),
                )  # fmt: skip
