"""The exercise spec format, as frozen pydantic models.

A spec is parsed once into these models (unknown keys rejected, numbers bounded, cross-field
rules checked); after loading, no code touches raw dicts. ``exercise_specs/README.md`` documents
the format with an annotated example.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from formcheck.landmarks import SIDED_PARTS, PoseLandmark

Degrees = Annotated[float, Field(ge=-180.0, le=180.0)]
Seconds = Annotated[float, Field(ge=0.0, le=3600.0)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_point(name: str) -> str:
    """A point is a landmark (LEFT_HIP), a working-side part (HIP), the other side's part
    (OTHER_HIP) or the midpoint of both sides (MID_HIP)."""
    if name in PoseLandmark.__members__:
        return name
    for prefix in ("", "OTHER_", "MID_"):
        if name.startswith(prefix) and name[len(prefix) :] in SIDED_PARTS:
            return name
    parts = ", ".join(SIDED_PARTS)
    raise ValueError(
        f"unknown point {name!r}: use a landmark name such as LEFT_HIP, or a body part "
        f"({parts}) optionally prefixed OTHER_ or MID_"
    )


# Default clear margins of frame rules, by the unit of the rule's metric.
ANGLE_CLEAR_MARGIN_DEG = 3.0
TORSO_CLEAR_MARGIN = 0.05


class ViewRequirement(StrEnum):
    SIDE = "side"
    FRONT = "front"
    ANY = "any"


class MetricKind(StrEnum):
    JOINT_ANGLE = "joint_angle"  # angle at the middle point, 0-180
    BEND = "bend"  # 0 = straight line; + vertex above the line, - below
    INCLINE = "incline"  # elevation of points[0]->points[1] above horizontal
    DISTANCE = "distance"  # between two points, in torso lengths
    FORWARD_OFFSET = (
        "forward_offset"  # points[1] ahead of points[0] where the person faces, torso lengths
    )
    # The larger of other angle metrics (``of``), frame by frame: e.g. whichever limb of a bird
    # dog reaches further, so a rep still counts when one limb is cropped or hidden.
    GREATEST = "greatest"
    # The first of two other angle metrics (``of``) minus the second, frame by frame: e.g. how
    # much more one knee is folded than the other, which says which leg is in front in a pigeon
    # stretch without knowing which way the person faces.
    DIFFERENCE = "difference"
    # Like incline, but from the rise of points[1] above points[0] over the segment's length,
    # taken as at least ``length_floor`` times another segment: seen from the front, a thigh
    # pointing at the camera looks short and its incline is meaningless, but how far the hip
    # sits above the knee, against the shin's length, still says how level the thigh is.
    ELEVATION = "elevation"


_POINT_COUNT = {
    MetricKind.JOINT_ANGLE: 3,
    MetricKind.BEND: 3,
    MetricKind.INCLINE: 2,
    MetricKind.DISTANCE: 2,
    MetricKind.FORWARD_OFFSET: 2,
    MetricKind.ELEVATION: 2,
}


class LengthFloor(_Frozen):
    """An elevation metric's segment is at least ``ratio`` times as long as ``points[0]`` to
    ``points[1]`` (e.g. a thigh at least 0.75 shins): the floor under its foreshortened length."""

    points: tuple[str, str]
    ratio: Annotated[float, Field(gt=0.0, le=10.0)]

    @field_validator("points")
    @classmethod
    def _valid_points(cls, points: tuple[str, str]) -> tuple[str, str]:
        return (_check_point(points[0]), _check_point(points[1]))


class MetricSpec(_Frozen):
    kind: MetricKind
    points: tuple[str, ...] = ()
    of: tuple[str, ...] = ()  # the metrics a 'greatest' or 'difference' metric is made from
    length_floor: LengthFloor | None = None  # elevation metrics only
    # The camera views this metric can be judged from; in other views its value still counts
    # reps and times holds, but form rules on it are not judged. Empty: every view.
    views: tuple[ViewRequirement, ...] = ()
    # Points its value does not use that must be seen too for its rules to judge it (see
    # exercise_specs/README.md): a far leg's ankle is often seen while its knee, and so the
    # leg's whole placing, is a guess.
    seen_with: tuple[str, ...] = ()
    # Judged only with every one of its points on the side of the body nearer the camera (or
    # in the middle): MediaPipe can be sure (visibility 0.99) of a far shoulder it cannot see,
    # so visibility alone does not say the point was seen (see exercise_specs/README.md).
    near_side_only: bool = False
    description: str = ""

    @field_validator("points", "seen_with")
    @classmethod
    def _valid_points(cls, points: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_point(p) for p in points)

    @model_validator(mode="after")
    def _point_count(self) -> MetricSpec:
        if self.is_derived:
            if self.seen_with or self.near_side_only:
                raise ValueError(
                    f"a {self.kind.value} metric is as seen as its sources: no 'seen_with' or "
                    "'near_side_only'"
                )
            if self.kind is MetricKind.GREATEST and (self.points or len(self.of) < 2):
                raise ValueError(
                    "a greatest metric names two or more other metrics under 'of', and no points"
                )
            if self.kind is MetricKind.DIFFERENCE and (self.points or len(self.of) != 2):
                raise ValueError(
                    "a difference metric names exactly two other metrics under 'of' (the first "
                    "minus the second), and no points"
                )
            return self
        if self.of:
            raise ValueError(
                f"'of' is only for greatest and difference metrics, not {self.kind.value}"
            )
        if (self.kind is MetricKind.ELEVATION) != (self.length_floor is not None):
            raise ValueError("'length_floor' is given with, and only with, elevation metrics")
        if ViewRequirement.ANY in self.views:
            raise ValueError("'views' lists camera views (side, front), not 'any'")
        expected = _POINT_COUNT[self.kind]
        if len(self.points) != expected:
            raise ValueError(
                f"a {self.kind.value} metric takes {expected} points (got {len(self.points)})"
            )
        return self

    @property
    def is_angle(self) -> bool:
        # A derived metric's sources are checked to be angles (ExerciseSpec._consistent).
        return self.kind in (
            MetricKind.JOINT_ANGLE,
            MetricKind.BEND,
            MetricKind.INCLINE,
            MetricKind.GREATEST,
            MetricKind.DIFFERENCE,
            MetricKind.ELEVATION,
        )

    @property
    def is_derived(self) -> bool:
        """Computed from other metrics rather than from landmarks."""
        return self.kind in (MetricKind.GREATEST, MetricKind.DIFFERENCE)


class Bound(_Frozen):
    """``above`` and/or ``below`` a value; both together mean inside the range."""

    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_given(self) -> Bound:
        if self.above is None and self.below is None:
            raise ValueError("give 'above', 'below' or both")
        if self.above is not None and self.below is not None and self.above >= self.below:
            raise ValueError(
                f"'above' ({self.above}) must be less than 'below' ({self.below}) for a range"
            )
        return self

    def holds(self, value: float) -> bool:
        if value != value:  # NaN: unknown never satisfies a condition
            return False
        if self.above is not None and value <= self.above:
            return False
        return not (self.below is not None and value >= self.below)


class WorkingSide(StrEnum):
    NEAR = "near"  # the side nearer the camera (side views)
    LEFT = "left"
    RIGHT = "right"
    ALTERNATING = "alternating"  # whichever side is working; counted per side


class CameraSpec(_Frozen):
    view: ViewRequirement = ViewRequirement.SIDE
    # Other views the exercise is also counted or timed from (e.g. a squat filmed from the
    # front); metrics list the views their form rules can be judged from.
    also: tuple[ViewRequirement, ...] = ()
    setup: str = Field(min_length=1, description="How to place the camera, in plain words")

    @model_validator(mode="after")
    def _also_other_views(self) -> CameraSpec:
        if self.also and (self.view is ViewRequirement.ANY or ViewRequirement.ANY in self.also):
            raise ValueError("camera.also lists other views (side, front); 'any' already takes all")
        if self.view in self.also:
            raise ValueError(f"camera.also repeats the main view {self.view.value!r}")
        return self

    @property
    def accepted(self) -> frozenset[ViewRequirement]:
        """Every view the exercise can be judged from (ANY: all of them)."""
        if self.view is ViewRequirement.ANY:
            return frozenset({ViewRequirement.SIDE, ViewRequirement.FRONT})
        return frozenset({self.view, *self.also})


class RepSpec(_Frozen):
    """How a repetition is counted.

    A rep starts from rest (all ``rest`` conditions met at some moment), is counted when all
    ``peak`` conditions hold for ``debounce_s`` and the ``metric`` has moved at least
    ``min_range`` from its lowest (or highest, for ``direction: down``) value since rest, and
    ends when the metric comes back by ``return_fraction`` of that range.
    """

    metric: str
    direction: Literal["up", "down"] = "up"
    peak: dict[str, Bound]
    rest: dict[str, Bound] = Field(default_factory=dict)
    min_range: Annotated[float, Field(gt=0.0, le=180.0)]
    return_fraction: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.5
    min_rep_s: Seconds = 0.5
    debounce_s: Annotated[float, Field(ge=0.0, le=2.0)] = 0.15
    incomplete_cue: str = Field(
        default="Go through the full range of the movement",
        min_length=1,
        description="Said when a rep turns back before reaching the peak",
    )


class HoldPosition(_Frozen):
    """Another way of holding the same stretch (a pigeon pose for the piriformis stretch's
    figure-4): its own ``position`` conditions, timed like the main one."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    position: dict[str, Bound] = Field(min_length=1)
    # Position metrics that must be seen, not guessed, for the position to count (see HoldSpec).
    seen: tuple[str, ...] = ()


