"""The demo's cases hold what each job needs: one person entered twice in the CRM makes a tie in the review
queue (the records may be duplicates; nothing links on its own)."""

from crm_sandbox.demo import cases
from identity_app.models import ReviewItem, ReviewStatus
from identity_app.services import mirror_upsert
from tests.writeback.conftest import world  # noqa: F401


def test_the_duplicate_person_makes_a_tie_in_the_review_queue(world):  # noqa: F811
    ids = cases.duplicate_person_create(connection=world.connection)
    assert len(set(ids)) == 2
    assert cases.duplicate_person_create(connection=world.connection) == ids  # a second run creates nothing
    mirror_upsert(
        connection=world.connection,
        object_name="contacts",
        records=[
            {
                "id": crm_id,
                "values": world.account.get_record("contacts", crm_id),
                "modified_at": "2026-11-02T09:00:00Z",
            }
            for crm_id in ids
        ],
    )
    world.post([cases.tied_output(flow_name=world.flow.name, observed_at=world.sandbox.clock.now())])
    record = world.record(cases.tied_output(flow_name="")["idempotency_key"])
    assert (record.status, record.crm_id, record.rejection_reasons) == ("held_for_review", "", [])
    item = ReviewItem.objects.get(flow=world.flow, status=ReviewStatus.OPEN, external_id="lead-lena-marsh")
    tied = [candidate["crm_id"] for candidate in item.candidates if candidate.get("tied")]
    assert sorted(tied) == sorted(ids)
    assert any("may be duplicates" in note for note in record.identity["notes"])
