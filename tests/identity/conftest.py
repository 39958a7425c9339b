import csv

import pytest
from django.core.management import call_command

from benchmarks.identity_data import crm_records, generate_people, inbound_records
from identity_app import services
from identity_app.models import ValidationRun
from mappings_app.models import CrmObject, Flow


@pytest.fixture
def contacts(connection):
    return CrmObject.objects.create(connection=connection, name="contacts", label="Contacts")


@pytest.fixture
def flow(connection, contacts):
    return Flow.objects.create(
        connection=connection, name="lead scores", source_system="lead_scorer", crm_object=contacts
    )


@pytest.fixture
def rules(flow):
    return services.identity_rules_for_flow(flow=flow)


def crm(crm_id, **values):
    """A connector-shaped CRM record; `deleted` and `merged_into` are record flags, the rest field values."""
    flags = {key: values.pop(key) for key in ("deleted", "merged_into") if key in values}
    return {"id": crm_id, "values": values, "modified_at": "2026-01-05T10:00:00Z", **flags}


@pytest.fixture
def mirror(connection):
    def load(*records, object_name="contacts"):
        return services.mirror_upsert(connection=connection, object_name=object_name, records=list(records))

    return load


@pytest.fixture
def resolve(flow):
    def run(*records, **options):
        inbound = [{"source_system": "lead_scorer", **record} for record in records]
        options.setdefault("create_review_items", False)
        options.setdefault("learn_links", False)
        return services.identity_resolve(flow=flow, records=inbound, **options)

    return run


def decisions(resolutions) -> list[dict]:
    """What comparing two ways of resolving compares: every field of each resolution."""
    return [{**r.as_dict(), "would_auto_link": r.would_auto_link} for r in resolutions]


@pytest.fixture
def generated(connection, rules):
    """A generated mirror with the adversarial cases and merged duplicates; returns its inbound records."""
    people = generate_people(800, seed=11)
    services.mirror_upsert(
        connection=connection, object_name="contacts", records=crm_records(people, merged_every=40)
    )
    records = inbound_records(people, 400, seed=5, unknown_share=0.15)
    for record in records:
        record.pop("truth")
    return records


@pytest.fixture
def enabled(rules, flow, users):
    """The flow's rules with probabilistic auto-linking on (which needs a validation run first)."""
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()
    return rules


def filler_records():
    """Twenty unrelated CRM people, so that a mirror is more than the records a test is about."""
    return [
        crm(f"x{n}", firstname=f"Person{n}", lastname="Other", company=f"Firm {n}", city="Bonn")
        for n in range(20)
    ]


@pytest.fixture
def company_flow(connection):
    """A companies flow with a validated model, so probabilistic links may be made."""
    companies = CrmObject.objects.create(connection=connection, name="companies", label="Companies")
    flow = Flow.objects.create(
        connection=connection, name="firmographics", source_system="enricher", crm_object=companies
    )
    rules = services.identity_rules_for_flow(flow=flow)
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()
    return flow


@pytest.fixture
def resolve_companies(connection, company_flow):
    """Stores the mirror records, then resolves the inbound ones on `company_flow`."""

    def run(mirror_records, *records):
        services.mirror_upsert(connection=connection, object_name="companies", records=list(mirror_records))
        inbound = [{"source_system": "enricher", **record} for record in records]
        return services.identity_resolve(
            flow=company_flow, records=inbound, create_review_items=False, learn_links=False
        )

    return run


def link_salesforce_to_pipedrive(tmp_path, crm_text: str, inbound_text: str) -> dict[str, dict]:
    """`identity_link` from a Salesforce Contact export (text) to a Pipedrive persons export (text), no prior
    setup: the results file's rows by external id."""
    (tmp_path / "crm.csv").write_text(crm_text, encoding="utf-8")
    (tmp_path / "in.csv").write_text(inbound_text, encoding="utf-8")
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(tmp_path / "in.csv"),
        provider="salesforce",
        object_name="Contact",
        mirror_csv=str(tmp_path / "crm.csv"),
        external_id_column="Person - ID",
        out=str(out),
        progress=False,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
