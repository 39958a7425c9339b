"""Every bad input is refused with an ApplicationError that names the problem; the catalog never moves."""

import textwrap

import pytest
import yaml
from django.core.exceptions import ValidationError

from crmhub.core.errors import ApplicationError
from mappings_app import services
from mappings_app.catalog import catalog_snapshot
from mappings_app.models import ChangeRequest, ChangeStatus, FieldMapping
from mappings_app.yaml_io import catalog_import_yaml
from tests import factories

# The module's tests share these rows (see conftest's catalog_v1_pks).


@pytest.fixture
def users(catalog_v1_rows):
    return catalog_v1_rows["users"]


@pytest.fixture
def connection(catalog_v1_rows):
    return catalog_v1_rows["connection"]


@pytest.fixture
def contact_fields(catalog_v1_rows):
    return catalog_v1_rows["contact_fields"]


@pytest.fixture
def catalog_v1(catalog_v1_rows):
    return catalog_v1_rows["catalog_v1"]


@pytest.fixture
def active(catalog_v1, connection):
    """The active catalog (v1) as it must stay after every refused input."""
    connection.refresh_from_db()
    return catalog_snapshot(connection)


@pytest.fixture
def assert_unchanged(active, connection):
    def check():
        connection.refresh_from_db()
        assert connection.catalog_version == 1
        assert catalog_snapshot(connection) == active

    return check


def yaml_with(*, ownership=(), mappings=(), **top) -> str:
    return yaml.safe_dump({**top, "ownership": list(ownership), "mappings": list(mappings)})


def own(field, owner, policy="", object_name="contacts") -> dict:
    return factories.ownership_op(field, owner, policy, object_name)["spec"]


def mapped(source_key, field, **spec) -> dict:
    return factories.mapping_op(source_key, field, **spec)["spec"]


def refuse_import(connection, admin, text, match):
    with pytest.raises(ApplicationError, match=match) as caught:
        catalog_import_yaml(connection=connection, author=admin, text=text)
    assert not ChangeRequest.objects.filter(origin="yaml").exists()
    return caught.value


def refuse_submit(connection, admin, operations, match):
    """Drafting is allowed; submitting a draft that would break the catalog is not."""
    change = services.change_request_create(
        connection=connection, author=admin, title="Bad", operations=operations
    )
    with pytest.raises(ApplicationError, match=match) as caught:
        services.change_request_submit(change=change, actor=admin)
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeStatus.DRAFT
    return caught.value


# YAML documents


def test_invalid_yaml_names_the_line(connection, admin, assert_unchanged):
    text = "ownership: []\nmappings:\n  - source_key: score\n   field: x\n"
    refuse_import(connection, admin, text, "not valid YAML at line 4, column 4")
    assert_unchanged()


@pytest.mark.parametrize("text", ["- just\n- a list\n", "plain words\n", "42\n", ""])
def test_yaml_that_is_not_a_mapping_is_refused(connection, admin, assert_unchanged, text):
    refuse_import(connection, admin, text, "must be a mapping")
    assert_unchanged()


def test_yaml_for_another_connection_is_refused(connection, admin, assert_unchanged):
    refuse_import(connection, admin, yaml_with(connection="other-crm"), "'other-crm', not 'acme-hubspot'")
    assert_unchanged()


def test_an_unsupported_format_is_refused(connection, admin, assert_unchanged):
    refuse_import(connection, admin, yaml_with(format=2), "Unsupported catalog format 2")
    assert_unchanged()


def test_a_section_that_is_not_a_list_is_refused(connection, admin, assert_unchanged):
    refuse_import(connection, admin, "mappings: {score: ai_lead_score}\n", "'mappings' must be a list")
    assert_unchanged()


def test_an_entry_that_is_not_a_mapping_is_refused(connection, admin, assert_unchanged):
    refuse_import(
        connection, admin, "ownership:\n  - contacts.email\n", "ownership entry 1 must be a mapping"
    )
    assert_unchanged()


