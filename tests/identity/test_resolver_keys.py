"""Deterministic keys and the adversarial cases where a key must not be trusted."""

from identity_app.models import IdentityLink, LinkMethod
from tests.identity.conftest import crm


def test_a_unique_email_matches_by_key_with_its_explanation(mirror, resolve):
    mirror(crm("101", email="jane.doe@acme.com", firstname="Jane", lastname="Doe"))
    [result] = resolve({"external_id": "x1", "email": "Jane.Doe@ACME.com "})
    assert (result.outcome, result.crm_id, result.method) == ("matched", "101", "email")
    assert result.explanation[0]["level"] == "unique key"


def test_format_variants_of_an_email_and_a_phone_match(mirror, resolve):
    mirror(
        crm("101", email="janedoe@gmail.com", lastname="Doe"),
        crm("202", phone="+14155550100", lastname="Roe"),
    )
    [by_email, by_phone] = resolve(
        {"external_id": "x1", "email": "Jane.Doe+promo@googlemail.com"},
        {"external_id": "x2", "phone": "(415) 555-0100"},
    )
    assert (by_email.crm_id, by_email.method) == ("101", "email")
    assert (by_phone.crm_id, by_phone.method) == ("202", "phone")


def test_a_shared_role_email_is_never_a_key(mirror, resolve):
    mirror(
        crm("101", email="info@acme.com", firstname="Ann", lastname="Lee"),
        crm("202", email="info@acme.com", firstname="Bob", lastname="Kim"),
    )
    [result] = resolve({"external_id": "x1", "email": "info@acme.com"})
    assert result.outcome != "matched"
    assert any("role or shared address" in note for note in result.notes)
    assert {c["crm_id"] for c in result.candidates} == {"101", "202"}


def test_a_role_email_on_one_record_is_still_not_a_key(mirror, resolve):
    mirror(crm("101", email="sales@acme.com", lastname="Lee"))
    [result] = resolve({"external_id": "x1", "email": "sales@acme.com"})
    assert result.outcome != "matched"


def test_a_personal_email_shared_by_two_records_is_not_a_key(mirror, resolve):
    mirror(
        crm("101", email="pat@acme.com", firstname="Pat", lastname="Lee"),
        crm("202", email="pat@acme.com", firstname="Pat", lastname="Lee"),
    )
    [result] = resolve(
        {"external_id": "x1", "email": "pat@acme.com", "first_name": "Pat", "last_name": "Lee"}
    )
    assert result.outcome == "ambiguous"
    assert any("on 2 CRM records" in note for note in result.notes)


def test_personal_and_work_email_of_one_person_match_the_same_record_by_either(mirror, resolve):
    mirror(
        crm(
            "101",
            email="jane.doe@acme.com",
            personal_email="jane.doe@gmail.com",
            firstname="Jane",
            lastname="Doe",
        )
    )
    [work, personal] = resolve(
        {"external_id": "x1", "email": "jane.doe@acme.com"},
        {"external_id": "x2", "email": "janedoe@gmail.com"},
    )
    assert work.crm_id == personal.crm_id == "101"


def test_a_personal_email_unknown_to_the_crm_does_not_auto_link_to_the_work_record(mirror, resolve):
    mirror(crm("101", email="jane.doe@acme.com", firstname="Jane", lastname="Doe"))
    [result] = resolve(
        {"external_id": "x1", "email": "jane.doe@gmail.com", "first_name": "Jane", "last_name": "Doe"}
    )
    assert result.outcome == "low_score"
    assert result.candidates[0]["crm_id"] == "101"


def test_two_keys_pointing_to_different_records_stop_for_review(mirror, resolve):
    mirror(
        crm("101", email="jane@acme.com", lastname="Doe"), crm("202", phone="+14155550100", lastname="Doe")
    )
    [result] = resolve({"external_id": "x1", "email": "jane@acme.com", "phone": "415 555 0100"})
    assert result.outcome == "key_conflict"
    assert (
        "The keys point to different CRM records: email jane@acme.com is on CRM record 101 and phone number "
        "+14155550100 is on CRM record 202." in result.notes
    )


