"""Draws a posed :class:`~formcheck.synth.skeleton.Body` as a shaded, outlined 2D figure.

MediaPipe's pose model finds such a drawing reliably when (measured, see the synthetic-actor
issue) the figure has human proportions, a profile face (eye, brow, nose, mouth, ear, hair),
limbs of realistic thickness, shading, and fills at least ~40% of the frame width lying down or
50% of its height standing. Each body part is drawn as a chain of tapered capsules: first a
dark outline (the capsules slightly enlarged), then four nested shading layers that get lighter
and move towards the light, so limbs read as cylinders. Far limbs are darker and drawn first.
The room and the capsule and polygon drawing (:class:`RoomRenderer`) are shared with the
front-view figure (:mod:`formcheck.synth.front_render`).

Everything is deterministic: the same body, camera and look give the same pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from formcheck.synth.skeleton import Body, Limb, Proportions, Vec

Image = npt.NDArray[np.uint8]
RGB = tuple[int, int, int]

_SHIFT = 4  # fixed-point bits for sub-pixel, anti-aliased polygons
_SCALE = 1 << _SHIFT
# Shading layers: (radius factor, brightness factor), outermost first.
_LAYERS = ((1.0, 0.72), (0.78, 0.86), (0.55, 1.0), (0.3, 1.12))
FAR_DARKEN = 0.68
# A hand whose wrist and fingertips are both this close to the floor (body units, about 10 cm)
# rests on it, palm down.
FLAT_HAND_HEIGHT = 0.06


@dataclass(frozen=True, slots=True)
class Look:
    """Colours of the actor and the room (RGB)."""

    skin: RGB = (214, 163, 130)
    hair: RGB = (62, 42, 30)
    shirt: RGB = (52, 104, 168)
    pants: RGB = (48, 52, 66)
    shoes: RGB = (228, 228, 232)
    wall_top: RGB = (206, 210, 214)
    wall_bottom: RGB = (232, 228, 220)
    floor_near: RGB = (150, 112, 80)
    floor_far: RGB = (176, 136, 100)
    mat: RGB = (70, 128, 118)


LOOKS: tuple[Look, ...] = (
    Look(),
    Look(
        skin=(186, 130, 96),
        hair=(30, 24, 22),
        shirt=(170, 60, 56),
        pants=(40, 44, 52),
        shoes=(60, 60, 66),
        wall_top=(214, 214, 200),
        wall_bottom=(236, 232, 214),
        mat=(92, 88, 140),
    ),
    Look(
        skin=(236, 196, 168),
        hair=(120, 80, 40),
        shirt=(60, 140, 96),
        pants=(70, 70, 90),
        shoes=(236, 236, 236),
        wall_top=(196, 206, 220),
        wall_bottom=(222, 228, 236),
        floor_near=(128, 100, 84),
        floor_far=(150, 122, 104),
        mat=(150, 70, 80),
    ),
    Look(
        skin=(140, 94, 70),
        hair=(20, 16, 14),
        shirt=(226, 180, 60),
        pants=(36, 60, 110),
        shoes=(230, 230, 236),
        wall_top=(222, 218, 214),
        wall_bottom=(240, 236, 230),
        mat=(60, 96, 150),
    ),
)


def shade(color: RGB, factor: float) -> tuple[int, int, int]:
    return tuple(int(min(255, max(0, round(c * factor)))) for c in color)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Camera:
    """Maps body units to pixels: ``scale`` pixels per body height, the floor at ``floor_px``.

    ``mirror`` flips x about ``center_x`` (the person faces, or lies with the head, to the left).
    """

    width: int
    height: int
    scale: float
    center_x: float  # body-unit x drawn at the frame's horizontal centre
    floor_px: float
    mirror: bool = False

    def to_px(self, points: Vec) -> Vec:
        p = np.asarray(points, dtype=np.float64)
        x = p[..., 0] - self.center_x
        if self.mirror:
            x = -x
        return np.stack(
            [self.width / 2 + self.scale * x, self.floor_px - self.scale * p[..., 1]], axis=-1
        )


_ARC = np.linspace(0.0, 1.0, 9)


def _capsules(points: Vec, radii: Vec) -> Vec:
    """Outlines of the tapered capsules joining consecutive ``points`` (with ``radii``):
    ``(segments, 18, 2)`` pixels."""
    a, b = points[:-1], points[1:]
    ra, rb = radii[:-1], radii[1:]
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    base = np.arctan2(d[:, 1], d[:, 0])
    # Tangent correction for unequal radii keeps the sides straight and tangent to both ends.
    ratio = np.where(length > np.abs(ra - rb) + 1e-9, (ra - rb) / np.maximum(length, 1e-9), 0.0)
    half = (np.pi / 2 + np.arcsin(ratio))[:, None]
    angles = np.concatenate(
        [
            base[:, None] - half + 2 * half * _ARC,
            base[:, None] + half + (2 * np.pi - 2 * half) * _ARC,
        ],
        axis=1,
    )
    r = np.concatenate(
        [np.repeat(rb[:, None], _ARC.size, 1), np.repeat(ra[:, None], _ARC.size, 1)], axis=1
    )
    cx = np.concatenate(
        [np.repeat(b[:, :1], _ARC.size, 1), np.repeat(a[:, :1], _ARC.size, 1)], axis=1
    )
    cy = np.concatenate(
        [np.repeat(b[:, 1:], _ARC.size, 1), np.repeat(a[:, 1:], _ARC.size, 1)], axis=1
    )
    return np.stack([cx + r * np.cos(angles), cy + r * np.sin(angles)], axis=2)


def _capsules_batch(points: Vec, radii: Vec) -> Vec:
    """:func:`_capsules` for ``(layers, joints, 2)`` points and ``(layers, joints)`` radii:
    ``(layers, segments, 18, 2)``."""
    layers, joints = radii.shape
    flat = _capsules(points.reshape(-1, 2), radii.reshape(-1))
    # Drop the capsules that would join one layer's last joint to the next layer's first.
    keep = np.array([i % joints != joints - 1 for i in range(layers * joints - 1)])
    return np.asarray(flat[keep].reshape(layers, joints - 1, *flat.shape[1:]))


def fill(image: Image, polygon: Vec, color: RGB) -> None:
    pts = np.round(polygon * _SCALE).astype(np.int32).reshape(-1, 1, 2)
    cv2.fillPoly(image, [pts], color, lineType=cv2.LINE_AA, shift=_SHIFT)


def line(image: Image, segment: Vec, color: RGB, thickness: float) -> None:
    """Draws the ``(2, 2)`` segment (pixels)."""
    pa = tuple(int(v) for v in np.round(segment[0] * _SCALE))
    pb = tuple(int(v) for v in np.round(segment[1] * _SCALE))
    cv2.line(image, pa, pb, color, max(1, round(thickness)), lineType=cv2.LINE_AA, shift=_SHIFT)


@dataclass(frozen=True, slots=True)
class Chain:
    """A body part: joints (pixels) with radii (pixels), drawn as joined tapered capsules."""

    points: Vec
    radii: tuple[float, ...]
    color: RGB


class Figure(Protocol):
    """Anything drawn in the room: it says where its points are (body units), for the mat."""

    def points(self) -> list[Vec]: ...


class RoomRenderer:
    """The room (wall, floor, mat and shadow) for one camera and look, and the drawing of body
    parts (shaded capsule chains, outlined polygons) shared by the side and front figures."""

    def __init__(self, camera: Camera, look: Look | None = None) -> None:
        self.camera = camera
        self.look = look or Look()
        self._background = self._room()

    # -- the room -------------------------------------------------------------------------

    def _room(self) -> Image:
        cam, look = self.camera, self.look
        h, w = cam.height, cam.width
        image = np.empty((h, w, 3), dtype=np.uint8)
        horizon = round(cam.floor_px - 0.07 * cam.scale)
        horizon = max(1, min(h - 1, horizon))
        wall = np.linspace(0.0, 1.0, horizon)[:, None]
        top, bottom = np.array(look.wall_top, float), np.array(look.wall_bottom, float)
        image[:horizon] = np.round(top + (bottom - top) * wall)[:, None, :].astype(np.uint8)
        floor = np.linspace(0.0, 1.0, h - horizon)[:, None]
        far, near = np.array(look.floor_far, float), np.array(look.floor_near, float)
        image[horizon:] = np.round(far + (near - far) * floor)[:, None, :].astype(np.uint8)
        # Skirting board, and a few floorboard seams converging slightly (a floor-level camera).
        board = max(2, round(0.012 * cam.scale))
        image[max(0, horizon - board) : horizon] = shade(look.wall_bottom, 0.86)
        seam = shade(look.floor_near, 0.82)
        for k in range(1, 4):
            y = horizon + (h - horizon) * (k / 4) ** 1.6
            cv2.line(image, (0, int(y)), (w - 1, int(y)), seam, 1, lineType=cv2.LINE_AA)
        return image

    def _mat_and_shadow(self, image: Image, body: Figure) -> None:
        cam = self.camera
        xs = cam.to_px(np.array(body.points()))[:, 0]
        left, right = float(xs.min()), float(xs.max())
        pad = 0.06 * cam.scale
        top = cam.floor_px - 0.02 * cam.scale
        mat = np.array(
            [
                [left - pad, top],
                [right + pad, top],
                [right + pad * 1.6, cam.floor_px + 0.03 * cam.scale],
                [left - pad * 1.6, cam.floor_px + 0.03 * cam.scale],
            ]
        )
        fill(image, mat, self.look.mat)
        overlay = image.copy()
        centre = ((left + right) / 2, cam.floor_px + 0.004 * cam.scale)
        axes = ((right - left) / 2 + pad / 2, 0.018 * cam.scale)
        cv2.ellipse(
            overlay,
            (int(centre[0]), int(centre[1])),
            (int(axes[0]), max(1, int(axes[1]))),
            0,
            0,
            360,
            (0, 0, 0),
            -1,
            lineType=cv2.LINE_AA,
        )
        cv2.addWeighted(overlay, 0.22, image, 0.78, 0, dst=image)

    # -- body parts -------------------------------------------------------------------

    def _draw_chains(self, image: Image, chains: list[Chain], outline: float) -> None:
        light = np.array([-0.28, -0.38])  # highlight shift towards the upper left, in radii
        factors = np.array([1.0] + [f for f, _ in _LAYERS])
        grow = np.array([outline] + [0.0] * len(_LAYERS))
        # Per chain, the outline and every shading layer in one vectorised call.
        polygons = []
        for chain in chains:
            radii = np.asarray(chain.radii)
            layer_radii = radii[None, :] * factors[:, None] + grow[:, None]
            shift = (1.0 - factors)[:, None, None] * radii[None, :, None] * light[None, None, :]
            points = chain.points[None, :, :] + shift
            n = len(factors)
            flat = _capsules_batch(points.reshape(n, -1, 2), layer_radii)
            polygons.append(flat)
        colors = [[shade(c.color, 0.38)] + [shade(c.color, b) for _, b in _LAYERS] for c in chains]
        for layer in range(len(factors)):
            for chain_polys, chain_colors in zip(polygons, colors, strict=True):
                for polygon in chain_polys[layer]:
                    fill(image, polygon, chain_colors[layer])

    def _draw_polygon(self, image: Image, polygon: Vec, color: RGB, outline: float) -> None:
        fill(image, polygon, color)
        pts = np.round(polygon * _SCALE).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(
            image,
            [pts],
            True,
            shade(color, 0.4),
            max(1, round(outline)),
            lineType=cv2.LINE_AA,
            shift=_SHIFT,
        )


class FigureRenderer(RoomRenderer):
    """Draws side-view bodies for one camera and look, onto a pre-drawn room background."""

    # -- the figure -----------------------------------------------------------------------

    def _chains(
        self, limb: Limb, body: Body, darken: float
    ) -> tuple[list[Chain], list[list[Chain]], Vec]:
        """(leg chains, the arm's layers of chains, shoe polygon) of one side."""
        cam, p, look = self.camera, body.proportions, self.look
        s = cam.scale / 2  # diameters in body units -> radii in pixels

        def px(v: Vec) -> Vec:
            return cam.to_px(v)

        def col(c: RGB, f: float = 1.0) -> RGB:
            return shade(c, darken * f)

        knee_mid = limb.knee + 0.35 * (limb.ankle - limb.knee)
        leg = Chain(
            px(np.array([limb.hip, limb.knee, knee_mid, limb.ankle])),
            (p.thigh_top * s, p.knee * s, p.calf * s, p.ankle * s),
            col(look.pants),
        )
        sleeve_end = limb.shoulder + 0.55 * (limb.elbow - limb.shoulder)
        flat_hand = self._flat_hand(limb, p, s, col(look.skin, 1.04))
        joints = [limb.shoulder, limb.elbow, limb.wrist]
        radii = [p.upper_arm_top * s * 0.9, p.elbow * s, p.wrist * s]
        if flat_hand is None:  # a loose fist, drawn on from the forearm
            joints.append(limb.hand_tip)
            radii.append(p.hand_width * s * 0.8)
        arm = Chain(px(np.array(joints)), tuple(radii), col(look.skin))
        sleeve = Chain(
            px(np.array([limb.shoulder, sleeve_end])),
            (p.upper_arm_top * s * 1.05, p.upper_arm_top * s * 0.95),
            col(look.shirt),
        )
        # Shoe: heel, sole to the toe, up over the instep to the ankle.
        foot = limb.toe - limb.heel
        length = float(np.hypot(foot[0], foot[1]))
        along = foot / max(length, 1e-9)
        sole_up = np.array([-along[1], along[0]])
        if np.dot(sole_up, limb.ankle - limb.heel) < 0:
            sole_up = -sole_up
        shoe = px(
            np.array(
                [
                    limb.heel + 0.012 * sole_up - 0.004 * along,
                    limb.heel + 0.01 * along,
                    limb.toe - 0.02 * along,
                    limb.toe + 0.018 * sole_up,
                    limb.toe + 0.035 * sole_up - 0.045 * along,
                    limb.ankle + 0.02 * along + 0.012 * sole_up,
                    limb.ankle - 0.02 * along + 0.01 * sole_up,
                    limb.heel + 0.045 * sole_up,
                ]
            )
        )
        arms = [[arm, sleeve]] if flat_hand is None else [[arm, sleeve], [flat_hand]]
        return [leg], arms, shoe

    def _flat_hand(self, limb: Limb, p: Proportions, s: float, color: RGB) -> Chain | None:
        """A hand resting on the floor, palm down: thinner than the wrist and tapering to the
        fingertips, drawn over the forearm so that its outline creases the wrist. None for a
        hand off the floor (gripping, hanging or reaching), drawn as a loose fist.

        Drawn as a continuation of the forearm, a flat hand of the wrist's thickness made
        MediaPipe put the wrist 0.10-0.23 forearm lengths towards the fingers (a push-up's
        elbow read 6-13 degrees too bent). The hand keeps its underside where that hand had it,
        so it still rests on the floor: it moves away from the elbow by the thickness it lost,
        in proportion to the wrist's bend.
        """
        if max(limb.wrist[1], limb.hand_tip[1]) > FLAT_HAND_HEIGHT:
            return None
        along = limb.hand_tip - limb.wrist
        length = max(float(np.hypot(along[0], along[1])), 1e-9)
        normal = np.array([-along[1], along[0]]) / length
        towards_elbow = float(np.dot(limb.elbow - limb.wrist, normal))
        forearm = max(float(np.hypot(*(limb.elbow - limb.wrist))), 1e-9)
        bend = abs(towards_elbow) / forearm  # sine of the wrist's bend
        away = -normal if towards_elbow > 0 else normal
        shares = np.array([0.0, 0.12, 0.58, 1.0])  # wrist, heel, knuckles, fingertips
        widths = np.array([p.wrist * 0.85, p.palm_heel, p.knuckles, p.fingertips])
        drop = (p.wrist - widths) / 2 * bend
        points = limb.wrist + shares[:, None] * along + drop[:, None] * away
        return Chain(self.camera.to_px(points), tuple((widths * s).tolist()), color)

    def _torso(self, body: Body) -> list[Chain]:
        cam, p = self.camera, body.proportions
        s = cam.scale / 2
        hip, waist, shoulder = body.near.hip, body.waist, body.near.shoulder
        pelvis = hip - 0.004 * body.front + 0.01 * body.up
        chest = waist + 0.55 * (shoulder - waist) + 0.012 * body.chest_front
        top = shoulder + 0.012 * body.chest_up - 0.004 * body.chest_front
        return [
            Chain(
                cam.to_px(np.array([pelvis, waist, chest, top])),
                (p.pelvis_depth * s, p.waist_depth * s, p.chest_depth * s, 0.105 * s),
                self.look.shirt,
            ),
        ]

    def _head(self, image: Image, body: Body, outline: float) -> None:
        cam, look = self.camera, self.look
        s = cam.scale / 2
        p = body.proportions
        neck_base = body.near.shoulder + 0.02 * body.chest_up - 0.005 * body.chest_front
        neck_top = body.head_point(-0.035, 0.012)
        self._draw_chains(
            image,
            [
                Chain(
                    cam.to_px(np.array([neck_base, neck_top])),
                    (p.neck_width * s * 1.1, p.neck_width * s),
                    look.skin,
                )
            ],
            outline,
        )

        def poly(coords: list[tuple[float, float]]) -> Vec:
            return cam.to_px(np.array([body.head_point(u, f) for u, f in coords]))

        profile = smooth(
            [
                (0.080, 0.010),
                (0.070, 0.045),
                (0.050, 0.066),
                (0.030, 0.072),
                (0.012, 0.068),
                (-0.008, 0.092),
                (-0.020, 0.074),
                (-0.030, 0.074),
                (-0.040, 0.071),
                (-0.049, 0.073),
                (-0.062, 0.064),
                (-0.070, 0.040),
                (-0.058, 0.008),
                (-0.030, -0.020),
                (-0.002, -0.052),
                (0.040, -0.052),
                (0.068, -0.030),
            ]
        )
        skull = poly(profile)
        fill(image, skull, shade(look.skin, 0.38))  # outline: the same shape drawn dark, then inset
        inset = _inset(skull, outline)
        fill(image, inset, shade(look.skin, 0.86))
        highlight = poly(
            smooth(
                [
                    (0.055, 0.030),
                    (0.030, 0.056),
                    (0.0, 0.060),
                    (-0.040, 0.055),
                    (-0.045, 0.020),
                    (0.010, 0.000),
                    (0.050, 0.000),
                ]
            )
        )
        fill(image, highlight, shade(look.skin, 1.0))
        hair = poly(
            smooth(
                [
                    (0.062, 0.052),
                    (0.076, 0.030),
                    (0.084, 0.005),
                    (0.074, -0.032),
                    (0.046, -0.058),
                    (0.005, -0.058),
                    (-0.025, -0.030),
                    (-0.010, -0.022),
                    (0.022, -0.024),
                    (0.040, 0.000),
                    (0.052, 0.030),
                ]
            )
        )
        self._draw_polygon(image, hair, look.hair, outline)
        ear = poly(
            smooth(
                [
                    (0.022, 0.006),
                    (0.016, 0.018),
                    (-0.008, 0.018),
                    (-0.022, 0.008),
                    (-0.020, -0.010),
                    (0.004, -0.014),
                    (0.020, -0.006),
                ]
            )
        )
        self._draw_polygon(image, ear, shade(look.skin, 0.92), outline)
        line(
            image,
            poly([(0.010, 0.002), (-0.010, 0.004)]),
            shade(look.skin, 0.5),
            max(1.0, 0.006 * s),
        )
        # Eye: white, iris towards the front, upper lid; brow above.
        eye_c = body.head_point(0.020, 0.060)
        axes_px = (0.011 * cam.scale, 0.0075 * cam.scale)
        white = _ellipse(cam.to_px(eye_c), axes_px, body, cam)
        fill(image, white, (246, 244, 240))
        iris = _ellipse(
            cam.to_px(body.head_point(0.020, 0.064)),
            (0.0055 * cam.scale, 0.0062 * cam.scale),
            body,
            cam,
        )
        fill(image, iris, (40, 30, 26))
        line(image, poly([(0.028, 0.051), (0.027, 0.068)]), (30, 22, 20), max(1.0, 0.005 * s))
        line(
            image,
            poly([(0.039, 0.048), (0.042, 0.070)]),
            shade(look.hair, 0.9),
            max(1.5, 0.014 * s),
        )
        # Nostril and mouth.
        line(
            image,
            poly([(-0.016, 0.074), (-0.014, 0.080)]),
            shade(look.skin, 0.45),
            max(1.0, 0.006 * s),
        )
        line(image, poly([(-0.040, 0.058), (-0.040, 0.071)]), (150, 70, 70), max(1.0, 0.008 * s))

    def draw(self, body: Body) -> Image:
        """A new RGB frame of ``body`` in the room."""
        image = self._background.copy()
        self._mat_and_shadow(image, body)
        outline = max(1.0, 0.006 * self.camera.scale)
        far_legs, far_arms, far_shoe = self._chains(body.far, body, FAR_DARKEN)
        near_legs, near_arms, near_shoe = self._chains(body.near, body, 1.0)
        # Back to front (body.layers: far limbs first unless a limb left the sagittal plane).
        for part in body.layers:
            if part == "far_arm":
                self._draw_arm(image, far_arms, outline)
            elif part == "far_leg":
                self._draw_chains(image, far_legs, outline)
                self._draw_polygon(image, far_shoe, shade(self.look.shoes, FAR_DARKEN), outline)
            elif part == "far_torso":
                self._draw_chains(image, self._far_torso(body), outline)
            elif part == "torso":
                self._draw_chains(image, self._torso(body), outline)
            elif part == "head":
                self._head(image, body, outline)
            elif part == "near_leg":
                self._draw_chains(image, near_legs, outline)
                self._draw_polygon(image, near_shoe, self.look.shoes, outline)
            elif part == "near_arm":
                self._draw_arm(image, near_arms, outline)
        return image

    def _draw_arm(self, image: Image, layers: list[list[Chain]], outline: float) -> None:
        """The arm's layers one over the other, so that each one's outline shows."""
        for chains in layers:
            self._draw_chains(image, chains, outline)

    def _far_torso(self, body: Body) -> list[Chain]:
        """The far side of a chest rolled out of the sagittal plane (from the waist up to the
        far shoulder), darker, behind the torso."""
        cam, p = self.camera, body.proportions
        s = cam.scale / 2
        waist, shoulder = body.waist, body.far.shoulder
        chest = waist + 0.55 * (shoulder - waist)
        top = shoulder + 0.012 * body.chest_up
        return [
            Chain(
                cam.to_px(np.array([waist, chest, top])),
                (p.waist_depth * s, p.chest_depth * s, 0.105 * s),
                shade(self.look.shirt, FAR_DARKEN),
            )
        ]


def smooth(points: list[tuple[float, float]], rounds: int = 2) -> list[tuple[float, float]]:
    """Chaikin corner cutting of a closed polygon."""
    pts = np.array(points, dtype=np.float64)
    for _ in range(rounds):
        nxt = np.roll(pts, -1, axis=0)
        pts = np.stack([0.75 * pts + 0.25 * nxt, 0.25 * pts + 0.75 * nxt], axis=1).reshape(-1, 2)
    return [(float(u), float(f)) for u, f in pts]


def _inset(polygon: Vec, pixels: float) -> Vec:
    centre = polygon.mean(axis=0)
    radius = np.linalg.norm(polygon - centre, axis=1, keepdims=True)
    return np.asarray(
        centre + (polygon - centre) * np.maximum(radius - pixels, 0.0) / np.maximum(radius, 1e-9)
    )


def _ellipse(
    centre: Vec, axes: tuple[float, float], body: Body, cam: Camera, steps: int = 16
) -> Vec:
    """An ellipse whose first axis runs along the face's front direction, in pixels."""
    front = cam.to_px(body.head_point(0.0, 1.0)) - cam.to_px(body.head_point(0.0, 0.0))
    front = front / max(float(np.hypot(front[0], front[1])), 1e-9)
    up = np.array([-front[1], front[0]])
    t = np.linspace(0, 2 * math.pi, steps, endpoint=False)
    return np.asarray(
        centre + np.outer(np.cos(t) * axes[0], front) + np.outer(np.sin(t) * axes[1], up)
    )
