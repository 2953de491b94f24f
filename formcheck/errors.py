"""FormCheck's error hierarchy.

Every failure a user can cause (a bad file, a missing model, a broken spec) raises one of these,
so the CLI and the app can print one clear line instead of a traceback::

    FormCheckError
    ├── SpecError        a spec file is missing, unreadable or invalid
    ├── VideoError       a file is not a video, is empty, truncated or cannot be decoded/encoded
    ├── ModelError       the pose model cannot be found, downloaded or loaded
    ├── AnalysisError    a video was read but nothing could be analysed (nobody in frame, ...)
    ├── SessionFileError a session file is not one, is corrupt, or is from a newer FormCheck
    ├── StoreError       the session store cannot be opened, or a request to it is invalid
    │   └── NotFound     a user, session, rep, flag or invite code does not exist
    ├── AuthenticationError  a wrong username or password
    └── AccessDenied     the acting user may not read or change that patient's data
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


class StoreError(FormCheckError):
    """The session store cannot be opened or migrated, or a request to it is invalid."""


class NotFound(StoreError):
    """A user, session, rep, flag or invite code that was asked for does not exist."""


class AuthenticationError(FormCheckError):
    """A login failed: unknown username or wrong password (deliberately not saying which)."""


class AccessDenied(FormCheckError):
    """The acting user may not see or change this data: a therapist reads only their linked
    patients, a patient only their own records."""
