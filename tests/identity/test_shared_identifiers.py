"""An offline run compares a column both files share as an identifier only when the data shows it is one
(`identity_app.shared_identifiers`): a member number with typos qualifies; a row number, a timestamp, another
system's customer numbers, a country code, a status and a household number do not."""

import csv
import random

import pytest
from django.core.management import call_command

from identity_app import shared_identifiers
from identity_app.attributes import EntityKind

FIRST = [
    "Hannah", "Oscar", "Mia", "Liam", "Chloe", "Noah", "Ella", "Jack", "Ruby", "Lucas", "Zoe", "Ethan",
    "Isla", "Mason", "Grace", "Logan", "Ivy", "Harvey", "Freya", "Archie",
]  # fmt: skip
LAST = [
    "Mihal", "Bitmead", "Papadopoulos", "Okafor", "Lindqvist", "Brennan", "Castellano", "Nakamura", "Dubois",
    "Kowalczyk", "Fitzgerald", "Haddad", "Sorensen", "Whitlock", "Abernathy", "Quispe", "Van Dijk", "Moreau",
    "Szabo", "Eriksen",
]  # fmt: skip
PEOPLE = 80


def _typo(text: str, rng: random.Random) -> str:
    """One letter of a word doubled: a typo, not another name."""
    at = rng.randrange(1, len(text))
    return text[:at] + text[at - 1] + text[at:]


def _digit_off(number: str, rng: random.Random) -> str:
    at = rng.randrange(len(number))
    return number[:at] + str((int(number[at]) + 1) % 10) + number[at + 1 :]


