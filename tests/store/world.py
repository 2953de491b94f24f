"""A small clinic to test against: two therapists, their patients, and recorded sessions.

::

    ana (therapist) ── ben (patient): a live bridge session (2 sets, each with its recording)
    eve (therapist) ── cat (patient): a live bridge session (the same)
    dan (patient, no therapist)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

# The app's record of how a live set ended (a pure dataclass: importing it pulls in no UI).
from formcheck.app.safety import SetRecord
from formcheck.engine.events import (
    Event,
    FormIssueEnded,
    FormIssueStarted,
    HoldWindow,
    IncompleteRep,
    RepCompleted,
    RepFault,
    Summary,
)
from formcheck.engine.frames import MetricFrame
from formcheck.landmarks import NUM_LANDMARKS, PoseFrame
from formcheck.sessionfile import LiveRecorder, SessionRecording
from formcheck.specs import get_spec
from formcheck.store import (
    Store,
    UserInfo,
    create_account,
    create_invite,
    redeem_invite,
    save_live_set,
    start_live_session,
)

DAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)  # a Monday


def rep_events(
    ranges: list[float],
    *,
    durations: list[float] | None = None,
    side: str | None = "left",
    fault_every: int = 0,
) -> list[Event]:
    """A set's events: one RepCompleted per range, a frame fault on the first rep, a too_fast
    fault on every ``fault_every``-th rep, and the Summary."""
    events: list[Event] = []
    t = 0.0
    for number, rom in enumerate(ranges, start=1):
        duration = durations[number - 1] if durations else 2.0
        start, peak, end = t + 0.5, t + 0.5 + duration / 2, t + 0.5 + duration
        if number == 1:
            events.append(
                FormIssueStarted(
                    peak,
                    "over_arching",
                    "warning",
                    "Keep a line",
                    "Hips too high",
                    24.0,
                    number,
                    peak - 0.4,
                    side,
                )
            )
            events.append(FormIssueEnded(peak + 0.3, "over_arching", peak - 0.4, 0.7, 26.5, side))
        events.append(
            RepCompleted(
                end,
                number,
                side,
                start,
                peak,
                end,
                duration,
                rom,
                {"hip_line_deg": -rom},
                {"hip_line_deg": 0.0},
                (),
            )
        )
        if fault_every and number % fault_every == 0:
            events.append(RepFault(end, "too_fast", number, "info", "Slow down", "Too fast", 1.0))
        t = end
    events.append(IncompleteRep(t + 0.2, t + 0.1, 8.0, -30.0, side))
    events.append(Summary(t + 1.0, len(ranges), {side or "": len(ranges)}, 0.0, (), {}, 0.95))
    return events


def hold_events(held_s: float) -> list[Event]:
    window = HoldWindow(1.0, 1.0 + held_s, held_s, 0.0)
    return [Summary(held_s + 2.0, 0, {}, held_s, (window,), {}, 0.9)]


def plank_upload(video: str = "plank.mp4", held_s: float = 3.0) -> Any:
    """What ``save_upload_review`` reads of an AnalysisResult, for a plank video (no pipeline)."""
    return SimpleNamespace(
        exercise="plank", exercise_name="Plank", video=video, duration_s=held_s + 2.0,
        counts_reps=False, view="side", warnings=[], events=hold_events(held_s),
    )  # fmt: skip


def set_recording(events: list[Event], *, frames: int = 30, fps: float = 15.0) -> SessionRecording:
    """A live bridge set's landmark recording: a body drifting slowly for ``frames`` frames.

    The store keeps it as bytes; only that it comes back whole matters, not the movement."""
    recorder = LiveRecorder()
    xyz = np.full((NUM_LANDMARKS, 3), 0.5)
    for i in range(frames):
        t = i / fps
        pose = PoseFrame(t, xyz + i * 0.001, np.full(NUM_LANDMARKS, 0.9), 1)
        recorder.add(pose, MetricFrame(t, {"hip_line_deg": -20.0 + i % 10}, side="left"))
    return recorder.recording(get_spec("glute_bridge"), events, (640, 480), recorded_at=DAY)


@dataclass(frozen=True)
class World:
    ana: UserInfo
    eve: UserInfo
    ben: UserInfo
    cat: UserInfo
    dan: UserInfo
    ben_session: int
    cat_session: int


def linked_patient(store: Store, therapist: UserInfo, username: str) -> UserInfo:
    patient = create_account(store, username, "patient-password", "patient", username.title())
    redeem_invite(store, patient, create_invite(store, therapist, now=DAY).code, now=DAY)
    return patient


def build_world(store: Store) -> World:
    ana = create_account(store, "ana", "therapist-password", "therapist", "Ana Silva")
    eve = create_account(store, "eve", "therapist-password", "therapist", "Eve Ng")
    ben = linked_patient(store, ana, "ben")
    cat = linked_patient(store, eve, "cat")
    dan = create_account(store, "dan", "patient-password", "patient", "Dan")
    bridge = get_spec("glute_bridge")
    sessions = []
    for patient in (ben, cat):
        session_id = start_live_session(store, patient, bridge, started_at=DAY)
        for number, ranges in enumerate(([40.0, 42.0, 38.0], [36.0, 35.0]), start=1):
            record = SetRecord(
                "Glute bridge", 2, 2 + number % 2, False, len(ranges), None, False, "ok"
            )
            events = rep_events(ranges, fault_every=2)
            save_live_set(
                store,
                patient,
                session_id,
                record,
                events,
                recording=set_recording(events),
                ended_at=DAY + dt.timedelta(minutes=5 * number),
            )
        sessions.append(session_id)
    return World(ana, eve, ben, cat, dan, sessions[0], sessions[1])
