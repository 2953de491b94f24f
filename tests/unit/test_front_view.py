"""Exercises counted or timed from more than one camera view (``camera.also``), elevation
metrics, and metrics whose form rules are judged from some views only (``views``).

The squat and the wall sit are filmed side-on for their form, but people often film them from
the front. From there a thigh pointing at the camera looks short, so its plain incline says
nothing; its elevation (the hip's rise above the knee over a length of at least 0.75 shins)
still counts the reps and times the hold.
"""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from formcheck.analysis import analyze_track
from formcheck.engine.events import Event, FormIssueStarted, RepFault, Summary
from formcheck.engine.frames import FrameStatus
from formcheck.engine.session import Engine
from formcheck.kinematics.body import Side, View
from formcheck.kinematics.geometry import elevation_deg, incline_deg
from formcheck.kinematics.metrics import MetricComputer
from formcheck.kinematics.pipeline import (
    LiveKinematics,
    analyse_track,
    frame_status,
    hide_off_view,
)
from formcheck.landmarks import PoseLandmark
from formcheck.specs import get_spec
from formcheck.specs.schema import CameraSpec, ExerciseSpec, MetricSpec
from tests.demo_spec import make_spec
from tests.synthetic_standing import front_squat_track, front_wall_sit_track, squat_track

ELEVATION = {
    "kind": "elevation",
    "points": ["KNEE", "HIP"],
    "length_floor": {"points": ["ANKLE", "KNEE"], "ratio": 0.75},
}


def _side_only(spec: ExerciseSpec) -> ExerciseSpec:
    """``spec`` as it was before it took the front view too."""
    return spec.model_copy(update={"camera": CameraSpec(view=spec.camera.view, setup="Side-on.")})


# -- the elevation ---------------------------------------------------------------------------


@pytest.mark.parametrize("angle_deg", [-60.0, -30.0, 0.0, 15.0, 45.0, 89.0, 90.0])
def test_elevation_is_the_incline_when_the_segment_is_seen_whole(angle_deg: float) -> None:
    a = np.array([[0.4, 0.5]])
    rad = np.radians(angle_deg)
    b = a + 0.2 * np.array([[np.cos(rad), -np.sin(rad)]])  # image y grows downwards
    floor = np.array([0.1])  # shorter than the segment: it does not bind
    assert elevation_deg(a, b, floor)[0] == pytest.approx(angle_deg, abs=1e-9)
    assert incline_deg(a, b)[0] == pytest.approx(angle_deg, abs=1e-9)


def test_a_foreshortened_segment_is_measured_against_its_floor() -> None:
    # A thigh pointing at the camera, its rise 0.1 and nothing across: the incline says 90,
    # the elevation asin(0.1 / 0.2) = 30.
    knee = np.array([[0.5, 0.6]])
    hip = np.array([[0.5, 0.5]])
    assert incline_deg(knee, hip)[0] == pytest.approx(90.0)
    assert elevation_deg(knee, hip, np.array([0.2]))[0] == pytest.approx(30.0)
    # A rise beyond the floor (the floor too long for this person) is clipped to vertical.
    assert elevation_deg(knee, hip, np.array([0.05]))[0] == pytest.approx(90.0)
    # An unknown floor leaves the seen length.
    assert elevation_deg(knee, hip, np.array([np.nan]))[0] == pytest.approx(90.0)


def test_elevation_visibility_leaves_out_the_length_floor() -> None:
    spec = make_spec(metrics={"thigh_deg": ELEVATION}, reps=_reps("thigh_deg"))
    computer = MetricComputer(spec)
    visibility = np.full((1, 33), 0.9)
    visibility[0, PoseLandmark.LEFT_ANKLE] = 0.1  # a cropped ankle
    seen = computer.visibility(visibility, Side.LEFT)
    assert seen["thigh_deg"][0] == pytest.approx(0.9)
    visibility[0, PoseLandmark.LEFT_KNEE] = 0.2
    assert computer.visibility(visibility, Side.LEFT)["thigh_deg"][0] == pytest.approx(0.2)


def _reps(metric: str) -> dict[str, object]:
    return {"metric": metric, "direction": "down", "peak": {metric: {"below": 50}}, "min_range": 30}


