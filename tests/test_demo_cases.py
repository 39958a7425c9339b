"""The demo's cases hold what each job needs: one person entered twice in the CRM makes a tie in the review
queue (the records may be duplicates; nothing links on its own)."""

from crm_sandbox.demo import cases
from crmhub.core.connectors import connector_for
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


def test_the_retired_option_is_dead_lettered_then_fixed_by_a_mapping_and_replayed(world):  # noqa: F811
    from crmhub.writeback import services
    from crmhub.writeback.models import FailureKind, OutcomeStatus
    from mappings_app.schema_sync import crm_schema_sync
    from tests import factories

    with cases.retired_option_listed(world.account), connector_for(world.connection) as connector:
        crm_schema_sync(connection=world.connection, schemas=connector.discover_schema(["contacts"]))
    admin, approver = world.users["admin"], world.users["approver"]
    factories.apply_change(
        world.connection,
        admin,
        approver,
        [
            factories.ownership_op("hs_lead_status", "ai_owned"),
            factories.mapping_op("lead_status", "hs_lead_status"),
        ],
    )
    crm_id = world.ids[4]
    output = cases.retired_option_output(
        flow_name=world.flow.name, email=world.email_of(crm_id), observed_at=world.sandbox.clock.now()
    )
    world.post([output])
    outcome = world.record(output["idempotency_key"]).outcomes.get(target_name="hs_lead_status")
    assert outcome.status == OutcomeStatus.DEAD_LETTERED
    assert outcome.failure_kind == FailureKind.SCHEMA_DRIFT and "NURTURING" in outcome.reason

    # The fix: the retired status maps onto a current one (a change request, four eyes), then Replay.
    factories.apply_change(
        world.connection,
        admin,
        approver,
        [
            factories.mapping_op(
                "lead_status",
                "hs_lead_status",
                transform="value_map",
                transform_params={"map": {"NURTURING": "OPEN"}},
            )
        ],
    )
    summary = services.dead_letters_replay(outcomes=[outcome], actor=admin)
    assert summary.replayed == [outcome.pk]
    world.run()
    outcome.refresh_from_db()
    assert outcome.status in (OutcomeStatus.WRITTEN, OutcomeStatus.WRITTEN_VERIFIED)
    assert world.crm_value(crm_id, "hs_lead_status") == "OPEN"


def test_a_second_demo_run_does_not_post_its_outputs_again_under_the_same_keys(world):  # noqa: F811
    """`make demo` twice on one database: the outputs of the first run are not re-sent with a new observed
    time (which the hub rightly rejects as a reused key with other content)."""
    first = cases.tied_output(flow_name=world.flow.name, observed_at=world.sandbox.clock.now())
    world.post([first])
    world.sandbox.clock.advance(seconds=60)
    again = cases.tied_output(flow_name=world.flow.name, observed_at=world.sandbox.clock.now())
    other = {**again, "idempotency_key": "demo-case-something-new"}
    assert cases.outputs_not_yet_posted([again, other]) == [other]