def test_an_unknown_top_level_key_is_refused(connection, admin, assert_unchanged):
    # A typo such as "mapping:" would otherwise import as "delete every mapping".
    text = yaml_with(ownership=[own("ai_lead_score", "ai_owned")]) + "mapping:\n  - {source_key: x}\n"
    refuse_import(connection, admin, text, "Unknown top-level key.*mapping")
    assert_unchanged()


def test_duplicate_entries_are_refused(connection, admin, assert_unchanged):
    text = yaml_with(ownership=[own("ai_lead_score", "ai_owned"), own("ai_lead_score", "hybrid", "skip")])
    refuse_import(connection, admin, text, "ownership entry 2 repeats ownership:contacts.ai_lead_score")
    twice = mapped("employees", "num_employees", source_type="integer")
    # Two equal entries, not one object twice (PyYAML would write that as an alias, which imports refuse).
    text = yaml_with(ownership=[own("num_employees", "ai_owned")], mappings=[twice, dict(twice)])
    refuse_import(connection, admin, text, "mappings entry 2 repeats")
    assert_unchanged()


def test_unknown_keys_in_a_mapping_spec_are_refused(connection, admin, assert_unchanged):
    text = yaml_with(mappings=[{**mapped("score", "ai_lead_score"), "tranform": "round"}])
    refuse_import(connection, admin, text, "mappings entry 1: Unknown mapping keys: tranform")
    with pytest.raises(ApplicationError, match="Unknown mapping keys: colour"):
        services.change_request_create(
            connection=connection,
            author=admin,
            title="Typo",
            operations=[factories.mapping_op("score", "ai_lead_score", colour="red")],
        )
    assert_unchanged()


def test_a_mapping_without_a_source_key_is_refused(connection, admin, assert_unchanged):
    spec = mapped("score", "ai_lead_score")
    del spec["source_key"]
    refuse_import(connection, admin, yaml_with(mappings=[spec]), "needs source_key")
    assert_unchanged()


def test_an_unknown_change_kind_is_refused(connection, admin, assert_unchanged):
    with pytest.raises(ApplicationError, match="Unknown change kind 'rename'"):
        services.change_request_create(
            connection=connection, author=admin, title="Rename", operations=[{"kind": "rename", "spec": {}}]
        )
    assert_unchanged()


def test_non_json_values_in_yaml_are_refused(connection, admin, assert_unchanged):
    spec = mapped("renewal", "renewal_date", source_type="date")
    spec["transform_params"] = {"since": "2024-01-01"}
    text = yaml_with(ownership=[own("renewal_date", "ai_owned")], mappings=[spec]).replace(
        "'2024-01-01'", "2024-01-01"
    )
    refuse_import(connection, admin, text, "mappings entry 1: .*JSON")
    assert_unchanged()


# Targets


def test_an_unknown_object_is_refused(connection, admin, assert_unchanged):
    with pytest.raises(ApplicationError, match="no object 'deals'"):
        services.change_request_create(
            connection=connection,
            author=admin,
            title="Deals",
            operations=[factories.ownership_op("amount", "ai_owned", object_name="deals")],
        )
    refuse_import(
        connection, admin, yaml_with(ownership=[own("amount", "ai_owned", object_name="deals")]), "deals"
    )
    text = yaml_with(mappings=[mapped("amount", "amount", object="deals")])
    refuse_import(connection, admin, text, "unknown object 'deals'")
    assert_unchanged()


def test_an_unknown_field_is_refused(connection, admin, assert_unchanged):
    with pytest.raises(ApplicationError, match="contacts has no field 'shoe_size'"):
        services.change_request_create(
            connection=connection,
            author=admin,
            title="Shoes",
            operations=[factories.mapping_op("shoes", "shoe_size")],
        )
    refuse_import(
        connection,
        admin,
        yaml_with(ownership=[own("shoe_size", "ai_owned")]),
        "unknown field contacts.shoe_size",
    )
    refuse_import(
        connection, admin, yaml_with(mappings=[mapped("shoes", "shoe_size")]), "unknown field 'shoe_size'"
    )
    assert_unchanged()


