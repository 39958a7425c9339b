"""Every review page renders with data behind it, and shows what a reviewer needs to decide."""

import datetime as dt
import io

from django.urls import reverse

from identity_app import services
from identity_app.models import IdentityLink, ReviewItem, ValidationRun
from tests.identity_ui.conftest import JANE, STRANGER, inbound


def test_queue_lists_open_items_with_inbound_summary_and_top_candidate(
    login, users, ambiguous_item, unmatched_item
):
    response = login(users["reviewer"]).get(reverse("identity:queue"))
    assert response.status_code == 200
    rows = {row.item.pk: row for row in response.context["rows"]}
    assert set(rows) == {ambiguous_item.pk, unmatched_item.pk}
    assert rows[ambiguous_item.pk].inbound["name"] == "Jane Doe"
    assert rows[ambiguous_item.pk].inbound["company"] == "Acme"
    assert rows[ambiguous_item.pk].top["crm_id"] in {"C-1", "C-2"}
    # The top candidate is named as a reviewer knows it, its CRM id beside the name.
    assert rows[ambiguous_item.pk].top["shown"]["name"] == "Jane Doe"
    assert rows[unmatched_item.pk].inbound["email"] == "zed@initech.example"
    assert rows[unmatched_item.pk].top is None
    body = response.content.decode()
    assert "Jane Doe" in body and "zed@initech.example" in body
    assert f'CRM record <span class="mono">{rows[ambiguous_item.pk].top["crm_id"]}</span>' in body
    assert "Apply to selected" in body


def test_queue_hides_closed_items_unless_asked(login, users, ambiguous_item, unmatched_item):
    services.review_item_dismiss(item=unmatched_item, actor=users["reviewer"])
    browser = login(users["reviewer"])
    open_rows = browser.get(reverse("identity:queue")).context["rows"]
    assert [row.item.pk for row in open_rows] == [ambiguous_item.pk]
    dismissed = browser.get(reverse("identity:queue"), {"status": "dismissed"}).context["rows"]
    assert [row.item.pk for row in dismissed] == [unmatched_item.pk]
    everything = browser.get(reverse("identity:queue"), {"status": "all"}).context["rows"]
    assert len(everything) == 2


def test_queue_filters_by_flow_reason_assignee_and_age(
    login, users, flow, creating_flow, ambiguous_item, unmatched_item, creatable_item
):
    services.review_item_assign(item=ambiguous_item, assignee=users["reviewer"], actor=users["admin"])
    browser = login(users["reviewer"])
    queue = reverse("identity:queue")

    def ids(**query):
        return {row.item.pk for row in browser.get(queue, query).context["rows"]}

    assert ids(flow=creating_flow.pk) == {creatable_item.pk}
    assert ids(reason="ambiguous") == {ambiguous_item.pk}
    assert ids(reason="no_match", flow=flow.pk) == {unmatched_item.pk}
    assert ids(assignee="me") == {ambiguous_item.pk}
    assert ids(assignee="none") == {unmatched_item.pk, creatable_item.pk}
    assert ids(assignee=str(users["reviewer"].pk)) == {ambiguous_item.pk}
    assert ids(age="1d") == set()
    ReviewItem.objects.filter(pk=unmatched_item.pk).update(
        created_at=unmatched_item.created_at - dt.timedelta(days=3)
    )
    assert ids(age="1d") == {unmatched_item.pk}
    assert ids(age="7d") == set()
    # A bad value in one filter drops that filter only.
    assert ids(reason="not-a-reason", flow=creating_flow.pk) == {creatable_item.pk}


def test_detail_shows_inbound_beside_each_candidate_with_levels_and_weights(login, users, ambiguous_item):
    response = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk]))
    assert response.status_code == 200
    candidates = response.context["candidates"]
    assert [c["crm_id"] for c in candidates][:2] == [c["crm_id"] for c in ambiguous_item.candidates][:2]
    rows = {row.attribute: row for row in response.context["rows"]}
    assert rows["last_name"].inbound == "doe"
    assert [cell.state for cell in rows["last_name"].cells] == ["agree"] * len(candidates)
    assert rows["last_name"].cells[0].weight > 0
    janet = next(i for i, c in enumerate(candidates) if c["crm_id"] == "C-4")
    assert rows["first_name"].cells[janet].state == "partial"
    assert rows["first_name"].cells[janet].value == "janet"
    # Attributes only the candidate has are shown, marked as not compared.
    assert rows["emails"].inbound == "—"
    assert rows["emails"].cells[0].state == "missing"
    body = response.content.decode()
    assert "candidates match this record about equally well" in body  # the resolver's explanation
    assert "Link to C-1" in body and "Link to C-2" in body
    assert 'data-shortcut="1"' in body
    assert "bits · p=" in body
    assert "Create a new CRM record" not in body  # the flow does not allow creates
    assert "Assign to me" in body


