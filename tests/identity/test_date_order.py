"""A US export writes a date of birth month first ("3/4/1985" is March 4th), a European one day first, a CRM's
API or a HubSpot export as ISO 8601. A file's own dates say which it is (a day over 12 can only be read one way),
and a file of dates that could each be either is read as the other file of the pair: read the other way, one
date in three agrees with the person's own only by chance and another's exactly. None of these tests reads an
outside file."""

import csv
import datetime as dt
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from identity_app import csv_io, normalise_text
from identity_app.forms import ValidationRunForm

FIRST_NAMES = [
    "james",
    "mary",
    "robert",
    "patricia",
    "john",
    "jennifer",
    "michael",
    "linda",
    "david",
    "elizabeth",
    "william",
    "barbara",
    "richard",
    "susan",
    "joseph",
    "jessica",
]
LAST_NAMES = [
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "rodriguez",
    "martinez",
    "wilson",
    "anderson",
    "taylor",
    "moore",
    "jackson",
    "white",
]
CITIES = ["Austin", "Denver", "Boston", "Chicago", "Seattle", "Portland"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("3/4/1985", "1985-03-04"),
        ("12/25/1990", "1990-12-25"),
        ("03-04-1985", "1985-03-04"),
        (" 3/4/1985 ", "1985-03-04"),
        ("2/30/1985", "2/30/1985"),  # no such day: left for `date` to refuse
        ("1985-03-04", "1985-03-04"),
        ("4 March 1985", "4 March 1985"),
    ],
)
def test_a_date_written_month_first_is_handed_on_as_iso(written, read):
    assert normalise_text.month_first_iso(written) == read


def _order(*dates: str) -> bool | None:
    order = csv_io.DayMonthOrder(["Id", "Birthdate"])
    for written in dates:
        order.add(["1", written])
    return order.written_month_first


def test_a_files_dates_say_which_comes_first():
    assert _order("3/4/1985", "12/25/1990") is True
    assert _order("3/4/1985", "25/12/1990") is False
    assert _order("3/4/1985", "4/3/1990") is None  # each could be either
    assert _order("1985-03-04", "") is False  # never written day and month first: nothing to read otherwise


def test_a_typo_among_many_does_not_turn_a_files_order_but_two_ways_of_writing_read_day_first():
    us_dates = [f"{month}/{day}/1980" for month in range(1, 13) for day in (13, 20, 28)]
    assert _order(*us_dates, "14/3/1981") is True
    assert _order(*us_dates[:10], *[f"{day}/5/1980" for day in (13, 20, 28)]) is False


def test_only_the_birth_date_columns_are_read():
    order = csv_io.DayMonthOrder(["Id", "Created Date", "Birthdate"])
    order.add(["1", "12/25/2024", "1/2/1985"])
    assert (order.month_first, order.written_month_first) == (0, None)


def _people(count: int = 240) -> list[tuple[str, str, dt.date, str]]:
    rng = random.Random(31)
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    return [
        (first.title(), last.title(), dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18_000)), city)
        for (first, last), city in zip(pairs[:count], (rng.choice(CITIES) for _ in range(count)), strict=True)
    ]


def _write(path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _us(born: dt.date) -> str:
    return f"{born.month}/{born.day}/{born.year}"


def _link(tmp_path, inbound_rows, crm_rows, capsys) -> tuple[list[tuple[str, str, str, str]], str]:
    _write(tmp_path / "in.csv", ["external_id", "first_name", "last_name", "birthdate", "city"], inbound_rows)
    _write(tmp_path / "crm.csv", ["Record ID", "First Name", "Last Name", "Date of birth", "City"], crm_rows)
    call_command(
        "identity_link",
        str(tmp_path / "in.csv"),
        mirror_csv=str(tmp_path / "crm.csv"),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        train=True,
        progress=False,
        out=str(tmp_path / "results.csv"),
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        results = [(r["external_id"], r["decision"], r["crm_id"], r["score"]) for r in csv.DictReader(handle)]
    return results, capsys.readouterr().err


def test_a_us_export_against_an_iso_crm_decides_as_the_iso_file_does(db, tmp_path, capsys):
    people = _people()
    crm = [
        (1000 + n, first, last, born.isoformat(), city) for n, (first, last, born, city) in enumerate(people)
    ]
    inbound = [(f"e{n}", first, last, born, city) for n, (first, last, born, city) in enumerate(people[:120])]
    as_iso, _ = _link(tmp_path, [(*row[:3], row[3].isoformat(), row[4]) for row in inbound], crm, capsys)
    as_us, said = _link(tmp_path, [(*row[:3], _us(row[3]), row[4]) for row in inbound], crm, capsys)
    ambiguous = sum(1 for row in inbound if row[3].day <= 12 and row[3].day != row[3].month)
    assert ambiguous > 20  # read day first, these would be other dates
    assert as_us == as_iso
    assert "in.csv: dates of birth read month first:" in said
    assert "crm.csv: dates of birth" not in said  # ISO dates: nothing to read either way


def test_a_file_whose_dates_could_each_be_either_is_read_as_the_other_file(db, tmp_path, capsys):
    people = _people()
    either = [person for person in people if person[2].day <= 12 and person[2].day != person[2].month]
    crm_iso = [
        (1000 + n, first, last, born.isoformat(), city) for n, (first, last, born, city) in enumerate(people)
    ]
    crm_us = [(*row[:3], _us(people[n][2]), row[4]) for n, row in enumerate(crm_iso)]
    inbound = [(f"e{n}", first, last, born, city) for n, (first, last, born, city) in enumerate(either)]
    as_iso, _ = _link(tmp_path, [(*row[:3], row[3].isoformat(), row[4]) for row in inbound], crm_iso, capsys)
    as_us, said = _link(tmp_path, [(*row[:3], _us(row[3]), row[4]) for row in inbound], crm_us, capsys)
    assert "in.csv: dates of birth read month first, as the other file's." in said
    assert "crm.csv: dates of birth read month first:" in said
    assert as_us == as_iso


def test_a_european_export_is_still_read_day_first(db, tmp_path, capsys):
    people = _people()
    crm = [
        (1000 + n, first, last, born.isoformat(), city) for n, (first, last, born, city) in enumerate(people)
    ]
    inbound = [
        (f"e{n}", first, last, born.strftime("%d/%m/%Y"), city)
        for n, (first, last, born, city) in enumerate(people)
    ]
    as_iso, _ = _link(tmp_path, [(*row[:3], row[3], row[4]) for row in crm], crm, capsys)
    results, said = _link(tmp_path, inbound, crm, capsys)
    assert "month first" not in said
    assert [row[1:] for row in results] == [row[1:] for row in as_iso]


def test_the_upload_reads_a_us_exports_dates_month_first_and_says_so(flow):
    text = "Record ID,First Name,Last Name,Birthdate\nL1,Ann,Lee,3/4/1985\nL2,Bo,Kim,12/25/1990\n"
    form = ValidationRunForm(
        {"flow": flow.pk, "sample_size": 10},
        {"csv_file": SimpleUploadedFile("in.csv", text.encode(), content_type="text/csv")},
    )
    assert form.is_valid(), form.errors
    assert [record["attributes"]["Birthdate"] for record in form.inbound_file()] == [
        "1985-03-04",
        "1990-12-25",
    ]
    assert any("dates of birth read month first" in warning for warning in form.warnings)
