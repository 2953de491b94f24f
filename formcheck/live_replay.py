"""The live path measured offline: a clip's landmarks fed to the live kinematics and engine
frame by frame, as a camera would, with every frame or with frames arriving unevenly (a busy
laptop, a stalling webcam). Used by ``bench/bursty_stream.py`` and the live tests."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from formcheck.engine.session import Engine
from formcheck.kinematics.pipeline import LiveKinematics
from formcheck.landmarks import FloatArray, PoseTrack
from formcheck.specs import ExerciseSpec


def live_rep_count(track: PoseTrack, spec: ExerciseSpec, frames: Iterable[int]) -> int:
    """Reps the live path counts when the track's ``frames`` (indices, in order) arrive."""
    live = LiveKinematics(spec)
    engine = Engine(spec)
    for i in frames:
        frame, _ = live.update(track.frame(i), track.frame_width, track.frame_height)
        engine.update(frame)
    engine.finish()
    return engine.reps


def uneven_arrivals(timestamp_s: FloatArray, max_gap_s: float, seed: int) -> list[int]:
    """The frames that arrive when each waits a random 0-``max_gap_s`` after the last one."""
    rng = np.random.default_rng(seed)
    arrived: list[int] = []
    next_t = 0.0
    for i, t in enumerate(timestamp_s.tolist()):
        if t >= next_t:
            arrived.append(i)
            next_t = t + rng.uniform(0.0, max_gap_s)
    return arrived
