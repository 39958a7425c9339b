"""Reconciliation findings as the destination page shows them: checks in words, rates as percentages, a
picklist's counts as "value: count", the differences first."""

from crmhub.exports.reconciliation import findings_for_people


def test_findings_read_as_words_with_the_differences_first():
    rows = findings_for_people(
        [
            {"check": "count", "object": "contacts", "detail": "Same records.", "crm": 24, "destination": 24, "ok": True},
            {"check": "null rate", "object": "contacts", "detail": "email", "crm": 0.0833, "destination": 0.0, "ok": False},
            {"check": "picklist distribution", "object": "contacts", "detail": "lifecycle_stage",
             "crm": {"lead": 4, "": 1}, "destination": {"lead": 4, "": 1}, "ok": True},
            {"check": "join coverage", "object": "deals", "detail": "associatedcompanyid -> companies",
             "crm": 1.0, "destination": 0.5, "ok": False},
            {"check": "profiles read back", "object": "contacts", "detail": "No profile read API.",
             "crm": None, "destination": None, "ok": True},
        ]
    )  # fmt: skip
    assert [row.ok for row in rows] == [False, False, True, True, True]
    empty, links = rows[0], rows[1]
    assert (empty.check, empty.detail, empty.crm, empty.destination) == (
        "Empty values",
        "Share of records with email empty",
        "8.3 %",
        "0 %",
    )
    assert links.detail == "Share of records whose associatedcompanyid points to a record of companies"
    assert (links.crm, links.destination) == ("100 %", "50 %")
    picklist = next(row for row in rows if row.check == "Values of a picklist")
    assert picklist.crm == "lead: 4, (empty): 1"
    assert rows[-1].crm == "—" and rows[-1].check == "Profiles read back from the CDP"
