"""Tests for formcheck.annotate: where the skeleton and the panels land, and in what colour."""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt
import pytest

from formcheck.annotate import SEVERITY_COLORS, OverlayState, draw_overlay
from formcheck.landmarks import NUM_LANDMARKS, PoseFrame
from formcheck.landmarks import PoseLandmark as L

GREY = 128

# A standing figure in the right half of the frame, clear of the top-left card.
FIGURE: dict[L, tuple[float, float]] = {
    L.NOSE: (0.70, 0.30),
    L.LEFT_EAR: (0.73, 0.29),
    L.RIGHT_EAR: (0.67, 0.29),
    L.LEFT_SHOULDER: (0.80, 0.40),
    L.RIGHT_SHOULDER: (0.60, 0.40),
    L.LEFT_ELBOW: (0.85, 0.50),
    L.RIGHT_ELBOW: (0.55, 0.50),
    L.LEFT_WRIST: (0.86, 0.60),
    L.RIGHT_WRIST: (0.54, 0.60),
    L.LEFT_HIP: (0.77, 0.60),
    L.RIGHT_HIP: (0.63, 0.60),
    L.LEFT_KNEE: (0.77, 0.75),
    L.RIGHT_KNEE: (0.63, 0.75),
    L.LEFT_ANKLE: (0.77, 0.90),
    L.RIGHT_ANKLE: (0.63, 0.90),
    L.LEFT_HEEL: (0.75, 0.92),
    L.RIGHT_HEEL: (0.61, 0.92),
    L.LEFT_FOOT_INDEX: (0.81, 0.93),
    L.RIGHT_FOOT_INDEX: (0.57, 0.93),
}
LEFT_LEG = frozenset({L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE})


def make_pose(hidden: frozenset[L] = frozenset(), missing: frozenset[L] = frozenset()) -> PoseFrame:
    xyz = np.full((NUM_LANDMARKS, 3), np.nan)
    visibility = np.zeros(NUM_LANDMARKS)
    for landmark, (x, y) in FIGURE.items():
        if landmark not in missing:
            xyz[landmark] = (x, y, 0.0)
            visibility[landmark] = 0.2 if landmark in hidden else 0.95
    return PoseFrame(timestamp_s=0.0, xyz=xyz, visibility=visibility, num_people=1)


def frame(width: int = 640, height: int = 480, value: int = 0) -> npt.NDArray[np.uint8]:
    return np.full((height, width, 3), value, np.uint8)


def midpoint(a: L, b: L, width: int = 640, height: int = 480) -> tuple[int, int]:
    """(row, column) of the middle of the bone from a to b."""
    (ax, ay), (bx, by) = FIGURE[a], FIGURE[b]
    return round((ay + by) / 2 * height), round((ax + bx) / 2 * width)


