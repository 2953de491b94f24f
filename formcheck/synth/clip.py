"""Renders a synthetic exercise clip and its ground truth: :func:`synthesize`."""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from formcheck.errors import SpecError
from formcheck.specs import get_spec
from formcheck.specs.schema import ExerciseSpec
from formcheck.synth.exercises import get_exercise
from formcheck.synth.faults import Fault, SynthError, parse_fault
from formcheck.synth.front import (
    FrontBody,
    FrontPose,
    front_body,
    front_joint_angles,
    front_landmarks,
)
from formcheck.synth.front_render import FrontRenderer
from formcheck.synth.motion import Tempo, build_script
from formcheck.synth.render import LOOKS, Camera, FigureRenderer, Image, Look
from formcheck.synth.skeleton import Body, Pose, Proportions, pose_body
from formcheck.synth.truth import (
    GroundTruth,
    body_landmarks,
    counts_by_spec,
    expected_hold_windows,
    spec_metrics,
    truth_path,
    with_baselines,
)

logger = logging.getLogger(__name__)

Facing = Literal["left", "right"]
# A camera's horizontal field of view (a laptop or phone camera in landscape).
HFOV_DEG = 60.0
# MediaPipe loses a figure smaller than about this share of the frame width (lying) or height
# (standing): measured in the synthetic-actor issue.
MIN_EXTENT_LYING = 0.40
MIN_EXTENT_STANDING = 0.50

ProgressCallback = Callable[[int, int], None]
# A posed figure: side-on (most exercises) or seen from the front.
Figure = Body | FrontBody


@dataclass(frozen=True, slots=True)
class Actor:
    """Who performs: body proportions, colours and standing height."""

    proportions: Proportions = field(default_factory=Proportions)
    look: Look = field(default_factory=Look)
    height_m: float = 1.75

    @classmethod
    def varied(cls, seed: int) -> Actor:
        """A different, plausible person for each seed (proportions within a few percent,
        one of :data:`~formcheck.synth.render.LOOKS`, 1.60-1.90 m)."""
        rng = np.random.default_rng([seed, 7919])
        proportions = Proportions().scaled(
            lengths=float(rng.uniform(0.97, 1.03)), girth=float(rng.uniform(0.92, 1.10))
        )
        look = LOOKS[int(rng.integers(len(LOOKS)))]
        return cls(proportions, look, float(rng.uniform(1.60, 1.90)))


def _joint_angles(poses: Sequence[Pose], bodies: Sequence[Body]) -> dict[str, np.ndarray]:
    def col(values: list[float]) -> np.ndarray:
        return np.asarray(values, dtype=np.float64)

    out: dict[str, np.ndarray] = {}
    for side in ("near", "far"):
        legs = [getattr(p, f"{side}_leg") for p in poses]
        arms = [getattr(p, f"{side}_arm") for p in poses]
        out[f"{side}_hip_flex_deg"] = col([leg.hip_flex_deg for leg in legs])
        out[f"{side}_knee_flex_deg"] = col([leg.knee_flex_deg for leg in legs])
        out[f"{side}_ankle_dorsi_deg"] = col([leg.ankle_dorsi_deg for leg in legs])
        out[f"{side}_shoulder_flex_deg"] = col([arm.shoulder_flex_deg for arm in arms])
        out[f"{side}_elbow_flex_deg"] = col([arm.elbow_flex_deg for arm in arms])
    out["spine_flex_deg"] = col([p.spine_flex_deg for p in poses])
    out["neck_flex_deg"] = col([p.neck_flex_deg for p in poses])
    # Elevation of the hip -> shoulder line above horizontal (mirroring does not change it).
    elevations = []
    for body in bodies:
        d = body.near.shoulder - body.near.hip
        elevations.append(math.degrees(math.atan2(float(d[1]), abs(float(d[0])))))
    out["trunk_elevation_deg"] = col(elevations)
    return out


