"""Identity on record sets nobody on the project wrote: Splink's own demonstration data sets, as its documentation
links them (`splink_datasets`, MIT licence; the files are in `benchmarks/data/splink_datasets/`, see SOURCE.md
there, because Splink downloads them on first use and this machine reaches no such address).

    python benchmarks/identity_splink_datasets.py [--only historical_50k|fake_1000] [--seed 7] [--skip-splink]
                                                  [--keep DIR] [--examples 10]

- `historical_50k`: 50,578 records of 5,156 people taken from Wikidata, with errors put in by Splink's team:
  nicknames and initials for first names ("tom", "j."), a title for one ("sir"), a middle name for the surname,
  a missing surname with the surname moved to the first name, typos and OCR slips ("6homas", "tjomas"), dates
  of birth a digit off or impossible ("1856-83-20"), another postcode, missing values everywhere.
  Columns: `first_name`, `surname`, `dob`, `birth_place`, `postcode_fake`, `gender`, `occupation`.
- `fake_1000`: 1,000 records of 251 people from Splink's tutorials: `first_name`, `surname`, `dob`, `city`,
  `email`, with typos in every field (in the email too), first and last names swapped, missing values.

**The CRM side is a HubSpot contacts export** by property name: `hs_object_id`, `firstname`, `lastname`,
`date_of_birth`, `zip` (the postcode), `city`, `email`, `jobtitle` (the occupation), and the data set's other
columns as custom properties (`birth_place`, `gender`). It holds, of each person it knows, the record with the
most values (the first of those in the data set's order): what a CRM keeps is the maintained record.
**The inbound side** is a partner's file with the resolver's documented column names (`external_id`,
`first_name`, `last_name`, `date_of_birth`, `postcode`, `city`, `email`, `occupation`, `birth_place`,
`gender`), in a seeded shuffle. Categories (ground truth from the data set's `cluster`):
- `in_crm`: another record of a person the CRM holds once.
- `crm_duplicates`: another record of a person the CRM holds twice (a duplicate inside the CRM: a tie for review).
- `not_in_crm`: a record of a person the CRM does not hold (any link is wrong). A fifth of the people are left out
  of the CRM; of the people with one record (fake_1000 only), half are in the CRM alone and half inbound alone.

Ours runs the offline CLI with no setup (`crmhub`) and told that `birth_place` is text to compare
(`crmhub+attr`, `--attribute birth_place=text`). Splink runs beside ours with the settings of its own example for
each set: `historical_50k` as `docs/demos/examples/duckdb/deduplicate_50k_synthetic` sets it (forename and
surname compared together with term frequencies, date of birth, postcode, birth place and occupation exact with
term frequencies; its ten blocking rules; the deterministic rules at recall 0.6; EM blocked on first name and
surname, then on date of birth, without term frequencies) and `fake_1000` as its tutorial does (first name and
surname by `NameComparison`, date of birth, city and email, city with term frequencies; EM on first and last
name, then on date of birth), each as a link between the two files.
"""

import argparse
import os
import random
import tempfile
from pathlib import Path

import identity_febrl
from identity_django import setup_django
from identity_quality import read_truth, report, run_identity_link, run_splink

DATA = Path(__file__).resolve().parent / "data" / "splink_datasets"
FILES = {"historical_50k": "historical_figures_with_errors_50k.parquet", "fake_1000": "fake_1000.csv"}
DEFAULT_SEED = 7
LEFT_OUT = 0.2  # the share of people the CRM does not hold
CRM_DUPLICATED = 0.05  # the share of the held people with three or more records that the CRM holds twice

CRM_COLUMNS = [
    "hs_object_id", "firstname", "lastname", "date_of_birth", "zip", "city", "email", "jobtitle", "birth_place",
    "gender",
]  # fmt: skip
INBOUND_COLUMNS = [
    "external_id", "first_name", "last_name", "date_of_birth", "postcode", "city", "email", "occupation",
    "birth_place", "gender",
]  # fmt: skip
FIELDS = (
    "first_name", "surname", "dob", "postcode_fake", "city", "email", "occupation", "birth_place", "gender",
)  # fmt: skip


def records_of(name: str) -> list[dict]:
    """The data set's rows as text (a missing value as ""), in the data set's order."""
    import duckdb

    relation = duckdb.sql(f"SELECT * FROM '{DATA / FILES[name]}'")
    columns = relation.columns
    return [
        {column: "" if value is None else str(value) for column, value in zip(columns, row, strict=True)}
        for row in relation.fetchall()
    ]


def people_of(records: list[dict]) -> dict[str, list[dict]]:
    people: dict[str, list[dict]] = {}
    for record in records:
        people.setdefault(record["cluster"], []).append(record)
    return people


def most_complete(versions: list[dict]) -> dict:
    return max(versions, key=lambda record: sum(bool(record.get(field)) for field in FIELDS))


def crm_row(record: dict, crm_id: str) -> dict:
    return {
        "hs_object_id": crm_id,
        "firstname": record.get("first_name", ""),
        "lastname": record.get("surname", ""),
        "date_of_birth": record.get("dob", ""),
        "zip": record.get("postcode_fake", ""),
        "city": record.get("city", ""),
        "email": record.get("email", ""),
        "jobtitle": record.get("occupation", ""),
        "birth_place": record.get("birth_place", ""),
        "gender": record.get("gender", ""),
    }


def inbound_row(record: dict, external_id: str) -> dict:
    return {
        "external_id": external_id,
        "first_name": record.get("first_name", ""),
        "last_name": record.get("surname", ""),
        "date_of_birth": record.get("dob", ""),
        "postcode": record.get("postcode_fake", ""),
        "city": record.get("city", ""),
        "email": record.get("email", ""),
        "occupation": record.get("occupation", ""),
        "birth_place": record.get("birth_place", ""),
        "gender": record.get("gender", ""),
    }


