"""The review queue, links, validation runs and the mirror through the API's read endpoints."""

from django.urls import reverse

from identity_app import services
from tests.identity_ui.conftest import inbound


def test_review_item_list_with_filters(
    api_for, users, flow, creating_flow, ambiguous_item, unmatched_item, creatable_item
):
    services.review_item_assign(item=ambiguous_item, assignee=users["reviewer"], actor=users["reviewer"])
    services.review_item_dismiss(item=unmatched_item, actor=users["reviewer"])
    client = api_for("reviewer")
    url = reverse("review-item-list")

    def ids(**query):
        response = client.get(url, query)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {ambiguous_item.pk, unmatched_item.pk, creatable_item.pk}
    assert ids(status="open") == {ambiguous_item.pk, creatable_item.pk}
    assert ids(flow=creating_flow.pk) == {creatable_item.pk}
    assert ids(reason="ambiguous") == {ambiguous_item.pk}
    assert ids(assignee="me") == {ambiguous_item.pk}
    assert ids(assignee="none", status="open") == {creatable_item.pk}
    assert ids(assignee=str(users["reviewer"].pk)) == {ambiguous_item.pk}
    assert ids(older_than_days=1) == set()
    assert ids(search="lead-") == {ambiguous_item.pk, unmatched_item.pk}
    assert client.get(url, {"status": "bogus"}).status_code == 400


def test_review_item_list_row_shape(api_for, ambiguous_item):
    [row] = api_for("viewer").get(reverse("review-item-list")).json()["results"]
    assert row["inbound"] == {"name": "Jane Doe", "email": "", "company": "Acme", "phone": ""}
    assert row["top_candidate"]["crm_id"] == ambiguous_item.candidates[0]["crm_id"]
    assert row["candidate_count"] == len(ambiguous_item.candidates)
    assert (row["reason"], row["status"], row["flow_name"], row["occurrences"]) == (
        "ambiguous",
        "open",
        "lead scores",
        1,
    )
    assert "candidates" not in row and "payload" not in row


def test_review_item_retrieve_has_ranked_candidates_with_contributions(api_for, ambiguous_item):
    body = api_for("viewer").get(reverse("review-item-detail", args=[ambiguous_item.pk])).json()
    assert body["payload"]["external_id"] == "lead-1"
    assert [c["rank"] for c in body["candidates"]] == list(range(1, len(body["candidates"]) + 1))
    top = body["candidates"][0]
    assert {c["attribute"] for c in top["contributions"]} >= {"first_name", "last_name", "postcode"}
    assert round(sum(c["weight"] for c in top["contributions"]), 1) == round(top["score"], 1)
    assert body["explanation"] and body["allow_creates"] is False


def test_identity_link_list_filters(api_for, users, flow, ambiguous_item, resolve):
    services.review_item_resolve(item=ambiguous_item, crm_id="C-1", actor=users["reviewer"])
    resolve(flow, inbound("lead-9", email="omar@globex.io"))
    client = api_for("viewer")
    url = reverse("identity-link-list")
    assert {row["external_id"] for row in client.get(url).json()["results"]} == {"lead-1", "lead-9"}
    assert [row["external_id"] for row in client.get(url, {"method": "learned"}).json()["results"]] == [
        "lead-9"
    ]
    assert [row["crm_id"] for row in client.get(url, {"q": "lead-1"}).json()["results"]] == ["C-1"]
    assert [row["created_by"] for row in client.get(url, {"crm_id": "C-1"}).json()["results"]] == ["rita"]


def test_validation_runs_list_and_retrieve(api_for, users, flow, mirror):
    run = services.validation_run_create(
        flow=flow,
        records=[inbound("v-1", email="omar@globex.io"), inbound("v-2", last_name="Zzz")],
        actor=users["admin"],
    )
    client = api_for("viewer")
    [row] = client.get(reverse("validation-run-list"), {"flow": flow.pk}).json()["results"]
    assert (row["id"], row["total"], row["matched"], row["by_method"]) == (run.pk, 2, 1, {"email": 1})
    assert "examples" not in row
    detail = client.get(reverse("validation-run-detail", args=[run.pk])).json()
    assert set(detail["examples"]) == {"matched", "no_match"}


def test_mirror_search_by_crm_id_email_and_name(api_for, connection, mirror):
    client = api_for("reviewer")
    url = reverse("mirror-record-list")

    def crm_ids(**query):
        response = client.get(url, query)
        assert response.status_code == 200, response.json()
        return [row["crm_id"] for row in response.json()["results"]]

    assert crm_ids(crm_id="C-3") == ["C-3"]
    assert crm_ids(email="  Omar@Globex.io ") == ["C-3"]
    assert crm_ids(name="Janet") == ["C-4"]
    assert crm_ids(name="omar haddad") == ["C-3"]
    assert crm_ids(name="doe", connection=connection.pk, object_name="contacts") == ["C-1", "C-2", "C-4"]
    assert crm_ids(name="doe", object_name="companies") == []
    assert client.get(url).status_code == 400  # a search term is required
    record = client.get(url, {"crm_id": "C-1"}).json()["results"][0]
    assert record["display"]["emails"] == "jane.doe@acme.com"
    assert client.get(reverse("mirror-record-detail", args=[record["id"]])).json()["crm_id"] == "C-1"
