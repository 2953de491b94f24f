"""The public API is a promise: this test fails when its names change, so a change is deliberate."""

import formcheck

EXPECTED = {
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
}


def test_public_names_are_exactly_the_promised_ones() -> None:
    assert set(formcheck.__all__) == EXPECTED
    assert all(hasattr(formcheck, name) for name in formcheck.__all__)


def test_every_error_is_a_formcheck_error() -> None:
    for error in (
        formcheck.SpecError,
        formcheck.VideoError,
        formcheck.ModelError,
        formcheck.AnalysisError,
    ):
        assert issubclass(error, formcheck.FormCheckError)
