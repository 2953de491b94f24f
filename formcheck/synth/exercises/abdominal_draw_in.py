"""Abdominal draw-in: lying on the back, knees bent, feet flat, the belly drawn in and held.
The contraction cannot be seen; the actor lies still (the spec times that) and its faults are
the movements the spec watches for.

Parameters: ``lift`` (the shoulder -> hip incline, the spec's trunk_tilt_deg: 0 lying flat, +
the pelvis lifts, - the head and shoulders curl up) and ``knee`` (the knee angle: 80).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.exercises.supine import knees_bent
from formcheck.synth.faults import FaultKind
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions

LYING = {"lift": 0.5, "knee": 80.0}


class AbdominalDrawIn(ExerciseModel):
    id = "abdominal_draw_in"
    timed_hold = True
    # Lying still is already the position: the "hold" is the time the script calls the top.
    tempo = Tempo(lead_s=1.0, up_s=0.5, top_s=10.0, down_s=0.5, rest_s=1.0)
    sway: ClassVar[Mapping[str, float]] = {"lift": 0.3}
    kinds = (
        FaultKind(
            name="pelvis_lift",
            unit="deg",
            default=25.0,
            limits=(0.0, 35.0),
            rule="pelvis_lifting",
            param="lift",
            sign=1.0,
            description="the pelvis lifts this many degrees off the floor",
        ),
        FaultKind(
            name="curl_up",
            unit="deg",
            default=25.0,
            limits=(0.0, 35.0),
            rule="curling_up",
            param="lift",
            sign=-1.0,
            description="the head and shoulders curl this many degrees up",
        ),
        FaultKind(
            name="knees_straight",
            unit="deg",
            default=60.0,
            limits=(0.0, 85.0),
            rule="knees_straightening",
            param="knee",
            sign=1.0,
            description="the feet slide away: the knees open this many degrees",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return dict(LYING)

    def top(self, p: Proportions) -> dict[str, float]:
        return dict(LYING)

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        return knees_bent(float(values["lift"]), float(values["knee"]), p)
