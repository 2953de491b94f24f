"""Scorecard rules that decide what counts as right: which found hold is scored against a label."""

from __future__ import annotations

from formcheck.evaluation import matched_hold


def test_one_found_window_is_scored_as_it_is() -> None:
    assert matched_hold([(4.3, 9.2)], (4.5, 8.8)) == (4.3, 9.2)


def test_holds_inside_one_labelled_window_are_scored_as_their_span() -> None:
    # Three holds (one knee, the other, both) under a label spanning all three.
    found = [(10.1, 21.0), (23.1, 28.4), (31.6, 37.8)]
    assert matched_hold(found, (9.5, 37.5)) == (10.1, 37.8)


def test_windows_outside_the_label_are_ignored() -> None:
    # A brief false hold before the labelled one does not stretch the window.
    assert matched_hold([(1.1, 2.1), (4.3, 9.2)], (4.5, 8.8)) == (4.3, 9.2)


def test_a_window_touching_the_label_only_at_its_edge_does_not_overlap() -> None:
    assert matched_hold([(0.0, 4.5), (4.6, 8.0)], (4.5, 8.8)) == (4.6, 8.0)


def test_with_no_overlap_the_longest_window_is_scored() -> None:
    assert matched_hold([(0.0, 1.0), (20.0, 25.0)], (5.0, 10.0)) == (20.0, 25.0)


def test_nothing_found_scores_nothing() -> None:
    assert matched_hold([], (5.0, 10.0)) is None