def changed(before: npt.NDArray[np.uint8], after: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    return np.asarray((before != after).any(axis=2))


def bone_width(img: npt.NDArray[np.uint8], row: int, col: int) -> int:
    """Width of the drawn (non-black) run through (row, col) along the row."""
    lit = img[row].max(axis=1) > 60
    left = col
    while left > 0 and lit[left - 1]:
        left -= 1
    right = col
    while right < img.shape[1] - 1 and lit[right + 1]:
        right += 1
    return right - left + 1


NAME_ONLY = OverlayState("Squat")


# --- skeleton --------------------------------------------------------------------------------


def test_skeleton_is_drawn_where_the_landmarks_are() -> None:
    img = frame()
    draw_overlay(img, make_pose(), NAME_ONLY)
    for a, b in [
        (L.LEFT_HIP, L.LEFT_KNEE),
        (L.RIGHT_SHOULDER, L.RIGHT_ELBOW),
        (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
    ]:
        row, col = midpoint(a, b)
        assert img[row, col].min() > 200, f"bone {a.name}-{b.name} not drawn"
    for landmark in (L.LEFT_KNEE, L.RIGHT_ANKLE, L.NOSE):
        x, y = FIGURE[landmark]
        assert img[round(y * 480), round(x * 640)].min() > 200, f"joint {landmark.name} missing"
    # Between the legs and beside the figure nothing is drawn.
    assert img[round(0.80 * 480), round(0.70 * 640)].max() == 0
    assert img[round(0.60 * 480), round(0.30 * 640)].max() == 0
    assert img[-20:, :].max() == 0  # no cue, so the bottom (below the feet) stays untouched


def test_working_side_is_thicker_and_brighter() -> None:
    img = frame()
    draw_overlay(img, make_pose(), NAME_ONLY, highlight=LEFT_LEG)
    left_row, left_col = midpoint(L.LEFT_HIP, L.LEFT_KNEE)
    right_row, right_col = midpoint(L.RIGHT_HIP, L.RIGHT_KNEE)
    r, g, b = (int(v) for v in img[left_row, left_col])
    assert r < 60 and g > 200 and b > 200, "highlighted bone should be cyan"
    assert img[right_row, right_col].min() > 200, "other bones stay white"
    assert bone_width(img, left_row, left_col) > bone_width(img, right_row, right_col)


def test_low_visibility_landmarks_are_dimmed() -> None:
    img = frame()
    draw_overlay(img, make_pose(hidden=frozenset({L.RIGHT_KNEE})), NAME_ONLY)
    dim_row, dim_col = midpoint(L.RIGHT_HIP, L.RIGHT_KNEE)
    ok_row, ok_col = midpoint(L.LEFT_HIP, L.LEFT_KNEE)
    assert 70 < img[dim_row, dim_col].max() < 160
    assert img[ok_row, ok_col].min() > 200
    assert bone_width(img, dim_row, dim_col) < bone_width(img, ok_row, ok_col)


def test_missing_landmarks_are_skipped() -> None:
    img = frame()
    draw_overlay(img, make_pose(missing=frozenset({L.LEFT_KNEE})), NAME_ONLY)
    row, col = midpoint(L.LEFT_HIP, L.LEFT_KNEE)
    assert img[row, col].max() == 0
    row, col = midpoint(L.RIGHT_HIP, L.RIGHT_KNEE)
    assert img[row, col].min() > 200


def test_off_screen_landmarks_do_not_crash() -> None:
    pose = make_pose()
    assert pose.xyz is not None
    pose.xyz[L.LEFT_WRIST] = (1e9, -1e9, 0.0)
    img = frame()
    draw_overlay(img, pose, NAME_ONLY)
    assert img.shape == (480, 640, 3)


@pytest.mark.parametrize("pose", [None, PoseFrame(0.0, None, None, 0)])
def test_no_pose_draws_panels_only(pose: PoseFrame | None) -> None:
    img = frame()
    draw_overlay(img, pose, OverlayState("Squat", rep_count=2, target_reps=10, cue="Go"))
    assert img[:, 320:][40:400].max() == 0, "no skeleton in the middle right"
    assert img[10:40, 10:60].max() > 0, "card drawn at the top left"
    assert img[-20:, :].max() > 0, "cue banner drawn at the bottom"


# --- panels ----------------------------------------------------------------------------------


def card_rows(state: OverlayState) -> int:
    """How many rows at the top-left the card darkens on a grey frame."""
    before = frame(value=GREY)
    after = before.copy()
    draw_overlay(after, None, state)
    column = changed(before, after)[:, 8]
    return int(column.sum())


def test_counters_and_metrics_grow_the_card() -> None:
    name = card_rows(OverlayState("Squat"))
    reps = card_rows(OverlayState("Squat", rep_count=3, target_reps=10))
    both = card_rows(
        OverlayState("Squat", rep_count=3, target_reps=10, hold_s=4.2, target_hold_s=30)
    )
    metrics = card_rows(
        OverlayState(
            "Squat", rep_count=3, target_reps=10, metrics={"knee": 92.0, "hip_angle_deg": 171.0}
        )
    )
    assert name < reps < both
    assert reps < metrics


def progress_pixels(state: OverlayState) -> int:
    img = frame()
    draw_overlay(img, None, state)
    card = img[:200, :320].astype(int)
    green = (card[..., 1] > 150) & (card[..., 0] < 120) & (card[..., 2] < 150)
    return int(green.sum())


def test_progress_bar_follows_the_count() -> None:
    none = progress_pixels(OverlayState("Squat", rep_count=0, target_reps=10))
    half = progress_pixels(OverlayState("Squat", rep_count=5, target_reps=10))
    full = progress_pixels(OverlayState("Squat", rep_count=10, target_reps=10))
    over = progress_pixels(OverlayState("Squat", rep_count=12, target_reps=10))
    assert none == 0
    assert half > 0
    assert full == pytest.approx(2 * half, rel=0.1)
    assert over == full
    # The bar spans the card, whose width follows its text: compare holds with holds.
    half_hold = progress_pixels(OverlayState("Plank", hold_s=15.0, target_hold_s=30.0))
    full_hold = progress_pixels(OverlayState("Plank", hold_s=30.0, target_hold_s=30.0))
    assert full_hold == pytest.approx(2 * half_hold, rel=0.1)
    assert progress_pixels(OverlayState("Squat", rep_count=4)) == 0  # no target, no bar


@pytest.mark.parametrize("severity", ["info", "warning", "error"])
def test_cue_banner_is_coloured_by_severity(severity: str) -> None:
    img = frame(value=GREY)
    draw_overlay(img, None, OverlayState("Squat", cue="Knees out", cue_severity=severity))
    # The text is centred, so the banner's left end is plain background.
    sample = img[-16:-8, 10:40].reshape(-1, 3).mean(axis=0)
    expected = 0.15 * GREY + 0.85 * np.array(SEVERITY_COLORS[severity])
    assert sample == pytest.approx(expected, abs=3)
    dominant = {"info": 2, "warning": 0, "error": 0}[severity]
    assert int(np.argmax(sample)) == dominant
    if severity == "warning":
        assert sample[1] > 130 > sample[2], "amber: strong green, little blue"
    if severity == "error":
        assert sample[1] < 80 and sample[2] < 80


def test_severity_colours_are_distinct() -> None:
    colours = set(SEVERITY_COLORS.values())
    assert len(colours) == 3


def test_status_banner_shows_setup_guidance() -> None:
    img = frame(value=GREY)
    draw_overlay(img, None, OverlayState("Squat", status="Turn side-on to the camera"))
    pixels = img.reshape(-1, 3).astype(int)
    yellow = (pixels[:, 0] > 200) & (pixels[:, 1] > 170) & (pixels[:, 2] < 110)
    assert yellow.sum() > 100
    rows = np.nonzero(yellow.reshape(480, 640))[0]
    assert rows.max() < 240, "guidance sits near the top, under the card"


def test_long_cue_wraps_inside_the_frame() -> None:
    cue = "Keep your back flat and do not let your hips sag towards the floor at the bottom"
    img = frame(202, 360, GREY)
    draw_overlay(img, None, OverlayState("Bird dog", cue=cue, cue_severity="error"))
    banner = changed(frame(202, 360, GREY), img)[180:]
    rows = np.nonzero(banner.any(axis=1))[0]
    assert rows.size > 0
    # Two lines of text need a taller banner than one.
    one_line = frame(202, 360, GREY)
    draw_overlay(one_line, None, OverlayState("Bird dog", cue="Slow", cue_severity="error"))
    one_rows = np.nonzero(changed(frame(202, 360, GREY), one_line)[180:].any(axis=1))[0]
    assert rows.size > one_rows.size


@pytest.mark.parametrize(
    ("width", "height"), [(202, 360), (161, 121), (1920, 1080), (31, 17), (640, 480), (360, 640)]
)
def test_every_frame_size(width: int, height: int) -> None:
    img = frame(width, height, GREY)
    state = OverlayState(
        "Glute bridge",
        rep_count=3,
        target_reps=10,
        hold_s=12.4,
        target_hold_s=30,
        phase="up",
        side="left",
        metrics={"hip": 170.0, "knee": float("nan")},
        cue="Squeeze your glutes at the top",
        cue_severity="warning",
        status="Turn side-on to the camera",
    )
    pose = make_pose()
    draw_overlay(img, pose, state, highlight=LEFT_LEG)
    assert img.shape == (height, width, 3)
    assert img.dtype == np.uint8
    diff = changed(frame(width, height, GREY), img)
    assert diff[: max(8, height // 10), : max(8, width // 10)].any(), "card drawn"
    assert diff[-max(4, height // 20) :, :].any(), "cue drawn"


def test_non_ascii_text_is_drawn() -> None:
    img = frame(value=GREY)
    draw_overlay(img, None, OverlayState("Brücke — Übung", cue="Knie 90° – gut", status="…"))
    assert changed(frame(value=GREY), img).any()


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="cue_severity must be one of info, warning, error"):
        OverlayState("Squat", cue="x", cue_severity="fatal")
    with pytest.raises(ValueError, match="uint8"):
        draw_overlay(np.zeros((48, 64, 3), np.float32), None, NAME_ONLY)
    with pytest.raises(ValueError, match="C-contiguous"):
        draw_overlay(frame()[:, ::2], None, NAME_ONLY)


def test_fast_enough_for_live_video() -> None:
    img = frame()
    pose = make_pose()
    state = OverlayState(
        "Glute bridge",
        rep_count=3,
        target_reps=10,
        phase="up",
        side="left",
        metrics={"hip": 170.0, "knee": 90.0},
        cue="Squeeze your glutes",
        cue_severity="info",
        status="Move back a little",
    )
    draw_overlay(img, pose, state, highlight=LEFT_LEG)
    start = time.perf_counter()
    for _ in range(20):
        draw_overlay(img, pose, state, highlight=LEFT_LEG)
    per_frame_ms = (time.perf_counter() - start) / 20 * 1000
    # About 1-2 ms on a laptop core; the bound leaves room for a busy shared CI machine.
    assert per_frame_ms < 25
