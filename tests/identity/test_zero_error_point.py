"""The benchmark's reading of Splink at its own zero-error point."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from benchmarks.identity_quality import Decision, Run, zero_error_point

TRUTH = {
    "a": ("c", ("1",)),
    "b": ("c", ("2",)),
    "c": ("c", ("3",)),
    "d": ("c", ()),  # not in the CRM: any link is wrong
}


def _run(decisions):
    return Run("splink", decisions, 1.0)


def test_the_point_stops_above_the_first_wrong_link():
    decisions = {
        "a": Decision("1", ["1"], 0.999),
        "b": Decision("", ["9"], 0.95),  # wrong best candidate
        "c": Decision("", ["3"], 0.90),  # right, but below the first wrong one
        "d": Decision("", ["1"], 0.10),
    }
    assert zero_error_point(_run(decisions), TRUTH) == (
        "splink at its zero-error point (match weight > 0.95): recall 0.333 with 0 wrong"
    )


def test_a_right_link_at_the_wrong_links_probability_is_left_out():
    decisions = {
        "a": Decision("1", ["1"], 0.99),
        "b": Decision("", ["2"], 0.98),
        "d": Decision("", ["2"], 0.98),
    }
    assert "recall 0.333" in zero_error_point(_run(decisions), TRUTH)


def test_no_wrong_candidate_at_all_counts_every_right_one():
    decisions = {"a": Decision("1", ["1"], 0.99), "b": Decision("", ["2"], 0.5)}
    assert zero_error_point(_run(decisions), TRUTH) == (
        "splink at its zero-error point (any): recall 0.667 with 0 wrong"
    )


def test_records_two_crm_records_hold_are_counted_apart_as_ties():
    from benchmarks.identity_quality import held_by_one

    truth = {**TRUTH, "e": ("dup", ("4", "5")), "f": ("dup", ("6", "7"))}
    decisions = {
        "a": Decision("1", ["1"]),
        "b": Decision("9", ["9"]),  # wrong: not right on the single-holder recall
        "e": Decision("5", ["5", "4"]),  # a tie broken without asking
        "f": Decision("", ["6", "7"]),
    }
    assert held_by_one(_run(decisions), truth) == (
        "splink: recall 0.333 on the 3 records one CRM record holds; auto-linked 1 of the 2 that two or "
        "more CRM records hold (ties)"
    )
