"""One live set's life: the stages, ending it, and the pain check that decides what comes next.

ready --Start set--> running --Finish set / STOP--> rating --Save--> ready (next set)
                        |                              |
                        +----Sharp pain-----> stopped <+-- pain up 2+ or sharp pain
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import streamlit as st

from formcheck.app import live_panel, saving, ui
from formcheck.app.live_state import LiveSession
from formcheck.app.safety import PainVerdict, SetRecord, judge_pain
from formcheck.engine.events import Event, Summary
from formcheck.specs import ExerciseSpec
from formcheck.store import ReferenceTargets

FLOW_KEY = "fc.live"


@dataclass
class LiveFlow:
    """Where this browser session is in its sets (kept in ``st.session_state``)."""

    stage: Literal["ready", "running", "rating", "stopped"] = "ready"
    set_number: int = 1
    pain_before: int | None = None
    session: LiveSession | None = None
    events: list[Event] = field(default_factory=list)
    verdict: PainVerdict | None = None
    saved: saving.Saved | None = None  # whether the last set was saved, in words
    # The patient's reference rep for the set's exercise: read once as the set starts, so the
    # page never asks the database while the set runs.
    reference: ReferenceTargets | None = None


def current() -> LiveFlow:
    """This browser session's flow (created on first use)."""
    flow: LiveFlow = st.session_state.setdefault(FLOW_KEY, LiveFlow())
    return flow


def end_set(flow: LiveFlow) -> None:
    """Finishes the set's analysis (closing the coach) and asks for the pain rating."""
    if flow.session is not None:
        flow.events = flow.session.finish()
    flow.stage = "rating"


def _log(flow: LiveFlow, spec: ExerciseSpec, record: SetRecord) -> None:
    """Adds the set to this session's log and saves it for a logged-in patient."""
    ui.set_log().append(record)
    recording = flow.session.recording() if flow.session is not None else None
    flow.saved = saving.save_set(spec, record, flow.events, recording)


def sharp_pain(flow: LiveFlow, spec: ExerciseSpec) -> None:
    """The "Sharp pain" button: the set ends at once and no further set starts."""
    end_set(flow)
    before = flow.pain_before or 0
    flow.verdict = judge_pain(before, before, sharp=True)
    _log(
        flow,
        spec,
        SetRecord(spec.name, before, None, True, None, None, True, "stopped: sharp pain"),
    )
    flow.stage = "stopped"


def rating(flow: LiveFlow, spec: ExerciseSpec) -> None:
    """The set's summary, then pain after the set; Save judges it and moves the flow on."""
    summary = next((e for e in reversed(flow.events) if isinstance(e, Summary)), None)
    live_panel.set_summary(spec, summary, flow.events)
    st.markdown("**How is your pain now?**")
    after = ui.pain_rating("Pain after the set", f"pain_after.{flow.set_number}")
    sharp = st.checkbox("I felt sharp pain during the set", key=f"fc_w.sharp.{flow.set_number}")
    if st.button("Save", type="primary", disabled=after is None) and after is not None:
        before = flow.pain_before or 0
        verdict = judge_pain(before, after, sharp=sharp)
        flow.verdict = verdict
        _log(
            flow,
            spec,
            SetRecord(
                spec.name,
                before,
                after,
                sharp,
                summary.reps if summary and spec.counts_reps else None,
                summary.hold_s if summary and not spec.counts_reps else None,
                verdict.stop,
                "stopped" if verdict.stop else "ok",
            ),
        )
        if verdict.stop:
            flow.stage = "stopped"
        else:
            last = flow.set_number >= spec.dosage.sets
            rest = f"Rest {spec.dosage.rest_s:g} s before the next set."
            done = "That completes today's sets: well done."
            flow.verdict = PainVerdict(False, f"{verdict.message} {done if last else rest}")
            flow.set_number += 1
            flow.stage, flow.pain_before, flow.session = "ready", None, None
        st.rerun()
