"""Outbound rows (transforms, types, SHA-256 of the normalised email), the catalog's risk flags on outbound
changes, and the operator commands."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command

from crmhub.exports.models import ExportRun
from crmhub.exports.rows import ColumnPlan, ObjectPlan, build_row, sha256_email
from mappings_app import services as catalog_services
from mappings_app.catalog import risk_flags


def plan_with(*columns: ColumnPlan) -> ObjectPlan:
    return ObjectPlan(1, 1, "acme", "contacts", 1, columns=list(columns))


def column(field, target, **extra) -> ColumnPlan:
    defaults = {
        "mapping_id": 1,
        "field_type": "string",
        "data_class": "operational",
        "target_type": "text",
        "transform": "none",
        "transform_params": {},
        "null_policy": "send_null",
    }
    return ColumnPlan(field_name=field, target=target, **{**defaults, **extra})


def test_the_email_hash_is_sha256_of_the_trimmed_lowercased_email():
    expected = hashlib.sha256(b"ada@example.com").hexdigest()
    assert sha256_email("  Ada@Example.COM ") == expected
    row = build_row(
        record_values={"email": " ADA@example.com"},
        plan=plan_with(column("email", "email_sha256", transform="sha256_email")),
    )
    assert row.values == {"email_sha256": expected}


def test_types_null_semantics_and_a_value_that_does_not_fit():
    plan = plan_with(
        column("amount", "amount", target_type="double"),
        column("seats", "seats", target_type="bigint"),
        column("closed", "closed", target_type="bool"),
        column("stage", "stage", transform="value_map", transform_params={"map": {"1": "won"}}),
        column("note", "note", null_policy="omit"),
    )
    row = build_row(
        record_values={"amount": "12.5", "seats": "3", "closed": "true", "stage": "1", "note": None},
        plan=plan,
    )
    assert row.values == {"amount": 12.5, "seats": 3, "closed": True, "stage": "won"} and not row.errors
    bad = build_row(record_values={"seats": "3.5"}, plan=plan)
    assert bad.errors and "seats -> seats" in bad.errors[0]


@pytest.mark.django_db
def test_a_change_that_widens_what_a_destination_receives_is_flagged(export_world):
    world = export_world
    change = catalog_services.change_request_create(
        connection=world.connection,
        author=world.users["admin"],
        title="More for the warehouse",
        operations=[
            {
                "kind": "outbound_set",
                "spec": {
                    "destination": world.destination.name,
                    "object": "contacts",
                    "field": "jobtitle",
                    "target": "job_title",
                },
            },
            {
                "kind": "data_class_set",
                "spec": {"object": "contacts", "field": "email", "data_class": "operational"},
            },
        ],
    )
    flags = {item.kind: risk_flags(item) for item in change.items.all()}
    assert any("Widens what" in flag for flag in flags["outbound_set"])
    assert any("Loosens the data class" in flag for flag in flags["data_class_set"])


@pytest.mark.django_db
def test_the_export_now_command_drains_the_buffer(export_world):
    world = export_world
    world.cycle("contacts")
    out = StringIO()
    call_command("export_now", world.destination.name, "--inline", stdout=out)
    assert "Export run #" in out.getvalue()
    assert ExportRun.objects.filter(destination=world.destination, status="completed").exists()
