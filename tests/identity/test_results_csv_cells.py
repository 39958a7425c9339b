"""The results file of `identity_link` is opened in spreadsheets: ids and notes taken from the input file that
a spreadsheet would run as formulas come out quoted, numbers (negative scores too) stay numbers."""

import csv
import io

from identity_app.csv_io import write_results
from identity_app.resolver import Resolution


def test_formula_looking_ids_are_quoted_and_scores_stay_numbers():
    out = io.StringIO()
    hostile = Resolution(
        inbound={},
        source_system="=cmd|' /C calc'!A0",
        external_id='=HYPERLINK("http://evil.example","x")',
        outcome="no_match",
        score=-3.25,
        notes=["@SUM(1+1)"],
        candidates=[{"crm_id": "+1002", "score": -1.5}],
    )
    write_results(out, [hostile])
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["source_system"] == "'=cmd|' /C calc'!A0"
    assert row["external_id"].startswith("'=HYPERLINK")
    assert row["notes"] == "'@SUM(1+1)" and row["candidate_1"] == "'+1002 (-1.5)"
    assert row["score"] == "-3.25" and row["decision"] == "no_match"
