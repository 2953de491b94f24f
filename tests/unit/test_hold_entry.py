"""When a hold starts: settling into a position, and being at the top of a rep on arrival.

Metric frames are built directly (no landmarks), so every expected time is exact on the
30 fps frame grid.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formcheck.engine.events import Event, RepCompleted, Summary
from formcheck.engine.frames import MetricFrame
from formcheck.engine.hold import HoldTimer
from formcheck.engine.session import ARRIVAL_TOP_MIN_S, Engine
from formcheck.specs import get_spec
from formcheck.specs.schema import Bound, HoldSpec

FPS = 30
FRAME = 1.0 / FPS
BRIDGE = get_spec("glute_bridge")


def fold_frames(speed_deg_s: float, hold_until_s: float) -> list[MetricFrame]:
    """A stretch metric falling from 90 at ``speed_deg_s`` to 20, held there, then back up."""
    frames = []
    for i in range(int(hold_until_s * FPS) + 60):
        t = i / FPS
        value = max(20.0, 90.0 - speed_deg_s * t) if t <= hold_until_s else 90.0
        frames.append(MetricFrame(t, {"fold_deg": value}))
    return frames


def time_hold(spec: HoldSpec, frames: list[MetricFrame]) -> HoldTimer:
    timer = HoldTimer(spec)
    for frame in frames:
        timer.update(frame, judged=True, form_ok=True)
    timer.finish()
    return timer


def test_a_hold_starts_once_the_person_is_still_not_on_the_way_in() -> None:
    # 33 deg/s: in position (below 50) from 37/30 s; at 20 from 2.1212 s. Over 0.5 s the fold
    # moves under 10 degrees only from 1.8182 s on (33 * 0.303 = 10): the first frame is 55/30.
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)}, settle_deg=10.0, settle_s=0.5)
    timer = time_hold(spec, fold_frames(33.0, hold_until_s=8.0))
    (window,) = timer.windows
    assert window.start_s == pytest.approx(55 / FPS)
    assert window.end_s == pytest.approx(8.0)
    # Timed from the first frame that ends a still half-second (55/30 + 0.5 = 70/30), that
    # frame's own time included.
    assert timer.held_s == pytest.approx(8.0 - 70 / FPS + FRAME)


def test_without_a_settle_condition_the_hold_starts_on_entering_the_position() -> None:
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)}, settle_deg=None)
    timer = time_hold(spec, fold_frames(33.0, hold_until_s=8.0))
    (window,) = timer.windows
    assert window.start_s == pytest.approx(37 / FPS)
    assert timer.held_s == pytest.approx(8.0 - (37 / FPS + spec.enter_s), abs=FRAME)


def test_moving_through_the_position_without_stopping_is_no_hold() -> None:
    # Sweeping 90 -> 20 and on to -50 at 33 deg/s: in position for 3 s, never still.
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)})
    frames = [MetricFrame(i / FPS, {"fold_deg": 90.0 - 33.0 * i / FPS}) for i in range(150)]
    timer = time_hold(spec, frames)
    assert timer.windows == []
    assert timer.held_s == 0.0


@settings(max_examples=40, deadline=None)
@given(
    jitter_deg=st.floats(0.0, 4.0),
    start_s=st.floats(0.0, 3.0),
    seed=st.integers(0, 2**16),
)
def test_a_still_hold_with_jitter_starts_where_it_is_entered(
    jitter_deg: float, start_s: float, seed: int
) -> None:
    # Jitter under the settle threshold (peak to peak 2 x 4 < 10) never delays a still hold.
    rng = np.random.default_rng(seed)
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)})
    frames = []
    for i in range(10 * FPS):
        t = i / FPS
        base = 20.0 if t >= start_s else 90.0
        frames.append(MetricFrame(t, {"fold_deg": base + rng.uniform(-jitter_deg, jitter_deg)}))
    timer = time_hold(spec, frames)
    (window,) = timer.windows
    entered = next(i / FPS for i in range(10 * FPS) if i / FPS >= start_s)
    assert window.start_s == pytest.approx(entered)


# -- at the top on arrival -------------------------------------------------------------------


def bridge_frame(t: float, lift: float) -> MetricFrame:
    """A bridge at ``lift`` (0 down, 1 at the top): hip line -60 -> -5, pelvis 5 -> 35."""
    return MetricFrame(
        t,
        {
            "hip_line_deg": -60.0 + 55.0 * lift,
            "pelvis_lift_deg": 5.0 + 30.0 * lift,
            "hip_extension_deg": 120.0 + 55.0 * lift,
            "knee_angle_deg": 80.0,
        },
        side="left",
    )


def lift_profile(t: float, top_until_s: float) -> float:
    """Up on arrival until ``top_until_s``, lowered over 1 s, rest 1 s, then one 3 s rep."""
    rep_start = top_until_s + 2.0
    if t <= top_until_s:
        return 1.0
    if t <= top_until_s + 1.0:
        return 1.0 - (t - top_until_s)
    if t <= rep_start:
        return 0.0
    if t <= rep_start + 1.0:
        return t - rep_start
    if t <= rep_start + 2.0:
        return 1.0
    return max(0.0, 1.0 - (t - rep_start - 2.0))


def run_bridge(top_until_s: float) -> list[Event]:
    engine = Engine(BRIDGE)
    events: list[Event] = []
    for i in range(int((top_until_s + 7.0) * FPS)):
        t = i / FPS
        events.extend(engine.update(bridge_frame(t, lift_profile(t, top_until_s))))
    events.extend(engine.finish())
    return events


def test_being_at_the_top_on_arrival_is_a_hold_not_a_rep() -> None:
    events = run_bridge(top_until_s=2.0)
    summary = events[-1]
    assert isinstance(summary, Summary)
    reps = [e for e in events if isinstance(e, RepCompleted)]
    assert summary.reps == 1 and len(reps) == 1  # only the rep that started at rest
    first, second = summary.hold_windows
    # The hip line drops below -35 (the top's bound) at 2 + 30/55 s while lowering: the last
    # frame at the top is 76/30.
    assert BRIDGE.reps is not None and BRIDGE.reps.peak["hip_line_deg"].above == -35.0
    assert first.start_s == pytest.approx(0.0)
    assert first.end_s == pytest.approx(76 / FPS)
    assert second.start_s == pytest.approx(reps[0].peak_s)


def test_a_moment_at_the_top_on_arrival_is_not_a_hold() -> None:
    events = run_bridge(top_until_s=ARRIVAL_TOP_MIN_S - 0.6)
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.reps == 1
    (window,) = summary.hold_windows
    assert window.start_s > 2.0  # only the counted rep's time at the top


def test_a_fault_confirmed_late_that_began_before_the_hold_leaves_no_window() -> None:
    # Still in position from 0 s, timed from 0.5 s; at 1.5 s an error-severity fault is
    # confirmed that began at -0.2 s (before the window): none of the hold was in good form.
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)})
    timer = HoldTimer(spec)
    for i in range(46):
        timer.update(MetricFrame(i / FPS, {"fold_deg": 20.0}), judged=True, form_ok=True)
    assert timer.holding and timer.held_s > 0.9
    timer.retract_since(-0.2)
    timer.finish()
    assert timer.windows == []
    assert timer.held_s == pytest.approx(0.0)


def test_a_fault_that_began_before_the_timer_started_leaves_no_window() -> None:
    # Still in position from 0 s: the window would start at 0 s, but time is only counted from
    # 0.5 s (enter_s). A fault from 0.3 s, confirmed at 1.5 s, takes all of it back: nothing
    # was held in good form, so there is no window (not a 0.3 s window with 0 s held).
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)}, enter_s=0.5)
    timer = HoldTimer(spec)
    for i in range(46):
        timer.update(MetricFrame(i / FPS, {"fold_deg": 20.0}), judged=True, form_ok=True)
    assert timer.holding and timer.held_s > 0.9
    timer.retract_since(0.3)
    timer.finish()
    assert timer.windows == []
    assert timer.held_s == pytest.approx(0.0)


def test_a_fault_part_way_through_a_hold_keeps_the_time_before_it() -> None:
    spec = HoldSpec(position={"fold_deg": Bound(below=50.0)}, enter_s=0.5)
    timer = HoldTimer(spec)
    for i in range(46):
        timer.update(MetricFrame(i / FPS, {"fold_deg": 20.0}), judged=True, form_ok=True)
    timer.retract_since(1.0)
    timer.finish()
    (window,) = timer.windows
    assert window.start_s == pytest.approx(0.0)
    assert window.end_s == pytest.approx(1.0)
    # Counted from the frame that completes 0.5 s still (15/30 s) to the fault at 1.0 s.
    assert window.good_form_s == pytest.approx(1.0 - 15 / FPS + FRAME, abs=FRAME)


def test_dips_out_of_the_top_before_any_rest_do_not_split_the_arrival_hold() -> None:
    # Up from the start for 9 s with two 1.5 s dips part way down (a marching bridge: one knee
    # lifts, the hip line breaks, the pelvis stays up), never back to rest: one hold, no rep.
    # At 0.4 of the lift the hip line (-38) is below the top's bound and the pelvis (17) above
    # rest.
    engine = Engine(BRIDGE)
    events: list[Event] = []
    for i in range(9 * FPS):
        t = i / FPS
        dipping = 2.0 <= t < 3.5 or 5.0 <= t < 6.5
        events.extend(engine.update(bridge_frame(t, 0.4 if dipping else 1.0)))
    events.extend(engine.finish())
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.reps == 0
    (window,) = summary.hold_windows
    assert window.start_s == pytest.approx(0.0)
    assert window.end_s == pytest.approx((9 * FPS - 1) / FPS)
    # Time at the top excludes the dips.
    assert window.good_form_s == pytest.approx(9.0 - 3.0 - FRAME, abs=2 * FRAME)


# -- slow or bursty streams ------------------------------------------------------------------


def run_lifts(times_s: list[float], lift) -> int:
    engine = Engine(BRIDGE)
    for t in times_s:
        engine.update(bridge_frame(t, lift(t)))
    engine.finish()
    return engine.reps


def brief_lifts(t: float) -> float:
    """Three quick lifts a second apart, each at the top (lift >= 0.9) for only 0.1 s."""
    if not 1.0 <= t < 4.0:
        return 0.0
    phase = (t - 1.0) % 1.0
    return max(0.0, 1.0 - abs(phase - 0.5) * 5.0)  # peaks at 0.5 s into each second


def test_a_brief_top_seen_on_one_frame_of_a_slow_stream_counts() -> None:
    # 4 frames a second, one of them on each top: each top is on a single frame.
    times = [i * 0.25 for i in range(22)]
    assert sum(brief_lifts(t) >= 0.9 for t in times) == 3
    assert run_lifts(times, brief_lifts) == 3


def test_a_one_frame_glitch_at_full_frame_rate_is_not_a_rep() -> None:
    # 30 fps, resting, with one frame at the top (a cut or a model glitch): not a rep.
    def glitch(t: float) -> float:
        return 1.0 if abs(t - 2.0) < 0.5 * FRAME else 0.0

    assert run_lifts([i / FPS for i in range(4 * FPS)], glitch) == 0


def test_a_rep_starts_where_the_metric_leaves_rest_not_at_its_lowest_point() -> None:
    # Resting 3 s with the pelvis sinking to its lowest at 0.5 s and then back up 1 degree
    # (within the rest band), then a 1 s lift from 3.0 s: the rep starts at about 3.0 s.
    def lift(t: float) -> float:
        if t < 3.0:
            return 0.0 if abs(t - 0.5) < 0.2 else 0.02
        return min(1.0, t - 3.0) if t < 5.0 else max(0.0, 1.0 - (t - 5.0))

    engine = Engine(BRIDGE)
    events: list[Event] = []
    for i in range(7 * FPS):
        events.extend(engine.update(bridge_frame(i / FPS, lift(i / FPS))))
    events.extend(engine.finish())
    (rep,) = [e for e in events if isinstance(e, RepCompleted)]
    assert rep.start_s == pytest.approx(3.0, abs=2 * FRAME)
