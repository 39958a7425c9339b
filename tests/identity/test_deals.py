"""Deals are matched by the CRM id or an external id only: from a flow, from the offline command line
(`--kind deals`), and never probabilistically, whatever the rules say."""

import csv

import pytest
from django.core.management import CommandError, call_command

from crmhub.core.errors import ApplicationError
from identity_app import services
from identity_app.attributes import EntityKind, entity_kind_named
from identity_app.models import ValidationRun
from mappings_app.models import CrmObject, Flow
from tests.identity.conftest import crm


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def deal_flow(connection):
    deals = CrmObject.objects.create(connection=connection, name="deals", label="Deals")
    return Flow.objects.create(connection=connection, name="orders", source_system="erp", crm_object=deals)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("deals", EntityKind.DEAL),
        ("Opportunities", EntityKind.DEAL),
        ("deal", EntityKind.DEAL),
        ("accounts", EntityKind.ORGANISATION),
        ("companies", EntityKind.ORGANISATION),
        ("people", EntityKind.PERSON),
        ("leads", EntityKind.PERSON),
    ],
)
def test_a_kind_is_named_in_the_words_of_any_crm(word, kind):
    assert entity_kind_named(word) == kind


def test_an_offline_deals_run_links_by_external_id_and_crm_id_and_nothing_else(db, tmp_path):
    crm_export = write_csv(
        tmp_path / "deals.csv",
        [
            {
                "hs_object_id": "D-1",
                "dealname": "Acme renewal",
                "erp_order_id": "SO-1",
                "email": "buy@acme.com",
            },
            {"hs_object_id": "D-2", "dealname": "Globex expansion", "erp_order_id": "SO-7", "email": ""},
            {"hs_object_id": "D-3", "dealname": "Initech pilot", "erp_order_id": "", "email": ""},
        ],
    )
    inbound = write_csv(
        tmp_path / "orders.csv",
        [
            {"external_id": "SO-1", "crm_id": "", "dealname": "Acme renewal 2027", "email": ""},
            # Same buyer email and name as D-1, another order: not D-1.
            {"external_id": "SO-2", "crm_id": "", "dealname": "Acme renewal", "email": "buy@acme.com"},
            {"external_id": "SO-3", "crm_id": "D-3", "dealname": "", "email": ""},
        ],
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(inbound),
        provider="hubspot",
        object_name="deals",
        kind="deals",
        crm_external_id_field="erp_order_id",
        mirror_csv=str(crm_export),
        out=str(out),
        progress=False,
    )
    rows = {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["SO-1"]["decision"], rows["SO-1"]["crm_id"], rows["SO-1"]["method"]) == (
        "matched",
        "D-1",
        "external_id",
    )
    assert (rows["SO-2"]["decision"], rows["SO-2"]["crm_id"]) == ("no_match", "")
    assert "CRM id or external id only" in rows["SO-2"]["notes"]
    assert (rows["SO-3"]["decision"], rows["SO-3"]["crm_id"]) == ("matched", "D-3")


def test_an_unknown_kind_is_refused_naming_the_kinds(db, tmp_path):
    inbound = write_csv(tmp_path / "orders.csv", [{"external_id": "SO-1", "email": "a@b.io"}])
    crm_export = write_csv(tmp_path / "deals.csv", [{"Id": "D-1", "email": "a@b.io"}])
    with pytest.raises(CommandError, match=r"organisation .*deal"):
        call_command(
            "identity_link",
            str(inbound),
            provider="hubspot",
            object_name="deals",
            kind="tickets",
            mirror_csv=str(crm_export),
            out=str(tmp_path / "r.csv"),
        )


def test_a_deal_flow_never_links_probabilistically_even_with_comparisons_and_linking_on(
    connection, deal_flow
):
    rules = services.identity_rules_for_flow(flow=deal_flow)
    rules.comparisons = [
        {"attribute": "company_name", "method": "exact", "m": [0.99, 0.01], "u": [0.0001, 0.9999]},
        {"attribute": "emails", "method": "exact", "m": [0.99, 0.01], "u": [0.0001, 0.9999]},
    ]
    rules.blocking_rules = [["emails"], ["company_name"]]
    rules.probabilistic_enabled = True
    rules.save()
    ValidationRun.objects.create(flow=deal_flow, sample_size=1, total=1)
    services.mirror_upsert(
        connection=connection,
        object_name="deals",
        records=[crm("D-1", company="Acme", email="buy@acme.com")],
    )
    [result] = services.identity_resolve(
        flow=deal_flow,
        records=[{"source_system": "erp", "external_id": "SO-9", "company": "Acme", "email": "buy@acme.com"}],
        create_review_items=False,
        learn_links=False,
    )
    assert (result.outcome, result.crm_id) == ("no_match", "")
    assert not result.candidates


def test_a_deal_flow_refuses_data_keys_with_a_plain_reason(deal_flow, users):
    rules = services.identity_rules_for_flow(flow=deal_flow)
    assert rules.entity_kind == EntityKind.DEAL
    with pytest.raises(ApplicationError) as refused:
        services.identity_rules_update(
            rule_set=rules, actor=users["admin"], key_precedence=["crm_id", "external_id", "email"]
        )
    assert any("Deals are matched by CRM id or external id only" in p for p in refused.value.problems)
