"""A rep against the patient's reference rep, in words: for the Live page (each new rep as it
is counted) and the session page (every saved rep). No Streamlit, so it is tested on its own.
"""

from __future__ import annotations

import math

from formcheck.engine.events import RepCompleted
from formcheck.store import ReferenceTargets, RepComparison, compare_to_reference


def reference_line(targets: ReferenceTargets) -> str:
    """What the reference is, e.g. "Reference: range 40, 3.0 s a rep (set 03 Mar 2025)."."""
    return (
        f"Reference: range {targets.range_of_motion:.0f}, {targets.duration_s:.1f} s a rep "
        f"(set {targets.recorded_at:%d %b %Y})."
    )


def comparison_line(comparison: RepComparison) -> str:
    """The difference in words (Streamlit markdown), marked when range and tempo are on target."""
    mark = (
        " :green[✓ range and tempo on target]"
        if comparison.range_ok and comparison.tempo_ok
        else ""
    )
    return f"vs reference: {comparison.message}{mark}"


def live_rep_line(targets: ReferenceTargets, rep: RepCompleted) -> str | None:
    """The newest live rep against the reference, e.g. "Rep 3 vs reference: range 30 vs 40
    (10 less, 75%); tempo 3.1 s vs 3.0 s: on target".

    None for a rep with no full range or tempo to compare (cut off by the end of the set, or
    not measured), so the page shows nothing rather than a misleading difference.
    """
    if (
        not rep.complete
        or not math.isfinite(rep.range_of_motion)
        or not math.isfinite(rep.duration_s)
        or rep.duration_s <= 0
    ):
        return None
    comparison = compare_to_reference(targets, rep.range_of_motion, rep.duration_s)
    return f"Rep {rep.rep_number} {comparison_line(comparison)}"
