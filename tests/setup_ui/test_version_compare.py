"""Comparing two catalog versions: added, removed and changed entries with the changed attributes in words."""

import pytest
from django.urls import reverse

from mappings_app import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def _two_versions(connection, users):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    return factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            factories.mapping_op(
                "score",
                "ai_lead_score",
                source_type="number",
                transform="round",
                transform_params={"digits": 0},
                timestamp_field="ai_lead_score_updated_at",
                null_policy="write",
            ),
            factories.ownership_op("num_employees", "ai_owned"),
            factories.mapping_op("employees", "num_employees", source_type="integer"),
            {"kind": "mapping_delete", "spec": factories.mapping_op("segment", "ai_segment")["spec"]},
            factories.ownership_op("ai_segment", "hybrid", "skip"),
        ],
        title="Employees, rounder score",
    )


def test_compare_lists_added_removed_and_changed_entries_with_labels(connection, contact_fields, users):
    _two_versions(connection, users)

    sections = {
        s.name: s for s in selectors.catalog_versions_compare(connection=connection, older=1, newer=2)
    }

    mappings = {entry.title: entry for entry in sections["mappings"].entries}
    score = mappings["lead_scorer.score → contacts.ai_lead_score"]
    assert score.change == "changed"
    changed = {a.label: (a.before, a.after) for a in score.attributes}
    assert changed == {
        "Transform settings": ("decimal places: 1", "decimal places: 0"),
        "Empty values": ("Skip nulls", "Write nulls"),
    }
    assert mappings["lead_scorer.employees → contacts.num_employees"].change == "added"
    assert mappings["lead_scorer.segment → contacts.ai_segment"].change == "removed"
    ownership = {entry.title: entry for entry in sections["ownership"].entries}
    segment = ownership["contacts.ai_segment"]
    assert [(a.label, a.before, a.after) for a in segment.attributes] == [
        ("When a rep edited the field", "Flag to the review queue", "Skip the write")
    ]
    assert ownership["contacts.num_employees"].attributes[0].after == "AI-owned"


def test_compare_against_the_empty_catalog_shows_everything_added(connection, contact_fields, users):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())

    sections = selectors.catalog_versions_compare(connection=connection, older=0, newer=1)

    assert {entry.change for section in sections for entry in section.entries} == {"added"}
    assert sum(len(section.entries) for section in sections) == 6


def test_compare_page_reads_in_words_and_rejects_one_version_twice(connection, contact_fields, users, client):
    _two_versions(connection, users)
    factories.sign_in(client, "victor")
    url = reverse("mappings:version-compare")

    page = client.get(url, {"connection": connection.pk, "older": 1, "newer": 2})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Skip nulls" in text and "Write nulls" in text
    assert "skip_nulls" not in text and "rep_owned" not in text and "if_empty" not in text

    same = client.get(url, {"connection": connection.pk, "older": 2, "newer": 2})
    assert same.status_code == 400
    assert "Pick two different versions." in same.content.decode()


def test_compare_page_needs_a_signed_in_user(connection, client):
    response = client.get(reverse("mappings:version-compare"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
