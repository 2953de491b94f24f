"""Draws the coaching overlay on a video frame: skeleton, rep counter or hold timer, cue.

Everything is drawn in place on an RGB frame with OpenCV and scales with the frame, so the same
overlay reads on a 202x360 phone preview and on a 1920x1080 recording. Panels are made
semi-transparent by blending only the pixels they cover, so drawing stays within a few
milliseconds per frame.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from formcheck.landmarks import SKELETON_EDGES, PoseFrame, PoseLandmark

Color = tuple[int, int, int]  # RGB

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")

# Background of the cue banner, and the text drawn on it, per severity.
SEVERITY_COLORS: dict[str, Color] = {
    "info": (25, 105, 210),
    "warning": (245, 165, 0),
    "error": (215, 30, 30),
}
_SEVERITY_TEXT: dict[str, Color] = {
    "info": (255, 255, 255),
    "warning": (20, 20, 20),
    "error": (255, 255, 255),
}

VISIBILITY_THRESHOLD = 0.5

_BONE: Color = (235, 235, 235)
_BONE_HIGHLIGHT: Color = (0, 225, 255)
_BONE_DIM: Color = (110, 110, 110)
_OUTLINE: Color = (15, 15, 15)
_PANEL: Color = (0, 0, 0)
_TEXT: Color = (255, 255, 255)
_TEXT_SOFT: Color = (200, 200, 200)
_STATUS_TEXT: Color = (255, 215, 64)
_BAR_BACK: Color = (70, 70, 70)
_BAR_FILL: Color = (60, 190, 100)
_BAR_DONE: Color = (40, 230, 80)

_PANEL_ALPHA = 0.55
_BANNER_ALPHA = 0.85
_FONT = cv2.FONT_HERSHEY_SIMPLEX

_ASCII_REPLACEMENTS = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00b7": "|",
        "\u00b0": " deg",
    }
)

_JOINTS: tuple[int, ...] = tuple(sorted({int(lm) for edge in SKELETON_EDGES for lm in edge}))


@dataclass(frozen=True, slots=True)
class OverlayState:
    """What the overlay shows besides the skeleton.

    Attributes:
        exercise_name: Shown at the top, e.g. ``"Glute bridge"``.
        rep_count: Reps done so far; shown as ``Reps 3/10`` with a progress bar.
        target_reps: Reps in the set, if there is a target.
        hold_s: Seconds held so far; shown as ``Hold 12.4 / 30 s`` with a progress bar.
        target_hold_s: Seconds to hold, if there is a target.
        phase: Current movement phase, e.g. ``"down"``.
        side: Working side, e.g. ``"left"``.
        metrics: Live joint angles in degrees by display name, e.g. ``{"hip": 172.0}``.
        cue: The one coaching cue to show now, in a banner at the bottom.
        cue_severity: ``"info"``, ``"warning"`` or ``"error"``: the banner's colour.
        status: Setup guidance, e.g. ``"Turn side-on to the camera"``.

    Raises:
        ValueError: ``cue_severity`` is not one of :data:`SEVERITIES`.
    """

    exercise_name: str
    rep_count: int | None = None
    target_reps: int | None = None
    hold_s: float | None = None
    target_hold_s: float | None = None
    phase: str | None = None
    side: str | None = None
    metrics: Mapping[str, float] = field(default_factory=dict)
    cue: str | None = None
    cue_severity: str = "info"
    status: str | None = None

    def __post_init__(self) -> None:
        if self.cue_severity not in SEVERITIES:
            raise ValueError(
                f"cue_severity must be one of {', '.join(SEVERITIES)} (got {self.cue_severity!r})"
            )


@dataclass(frozen=True, slots=True)
class _Layout:
    """Sizes in pixels for one frame size."""

    margin: int
    pad: int
    font_small: float
    font_medium: float
    font_large: float
    font_min: float
    text_thickness: int
    large_thickness: int
    bone: int
    bone_highlight: int
    bone_dim: int
    joint: int
    joint_highlight: int
    bar_height: int
    card_min_width: int


@functools.lru_cache(maxsize=16)
def _layout(width: int, height: int) -> _Layout:
    # One "unit" is a pixel of a 360-pixel-short-side frame, the smallest size the overlay is
    # designed for; fonts have floors so tiny previews stay legible.
    unit = min(max(min(width, height) / 360.0, 0.5), 4.0)
    return _Layout(
        margin=max(2, round(6 * unit)),
        pad=max(2, round(6 * unit)),
        font_small=max(0.33, 0.42 * unit),
        font_medium=max(0.38, 0.5 * unit),
        font_large=max(0.55, 0.8 * unit),
        font_min=0.3,
        text_thickness=max(1, round(unit)),
        large_thickness=max(1, round(2 * unit)),
        bone=max(2, round(2.5 * unit)),
        bone_highlight=max(3, round(4.5 * unit)),
        bone_dim=max(1, round(1.5 * unit)),
        joint=max(2, round(3 * unit)),
        joint_highlight=max(3, round(5 * unit)),
        bar_height=max(3, round(6 * unit)),
        card_min_width=round(150 * unit),
    )


def draw_overlay(
    rgb: npt.NDArray[np.uint8],
    pose: PoseFrame | None,
    state: OverlayState,
    highlight: Collection[PoseLandmark] = (),
) -> None:
    """Draw the skeleton and the coaching panels on ``rgb``, in place.

    Args:
        rgb: ``(height, width, 3)`` uint8 C-contiguous RGB frame; modified in place.
        pose: The frame's pose, or ``None`` (or an undetected pose) to draw panels only.
        state: Counter, cue and guidance to show.
        highlight: Landmarks of the working side, drawn thicker and brighter.

    Raises:
        ValueError: ``rgb`` is not a C-contiguous ``(H, W, 3)`` uint8 array.

    Example::

        state = OverlayState("Glute bridge", rep_count=3, target_reps=10, cue="Squeeze glutes")
        draw_overlay(frame.rgb, pose, state, highlight={PoseLandmark.LEFT_HIP})
    """
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an (H, W, 3) uint8 RGB frame, got {rgb.shape} {rgb.dtype}")
    if not rgb.flags.c_contiguous:
        raise ValueError("the frame must be C-contiguous to be drawn on in place")
    height, width = rgb.shape[:2]
    layout = _layout(width, height)
    if pose is not None and pose.xyz is not None:
        _draw_skeleton(rgb, pose, highlight, layout)
    bottom = _draw_card(rgb, state, layout)
    if state.status:
        _draw_status(rgb, state.status, bottom + layout.margin, layout)
    if state.cue:
        _draw_cue(rgb, state.cue, state.cue_severity, layout)


def _draw_skeleton(
    rgb: npt.NDArray[np.uint8],
    pose: PoseFrame,
    highlight: Collection[PoseLandmark],
    layout: _Layout,
) -> None:
    assert pose.xyz is not None
    height, width = rgb.shape[:2]
    xy = pose.xyz[:, :2] * (width, height)
    finite: npt.NDArray[np.bool_] = np.asarray(np.isfinite(xy).all(axis=1))
    # Keep far-off-screen estimates within int32 range for OpenCV.
    points = np.clip(np.nan_to_num(xy), -4 * max(width, height), 5 * max(width, height))
    points = np.rint(points).astype(np.int32)
    visible: npt.NDArray[np.bool_] = finite
    if pose.visibility is not None:
        visible = np.asarray(finite & (pose.visibility >= VISIBILITY_THRESHOLD))
    marked = {int(lm) for lm in highlight}

    # Dim bones first, highlighted last, so the working side is never drawn over.
    dim: list[tuple[int, int]] = []
    normal: list[tuple[int, int]] = []
    bright: list[tuple[int, int]] = []
    for a_lm, b_lm in SKELETON_EDGES:
        a, b = int(a_lm), int(b_lm)
        if not (finite[a] and finite[b]):
            continue
        if not (visible[a] and visible[b]):
            dim.append((a, b))
        elif a in marked and b in marked:
            bright.append((a, b))
        else:
            normal.append((a, b))

    def pt(i: int) -> tuple[int, int]:
        return int(points[i, 0]), int(points[i, 1])

    for a, b in dim:
        cv2.line(rgb, pt(a), pt(b), _BONE_DIM, layout.bone_dim, cv2.LINE_AA)
    for group, color, thickness in (
        (normal, _BONE, layout.bone),
        (bright, _BONE_HIGHLIGHT, layout.bone_highlight),
    ):
        for a, b in group:
            cv2.line(rgb, pt(a), pt(b), _OUTLINE, thickness + 2, cv2.LINE_AA)
            cv2.line(rgb, pt(a), pt(b), color, thickness, cv2.LINE_AA)
    for i in _JOINTS:
        if not finite[i]:
            continue
        if not visible[i]:
            cv2.circle(rgb, pt(i), layout.bone_dim + 1, _BONE_DIM, -1, cv2.LINE_AA)
        elif i in marked:
            cv2.circle(rgb, pt(i), layout.joint_highlight + 1, _OUTLINE, -1, cv2.LINE_AA)
            cv2.circle(rgb, pt(i), layout.joint_highlight, _BONE_HIGHLIGHT, -1, cv2.LINE_AA)
        else:
            cv2.circle(rgb, pt(i), layout.joint + 1, _OUTLINE, -1, cv2.LINE_AA)
            cv2.circle(rgb, pt(i), layout.joint, _BONE, -1, cv2.LINE_AA)


def _ascii(text: str) -> str:
    """OpenCV's Hershey fonts draw only ASCII: map common typography, drop the rest."""
    text = text.translate(_ASCII_REPLACEMENTS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _text_size(text: str, scale: float, thickness: int) -> tuple[int, int, int]:
    (w, h), baseline = cv2.getTextSize(text, _FONT, scale, thickness)
    return w, h, baseline


def _fit_scale(text: str, scale: float, thickness: int, max_width: int, min_scale: float) -> float:
    """The largest scale up to ``scale`` at which ``text`` fits ``max_width`` (or the minimum)."""
    w = _text_size(text, scale, thickness)[0]
    if w <= max_width or w == 0:
        return scale
    return max(min_scale, scale * max_width / w)


def _truncate(text: str, scale: float, thickness: int, max_width: int) -> str:
    if _text_size(text, scale, thickness)[0] <= max_width:
        return text
    while text and _text_size(text + "..", scale, thickness)[0] > max_width:
        text = text[:-1]
    return text.rstrip() + ".."


def _wrap(
    text: str, scale: float, thickness: int, max_width: int, max_lines: int, min_scale: float
) -> tuple[list[str], float]:
    """Word-wrap ``text`` into at most ``max_lines`` lines, shrinking the font if it must."""
    words = text.split()
    while True:
        lines: list[str] = []
        for word in words:
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and _text_size(candidate, scale, thickness)[0] <= max_width:
                lines[-1] = candidate
            else:
                lines.append(word)
        fits = len(lines) <= max_lines and all(
            _text_size(line, scale, thickness)[0] <= max_width for line in lines
        )
        if fits or scale <= min_scale:
            break
        scale = max(min_scale, scale * 0.9)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [_truncate(line, scale, thickness, max_width) for line in lines], scale


def _shade(
    rgb: npt.NDArray[np.uint8], x0: int, y0: int, x1: int, y1: int, color: Color, alpha: float
) -> None:
    """Blend ``color`` over a rectangle with opacity ``alpha``, touching only that rectangle."""
    height, width = rgb.shape[:2]
    x0, x1 = max(0, x0), min(width, x1)
    y0, y1 = max(0, y0), min(height, y1)
    if x1 <= x0 or y1 <= y0:
        return
    roi = rgb[y0:y1, x0:x1]
    cv2.addWeighted(roi, 1.0 - alpha, roi, 0.0, 0.0, dst=roi)
    if any(color):
        tint = (color[0] * alpha, color[1] * alpha, color[2] * alpha, 0.0)
        # OpenCV takes a per-channel Scalar here (no temporary image); its stubs omit that form.
        cv2.add(roi, tint, dst=roi)  # type: ignore[call-overload]


def _put(
    rgb: npt.NDArray[np.uint8],
    text: str,
    x: int,
    baseline_y: int,
    scale: float,
    color: Color,
    thickness: int,
) -> None:
    cv2.putText(rgb, text, (x, baseline_y), _FONT, scale, color, thickness, cv2.LINE_AA)


def _format_seconds(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _counters(state: OverlayState) -> list[tuple[str, float | None]]:
    counters: list[tuple[str, float | None]] = []
    if state.rep_count is not None:
        if state.target_reps:
            counters.append(
                (f"Reps {state.rep_count}/{state.target_reps}", state.rep_count / state.target_reps)
            )
        else:
            counters.append((f"Reps {state.rep_count}", None))
    if state.hold_s is not None:
        if state.target_hold_s:
            counters.append(
                (
                    f"Hold {state.hold_s:.1f} / {_format_seconds(state.target_hold_s)} s",
                    state.hold_s / state.target_hold_s,
                )
            )
        else:
            counters.append((f"Hold {state.hold_s:.1f} s", None))
    return counters


def _metric_text(name: str, value: float) -> str:
    label = _ascii(name).replace("_", " ").strip()
    label = label.removesuffix(" deg").removesuffix(" angle")
    return f"{label} {value:.0f}" if math.isfinite(value) else f"{label} --"


def _draw_card(rgb: npt.NDArray[np.uint8], state: OverlayState, layout: _Layout) -> int:
    """Draw the top-left card (name, side/phase, counters, metrics); return its bottom y."""
    width = rgb.shape[1]
    m, pad, th = layout.margin, layout.pad, layout.text_thickness
    max_inner = max(1, width - 2 * m - 2 * pad)

    # Each row: (text, scale, thickness, colour, progress fraction or None, degree sign).
    rows: list[tuple[str, float, int, Color, float | None, bool]] = []
    name = _ascii(state.exercise_name)
    rows.append(
        (
            name,
            _fit_scale(name, layout.font_medium, th, max_inner, layout.font_min),
            th,
            _TEXT,
            None,
            False,
        )
    )
    detail = " | ".join(_ascii(s) for s in (state.side, state.phase) if s)
    if detail:
        rows.append(
            (
                detail,
                _fit_scale(detail, layout.font_small, th, max_inner, layout.font_min),
                th,
                _TEXT_SOFT,
                None,
                False,
            )
        )
    for text, fraction in _counters(state):
        scale = _fit_scale(
            text, layout.font_large, layout.large_thickness, max_inner, layout.font_min
        )
        rows.append((text, scale, layout.large_thickness, _TEXT, fraction, False))
    for metric, value in state.metrics.items():
        text = _metric_text(metric, value)
        scale = _fit_scale(text, layout.font_small, th, max_inner, layout.font_min)
        rows.append((text, scale, th, _TEXT, None, math.isfinite(value)))

    rows = [(_truncate(t, s, k, max_inner), s, k, c, f, d) for t, s, k, c, f, d in rows]
    line_gap = max(2, pad // 2)
    inner_w = min(
        max_inner, max(layout.card_min_width, *(_text_size(t, s, k)[0] for t, s, k, *_ in rows))
    )
    total_h = 0
    for text, scale, thickness, _, fraction, _ in rows:
        w, h, base = _text_size(text, scale, thickness)
        total_h += h + base + line_gap
        if fraction is not None:
            total_h += layout.bar_height + line_gap
    x0, y0 = m, m
    x1, y1 = x0 + inner_w + 2 * pad, y0 + total_h + 2 * pad - line_gap
    _shade(rgb, x0, y0, x1, y1, _PANEL, _PANEL_ALPHA)

    y = y0 + pad
    for text, scale, thickness, color, fraction, degree in rows:
        w, h, base = _text_size(text, scale, thickness)
        _put(rgb, text, x0 + pad, y + h, scale, color, thickness)
        if degree:
            radius = max(1, round(scale * 4))
            cv2.circle(
                rgb,
                (x0 + pad + w + radius + 2, y + radius),
                radius,
                color,
                max(1, thickness),
                cv2.LINE_AA,
            )
        y += h + base + line_gap
        if fraction is not None:
            _draw_bar(rgb, x0 + pad, y, inner_w, layout.bar_height, fraction)
            y += layout.bar_height + line_gap
    return y1


def _draw_bar(
    rgb: npt.NDArray[np.uint8], x: int, y: int, width: int, height: int, fraction: float
) -> None:
    fraction = min(max(fraction, 0.0), 1.0)
    cv2.rectangle(rgb, (x, y), (x + width - 1, y + height - 1), _BAR_BACK, -1)
    filled = round(width * fraction)
    if filled > 0:
        color = _BAR_DONE if fraction >= 1.0 else _BAR_FILL
        cv2.rectangle(rgb, (x, y), (x + filled - 1, y + height - 1), color, -1)


def _draw_banner(
    rgb: npt.NDArray[np.uint8],
    text: str,
    top: int | None,
    background: Color,
    alpha: float,
    text_color: Color,
    layout: _Layout,
) -> None:
    """Full-width banner of wrapped, centred text at ``top``, or on the bottom edge if None."""
    height, width = rgb.shape[:2]
    m, pad, th = layout.margin, layout.pad, layout.text_thickness
    max_inner = max(1, width - 2 * m - 2 * pad)
    lines, scale = _wrap(_ascii(text), layout.font_medium, th, max_inner, 2, layout.font_min)
    _, line_h, base = _text_size("Hg", scale, th)
    step = line_h + base
    banner_h = step * len(lines) + 2 * pad
    y0 = height - m - banner_h if top is None else top
    _shade(rgb, m, y0, width - m, y0 + banner_h, background, alpha)
    y = y0 + pad
    for line in lines:
        w = _text_size(line, scale, th)[0]
        _put(rgb, line, max(m + pad, (width - w) // 2), y + line_h, scale, text_color, th)
        y += step


def _draw_status(rgb: npt.NDArray[np.uint8], status: str, top: int, layout: _Layout) -> None:
    _draw_banner(rgb, status, top, _PANEL, _BANNER_ALPHA, _STATUS_TEXT, layout)


def _draw_cue(rgb: npt.NDArray[np.uint8], cue: str, severity: str, layout: _Layout) -> None:
    _draw_banner(
        rgb, cue, None, SEVERITY_COLORS[severity], _BANNER_ALPHA, _SEVERITY_TEXT[severity], layout
    )


__all__ = ["SEVERITIES", "SEVERITY_COLORS", "OverlayState", "draw_overlay"]
