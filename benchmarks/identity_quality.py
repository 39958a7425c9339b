"""Matching quality, category by category, against Splink on the same generated files in the same run.

    python benchmarks/identity_quality.py [--people 20000] [--inbound 5000] [--orgs 4000] [--org-inbound 1200]
                                          [--workers 1,2]
                                          [--seed N] [--skip-splink] [--keep DIR]

Writes a CRM export, an inbound file and the ground truth for people (`identity_data.person_cases`) and for
organisations (`identity_data.organisation_cases`) as CSV files (deterministic seeds), then links the inbound
file to the CRM export with our resolver (the `identity_link` command: mirror load, `--train`, resolve) and
with Splink (DuckDB backend, link_only, its documented person-data settings: comparison library levels,
u estimated by random sampling, then EM sessions on two blocking rules; Splink auto-links at p >= 0.99).

Per category and tool it prints: wrong auto-links (linked to a record that is not the truth), recall (right
auto-links / records that are in the CRM), review count (records not auto-linked), top-3 hit rate (records
not auto-linked whose true record is among the three best candidates) and, per file pair, the wall time.
Splink needs the `bench` extra: pip install -e ".[bench]".
"""

import argparse
import csv
import logging
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from identity_data import organisation_cases, person_cases, write_case_files
from identity_django import setup_django

SPLINK_AUTO_LINK = 0.99
THREADS = 2


@dataclass
class Decision:
    """One tool's answer for one inbound record: the CRM id it linked to ("" when it stopped), and its
    ranked candidates (best first)."""

    linked: str = ""
    candidates: list[str] = field(default_factory=list)
    weight: float | None = None  # Splink's match weight of its best candidate (finer than p near 1)


@dataclass
class Run:
    tool: str
    decisions: dict[str, Decision]
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cpu: float = 0.0  # CPU seconds of this process and its children (workers, DuckDB's threads)


def _cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of its finished child processes."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class GeneratedCase:
    """One inbound row a generator wrote, its category and the CRM ids that are right for it."""

    category: str
    row: dict
    truth: tuple[str, ...] = ()
    external_id: str = ""  # given once the inbound file's order is settled


@dataclass
class GeneratedCases:
    """What `write_pair` writes: the CRM export's rows and the inbound cases."""

    crm_rows: list[dict] = field(default_factory=list)
    cases: list[GeneratedCase] = field(default_factory=list)

    @classmethod
    def shuffled(cls, rng, crm_rows: list[dict], cases: list[GeneratedCase]) -> "GeneratedCases":
        """The cases with a copy of the CRM rows in an order `rng` draws: an export is in no particular order."""
        rows = list(crm_rows)
        rng.shuffle(rows)
        return cls(crm_rows=rows, cases=cases)


def unused_value(make, used: set):
    """The first non-empty value `make()` gives that is not in `used`, added to it."""
    while True:
        value = make()
        if value and value not in used:
            used.add(value)
            return value


def write_pair(paths: dict, case_set, *, crm_columns, inbound_columns, inbound_id: str) -> dict:
    """A generated case set as the CRM export, the inbound file (each case under its id column) and the truth
    (`external_id`, `category`, the right CRM ids joined by "|"), UTF-8 with a comma."""
    with paths["crm"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=crm_columns)
        writer.writeheader()
        writer.writerows(case_set.crm_rows)
    with paths["inbound"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=inbound_columns)
        writer.writeheader()
        for item in case_set.cases:
            writer.writerow({inbound_id: item.external_id, **item.row})
    with paths["truth"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "category", "truth"])
        writer.writerows((c.external_id, c.category, "|".join(c.truth)) for c in case_set.cases)
    return paths


