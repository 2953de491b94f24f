"""Landmark-only session files: one set's movement, metrics and events, without any pixels.

A patient exports a set; a therapist imports it and replays it as a skeleton. The file is a
small versioned zip (see :mod:`formcheck.sessionfile._format` for the layout)::

    from formcheck.sessionfile import export_session, import_session, recording_from_analysis

    recording = recording_from_analysis(result, track)
    export_session(recording, "bridge.fcsession")
    again = import_session("bridge.fcsession")  # SessionFileError if corrupt, foreign or newer
"""

from formcheck.sessionfile._build import LiveRecorder, recording_from_analysis
from formcheck.sessionfile._format import (
    FORMAT_VERSION,
    SUFFIX,
    export_session,
    import_session,
    read_session_bytes,
    session_bytes,
)
from formcheck.sessionfile._recording import SessionRecording, Source

__all__ = [
    "FORMAT_VERSION",
    "SUFFIX",
    "LiveRecorder",
    "SessionRecording",
    "Source",
    "export_session",
    "import_session",
    "read_session_bytes",
    "recording_from_analysis",
    "session_bytes",
]
