"""Pelvic tilt: lying on the back, knees bent, feet flat; the pelvis rolls back to flatten the
lower back, held, and relaxes.

Parameters: ``lift`` (the shoulder -> hip incline, the spec's pelvis_lift_deg: 0.5 relaxed; a
tilt rolls the hips a few degrees up, raising the spec's hip line by about 6 degrees) and
``knee`` (the knee angle the feet are placed for: 80). The shoulders and feet stay down.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel
from formcheck.synth.exercises.supine import knees_bent
from formcheck.synth.faults import FaultKind
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions

RELAXED_LIFT_DEG = 0.5
TILTED_LIFT_DEG = 3.5
KNEE_DEG = 80.0


class PelvicTilt(ExerciseModel):
    id = "pelvic_tilt"
    tempo = Tempo(lead_s=1.5, up_s=1.0, top_s=5.0, down_s=1.0, rest_s=1.5)
    sway: ClassVar[Mapping[str, float]] = {"lift": 0.15}
    kinds = (
        FaultKind(
            name="buttocks_lift",
            unit="deg",
            default=25.0,
            limits=(0.0, 35.0),
            rule="buttocks_lifting",
            param="lift",
            sign=1.0,
            description="the buttocks lift off the floor: the pelvis rises this many degrees more",
        ),
        FaultKind(
            name="knees_straight",
            unit="deg",
            default=60.0,
            limits=(0.0, 85.0),
            rule="knees_straight",
            param="knee",
            sign=1.0,
            description="the feet slide away: the knees open this many degrees",
        ),
        INCOMPLETE,
        FaultKind(
            name="short_hold",
            unit="s",
            default=2.5,
            limits=(0.3, 10.0),
            rule="short_hold",  # pelvic_tilt.yaml times the hold as the whole rep's duration
            param=None,
            sign=1.0,
            description="a short tilt: up, hold and down take this many seconds in all",
        ),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"lift": RELAXED_LIFT_DEG, "knee": KNEE_DEG}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"lift": TILTED_LIFT_DEG, "knee": KNEE_DEG}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        return knees_bent(float(values["lift"]), float(values["knee"]), p)
