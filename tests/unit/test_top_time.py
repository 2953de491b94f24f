"""Time at the top of a rep (``stat: top_s``): time within 15% of the rep's range of its
furthest point, not time past the count's peak threshold (``peak_s``).

A person who lifts slowly and comes straight back down, never pausing, spends about a second
past a threshold halfway up; a hold rule on that time would call it held. Near the top they
spend only the turn.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formcheck.engine.counter import TOP_SHARE
from formcheck.engine.events import RepCompleted, Summary
from formcheck.engine.frames import MetricFrame
from formcheck.engine.session import Engine
from tests.demo_spec import make_spec

FPS = 30.0
LIFT_DEG = 40.0

SPEC = make_spec(
    metrics={"lift_deg": {"kind": "incline", "points": ["HIP", "KNEE"]}},
    reps={
        "metric": "lift_deg",
        "rest": {"lift_deg": {"below": 5}},
        "peak": {"lift_deg": {"above": 20}},  # halfway up
        "min_range": 15,
        "debounce_s": 0.1,
    },
    rep_rules=[
        {
            "id": "short_hold",
            "stat": "top_s",
            "when": {"below": 1.0},
            "severity": "info",
            "cue": "Hold at the top",
            "message": "Not held",
        },
        {
            "id": "short_past_threshold",
            "stat": "peak_s",
            "when": {"below": 1.0},
            "severity": "info",
            "cue": "Hold at the top",
            "message": "Not past the threshold for long",
        },
    ],
)


def _rep(up_s: float, top_s: float, down_s: float, jitter_deg: float = 0.0, seed: int = 0):
    """Rest 1 s, a smooth (eased) lift to LIFT_DEG over ``up_s``, ``top_s`` there, lowering
    over ``down_s``, rest 1 s."""
    knots = np.cumsum([0.0, 1.0, up_s, top_s, down_s, 1.0])
    t = np.arange(0.0, knots[-1], 1.0 / FPS)
    x_up = np.clip((t - knots[1]) / up_s, 0.0, 1.0)
    x_down = np.clip((t - knots[3]) / down_s, 0.0, 1.0)
    ease = lambda x: 3 * x**2 - 2 * x**3  # noqa: E731
    lift = LIFT_DEG * (ease(x_up) - ease(x_down))
    lift += np.random.default_rng(seed).normal(0.0, jitter_deg, t.size)
    return [MetricFrame(float(ti), {"lift_deg": float(v)}) for ti, v in zip(t, lift, strict=True)]


def _run(frames: list[MetricFrame]) -> tuple[list[RepCompleted], Summary]:
    engine = Engine(SPEC)
    events = [e for f in frames for e in engine.update(f)] + engine.finish()
    summary = events[-1]
    assert isinstance(summary, Summary)
    return [e for e in events if isinstance(e, RepCompleted)], summary


def test_a_slow_rep_with_no_pause_is_past_the_threshold_long_but_at_the_top_briefly() -> None:
    (rep,), summary = _run(_rep(up_s=1.5, top_s=0.0, down_s=1.5))
    # Past the halfway threshold for half of the 3 s of movement (1.5 s); within 15% of the
    # top for the eased turn only, about a quarter of each 1.5 s ramp (0.74 s in all).
    assert summary.issue_counts == {"short_hold": 1}
    assert rep.rep_number == 1


def test_a_held_top_is_timed_whatever_the_speed_either_side() -> None:
    _, summary = _run(_rep(up_s=0.6, top_s=2.0, down_s=0.6))
    assert summary.issue_counts == {}


@settings(max_examples=20, deadline=None)
@given(
    top_s=st.floats(min_value=1.5, max_value=4.0),
    ramp_s=st.floats(min_value=0.4, max_value=2.0),
    jitter_deg=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(0, 2**16),
)
def test_a_held_top_with_tremor_is_never_short(
    top_s: float, ramp_s: float, jitter_deg: float, seed: int
) -> None:
    # A tremor of a degree on a 40 degree lift stays inside the 6 degree top band.
    _, summary = _run(_rep(ramp_s, top_s, ramp_s, jitter_deg, seed))
    assert "short_hold" not in summary.issue_counts


def _eased_share_near_top() -> float:
    """The share of an eased ramp (3x^2 - 2x^3) spent within TOP_SHARE of its end."""
    roots = np.roots([-2.0, 3.0, 0.0, -(1.0 - TOP_SHARE)])
    x = min(r.real for r in roots if abs(r.imag) < 1e-9 and 0.0 < r.real < 1.0)
    return 1.0 - x


@pytest.mark.parametrize("top_s", [0.0, 0.2, 0.4])
def test_the_top_time_is_the_pause_plus_the_eased_turn(top_s: float) -> None:
    engine = Engine(SPEC)
    records = []
    for frame in _rep(1.0, top_s, 1.0):
        engine.update(frame)
        counter = engine.tracks[0].counter
        assert counter is not None
        if counter.current is not None:
            records.append(counter.current)
    turn_s = 2 * _eased_share_near_top() * 1.0  # the end of the 1 s lift and start of lowering
    assert turn_s == pytest.approx(0.49, abs=0.01)
    assert records[-1].top_time_s == pytest.approx(top_s + turn_s, abs=1.5 / FPS)
