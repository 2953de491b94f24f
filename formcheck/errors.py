"""FormCheck's error hierarchy.

Every failure a user can cause (a bad file, a missing model, a broken spec) raises one of these,
so the CLI and the app can print one clear line instead of a traceback::

    FormCheckError
    ├── SpecError        a spec file is missing, unreadable or invalid
    ├── VideoError       a file is not a video, is empty, truncated or cannot be decoded/encoded
    ├── ModelError       the pose model cannot be found, downloaded or loaded
    ├── AnalysisError    a video was read but nothing could be analysed (nobody in frame, ...)
    └── SessionFileError a session file is not one, is corrupt, or is from a newer FormCheck
"""

from __future__ import annotations


class FormCheckError(Exception):
    """Base class of every error FormCheck raises on purpose."""


class SpecError(FormCheckError):
    """An exercise spec could not be found, parsed or validated."""


class VideoError(FormCheckError):
    """A video could not be opened, decoded or written."""


class ModelError(FormCheckError):
    """The pose model could not be resolved, downloaded, verified or loaded."""


class AnalysisError(FormCheckError):
    """A video was read, but nothing in it could be analysed."""


class SessionFileError(FormCheckError):
    """A landmark-only session file could not be written, read or validated."""
