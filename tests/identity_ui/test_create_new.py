"""Review item "create new": the CRM record is created from the inbound payload through the flow's active
mapping, linked, and the writes held for it continue; a lost answer never creates a second record."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from crmhub.writeback.models import InboundStatus
from identity_app import services
from identity_app.models import IdentityLink, LinkMethod, ReviewItem, ReviewStatus
from tests import factories
from tests.writeback.conftest import SOURCE
from tests.writeback.conftest import world as world

IDENTITY_FIELDS = {"email": "email", "first_name": "firstname", "last_name": "lastname"}


@pytest.fixture
def creating(world):
    """The world's flow, allowed to create, with the scorer's identity attributes mapped."""
    factories.apply_change(
        world.connection,
        world.users["admin"],
        world.users["approver"],
        [
            *(factories.ownership_op(field, "hybrid", "skip") for field in IDENTITY_FIELDS.values()),
            *(factories.mapping_op(key, field) for key, field in IDENTITY_FIELDS.items()),
        ],
        title="identity attributes",
    )
    world.flow.allow_creates = True
    world.flow.save()
    return world


def stranger_output(world, key: str, external_id: str = "lead-900", email: str = "nova.person@example.org"):
    return {
        "flow": world.flow.pk,
        "source_system": SOURCE,
        "object_type": "contacts",
        "external_id": external_id,
        "identifiers": {"email": email},
        "attributes": {"first_name": "Nova", "last_name": "Person"},
        "values": {"score": 77},
        "observed_at": world.sandbox.clock.now().isoformat(),
        "idempotency_key": key,
    }


def held_item(world, key: str) -> ReviewItem:
    record = world.record(key)
    assert record.status == InboundStatus.HELD_FOR_REVIEW
    return record.review_item


def test_create_new_creates_links_and_releases_the_held_writes(
    creating, login, django_capture_on_commit_callbacks
):
    world = creating
    world.post([stranger_output(world, "k-new-1")])
    item = held_item(world, "k-new-1")
    before = set(world.ids)
    page = login(world.users["reviewer"]).get(reverse("identity:item", args=[item.pk]))
    assert b"nova.person@example.org" in page.content and b"firstname" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users["reviewer"]).post(
            reverse("identity:item-action", args=[item.pk, "create-new"]), {"note": "new lead"}
        )
    assert response.status_code == 302
    world.run()

    [new_id] = set(world.ids) - before
    created = world.account.get_record("contacts", new_id)
    assert created["email"] == "nova.person@example.org" and created["firstname"] == "Nova"
    assert created["crmhub_create_key"] == services.creation_key(item)
    item.refresh_from_db()
    assert item.status == ReviewStatus.CREATE_REQUESTED and item.resolved_crm_id == new_id
    link = IdentityLink.objects.get(source_system=SOURCE, external_id="lead-900")
    assert link.crm_id == new_id and link.method == LinkMethod.CONFIRMED
    held = world.record("k-new-1")
    assert held.status == InboundStatus.COMPLETED and held.crm_id == new_id
    assert held.identity["method"] == "review:create_requested"
    assert float(world.crm_value(new_id, "ai_score")) == 77
    timeline = login(world.users["viewer"]).get(reverse("writeback:record", args=[held.pk]))
    assert b"review:create_requested" in timeline.content and new_id.encode() in timeline.content
    detail = login(world.users["viewer"]).get(reverse("identity:item", args=[item.pk]))
    assert f'Created CRM record <span class="mono">{new_id}</span>'.encode() in detail.content

    # The next record from that source matches by its identity link, even with another email.
    world.post([stranger_output(world, "k-new-2", email="nova@elsewhere.example")])
    again = world.record("k-new-2")
    assert again.status == InboundStatus.COMPLETED and again.crm_id == new_id
    assert again.identity["method"] == "identity_link"


def test_a_crash_after_the_crm_committed_is_repaired_by_repeating_without_a_duplicate(
    creating, monkeypatch, django_capture_on_commit_callbacks
):
    world = creating
    world.post([stranger_output(world, "k-new-3")])
    item = held_item(world, "k-new-3")
    before = set(world.ids)
    record_step = services._creation_record

    def worker_dies(**kwargs):
        raise RuntimeError("worker died between the CRM call and the database")

    monkeypatch.setattr(services, "_creation_record", worker_dies)
    with pytest.raises(RuntimeError):
        services.review_item_create_new(item=item, actor=world.users["reviewer"])
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN and len(set(world.ids) - before) == 1
    monkeypatch.setattr(services, "_creation_record", record_step)

    with django_capture_on_commit_callbacks(execute=True):
        services.review_item_create_new(item=item, actor=world.users["approver"])
    world.run()
    [new_id] = set(world.ids) - before
    item.refresh_from_db()
    assert item.resolved_crm_id == new_id and world.record("k-new-3").status == InboundStatus.COMPLETED


def test_when_the_crm_cannot_answer_nothing_is_created_blind(creating):
    world = creating
    world.post([stranger_output(world, "k-new-7")])
    item = held_item(world, "k-new-7")
    before = set(world.ids)
    world.account.faults.set(timeout_rate=1.0)
    with pytest.raises(services.CrmUnavailableError, match="try again"):
        services.review_item_create_new(item=item, actor=world.users["reviewer"])
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN and set(world.ids) == before
    assert not IdentityLink.objects.filter(external_id="lead-900")


def test_a_crm_refusal_keeps_the_item_open_with_the_reason(creating):
    world = creating
    world.post([stranger_output(world, "k-new-4")])
    item = held_item(world, "k-new-4")
    world.account.change_schema("contacts", "firstname", updateable=False)
    before = set(world.ids)
    with pytest.raises(ApplicationError, match=r"READ_ONLY_VALUE|read only"):
        services.review_item_create_new(item=item, actor=world.users["reviewer"])
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN and set(world.ids) == before


def test_only_reviewers_create_and_only_one_create_runs_at_a_time(creating):
    world = creating
    world.post([stranger_output(world, "k-new-5")])
    item = held_item(world, "k-new-5")
    with pytest.raises(PermissionDeniedError):
        services.review_item_create_new(item=item, actor=world.users["viewer"])
    cache.add(f"identity:review-create:{item.pk}", True)
    try:
        with pytest.raises(ConflictError, match="being created"):
            services.review_item_create_new(item=item, actor=world.users["reviewer"])
        with pytest.raises(ConflictError, match="being created"):
            services.review_item_resolve(item=item, crm_id=world.ids[0], actor=world.users["reviewer"])
    finally:
        cache.delete(f"identity:review-create:{item.pk}")
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN


def test_api_create_new_answers_with_the_created_record(creating):
    world = creating
    world.post([stranger_output(world, "k-new-6")])
    item = held_item(world, "k-new-6")
    from tests.factories import api_client as client_for

    url = reverse("review-item-create-new", args=[item.pk])
    assert client_for(world.users["viewer"]).post(url, {}, format="json").status_code == 403
    world.account.faults.set(error_rate=1.0)
    unavailable = client_for(world.users["reviewer"]).post(url, {}, format="json")
    assert unavailable.status_code == 503 and unavailable.json()["code"] == "crm_unavailable"
    world.account.faults.clear()
    created = client_for(world.users["reviewer"]).post(url, {"note": "via API"}, format="json")
    assert created.status_code == 200
    body = created.json()
    assert body["status"] == "create_requested" and body["resolved_crm_id"] in world.ids