class HoldSpec(_Frozen):
    """How a hold is timed: the ``position`` conditions say the person is in the position; the
    timer runs while they hold and no error-severity form rule is active.

    ``alternatives`` are other positions that count as holding the stretch; the person is in
    position when every condition of the main position, or of one alternative, holds. Hold-phase
    rules can be limited to some positions (``FrameRuleSpec.positions``), by ``name``.
    """

    position: dict[str, Bound]
    name: str = Field(default="main", pattern=r"^[a-z][a-z0-9_]*$")
    # Position metrics whose points must be seen (visibility) for the position to count: a
    # figure-4's ankle on the other knee, which MediaPipe also "finds" for feet out of the
    # frame. Others are timed even when guessed (a far leg), though their form is not judged.
    seen: tuple[str, ...] = ()
    alternatives: tuple[HoldPosition, ...] = ()
    enter_s: Annotated[float, Field(ge=0.0, le=10.0)] = 0.5
    leave_s: Annotated[float, Field(ge=0.0, le=10.0)] = 0.7
    # Still enough to call it holding: every position metric moves less than this (degrees,
    # max - min) over ``settle_s``. Sinking into a stretch passes through the position but is
    # not yet holding it. None: any in-position frame counts.
    settle_deg: Annotated[float, Field(gt=0.0, le=90.0)] | None = 10.0
    settle_s: Annotated[float, Field(gt=0.0, le=5.0)] = 0.5

    @model_validator(mode="after")
    def _consistent_positions(self) -> HoldSpec:
        names = self.position_names
        if len(set(names)) != len(names):
            raise ValueError(f"hold position names must be unique (got {', '.join(names)})")
        for name, conditions, seen in self.positions:
            extra = sorted(set(seen) - set(conditions))
            if extra:
                raise ValueError(
                    f"hold position {name!r}: 'seen' names {', '.join(extra)}, which its "
                    "conditions do not use"
                )
        return self

    @property
    def positions(self) -> tuple[tuple[str, dict[str, Bound], tuple[str, ...]], ...]:
        """``(name, conditions, metrics that must be seen)`` of the main position, then of each
        alternative."""
        return (
            (self.name, self.position, self.seen),
            *((other.name, other.position, other.seen) for other in self.alternatives),
        )

    @property
    def position_names(self) -> tuple[str, ...]:
        return tuple(name for name, _, _ in self.positions)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"  # also pauses a hold timer

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Phase(StrEnum):
    ANY = "any"
    REST = "rest"
    PEAK = "peak"
    HOLD = "hold"  # while in the hold position
    MOVING = "moving"  # during a rep, outside rest