def run_identity_link(
    paths: dict,
    options: list[str],
    *,
    line_width: int = 400,
    tool: str = "crmhub",
    suffix: str = ".results.csv",
) -> Run:
    """`manage.py identity_link` on the pair in a child process, as a data engineer runs it (`options` name the
    provider, object, kind and id column); its last messages are shown and its results file (the inbound
    file's name with `suffix`) read back."""
    out = paths["inbound"].with_suffix(suffix)
    command = [
        sys.executable,
        str(Path(__file__).resolve().parent.parent / "manage.py"),
        "identity_link",
        str(paths["inbound"]),
        "--mirror-csv",
        str(paths["crm"]),
        *options,
        "--train",
        "--no-progress",
        "--out",
        str(out),
    ]
    started, cpu = time.perf_counter(), _cpu_seconds()
    root = Path(__file__).resolve().parent.parent
    finished = subprocess.run(command, cwd=root, env=os.environ.copy(), capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    for line in (finished.stdout + finished.stderr).splitlines()[-25:]:
        print(f"  | {line[:line_width]}")
    if finished.returncode:
        raise SystemExit(f"identity_link failed (exit code {finished.returncode})")
    decisions = {}
    with out.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            candidates = [row[f"candidate_{r}"].split(" ")[0] for r in (1, 2, 3) if row.get(f"candidate_{r}")]
            decisions[row["external_id"]] = Decision(
                row["crm_id"] if row["decision"] == "matched" else "", candidates
            )
    return Run(tool, decisions, seconds, cpu=cpu)


def read_truth(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["external_id"]: (row["category"], tuple(filter(None, row["truth"].split("|"))))
            for row in csv.DictReader(handle)
        }


# A Salesforce Account export as Splink reads it, standardised as `ORGANISATION_SQL` standardises companies (the
# sixth and ninth generators' CRM side).
SALESFORCE_ACCOUNT_SQL = """
        SELECT "Id" AS unique_id, {company}(strip_accents("Name")) AS name, {domain}("Website") AS domain,
               {phone}("Phone") AS phone, nullif(lower(strip_accents(trim("BillingCity"))), '') AS city,
               nullif(trim("BillingPostalCode"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """


def organisation_inbound_sql(
    id_column: str, name: str, domain: str, phone: str, city: str, postcode: str
) -> str:
    """An organisations inbound file as Splink reads it, standardised as `SALESFORCE_ACCOUNT_SQL` is, from its
    column names (the id column is filled in now, the standardising functions and the path later)."""
    return f"""
        SELECT "{id_column}" AS unique_id, {{company}}(strip_accents("{name}")) AS name,
               {{domain}}("{domain}") AS domain, {{phone}}("{phone}") AS phone,
               nullif(lower(strip_accents(trim("{city}"))), '') AS city, nullif(trim("{postcode}"), '') AS postcode
        FROM read_csv('{{path}}', all_varchar = true)
    """


# -- ours ---------------------------------------------------------------------------------------------------


def run_ours(paths: dict, *, kind: str, object_name: str, provider: str, workers: int = 1) -> Run:
    """The batch CLI on the file pair, no prior setup: it loads the export, fits and checks the model on the
    inbound file, and resolves. Candidates come from the results file, as a data engineer would read them.

    Each run is a fresh child process, as a command line run is: no run reads what another left in the
    normalisers' caches. Its time and CPU (its workers' included) are measured from here. The command's
    module is imported before the clock starts, as `run_splink` imports Splink before its clock: neither
    side's import is timed (both tools' libraries are imported by then; only a run's own work is)."""
    from django.core.management import load_command_class
    from django.db import connections

    load_command_class("identity_app", "identity_link")

    out = paths["inbound"].with_suffix(f".results-{workers}.csv")
    options = {
        "mirror_csv": str(paths["crm"]),
        "provider": provider,
        "object_name": object_name,
        "kind": kind,
        "train": True,
        "out": str(out),
        "workers": workers,
        "progress": True,
    }
    connections.close_all()  # the child opens its own
    child = multiprocessing.get_context("fork").Process(
        target=_link_file, args=(str(paths["inbound"]), options)
    )
    started, cpu = time.perf_counter(), _cpu_seconds()
    child.start()
    child.join()
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    if child.exitcode:
        raise SystemExit(f"identity_link failed (exit code {child.exitcode})")
    decisions = {}
    with out.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            candidates = [
                row[f"candidate_{rank}"].split(" ")[0] for rank in (1, 2, 3) if row[f"candidate_{rank}"]
            ]
            linked = row["crm_id"] if row["decision"] == "matched" else ""
            decisions[row["external_id"]] = Decision(linked, candidates)
    return Run("crmhub" if workers == 1 else f"crmhub-{workers}w", decisions, seconds, cpu=cpu)


def _link_file(inbound: str, options: dict) -> None:
    from django.core.management import call_command

    call_command("identity_link", inbound, stdout=sys.stderr, stderr=sys.stderr, **options)


# -- Splink ---------------------------------------------------------------------------------------------------

# Standardising the columns is the data preparation Splink's documentation asks for before linking.
PERSON_SQL = {
    "crm": """
        SELECT hs_object_id::VARCHAR AS unique_id,
               nullif(lower(trim(firstname)), '') AS first_name,
               nullif(lower(trim(lastname)), '') AS last_name,
               nullif(lower(trim(email)), '') AS email,
               {phone}(phone::VARCHAR) AS phone,
               {company}(company) AS company,
               nullif(trim(zip::VARCHAR), '') AS zip,
               nullif(lower(trim(city)), '') AS city,
               nullif(trim(date_of_birth::VARCHAR), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
        WHERE coalesce(deleted, '') = '' AND coalesce(merged_into, '') = ''
    """,
    "inbound": """
        SELECT external_id AS unique_id,
               nullif(lower(trim(first_name)), '') AS first_name,
               nullif(lower(trim(last_name)), '') AS last_name,
               nullif(regexp_replace(lower(trim(email)), '^mailto:', ''), '') AS email,
               {phone}(phone) AS phone,
               {company}(company) AS company,
               nullif(trim(zip), '') AS zip,
               nullif(lower(trim(city)), '') AS city,
               nullif(trim(date_of_birth), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}
ORGANISATION_SQL = {
    "crm": """
        SELECT Id AS unique_id, {company}(Name) AS name, {domain}(Website) AS domain,
               {phone}(Phone) AS phone, nullif(lower(trim(BillingCity)), '') AS city,
               nullif(trim(BillingPostalCode), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT external_id AS unique_id, {company}(name) AS name, {domain}(website) AS domain,
               {phone}(phone) AS phone, nullif(lower(trim(city)), '') AS city,
               nullif(trim(postcode), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
}
MACROS = (
    # digits only, without the North American country code
    "CREATE OR REPLACE MACRO clean_phone(p) AS nullif(regexp_replace(regexp_replace(coalesce(p, ''), "
    "'[^0-9]', '', 'g'), '^1([0-9]{10})$', '\\1'), '')",
    "CREATE OR REPLACE MACRO clean_company(c) AS nullif(trim(regexp_replace(regexp_replace(lower(coalesce(c, "
    "'')), '[,.]', ' ', 'g'), '\\s+(inc|incorporated|llc|ltd|corp|corporation|co|gmbh|sas|b v|pty ltd|kk)\\s*$', "
    "'')), '')",
    "CREATE OR REPLACE MACRO clean_domain(w) AS nullif(regexp_extract(lower(coalesce(w, '')), "
    "'^(?:https?://)?(?:www\\.)?([^/]+)', 1), '')",
)


def _splink_tables(con, paths: dict, sql: dict) -> None:
    for statement in MACROS:
        con.execute(statement)
    for name in ("crm", "inbound"):
        query = sql[name].format(
            path=paths[name], phone="clean_phone", company="clean_company", domain="clean_domain"
        )
        con.execute(f"CREATE OR REPLACE TABLE {name}_clean AS {query}")


def person_model_em_on_email():
    """`GeneratedSuite.splink_model` for a people file whose company is a poor EM block (colleagues dominate
    it): the person settings, EM sessions blocked on the full name and on the email."""
    from splink import block_on

    settings, (_, deterministic) = _person_settings()
    return settings, [block_on("first_name", "last_name"), block_on("email")], deterministic, 0.7, {}


def _person_settings():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("email"),
            block_on("phone"),
            block_on("first_name", "last_name"),
            block_on("last_name", "zip"),
            block_on("first_name", "zip"),
            block_on("last_name", "company"),
            block_on("substr(first_name, 1, 1)", "last_name", "city"),
            block_on("zip"),
            block_on("date_of_birth"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "last_name"),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.JaroWinklerAtThresholds("company", [0.95, 0.88]),
            cl.ExactMatch("zip"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
        ],
        retain_intermediate_calculation_columns=False,
    ), ([block_on("first_name", "last_name"), block_on("company")], [block_on("email")])


def _organisation_settings():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("domain"),
            block_on("phone"),
            block_on("name"),
            block_on("substr(name, 1, 6)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("domain"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    ), ([block_on("city"), block_on("domain")], [block_on("domain")])


def run_splink(paths: dict, *, kind: str, sql: dict | None = None, model=None) -> Run:
    """Splink on the pair. `model` (a callable) gives other settings than the kind's: (settings, EM blocking
    rules, deterministic rules, their recall, EM options), as a record set's own documented example sets it."""
    import duckdb
    from splink import DuckDBAPI, Linker

    started, cpu = time.perf_counter(), _cpu_seconds()
    con = duckdb.connect()
    con.execute(f"SET threads TO {THREADS}")
    _splink_tables(con, paths, sql or (ORGANISATION_SQL if kind == "organisation" else PERSON_SQL))
    recall, em_options = 0.7, {}
    if model is not None:
        settings, em_rules, deterministic, recall, em_options = model()
    else:
        settings, (em_rules, deterministic) = (
            _organisation_settings() if kind == "organisation" else _person_settings()
        )
    db_api = DuckDBAPI(connection=con)
    crm = db_api.register("crm_clean", dataset_display_name="crm")
    inbound = db_api.register("inbound_clean", dataset_display_name="inbound")
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = Linker([crm, inbound], settings, log_level=None)
    prepared = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    for rule in em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, **em_options)
    trained = time.perf_counter()
    predictions = linker.inference.predict()
    rows = con.execute(
        f"""
        SELECT CASE WHEN source_dataset_l = 'inbound' THEN unique_id_l ELSE unique_id_r END AS inbound_id,
               CASE WHEN source_dataset_l = 'inbound' THEN unique_id_r ELSE unique_id_l END AS crm_id,
               match_probability, match_weight
        FROM {predictions.physical_name}
        QUALIFY row_number() OVER (PARTITION BY inbound_id ORDER BY match_weight DESC, crm_id) <= 3
        ORDER BY inbound_id, match_weight DESC, crm_id
        """
    ).fetchall()
    finished = time.perf_counter()
    decisions: dict[str, Decision] = defaultdict(Decision)
    for inbound_id, crm_id, probability, weight in rows:
        decision = decisions[inbound_id]
        if not decision.candidates:
            decision.weight = weight
            if probability >= SPLINK_AUTO_LINK:
                decision.linked = crm_id
        decision.candidates.append(crm_id)
    con.close()
    phases = {"prepare": prepared - started, "train": trained - prepared, "predict": finished - trained}
    return Run("splink", dict(decisions), finished - started, phases, cpu=_cpu_seconds() - cpu)


# -- report ---------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    records: int = 0
    in_crm: int = 0
    linked: int = 0
    wrong: int = 0
    right: int = 0
    review: int = 0
    review_in_crm: int = 0
    top3: int = 0

    def add(self, truth: tuple[str, ...], decision: Decision) -> None:
        self.records += 1
        self.in_crm += bool(truth)
        if decision.linked:
            self.linked += 1
            if decision.linked in truth:
                self.right += 1
            else:
                self.wrong += 1
            return
        self.review += 1
        if truth:
            self.review_in_crm += 1
            self.top3 += any(candidate in truth for candidate in decision.candidates[:3])

    def cells(self) -> list[str]:
        recall = f"{self.right / self.in_crm:.3f}" if self.in_crm else "-"
        top3 = f"{self.top3 / self.review_in_crm:.3f}" if self.review_in_crm else "-"
        return [str(self.wrong), recall, str(self.review), top3]


def tallies(run: Run, truth: dict) -> dict[str, Tally]:
    result: dict[str, Tally] = defaultdict(Tally)
    for external_id, (category, true_ids) in truth.items():
        decision = run.decisions.get(external_id, Decision())
        result[category].add(true_ids, decision)
        result["all"].add(true_ids, decision)
    return result


def zero_error_point(run: Run, truth: dict) -> str:
    """Splink's recall at its own zero-error point: the lowest threshold on its best candidate's match
    weight at which it would still make no wrong auto-link (records at the weight of its first wrong link are
    left out with it), beside its recall at the p >= 0.99 it links at. Weights, not probabilities: many
    probabilities round to 1.0."""
    ranked = sorted(
        (
            (decision.weight, decision.candidates[0] in truth.get(external_id, ("", ()))[1])
            for external_id, decision in run.decisions.items()
            if decision.candidates and decision.weight is not None
        ),
        key=lambda entry: -entry[0],
    )
    first_wrong = next((weight for weight, right in ranked if not right), None)
    right = sum(1 for weight, ok in ranked if ok and (first_wrong is None or weight > first_wrong))
    in_crm = sum(1 for _, true_ids in truth.values() if true_ids)
    recall = right / in_crm if in_crm else 0.0
    threshold = "any" if first_wrong is None else f"match weight > {first_wrong:.2f}"
    return f"splink at its zero-error point ({threshold}): recall {recall:.3f} with 0 wrong"


def held_by_one(run: Run, truth: dict) -> str:
    """Recall on the records one CRM record holds, and how many records two or more CRM records hold (CRM
    duplicates of one person or company) the tool auto-linked: those are ties, which the issue sends to review
    (a link to either duplicate counts as right in the recall above)."""
    single = right = several = linked = 0
    for external_id, (_, true_ids) in truth.items():
        decision = run.decisions.get(external_id, Decision())
        if len(true_ids) == 1:
            single += 1
            right += decision.linked == true_ids[0]
        elif len(true_ids) > 1:
            several += 1
            linked += bool(decision.linked)
    recall = f"{right / single:.3f}" if single else "-"
    return (
        f"{run.tool}: recall {recall} on the {single:,} records one CRM record holds; auto-linked {linked:,} "
        f"of the {several:,} that two or more CRM records hold (ties)"
    )


def report(title: str, truth: dict, runs: list[Run], examples: int = 0, *, table_all: bool = False) -> None:
    """The quality table of the first of our runs and Splink's (our other runs, with other worker counts, are
    checked to decide every record the same; with `table_all` they are other configurations, each in the
    table), then every run's time, records/s and ratio to Splink's."""
    ours = [run for run in runs if run.tool != "splink"]
    splink = next((run for run in runs if run.tool == "splink"), None)
    tabled = [*(ours if table_all else ours[:1]), *([splink] if splink else [])]
    per_tool = {run.tool: tallies(run, truth) for run in tabled}
    categories = [*sorted({category for category, _ in truth.values()}), "all"]
    header = ["category", "records"]
    for run in tabled:
        header += [f"{run.tool} wrong", f"{run.tool} recall", f"{run.tool} review", f"{run.tool} top-3"]
    print(f"\n## {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for category in categories:
        row = [category, str(per_tool[tabled[0].tool][category].records)]
        for run in tabled:
            row += per_tool[run.tool][category].cells()
        print("| " + " | ".join(row) + " |")
    for run in tabled:
        print(held_by_one(run, truth))
    if splink:
        print(zero_error_point(splink, truth))
    for run in [] if table_all else ours[1:]:
        same = run.decisions == ours[0].decisions
        print(f"{run.tool} decides every record as {ours[0].tool} does: {'yes' if same else 'NO'}")
    for run in runs:
        phases = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in run.phases.items())
        rate = len(truth) / run.seconds if run.seconds else 0
        print(
            f"{run.tool}: {run.seconds:.1f}s for {len(truth)} inbound records ({rate:,.0f}/s), "
            f"{run.cpu:.1f}s of CPU{' — ' + phases if phases else ''}"
        )
    if splink:
        for run in ours:
            if run.seconds and run.cpu:
                print(
                    f"throughput ratio {run.tool}/splink: {splink.seconds / run.seconds:.2f}x "
                    f"(CPU: splink {splink.cpu:.1f}s / {run.tool} {run.cpu:.1f}s = {splink.cpu / run.cpu:.2f}x)"
                )
    print(f"load average: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    for run in runs:
        shown = 0
        for external_id, (category, true_ids) in truth.items():
            decision = run.decisions.get(external_id, Decision())
            if decision.linked and decision.linked not in true_ids and shown < examples:
                shown += 1
                print(
                    f"WRONG {run.tool} {category} {external_id}: linked {decision.linked}, truth {true_ids}"
                )


@dataclass
class GeneratedSuite:
    """One file pair a generator writes (CRM export, inbound file, truth), and how both tools read it."""

    name: str  # "people" or "organisations": the files' suffix and `--only`'s choice
    make: object  # (parsed arguments) -> the generator's case set
    crm_file: str  # the export's file name before the suffix ("salesforce" -> salesforce_people.csv)
    inbound_file: str
    crm_columns: list
    inbound_columns: list
    inbound_id: str
    cli_options: list  # identity_link's provider, object, kind (and id column) options
    splink_kind: str
    sql: dict
    source: str  # how the report's title names the pair
    # Splink's settings when the kind's do not suit the pair: () -> (settings, EM blocking rules, deterministic
    # rules, their recall, EM options), as `run_splink`'s `model`
    splink_model: object = None


def run_generated(
    prefix: str, suites: list[GeneratedSuite], *, seed: int, people: int, orgs: int, per_category: int = 30
) -> None:
    """A generator's command line: each suite written, run by ours (and Splink) and reported side by side."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=people)
    parser.add_argument("--orgs", type=int, default=orgs)
    parser.add_argument("--per-category", type=int, default=per_category)
    parser.add_argument(
        "--seed", type=int, default=seed, help="People from this seed, organisations from seed + 1."
    )
    parser.add_argument("--only", choices=[suite.name for suite in suites], help="Run one suite.")
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"{prefix}-{os.getpid()}.sqlite3")
    for suite in suites:
        if args.only and args.only != suite.name:
            continue
        case_set = suite.make(args)
        paths = {
            "crm": directory / f"{suite.crm_file}_{suite.name}.csv",
            "inbound": directory / f"{suite.inbound_file}_{suite.name}.csv",
            "truth": directory / f"truth_{suite.name}.csv",
        }
        write_pair(
            paths,
            case_set,
            crm_columns=suite.crm_columns,
            inbound_columns=suite.inbound_columns,
            inbound_id=suite.inbound_id,
        )
        truth = read_truth(paths["truth"])
        runs = [run_identity_link(paths, [*suite.cli_options, "--external-id-column", suite.inbound_id])]
        if not args.skip_splink:
            runs.append(run_splink(paths, kind=suite.splink_kind, sql=suite.sql, model=suite.splink_model))
        title = (
            f"{suite.name} ({suite.source}, seed {args.seed}): {len(case_set.crm_rows)} CRM records, "
            f"{len(truth)} inbound"
        )
        report(title, truth, runs, args.examples)
    print(f"\nfiles in {directory}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--inbound", type=int, default=5000)
    parser.add_argument("--orgs", type=int, default=4000)
    parser.add_argument("--org-inbound", type=int, default=1200)
    parser.add_argument(
        "--seed",
        type=int,
        help="Generate other record sets: people from this seed, organisations from seed + 1 "
        "(default: 13 and 17, the sets the README figures are from).",
    )
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[1, THREADS],
        help="Our runs, one per worker count, one after the other (default 1,2; Splink has 2 threads).",
    )
    parser.add_argument("--examples", type=int, default=5, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-quality-"))
    directory.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("IDENTITY_QUALITY_DIR", str(directory))
    setup_django(f"identity-quality-{os.getpid()}.sqlite3")  # a run of its own beside another

    people_seed, org_seed = (13, 17) if args.seed is None else (args.seed, args.seed + 1)
    suites = (
        (
            "people",
            person_cases(args.people, args.inbound, seed=people_seed),
            "person",
            "contacts",
            "hubspot",
        ),
        (
            "organisations",
            organisation_cases(args.orgs, args.org_inbound, seed=org_seed),
            "organisation",
            "Account",
            "salesforce",
        ),
    )
    # Every run of ours before any of Splink's: ours is a forked child, and a fork taken after DuckDB has
    # started its threads can crash (seen: SIGSEGV in the child before it printed anything).
    files = []
    for name, case_set, kind, object_name, provider in suites:
        paths = write_case_files(case_set, directory, name)
        runs = [
            run_ours(paths, kind=kind, object_name=object_name, provider=provider, workers=workers)
            for workers in args.workers
        ]
        files.append((f"{name}: {len(case_set.crm_rows)} CRM records", paths, kind, runs))
    for title, paths, kind, runs in files:
        if not args.skip_splink:
            runs.append(run_splink(paths, kind=kind))
        truth = read_truth(paths["truth"])
        report(f"{title}, {len(truth)} inbound", truth, runs, args.examples)
    print(f"\nfiles in {directory}")


if __name__ == "__main__":
    main()
