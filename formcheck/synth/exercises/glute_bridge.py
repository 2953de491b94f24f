"""Glute bridge: lying on the back, knees bent, feet flat; the pelvis lifts about the shoulders.

One parameter drives it: ``hip_line`` (degrees), the spec's own metric, the bend at the hip of
the near shoulder-hip-knee chain (0 = straight line, negative = hips below it). The shoulders
and the feet stay on the floor; the knee follows from the planted foot.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth import angles
from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, too_fast
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, leg_to, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, pose_body, unit

REST_LIFT_DEG = 0.5
# Knee joint angle at rest, feet flat near the buttocks: the median of the labelled real bridge
# clips' resting knee angles as MediaPipe measures them (35-70, most 55-65). At 75 the actor's
# hips rested 8-10 degrees higher on the hip line than real people's, so a deep sag barely rose
# the range a rep needs.
REST_KNEE_DEG = 60.0


def _shoulder_y(p: Proportions) -> float:
    return 0.45 * p.chest_depth


def _pose_for_lift(lift_deg: float, p: Proportions) -> Pose:
    shoulder = np.array([0.0, _shoulder_y(p)])
    up = unit(-lift_deg)  # hip -> shoulder, the head to +x
    hip = shoulder - p.trunk * up
    rest_hip_x = -p.trunk * math.cos(math.radians(REST_LIFT_DEG))
    chord = math.sqrt(
        p.thigh**2 + p.shank**2 - 2 * p.thigh * p.shank * math.cos(math.radians(REST_KNEE_DEG))
    )
    ankle = np.array([rest_hip_x - chord, p.ankle_height])
    leg = leg_to(hip, ankle, np.array([-1.0, 0.0]), np.array([0.0, 1.0]), p)
    drop = math.degrees(math.asin(min(1.0, (_shoulder_y(p) - p.elbow / 2) / p.upper_arm)))
    arm = ArmDirs(unit(180.0 + drop), unit(180.0), unit(181.0))
    return pose_from_directions(
        anterior=1,
        hip=hip,
        trunk_deg=-lift_deg,
        spine_flex_deg=0.0,
        head_up=unit(0.0),
        near_leg=leg,
        near_arm=arm,
    )


def hip_line_of(pose: Pose, p: Proportions) -> float:
    body = pose_body(pose, p)
    return float(angles.bend(body.near.shoulder, body.near.hip, body.near.knee))


@functools.lru_cache(maxsize=16)
def _lift_table(p: Proportions) -> tuple[np.ndarray, np.ndarray]:
    lifts = np.linspace(-4.0, 70.0, 741)
    lines = np.array([hip_line_of(_pose_for_lift(float(x), p), p) for x in lifts])
    if not np.all(np.diff(lines) > 0):
        raise AssertionError("the bridge's hip line must rise with the lift")
    return lines, lifts


class GluteBridge(ExerciseModel):
    id = "glute_bridge"
    tempo = Tempo(lead_s=1.5, up_s=1.0, top_s=2.0, down_s=1.2, rest_s=1.0)
    sway: ClassVar[Mapping[str, float]] = {"hip_line": 0.5}
    kinds = (
        FaultKind(
            name="hip_sag",
            unit="deg",
            default=22.0,
            limits=(0.0, 40.0),
            rule="hip_sag",
            param="hip_line",
            sign=-1.0,
            description="at the top the hips stay this many degrees below the shoulder-knee line",
        ),
        FaultKind(
            name="hips_piked",
            unit="deg",
            default=30.0,
            limits=(0.0, 45.0),
            rule="over_arching",
            param="hip_line",
            sign=1.0,
            description="at the top the hips push this many degrees above the shoulder-knee line (over-arching)",
        ),
        INCOMPLETE,
        too_fast("too_fast"),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"hip_line": hip_line_of(_pose_for_lift(REST_LIFT_DEG, p), p)}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"hip_line": 0.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        lines, lifts = _lift_table(p)
        line = float(values["hip_line"])
        if not lines[0] <= line <= lines[-1]:
            raise ValueError(
                f"bridge hip line {line:.1f} is beyond reach ({lines[0]:.0f} to {lines[-1]:.0f})"
            )
        return _pose_for_lift(float(np.interp(line, lines, lifts)), p)