def test_a_boolean_source_cannot_feed_a_date_field(connection, admin, assert_unchanged):
    operations = [
        factories.ownership_op("renewal_date", "ai_owned"),
        factories.mapping_op("renews", "renewal_date", source_type="boolean"),
    ]
    refuse_submit(
        connection, admin, operations, "A boolean value cannot be written to contacts.renewal_date, a Date"
    )
    assert_unchanged()


def test_a_round_transform_cannot_feed_a_picklist(connection, admin, assert_unchanged):
    operations = [
        factories.mapping_op("tier", "ai_segment", source_type="integer", transform="round"),
    ]
    refuse_submit(connection, admin, operations, "round transform cannot feed a Picklist field")
    assert_unchanged()


def test_a_value_map_to_an_unknown_picklist_option_is_refused(connection, admin, assert_unchanged):
    operations = [
        factories.mapping_op(
            "segment",
            "ai_segment",
            transform="value_map",
            transform_params={"map": {"S": "smb", "X": "galactic"}},
        )
    ]
    refuse_submit(connection, admin, operations, "unknown picklist options of contacts.ai_segment: galactic")
    assert_unchanged()


def test_a_value_map_without_a_map_is_refused(connection, admin, assert_unchanged):
    operations = [factories.mapping_op("segment", "ai_segment", transform="value_map", transform_params={})]
    refuse_submit(connection, admin, operations, "non-empty 'map'")
    assert_unchanged()


def test_a_field_explicitly_rep_owned_cannot_be_a_target(connection, admin, assert_unchanged):
    refuse_submit(
        connection, admin, [factories.mapping_op("stage", "lifecyclestage")], "lifecyclestage is rep-owned"
    )
    assert_unchanged()


def test_a_field_without_an_ownership_rule_is_rep_owned(connection, admin, assert_unchanged):
    error = refuse_submit(
        connection, admin, [factories.mapping_op("first", "firstname")], "The catalog would be invalid"
    )
    assert error.problems == [
        "lead_scorer.first -> contacts.firstname: contacts.firstname is rep-owned; the hub never writes it."
    ]
    assert_unchanged()


def test_removing_the_ownership_of_a_mapped_field_is_refused(connection, admin, assert_unchanged):
    operations = [{"kind": "ownership_delete", "spec": {"object": "contacts", "field": "ai_segment"}}]
    refuse_submit(connection, admin, operations, "ai_segment is rep-owned")
    assert_unchanged()


def test_a_hybrid_field_needs_a_conflict_policy(connection, admin, assert_unchanged):
    refuse_submit(
        connection,
        admin,
        [factories.ownership_op("renewal_date", "hybrid")],
        "hybrid field needs a conflict policy",
    )
    refuse_import(
        connection,
        admin,
        yaml_with(ownership=[own("renewal_date", "hybrid")]),
        "hybrid field needs a conflict policy",
    )
    assert_unchanged()


def test_a_conflict_policy_on_a_non_hybrid_field_is_refused(connection, admin, assert_unchanged):
    refuse_submit(
        connection,
        admin,
        [factories.ownership_op("renewal_date", "ai_owned", "skip")],
        "only hybrid fields take a conflict policy",
    )
    assert_unchanged()


def test_an_unknown_owner_is_refused(connection, admin, assert_unchanged):
    refuse_submit(
        connection, admin, [factories.ownership_op("renewal_date", "robot")], "unknown owner 'robot'"
    )
    assert_unchanged()


def test_a_timestamp_field_must_be_a_date_or_datetime(connection, admin, assert_unchanged):
    operations = [
        factories.ownership_op("num_employees", "ai_owned"),
        factories.ownership_op("firstname", "ai_owned"),
        factories.mapping_op(
            "employees", "num_employees", source_type="integer", timestamp_field="firstname"
        ),
    ]
    refuse_submit(
        connection, admin, operations, "Timestamp field contacts.firstname must be a date or datetime"
    )
    assert_unchanged()