@dataclass(frozen=True, slots=True)
class Take:
    """What to film: the exercise, the set, the faults, the camera and the actor.

    Attributes:
        exercise: an exercise id with a spec and an actor model (see ``EXERCISES``).
        reps: how many reps (timed holds: how many holds); default 3 reps or 1 hold.
        faults: :class:`Fault` s, or strings in the command-line syntax (``"hip_sag:15@2"``).
        facing: the image side the head is on (lying) or the person faces (standing).
        fps: frame rate of the video.
        size: (width, height) in pixels.
        camera_distance_m: how far the camera is (sets the figure's size); default the
            exercise's (2.5 m lying).
        tempo: timing of a clean rep; default the exercise's.
        actor: who performs.
        seed: seeds the actor's small sway; the same take always gives the same clip.
    """

    exercise: str
    reps: int | None = None
    faults: tuple[Fault | str, ...] = ()
    facing: Facing = "left"
    fps: float = 15.0
    size: tuple[int, int] = (640, 360)
    camera_distance_m: float | None = None
    tempo: Tempo | None = None
    actor: Actor = field(default_factory=Actor)
    seed: int = 0

    def __post_init__(self) -> None:
        parsed = tuple(parse_fault(f) if isinstance(f, str) else f for f in self.faults)
        object.__setattr__(self, "faults", parsed)
        if self.facing not in ("left", "right"):
            raise SynthError(f"facing must be 'left' or 'right' (got {self.facing!r})")
        if not self.fps > 0:
            raise SynthError(f"fps must be positive (got {self.fps})")
        if self.size[0] < 64 or self.size[1] < 64:
            raise SynthError(
                f"frame size {self.size[0]}x{self.size[1]} is too small (at least 64x64)"
            )

    @property
    def fault_list(self) -> list[Fault]:
        return [f for f in self.faults if isinstance(f, Fault)]


@dataclass(frozen=True, slots=True)
class PreparedClip:
    """A take worked out frame by frame, ready to draw: the bodies, the camera, the truth."""

    take: Take
    bodies: tuple[Figure, ...]
    camera: Camera
    truth: GroundTruth

    def frames(self) -> Iterator[Image]:
        """The RGB frames, drawn one at a time."""
        look = self.take.actor.look
        side, front = FigureRenderer(self.camera, look), FrontRenderer(self.camera, look)
        for body in self.bodies:
            yield side.draw(body) if isinstance(body, Body) else front.draw(body)


def _film(
    take: Take, lying: bool, default_distance_m: float, bodies: Sequence[Figure]
) -> tuple[Camera, float]:
    """The camera for the take (the figure centred over the whole clip, standing on the floor
    line) and the median share of the frame the figure spans (width lying, height standing).

    Raises:
        SynthError: the distance is not positive, or so short that the figure leaves the frame.
    """
    width, height = take.size
    distance = take.camera_distance_m if take.camera_distance_m is not None else default_distance_m
    if distance <= 0:
        raise SynthError(f"camera distance must be positive (got {distance})")
    frame_width_m = 2 * distance * math.tan(math.radians(HFOV_DEG / 2))
    scale = width / frame_width_m * take.actor.height_m
    everything = np.array([pt for body in bodies for pt in body.points()])
    lo, hi = everything.min(axis=0), everything.max(axis=0)
    floor_px = (0.82 if lying else 0.93) * height
    camera = Camera(
        width, height, scale, float((lo[0] + hi[0]) / 2), floor_px, take.facing == "left"
    )
    corners = camera.to_px(np.array([lo, hi]))
    if corners[:, 0].min() < 0 or corners[:, 0].max() > width or corners[:, 1].min() < 0:
        raise SynthError(
            f"the camera at {distance:g} m is too close: the figure leaves the {width}x{height} "
            "frame; move it back"
        )
    axis, frame_size = (0, width) if lying else (1, height)
    extent = float(
        np.median([np.ptp(np.array(b.points())[:, axis]) for b in bodies]) * scale / frame_size
    )
    minimum = MIN_EXTENT_LYING if lying else MIN_EXTENT_STANDING
    if extent < minimum:
        logger.warning(
            "the figure fills only %.0f%% of the frame (MediaPipe needs about %.0f%%): move the camera closer",
            100 * extent,
            100 * minimum,
        )
    return camera, extent


