"""The exercises the synthetic actor can perform, by spec id."""

from __future__ import annotations

from formcheck.synth.exercises.abdominal_draw_in import AbdominalDrawIn
from formcheck.synth.exercises.base import ExerciseModel
from formcheck.synth.exercises.bird_dog import BirdDog
from formcheck.synth.exercises.cat_cow import CatCow
from formcheck.synth.exercises.childs_pose import ChildsPose
from formcheck.synth.exercises.dead_bug import DeadBug
from formcheck.synth.exercises.glute_bridge import GluteBridge
from formcheck.synth.exercises.hamstring_stretch import HamstringStretch
from formcheck.synth.exercises.hip_flexor_stretch import HipFlexorStretch
from formcheck.synth.exercises.knee_to_chest import KneeToChest
from formcheck.synth.exercises.lunge import Lunge
from formcheck.synth.exercises.pelvic_tilt import PelvicTilt
from formcheck.synth.exercises.piriformis_stretch import PiriformisStretch
from formcheck.synth.exercises.plank import Plank
from formcheck.synth.exercises.posture import Posture
from formcheck.synth.exercises.prone_press_up import PronePressUp
from formcheck.synth.exercises.pushup import Pushup
from formcheck.synth.exercises.quad_stretch import QuadStretch
from formcheck.synth.exercises.safe_lifting import SafeLifting
from formcheck.synth.exercises.side_plank import SidePlank
from formcheck.synth.exercises.squat import Squat
from formcheck.synth.exercises.superman import Superman
from formcheck.synth.exercises.supine_twist import SupineTwist
from formcheck.synth.exercises.wall_sit import WallSit
from formcheck.synth.faults import SynthError

EXERCISES: dict[str, ExerciseModel] = {
    model.id: model
    for model in (
        GluteBridge(),
        Plank(),
        Pushup(),
        Squat(),
        CatCow(),
        BirdDog(),
        Superman(),
        WallSit(),
        DeadBug(),
        PronePressUp(),
        ChildsPose(),
        KneeToChest(),
        HamstringStretch(),
        HipFlexorStretch(),
        PelvicTilt(),
        AbdominalDrawIn(),
        SafeLifting(),
        Posture(),
        QuadStretch(),
        Lunge(),
        SidePlank(),
        SupineTwist(),
        PiriformisStretch(),
    )
}


def get_exercise(exercise_id: str) -> ExerciseModel:
    """The actor's model of an exercise.

    Raises:
        SynthError: the actor cannot perform it (the message lists those it can).
    """
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        known = ", ".join(sorted(EXERCISES))
        raise SynthError(
            f"the synthetic actor cannot perform {exercise_id!r} (it can do: {known})"
        ) from None


__all__ = ["EXERCISES", "ExerciseModel", "get_exercise"]