def test_a_timestamp_field_of_another_object_is_refused(connection, contact_fields, assert_unchanged):
    # Specs name the timestamp field within the target's object, so only the model layer can point
    # elsewhere; its validation refuses it.
    companies = factories.make_contact_schema(connection, object_name="companies")
    row = FieldMapping(
        source_system="lead_scorer",
        source_key="employees",
        source_type="integer",
        crm_field=contact_fields["num_employees"],
        timestamp_field=companies["ai_lead_score_updated_at"],
    )
    with pytest.raises(ValidationError, match=r"belongs to another object than contacts\.num_employees"):
        row.full_clean()
    assert_unchanged()


def test_a_timestamp_field_named_on_the_wrong_object_is_unknown(connection, admin, assert_unchanged):
    factories.make_contact_schema(connection, object_name="companies")
    companies_only = mapped("employees", "num_employees", source_type="integer", timestamp_field="founded_at")
    refuse_import(
        connection,
        admin,
        yaml_with(ownership=[own("num_employees", "ai_owned")], mappings=[companies_only]),
        "unknown timestamp field 'founded_at'",
    )
    assert_unchanged()


def test_a_rep_owned_timestamp_field_is_refused(connection, admin, assert_unchanged):
    operations = [
        factories.ownership_op("num_employees", "ai_owned"),
        factories.mapping_op(
            "employees", "num_employees", source_type="integer", timestamp_field="renewal_date"
        ),
    ]
    refuse_submit(connection, admin, operations, "timestamp field contacts.renewal_date is rep-owned")
    assert_unchanged()


def test_a_read_only_target_is_refused(connection, admin, assert_unchanged):
    operations = [
        factories.ownership_op("hs_object_id", "ai_owned"),
        factories.mapping_op("id", "hs_object_id"),
    ]
    refuse_submit(connection, admin, operations, "contacts.hs_object_id is read-only in the CRM")
    assert_unchanged()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"source_type": "blob"}, "Unknown source type 'blob'"),
        ({"transform": "reverse"}, "Unknown transform 'reverse'"),
        ({"null_policy": "sometimes"}, "Unknown null policy 'sometimes'"),
        ({"transform": "round", "transform_params": {"digits": 99}}, "whole number from 0 to 10"),
        ({"transform": "to_utc", "transform_params": {"assume_tz": "Mars/Olympus"}}, "Unknown time zone"),
    ],
)
def test_unknown_or_malformed_mapping_settings_are_refused_at_submit(
    connection, admin, assert_unchanged, override, message
):
    spec = {"source_type": "number", **override}
    if override.get("transform") == "to_utc":
        spec = {"source_type": "datetime", **override}
        operations = [factories.mapping_op("seen", "ai_lead_score_updated_at", **spec)]
    else:
        operations = [factories.mapping_op("score", "ai_lead_score", **spec)]
    refuse_submit(connection, admin, operations, message)
    assert_unchanged()


def test_a_problem_list_names_every_problem(connection, admin, assert_unchanged):
    operations = [
        factories.ownership_op("renewal_date", "hybrid"),
        factories.mapping_op("first", "firstname"),
    ]
    error = refuse_submit(connection, admin, operations, "invalid")
    assert len(error.problems) == 2
    assert "hybrid field needs a conflict policy" in str(error)
    assert "firstname is rep-owned" in str(error)
    assert_unchanged()


def test_a_value_map_with_yaml_boolean_keys_matches_the_stored_catalog(
    connection, contact_fields, admin, approver
):
    text = textwrap.dedent(
        """\
        ownership:
          - {object: contacts, field: ai_segment, owner: ai_owned}
        mappings:
          - source_system: lead_scorer
            source_key: enterprise
            object: contacts
            field: ai_segment
            source_type: boolean
            transform: value_map
            transform_params: {map: {true: enterprise, false: smb}}
        """
    )
    change = catalog_import_yaml(connection=connection, author=admin, text=text)
    services.change_request_submit(change=change, actor=admin)
    services.change_request_approve(change=change, approver=approver)
    services.change_request_apply(change=change, actor=approver)

    again = catalog_import_yaml(connection=connection, author=admin, text=text)
    assert again.items.count() == 0