def file_pair(name: str, seed: int) -> tuple[list[dict], list[tuple[dict, str, tuple[str, ...]]]]:
    """The CRM's rows and the inbound cases (record, category, the CRM ids holding its person)."""
    rng = random.Random(f"{name}-{seed}")
    crm, cases = [], []
    next_id = iter(range(61_000_001, 70_000_000))
    for _, versions in sorted(people_of(records_of(name)).items()):
        if len(versions) == 1:
            if rng.random() < 0.5:
                crm.append(crm_row(versions[0], str(next(next_id))))
            else:
                cases.append((versions[0], "not_in_crm", ()))
            continue
        if rng.random() < LEFT_OUT:
            cases.append((rng.choice(versions), "not_in_crm", ()))
            continue
        held = most_complete(versions)
        others = [record for record in versions if record is not held]
        ids = [str(next(next_id))]
        crm.append(crm_row(held, ids[0]))
        if len(others) >= 2 and rng.random() < CRM_DUPLICATED:
            second = others.pop(rng.randrange(len(others)))
            ids.append(str(next(next_id)))
            crm.append(crm_row(second, ids[1]))
        cases.append((rng.choice(others), "crm_duplicates" if len(ids) == 2 else "in_crm", tuple(ids)))
    rng.shuffle(cases)
    return crm, cases


def write_files(directory: Path, name: str, crm: list[dict], cases) -> dict:
    return identity_febrl.write_files(
        directory,
        name,
        crm,
        cases,
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_row=inbound_row,
    )


# Splink reads both files back under the data set's own column names, as its examples load them.
SPLINK_SQL = {
    "crm": """
        SELECT "hs_object_id" AS unique_id,
               nullif(trim("firstname"), '') AS first_name, nullif(trim("lastname"), '') AS surname,
               nullif(trim("firstname"), '') || ' ' || nullif(trim("lastname"), '') AS first_name_surname_concat,
               nullif(trim("date_of_birth"), '') AS dob, nullif(trim("zip"), '') AS postcode_fake,
               nullif(trim("city"), '') AS city, nullif(trim("email"), '') AS email,
               nullif(trim("jobtitle"), '') AS occupation, nullif(trim("birth_place"), '') AS birth_place
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "external_id" AS unique_id,
               nullif(trim("first_name"), '') AS first_name, nullif(trim("last_name"), '') AS surname,
               nullif(trim("first_name"), '') || ' ' || nullif(trim("last_name"), '') AS first_name_surname_concat,
               nullif(trim("date_of_birth"), '') AS dob, nullif(trim("postcode"), '') AS postcode_fake,
               nullif(trim("city"), '') AS city, nullif(trim("email"), '') AS email,
               nullif(trim("occupation"), '') AS occupation, nullif(trim("birth_place"), '') AS birth_place
        FROM read_csv('{path}', all_varchar = true)
    """,
}


def splink_historical_model():
    """The settings and training of Splink's `deduplicate_50k_synthetic` example, as a link between two files."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("substr(first_name,1,3)", "substr(surname,1,4)"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("postcode_fake", "first_name"),
            block_on("postcode_fake", "surname"),
            block_on("dob", "birth_place"),
            block_on("substr(postcode_fake,1,3)", "dob"),
            block_on("substr(postcode_fake,1,3)", "first_name"),
            block_on("substr(postcode_fake,1,3)", "surname"),
            block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname_concat"
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    deterministic = [
        block_on("first_name", "surname", "dob"),
        block_on("substr(first_name,1,2)", "surname", "substr(postcode_fake,1,2)"),
        block_on("dob", "postcode_fake"),
    ]
    em_rules = [block_on("first_name", "surname"), block_on("dob")]
    return settings, em_rules, deterministic, 0.6, {"estimate_without_term_frequencies": True}


def splink_fake_1000_model():
    """The settings and training of Splink's tutorial on `fake_1000`, as a link between two files."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "city"),
            block_on("surname"),
            block_on("dob"),
            block_on("email"),
        ],
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    deterministic = [block_on("first_name", "surname", "dob"), block_on("email")]
    em_rules = [block_on("first_name", "surname"), block_on("dob")]
    return settings, em_rules, deterministic, 0.7, {}


SPLINK_MODELS = {"historical_50k": splink_historical_model, "fake_1000": splink_fake_1000_model}
CLI_OPTIONS = ["--provider", "hubspot", "--object", "contacts", "--kind", "person"]
CLI_ATTRIBUTE_OPTIONS = [*CLI_OPTIONS, "--attribute", "birth_place=text"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=list(FILES), action="append", help="Run these sets (repeatable).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-splink-datasets-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"identity-splink-datasets-{os.getpid()}.sqlite3")
    for name in args.only or list(FILES):
        crm, cases = file_pair(name, args.seed)
        paths = write_files(directory, name, crm, cases)
        truth = read_truth(paths["truth"])
        runs = [
            run_identity_link(paths, CLI_OPTIONS),
            run_identity_link(paths, CLI_ATTRIBUTE_OPTIONS, tool="crmhub+attr", suffix=".attribute.csv"),
        ]
        if not args.skip_splink:
            runs.append(run_splink(paths, kind="person", sql=SPLINK_SQL, model=SPLINK_MODELS[name]))
        title = (
            f"{name} (HubSpot contacts <- Splink's data set), seed {args.seed}: {len(crm)} CRM records, "
            f"{len(truth)} inbound"
        )
        report(title, truth, runs, args.examples, table_all=True)
    print(f"\nfiles in {directory}")


if __name__ == "__main__":
    main()
