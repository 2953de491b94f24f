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
