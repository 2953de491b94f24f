"""Cat-cow: on hands and knees, the back rounds up with the head down (cat), then sags with the
head up (cow).

Parameters: ``curl`` (degrees; the spec's spine curl, the bend of hip-shoulder-ear: +65 in the
cat, -40 in the cow), ``thigh`` (the knee -> hip incline: 88 with the hips over the knees),
``arm`` (the wrist -> shoulder incline: 88 with the hands under the shoulders) and ``cut``
(degrees taken off the whole cow-to-cat range: :data:`COW_SHARE` of it from the cow, the rest
from the cat). Half of the curl is the spine's, the rest the neck's. The knees stay planted;
the hands follow the shoulders.

The actor flows from cow (rest) to cat (the top) and back, so a rep is cow -> cat -> cow. A rep
with too little range (``small_range``) starts from a shallower cow, so its ``cut`` is in place
from the rest before it (see ``FaultKind.from_rest``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from formcheck.synth import angles
from formcheck.synth.exercises.base import INCOMPLETE, ExerciseModel, too_fast
from formcheck.synth.faults import FaultKind
from formcheck.synth.ik import ArmDirs, LegDirs, pose_from_directions
from formcheck.synth.motion import Tempo
from formcheck.synth.skeleton import Pose, Proportions, angle_of, pose_body, unit

SPINE_SHARE = 0.5  # of the curl, in the spine (the rest in the neck)
COW_CURL, CAT_CURL = -40.0, 65.0
# A small range mostly skips the cow: the cat keeps 10 degrees over the spec's peak (40) even
# with 50 degrees cut, so the rep still counts and small_range judges it.
COW_SHARE = 0.7
SMALL_RANGE_LIMIT = 70.0  # cat_cow.yaml: small_range, degrees between cow and cat


def _cut_curl(curl: float, cut: float) -> float:
    """The curl with ``cut`` degrees taken off the cow-to-cat range: the cow and the cat move
    in (by :data:`COW_SHARE` and the rest of ``cut``), every curl between in proportion."""
    if cut == 0.0:
        return curl  # exactly: clips without the fault stay byte-identical
    cow = COW_CURL + COW_SHARE * cut
    cat = CAT_CURL - (1.0 - COW_SHARE) * cut
    return cow + (curl - COW_CURL) * (cat - cow) / (CAT_CURL - COW_CURL)


class CatCow(ExerciseModel):
    id = "cat_cow"
    tempo = Tempo(lead_s=1.5, up_s=1.5, top_s=1.2, down_s=1.5, rest_s=1.2)
    sway: ClassVar[Mapping[str, float]] = {"curl": 0.8, "thigh": 0.5}
    kinds = (
        FaultKind(
            name="hips_back",
            unit="deg",
            default=35.0,
            limits=(0.0, 45.0),
            rule="hips_not_over_knees",
            param="thigh",
            sign=-1.0,
            description="the thighs lean this many degrees back from vertical (hips behind the knees)",
        ),
        FaultKind(
            name="hands_forward",
            unit="deg",
            default=35.0,
            limits=(0.0, 45.0),
            rule="hands_not_under_shoulders",
            param="arm",
            sign=-1.0,
            description="the arms lean this many degrees forward from vertical (hands ahead of the shoulders)",
        ),
        FaultKind(
            name="small_range",
            unit="deg",
            default=45.0,
            # Beyond 60 the cat falls short of the spec's peak and the rep no longer counts.
            limits=(0.0, 60.0),
            rule="small_range",
            param="cut",
            sign=1.0,
            description="too little range: the back moves this many degrees less between cow and cat",
            threshold=CAT_CURL - COW_CURL - SMALL_RANGE_LIMIT,
            from_rest=True,
        ),
        INCOMPLETE,
        too_fast("too_fast", default_s=1.4),
    )

    def rest(self, p: Proportions) -> dict[str, float]:
        return {"curl": COW_CURL, "thigh": 88.0, "arm": 88.0, "cut": 0.0}

    def top(self, p: Proportions) -> dict[str, float]:
        return {"curl": CAT_CURL, "thigh": 88.0, "arm": 88.0, "cut": 0.0}

    def pose(self, values: Mapping[str, float], p: Proportions) -> Pose:
        curl = _cut_curl(float(values["curl"]), float(values["cut"]))
        spine = SPINE_SHARE * curl
        knee = np.array([0.0, p.knee / 2])
        hip = knee + p.thigh * unit(180.0 - float(values["thigh"]))  # hips back: towards -x
        # The trunk as built with its pelvis pointing +x: where the shoulder and ear end up.
        flat = pose_body(
            Pose(trunk_deg=0.0, anterior=-1, hip_x=0.0, hip_y=0.0, spine_flex_deg=spine), p
        )
        chord = flat.near.shoulder - flat.near.hip
        length = float(np.hypot(chord[0], chord[1]))
        wrist_y = p.wrist / 2 + 0.01
        arm_len = p.upper_arm + p.forearm
        arm_deg = float(values["arm"])
        shoulder_y = wrist_y + arm_len * math.sin(math.radians(arm_deg))
        rise = max(-0.99, min(0.99, (shoulder_y - float(hip[1])) / length))
        chord_deg = math.degrees(math.asin(rise))
        trunk_deg = chord_deg - angle_of(chord)
        shoulder = hip + length * unit(chord_deg)
        wrist = shoulder + arm_len * unit(arm_deg - 180.0)
        wrist = np.array([2 * float(shoulder[0]) - float(wrist[0]), float(wrist[1])])  # ahead (+x)
        # The neck makes up the rest of the curl (the bend is additive in the neck's flexion).
        neck0 = float(angles.bend(flat.near.hip, flat.near.shoulder, flat.ear))
        chest_deg = trunk_deg - spine  # anterior -1: flexion turns the chest clockwise
        head_deg = chest_deg - (curl - neck0)
        arm_dir = (wrist - shoulder) / arm_len
        ankle = knee + np.array([-p.shank, p.ankle * 0.5 - p.knee / 2 + 0.01])
        shank = (ankle - knee) / float(np.hypot(*(ankle - knee)))
        return pose_from_directions(
            anterior=-1,
            hip=hip,
            trunk_deg=trunk_deg,
            spine_flex_deg=spine,
            head_up=unit(head_deg),
            near_leg=LegDirs((knee - hip) / p.thigh, shank, unit(184.0)),
            near_arm=ArmDirs(arm_dir, arm_dir, unit(0.0)),
        )