class RepStat(StrEnum):
    MAX = "max"
    MIN = "min"
    RANGE = "range"
    RANGE_RATIO = "range_ratio"  # range of `metric` over range of `over` during the rep
    DURATION_S = "duration_s"
    PEAK_S = "peak_s"  # time spent past the count's peak condition (the way up and down too)
    # Time spent at the top itself: within TOP_SHARE of the rep's range of its furthest point.
    # A person who moves slowly but never pauses spends a second past a halfway count
    # threshold; near the top they spend only the turn.
    TOP_S = "top_s"


class FrameRuleSpec(_Frozen):
    """A form fault seen frame by frame: ``metric`` outside tolerance for ``persist_s``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    metric: str
    when: Bound
    phase: Phase = Phase.ANY
    persist_s: Annotated[float, Field(ge=0.0, le=30.0)] = 0.5
    # How far back inside the threshold the metric must come for the issue to end (so a value
    # hovering at it does not flicker). None: 3 degrees for angle metrics, 0.05 for metrics in
    # torso lengths (see ExerciseSpec.clear_margin_of).
    clear_margin: Annotated[float, Field(ge=0.0, le=45.0)] | None = None
    severity: Severity = Severity.WARNING
    cue: str = Field(min_length=1)
    message: str = Field(min_length=1)
    # Hold-phase rules only: the hold positions (by name) the rule judges; empty: every one.
    positions: tuple[str, ...] = ()
    # What the summary advises when the camera could not see the rule's points, in place of
    # "film the other side to check it": for a rule that no side-on camera can judge.
    unseen_advice: str | None = Field(default=None, min_length=1)


class RepRuleSpec(_Frozen):
    """A form fault judged on a completed rep (``stat`` of ``metric`` over the rep)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    stat: RepStat
    metric: str | None = None
    over: str | None = Field(default=None, description="The denominator metric of range_ratio")
    when: Bound
    severity: Severity = Severity.WARNING
    cue: str = Field(min_length=1)
    message: str = Field(min_length=1)

    @model_validator(mode="after")
    def _metric_for_stat(self) -> RepRuleSpec:
        needs_metric = self.stat in (RepStat.MAX, RepStat.MIN, RepStat.RANGE, RepStat.RANGE_RATIO)
        if needs_metric and self.metric is None:
            raise ValueError(f"stat {self.stat.value!r} needs a 'metric'")
        if (self.stat is RepStat.RANGE_RATIO) != (self.over is not None):
            raise ValueError("'over' is given with, and only with, stat 'range_ratio'")
        return self