def file_pair(seed: int = 7):
    """A CRM export of `PEOPLE` people and an inbound file of the same people in another order, each with a
    typo now and then; both files carry the shared columns the tests weigh."""
    rng = random.Random(seed)
    people = []
    for number in range(PEOPLE):
        people.append(
            {
                "first": FIRST[number % len(FIRST)],
                "last": LAST[(number * 7 + number // len(FIRST)) % len(LAST)],
                "born": f"19{rng.randrange(50, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
                "member_no": str(rng.randrange(10_000_000, 99_999_999)),
            }
        )
    order = list(range(PEOPLE))
    rng.shuffle(order)
    crm = [
        {
            "hs_object_id": str(500 + number),
            "firstname": person["first"],
            "lastname": person["last"],
            "date_of_birth": person["born"],
            "member_no": person["member_no"],
            "row": str(number + 1),
            "created_at": f"2024-03-{1 + number % 28:02d}T10:{number % 60:02d}:00Z",
            "customer_no": str(1000 + number),
            "nationality": rng.choice(["AU", "NZ", "GB"]),
            "status": rng.choice(["lead", "customer", "churned"]),
            # A household's number: the CRM holds one member of each household, the inbound file another.
            "household_id": f"H{number:04d}",
        }
        for number, person in enumerate(people)
    ]
    inbound = []
    for position, number in enumerate(order):
        person = people[number]
        first, last = person["first"], person["last"]
        if position % 6 == 1:
            first = _typo(first, rng)
        if position % 6 == 3:
            last = _typo(last, rng)
        member_no = _digit_off(person["member_no"], rng) if position % 10 == 5 else person["member_no"]
        relative = FIRST[(number + 7) % len(FIRST)]
        inbound.append(
            {
                "external_id": f"in-{position}",
                "first_name": first,
                "last_name": last,
                "date_of_birth": person["born"],
                "member_no": member_no,
                "row": str(position + 1),
                "created_at": f"2025-07-{1 + position % 28:02d}T08:{position % 60:02d}:30Z",
                "customer_no": str(1000 + position),
                "nationality": rng.choice(["AU", "NZ", "GB"]),
                "status": rng.choice(["lead", "customer", "churned"]),
                "household_id": f"H{number:04d}",
                # the household's other member: same surname, another first name and birth year
                "relative_first_name": relative,
            }
        )
    return crm, inbound


def weighed(crm_rows, inbound_rows, kind=EntityKind.PERSON, **households):
    """The candidate columns weighed on the two files' rows, as `identity_link` reads them."""
    inbound_records = [
        {
            "external_id": row["external_id"],
            "attributes": {k: v for k, v in row.items() if k != "external_id"},
        }
        for row in inbound_rows
    ]
    crm_records = [
        {"id": row["hs_object_id"], "values": {k: v for k, v in row.items() if k != "hs_object_id"}}
        for row in crm_rows
    ]
    shared = sorted(set(crm_rows[0]) & set(inbound_rows[0]) - {"external_id", "hs_object_id"})
    columns = shared_identifiers.candidates(shared, shared)
    shared_identifiers.detect(columns, iter(inbound_records), lambda: iter(crm_records), kind)
    return {column.crm_label: column for column in columns}


def test_a_shared_member_number_with_typos_qualifies():
    """One inbound record in ten has a digit of it mistyped (no join), and names carry typos: the joined pairs
    are still evidently the same people."""
    crm, inbound = file_pair()
    member = weighed(crm, inbound)["member_no"]
    assert member.used, member.verdict
    assert member.joined == PEOPLE - PEOPLE // 10
    assert "one value per CRM record" in member.verdict


@pytest.mark.parametrize(
    ("column", "why"),
    [
        ("row", "different people"),  # 1..N in both files, in another order: pairs strangers
        ("customer_no", "different people"),  # another system's numbers overlapping the CRM's
        ("created_at", "too few to tell"),  # each file's own timestamps: nothing joins
        ("nationality", "names groups"),  # a country code: held by many CRM records
        ("status", "names groups"),
    ],
)
def test_columns_that_are_not_identifiers_fail(column, why):
    crm, inbound = file_pair()
    verdict = weighed(crm, inbound)[column]
    assert not verdict.used
    assert why in verdict.verdict


def test_a_household_number_pairs_relatives_not_the_same_person():
    """The CRM holds one member of each household, the inbound file another: the same surname, another first
    name and birth date. Unique in the CRM and joining every record, it still fails: relatives are not one
    person."""
    crm, inbound = file_pair()
    for row in inbound:
        row["first_name"] = row["relative_first_name"]
        row["date_of_birth"] = "2001-01-01"
    household = weighed(crm, inbound)["household_id"]
    assert household.joined == PEOPLE
    assert not household.used and "different people" in household.verdict


def test_an_account_number_the_inbound_file_gives_colleagues_names_groups():
    """A people file's account number: the CRM holds one contact per account and the inbound file the same
    people, so nine joined pairs in ten agree; but the inbound file also holds colleagues at eight of the
    accounts, who share their account's number with another person: a group's number, not a person's."""
    crm, inbound = file_pair()
    for row in crm:
        row["account_no"] = f"ACC-{row['hs_object_id']}"
    by_number = {row["member_no"]: row for row in crm}
    for row in inbound:
        person = by_number.get(row["member_no"])
        row["account_no"] = f"ACC-{person['hs_object_id']}" if person else ""
    colleagues = [
        dict(
            row, external_id=f"col-{n}", first_name="Brigid", last_name=f"Oyelaran{'x' * n}", date_of_birth=""
        )
        for n, row in enumerate([row for row in inbound if row["account_no"]][:8])
    ]
    verdict = weighed(crm, inbound + colleagues)["account_no"]
    assert not verdict.used and "with records of someone else" in verdict.verdict
    assert weighed(crm, inbound)["account_no"].used  # without the colleagues the data cannot tell


def test_the_crm_own_duplicates_sharing_a_number_keep_it_unique():
    """A CRM that holds one person twice holds their number twice: the value still names one person."""
    crm, inbound = file_pair()
    duplicates = [dict(row, hs_object_id=f"9{row['hs_object_id']}") for row in crm[:20]]
    member = weighed(crm + duplicates, inbound)["member_no"]
    assert member.used, member.verdict
    assert member.crm_duplicates == 40


def test_a_number_both_files_hold_in_aligned_rows_of_other_people_fails():
    """The strongest trap: row numbers where both files list people in one order, but not the same people."""
    crm, inbound = file_pair()
    for position, row in enumerate(inbound):
        row["row"] = str(position + 1)
    rotated = crm[1:] + crm[:1]
    for position, row in enumerate(rotated):
        row["row"] = str(position + 1)
    assert not weighed(rotated, inbound)["row"].used


def test_organisations_agree_by_company_name():
    crm = [
        {"hs_object_id": str(n), "name": f"{LAST[n % 20]} {FIRST[n // 20]} Holdings", "reg_no": f"AB{n:06d}"}
        for n in range(60)
    ]
    inbound = [
        {
            "external_id": f"e{n}",
            "company_name": f"{LAST[n % 20]} {FIRST[n // 20]} Holdings Ltd",
            "reg_no": f"AB{n:06d}",
        }
        for n in range(60)
    ]
    assert weighed(crm, inbound, EntityKind.ORGANISATION)["reg_no"].used
    shifted = [dict(row, reg_no=f"AB{(n + 1) % 60:06d}") for n, row in enumerate(inbound)]
    assert not weighed(crm, shifted, EntityKind.ORGANISATION)["reg_no"].used


def test_headers_are_matched_as_written_differently():
    columns = shared_identifiers.candidates(["Member No", "notes"], ["member_no", "Notes", "notes "])
    assert [(c.crm_label, c.inbound_label) for c in columns] == [("member_no", "Member No")]


# -- the offline CLI -------------------------------------------------------------------------------------------


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def link(tmp_path, crm, inbound, **options):
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(write(tmp_path / "in.csv", inbound)),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        mirror_csv=str(write(tmp_path / "crm.csv", crm)),
        out=str(out),
        progress=False,
        **options,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}


def mistyped_pair():
    """The file pair with no birth dates, the member number written with separators, and, on two records in
    three, both names mistyped (as "Hanah Mikhal" for Hannah Mihal); the rest as the CRM writes them."""
    crm, inbound = file_pair()
    by_number = {row["member_no"]: row for row in crm}
    mistyped = []
    for position, row in enumerate(inbound):
        row["date_of_birth"] = ""
        person = by_number.get(row["member_no"])
        row["member_no"] = f"{row['member_no'][:4]}-{row['member_no'][4:]}"
        if person is None:
            continue  # its number mistyped
        row["first_name"], row["last_name"] = person["firstname"], person["lastname"]
        if position % 3:
            row["first_name"] = row["first_name"][0] + row["first_name"][2:]
            row["last_name"] = (
                row["last_name"][:2] + row["last_name"][3] + row["last_name"][2] + row["last_name"][4:]
            )
            mistyped.append(row["external_id"])
    return crm, inbound, mistyped


def test_the_offline_cli_compares_a_shared_identifier_and_says_so(db, tmp_path, capsys):
    crm, inbound = file_pair()
    link(tmp_path, crm, inbound)
    told = capsys.readouterr().err
    said = [line for line in told.splitlines() if line.startswith("member_no:")]
    assert len(said) == 1 and "compared as an identifier" in said[0] and "=ignore" in said[0]
    assert "row: in both files but not compared" in told
    assert "status: in both files but not compared" in told
    reports = [line for line in told.splitlines() if "no built-in attribute reads" in line]
    assert reports and all("compared 'member_no' as identifier" in line for line in reports)
    assert not any("'member_no'" in line.split("no built-in attribute reads")[1] for line in reports)


def test_the_offline_cli_links_by_a_shared_identifier_its_other_attributes_could_not(db, tmp_path, capsys):
    crm, inbound, mistyped = mistyped_pair()
    off = link(tmp_path, crm, inbound, shared_identifiers=False)
    assert "member_no:" not in capsys.readouterr().err
    on = link(tmp_path, crm, inbound)
    assert "compared as an identifier" in capsys.readouterr().err
    found_off = sum(bool(off[external_id]["candidate_1"]) for external_id in mistyped)
    found_on = sum(bool(on[external_id]["candidate_1"]) for external_id in mistyped)
    assert found_on == len(mistyped) > found_off


def test_an_ignored_column_is_not_weighed(db, tmp_path, capsys):
    crm, inbound = file_pair()
    link(tmp_path, crm, inbound, attribute=["member_no=ignore"])
    told = capsys.readouterr().err
    assert "member_no:" not in told and "as ignore" not in told
    assert "row: in both files but not compared" in told
