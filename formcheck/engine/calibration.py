"""A person's own baseline: posture is judged against their upright, not a textbook's."""

from __future__ import annotations

import math
from statistics import median

from formcheck.engine.events import Event, SetupGuidance
from formcheck.engine.frames import MetricFrame
from formcheck.specs.schema import CalibrationSpec

BASELINE_SUFFIX = "_from_baseline"


class Calibration:
    """Learns each listed metric's median over the first ``seconds`` of judged frames, then adds
    ``<metric>_from_baseline`` (value minus baseline) to every frame's values. Before it is done,
    those values are NaN, so no rule can judge them yet."""

    def __init__(self, spec: CalibrationSpec) -> None:
        self.spec = spec
        self.baseline: dict[str, float] = {}
        self._samples: dict[str, list[float]] = {}
        self._start_s: float | None = None

    @property
    def done(self) -> bool:
        return bool(self.baseline)

    @property
    def instruction(self) -> str:
        return self.spec.instruction

    def _matches(self, key: str) -> str | None:
        name = key.split("@", 1)[0]
        return name if name in self.spec.metrics else None

    def apply(self, frame: MetricFrame, out: list[Event]) -> MetricFrame:
        """Records or applies the baseline for one judged frame."""
        if not self.done:
            if self._start_s is None:
                self._start_s = frame.timestamp_s
            for key, value in frame.values.items():
                if self._matches(key) and math.isfinite(value):
                    self._samples.setdefault(key, []).append(value)
            if frame.timestamp_s - self._start_s >= self.spec.seconds and self._samples:
                self.baseline = {key: median(values) for key, values in self._samples.items()}
                out.append(SetupGuidance(frame.timestamp_s, "calibrated", self.spec.done_message))
        values = dict(frame.values)
        unseen = set(frame.unseen)
        for key, value in frame.values.items():
            name = self._matches(key)
            if name is None:
                continue
            side = key[len(name) :]  # "" or "@left"/"@right"
            base = self.baseline.get(key, math.nan)
            relative = f"{name}{BASELINE_SUFFIX}{side}"
            values[relative] = value - base
            if key in frame.unseen:  # as poorly seen as the metric it is measured from
                unseen.add(relative)
        return MetricFrame(
            frame.timestamp_s,
            values,
            frame.status,
            frame.detail,
            frame.side,
            frozenset(unseen) if len(unseen) > len(frame.unseen) else frame.unseen,
            frame.view,
            frame.cut,
        )