class CalibrationSpec(_Frozen):
    """Learn the person's own baseline of some metrics first (e.g. their upright posture);
    rules can then use ``<metric>_from_baseline``."""

    metrics: tuple[str, ...] = Field(min_length=1)
    seconds: Annotated[float, Field(ge=1.0, le=30.0)] = 3.0
    instruction: str = Field(
        default="Sit or stand tall and still for 3 seconds so I can learn your upright",
        min_length=1,
    )
    done_message: str = Field(
        default="Got it: that is your upright. Now hold your usual posture", min_length=1
    )


class DosageSpec(_Frozen):
    sets: Annotated[int, Field(ge=1, le=20)] = 1
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    hold_s: Annotated[float, Field(gt=0.0, le=600.0)] | None = None
    per_side: bool = False
    rest_s: Annotated[float, Field(ge=0.0, le=600.0)] = 30.0
    text: str = Field(min_length=1, description="The guides' dosage in words")


class ExerciseSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    category: Literal["mobility", "stretch", "strength", "posture", "lifting"]
    instructions: tuple[str, ...] = Field(min_length=1)
    safety: tuple[str, ...] = ()
    camera: CameraSpec
    side: WorkingSide = WorkingSide.NEAR
    required: tuple[str, ...] = Field(
        min_length=1, description="Body parts that must be in view to judge anything"
    )
    metrics: dict[str, MetricSpec] = Field(min_length=1)
    reps: RepSpec | None = None
    hold: HoldSpec | None = None
    frame_rules: tuple[FrameRuleSpec, ...] = ()
    rep_rules: tuple[RepRuleSpec, ...] = ()
    calibration: CalibrationSpec | None = None
    dosage: DosageSpec

    @field_validator("required")
    @classmethod
    def _valid_required(cls, parts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_point(p) for p in parts)

    def clear_margin_of(self, rule: FrameRuleSpec) -> float:
        """The rule's clear margin, or the default for its metric's unit."""
        if rule.clear_margin is not None:
            return rule.clear_margin
        name = rule.metric.removesuffix("_from_baseline")
        metric = self.metrics.get(name)
        in_torso_lengths = metric is not None and metric.kind in (
            MetricKind.DISTANCE,
            MetricKind.FORWARD_OFFSET,
        )
        return TORSO_CLEAR_MARGIN if in_torso_lengths else ANGLE_CLEAR_MARGIN_DEG

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseSpec:
        if (self.reps is None) == (self.hold is None):
            raise ValueError("a spec needs exactly one of 'reps' or 'hold'")
        known = set(self.metrics)
        for name, metric in self.metrics.items():
            if metric.near_side_only and self.side in (WorkingSide.LEFT, WorkingSide.RIGHT):
                raise ValueError(
                    f"metrics.{name}: 'near_side_only' needs 'side: near' or 'side: alternating' "
                    "(with a fixed side, which side is nearer the camera is not known)"
                )
            if metric.views and not set(metric.views) < self.camera.accepted:
                raise ValueError(
                    f"metrics.{name}: 'views' must name some, not all, of the views the camera "
                    f"accepts ({', '.join(sorted(v.value for v in self.camera.accepted))})"
                )
            for source in metric.of:
                found = self.metrics.get(source)
                if found is None or found.is_derived or not found.is_angle:
                    raise ValueError(
                        f"metrics.{name}: 'of' names {source!r}, which is not an angle metric "
                        "defined from points under 'metrics'"
                    )
        if self.calibration is not None:
            for name in self.calibration.metrics:
                if name not in known:
                    raise ValueError(
                        f"calibration.metrics names {name!r}, which is not defined under 'metrics'"
                    )
            # Calibrated metrics also exist relative to the person's baseline.
            known |= {f"{name}_from_baseline" for name in self.calibration.metrics}

        def check(name: str, where: str) -> None:
            if name not in known:
                raise ValueError(
                    f"{where} names metric {name!r}, which is not defined under 'metrics' "
                    f"(defined: {', '.join(sorted(known))})"
                )

        if self.reps is not None:
            check(self.reps.metric, "reps.metric")
            for name in (*self.reps.peak, *self.reps.rest):
                check(name, "reps.peak/rest")
        if self.hold is not None:
            for position_name, position, _ in self.hold.positions:
                where = (
                    "hold.position"
                    if position_name == self.hold.name
                    else f"hold.alternatives[{position_name}].position"
                )
                for name in position:
                    check(name, where)
        ids = [r.id for r in self.frame_rules] + [r.id for r in self.rep_rules]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"rule ids must be unique (repeated: {', '.join(duplicates)})")
        for rule in self.frame_rules:
            check(rule.metric, f"frame_rules[{rule.id}].metric")
            if rule.phase in (Phase.REST, Phase.PEAK, Phase.MOVING) and self.reps is None:
                raise ValueError(f"frame_rules[{rule.id}]: phase {rule.phase.value!r} needs 'reps'")
            if rule.phase is Phase.HOLD and self.hold is None:
                raise ValueError(f"frame_rules[{rule.id}]: phase 'hold' needs 'hold'")
            if rule.positions:
                if rule.phase is not Phase.HOLD or self.hold is None:
                    raise ValueError(
                        f"frame_rules[{rule.id}]: 'positions' limits a hold-phase rule to some "
                        "hold positions; give it 'phase: hold'"
                    )
                unknown = sorted(set(rule.positions) - set(self.hold.position_names))
                if unknown:
                    raise ValueError(
                        f"frame_rules[{rule.id}].positions names {', '.join(unknown)}, not a hold "
                        f"position (positions: {', '.join(self.hold.position_names)})"
                    )
        for rep_rule in self.rep_rules:
            if self.reps is None:
                raise ValueError(f"rep_rules[{rep_rule.id}] needs 'reps'")
            if rep_rule.metric is not None:
                check(rep_rule.metric, f"rep_rules[{rep_rule.id}].metric")
            if rep_rule.over is not None:
                check(rep_rule.over, f"rep_rules[{rep_rule.id}].over")
        return self

    @property
    def counts_reps(self) -> bool:
        return self.reps is not None