# -- the schema ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        ({"kind": "elevation", "points": ["KNEE", "HIP"]}, "length_floor"),
        ({**ELEVATION, "kind": "incline"}, "length_floor"),
        ({**ELEVATION, "length_floor": {"points": ["ANKLE", "BELLY"], "ratio": 0.8}}, "BELLY"),
        ({**ELEVATION, "length_floor": {"points": ["ANKLE", "KNEE"], "ratio": 0}}, "ratio"),
        ({**ELEVATION, "views": ["any"]}, "not 'any'"),
    ],
)
def test_malformed_elevation_metrics_are_rejected(metric: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MetricSpec.model_validate(metric)


def test_a_metric_lists_some_of_the_views_the_camera_takes() -> None:
    camera = {"view": "side", "also": ["front"], "setup": "Side-on or facing."}
    spec = make_spec(
        camera=camera,
        metrics={"thigh_deg": {**ELEVATION, "views": ["side"]}},
        reps=_reps("thigh_deg"),
    )
    assert spec.camera.accepted == {"side", "front"}
    with pytest.raises(ValidationError, match="some, not all"):
        make_spec(metrics={"thigh_deg": {**ELEVATION, "views": ["side"]}}, reps=_reps("thigh_deg"))
    with pytest.raises(ValidationError, match="some, not all"):
        make_spec(
            camera=camera,
            metrics={"thigh_deg": {**ELEVATION, "views": ["side", "front"]}},
            reps=_reps("thigh_deg"),
        )


@pytest.mark.parametrize(
    ("camera", "message"),
    [
        ({"view": "side", "also": ["side"], "setup": "x"}, "repeats the main view"),
        ({"view": "any", "also": ["front"], "setup": "x"}, "already takes all"),
        ({"view": "side", "also": ["any"], "setup": "x"}, "already takes all"),
    ],
)
def test_malformed_camera_views_are_rejected(camera: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CameraSpec.model_validate(camera)


# -- status and what is judged where ---------------------------------------------------------


def test_front_frames_are_judged_only_where_the_spec_takes_the_front_view() -> None:
    squat = get_spec("squat")
    track = front_squat_track(1)
    xyz = track.xyz[:3]
    visibility = track.visibility[:3]
    views = [View.SIDE, View.FRONT, View.UNKNOWN]
    ok, wrong = (
        list(FrameStatus).index(FrameStatus.OK),
        list(FrameStatus).index(FrameStatus.WRONG_VIEW),
    )
    taking, _ = frame_status(MetricComputer(squat), xyz, visibility, Side.LEFT, views, squat.camera)
    assert taking.tolist() == [ok, ok, wrong]
    side_only = _side_only(squat)
    refusing, _ = frame_status(
        MetricComputer(side_only), xyz, visibility, Side.LEFT, views, side_only.camera
    )
    assert refusing.tolist() == [ok, wrong, wrong]


def test_side_only_metrics_are_unseen_on_front_frames_and_others_untouched() -> None:
    squat = get_spec("squat")
    seen = {name: np.full(4, 0.9) for name in squat.metrics}
    views = [View.SIDE, View.FRONT, View.OBLIQUE, View.FRONT]
    hidden = hide_off_view(squat, seen, views)
    for name, metric in squat.metrics.items():
        expected = [0.9, 0.0, 0.9, 0.0] if metric.views else [0.9] * 4
        assert hidden[name].tolist() == expected, name
    assert seen["trunk_incline_deg"].tolist() == [0.9] * 4  # the input is not changed


# -- whole clips from the front --------------------------------------------------------------


def test_a_squat_filmed_from_the_front_is_counted_and_says_what_it_cannot_judge() -> None:
    track = front_squat_track(3)
    result = analyze_track(track, get_spec("squat"))
    assert result.view == "front"
    assert result.can_judge
    assert result.reps == 3
    # Form is judged side-on only: no faults, and the note says why.
    assert not [e for e in result.events if isinstance(e, RepFault | FormIssueStarted)]
    assert any(
        "shallow not checked on 3 rep(s)" in w and "camera side-on" in w for w in result.warnings
    ), result.warnings


def test_a_spec_that_takes_only_the_side_view_refuses_a_front_clip() -> None:
    result = analyze_track(front_squat_track(3), _side_only(get_spec("squat")))
    assert not result.can_judge
    assert result.reps == 0


def test_the_elevation_reads_the_foreshortened_thigh_from_the_front() -> None:
    # Half-way down (thigh 45 degrees up, seen 0.173 tall and 0.01 across) the picture's
    # incline says 87; the elevation, against 0.75 shins, says asin(0.173 / 0.1845) = 70.
    track = front_squat_track(1)
    kinematics = analyse_track(track, get_spec("squat"))
    thigh = kinematics.metrics["thigh_incline_deg"]
    # Standing, the thigh is seen whole (0.245 tall, 0.01 across, as the hips are narrower
    # than the knees): its incline.
    assert np.nanmax(thigh) == pytest.approx(np.degrees(np.arctan2(0.245, 0.01)), abs=0.1)
    assert np.nanmin(thigh) == pytest.approx(0.0, abs=0.5)  # thighs level
    rise = 0.245 * np.sin(np.radians(45.0))
    expected = np.degrees(np.arcsin(rise / (0.75 * 0.246)))
    plane = kinematics.plane
    knee, hip = plane[:, PoseLandmark.LEFT_KNEE], plane[:, PoseLandmark.LEFT_HIP]
    ankle = plane[:, PoseLandmark.LEFT_ANKLE]
    seen_rise = (knee[:, 1] - hip[:, 1]) / (ankle[:, 1] - knee[:, 1])  # in shins
    half_way = int(np.argmin(np.abs(seen_rise - rise / 0.246)))
    assert incline_deg(knee, hip)[half_way] > 85.0
    assert thigh[half_way] == pytest.approx(expected, abs=1.0)


def test_a_shallow_dip_from_the_front_is_not_a_rep() -> None:
    # Thighs 60 degrees above level at the bottom: the elevation reads about 70 (the floor
    # makes a short thigh read high), well short of the count's 50.
    result = analyze_track(front_squat_track(3, bottom_thigh_deg=60.0), get_spec("squat"))
    assert result.reps == 0


def test_a_wall_sit_filmed_from_the_front_is_timed() -> None:
    track = front_wall_sit_track(12.0)
    result = analyze_track(track, get_spec("wall_sit"))
    assert result.can_judge
    main = result.main_hold
    assert main is not None
    assert main.start_s == pytest.approx(float(track.metadata["hold_start_s"]), abs=0.6)
    assert main.end_s == pytest.approx(float(track.metadata["hold_end_s"]), abs=0.6)
    assert not [e for e in result.events if isinstance(e, FormIssueStarted)]
    assert any("back off wall not checked" in w for w in result.warnings), result.warnings
    # Side-only, as before: nothing timed.
    assert _side_only(get_spec("wall_sit")).camera.accepted == {"side"}
    assert analyze_track(track, _side_only(get_spec("wall_sit"))).main_hold is None


def test_side_on_the_squat_elevation_is_its_incline() -> None:
    track = squat_track(2, facing="right")
    kinematics = analyse_track(track, get_spec("squat"))
    plane = kinematics.plane
    side = kinematics.side
    assert side is not None
    knee = plane[:, PoseLandmark[f"{side.side.value.upper()}_KNEE"]]
    hip = plane[:, PoseLandmark[f"{side.side.value.upper()}_HIP"]]
    np.testing.assert_allclose(
        kinematics.metrics["thigh_incline_deg"], incline_deg(knee, hip), atol=1e-9
    )


def test_live_counts_a_front_squat_and_does_not_judge_its_side_only_rules() -> None:
    spec = get_spec("squat")
    track = front_squat_track(3)
    live = LiveKinematics(spec)
    engine = Engine(spec)
    events: list[Event] = []
    frames = []
    for i in range(len(track)):
        frame, _ = live.update(track.frame(i), track.frame_width, track.frame_height)
        frames.append(frame)
        events.extend(engine.update(frame))
    events.extend(engine.finish())
    summary = events[-1]
    assert isinstance(summary, Summary)
    assert summary.reps == 3
    assert not [e for e in events if isinstance(e, RepFault | FormIssueStarted)]
    # Once the view has settled on "front", the side-only metrics are unseen on every frame.
    settled = [f for f in frames if f.view == "front"]
    assert len(settled) > 0.9 * len(frames)
    side_only = {name for name, metric in spec.metrics.items() if metric.views}
    assert all(side_only <= f.unseen for f in settled)
