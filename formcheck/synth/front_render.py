"""Draws a front-view :class:`~formcheck.synth.front.FrontBody` in the room.

The same shaded, outlined capsules as the side-view figure (:mod:`formcheck.synth.render`),
arranged as a body seen from the front: both legs side by side, a trunk as wide as a person's
with rounded shoulders, and a frontal face (two eyes with brows, a nose, a mouth, ears and
hair), which MediaPipe's pose model needs to find a person. The parts of the side the person
lies on (the left, canonically) are a little darker, as in the shadow of the body.
"""

from __future__ import annotations

import math

import numpy as np

from formcheck.synth.front import FrontBody
from formcheck.synth.render import (
    Chain,
    Image,
    RoomRenderer,
    fill,
    line,
    shade,
    smooth,
)
from formcheck.synth.skeleton import Limb, Vec

LOWER_DARKEN = 0.86


class FrontRenderer(RoomRenderer):
    """Draws front-view bodies for one camera and look, onto a pre-drawn room background."""

    def _px(self, points: list[Vec]) -> Vec:
        return self.camera.to_px(np.array(points))

    def _leg(self, side: Limb, body: FrontBody, darken: float) -> tuple[Chain, Chain]:
        p, s, look = body.proportions, self.camera.scale / 2, self.look
        calf = side.knee + 0.35 * (side.ankle - side.knee)
        leg = Chain(
            self._px([side.hip, side.knee, calf, side.ankle]),
            (p.thigh_top * s, p.knee * s, p.calf * s, p.ankle * s),
            shade(look.pants, darken),
        )
        # The shoe seen from the front (toes towards the camera): a rounded block past the ankle.
        shoe = Chain(
            self._px([side.ankle + 0.012 * body.leg, side.ankle + 0.042 * body.leg]),
            (0.030 * s * 2, 0.028 * s * 2),
            shade(look.shoes, darken),
        )
        return leg, shoe

    def _arm(self, side: Limb, body: FrontBody, darken: float) -> list[Chain]:
        p, s, look = body.proportions, self.camera.scale / 2, self.look
        sleeve_end = side.shoulder + 0.5 * (side.elbow - side.shoulder)
        return [
            Chain(
                self._px([side.shoulder, side.elbow, side.wrist, side.hand_tip]),
                (p.upper_arm_top * s * 0.9, p.elbow * s, p.wrist * s, p.hand_width * s * 0.9),
                shade(look.skin, darken),
            ),
            Chain(
                self._px([side.shoulder, sleeve_end]),
                (p.upper_arm_top * s * 1.1, p.upper_arm_top * s),
                shade(look.shirt, darken),
            ),
        ]

    def _trunk(self, body: FrontBody) -> list[Chain]:
        w, s, look = body.widths, self.camera.scale / 2, self.look
        hip, up, p = body.mid_hip, body.up, body.proportions
        waist = hip + p.lumbar_share * p.trunk * up
        chest = hip + 0.62 * p.trunk * up
        top = hip + 0.80 * p.trunk * up
        half = 0.5 * w.shoulders * body.right_dir
        return [
            Chain(
                self._px([hip - 0.02 * up, waist]),
                (w.pelvis * s, w.waist * s),
                look.pants,
            ),
            Chain(
                self._px([waist - 0.01 * up, chest, top]),
                (w.waist * s, w.chest * s, w.chest * s * 0.95),
                look.shirt,
            ),
            # Across the shoulders: rounded deltoids at both ends.
            Chain(
                self._px([body.mid_shoulder - half, body.mid_shoulder + half]),
                (w.shoulder_girth * s, w.shoulder_girth * s),
                look.shirt,
            ),
        ]

    def _head_polygon(self, body: FrontBody, coords: list[tuple[float, float]]) -> Vec:
        return self._px([body.head_point(u, r) for u, r in coords])

    def _ellipse(
        self, body: FrontBody, up: float, right: float, half_up: float, half_right: float
    ) -> Vec:
        t = np.linspace(0.0, 2 * math.pi, 20, endpoint=False)
        return self._head_polygon(
            body,
            [(up + half_up * math.sin(a), right + half_right * math.cos(a)) for a in t.tolist()],
        )

    def _head(self, image: Image, body: FrontBody, outline: float) -> None:
        look, s = self.look, self.camera.scale / 2
        w = body.widths
        neck_base = body.mid_shoulder - 0.01 * body.up
        self._draw_chains(
            image,
            [
                Chain(
                    self._px([neck_base, body.head_point(-0.04, 0.0)]),
                    (w.neck * s * 1.15, w.neck * s),
                    look.skin,
                )
            ],
            outline,
        )
        # Ears first: the head covers their inner half.
        for sign in (1.0, -1.0):
            ear = self._ellipse(body, -0.002, sign * 0.046, 0.020, 0.011)
            self._draw_polygon(image, ear, shade(look.skin, 0.9), outline)
        outline_coords = []
        for a in np.linspace(0.0, 2 * math.pi, 24, endpoint=False).tolist():
            below = max(0.0, -math.sin(a))
            half_width = 0.047 * (1.0 - 0.33 * below**2)
            outline_coords.append((0.006 + 0.074 * math.sin(a), half_width * math.cos(a)))
        skull = self._head_polygon(body, smooth(outline_coords, 1))
        fill(image, skull, shade(look.skin, 0.38))
        centre = skull.mean(axis=0)
        radius = np.linalg.norm(skull - centre, axis=1, keepdims=True)
        inset = centre + (skull - centre) * np.maximum(radius - outline, 0.0) / radius
        fill(image, inset, shade(look.skin, 0.86))
        highlight = self._ellipse(body, 0.004, 0.006, 0.052, 0.032)
        fill(image, highlight, shade(look.skin, 1.0))
        hair = self._head_polygon(
            body,
            smooth(
                [
                    (0.000, 0.050),
                    (0.040, 0.052),
                    (0.072, 0.036),
                    (0.086, 0.000),
                    (0.072, -0.036),
                    (0.040, -0.052),
                    (0.000, -0.050),
                    (0.010, -0.043),
                    (0.036, -0.038),
                    (0.050, -0.016),
                    (0.046, 0.000),
                    (0.050, 0.016),
                    (0.036, 0.038),
                    (0.010, 0.043),
                ]
            ),
        )
        self._draw_polygon(image, hair, look.hair, outline)
        # Eyes: white, iris, upper lid; brows above.
        for sign in (1.0, -1.0):
            fill(image, self._ellipse(body, 0.012, sign * 0.018, 0.0058, 0.0105), (246, 244, 240))
            fill(image, self._ellipse(body, 0.0115, sign * 0.0175, 0.0052, 0.0052), (40, 30, 26))
            line(
                image,
                self._head_polygon(body, [(0.0175, sign * 0.008), (0.0175, sign * 0.028)]),
                (30, 22, 20),
                max(1.0, 0.005 * s),
            )
            line(
                image,
                self._head_polygon(body, [(0.027, sign * 0.007), (0.029, sign * 0.030)]),
                shade(look.hair, 0.9),
                max(1.5, 0.012 * s),
            )
        # Nose (its shaded side and the nostrils) and mouth.
        line(
            image,
            self._head_polygon(body, [(0.008, -0.005), (-0.010, -0.007)]),
            shade(look.skin, 0.62),
            max(1.0, 0.006 * s),
        )
        line(
            image,
            self._head_polygon(body, [(-0.016, -0.009), (-0.016, 0.009)]),
            shade(look.skin, 0.5),
            max(1.0, 0.007 * s),
        )
        line(
            image,
            self._head_polygon(body, [(-0.038, -0.013), (-0.037, 0.013)]),
            (150, 70, 70),
            max(1.0, 0.009 * s),
        )

    def draw(self, body: FrontBody) -> Image:
        """A new RGB frame of ``body`` in the room."""
        image = self._background.copy()
        self._mat_and_shadow(image, body)
        outline = max(1.0, 0.006 * self.camera.scale)
        lower_leg, lower_shoe = self._leg(body.left, body, LOWER_DARKEN)
        upper_leg, upper_shoe = self._leg(body.right, body, 1.0)
        self._draw_chains(image, self._arm(body.left, body, LOWER_DARKEN), outline)
        self._draw_chains(image, [lower_shoe, upper_shoe], outline)
        self._draw_chains(image, [lower_leg], outline)
        self._draw_chains(image, [upper_leg], outline)
        pants, *shirt = self._trunk(body)
        self._draw_chains(image, [pants], outline)
        self._draw_chains(image, shirt, outline)
        self._head(image, body, outline)
        self._draw_chains(image, self._arm(body.right, body, 1.0), outline)
        return image