def test_detail_offers_create_only_when_the_flow_allows_it(login, users, creatable_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[creatable_item.pk])).content.decode()
    assert "Create a new CRM record" in body
    assert "No candidate" in body


def test_detail_of_a_decided_item_shows_the_decision_and_no_actions(login, users, ambiguous_item):
    services.review_item_resolve(
        item=ambiguous_item, crm_id="C-2", actor=users["reviewer"], note="same phone"
    )
    body = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk])).content.decode()
    assert "Linked" in body and "C-2" in body and "same phone" in body
    assert 'id="dismiss-form"' not in body
    assert 'data-shortcut="1"' not in body


def test_detail_links_to_previous_and_next_item_of_the_same_filter(
    login, users, ambiguous_item, unmatched_item, creatable_item
):
    browser = login(users["reviewer"])
    # Newest first: creatable, unmatched, ambiguous.
    response = browser.get(reverse("identity:item", args=[unmatched_item.pk]))
    assert response.context["previous_url"] == reverse("identity:item", args=[creatable_item.pk])
    assert response.context["next_url"] == reverse("identity:item", args=[ambiguous_item.pk])
    filtered = browser.get(reverse("identity:item", args=[unmatched_item.pk]), {"reason": "no_match"})
    assert (
        filtered.context["previous_url"]
        == reverse("identity:item", args=[creatable_item.pk]) + "?reason=no_match"
    )
    assert filtered.context["next_url"] == ""


def test_validation_run_pages(login, users, flow, mirror):
    run = services.validation_run_create(
        flow=flow,
        records=[inbound("v-1", email="omar@globex.io"), inbound("v-2", **JANE), inbound("v-3", **STRANGER)],
        actor=users["admin"],
    )
    browser = login(users["viewer"])
    listing = browser.get(reverse("identity:validation-runs"))
    assert listing.status_code == 200
    assert list(listing.context["page"]) == [run]
    assert "Start a validation run" not in listing.content.decode()
    detail = browser.get(reverse("identity:validation-run", args=[run.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert run.matched == 1 and run.ambiguous == 1 and run.no_match == 1
    assert {group.outcome for group in detail.context["groups"]} == {"matched", "ambiguous", "no_match"}
    assert "omar@globex.io" in body or "v-1" in body
    assert "No CRM record has enough in common with this record" in body


def test_validation_run_started_from_an_uploaded_csv(login, users, flow, mirror):
    csv_text = "external_id,email,first_name,last_name,company,zip\nx-1,omar@globex.io,,,,\nx-2,,Jane,Doe,Acme,02110\n"
    upload = io.BytesIO(csv_text.encode())
    upload.name = "leads.csv"
    browser = login(users["admin"])
    assert browser.get(reverse("identity:validation-run-create")).status_code == 200
    response = browser.post(
        reverse("identity:validation-run-create"), {"flow": flow.pk, "csv_file": upload, "sample_size": 500}
    )
    run = ValidationRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("identity:validation-run", args=[run.pk])
    assert (run.total, run.matched, run.ambiguous, run.source_label) == (2, 1, 1, "leads.csv")


def test_validation_run_form_rejects_an_empty_file(login, users, flow):
    upload = io.BytesIO(b"")
    upload.name = "empty.csv"
    response = login(users["admin"]).post(
        reverse("identity:validation-run-create"), {"flow": flow.pk, "csv_file": upload, "sample_size": 10}
    )
    assert response.status_code == 400
    assert not ValidationRun.objects.exists()


def test_identity_links_page_is_searchable(login, users, flow, ambiguous_item, mirror, resolve):
    services.review_item_resolve(item=ambiguous_item, crm_id="C-1", actor=users["reviewer"])
    resolve(flow, inbound("lead-9", email="omar@globex.io"))  # learns a link by a unique email
    browser = login(users["viewer"])
    response = browser.get(reverse("identity:links"))
    assert response.status_code == 200
    assert {link.external_id for link in response.context["page"]} == {"lead-1", "lead-9"}
    body = response.content.decode()
    assert "rita" in body and "confirmed" in body and "learned" in body
    found = browser.get(reverse("identity:links"), {"q": "C-3"}).context["page"]
    assert [link.external_id for link in found] == ["lead-9"]
    confirmed = browser.get(reverse("identity:links"), {"method": "confirmed"}).context["page"]
    assert [link.crm_id for link in confirmed] == ["C-1"]
    assert IdentityLink.objects.count() == 2


def test_queue_shows_an_empty_state(login, users, db):
    response = login(users["reviewer"]).get(reverse("identity:queue"))
    assert "No review item matches these filters." in response.content.decode()
