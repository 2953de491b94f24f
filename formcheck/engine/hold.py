"""Hold timing: is the person in the position, and for how long in good form."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from formcheck.engine.events import HoldWindow
from formcheck.engine.frames import MetricFrame
from formcheck.specs.schema import Bound, HoldSpec

# Good-form time at or below this is a window with nothing held (float rounding of take-backs).
_NOTHING_HELD_S = 1e-6
# A hold whose must-be-seen metrics stay unseen this long is taken as left (at its last seen
# frame): the person may have left the position while the camera could not tell.
MAX_UNCONFIRMED_S = 5.0


@dataclass(slots=True)
class _OpenWindow:
    start_s: float
    last_in_s: float
    good_form_s: float = 0.0
    unjudged_s: float = 0.0


class HoldTimer:
    """Times a held position.

    The person is holding once every condition of the ``position`` (or of one of its
    ``alternatives``) has held, with good form (no
    error-severity issue), for ``enter_s`` and they have settled (the position metrics moved
    less than ``settle_deg`` over the last ``settle_s``: still moving into a stretch is not yet
    holding it), and stops once position or form has failed for ``leave_s``
    (brief wobbles do not end a hold). A window starts where the still stretch began. So the
    timer pauses while form is broken, and a hold window is a stretch of good-form holding.
    Frames that cannot be judged (out of view, a camera cut) neither add time nor end the hold
    at once; a hold interrupted only by unjudgeable frames stays one window.

    A position's ``seen`` metrics must be seen for it to start. Once a hold has started, frames
    where one of them is unseen and the position's other conditions hold leave the position
    *unconfirmed*: MediaPipe's guess for a hidden point (a crossed ankle it loses when the
    shoulders curl up) neither ends the hold nor adds time, for up to ``MAX_UNCONFIRMED_S``,
    and the position's form rules are still judged on what is seen.
    """

    def __init__(self, spec: HoldSpec, *, max_unjudged_gap_s: float = 15.0) -> None:
        self.spec = spec
        self.max_unjudged_gap_s = max_unjudged_gap_s
        self.holding = False
        self.held_s = 0.0
        self.windows: list[HoldWindow] = []
        self._window: _OpenWindow | None = None
        self._in_since: float | None = None
        self._out_since: float | None = None
        self._last_t: float | None = None
        # (time, position metric values) of the in-position frames of the last settle_s.
        self._settle_history: deque[tuple[float, tuple[float, ...]]] = deque()
        # (name, conditions, the metrics the conditions name, those that must be seen) of
        # each position, main first.
        self._positions = tuple(
            (name, conditions, tuple(conditions), frozenset(seen))
            for name, conditions, seen in spec.positions
        )
        self._matched: int | None = None  # the position of the last in-position frame
        # The engine asks about one frame several times (rules, then timing): matched once.
        self._last_frame: MetricFrame | None = None
        self._last_match: int | None = None
        self._last_unconfirmed = False
        self._still_from: float | None = None  # start of the current still stretch
        # Recent (time, seconds added) pairs, so time held after a fault began can be taken back.
        self._recent: deque[tuple[float, float]] = deque()

    def retract_since(self, since_s: float) -> None:
        """A form fault that began at ``since_s`` has just been confirmed (faults must persist
        before they count): the hold was not in good form since then, so that time is removed
        and the current window ends there."""
        removed = sum(dt for t, dt in self._recent if t > since_s)
        self._recent.clear()
        self.held_s -= removed
        if self._window is not None:
            self._window.good_form_s -= removed
            self._window.last_in_s = min(self._window.last_in_s, since_s)

    def position_of(self, frame: MetricFrame) -> str | None:
        """The name of the position the frame is in (the first that matches; the held one while
        it is unconfirmed), or None."""
        index, _ = self._position(frame)
        return None if index is None else self._positions[index][0]

    def position_guessed(self, frame: MetricFrame) -> bool:
        """Whether the frame's position (the main one when in none) rests on unseen metrics,
        MediaPipe's guesses: form in it is then not judged. A ``seen`` metric lost during a hold
        it confirmed does not count."""
        index, unconfirmed = self._position(frame)
        _, _, names, seen = self._positions[0 if index is None else index]
        hidden = frame.unseen.intersection(names)
        return bool(hidden - seen if unconfirmed else hidden)

    def _position(self, frame: MetricFrame) -> tuple[int | None, bool]:
        """(the frame's position: the first that matches, else the held one while it is
        unconfirmed; whether it is unconfirmed)."""
        index = self._match(frame)
        if index is None and self._last_unconfirmed:
            return self._matched, True
        return index, False

    def _match(self, frame: MetricFrame) -> int | None:
        """The first position the frame is in, or None; also notes whether a hold under way is
        unconfirmed on it (one of its position's ``seen`` metrics is unseen, and the other
        conditions hold)."""
        if frame is self._last_frame:
            return self._last_match
        values = frame.values
        match = None
        for index, (_, conditions, _, seen) in enumerate(self._positions):
            if _holds(conditions, values) and not (seen and seen & frame.unseen):
                match = index
                break
        unconfirmed = False
        if match is None and self.holding and self._matched is not None:
            _, conditions, _, seen = self._positions[self._matched]
            hidden = seen & frame.unseen
            unconfirmed = bool(hidden) and _holds(conditions, values, skip=hidden)
        self._last_frame, self._last_match = frame, match
        self._last_unconfirmed = unconfirmed
        return match

    @property
    def in_position_since(self) -> float | None:
        """When the person last came into the position (None while out of it)."""
        return self._in_since

    def update(
        self, frame: MetricFrame, *, judged: bool, form_ok: bool, free: bool = True
    ) -> bool | None:
        """Feeds one frame. Returns True/False when holding starts/stops, else None.

        ``free`` False: another side holds now (an alternating stretch is held one side at a
        time), so this side's position counts as left on this frame.
        """
        t = frame.timestamp_s
        dt = 0.0 if self._last_t is None else max(0.0, t - self._last_t)
        self._last_t = t
        changed: bool | None = None
        if not judged or self._position(frame)[1]:
            if self._window is not None:
                self._window.unjudged_s += dt
                gap_s = self.max_unjudged_gap_s if not judged else MAX_UNCONFIRMED_S
                if t - self._window.last_in_s > gap_s:
                    changed = self._close(self._window.last_in_s)
            self._in_since = None
            return changed
        # Held time and windows count good-form holding only: a sagging plank is not a plank.
        matched = self._match(frame)
        inside = matched is not None and form_ok and free
        if inside:
            self._out_since = None
            if self._in_since is None or matched != self._matched:
                # Entering the position, or changing to another: stillness is judged afresh
                # on the new position's metrics (a hold already running goes on).
                if self._in_since is None:
                    self._in_since = t
                self._settle_history.clear()
                self._still_from = None
                self._matched = matched
            still_since = self._still_since(frame)
            if (
                not self.holding
                and still_since is not None
                and t - self._in_since >= self.spec.enter_s
            ):
                self.holding = True
                changed = True
                if self._window is None:
                    self._window = _OpenWindow(start_s=still_since, last_in_s=t)
            if self._window is not None:
                self._window.last_in_s = t
                if self.holding:
                    self._window.good_form_s += dt
                    self.held_s += dt
                    self._recent.append((t, dt))
                    while self._recent and t - self._recent[0][0] > 30.0:
                        self._recent.popleft()
        else:
            self._in_since = None
            if self._out_since is None:
                self._out_since = t
            if self.holding and t - self._out_since >= self.spec.leave_s:
                changed = self._close(self._window.last_in_s if self._window else t)
        return changed

    def _still_since(self, frame: MetricFrame) -> float | None:
        """When the current still stretch began, or None while the person is still moving."""
        if self.spec.settle_deg is None:
            return self._in_since
        t = frame.timestamp_s
        names = self._positions[self._matched or 0][2]
        values = tuple(frame.values.get(name, float("nan")) for name in names)
        history = self._settle_history
        history.append((t, values))
        # Frame times are floats: 15 frames at 30 fps may come to 0.4999999 s.
        settle_s = self.spec.settle_s - 1e-6
        while len(history) > 1 and t - history[1][0] >= settle_s:
            history.popleft()
        still = t - history[0][0] >= settle_s and all(
            max(column) - min(column) < self.spec.settle_deg
            for column in zip(*(v for _, v in history), strict=True)
        )
        if not still:
            self._still_from = None
        elif self._still_from is None:
            self._still_from = history[0][0]
        return self._still_from

    def _close(self, end_s: float) -> bool:
        # A fault confirmed late can take back a window's whole time (it began before the
        # window did, or before the timer started: a window starts where the still stretch
        # began, enter_s before any time is counted): then there was no good-form hold at all.
        if (
            self._window is not None
            and end_s > self._window.start_s
            and self._window.good_form_s > _NOTHING_HELD_S
        ):
            window = self._window
            self.windows.append(
                HoldWindow(window.start_s, end_s, window.good_form_s, window.unjudged_s)
            )
        self._window = None
        self.holding = False
        return False

    def finish(self) -> None:
        if self._window is not None:
            self._close(self._window.last_in_s)


def _holds(
    conditions: dict[str, Bound], values: Mapping[str, float], skip: frozenset[str] = frozenset()
) -> bool:
    """Whether every condition holds (those on ``skip`` metrics left out)."""
    return all(
        bound.holds(values.get(name, float("nan")))
        for name, bound in conditions.items()
        if name not in skip
    )
