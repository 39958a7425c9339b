"""The change-request workflow driven through the browser pages, as two sales-ops admins would."""

from django.contrib.messages import get_messages
from django.urls import reverse

from mappings_app.models import (
    CatalogVersion,
    ChangeOrigin,
    ChangeRequest,
    ChangeStatus,
    FieldMapping,
    FieldOwnership,
)
from tests import factories


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _act(browser, change, action, **data):
    return browser.post(reverse("mappings:change-action", args=[change.pk, action]), data, follow=True)


def _propose_ownership(browser, field, change, owner, policy=""):
    return browser.post(
        reverse("mappings:field-propose", args=[field.pk, "ownership"]),
        {"own-change_request": change.pk, "own-owner": owner, "own-conflict_policy": policy},
    )


def _propose_mapping(browser, field, change, **values):
    data = {
        "map-change_request": change.pk,
        "map-source_system": "lead_scorer",
        "map-source_key": "score",
        "map-source_type": "number",
        "map-transform": "none",
        "map-transform_params": "{}",
        "map-null_policy": "skip",
        "map-timestamp_field": "",
        "map-enabled": "on",
    }
    data.update({f"map-{name}": value for name, value in values.items()})
    return browser.post(reverse("mappings:field-propose", args=[field.pk, "mapping"]), data)


def test_two_admins_take_a_change_from_draft_to_the_active_catalog_and_restore_it(
    client, login, users, connection, contact_fields
):
    author = client
    assert (
        author.post(reverse("login"), {"username": "alice", "password": factories.PASSWORD}).status_code
        == 302
    )

    response = author.post(
        reverse("mappings:change-create"),
        {"connection": connection.pk, "title": "Lead score", "description": "Scores from the model."},
    )
    change = ChangeRequest.objects.get(title="Lead score")
    assert response.status_code == 302
    assert response["Location"] == reverse("mappings:change-detail", args=[change.pk])
    assert (change.status, change.author, change.base_version) == ("draft", users["admin"], 0)

    score, stamp = contact_fields["ai_lead_score"], contact_fields["ai_lead_score_updated_at"]
    assert _propose_ownership(author, score, change, "ai_owned").status_code == 302
    assert _propose_ownership(author, stamp, change, "ai_owned").status_code == 302
    response = _propose_mapping(
        author,
        score,
        change,
        transform="round",
        transform_params='{"digits": 1}',
        timestamp_field="ai_lead_score_updated_at",
    )
    assert response.status_code == 302
    assert change.items.count() == 3

    detail = author.get(reverse("mappings:change-detail", args=[change.pk])).content.decode()
    assert "Field becomes writable by the hub" in detail
    assert "changed-after" in detail
    assert "/submit/" in detail

    _act(author, change, "submit")
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED

    response = _act(author, change, "approve")
    assert any("cannot approve your own change request" in text for text in _messages(response))
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED

    approver = login(users["approver"])
    response = _act(approver, change, "approve", note="Looks right.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert "/apply/" in response.content.decode()

    response = _act(approver, change, "apply")
    assert any("catalog v1 is now active" in text for text in _messages(response))
    change.refresh_from_db()
    connection.refresh_from_db()
    assert (change.status, change.applied_version, connection.catalog_version) == ("applied", 1, 1)
    mapping = FieldMapping.objects.get(source_key="score", crm_field=score)
    assert (mapping.transform, mapping.transform_params, mapping.timestamp_field) == (
        "round",
        {"digits": 1},
        stamp,
    )
    assert FieldOwnership.objects.get(crm_field=score).owner == "ai_owned"

    versions = author.get(reverse("mappings:version-list"), {"connection": connection.pk})
    version = CatalogVersion.objects.get(connection=connection, number=1)
    assert list(versions.context["page"]) == [version]
    assert f"#{change.pk} Lead score" in versions.content.decode()

    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [factories.ownership_op("ai_segment", "hybrid", "skip")],
    )
    response = author.post(reverse("mappings:version-restore", args=[version.pk]))
    restore = ChangeRequest.objects.get(origin=ChangeOrigin.RESTORE)
    assert response["Location"] == reverse("mappings:change-detail", args=[restore.pk])
    assert (restore.status, restore.restores_version, restore.author) == ("draft", 1, users["admin"])
    assert [item.key for item in restore.items.all()] == ["ownership:contacts.ai_segment"]


def test_applying_a_stale_request_is_refused_with_a_message_until_it_is_rebased(
    login, users, connection, contact_fields
):
    from mappings_app import services

    change = services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="Segment",
        operations=[factories.ownership_op("ai_segment", "hybrid", "flag")],
    )
    services.change_request_submit(change=change, actor=users["admin"])
    services.change_request_approve(change=change, approver=users["approver"])
    factories.apply_change(
        connection, users["admin"], users["approver"], [factories.ownership_op("num_employees", "ai_owned")]
    )

    approver = login(users["approver"])
    page = approver.get(reverse("mappings:change-detail", args=[change.pk])).content.decode()
    assert "Stale: rebase before applying." in page
    assert "/apply/" not in page
    assert "/rebase/" in page

    response = _act(approver, change, "apply")
    assert any("Rebase it" in text for text in _messages(response))
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert not FieldOwnership.objects.filter(crm_field=contact_fields["ai_segment"]).exists()

    _act(approver, change, "rebase")
    change.refresh_from_db()
    assert (change.status, change.base_version) == (ChangeStatus.SUBMITTED, 1)
    assert "Rebased from catalog v0 to v1" in change.comments.get().body


