"""Spoken cues through the browser's own speech synthesis (nothing leaves the machine)."""

from __future__ import annotations

import json

import streamlit as st


def speech_html(text: str, number: int) -> str:
    """A tiny page that speaks ``text`` once when it loads.

    ``number`` makes each new cue a new page, so the browser speaks it once even when the
    same words come back later.
    """
    literal = json.dumps(text).replace("</", "<\\/")
    return (
        f"<!-- cue {number} -->\n<script>\n"
        "const synth = window.speechSynthesis;\n"
        "if (synth) {\n"
        "  synth.cancel();\n"
        f"  const utterance = new SpeechSynthesisUtterance({literal});\n"
        "  utterance.rate = 1.0;\n"
        "  synth.speak(utterance);\n"
        "}\n</script>"
    )


def speak(text: str, number: int) -> None:
    """Speaks ``text`` in the user's browser (once per ``number``)."""
    st.iframe(speech_html(text, number), height=1, alt="Spoken cue")
