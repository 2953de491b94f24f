"""MediaPipe PoseLandmarker behind one small interface for recorded and live frames."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Literal

import numpy as np
import numpy.typing as npt

from formcheck.errors import ModelError
from formcheck.landmarks import PoseFrame

logger = logging.getLogger(__name__)

RunningMode = Literal["video", "image"]


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """MediaPipe's C++ core prints start-up chatter straight to file descriptor 2; hide it
    (Python-level errors still raise normally)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class PoseEstimator:
    """Finds one person's 33 landmarks in RGB frames.

    ``mode="video"`` (recorded files and live streams alike) lets MediaPipe track between frames,
    which is faster and steadier; it needs strictly increasing timestamps. ``mode="image"`` treats
    every frame on its own. The estimator asks for up to ``max_people`` poses so that a second
    person in view is noticed and reported instead of silently mixed into the analysis.

    Use it as a context manager so the native graph is released::

        with PoseEstimator(resolve_model()) as estimator:
            pose = estimator.process(rgb, timestamp_s=0.0)

    Raises:
        ModelError: the model file cannot be loaded by MediaPipe.
    """

    def __init__(
        self,
        model_path: str | Path,
        mode: RunningMode = "video",
        *,
        max_people: int = 2,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
    ) -> None:
        # Imported here so that code which only replays recorded landmarks never loads MediaPipe.
        import mediapipe as mp
        from mediapipe.tasks.python import BaseOptions, vision

        self._mp = mp
        self._mode = mode
        running_mode = vision.RunningMode.VIDEO if mode == "video" else vision.RunningMode.IMAGE
        options = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model_path)),
            running_mode=running_mode,
            num_poses=max_people,
            min_pose_detection_confidence=min_detection_confidence,
            min_pose_presence_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
        )
        try:
            with _native_stderr_silenced():
                self._landmarker = vision.PoseLandmarker.create_from_options(options)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"could not load the pose model {model_path}: {exc}") from exc
        self._last_timestamp_ms = -1
        self._first = True

    def process(self, rgb: npt.NDArray[np.uint8], timestamp_s: float) -> PoseFrame:
        """Estimates the pose in one RGB frame (H, W, 3, uint8) taken at ``timestamp_s``: the
        most confident person's, with how many people were found."""
        people = self.process_all(rgb, timestamp_s)
        return people[0] if people else PoseFrame(timestamp_s, None, None, 0)

    def process_all(self, rgb: npt.NDArray[np.uint8], timestamp_s: float) -> list[PoseFrame]:
        """Every person found in the frame (up to ``max_people``), most confident first."""
        image = self._mp.Image(
            image_format=self._mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb)
        )
        if self._mode == "video":
            # MediaPipe wants strictly increasing integer milliseconds; frames closer than 1 ms
            # (variable frame rate, live jitter) are nudged forward rather than rejected.
            timestamp_ms = max(round(timestamp_s * 1000.0), self._last_timestamp_ms + 1)
            self._last_timestamp_ms = timestamp_ms
            if self._first:
                # The first inference logs more native chatter; later ones are quiet.
                with _native_stderr_silenced():
                    result = self._landmarker.detect_for_video(image, timestamp_ms)
                self._first = False
            else:
                result = self._landmarker.detect_for_video(image, timestamp_ms)
        else:
            result = self._landmarker.detect(image)
        people = result.pose_landmarks
        frames = []
        for landmarks in people:  # MediaPipe's most confident pose first
            xyz = np.array([(lm.x, lm.y, lm.z) for lm in landmarks], dtype=np.float64)
            visibility = np.array(
                [lm.visibility if lm.visibility is not None else 0.0 for lm in landmarks],
                dtype=np.float64,
            )
            frames.append(PoseFrame(timestamp_s, xyz, visibility, len(people)))
        return frames

    def close(self) -> None:
        self._landmarker.close()

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
