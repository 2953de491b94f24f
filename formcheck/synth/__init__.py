"""A synthetic actor: exercise videos with exact ground truth, for demos and for testing rules.

A side-view human figure with adult proportions is posed from joint angles, moved through
keyframed reps or holds (tempo, facing, camera distance), made to commit form faults on chosen
reps, and drawn with OpenCV as shaded capsules with a profile face, which MediaPipe's pose model
detects. Exercises judged from the front (the side plank) get a front-view figure instead: both
sides of the body and a frontal face, posed in the body's coronal plane (:mod:`.front`). Every
clip gets a ground-truth JSON beside it: per-frame true joint angles and spec metrics, rep
boundaries and count, hold windows, and which faults are present when::

    from formcheck.synth import Take, synthesize

    truth = synthesize(Take("glute_bridge", reps=4, faults=("hip_sag:22@2",)), "bridge.mp4")
    truth.rep_count                # 4
    truth.faulty_reps("hip_sag")   # [2]

The analysis core never imports this package; it needs OpenCV and numpy (both come with
MediaPipe). ``python -m formcheck.synth.samples`` regenerates ``sample_videos/``.
"""

from formcheck.synth.clip import Actor, PreparedClip, Take, prepare, synthesize
from formcheck.synth.exercises import EXERCISES, ExerciseModel, get_exercise
from formcheck.synth.faults import Fault, FaultKind, SynthError, parse_fault
from formcheck.synth.motion import Tempo
from formcheck.synth.truth import GroundTruth, load_truth, truth_path

__all__ = [
    "EXERCISES",
    "Actor",
    "ExerciseModel",
    "Fault",
    "FaultKind",
    "GroundTruth",
    "PreparedClip",
    "SynthError",
    "Take",
    "Tempo",
    "get_exercise",
    "load_truth",
    "parse_fault",
    "prepare",
    "synthesize",
    "truth_path",
]
