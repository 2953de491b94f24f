"""Programmes (versions, validation, progress), threshold adjustments and reference reps."""

from __future__ import annotations

import datetime as dt

import pytest

from formcheck.specs import get_spec
from formcheck.store import (
    PrescribedExercise,
    ProgrammeInfo,
    SessionSummary,
    Source,
    Store,
    StoreError,
    apply_adjustments,
    compare_rep,
    compare_to_reference,
    current_programme,
    default_prescription,
    get_session,
    prescribe_programme,
    programme_history,
    programme_progress,
    record_reference_rep,
    reference_for,
)
from formcheck.store.progress import compute_progress
from tests.store.world import DAY, World

MONDAY = DAY.date()


def test_editing_makes_a_new_version_and_ends_the_old(store: Store, world: World) -> None:
    bridge = default_prescription(get_spec("glute_bridge"))
    assert (bridge.sets, bridge.reps, bridge.hold_s) == (1, 10, 3.0)
    prescribe_programme(store, world.ana, world.ben.id, [bridge], starts_on=MONDAY)
    easier = PrescribedExercise("glute_bridge", 2, 8, adjustments={"reps.min_range": 12})
    plank = PrescribedExercise("plank", 3, None, 20.0)
    week2 = MONDAY + dt.timedelta(days=7)
    prescribe_programme(store, world.ana, world.ben.id, [easier, plank], days_per_week=3,
                        starts_on=week2)  # fmt: skip
    first, second = programme_history(store, world.ben, world.ben.id)
    assert (first.ends_on, second.starts_on, second.ends_on) == (week2, week2, None)
    assert second.exercises == (easier, plank)
    on = current_programme(store, world.ben, world.ben.id, on=MONDAY + dt.timedelta(days=1))
    assert on is not None and on.id == first.id
    # Re-prescribing from the same day replaces that version rather than stacking another.
    prescribe_programme(store, world.ana, world.ben.id, [plank], starts_on=week2)
    assert len(programme_history(store, world.ana, world.ben.id)) == 2


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (PrescribedExercise("moonwalk", 1, 10), "unknown exercise"),
        (PrescribedExercise("glute_bridge", 0, 10), "sets must be 1-20"),
        (PrescribedExercise("glute_bridge", 1, None), "needs reps"),
        (PrescribedExercise("plank", 1, 5), "takes hold_s, not reps"),
        (PrescribedExercise("plank", 1, None, None), "needs hold_s"),
        (PrescribedExercise("glute_bridge", 1, 10, side="up"), "side must be"),
        (PrescribedExercise("glute_bridge", 1, 10, adjustments={"reps.nope": 1}), "'nope'"),
    ],
)
def test_bad_prescriptions_say_what_is_wrong(
    store: Store, world: World, item: PrescribedExercise, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        prescribe_programme(store, world.ana, world.ben.id, [item])


def test_adjustments_change_the_spec_and_are_validated() -> None:
    bridge = get_spec("glute_bridge")
    easier = apply_adjustments(bridge, {"reps.min_range": 12, "rep_rules.too_fast.when.below": 2.0})
    assert easier.reps is not None and easier.reps.min_range == 12
    assert next(r for r in easier.rep_rules if r.id == "too_fast").when.below == 2.0
    assert apply_adjustments(bridge, {}) is bridge
    with pytest.raises(StoreError, match="no rule 'sag'"):
        apply_adjustments(bridge, {"rep_rules.sag.when.below": 1})
    with pytest.raises(StoreError, match="must be a number"):
        apply_adjustments(bridge, {"reps.min_range": "12"})
    with pytest.raises(StoreError, match=r"break the spec: reps\.min_range"):
        apply_adjustments(bridge, {"reps.min_range": -1})
    with pytest.raises(StoreError, match="is not a number in the spec"):
        apply_adjustments(bridge, {"reps.metric": 1})


def test_progress_against_the_programme(store: Store, world: World) -> None:
    item = PrescribedExercise("glute_bridge", 2, 10)
    prescribe_programme(store, world.ana, world.ben.id, [item], days_per_week=7, starts_on=MONDAY)
    (row,) = programme_progress(store, world.ben, world.ben.id, start=MONDAY, end=MONDAY)
    assert (row.days_prescribed, row.sets_prescribed, row.reps_prescribed) == (1, 2, 20)
    assert (row.days_done, row.sets_done, row.reps_done) == (1, 2, 5)
    assert row.adherence == 1.0
    with pytest.raises(StoreError, match="ends"):
        programme_progress(
            store, world.ben, world.ben.id, start=MONDAY, end=MONDAY - dt.timedelta(1)
        )


def test_progress_is_judged_against_each_version() -> None:
    def version(start: dt.date, end: dt.date | None, reps: int) -> ProgrammeInfo:
        items = (PrescribedExercise("glute_bridge", 1, reps),)
        return ProgrammeInfo(1, 2, 3, start, end, 7, "", items)

    week2 = MONDAY + dt.timedelta(days=7)
    versions = [version(MONDAY, week2, 10), version(week2, None, 20)]
    done = SessionSummary(1, 2, "glute_bridge", "Glute bridge", Source.LIVE, DAY, True, 1, 8,
                          0.0, 0, None, None)  # fmt: skip
    (row,) = compute_progress(versions, [done], MONDAY, MONDAY + dt.timedelta(days=13))
    assert row.reps_prescribed == 7 * 10 + 7 * 20
    assert (row.days_prescribed, row.days_done, row.reps_done) == (14, 1, 8)


def test_reference_rep_sets_targets_and_later_reps_compare(store: Store, world: World) -> None:
    reps = get_session(store, world.ana, world.ben_session).rep_rows
    assert reference_for(store, world.ben, world.ben.id, "glute_bridge") is None
    assert compare_rep(store, world.ben, reps[0].id) is None
    targets = record_reference_rep(store, world.ana, reps[1].id)  # range 42, 2 s
    assert (targets.range_of_motion, targets.duration_s, targets.up_s) == (42.0, 2.0, 1.0)
    assert reference_for(store, world.ben, world.ben.id, "glute_bridge") == targets
    smaller = compare_rep(store, world.ben, reps[4].id)  # range 35
    assert smaller is not None and not smaller.range_ok and smaller.tempo_ok
    assert smaller.range_diff == pytest.approx(-7.0)
    assert smaller.message == "range 35 vs 42 (7 less, 83%); tempo 2.0 s vs 2.0 s: on target"
    rushed = compare_to_reference(targets, 41.0, 1.0)
    assert rushed.range_ok and not rushed.tempo_ok and "1.0 s faster" in rushed.message