def test_key_precedence_can_be_trimmed(mirror, resolve, rules):
    rules.key_precedence = ["crm_id", "identity_link"]
    rules.save()
    mirror(crm("101", email="jane@acme.com", lastname="Doe"))
    [result] = resolve({"external_id": "x1", "email": "jane@acme.com"})
    assert result.outcome != "matched"


def test_the_crm_id_sent_with_the_record_decides_first(mirror, resolve):
    mirror(crm("101", email="jane@acme.com"), crm("202", email="john@acme.com"))
    [result] = resolve({"external_id": "x1", "crm_id": "202", "email": "jane@acme.com"})
    assert (result.crm_id, result.method) == ("202", "crm_id")


def test_a_crm_id_unknown_to_the_mirror_is_not_trusted(mirror, resolve):
    [result] = resolve({"external_id": "x1", "crm_id": "999"})
    assert result.outcome == "no_match"


def test_an_identity_link_beats_the_email(connection, mirror, resolve):
    mirror(crm("101", email="jane@acme.com"), crm("202", email="other@acme.com"))
    IdentityLink.objects.create(
        connection=connection,
        object_name="contacts",
        source_system="lead_scorer",
        external_id="x1",
        crm_id="202",
        method=LinkMethod.CONFIRMED,
    )
    [result] = resolve({"external_id": "x1", "email": "jane@acme.com"})
    assert (result.crm_id, result.method) == ("202", "identity_link")


def test_the_configured_external_id_field_is_a_key(mirror, resolve, rules):
    rules.external_id_field = "erp_id__c"
    rules.save()
    mirror(crm("101", erp_id__c="E-7", lastname="Doe"))
    [result] = resolve({"external_id": "E-7"})
    assert (result.crm_id, result.method) == ("101", "external_id")


def test_a_record_that_is_not_in_the_crm_is_no_match(mirror, resolve):
    mirror(crm("101", email="jane@acme.com", firstname="Jane", lastname="Doe", postcode="10001"))
    [result] = resolve(
        {
            "external_id": "x1",
            "email": "zed@zeta.io",
            "first_name": "Zed",
            "last_name": "Zimmer",
            "postcode": "99999",
        }
    )
    assert result.outcome == "no_match"
    assert result.crm_id == ""


def test_a_merged_record_is_re_pointed_to_its_survivor_and_noted(mirror, resolve):
    mirror(
        crm("101", email="jane@acme.com", lastname="Doe"), crm("202", email="j.doe@acme.com", lastname="Doe")
    )
    mirror({"id": "101", "merged_into": "202", "deleted": True})
    [by_email, by_id] = resolve(
        {"external_id": "x1", "email": "jane@acme.com"}, {"external_id": "x2", "crm_id": "101"}
    )
    for result in (by_email, by_id):
        assert (result.outcome, result.crm_id, result.repointed_from) == ("matched", "202", "101")
        assert any("merged into 202" in note for note in result.notes)


def test_a_chain_of_merges_is_followed(mirror, resolve):
    mirror(crm("1", lastname="A"), crm("2", lastname="B"), crm("3", lastname="C"))
    mirror({"id": "1", "merged_into": "2"}, {"id": "2", "merged_into": "3"})
    [result] = resolve({"external_id": "x", "crm_id": "1"})
    assert result.crm_id == "3"


def test_a_deleted_target_stops(mirror, resolve):
    mirror(crm("101", email="jane@acme.com", lastname="Doe"))
    mirror({"id": "101", "deleted": True})
    [result] = resolve({"external_id": "x1", "crm_id": "101"})
    assert result.outcome == "deleted_target"


def test_merged_into_a_record_missing_from_the_mirror_stops(mirror, resolve):
    mirror(crm("101", lastname="Doe"))
    mirror({"id": "101", "merged_into": "999"})
    [result] = resolve({"external_id": "x1", "crm_id": "101"})
    assert result.outcome == "merged_target"


def test_learned_links_are_stored_for_key_matches_only(connection, mirror, resolve):
    mirror(crm("101", email="jane@acme.com", lastname="Doe"))
    resolve(
        {"external_id": "x1", "email": "jane@acme.com"},
        {"external_id": "x2", "email": "nobody@x.io"},
        learn_links=True,
    )
    links = list(IdentityLink.objects.values_list("external_id", "crm_id", "method"))
    assert links == [("x1", "101", "learned")]
