"""FormCheck: counts reps, times holds and coaches form for lower-back-pain exercises.

The public API, for recorded video::

    from formcheck import analyze_track, get_spec, resolve_model, track_video

    track, warnings = track_video("bridge.mp4", resolve_model())
    result = analyze_track(track, get_spec("glute_bridge"), source_warnings=warnings)
    print(result.reps, result.hold_s, result.warnings)

and for live frames, :class:`LiveCoach`. Everything else is implementation.
"""

from formcheck.analysis import AnalysisResult, analyze_track
from formcheck.engine.events import (
    Cue,
    Event,
    FormIssueEnded,
    FormIssueStarted,
    HoldProgress,
    HoldWindow,
    IncompleteRep,
    RepCompleted,
    RepFault,
    SetupGuidance,
    Summary,
    event_to_dict,
)
from formcheck.engine.frames import FrameStatus, MetricFrame
from formcheck.engine.session import Engine
from formcheck.errors import AnalysisError, FormCheckError, ModelError, SpecError, VideoError
from formcheck.landmarks import PoseFrame, PoseLandmark, PoseTrack
from formcheck.live import LiveCoach, LiveUpdate
from formcheck.pose.model import resolve_model
from formcheck.specs import ExerciseSpec, get_spec, load_all_specs, load_spec
from formcheck.tracking import track_video

__all__ = [
    "AnalysisError",
    "AnalysisResult",
    "Cue",
    "Engine",
    "Event",
    "ExerciseSpec",
    "FormCheckError",
    "FormIssueEnded",
    "FormIssueStarted",
    "FrameStatus",
    "HoldProgress",
    "HoldWindow",
    "IncompleteRep",
    "LiveCoach",
    "LiveUpdate",
    "MetricFrame",
    "ModelError",
    "PoseFrame",
    "PoseLandmark",
    "PoseTrack",
    "RepCompleted",
    "RepFault",
    "SetupGuidance",
    "SpecError",
    "Summary",
    "VideoError",
    "analyze_track",
    "event_to_dict",
    "get_spec",
    "load_all_specs",
    "load_spec",
    "resolve_model",
    "track_video",
]
