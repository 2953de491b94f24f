"""The engine's input: one frame's metrics and whether they can be trusted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class FrameStatus(StrEnum):
    OK = "ok"
    NO_PERSON = "no_person"
    OUT_OF_VIEW = "out_of_view"  # a required body part is outside the frame or hidden
    WRONG_VIEW = "wrong_view"  # e.g. facing the camera for a side-view exercise
    MULTIPLE_PEOPLE = "multiple_people"

    @property
    def judgeable(self) -> bool:
        return self is FrameStatus.OK


@dataclass(frozen=True, slots=True)
class MetricFrame:
    """Everything the engine needs about one frame.

    Attributes:
        timestamp_s: time of the frame; the engine never reads a clock.
        values: metric name -> value (degrees or torso lengths); NaN where unknown.
        status: whether the values can be judged, and if not, why.
        detail: what to fix, in words (e.g. "feet" when the feet are out of view).
        side: the working side ("left"/"right") where the exercise has one.
        unseen: metrics whose points the pose model could not see this frame (visibility
            below its threshold: a limb on the far side of the body, or hidden). Their values
            are guesses; they still drive counting, but form rules on them are not judged.
            Metrics judged from other camera views only are unseen here too.
        view: the camera view ("side", "front", "oblique", "unknown"); None when not known.
        cut: the first frame of a new shot (a camera cut or fade in a recorded video): a
            movement seen before it does not continue after it.
    """

    timestamp_s: float
    values: Mapping[str, float]
    status: FrameStatus = FrameStatus.OK
    detail: str | None = None
    side: str | None = None
    unseen: frozenset[str] = frozenset()
    view: str | None = None
    cut: bool = False