def test_submitting_an_invalid_catalog_lists_the_problems(login, users, connection, contact_fields):
    browser = login(users["admin"])
    change = ChangeRequest.objects.create(
        connection=connection, title="Bad", author=users["admin"], base_version=0
    )
    # A mapping into a rep-owned field is valid as a draft item but cannot be submitted.
    assert (
        _propose_mapping(browser, contact_fields["firstname"], change, source_type="string").status_code
        == 302
    )
    response = _act(browser, change, "submit")
    texts = _messages(response)
    assert any("The catalog would be invalid:" in text and "rep-owned" in text for text in texts)
    change.refresh_from_db()
    assert change.status == ChangeStatus.DRAFT


def test_a_new_draft_is_created_when_proposing_without_one(login, users, connection, contact_fields):
    browser = login(users["admin"])
    response = browser.post(
        reverse("mappings:field-propose", args=[contact_fields["ai_segment"].pk, "ownership"]),
        {
            "own-change_request": "new",
            "own-new_title": "Segment owner",
            "own-owner": "hybrid",
            "own-conflict_policy": "skip",
        },
    )
    change = ChangeRequest.objects.get(title="Segment owner")
    assert response["Location"] == reverse("mappings:change-detail", args=[change.pk])
    item = change.items.get()
    assert item.after == {
        "object": "contacts",
        "field": "ai_segment",
        "owner": "hybrid",
        "conflict_policy": "skip",
    }


def test_proposing_what_the_catalog_already_says_creates_no_empty_draft(
    login, users, connection, contact_fields
):
    browser = login(users["admin"])
    response = browser.post(
        reverse("mappings:field-propose", args=[contact_fields["email"].pk, "ownership"]),
        {"own-change_request": "new", "own-new_title": "Nothing", "own-owner": "remove"},
    )
    assert response.status_code == 400
    assert "nothing to propose" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_bad_transform_params_are_shown_on_the_form(login, users, connection, contact_fields):
    browser = login(users["admin"])
    change = ChangeRequest.objects.create(
        connection=connection, title="x", author=users["admin"], base_version=0
    )
    response = _propose_mapping(
        browser, contact_fields["ai_lead_score"], change, transform_params="{digits: 1"
    )
    assert response.status_code == 400
    assert "Not valid JSON" in response.content.decode()
    assert not change.items.exists()


def test_author_removes_an_item_from_a_draft(login, users, draft):
    browser = login(users["admin"])
    item = draft.items.first()
    _act(browser, draft, "remove-item", item=item.pk)
    assert not draft.items.filter(pk=item.pk).exists()


def test_another_admin_cannot_remove_items_from_someone_elses_draft(login, users, draft):
    response = _act(login(users["approver"]), draft, "remove-item", item=draft.items.first().pk)
    assert any("Only the author" in text for text in _messages(response))
    assert draft.items.count() == 2


def test_reject_needs_a_note_and_records_it(login, users, submitted):
    approver = login(users["approver"])
    response = _act(approver, submitted, "reject", note="  ")
    assert any("Say why" in text for text in _messages(response))
    submitted.refresh_from_db()
    assert submitted.status == ChangeStatus.SUBMITTED
    _act(approver, submitted, "reject", note="Flag, not skip.")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision_note) == (ChangeStatus.REJECTED, "Flag, not skip.")


def test_comments_are_added_and_listed(login, users, submitted):
    approver = login(users["approver"])
    response = _act(approver, submitted, "comment", body="Why skip?")
    assert "Why skip?" in response.content.decode()
    assert submitted.comments.get().author == users["approver"]


def test_proposing_deletion_from_the_mapping_page(login, users, connection, catalog):
    mapping = FieldMapping.objects.get(source_key="segment")
    browser = login(users["admin"])
    response = browser.post(
        reverse("mappings:mapping-propose-delete", args=[mapping.pk]),
        {"change_request": "new", "new_title": "Drop segment"},
    )
    change = ChangeRequest.objects.get(title="Drop segment")
    assert response["Location"] == reverse("mappings:change-detail", args=[change.pk])
    item = change.items.get()
    assert (item.kind, item.after, item.before["source_key"]) == ("mapping_delete", None, "segment")


def test_restoring_the_active_version_is_refused_with_a_message(login, users, catalog):
    response = login(users["admin"]).post(reverse("mappings:version-restore", args=[catalog.pk]), follow=True)
    assert any("not an earlier version" in text for text in _messages(response))
    assert not ChangeRequest.objects.filter(origin=ChangeOrigin.RESTORE).exists()
