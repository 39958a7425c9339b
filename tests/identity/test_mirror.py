import datetime as dt

from identity_app import services
from identity_app.models import MirrorIdentifier, MirrorRecord
from tests.identity.conftest import crm


def test_upsert_normalises_and_indexes_the_keys(connection, mirror):
    mirror(
        crm(
            "101",
            Email="Jane.Doe@Acme.com",
            FirstName="José",
            LastName="Núñez",
            Phone="(415) 555-0100",
            Company="Acme, Inc.",
            MailingPostalCode="94 107",
            Birthdate="1980-02-03",
        )
    )
    record = MirrorRecord.objects.get(connection=connection, object_name="contacts", crm_id="101")
    assert record.emails == ["jane.doe@acme.com"]
    assert record.email_domain == "acme.com"
    assert record.phone == "+14155550100"
    assert (record.first_name, record.last_name, record.company_name) == ("jose", "nunez", "acme")
    assert record.date_of_birth == dt.date(1980, 2, 3)
    assert record.display["first_name"] == "José"
    kinds = set(MirrorIdentifier.objects.filter(record=record).values_list("kind", "value"))
    assert ("email", "jane.doe@acme.com") in kinds
    assert ("phone", "+14155550100") in kinds
    assert ("block:last_name+postcode", "nunez|94107") in kinds


def test_upsert_replaces_a_records_keys_when_it_changes(connection, mirror):
    mirror(crm("101", email="old@acme.com", lastname="Doe"))
    mirror(crm("101", email="new@acme.com", lastname="Doe"))
    assert MirrorRecord.objects.count() == 1
    values = set(MirrorIdentifier.objects.filter(kind="email").values_list("value", flat=True))
    assert values == {"new@acme.com"}


def test_a_merged_tombstone_keeps_its_attributes_and_keys(connection, mirror):
    mirror(crm("101", email="jane@acme.com", lastname="Doe"))
    mirror({"id": "101", "merged_into": "202", "deleted": True})
    record = MirrorRecord.objects.get(crm_id="101")
    assert (record.merged_into, record.is_deleted, record.emails) == ("202", True, ["jane@acme.com"])
    assert MirrorIdentifier.objects.filter(record=record, kind="email").exists()


def test_last_human_edit_merges_keeping_the_latest_time(connection, mirror):
    mirror({**crm("101", lastname="Doe"), "last_human_edit": {"title": "2026-01-01T00:00:00+00:00"}})
    mirror(
        {
            **crm("101", lastname="Doe"),
            "last_human_edit": {"title": "2025-06-01T00:00:00+00:00", "phone": "2026-02-01T00:00:00+00:00"},
        }
    )
    record = MirrorRecord.objects.get(crm_id="101")
    assert record.last_human_edit == {
        "title": "2026-01-01T00:00:00+00:00",
        "phone": "2026-02-01T00:00:00+00:00",
    }


def test_external_id_fields_of_the_flows_are_mirrored(connection, rules, mirror):
    rules.external_id_field = "erp_id__c"
    rules.save()
    mirror(crm("101", lastname="Doe", erp_id__c=42.0))
    assert MirrorRecord.objects.get(crm_id="101").external_ids == {"erp_id__c": "42"}
    assert MirrorIdentifier.objects.filter(kind="ext:erp_id__c", value="42").exists()


def test_upsert_costs_a_bounded_number_of_queries_per_batch(connection, django_assert_max_num_queries):
    # SQLite caps a statement at 999 parameters, so Django splits the bulk inserts; PostgreSQL needs ~6.
    def batch(n, offset=0):
        return [
            crm(str(i + offset), email=f"p{i}@acme{i}.com", lastname=f"L{i}", postcode="1000")
            for i in range(n)
        ]

    with django_assert_max_num_queries(60):
        services.mirror_upsert(connection=connection, object_name="contacts", records=batch(1000))
    with django_assert_max_num_queries(60):
        services.mirror_upsert(connection=connection, object_name="contacts", records=batch(1000))
    assert MirrorRecord.objects.count() == 1000


def test_rebuild_identifiers_after_blocking_rules_change(connection, rules, mirror):
    mirror(crm("101", lastname="Doe", city="Paris"))
    rules.blocking_rules = [*rules.blocking_rules, ["last_name", "city"]]
    rules.save()
    services.mirror_rebuild_identifiers(connection=connection, object_name="contacts")
    assert MirrorIdentifier.objects.filter(kind="block:last_name+city", value="doe|paris").exists()


def test_rebuilding_every_mirror_keys_old_rows_the_way_new_records_are_keyed(connection, mirror):
    mirror(crm("101", firstname="Anna", lastname="Müller", city="Bern"))
    fresh = set(MirrorIdentifier.objects.values_list("kind", "value"))
    # A mirror keyed under an older derivation: its surname prefix taken from the unfolded name.
    MirrorIdentifier.objects.filter(kind__contains="last_name_prefix").update(value="mü")
    assert set(MirrorIdentifier.objects.values_list("kind", "value")) != fresh

    assert services.mirror_rebuild_all_identifiers() == 1
    assert set(MirrorIdentifier.objects.values_list("kind", "value")) == fresh
