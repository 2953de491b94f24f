"""Picks the one cue to show at a time, so a person is never told three things at once."""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.engine.events import Cue
from formcheck.specs.schema import Severity


@dataclass(frozen=True, slots=True)
class CueCandidate:
    text: str
    severity: Severity
    source: str  # rule id, "setup" or "rep"
    since_s: float
    persistent: bool  # True while its cause lasts (an active issue); False for one-off cues


class CueScheduler:
    """At most one cue at a time.

    The most severe candidate wins (setup guidance first, since nothing else can be judged
    without it); a shown cue stays at least ``min_show_s`` so it can be read or heard; the same
    text is not repeated within ``cooldown_s``; one-off cues (a rep fault) expire after
    ``one_off_s``.
    """

    def __init__(
        self, min_show_s: float = 2.5, cooldown_s: float = 8.0, one_off_s: float = 3.0
    ) -> None:
        self.min_show_s = min_show_s
        self.cooldown_s = cooldown_s
        self.one_off_s = one_off_s
        self.current: CueCandidate | None = None
        self._shown_at = 0.0
        self._last_shown: dict[str, float] = {}
        self._one_offs: list[CueCandidate] = []

    def push_one_off(self, candidate: CueCandidate) -> None:
        self._one_offs.append(candidate)

    def update(self, t: float, persistent: list[CueCandidate]) -> Cue | None:
        """Returns a :class:`Cue` event when the shown cue changes."""
        self._one_offs = [c for c in self._one_offs if t - c.since_s < self.one_off_s]
        candidates = persistent + self._one_offs
        if self.current is not None and t - self._shown_at < self.min_show_s:
            return None
        still_valid = self.current is not None and any(
            c.text == self.current.text for c in candidates
        )
        eligible = [
            c
            for c in candidates
            if t - self._last_shown.get(c.text, -1e9) >= self.cooldown_s
            or (still_valid and self.current is not None and c.text == self.current.text)
        ]
        best = max(
            eligible,
            key=lambda c: (c.source == "setup", c.severity.rank, -c.since_s),
            default=None,
        )
        if best is None:
            if self.current is None:
                return None
            self.current = None
            return Cue(t, None)
        if self.current is not None and best.text == self.current.text:
            return None
        self.current = best
        self._shown_at = t
        self._last_shown[best.text] = t
        return Cue(t, best.text, best.severity.value, best.source)
