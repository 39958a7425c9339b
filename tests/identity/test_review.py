"""Review items: created for every stopped record, decided by reviewers, each decision remembered."""

import pytest

from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from identity_app import services
from identity_app.models import IdentityLink, ReviewItem, ReviewStatus
from identity_app.signals import review_item_resolved
from tests.identity.conftest import crm


@pytest.fixture
def two_smiths(mirror):
    mirror(
        crm("101", email="john.smith@acme.com", firstname="John", lastname="Smith", company="Acme"),
        crm("202", email="jsmith@acme.com", firstname="John", lastname="Smith", company="Acme"),
    )


SMITH = {"external_id": "x1", "first_name": "John", "last_name": "Smith", "company": "Acme"}


@pytest.fixture
def item(two_smiths, resolve):
    resolve(SMITH, create_review_items=True)
    return ReviewItem.objects.get()


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    review_item_resolved.connect(receiver)
    yield calls
    review_item_resolved.disconnect(receiver)


def test_an_ambiguous_record_becomes_a_review_item_with_ranked_candidates(item):
    assert (item.status, item.reason, item.external_id) == ("open", "ambiguous", "x1")
    assert item.payload["first_name"] == "John"
    assert [c["rank"] for c in item.candidates] == [1, 2]
    assert item.candidates[0]["contributions"]
    assert item.top_score == item.candidates[0]["score"]


def test_a_new_item_has_its_creation_in_its_history(item):
    created = item.history.get()
    assert created.history_type == "+"
    assert (created.reason, created.top_score, created.explanation) == (
        item.reason,
        item.top_score,
        item.explanation,
    )
    assert not hasattr(created, "payload") and not hasattr(created, "candidates")  # personal data stays out
    assert (created.created_at, created.updated_at) == (item.created_at, item.updated_at)
    assert created.history_user is None


def test_a_record_arriving_again_refreshes_its_open_item(item, resolve):
    resolve({**SMITH, "city": "Boston"}, create_review_items=True)
    assert ReviewItem.objects.count() == 1
    item.refresh_from_db()
    assert (item.occurrences, item.payload["city"]) == (2, "Boston")


def test_matched_records_make_no_review_items(mirror, resolve):
    mirror(crm("9", email="solo@acme.com"))
    resolve({"external_id": "x9", "email": "solo@acme.com"}, create_review_items=True)
    assert not ReviewItem.objects.exists()


def test_resolving_stores_a_confirmed_link_so_the_next_record_matches_by_key(
    item, users, resolve, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_item_resolve(item=item, crm_id="202", actor=users["reviewer"])
    item.refresh_from_db()
    assert (item.status, item.resolved_crm_id, item.resolved_by) == ("linked", "202", users["reviewer"])
    link = IdentityLink.objects.get()
    assert (link.external_id, link.crm_id, link.method, link.created_by) == (
        "x1",
        "202",
        "confirmed",
        users["reviewer"],
    )
    assert received[0]["decision"] == "linked" and received[0]["crm_id"] == "202"
    [next_time] = resolve(SMITH, create_review_items=True)
    assert (next_time.outcome, next_time.crm_id, next_time.method) == ("matched", "202", "identity_link")


def test_the_signal_waits_for_the_commit(item, users, received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.review_item_resolve(item=item, crm_id="101", actor=users["reviewer"])
    assert received == [] and len(callbacks) == 1


def test_a_decided_item_cannot_be_decided_again(item, users):
    services.review_item_dismiss(item=item, actor=users["reviewer"])
    with pytest.raises(ConflictError):
        services.review_item_resolve(item=item, crm_id="101", actor=users["reviewer"])


def test_linking_to_an_unknown_record_is_refused(item, users):
    with pytest.raises(ApplicationError):
        services.review_item_resolve(item=item, crm_id="nope", actor=users["reviewer"])


def test_linking_to_a_merged_record_links_its_survivor(item, users, mirror):
    mirror({"id": "101", "merged_into": "202"})
    services.review_item_resolve(item=item, crm_id="101", actor=users["reviewer"])
    assert IdentityLink.objects.get().crm_id == "202"


def test_viewers_cannot_resolve(item, users):
    with pytest.raises(PermissionDeniedError):
        services.review_item_resolve(item=item, crm_id="101", actor=users["viewer"])


def test_create_new_only_where_the_flow_allows_creates(item, users, flow, received):
    with pytest.raises(ConflictError):
        services.review_item_create_new(item=item, actor=users["reviewer"])
    flow.allow_creates = True
    flow.save()
    # Allowed, but the flow maps none of the record's attributes: nothing is sent to the CRM, the item
    # stays open and says why (creating through a CRM: tests/identity_ui/test_create_new.py).
    with pytest.raises(ApplicationError, match="maps none of this record's attributes"):
        services.review_item_create_new(item=item, actor=users["reviewer"])
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN and received == []


def test_assignment_needs_a_reviewer(item, users):
    services.review_item_assign(item=item, assignee=users["reviewer"], actor=users["admin"])
    item.refresh_from_db()
    assert item.assignee == users["reviewer"]
    with pytest.raises(ApplicationError):
        services.review_item_assign(item=item, assignee=users["viewer"], actor=users["admin"])


def test_bulk_actions(two_smiths, resolve, users):
    resolve(SMITH, {**SMITH, "external_id": "x2"}, {**SMITH, "external_id": "x3"}, create_review_items=True)
    first, second, third = ReviewItem.objects.order_by("external_id")
    assert (
        services.review_items_assign(items=[first, second], assignee=users["reviewer"], actor=users["admin"])
        == 2
    )
    # The two John Smiths score alike: a tie, which the bulk link leaves for a person (it used to pick one).
    result = services.review_items_link_top_candidate(items=[first], actor=users["reviewer"])
    assert (result.linked, result.tied) == ([], [first.pk])
    services.review_item_resolve(item=first, crm_id="101", actor=users["reviewer"])
    services.review_items_dismiss(items=[second, third], actor=users["reviewer"])
    statuses = dict(ReviewItem.objects.values_list("external_id", "status"))
    assert statuses == {"x1": "linked", "x2": "dismissed", "x3": "dismissed"}
    assert ReviewItem.history.filter(status="dismissed").count() == 2


def test_no_match_items_are_created_too(resolve, mirror):
    mirror(crm("101", email="jane@acme.com"))
    resolve({"external_id": "ghost", "email": "ghost@nowhere.io"}, create_review_items=True)
    assert ReviewItem.objects.get().reason == "no_match"
