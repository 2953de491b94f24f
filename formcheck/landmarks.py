"""Body landmarks by name, and the containers that carry them through the pipeline.

Landmarks are always referred to by :class:`PoseLandmark` name, never by index. Coordinates are
MediaPipe's normalised image coordinates: x and y in [0, 1] of the frame width and height (y grows
downwards), z the relative depth (smaller is nearer the camera, hips at about 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class PoseLandmark(IntEnum):
    """The 33 landmarks of MediaPipe's BlazePose topology."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


NUM_LANDMARKS = len(PoseLandmark)


def _mirror_name(name: str) -> str:
    if name.startswith("LEFT_"):
        return "RIGHT_" + name[5:]
    if name.startswith("RIGHT_"):
        return "LEFT_" + name[6:]
    return name


# Index permutation that swaps every left landmark with its right twin (derived from the names,
# so the table cannot drift out of mirror).
MIRROR_INDEX: npt.NDArray[np.intp] = np.array(
    [PoseLandmark[_mirror_name(lm.name)].value for lm in PoseLandmark], dtype=np.intp
)

# Body parts as a spec names them: side-less names resolve to the working side's landmark.
SIDED_PARTS: tuple[str, ...] = (
    "EYE",
    "EAR",
    "SHOULDER",
    "ELBOW",
    "WRIST",
    "INDEX",
    "HIP",
    "KNEE",
    "ANKLE",
    "HEEL",
    "FOOT_INDEX",
)

# Bones drawn in overlays, as landmark pairs.
SKELETON_EDGES: tuple[tuple[PoseLandmark, PoseLandmark], ...] = (
    (PoseLandmark.LEFT_SHOULDER, PoseLandmark.RIGHT_SHOULDER),
    (PoseLandmark.LEFT_HIP, PoseLandmark.RIGHT_HIP),
    (PoseLandmark.LEFT_SHOULDER, PoseLandmark.LEFT_HIP),
    (PoseLandmark.RIGHT_SHOULDER, PoseLandmark.RIGHT_HIP),
    (PoseLandmark.LEFT_SHOULDER, PoseLandmark.LEFT_ELBOW),
    (PoseLandmark.LEFT_ELBOW, PoseLandmark.LEFT_WRIST),
    (PoseLandmark.RIGHT_SHOULDER, PoseLandmark.RIGHT_ELBOW),
    (PoseLandmark.RIGHT_ELBOW, PoseLandmark.RIGHT_WRIST),
    (PoseLandmark.LEFT_HIP, PoseLandmark.LEFT_KNEE),
    (PoseLandmark.LEFT_KNEE, PoseLandmark.LEFT_ANKLE),
    (PoseLandmark.RIGHT_HIP, PoseLandmark.RIGHT_KNEE),
    (PoseLandmark.RIGHT_KNEE, PoseLandmark.RIGHT_ANKLE),
    (PoseLandmark.LEFT_ANKLE, PoseLandmark.LEFT_HEEL),
    (PoseLandmark.LEFT_HEEL, PoseLandmark.LEFT_FOOT_INDEX),
    (PoseLandmark.RIGHT_ANKLE, PoseLandmark.RIGHT_HEEL),
    (PoseLandmark.RIGHT_HEEL, PoseLandmark.RIGHT_FOOT_INDEX),
    (PoseLandmark.NOSE, PoseLandmark.LEFT_EAR),
    (PoseLandmark.NOSE, PoseLandmark.RIGHT_EAR),
)


@dataclass(frozen=True, slots=True)
class PoseFrame:
    """One frame's pose estimate.

    Attributes:
        timestamp_s: Presentation time of the frame in seconds from the start.
        xyz: ``(33, 3)`` normalised coordinates, or ``None`` when nobody was found.
        visibility: ``(33,)`` MediaPipe visibility scores in [0, 1], or ``None``.
        num_people: How many people the model found (0, 1 or more; only the first is used).
    """

    timestamp_s: float
    xyz: FloatArray | None
    visibility: FloatArray | None
    num_people: int = 0

    @property
    def detected(self) -> bool:
        return self.xyz is not None


@dataclass(slots=True)
class PoseTrack:
    """A whole clip's poses as arrays, the form kinematics works on.

    Frames where nobody was found hold NaN coordinates and zero visibility; ``detected`` says
    which frames those are, so a missing landmark is explicit rather than a silent NaN.
    """

    timestamp_s: FloatArray  # (T,)
    xyz: FloatArray  # (T, 33, 3)
    visibility: FloatArray  # (T, 33)
    num_people: npt.NDArray[np.int64]  # (T,)
    frame_width: int
    frame_height: int
    fps: float
    metadata: dict[str, str] = field(default_factory=dict)
    # (T,) how much each frame's picture changed from the previous one (grey levels, see
    # formcheck.video.scene); None where the frames were not seen (live, synthetic tracks).
    scene_change: FloatArray | None = None

    @property
    def detected(self) -> BoolArray:
        return np.asarray(np.isfinite(self.xyz[:, 0, 0]))

    def __len__(self) -> int:
        return int(self.timestamp_s.shape[0])

    @classmethod
    def from_frames(
        cls, frames: list[PoseFrame], frame_width: int, frame_height: int, fps: float
    ) -> PoseTrack:
        count = len(frames)
        xyz = np.full((count, NUM_LANDMARKS, 3), np.nan)
        visibility = np.zeros((count, NUM_LANDMARKS))
        for i, frame in enumerate(frames):
            if frame.xyz is not None and frame.visibility is not None:
                xyz[i] = frame.xyz
                visibility[i] = frame.visibility
        return cls(
            timestamp_s=np.array([f.timestamp_s for f in frames], dtype=np.float64),
            xyz=xyz,
            visibility=visibility,
            num_people=np.array([f.num_people for f in frames], dtype=np.int64),
            frame_width=frame_width,
            frame_height=frame_height,
            fps=fps,
        )

    def frame(self, index: int) -> PoseFrame:
        if not self.detected[index]:
            return PoseFrame(
                float(self.timestamp_s[index]), None, None, int(self.num_people[index])
            )
        return PoseFrame(
            float(self.timestamp_s[index]),
            self.xyz[index],
            self.visibility[index],
            int(self.num_people[index]),
        )

    def save(self, path: str) -> None:
        """Write the track as a compressed ``.npz`` (used by the landmark cache)."""
        arrays: dict[str, npt.NDArray[Any]] = {
            "timestamp_s": self.timestamp_s,
            "xyz": self.xyz.astype(np.float32),
            "visibility": self.visibility.astype(np.float32),
            "num_people": self.num_people,
            "frame_size": np.array([self.frame_width, self.frame_height]),
            "fps": np.array([self.fps]),
        }
        if self.scene_change is not None:
            arrays["scene_change"] = self.scene_change
        np.savez_compressed(path, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: str) -> PoseTrack:
        with np.load(path) as data:
            return cls(
                timestamp_s=data["timestamp_s"].astype(np.float64),
                xyz=data["xyz"].astype(np.float64),
                visibility=data["visibility"].astype(np.float64),
                num_people=data["num_people"].astype(np.int64),
                frame_width=int(data["frame_size"][0]),
                frame_height=int(data["frame_size"][1]),
                fps=float(data["fps"][0]),
                scene_change=(
                    data["scene_change"].astype(np.float64) if "scene_change" in data else None
                ),
            )
