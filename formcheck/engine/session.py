"""The one generic engine: runs any exercise spec over a stream of metric frames."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from formcheck.engine.calibration import BASELINE_SUFFIX, Calibration
from formcheck.engine.counter import RepCounter, RepPhase, RepRecord
from formcheck.engine.cues import CueCandidate, CueScheduler
from formcheck.engine.events import (
    Event,
    FormIssueStarted,
    HoldProgress,
    HoldWindow,
    RepCompleted,
    SetupGuidance,
    Summary,
)
from formcheck.engine.frames import FrameStatus, MetricFrame
from formcheck.engine.hold import HoldTimer
from formcheck.engine.rules import FrameRuleTracker, judge_rep
from formcheck.kinematics.metrics import part_word
from formcheck.specs.schema import (
    ExerciseSpec,
    FrameRuleSpec,
    Phase,
    Severity,
    ViewRequirement,
    WorkingSide,
)

# A bad set-up must last this long before the person is told (no nagging on one bad frame).
SETUP_PERSIST_S = 1.0
# After this long without a judgeable frame, a rep in progress is abandoned.
REP_RESET_AFTER_S = 1.5
# Gaps shorter than this between two hold windows are one hold (a wobble, a blink of the model).
HOLD_MERGE_GAP_S = 1.0
# Already at the top of a rep when first seen for at least this long: a hold at the top, not
# a rep (the recording or camera started with the person in position).
ARRIVAL_TOP_MIN_S = 1.0


def setup_message(status: FrameStatus, spec: ExerciseSpec, detail: str | None) -> str:
    """Plain-language set-up guidance for a frame status."""
    if status is FrameStatus.NO_PERSON:
        return "Step into the frame so your whole body is visible"
    if status is FrameStatus.OUT_OF_VIEW:
        part = detail or "whole body"
        return f"Move back or adjust the camera so your {part} {'is' if part.endswith('body') else 'are'} in view"
    if status is FrameStatus.WRONG_VIEW:
        wanted = spec.camera.view.value
        return (
            "Turn side-on to the camera" if wanted == "side" else f"Face the camera ({wanted} view)"
        )
    if status is FrameStatus.MULTIPLE_PEOPLE:
        return "Only one person should be in view"
    return "Good, I can see you. Start when ready"


@dataclass(frozen=True, slots=True)
class EngineState:
    """A snapshot for overlays and live pages."""

    timestamp_s: float
    reps: int
    phase: str | None
    holding: bool
    held_s: float
    cue: str | None
    cue_severity: str
    setup: str | None
    active_issues: tuple[str, ...]
    side: str | None = None


@dataclass
class _SideTrack:
    """Counter, hold timer and rule trackers for one working side (or the only one)."""

    label: str | None  # "left"/"right" for alternating exercises, else None
    counter: RepCounter | None
    hold: HoldTimer | None
    rules: list[FrameRuleTracker]
    incomplete_seen: int = 0
    last_progress_second: int = -1
    top_holds: list[HoldWindow] = field(default_factory=list)  # each rep's time at the top

    def view(self, frame: MetricFrame) -> MetricFrame:
        """The frame as this side sees it (alternating specs carry ``name@side`` values)."""
        if self.label is None:
            return frame
        suffix = "@" + self.label
        values = {k[: -len(suffix)]: v for k, v in frame.values.items() if k.endswith(suffix)}
        unseen = (
            frozenset(k[: -len(suffix)] for k in frame.unseen if k.endswith(suffix))
            if frame.unseen
            else frame.unseen
        )
        return MetricFrame(
            frame.timestamp_s,
            values,
            frame.status,
            frame.detail,
            self.label,
            unseen,
            frame.view,
            frame.cut,
        )

    @property
    def active(self) -> bool:
        """Working now: mid-rep or holding."""
        moving = self.counter is not None and self.counter.phase in (RepPhase.RISING, RepPhase.PEAK)
        holding = self.hold is not None and self.hold.holding
        return moving or holding


class Engine:
    """Runs one exercise spec over metric frames and emits events.

    Feed frames in time order with :meth:`update` (which returns the events they cause), then
    call :meth:`finish` once for the remaining events and the :class:`Summary`. The engine
    never reads a clock: recorded video, live streams and tests share this one path.

    For ``side: alternating`` specs each side has its own counter or hold timer, fed the metrics
    computed with that side working (``name@left`` / ``name@right`` values), so reps and holds
    are counted per side; a stretch is held one side at a time (:meth:`_hold_side`).

    Example::

        engine = Engine(get_spec("plank"))
        for frame in metric_frames:
            for event in engine.update(frame):
                print(event)
        summary = engine.finish()[-1]
    """

    def __init__(self, spec: ExerciseSpec) -> None:
        self.spec = spec
        labels: list[str | None] = (
            ["left", "right"] if spec.side is WorkingSide.ALTERNATING else [None]
        )
        self.tracks = [
            _SideTrack(
                label,
                RepCounter(spec.reps) if spec.reps is not None else None,
                HoldTimer(spec.hold) if spec.hold is not None else None,
                [FrameRuleTracker(rule, spec.clear_margin_of(rule)) for rule in spec.frame_rules],
            )
            for label in labels
        ]
        self.calibration = Calibration(spec.calibration) if spec.calibration is not None else None
        self.cues = CueScheduler()
        self.events: list[Event] = []
        self.reps_by_side: Counter[str] = Counter()
        self.issue_counts: Counter[str] = Counter()
        # Reps on which a rep rule could not be judged (its points unseen), per rule.
        self.unchecked_reps: Counter[str] = Counter()
        self._last_judged_t: float | None = None
        self._setup_code = "ready"
        self._bad_since: float | None = None
        self._bad_status = FrameStatus.OK
        self._setup_announced = False
        self._frames = 0
        self._judged_frames = 0
        self._judged_views: set[str] = set()  # camera views of the judged frames
        self._last_t = 0.0
        self._frame_gap_s = 0.0
        self._cut_pending = False
        self._cue_text: str | None = None
        self._cue_severity = "info"
        self._setup_detail: str | None = None

    # -- public -------------------------------------------------------------------------------

    @property
    def reps(self) -> int:
        return sum(track.counter.count for track in self.tracks if track.counter is not None)

    @property
    def held_s(self) -> float:
        return sum(track.hold.held_s for track in self.tracks if track.hold is not None)

    def _current_track(self) -> _SideTrack:
        return next((track for track in self.tracks if track.active), self.tracks[0])

    def state(self) -> EngineState:
        setup = (
            None
            if self._setup_code == "ready"
            else setup_message(self._bad_status, self.spec, None)
        )
        if setup is None and self.calibration is not None and not self.calibration.done:
            setup = self.calibration.instruction
        track = self._current_track()
        return EngineState(
            timestamp_s=self._last_t,
            reps=self.reps,
            phase=track.counter.phase.value if track.counter is not None else None,
            holding=any(t.hold is not None and t.hold.holding for t in self.tracks),
            held_s=self.held_s,
            cue=self._cue_text,
            cue_severity=self._cue_severity,
            setup=setup,
            active_issues=tuple(r.rule.id for t in self.tracks for r in t.rules if r.active),
            side=track.label,
        )

    def update(self, frame: MetricFrame) -> list[Event]:
        """Feeds one frame; returns the events it caused."""
        out: list[Event] = []
        t = frame.timestamp_s
        # Time since the previous frame, whatever its status: a slow or bursty live stream.
        self._frame_gap_s = 0.0 if self._frames == 0 else max(0.0, t - self._last_t)
        self._last_t = t
        self._frames += 1
        # A cut on a frame that cannot be judged still separates what came before from after.
        self._cut_pending = self._cut_pending or frame.cut
        self._update_setup(frame, out)
        if frame.status.judgeable:
            self._judged_frames += 1
            if frame.view is not None:
                self._judged_views.add(frame.view)
            if self.calibration is not None:
                frame = self.calibration.apply(frame, out)
            views = [track.view(frame) for track in self.tracks]
            holder = self._hold_side(views)
            for index, (track, view) in enumerate(zip(self.tracks, views, strict=True)):
                self._judge(track, view, out, free=holder is None or holder == index)
            self._last_judged_t = t
            self._cut_pending = False
        else:
            for track in self.tracks:
                self._unjudged(track, frame, out)
        self._update_cue(t, out)
        self.events.extend(out)
        return out

    def finish(self) -> list[Event]:
        """Closes open reps, issues and holds; returns those events and a final Summary."""
        out: list[Event] = []
        t = self._last_t
        windows: list[HoldWindow] = []
        for track in self.tracks:
            for tracker in track.rules:
                ended = tracker.interrupt(t)
                if ended is not None:
                    out.append(ended)
            if track.counter is not None and track.counter.current is not None:
                record = track.counter.current
                record.end_s = t
                out.extend(self._rep_finished(record, t, complete=False, track=track))
            if track.hold is not None:
                track.hold.finish()
                windows.extend(track.hold.windows)
            if track.counter is not None:
                track.counter.close_arrival_top()
                track.top_holds.extend(
                    w for w in track.counter.arrival_tops if w.duration_s >= ARRIVAL_TOP_MIN_S
                )
            windows.extend(track.top_holds)
        notes: list[str] = []
        if self._judged_frames == 0:
            notes.append(
                "nothing could be judged: " + setup_message(self._bad_status, self.spec, None)
            )
        notes.extend(self._unchecked_notes())
        summary = Summary(
            timestamp_s=t,
            reps=self.reps,
            reps_by_side=dict(self.reps_by_side),
            hold_s=self.held_s + sum(w.good_form_s for t in self.tracks for w in t.top_holds),
            hold_windows=tuple(merge_windows(windows)),
            issue_counts=dict(self.issue_counts),
            judged_fraction=self._judged_frames / self._frames if self._frames else 0.0,
            notes=tuple(notes),
            hold_s_by_side={
                track.label: track.hold.held_s
                for track in self.tracks
                if track.label is not None and track.hold is not None
            },
        )
        out.append(summary)
        self.events.extend(out)
        return out

    # -- internals ----------------------------------------------------------------------------

    def _update_setup(self, frame: MetricFrame, out: list[Event]) -> None:
        t = frame.timestamp_s
        if frame.status.judgeable:
            self._bad_since = None
            if self._setup_code != "ready" or not self._setup_announced:
                self._setup_code = "ready"
                self._setup_announced = True
                out.append(
                    SetupGuidance(t, "ready", setup_message(FrameStatus.OK, self.spec, None))
                )
            return
        if self._bad_since is None or frame.status is not self._bad_status:
            self._bad_since = t
            self._bad_status = frame.status
        if t - self._bad_since >= SETUP_PERSIST_S and self._setup_code != frame.status.value:
            self._setup_code = frame.status.value
            self._setup_announced = True
            out.append(
                SetupGuidance(
                    t, frame.status.value, setup_message(frame.status, self.spec, frame.detail)
                )
            )
            self._setup_detail = frame.detail

    @staticmethod
    def _phase_applies(track: _SideTrack, rule: FrameRuleSpec, frame: MetricFrame) -> bool:
        phase = rule.phase
        if phase is Phase.ANY:
            return True
        if phase is Phase.HOLD:
            # In position, whatever the form: a fault must not hide itself by pausing the hold.
            # A rule for some positions only (the figure-4's shoulders on the floor) is not
            # judged in the others (a pigeon stretch sits up).
            position = track.hold.position_of(frame) if track.hold is not None else None
            return position is not None and (not rule.positions or position in rule.positions)
        counter = track.counter
        if counter is None:
            return False
        current = counter.phase
        if phase is Phase.REST:
            return current in (RepPhase.REST, RepPhase.WAITING)
        if phase is Phase.PEAK:
            # At the top: counted and still meeting the peak conditions (not on the way down).
            return current is RepPhase.PEAK and counter.at_peak(frame)
        return current in (RepPhase.RISING, RepPhase.PEAK)  # MOVING

    def _hold_side(self, views: list[MetricFrame]) -> int | None:
        """The one side that may hold on this frame when more than one is in position, or None
        (no contest). An alternating stretch is held one side at a time; a far-side leg that
        MediaPipe guesses into the position while the near one holds must not time a second
        hold over the first. The side whose position is seen wins over a guessed one, then the
        side already holding, then the one that came into position first."""
        contenders = [
            index
            for index, (track, view) in enumerate(zip(self.tracks, views, strict=True))
            if track.hold is not None and track.hold.position_of(view) is not None
        ]
        if len(contenders) < 2:
            return None

        def priority(index: int) -> tuple[bool, bool, float]:
            hold = self.tracks[index].hold
            assert hold is not None
            since = hold.in_position_since
            return (
                not hold.position_guessed(views[index]),
                hold.holding,
                -(since if since is not None else views[index].timestamp_s),
            )

        return max(contenders, key=priority)

    def _judge(
        self, track: _SideTrack, frame: MetricFrame, out: list[Event], *, free: bool = True
    ) -> None:
        """Judges one judgeable frame for one side; ``free`` False: another side holds now, so
        this one neither holds nor has its hold-phase rules judged."""
        t = frame.timestamp_s
        counter = track.counter
        if counter is not None and (
            self._cut_pending
            or (self._last_judged_t is not None and t - self._last_judged_t > REP_RESET_AFTER_S)
        ):
            # Out of view too long to follow the movement, or a new shot (a loop that restarts
            # at the bottom of a push-up would otherwise finish a rep begun before it): close a
            # counted rep as unfinished (it still counts) and wait for rest again.
            if counter.current is not None:
                record = counter.current
                record.end_s = self._last_judged_t
                out.extend(self._rep_finished(record, t, complete=False, track=track))
            counter.reset()
        rep_number = counter.count if counter is not None and counter.current else None
        # A hold whose position metrics are unseen (a far-side leg MediaPipe guessed into the
        # position) is timed, but its form is not judged.
        position_seen = track.hold is None or not track.hold.position_guessed(frame)
        for tracker in track.rules:
            event = tracker.update(
                frame,
                self._phase_applies(track, tracker.rule, frame)
                and (free or tracker.rule.phase is not Phase.HOLD),
                rep_number,
                phase_seen=position_seen or tracker.rule.phase is not Phase.HOLD,
            )
            if event is not None:
                out.append(event)
                if isinstance(event, FormIssueStarted):
                    self.issue_counts[event.rule_id] += 1
                    if track.hold is not None and event.severity == Severity.ERROR.value:
                        track.hold.retract_since(event.since_s)
        if counter is not None:
            counted, finished = counter.update(frame, frame_gap_s=self._frame_gap_s)
            if counted is not None and frame.side is not None:
                self.reps_by_side[frame.side] += 1
            if finished is not None:
                out.extend(self._rep_finished(finished, t, complete=True, track=track))
            while track.incomplete_seen < len(counter.incomplete):
                attempt = counter.incomplete[track.incomplete_seen]
                out.append(attempt)
                track.incomplete_seen += 1
                self.issue_counts["incomplete_rep"] += 1
                self.cues.push_one_off(
                    CueCandidate(
                        counter.spec.incomplete_cue,
                        Severity.WARNING,
                        "incomplete_rep",
                        t,
                        persistent=False,
                    )
                )
        if track.hold is not None:
            form_ok = not any(r.active and r.rule.severity is Severity.ERROR for r in track.rules)
            changed = track.hold.update(frame, judged=True, form_ok=form_ok, free=free)
            self._hold_progress(track, t, changed, form_ok, out)

    def _unjudged(self, track: _SideTrack, frame: MetricFrame, out: list[Event]) -> None:
        t = frame.timestamp_s
        for tracker in track.rules:
            ended = tracker.interrupt(t)
            if ended is not None:
                out.append(ended)
        if track.hold is not None:
            changed = track.hold.update(frame, judged=False, form_ok=False)
            self._hold_progress(track, t, changed, False, out)

    def _hold_progress(
        self, track: _SideTrack, t: float, changed: bool | None, form_ok: bool, out: list[Event]
    ) -> None:
        hold = track.hold
        assert hold is not None
        whole = int(hold.held_s)
        if changed is not None or (hold.holding and whole != track.last_progress_second):
            track.last_progress_second = whole
            out.append(
                HoldProgress(
                    t, hold.held_s, self.spec.dosage.hold_s, hold.holding, form_ok, track.label
                )
            )

    def _rep_finished(
        self, record: RepRecord, t: float, *, complete: bool, track: _SideTrack | None = None
    ) -> list[Event]:
        if record.top_end_s is not None:
            (track or self.tracks[0]).top_holds.append(
                HoldWindow(record.peak_s, record.top_end_s, record.peak_time_s, 0.0)
            )
        faults, unchecked = judge_rep(self.spec.rep_rules, record, t) if complete else ([], [])
        self.unchecked_reps.update(unchecked)
        # Each side of an alternating spec numbers its own reps: left rep 1 and right rep 1 are
        # two reps, and an issue belongs to the side that had it.
        label = (track or self.tracks[0]).label
        frame_issues = sorted(
            {
                e.rule_id
                for e in self.events
                if isinstance(e, FormIssueStarted)
                and e.rep_number == record.number
                and (label is None or e.side == label)
            }
        )
        for fault in faults:
            self.issue_counts[fault.rule_id] += 1
            self.cues.push_one_off(
                CueCandidate(
                    fault.cue, Severity(fault.severity), fault.rule_id, t, persistent=False
                )
            )
        end = record.end_s if record.end_s is not None else t
        rep = RepCompleted(
            timestamp_s=t,
            rep_number=record.number,
            side=record.side,
            start_s=record.start_s,
            peak_s=record.peak_s,
            end_s=end,
            duration_s=end - record.start_s,
            range_of_motion=record.range_of_motion,
            metric_min=dict(record.metric_min),
            metric_max=dict(record.metric_max),
            issues=tuple(frame_issues + [f.rule_id for f in faults]),
            complete=complete,
            unchecked=tuple(unchecked),
        )
        return [rep, *faults]

    def _unchecked_notes(self) -> list[str]:
        """What could not be checked because the camera could not see it, in words."""
        notes = []
        for rule in self.spec.rep_rules:
            reps = self.unchecked_reps.get(rule.id, 0)
            if reps and rule.metric is not None:
                notes.append(self._hidden_note(rule.id, rule.metric, f"on {reps} rep(s)"))
        for frame_rule in self.spec.frame_rules:
            trackers = [
                tracker
                for track in self.tracks
                for tracker in track.rules
                if tracker.rule.id == frame_rule.id
            ]
            hidden_s = sum(tracker.unseen_s for tracker in trackers)
            if hidden_s < 1.0:
                continue
            # Named after what was mostly unseen: the rule's own metric, or the hold position.
            metric = frame_rule.metric
            position_s = sum(tracker.position_unseen_s for tracker in trackers)
            if self.spec.hold is not None and position_s > hidden_s / 2:
                metric = next(iter(self.spec.hold.position))
            notes.append(
                self._hidden_note(
                    frame_rule.id, metric, f"for {hidden_s:.0f} s", frame_rule.unseen_advice
                )
            )
        return notes

    def _hidden_note(
        self, rule_id: str, metric: str, extent: str, advice: str | None = None
    ) -> str:
        measured = self.spec.metrics[metric.removesuffix(BASELINE_SUFFIX)]
        if measured.is_derived:  # named after its first source's body part
            measured = self.spec.metrics[measured.of[0]]
        off_views = self._judged_views - {v.value for v in measured.views}
        if measured.views and off_views & {v.value for v in ViewRequirement}:
            views = " or ".join(v.value for v in measured.views)
            return (
                f"{rule_id.replace('_', ' ')} not checked {extent}: it can only be judged "
                f"with the camera {views}-on; film {views}-on to check it"
            )
        part = part_word((measured.seen_with or measured.points)[-1])
        return (
            f"{rule_id.replace('_', ' ')} not checked {extent}: the camera could not see the "
            f"{part} (on the far side of the body); {advice or 'film the other side to check it'}"
        )

    def _update_cue(self, t: float, out: list[Event]) -> None:
        persistent: list[CueCandidate] = []
        if self._setup_code != "ready":
            message = setup_message(self._bad_status, self.spec, self._setup_detail)
            persistent.append(
                CueCandidate(message, Severity.ERROR, "setup", self._bad_since or t, True)
            )
        elif self.calibration is not None and not self.calibration.done:
            persistent.append(
                CueCandidate(self.calibration.instruction, Severity.INFO, "setup", t, True)
            )
        else:
            for track in self.tracks:
                for tracker in track.rules:
                    if tracker.active:
                        persistent.append(
                            CueCandidate(
                                tracker.rule.cue, tracker.rule.severity, tracker.rule.id, t, True
                            )
                        )
        cue = self.cues.update(t, persistent)
        if cue is not None:
            self._cue_text, self._cue_severity = cue.text, cue.severity
            out.append(cue)


def merge_windows(windows: list[HoldWindow]) -> list[HoldWindow]:
    """Hold windows in time order, with those less than HOLD_MERGE_GAP_S apart joined."""
    merged: list[HoldWindow] = []
    for window in sorted(windows, key=lambda w: w.start_s):
        if merged and window.start_s - merged[-1].end_s <= HOLD_MERGE_GAP_S:
            last = merged[-1]
            merged[-1] = HoldWindow(
                last.start_s,
                max(last.end_s, window.end_s),
                last.good_form_s + window.good_form_s,
                last.unjudged_s + window.unjudged_s,
            )
        else:
            merged.append(window)
    return merged


def main_window(windows: tuple[HoldWindow, ...]) -> HoldWindow | None:
    """The longest hold window (the one a person would call "the hold")."""
    return max(windows, key=lambda w: w.duration_s, default=None)
