"""The grid mapping editor: transform settings as form values, previews computed by the write-back's own
transform code, and a save that only ever fills a draft change request."""

import pytest
from django.urls import reverse

from mappings_app import grid, services
from mappings_app.models import ChangeKind, FieldMapping
from tests import factories

pytestmark = pytest.mark.django_db


def test_value_maps_and_rounding_read_as_form_values_and_back():
    params = {"map": {"S": "smb", "E": "enterprise"}, "default": "smb"}
    values = grid.params_to_form("value_map", params)
    assert values["value_map"] == "S = smb\nE = enterprise" and values["default"] == "smb"
    assert grid.params_from_form("value_map", values) == params
    assert grid.params_from_form("round", {"digits": "2"}) == {"digits": 2}
    with pytest.raises(ValueError, match="Line 1 of the value map"):
        grid.value_map_from_text("S smb")


def test_the_preview_shows_what_each_sample_becomes(contact_fields):
    score = contact_fields["ai_lead_score"]
    lines = grid.preview(
        target=score,
        values={"transform": "round", "digits": "1", "source_type": "number", "null_policy": "skip",
                "samples": "93.57\n\nabc"},
    )  # fmt: skip
    assert [(line.raw, line.result, line.ok) for line in lines[:2]] == [
        ("93.57", "93.6", True),
        ("(empty)", "not written: the source value is empty", True),
    ]
    assert not lines[2].ok and lines[2].result.startswith("rejected")

    segment = grid.preview(
        target=contact_fields["ai_segment"],
        values={"transform": "value_map", "value_map": "S = smb\nM = mid_market", "samples": "M\nX",
                "source_type": "string", "null_policy": "skip"},
    )  # fmt: skip
    assert segment[0].result == "mid_market"
    assert segment[1].result == "rejected: 'X' is not in the mapping's value map."


def _row(pk, **values):
    base = {"source_key": "", "source_type": "string", "owner": "rep_owned", "conflict_policy": "",
            "transform": "none", "digits": "", "value_map": "", "default": "", "assume_tz": "", "format": "",
            "null_policy": "skip", "timestamp_field": "", "samples": "", "enabled": True}  # fmt: skip
    return pk, {**base, **values}


def test_saving_the_grid_fills_a_draft_and_never_the_catalog(connection, contact_fields, users):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    mappings_before = list(FieldMapping.objects.values_list("pk", "transform_params"))
    crm_object = contact_fields["email"].crm_object
    rows = grid.grid_rows(crm_object=crm_object, source_system="lead_scorer")
    score_row = next(row for row in rows if row.crm_field.name == "ai_lead_score")
    submitted = dict([(row.crm_field.pk, {**row.values, "enabled": row.values["enabled"]}) for row in rows])
    submitted[score_row.crm_field.pk] = {**score_row.values, "digits": "0"}
    employees = contact_fields["num_employees"]
    submitted[employees.pk] = _row(
        employees.pk, source_key="employees", source_type="integer", owner="ai_owned"
    )[1]

    draft, changed = services.mapping_grid_propose(
        actor=users["admin"],
        crm_object=crm_object,
        source_system="lead_scorer",
        submitted=submitted,
        draft=None,
    )

    items = {(item.kind, item.key) for item in draft.items.all()}
    assert changed == 3
    assert items == {
        (ChangeKind.MAPPING_SET, "mapping:lead_scorer.score->contacts.ai_lead_score"),
        (ChangeKind.MAPPING_SET, "mapping:lead_scorer.employees->contacts.num_employees"),
        (ChangeKind.OWNERSHIP_SET, "ownership:contacts.num_employees"),
    }
    score_item = draft.items.get(key="mapping:lead_scorer.score->contacts.ai_lead_score")
    assert score_item.after["transform_params"] == {"digits": 0} and score_item.before[
        "transform_params"
    ] == {"digits": 1}
    assert list(FieldMapping.objects.values_list("pk", "transform_params")) == mappings_before
    services.change_request_submit(change=draft, actor=users["admin"])  # a sound catalog: it can go to review


def test_an_unchanged_grid_proposes_nothing(connection, contact_fields, users):
    crm_object = contact_fields["email"].crm_object
    rows = grid.grid_rows(crm_object=crm_object, source_system="lead_scorer")
    with pytest.raises(services.ApplicationError, match="nothing to propose"):
        services.mapping_grid_propose(
            actor=users["admin"],
            crm_object=crm_object,
            source_system="lead_scorer",
            submitted={row.crm_field.pk: row.values for row in rows},
            draft=None,
        )


def test_viewers_see_the_grid_but_cannot_save_it(connection, contact_fields, users, client):
    crm_object = contact_fields["email"].crm_object
    factories.sign_in(client, "victor")
    page = client.get(reverse("mappings:object-grid", args=[crm_object.pk]), {"source": "lead_scorer"})
    assert page.status_code == 200 and "ai_lead_score" in page.content.decode()
    assert "Save into the draft" not in page.content.decode()
    saved = client.post(reverse("mappings:object-grid-save", args=[crm_object.pk]), {"source": "lead_scorer"})
    assert saved.status_code == 403


def test_the_grid_page_reads_in_a_fixed_number_of_queries(
    connection, contact_fields, users, client, django_assert_max_num_queries
):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    factories.sign_in(client, "alice")
    url = reverse("mappings:object-grid", args=[contact_fields["email"].crm_object.pk])
    with django_assert_max_num_queries(20):
        assert client.get(url, {"source": "lead_scorer"}).status_code == 200
