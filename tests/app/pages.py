"""Driving the app's pages in Streamlit's AppTest: open a page (as a user, with query
parameters), read what it shows, and run a live set through the page's own frame callback."""

from __future__ import annotations

import asyncio
from fractions import Fraction

import av
import numpy as np
from streamlit.testing.v1 import AppTest

from formcheck.app import account, ui
from formcheck.app.safety import RED_FLAGS
from formcheck.store import UserInfo

from .fakes import FakeWebRtc

TIMEOUT_S = 60
ALL_CLEAR = {flag.id: False for flag in RED_FLAGS}


def page_test(module: str, user: UserInfo | None = None, **params: str) -> AppTest:
    """The page module's ``render()`` in an AppTest, not run yet (set session state first)."""
    at = AppTest.from_string(
        f"from formcheck.app import {module}\n{module}.render()", default_timeout=TIMEOUT_S
    )
    if user is not None:
        at.session_state[account.USER_KEY] = user
    for name, value in params.items():
        at.query_params[name] = value
    return at


def open_page(module: str, user: UserInfo | None = None, **params: str) -> AppTest:
    """Like :func:`page_test`, run once."""
    return page_test(module, user, **params).run()


def texts(at: AppTest) -> str:
    """Every text element the page shows, one per line."""
    parts = [e.value for e in (*at.markdown, *at.caption, *at.subheader, *at.title)]
    parts += [e.value for e in (*at.error, *at.warning, *at.info, *at.success)]
    return "\n".join(str(p) for p in parts)


def buttons(at: AppTest, label: str) -> list:  # type: ignore[type-arg]
    return [b for b in at.button if b.label == label]


def start_set(at: AppTest, pain_before: int) -> AppTest:
    """On the Live page: safety answered, the glute bridge picked, pain rated, set started."""
    at.session_state[ui.ANSWERS_KEY] = ALL_CLEAR
    at.session_state[ui.EXERCISE_KEY] = "glute_bridge"
    at.run()
    at.radio(key="fc_w.pain_before.1").set_value(pain_before).run()
    next(b for b in at.button if b.label == "Start set").click().run()
    assert not at.exception
    return at


def feed(fake: FakeWebRtc, seconds: float, fps: float = 15.0) -> None:
    """Sends blank 16:9 frames through the page's own callback, as streamlit-webrtc would."""
    callback = fake.frames_callback
    for i in range(round(seconds * fps)):
        frame = av.VideoFrame.from_ndarray(np.zeros((180, 320, 3), np.uint8), format="rgb24")
        frame.pts, frame.time_base = i, Fraction(1, round(fps))
        shown = asyncio.run(callback([frame]))
        assert len(shown) == 1 and shown[0].width == 320
