"""A help desk keeps the CRM id of the person its user is (Zendesk's Salesforce integration writes the contact's
id into the user's external_id): an inbound column of CRM ids is found in the data (`crm_references`) and read
as a key the record's names can contradict; other systems' ids in it say nothing, and the absolute crm_id
column stays absolute."""

import csv
import random
import string

from django.core.management import call_command

from identity_app import crm_references, key_checks, salesforce_ids
from identity_app.attributes import EntityKind

FIRST = ["Hannah", "Oscar", "Mia", "Liam", "Chloe", "Noah", "Ella", "Jack", "Ruby", "Lucas", "Zoe", "Ethan"]
LAST = ["Mihal", "Bitmead", "Okafor", "Lindqvist", "Brennan", "Castellano", "Nakamura", "Dubois", "Haddad"]
PEOPLE = 30
BELOW = 0.75


def salesforce_id(rng: random.Random) -> str:
    id15 = "0035g" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(10))
    return id15 + salesforce_ids.checksum(id15)


def crm_contacts(seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "Id": salesforce_id(rng),
            "FirstName": FIRST[number % len(FIRST)],
            "LastName": LAST[(number * 5 + number // len(FIRST)) % len(LAST)],
            "Email": f"person{number}@work{number}.example.com",
        }
        for number in range(PEOPLE)
    ]


def desk_users(crm: list[dict]) -> list[dict]:
    """Handles and personal addresses, each with the contact's id (some in the 15-character form); two
    successors with another full name and the predecessor's id; records carrying other systems' ids."""
    rows = []
    for number, person in enumerate(crm[:20]):
        handle = (
            f"{person['FirstName'][0]}{person['LastName']}".lower()
            if number % 2
            else f"{person['FirstName'].lower()}{number + 10}"
        )
        stored = person["Id"][:15] if number % 3 == 0 else person["Id"]
        rows.append(
            {"id": f"U{number}", "name": handle, "email": f"{handle}@gmail.com", "external_id": stored}
        )
    rows.append(
        {"id": "S1", "name": "Gregory Whitlock", "email": "gw@gmail.com", "external_id": crm[20]["Id"]}
    )
    rows.append(
        {"id": "S2", "name": "Priya Ramanathan", "email": "pr@gmail.com", "external_id": crm[21]["Id"]}
    )
    rows.append({"id": "C1", "name": "Tomasz Wrobel", "email": "tw@gmail.com", "external_id": "CUST-12345"})
    rows.append(
        {"id": "C2", "name": "Anouk Visser", "email": "av@gmail.com", "external_id": "cus_8KcJwLnrdPXicW"}
    )
    return rows


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def link(tmp_path, crm, inbound, **options) -> dict[str, dict]:
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(write(tmp_path / "desk.csv", inbound)),
        provider="salesforce",
        object_name="Contact",
        kind="person",
        mirror_csv=str(write(tmp_path / "contacts.csv", crm)),
        external_id_column="id",
        out=str(out),
        progress=False,
        **options,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}


# -- the names against the CRM record --------------------------------------------------------------------


def test_a_handle_or_a_single_name_of_the_person_does_not_contradict_the_stored_id():
    held = ("john", "smith")
    for name in [
        ("", "jsmith"),
        ("", "john42"),
        ("john", ""),
        ("", "smithj"),
        ("john", "smith"),
        ("jsmith", "2"),
    ]:
        assert key_checks.stored_id_names_other(name, held, BELOW) == "", name
    # A hyphenated handle is read as two names: still a handle made of the record's names.
    assert key_checks.stored_id_names_other(("mknight", "dunn"), ("michael", "knight dunn"), BELOW) == ""


def test_another_full_name_or_another_single_name_contradicts_the_stored_id():
    held = ("john", "smith")
    assert key_checks.stored_id_names_other(("maria", "lopez"), held, BELOW)
    assert key_checks.stored_id_names_other(
        ("jessica", "smith"), held, BELOW
    )  # the same surname, another person
    assert key_checks.stored_id_names_other(("", "mlopez"), held, BELOW)


# -- detection -------------------------------------------------------------------------------------------


def _detected(crm: list[dict], inbound: list[dict], column: str) -> crm_references.ReferenceColumn:
    found = crm_references.ReferenceColumn(column)
    records = [{"attributes": row} for row in inbound]
    mirror = [{"id": row["Id"], "values": row} for row in crm]
    crm_references.detect([found], iter(records), lambda: iter(mirror), EntityKind.PERSON)
    return found


