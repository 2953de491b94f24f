"""Filling short gaps, removing one-frame spikes and smoothing landmark signals.

Recorded video is smoothed zero-phase (forwards and backwards, so nothing lags); live frames go
through a One-Euro filter, which trades jitter against lag as the signal speeds up. MediaPipe's
Tasks API does no smoothing of its own.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage, signal

from formcheck.landmarks import BoolArray, FloatArray


def finite_runs(finite: BoolArray) -> list[tuple[int, int]]:
    """``[start, stop)`` index ranges of consecutive True values."""
    padded = np.concatenate(([False], finite, [False]))
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def interpolate_gaps(values: FloatArray, timestamp_s: FloatArray, max_gap_s: float) -> FloatArray:
    """Linearly fills NaN runs no longer than ``max_gap_s`` along axis 0; longer gaps stay NaN.

    ``values`` is ``(T, ...)``; each trailing column is filled independently.
    """
    flat = values.reshape(values.shape[0], -1).copy()
    for column in range(flat.shape[1]):
        series = flat[:, column]
        finite = np.isfinite(series)
        if finite.all() or finite.sum() < 2:
            continue
        known = np.flatnonzero(finite)
        for start, stop in finite_runs(~finite):
            if start == 0 or stop == len(series):
                continue  # never extrapolate past the ends
            if timestamp_s[stop] - timestamp_s[start - 1] <= max_gap_s:
                series[start:stop] = np.interp(
                    timestamp_s[start:stop], timestamp_s[known], series[known]
                )
    return flat.reshape(values.shape)


def cut_boundaries(plane: FloatArray, max_jump: float = 0.25, spike_frames: int = 5) -> BoolArray:
    """Frames where the body jumps further than a person can move in one frame and stays
    there (a cut, or a different person): True at the first frame after the jump.

    A one- or two-frame spike is not a cut: it is removed by the smoothing's running median,
    so it is looked past here (the jump is measured on median-filtered positions).
    ``plane`` is ``(T, 33, 2)``.
    """
    jumps = np.zeros(plane.shape[0], dtype=bool)
    if plane.shape[0] < 2:
        return jumps
    steady = plane
    if plane.shape[0] >= spike_frames:
        steady = ndimage.median_filter(plane, size=(spike_frames, 1, 1), mode="nearest")
    step = np.linalg.norm(np.diff(steady, axis=0), axis=-1)  # (T-1, 33)
    finite = np.isfinite(step)
    counts = finite.sum(axis=1)
    # Mean over the finite landmarks (avoids nanmedian's all-NaN warnings on empty frames).
    mean_step = np.where(
        counts > 0, np.where(finite, step, 0.0).sum(axis=1) / np.maximum(counts, 1), 0.0
    )
    jumps[1:] = mean_step > max_jump
    return jumps


def smooth_offline(
    values: FloatArray,
    fps: float,
    *,
    cutoff_hz: float = 3.0,
    spike_frames: int = 5,
    boundaries: BoolArray | None = None,
) -> FloatArray:
    """Zero-phase smoothing of ``(T, ...)`` signals, piece by piece between NaNs and cuts.

    A running median over ``spike_frames`` removes one- and two-frame spikes (cuts, fades,
    detection glitches) before a 2nd-order Butterworth low-pass runs forwards and backwards.
    Exercise movement lives well below 2 Hz, so 3 Hz keeps its shape and drops the jitter.
    """
    out = np.full_like(values, np.nan)
    flat_in = values.reshape(values.shape[0], -1)
    flat_out = out.reshape(values.shape[0], -1)
    finite_rows: BoolArray = np.asarray(np.isfinite(flat_in).all(axis=1))
    if boundaries is not None:
        # Splitting at a cut keeps the filter from smearing two different shots together.
        finite_rows = finite_rows.copy()
        breaks = np.flatnonzero(boundaries)
    else:
        breaks = np.array([], dtype=np.intp)
    nyquist = 0.5 * max(fps, 1.0)
    sos = signal.butter(2, min(cutoff_hz / nyquist, 0.99), output="sos")
    for start, stop in finite_runs(finite_rows):
        cuts = [b for b in breaks.tolist() if start < b < stop]
        for piece_start, piece_stop in zip([start, *cuts], [*cuts, stop], strict=True):
            piece = flat_in[piece_start:piece_stop]
            if len(piece) >= spike_frames:
                piece = ndimage.median_filter(piece, size=(spike_frames, 1), mode="nearest")
            # sosfiltfilt pads by 3 * (2 * sections + 1) samples and needs more than that.
            if len(piece) > 3 * (2 * sos.shape[0] + 1):
                piece = signal.sosfiltfilt(sos, piece, axis=0)
            flat_out[piece_start:piece_stop] = piece
    return out


class OneEuroFilter:
    """One-Euro filter (Casiez et al., CHI 2012) over arrays of any shape, for live frames.

    Slow movement is smoothed hard (little jitter), fast movement lightly (little lag). NaN
    entries reset their own state, so a landmark that disappears does not drag on return.
    """

    def __init__(
        self, min_cutoff_hz: float = 1.0, beta: float = 0.3, d_cutoff_hz: float = 1.0
    ) -> None:
        self.min_cutoff_hz = min_cutoff_hz
        self.beta = beta
        self.d_cutoff_hz = d_cutoff_hz
        self._value: FloatArray | None = None
        self._derivative: FloatArray | None = None
        self._last_t: float | None = None

    @staticmethod
    def _alpha(cutoff_hz: FloatArray | float, dt: float) -> FloatArray:
        tau = 1.0 / (2.0 * np.pi * np.asarray(cutoff_hz))
        return np.asarray(1.0 / (1.0 + tau / dt))

    def reset(self) -> None:
        self._value = None
        self._derivative = None
        self._last_t = None

    def __call__(self, value: FloatArray, timestamp_s: float) -> FloatArray:
        if self._value is None or self._derivative is None or self._last_t is None:
            self._value = value.copy()
            self._derivative = np.zeros_like(value)
            self._last_t = timestamp_s
            return self._value.copy()
        dt = max(timestamp_s - self._last_t, 1e-3)
        self._last_t = timestamp_s
        derivative = (value - self._value) / dt
        alpha_d = self._alpha(self.d_cutoff_hz, dt)
        derivative = np.where(
            np.isfinite(self._derivative),
            alpha_d * derivative + (1 - alpha_d) * self._derivative,
            0.0,
        )
        cutoff = self.min_cutoff_hz + self.beta * np.abs(derivative)
        alpha = self._alpha(cutoff, dt)
        fresh = ~np.isfinite(self._value)
        smoothed = np.where(fresh, value, alpha * value + (1 - alpha) * self._value)
        self._value = smoothed
        self._derivative = np.where(np.isfinite(derivative), derivative, 0.0)
        return np.asarray(smoothed.copy())
