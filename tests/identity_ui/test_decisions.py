"""Link, dismiss, create new and assign, through the pages and through the API; bulk actions too."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from identity_app import services
from identity_app.models import IdentityLink, LinkMethod, ReviewItem, ReviewStatus
from tests.identity_ui.conftest import JANE, inbound


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# -- pages ---------------------------------------------------------------------------------------------------


def test_linking_stores_a_confirmed_link_and_the_next_record_matches_by_key(
    login, users, flow, ambiguous_item, resolve
):
    response = login(users["reviewer"]).post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "link"]),
        {"crm_id": "C-2", "note": "same person"},
    )
    assert response.status_code == 302
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.LINKED
    assert (ambiguous_item.resolved_crm_id, ambiguous_item.resolved_by, ambiguous_item.resolution_note) == (
        "C-2",
        users["reviewer"],
        "same person",
    )
    link = IdentityLink.objects.get(source_system="lead_scorer", external_id="lead-1")
    assert (link.crm_id, link.method, link.created_by) == ("C-2", LinkMethod.CONFIRMED, users["reviewer"])

    [again] = resolve(flow, inbound("lead-1", **JANE))
    assert (again.outcome, again.crm_id, again.method) == ("matched", "C-2", "identity_link")
    assert ReviewItem.objects.filter(flow=flow, status=ReviewStatus.OPEN).count() == 0


def test_after_a_decision_the_next_open_item_of_the_same_filter_opens(
    login, users, flow, creating_flow, ambiguous_item, unmatched_item, creatable_item, resolve
):
    resolve(flow, inbound("lead-3", first_name="Ann", last_name="Other", email="ann@other.example"))
    newest = ReviewItem.objects.get(external_id="lead-3")
    browser = login(users["reviewer"])
    query = f"?flow={flow.pk}"
    # Queue order (newest first) in this flow: lead-3, lead-2 (unmatched), lead-1 (ambiguous).
    response = browser.post(
        reverse("identity:item-action", args=[unmatched_item.pk, "dismiss"]) + query, {"note": "test data"}
    )
    assert response.url == reverse("identity:item", args=[ambiguous_item.pk]) + query
    # The last item of the filter wraps around to the newest open one, never to another flow's item.
    response = browser.post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "link"]) + query, {"crm_id": "C-1"}
    )
    assert response.url == reverse("identity:item", args=[newest.pk]) + query
    response = browser.post(reverse("identity:item-action", args=[newest.pk, "dismiss"]) + query, {})
    assert response.url == reverse("identity:queue") + query
    assert "No open item is left in this filter." in _messages(response)
    creatable_item.refresh_from_db()
    assert creatable_item.status == ReviewStatus.OPEN


def test_link_to_a_crm_id_outside_the_mirror_is_refused_with_a_message(login, users, ambiguous_item):
    url = reverse("identity:item-action", args=[ambiguous_item.pk, "link"])
    response = login(users["reviewer"]).post(url, {"crm_id": "NOPE-9"})
    assert response.url == reverse("identity:item", args=[ambiguous_item.pk])
    assert any("NOPE-9 is not in the mirror" in text for text in _messages(response))
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN
    assert not IdentityLink.objects.exists()


def test_deciding_twice_is_refused(login, users, ambiguous_item):
    browser = login(users["reviewer"])
    url = reverse("identity:item-action", args=[ambiguous_item.pk, "dismiss"])
    browser.post(url, {"note": "dup"})
    response = browser.post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "link"]), {"crm_id": "C-1"}
    )
    assert any("cannot be decided again" in text for text in _messages(response))
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.DISMISSED and ambiguous_item.resolution_note == "dup"


def test_dismiss_keeps_the_note(login, users, unmatched_item):
    login(users["reviewer"]).post(
        reverse("identity:item-action", args=[unmatched_item.pk, "dismiss"]), {"note": "a test lead"}
    )
    unmatched_item.refresh_from_db()
    assert (unmatched_item.status, unmatched_item.resolution_note) == (ReviewStatus.DISMISSED, "a test lead")


def test_create_new_where_the_flow_allows_it(login, users, creatable_item):
    login(users["reviewer"]).post(reverse("identity:item-action", args=[creatable_item.pk, "create-new"]), {})
    creatable_item.refresh_from_db()
    assert creatable_item.status == ReviewStatus.CREATE_REQUESTED


def test_create_new_is_refused_when_the_flow_does_not_allow_creates(login, users, unmatched_item):
    response = login(users["reviewer"]).post(
        reverse("identity:item-action", args=[unmatched_item.pk, "create-new"]), {}
    )
    assert any("does not allow creating" in text for text in _messages(response))
    unmatched_item.refresh_from_db()
    assert unmatched_item.status == ReviewStatus.OPEN


def test_assign_to_me_to_someone_and_back_to_nobody(login, users, ambiguous_item):
    browser = login(users["reviewer"])
    url = reverse("identity:item-action", args=[ambiguous_item.pk, "assign"])
    response = browser.post(url, {"assignee": "me"})
    assert response.url == reverse("identity:item", args=[ambiguous_item.pk])  # assigning stays on the item
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.assignee == users["reviewer"]
    browser.post(url, {"assignee": str(users["admin"].pk)})
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.assignee == users["admin"]
    browser.post(url, {"assignee": ""})
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.assignee is None


def test_assigning_to_someone_who_cannot_resolve_is_refused(login, users, ambiguous_item):
    response = login(users["reviewer"]).post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "assign"]),
        {"assignee": str(users["viewer"].pk)},
    )
    assert any("Choose someone" in text for text in _messages(response))
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.assignee is None


def test_unknown_action_is_not_found(login, users, ambiguous_item):
    response = login(users["reviewer"]).post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "merge"])
    )
    assert response.status_code == 404


def test_actions_need_post(login, users, ambiguous_item):
    response = login(users["reviewer"]).get(
        reverse("identity:item-action", args=[ambiguous_item.pk, "dismiss"])
    )
    assert response.status_code == 405


# -- bulk on the queue page ----------------------------------------------------------------------------------


def test_bulk_assign_to_me_and_to_someone(login, users, ambiguous_item, unmatched_item):
    browser = login(users["reviewer"])
    ids = [ambiguous_item.pk, unmatched_item.pk]
    response = browser.post(
        reverse("identity:bulk") + "?reason=ambiguous&page=1", {"action": "assign_me", "ids": ids}
    )
    assert response.url == reverse("identity:queue") + "?reason=ambiguous&page=1"
    assert set(ReviewItem.objects.values_list("assignee", flat=True)) == {users["reviewer"].pk}
    browser.post(
        reverse("identity:bulk"), {"action": "assign", "ids": ids, "assignee": str(users["admin"].pk)}
    )
    assert set(ReviewItem.objects.values_list("assignee", flat=True)) == {users["admin"].pk}


def test_bulk_dismiss(login, users, ambiguous_item, unmatched_item):
    login(users["reviewer"]).post(
        reverse("identity:bulk"),
        {"action": "dismiss", "ids": [ambiguous_item.pk, unmatched_item.pk], "note": "junk"},
    )
    assert set(ReviewItem.objects.values_list("status", "resolution_note")) == {
        (ReviewStatus.DISMISSED, "junk")
    }


def test_bulk_link_to_top_candidate_skips_items_without_one_and_ties(
    login, users, clear_item, ambiguous_item, unmatched_item
):
    """The two Jane Does tie: the bulk link used to pick one of them; now it skips the item and says so."""
    ids = [clear_item.pk, ambiguous_item.pk, unmatched_item.pk]
    response = login(users["reviewer"]).post(reverse("identity:bulk"), {"action": "link_top", "ids": ids})
    for item in (clear_item, ambiguous_item, unmatched_item):
        item.refresh_from_db()
    assert (clear_item.status, clear_item.resolved_crm_id) == (ReviewStatus.LINKED, "C-3")
    assert ambiguous_item.status == ReviewStatus.OPEN
    assert unmatched_item.status == ReviewStatus.OPEN
    assert IdentityLink.objects.get().external_id == "lead-3"
    texts = _messages(response)
    assert any(f"Skipped (no candidate): #{unmatched_item.pk}" in text for text in texts)
    assert any(
        f"Skipped 1 tied item(s), which a person must decide: #{ambiguous_item.pk}" in t for t in texts
    )


def test_bulk_is_all_or_nothing(login, users, ambiguous_item, unmatched_item):
    services.review_item_dismiss(item=unmatched_item, actor=users["reviewer"])
    response = login(users["reviewer"]).post(
        reverse("identity:bulk"), {"action": "dismiss", "ids": [ambiguous_item.pk, unmatched_item.pk]}
    )
    assert any(text.startswith("Nothing was changed") for text in _messages(response))
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN


@pytest.mark.parametrize(
    "body", [{"action": "dismiss"}, {"action": "dismiss", "ids": ["x"]}, {"action": "nuke", "ids": [1]}]
)
def test_bulk_with_bad_input_changes_nothing(login, users, ambiguous_item, body):
    response = login(users["reviewer"]).post(reverse("identity:bulk"), body)
    assert response.status_code == 302
    assert _messages(response)
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN


# -- API -----------------------------------------------------------------------------------------------------


def test_api_link_stores_a_link_and_the_next_record_matches_by_key(
    api_for, users, flow, ambiguous_item, resolve
):
    response = api_for("reviewer").post(
        reverse("review-item-link", args=[ambiguous_item.pk]),
        {"crm_id": "C-1", "note": "checked"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["resolved_crm_id"], body["resolved_by"]) == ("linked", "C-1", "rita")
    assert IdentityLink.objects.get(external_id="lead-1").crm_id == "C-1"
    [again] = resolve(flow, inbound("lead-1", **JANE))
    assert (again.crm_id, again.method) == ("C-1", "identity_link")


def test_api_link_to_an_unknown_record_is_a_400(api_for, ambiguous_item):
    response = api_for("reviewer").post(
        reverse("review-item-link", args=[ambiguous_item.pk]), {"crm_id": "NOPE"}, format="json"
    )
    assert response.status_code == 400
    assert "not in the mirror" in response.json()["detail"]


def test_api_link_without_a_crm_id_is_a_400(api_for, ambiguous_item):
    response = api_for("reviewer").post(
        reverse("review-item-link", args=[ambiguous_item.pk]), {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["problems"] == ["crm_id: This field is required."]


def test_api_dismiss_then_a_second_decision_is_a_409(api_for, ambiguous_item):
    client = api_for("reviewer")
    response = client.post(
        reverse("review-item-dismiss", args=[ambiguous_item.pk]), {"note": "bot"}, format="json"
    )
    assert (response.status_code, response.json()["status"], response.json()["resolution_note"]) == (
        200,
        "dismissed",
        "bot",
    )
    again = client.post(
        reverse("review-item-link", args=[ambiguous_item.pk]), {"crm_id": "C-1"}, format="json"
    )
    assert again.status_code == 409


def test_api_create_new(api_for, creatable_item, unmatched_item):
    client = api_for("reviewer")
    refused = client.post(reverse("review-item-create-new", args=[unmatched_item.pk]), {}, format="json")
    assert refused.status_code == 409
    assert "does not allow creating" in refused.json()["detail"]
    allowed = client.post(reverse("review-item-create-new", args=[creatable_item.pk]), {}, format="json")
    assert allowed.status_code == 200 and allowed.json()["status"] == "create_requested"


def test_api_assign_and_unassign(api_for, users, ambiguous_item):
    client = api_for("reviewer")
    url = reverse("review-item-assign", args=[ambiguous_item.pk])
    body = client.post(url, {"assignee": users["reviewer"].pk}, format="json").json()
    assert (body["assignee"], body["assignee_username"]) == (users["reviewer"].pk, "rita")
    assert client.post(url, {"assignee": users["viewer"].pk}, format="json").status_code == 400
    assert client.post(url, {"assignee": None}, format="json").json()["assignee"] is None
    assert client.post(url, {"assignee": 999999}, format="json").status_code == 400


def test_api_bulk_actions(api_for, users, clear_item, ambiguous_item, unmatched_item, creatable_item):
    client = api_for("reviewer")
    url = reverse("review-item-bulk")
    ids = [ambiguous_item.pk, unmatched_item.pk]
    assigned = client.post(
        url, {"action": "assign", "ids": ids, "assignee": users["reviewer"].pk}, format="json"
    )
    assert assigned.status_code == 200 and assigned.json()["count"] == 2
    linked = client.post(url, {"action": "link_top", "ids": [clear_item.pk, *ids]}, format="json").json()
    assert linked == {
        "action": "link_top",
        "count": 1,
        "ids": [clear_item.pk],
        "skipped": sorted([ambiguous_item.pk, unmatched_item.pk]),
        "skipped_ties": [ambiguous_item.pk],
    }
    created = client.post(url, {"action": "create_new", "ids": [creatable_item.pk]}, format="json")
    assert created.json()["count"] == 1
    dismissed = client.post(
        url, {"action": "dismiss", "ids": [unmatched_item.pk], "note": "junk"}, format="json"
    )
    assert dismissed.json()["ids"] == [unmatched_item.pk]
    assert dict(ReviewItem.objects.values_list("external_id", "status")) == {
        "lead-1": "open",
        "lead-2": "dismissed",
        "lead-3": "linked",
        "enr-1": "create_requested",
    }


def test_api_bulk_refuses_unknown_ids_and_closed_items_without_changing_anything(
    api_for, users, ambiguous_item, unmatched_item
):
    client = api_for("reviewer")
    url = reverse("review-item-bulk")
    unknown = client.post(url, {"action": "dismiss", "ids": [ambiguous_item.pk, 987654]}, format="json")
    assert unknown.status_code == 400 and "987654" in unknown.json()["detail"]
    services.review_item_dismiss(item=unmatched_item, actor=users["reviewer"])
    closed = client.post(
        url, {"action": "dismiss", "ids": [ambiguous_item.pk, unmatched_item.pk]}, format="json"
    )
    assert closed.status_code == 409
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN
    too_many = client.post(url, {"action": "dismiss", "ids": list(range(1, 502))}, format="json")
    assert too_many.status_code == 400


def test_api_confirms_an_identity_link_by_hand(api_for, users, flow, mirror, resolve):
    client = api_for("reviewer")
    url = reverse("identity-link-list")
    created = client.post(
        url, {"flow": flow.pk, "external_id": "crm-sync-77", "crm_id": "C-3"}, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["source_system"], body["method"], body["created_by"], body["crm_id"]) == (
        "lead_scorer",
        "confirmed",
        "rita",
        "C-3",
    )
    [resolution] = resolve(flow, inbound("crm-sync-77", first_name="Someone", last_name="Else"))
    assert (resolution.crm_id, resolution.method) == ("C-3", "identity_link")
    missing = client.post(url, {"flow": flow.pk, "external_id": "x", "crm_id": "NOPE"}, format="json")
    assert missing.status_code == 400
    assert IdentityLink.objects.count() == 1
