"""A minimal valid exercise spec for engine and kinematics tests: each test adds its own
metrics, counting or hold, and rules to the parts every spec needs."""

from __future__ import annotations

from formcheck.specs.schema import ExerciseSpec

BASE = {
    "id": "demo",
    "name": "Demo",
    "category": "strength",
    "instructions": ["Do it."],
    "camera": {"view": "side", "setup": "Side-on."},
    "required": ["HIP"],
    "dosage": {"text": "some", "reps": 10},
}


def make_spec(**fields: object) -> ExerciseSpec:
    """``BASE`` with ``fields`` added (or replacing its own), validated."""
    return ExerciseSpec.model_validate(BASE | fields)


# Posture judged against the person's own upright: the neck's angle, calibrated over the first
# 3 s, and a forward head 15 degrees from that.
POSTURE = make_spec(
    camera={"view": "side", "setup": "Side-on."},
    metrics={"neck_deg": {"kind": "incline", "points": ["SHOULDER", "EAR"]}},
    hold={"position": {"neck_deg": {"above": -90}}},
    calibration={"metrics": ["neck_deg"], "seconds": 3},
    frame_rules=[
        {
            "id": "forward_head",
            "metric": "neck_deg_from_baseline",
            "when": {"below": -15},
            "persist_s": 1.0,
            "cue": "Bring your head back over your shoulders",
            "message": "Head forward of your upright",
        }
    ],
    dosage={"text": "check", "hold_s": 60},
)
