"""Posture check (standing): ear, shoulder and hip stacked, held; the spec learns the person's
upright over the first seconds and judges slouching and a forward head against it.

Parameters are the spec's own inclines: ``neck`` (shoulder -> ear: 80 upright) and ``trunk``
(hip -> shoulder: 88 upright), plus ``ahead`` (torso lengths the ear moves further ahead of the
hip, the spec's ear_ahead_of_hip above upright, by leaning neck and trunk forward together).
The actor stands still: the "hold" is the whole clip. Faults given as time windows from 0 s
are there while the spec calibrates, so they become the person's own upright.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions, solve_rising
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, unit

UPRIGHT = {"neck": 80.0, "trunk": 88.0, "ahead": 0.0}
OUT_OF_LINE = 0.5  # posture.yaml: out_of_line fires with the ear this far ahead of the hip


def _ear_ahead(trunk_deg: float, neck_deg: float, p: Proportions) -> float:
    """The ear's forward offset from the hip, in torso lengths (facing +x)."""
    x = p.trunk * math.cos(math.radians(trunk_deg)) + p.neck * math.cos(math.radians(neck_deg))
    return x / p.trunk


@functools.lru_cache(maxsize=64)
def _lean_for(ahead: float, trunk_deg: float, neck_deg: float, p: Proportions) -> float:
    """Degrees the trunk and neck both lean forward to move the ear ``ahead`` torso lengths."""
    if ahead <= 0.0:
        return 0.0
    target = _ear_ahead(trunk_deg, neck_deg, p) + ahead
    return solve_rising(
        lambda lean: _ear_ahead(trunk_deg - lean, neck_deg - lean, p), target, 0.0, 80.0, steps=40
    )


def upright_ear_ahead(p: Proportions | None = None) -> float:
    return _ear_ahead(UPRIGHT["trunk"], UPRIGHT["neck"], p or Proportions())


class Posture(ExerciseModel):
    id = "posture"
    timed_hold = True
    lying = False
    camera_distance_m = 3.8
    # Standing still throughout: the "hold" the script times is the clip itself.
    tempo = Tempo(lead_s=0.5, up_s=0.5, top_s=20.0, down_s=0.5, rest_s=0.5)
    sway: ClassVar[Mapping[str, float]] = {"neck": 0.8, "trunk": 0.5}
    kinds = (
        FaultKind(
            name="forward_head",
            unit="deg",
            default=25.0,
            limits=(0.0, 40.0),
            rule="forward_head",
            param="neck",
            sign=-1.0,
            description="the head drifts forward: the neck tips this many degrees from upright",
            threshold=15.0,  # the rule is against the person's own upright
        ),
        FaultKind(
            name="slouch",
            unit="deg",
            default=22.0,
            limits=(0.0, 35.0),
            rule="slouching",
            param="trunk",
            sign=-1.0,
            description="the trunk slumps this many degrees forward from upright",
            threshold=12.0,
        ),
        FaultKind(
            name="out_of_line",
            unit="torso",
            default=0.55,
            limits=(0.0, 0.8),
            rule="out_of_line",
            param="ahead",
            sign=1.0,
            description="the ear sits this many torso lengths further ahead of the hip (give it from 0 s: it is then the person's own upright)",
            threshold=OUT_OF_LINE - upright_ear_ahead(),
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(UPRIGHT)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(UPRIGHT)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        # Facing +x (anterior -1), standing on straight legs.
        neck, trunk = float(values["neck"]), float(values["trunk"])
        lean = _lean_for(round(float(values["ahead"]), 4), trunk, neck, p)
        trunk, neck = trunk - lean, neck - lean
        hip = np.array([0.0, p.ankle_height + p.thigh + p.shank - 0.002])
        down = unit(-90.0)
        hanging = unit(268.0)
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk,
            spine_flex_deg=0.0,
            head_up=unit(neck),
            near_leg=LegDirs(down, down, np.array([1.0, 0.0])),
            near_arm=ArmDirs(hanging, hanging, unit(272.0)),
        )