def test_a_column_of_salesforce_ids_the_crm_holds_is_found_beside_other_systems_ids():
    crm = crm_contacts()
    found = _detected(crm, desk_users(crm), "external_id")
    assert found.used and found.salesforce_held == 22
    assert "read as the CRM id" in crm_references.line(found)


def test_a_column_of_other_peoples_ids_is_not_read_as_the_records_own():
    """A manager's or an owner's id names CRM records too, but the records' names are not theirs."""
    crm = crm_contacts()
    inbound = [
        {
            "id": f"U{n}",
            "name": f"{p['FirstName']} {p['LastName']}",
            "reports_to": crm[(n + 7) % PEOPLE]["Id"],
        }
        for n, p in enumerate(crm[:20])
    ]
    found = _detected(crm, inbound, "reports_to")
    assert not found.used and "the ids of other people" in found.verdict


def test_numbers_that_merely_collide_with_numeric_crm_ids_are_not_read():
    """HubSpot's ids are numbers: an order number column that equals some of them is not a column of ids."""
    crm = [{"Id": str(500 + n), "FirstName": FIRST[n % 12], "LastName": LAST[n % 9]} for n in range(PEOPLE)]
    inbound = [
        {"id": f"U{n}", "name": crm[n]["FirstName"].lower(), "order_no": str(495 + n * 2)}
        for n in range(PEOPLE)
    ]
    found = _detected(crm, inbound, "order_no")
    assert found.number_held and not found.used
    assert "collide" in found.verdict


def test_a_column_of_numeric_crm_ids_most_of_whose_values_the_crm_holds_is_read():
    crm = [{"Id": str(500 + n), "FirstName": FIRST[n % 12], "LastName": LAST[n % 9]} for n in range(PEOPLE)]
    inbound = [
        {"id": f"U{n}", "name": crm[n]["FirstName"].lower(), "hubspot_id": crm[n]["Id"]} for n in range(20)
    ]
    assert _detected(crm, inbound, "hubspot_id").used


# -- the offline run -------------------------------------------------------------------------------------


def test_the_cli_links_handles_by_the_stored_id_and_says_so(db, tmp_path, capsys):
    crm = crm_contacts()
    results = link(tmp_path, crm, desk_users(crm))
    told = capsys.readouterr().err
    assert any(line.startswith("external_id:") and "read as the CRM id" in line for line in told.splitlines())
    for number, person in enumerate(crm[:20]):
        assert (results[f"U{number}"]["decision"], results[f"U{number}"]["crm_id"]) == (
            "matched",
            person["Id"],
        )


def test_a_successor_with_another_full_name_is_not_linked_to_the_stored_id(db, tmp_path):
    crm = crm_contacts()
    results = link(tmp_path, crm, desk_users(crm))
    for successor, predecessor in (("S1", crm[20]), ("S2", crm[21])):
        assert results[successor]["decision"] != "matched"
        assert f"in column 'external_id' names CRM record {predecessor['Id']}" in results[successor]["notes"]
        assert "a record of someone else" in results[successor]["notes"]


def test_other_systems_ids_in_the_column_say_nothing(db, tmp_path):
    crm = crm_contacts()
    results = link(tmp_path, crm, desk_users(crm))
    for other in ("C1", "C2"):
        assert results[other]["decision"] != "matched" and "CRM id" not in results[other]["notes"]


def test_the_column_is_not_read_without_enough_ids_or_when_ignored(db, tmp_path, capsys):
    crm = crm_contacts()
    results = link(tmp_path, crm, desk_users(crm), attribute=["external_id=ignore"])
    assert "read as the CRM id" not in capsys.readouterr().err
    assert results["U1"]["decision"] != "matched"


def test_the_column_can_be_declared_as_crm_ids(db, tmp_path, capsys):
    crm = crm_contacts()
    inbound = desk_users(crm)[:3]  # too few to be found in the data
    results = link(tmp_path, crm, inbound, attribute=["external_id=crm_id"])
    assert (results["U1"]["decision"], results["U1"]["crm_id"]) == ("matched", crm[1]["Id"])


def test_the_absolute_crm_id_column_outranks_a_stored_id(db, tmp_path):
    crm = crm_contacts()
    inbound = [{**row, "crm_id": ""} for row in desk_users(crm)]
    inbound[1]["crm_id"] = crm[25]["Id"]  # the CRM's own id says another record: it decides
    results = link(tmp_path, crm, inbound)
    assert (results["U1"]["decision"], results["U1"]["crm_id"]) == ("matched", crm[25]["Id"])
