"""The webcam through streamlit-webrtc: browser -> this server -> browser, no outside server.

The callback is a thin adapter: it hands the newest frame to a :class:`LiveSession` (which
counts the frames it had to skip) and returns the frame with the overlay drawn.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable

import av
import numpy as np
import streamlit as st
from streamlit_webrtc import WebRtcMode, webrtc_streamer
from streamlit_webrtc.config import Translations

from formcheck.app.live_state import LiveSession

KEY = "fc-live-camera"  # streamlit-webrtc owns st.session_state[KEY]
# JSON list of ICE servers (STUN/TURN) for use over a network; none are needed on localhost.
ICE_SERVERS_ENV = "FORMCHECK_ICE_SERVERS"
CAMERA_WORDS: Translations = {
    "device_ask_permission": "Allow FormCheck to use your camera (the video stays on this computer)",
    "device_access_denied": "The camera is blocked: allow it with the camera icon in the address bar",
    "media_api_not_available": "This browser cannot open a camera here: use localhost or https://",
}
CAMERA = {"width": {"ideal": 640}, "height": {"ideal": 480}, "frameRate": {"ideal": 15, "max": 15}}


def video_callback(
    session: LiveSession,
) -> Callable[[list[av.VideoFrame]], Awaitable[list[av.VideoFrame]]]:
    """The adapter streamlit-webrtc calls on its own thread with the frames that arrived since
    the last call: the newest is analysed, older ones are counted as skipped."""

    async def callback(frames: list[av.VideoFrame]) -> list[av.VideoFrame]:
        newest = frames[-1]
        rgb = np.asarray(newest.to_ndarray(format="rgb24"), dtype=np.uint8)
        shown = session.process(rgb, newest.time, skipped=len(frames) - 1)
        return [av.VideoFrame.from_ndarray(shown, format="rgb24")]

    return callback


def ice_servers() -> list[dict[str, object]]:
    """STUN/TURN servers from the environment; none on localhost (a default public STUN server
    that cannot be reached stalls the connection for ~40 s)."""
    text = os.environ.get(ICE_SERVERS_ENV) or "[]"
    try:
        servers = json.loads(text)
    except json.JSONDecodeError as exc:
        st.warning(f"{ICE_SERVERS_ENV} is not valid JSON ({exc}); using no ICE servers.")
        return []
    if not isinstance(servers, list):
        st.warning(f"{ICE_SERVERS_ENV} must be a JSON list of servers; using none.")
        return []
    return servers


def camera(session: LiveSession, on_change: Callable[[], None]) -> None:
    """The video element with START/STOP; frames go to ``session``."""
    webrtc_streamer(
        key=KEY,
        mode=WebRtcMode.SENDRECV,
        rtc_configuration={"iceServers": ice_servers()},
        media_stream_constraints={"video": CAMERA, "audio": False},
        queued_video_frames_callback=video_callback(session),
        video_html_attrs={"autoPlay": True, "muted": True, "style": {"width": "100%"}},
        on_change=on_change,
        translations=CAMERA_WORDS,
    )


def playing() -> bool:
    """Whether the browser says the stream is playing (read in the page thread)."""
    context = st.session_state.get(KEY)
    return context is not None and bool(context.state.playing)
