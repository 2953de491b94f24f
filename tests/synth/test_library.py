"""The form rules of the rest of the library's exercises that the actor can perform, end to end
through MediaPipe on synthetic video with exact ground truth (as ``test_pipeline.py`` does for
the bridge, plank, push-up, squat and cat-cow): each rule fires on the reps (or stretches of a
hold) with its fault and not on clean ones; rep counts and hold windows match the truth.

Clips are small (480x270, 15 fps) and short, rendered into a temporary folder and rendered and
tracked two at a time; nothing is cached between runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formcheck import FormIssueStarted
from formcheck.synth import Take, Tempo
from formcheck.synth.scoring import score_hold_stretches, score_reps

from .takes import SIZE, Analysed, analyse_takes, assert_windows_match

REP_TAKES = {
    # Odd reps: the near leg and the far arm; even reps: the far leg and the near arm (faults
    # on the arm go on even reps: see test_the_far_arm_is_not_judged_and_the_person_is_told).
    "bird_dog": Take(
        "bird_dog",
        reps=6,
        faults=(
            "leg_high:25@1",
            "arm_high:30@2",
            "leg_low:25@3",
            "arm_low:55@4",
            "short_hold:0.2@5",
        ),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.0, top_s=2.0, down_s=1.0, rest_s=0.6),
        seed=22,
    ),
    # As the bird dog: odd reps reach with the near leg and the far arm. Rep 5 is rushed (see
    # test_dead_bug_flags_a_rushed_rep).
    "dead_bug": Take(
        "dead_bug",
        reps=6,
        faults=("other_leg_drop:45@2", "shoulders_lift:32@3", "arm_short:45@4", "too_fast:0.6@5"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0, rest_s=0.6),
        seed=25,
    ),
    # Each press-up's top is its hold; rep 2 lifts the hips, then tips the head back, in its hold.
    "prone_press_up": Take(
        "prone_press_up",
        reps=3,
        faults=("hips_lift:32@13.5-15s", "head_tip:45@16.5-18s", "short_hold:2@3"),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.2, top_s=7.0, down_s=1.2, rest_s=0.8),
        seed=26,
    ),
    # A tilt is a 6 degree rise of the hip line; rep 4 is too short a hold.
    "pelvic_tilt": Take(
        "pelvic_tilt",
        reps=4,
        faults=("buttocks_lift:25@2", "knees_straight:60@3", "short_hold:2.4@4"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=0.8, top_s=4.0, down_s=0.8, rest_s=1.0),
        seed=32,
    ),
    "safe_lifting": Take(
        "safe_lifting",
        reps=5,
        faults=("stoop:55@2", "knees_forward:35@3", "too_fast:0.75@4"),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.0, top_s=0.5, down_s=1.0, rest_s=0.7),
        seed=34,
    ),
    "superman": Take(
        "superman",
        reps=5,
        faults=("head_lift:45@2", "chest_high:28@3", "short_hold:0.2@4"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=0.9, top_s=1.8, down_s=0.9, rest_s=0.6),
        seed=23,
    ),
}
HOLD_TAKES = {
    # Lying still is the position: each fault is an error or warning within one long hold.
    "abdominal_draw_in": Take(
        "abdominal_draw_in",
        reps=1,
        faults=("pelvis_lift:25@3-4.5s", "curl_up:25@6.5-8s", "knees_straight:60@10-11.5s"),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=0.5, top_s=14.0, down_s=0.5, rest_s=1.0),
        seed=33,
    ),
    "childs_pose": Take(
        "childs_pose",
        reps=1,
        faults=("hips_high:45@6-7.5s", "head_up:50@10-11.5s"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=2.0, top_s=14.0, down_s=2.0, rest_s=1.0),
        seed=27,
    ),
    "hamstring_stretch": Take(
        "hamstring_stretch",
        reps=1,
        faults=("back_round:30@6-7.5s", "knee_bent:38@10-11.5s"),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=2.0, top_s=12.0, down_s=2.0, rest_s=1.0),
        seed=29,
    ),
    # The near leg crosses (figure-4), facing left, where MediaPipe keeps the crossed ankle in
    # a 30 degree curl. Not every take does: in bench/synth_fault_table.py shoulders_lifting is
    # caught on 4 of 8 faults 10+ degrees beyond its threshold (MediaPipe moves the crossed ankle
    # onto the other foot in a steeper curl, and misplaces it facing right).
    "piriformis_stretch": Take(
        "piriformis_stretch",
        reps=1,
        faults=("pelvis_lift:27@6-7.5s", "shoulders_lift:30@9.5-11s"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.0, top_s=11.0, down_s=1.0, rest_s=1.0),
        seed=31,
    ),
    # The far foot steps forward first (the near knee down), then the near foot.
    "hip_flexor_stretch": Take(
        "hip_flexor_stretch",
        reps=2,
        faults=(
            "lean_forward:0.5@5-6.5s",
            "arch_back:0.42@8-9.5s",
            "knee_past_ankle:38@18-19.5s",
        ),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.0),
        seed=30,
    ),
    # Calibrated upright for 3 s, then a forward head and a slouch against it.
    "posture": Take(
        "posture",
        reps=1,
        faults=("forward_head:25@5-9.5s", "slouch:20@12.5-17s"),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=0.5, up_s=0.5, top_s=19.5, down_s=0.5, rest_s=0.5),
        seed=36,
    ),
    # The near knee is held first, then the far one (its hold seen from the straight leg's
    # side, which MediaPipe follows here).
    "knee_to_chest": Take(
        "knee_to_chest",
        reps=2,
        faults=(
            "other_leg_lift:43@5-6.5s",
            "shoulders_lift:30@8-9.5s",
            "pelvis_lift:25@19-20.5s",
        ),
        facing="left",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.5, top_s=10.0, down_s=1.5, rest_s=1.0),
        seed=28,
    ),
    # The knees go forward twice: the issue must clear in between (a torso-length rule).
    "wall_sit": Take(
        "wall_sit",
        reps=1,
        faults=(
            "hips_high:35@5-6.5s",
            "knees_forward:0.45@8.5-10s",
            "back_off_wall:25@12-13.5s",
            "knees_forward:0.4@15.5-17s",
        ),
        facing="right",
        size=SIZE,
        tempo=Tempo(lead_s=1.0, up_s=1.5, top_s=18.5, down_s=1.5, rest_s=1.0),
        seed=24,
    ),
}
# Out of line from the start: that is the person's upright as calibrated (see
# test_posture_out_of_line_from_the_start).
SLUMPED = Take(
    "posture",
    reps=1,
    faults=("out_of_line:0.55@0-10.5s",),
    facing="right",
    size=SIZE,
    tempo=Tempo(lead_s=0.5, up_s=0.5, top_s=10.0, down_s=0.5, rest_s=0.5),
    seed=37,
)
TAKES = {**REP_TAKES, **HOLD_TAKES, "posture_slumped": SLUMPED}


@pytest.fixture(scope="module")
def runs(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Analysed]:
    folder = tmp_path_factory.mktemp("synth-library")
    return analyse_takes(TAKES, folder, model_path)


def _expected_rules(run: Analysed) -> dict[int, set[str]]:
    return {
        r.number: {f.rule for f in run.truth.faults if f.rep == r.number and f.rule}
        for r in run.truth.reps
    }


# A rushed rep or a short hold is at the top for half a second or less: whether that shows as
# a window comes down to a frame or two, so such slivers are left out of the comparison.
MIN_WINDOW_S = 0.6


# Known misses, each kept failing on purpose (strict): a change that fixes one must say so.
KNOWN_MISSES = {
    # Rep 4 keeps the near arm down, so its count rests on MediaPipe's guess of the far leg
    # reaching back. That guess flickers frame to frame between the leg and a point up to
    # 50 px lower (measured on seed 24 at 480x270), smoothed into a dip of 39-51 degrees for
    # about 0.5 s mid-hold: the rep is counted twice. Seeds 22, 23 and 24 all do it since the
    # flat hands (c1975ed); before them seed 23 did too, and seed 22 happened not to.
    "bird_dog": "the far leg's flicker splits rep 4 in two (see KNOWN_MISSES)",
}


def _cases(names: dict[str, Take]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_MISSES[name], strict=True))
        if name in KNOWN_MISSES
        else name
        for name in sorted(names)
    ]


@pytest.mark.parametrize("name", _cases(REP_TAKES))
def test_counts_every_rep_the_spec_counts(runs: dict[str, Analysed], name: str) -> None:
    run = runs[name]
    assert run.result.can_judge
    assert run.truth.counted_by_spec == [True] * len(run.truth.reps)
    assert run.result.reps == run.truth.spec_rep_count
    assert all(o.counted for o in score_reps(run.truth, run.result))


@pytest.mark.parametrize("name", _cases(REP_TAKES))
def test_rules_fire_on_the_faulty_reps_only(runs: dict[str, Analysed], name: str) -> None:
    run = runs[name]
    fired = {o.number: set(o.rules) for o in score_reps(run.truth, run.result)}
    for number, expected in _expected_rules(run).items():
        assert fired[number] == expected, (number, fired[number])


@pytest.mark.parametrize("name", sorted(HOLD_TAKES))
def test_hold_rules_fire_during_their_fault_and_never_outside(
    runs: dict[str, Analysed], name: str
) -> None:
    run = runs[name]
    assert run.result.can_judge
    stretches = score_hold_stretches(run.truth, run.result)
    rules = {f.name: f.rule for f in run.truth.faults}
    assert [s.fault for s in stretches if s.fault] == [f.name for f in run.truth.faults]
    assert any(s.fault is None for s in stretches)
    for stretch in stretches:
        expected = {rules[stretch.fault]} if stretch.fault else set()
        assert stretch.rules == expected, stretch


@pytest.mark.parametrize("name", _cases(TAKES))
def test_hold_windows_match_the_truth(runs: dict[str, Analysed], name: str) -> None:
    assert runs[name].truth.hold_windows
    assert_windows_match(runs[name], MIN_WINDOW_S)


@pytest.mark.parametrize("exercise", ["bird_dog", "dead_bug"])
def test_the_far_arm_is_not_judged_and_the_person_is_told(
    runs: dict[str, Analysed], exercise: str
) -> None:
    # Odd reps reach with the far arm: side-on it passes behind the head and MediaPipe places
    # it hanging under the shoulder (visibility 0.3-0.58), which once fired arm_not_reaching
    # on every clean rep. The spec judges the near arm only (near_side_only), so the arm rules
    # skip those reps and say why; the near arm (even reps) is judged, and its faults are
    # caught (test_each_rule...).
    run = runs[exercise]
    outcomes = {o.number: o for o in score_reps(run.truth, run.result)}
    for number in (1, 3, 5):
        assert "arm_not_reaching" not in outcomes[number].rules
        assert "arm_not_reaching" in outcomes[number].unchecked
    for number in (2, 4, 6):
        assert "arm_not_reaching" not in outcomes[number].unchecked
    notes = " ".join(run.result.events[-1].notes)  # type: ignore[attr-defined]
    assert "arm not reaching not checked on 3 rep(s)" in notes
    # ...and the review and the command line show it (the summary's notes are warnings there).
    assert any("arm not reaching not checked on 3 rep(s)" in w for w in run.result.warnings)


def test_dead_bug_flags_a_rushed_rep(runs: dict[str, Analysed]) -> None:
    # A rep starts where its metric last left the band around its rest extreme, not at the
    # extreme's own time: in an alternating spec a side rests through the other side's rep,
    # and the extreme could come seconds before the leg moves (a 0.6 s rep measured 3.5 s).
    fired = {o.number: o.rules for o in score_reps(runs["dead_bug"].truth, runs["dead_bug"].result)}
    assert "too_fast" in fired[5]


def test_posture_out_of_line_from_the_start(runs: dict[str, Analysed]) -> None:
    # Calibrated while out of line, the person's own upright is slumped: the baseline rules
    # stay quiet and only out_of_line (ear 0.5+ torso lengths ahead of the hip) speaks.
    run = runs["posture_slumped"]
    started = {e.rule_id for e in run.result.events if isinstance(e, FormIssueStarted)}
    assert started == {"out_of_line"}