def prepare(
    take: Take, *, spec: ExerciseSpec | None = None, landmarks: bool = False
) -> PreparedClip:
    """Works out every frame of ``take`` and its ground truth, without drawing anything.

    Args:
        take: what to film.
        spec: the spec whose metrics the truth reports; default the bundled one.
        landmarks: keep every frame's 33 true landmarks in the truth.

    Raises:
        SynthError: an unknown exercise or fault, an impossible amount, or a camera so close
            that the figure leaves the frame.
    """
    model = get_exercise(take.exercise)
    if spec is None:
        try:
            spec = get_spec(take.exercise)
        except SpecError as exc:
            raise SynthError(
                f"{take.exercise}: no exercise spec to take the ground truth's metrics from ({exc})"
            ) from exc
    p = take.actor.proportions
    count = take.reps if take.reps is not None else (1 if model.timed_hold else 3)
    rng = np.random.default_rng(take.seed)
    sway = {
        name: (amplitude, float(rng.uniform(0.15, 0.45)), float(rng.uniform(0.0, 2 * math.pi)))
        for name, amplitude in sorted(model.sway.items())
    }
    script = build_script(
        reps=count,
        rest=model.rest(p),
        top=model.top(p),
        tempo=take.tempo or model.tempo,
        faults=take.fault_list,
        kinds=model.fault_kinds,
        timed_hold=model.timed_hold,
        tremor=sway,
        top_of_rep=lambda number: model.top_of_rep(number, p),
        param_of_rep=model.fault_param,
    )
    width, height = take.size
    t = np.arange(round(script.duration_s * take.fps)) / take.fps
    values = script.values(t)
    poses = [model.pose({k: float(v[i]) for k, v in values.items()}, p) for i in range(t.size)]
    side_bodies = [pose_body(pose, p) for pose in poses if isinstance(pose, Pose)]
    front_bodies = [front_body(pose, p) for pose in poses if isinstance(pose, FrontPose)]
    if side_bodies and front_bodies:
        raise ValueError(f"{take.exercise}: poses seen from the side and from the front mixed")
    bodies: list[Body] | list[FrontBody] = front_bodies or side_bodies

    camera, extent = _film(take, model.lying, model.camera_distance_m, bodies)
    mirror = camera.mirror
    extra: dict[str, Any] = {}
    if front_bodies:
        # Seen from the front, both sides show. The figure is posed with the head towards +x
        # and the left side down; mirrored, the picture shows the right side down.
        near_side = "right" if mirror else "left"
        canonical = np.stack([front_landmarks(body, mirror) for body in front_bodies])
        joint_angles = front_joint_angles(front_bodies)
        extra["view"] = "front"
    else:
        near_canonical = "left" if side_bodies[0].pose.anterior == 1 else "right"
        near_side = (
            near_canonical if not mirror else ("right" if near_canonical == "left" else "left")
        )
        canonical = np.stack([body_landmarks(body, near_side) for body in side_bodies])
        joint_angles = _joint_angles([body.pose for body in side_bodies], side_bodies)
    pixels = camera.to_px(canonical)
    square_up = np.stack([pixels[..., 0], -pixels[..., 1]], axis=-1)  # square pixels, y up
    facing_sign = -1.0 if take.facing == "left" else 1.0
    metrics = with_baselines(t, spec_metrics(square_up, spec, near_side, facing_sign), spec)
    phases, numbers = script.phases(t)
    truth = GroundTruth(
        exercise=take.exercise,
        video="",
        width=width,
        height=height,
        fps=take.fps,
        seed=take.seed,
        facing=take.facing,
        near_side=near_side,
        camera_distance_m=(
            take.camera_distance_m
            if take.camera_distance_m is not None
            else model.camera_distance_m
        ),
        figure_extent=extent,
        requested_faults=[str(f) for f in take.faults],
        reps=list(script.reps),
        faults=list(script.faults),
        timed_hold=model.timed_hold,
        timestamp_s=t,
        phases=phases,
        rep_numbers=numbers,
        frame_faults=[script.faults_at(float(x)) for x in t],
        joint_angles=joint_angles,
        metrics=metrics,
        hold_windows=expected_hold_windows(t, metrics, spec, script.reps),
        counted_by_spec=[counts_by_spec(t, metrics, spec, rep) for rep in script.reps],
        landmarks=(pixels / np.array([width, height])) if landmarks else None,
        extra=extra,
    )
    return PreparedClip(take, tuple(bodies), camera, truth)


def synthesize(
    take: Take,
    output: str | Path,
    *,
    spec: ExerciseSpec | None = None,
    landmarks: bool = False,
    progress: ProgressCallback | None = None,
) -> GroundTruth:
    """Renders ``take`` to ``output`` (.mp4: H.264, or .webm) and writes its ground truth beside
    it (``clip.mp4`` -> ``clip.truth.json``).

    Args:
        take: what to film.
        output: the video file to write.
        spec: the spec whose metrics the truth reports; default the bundled one.
        landmarks: also write every frame's 33 true landmarks to the truth.
        progress: called with (frames done, frames in all).

    Returns:
        The ground truth (also written to ``truth_path(output)``).

    Raises:
        SynthError: see :func:`prepare`.
        VideoError: the video cannot be written.

    Example::

        truth = synthesize(Take("glute_bridge", reps=4, faults=("hip_sag:22@2",)), "bridge.mp4")
        truth.rep_count, truth.faulty_reps("hip_sag")   # (4, [2])
    """
    from formcheck.video.writer import VideoWriter

    clip = prepare(take, spec=spec, landmarks=landmarks)
    output = Path(output)
    width, height = take.size
    with VideoWriter(output, width, height, take.fps) as writer:
        for i, frame in enumerate(clip.frames()):
            writer.write(frame)
            if progress is not None:
                progress(i + 1, len(clip.bodies))
    truth = dataclasses.replace(clip.truth, video=output.name)
    truth.write(truth_path(output))
    return truth
