"""The pipeline against the in-process HubSpot sandbox, one branch at a time."""

from crmhub.writeback.models import InboundStatus, OutcomeStatus, WriteOutcome


def outcomes_of(world, key):
    return {o.target_name or o.source_key: o for o in world.record(key).outcomes.all()}


def test_ai_owned_value_is_written_with_its_timestamp_and_verified(world):
    crm_id = world.ids[0]
    world.post([world.output(crm_id, "k1", score=42.5)])
    outcome = outcomes_of(world, "k1")["ai_score"]
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED, outcome.reason
    assert float(world.crm_value(crm_id, "ai_score")) == 42.5
    assert world.crm_value(crm_id, "ai_score_updated_at")
    assert outcome.companion_field == "ai_score_updated_at" and outcome.companion_value
    assert outcome.verification["matched"] is True
    assert world.record("k1").status == InboundStatus.COMPLETED
    assert world.record("k1").identity["outcome"] == "matched"


def test_rep_edit_after_observed_at_on_hybrid_field_with_skip_policy_is_never_overwritten(world):
    from mappings_app.models import FieldOwnership

    FieldOwnership.objects.filter(crm_field__name="ai_segment").update(conflict_policy="skip")
    crm_id = world.ids[1]
    observed = world.sandbox.clock.now()
    world.sandbox.clock.advance(seconds=30)
    world.account.rep_edit("contacts", crm_id, {"ai_segment": "enterprise"})
    world.sandbox.clock.advance(seconds=30)
    options = world.flow.crm_object.fields.get(name="ai_segment").picklist_options
    other = next(o for o in options if o != "enterprise")
    world.post([world.output(crm_id, "k2", observed_at=observed, segment=other)])
    outcome = outcomes_of(world, "k2")["ai_segment"]
    assert outcome.status == OutcomeStatus.SKIPPED
    assert "rep edited" in outcome.ownership_decision and outcome.last_human_edit_at
    assert world.crm_value(crm_id, "ai_segment") == "enterprise"
    assert world.our_writes(crm_id, "ai_segment") == []


def test_rep_edit_after_observed_at_with_flag_policy_becomes_a_conflict_a_reviewer_decides(world):
    from crmhub.writeback import services

    crm_id = world.ids[2]
    observed = world.sandbox.clock.now()
    world.sandbox.clock.advance(seconds=30)
    world.account.rep_edit("contacts", crm_id, {"ai_segment": "enterprise"})
    options = world.flow.crm_object.fields.get(name="ai_segment").picklist_options
    other = next(o for o in options if o != "enterprise")
    world.post([world.output(crm_id, "k3", observed_at=observed, segment=other)])
    outcome = outcomes_of(world, "k3")["ai_segment"]
    assert outcome.status == OutcomeStatus.CONFLICT and outcome.conflict_resolution == "open"
    assert world.crm_value(crm_id, "ai_segment") == "enterprise"
    services.write_conflict_resolve(outcome=outcome, decision="overwrite", actor=world.users["admin"])
    world.run()
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED
    assert world.crm_value(crm_id, "ai_segment") == other


def test_hybrid_field_without_later_human_edit_is_written_and_always_verified(world):
    world.settings.verification_sample_rate = 0.0
    world.settings.save()
    crm_id = world.ids[3]
    world.sandbox.clock.advance(seconds=5)
    options = world.flow.crm_object.fields.get(name="ai_segment").picklist_options
    world.post([world.output(crm_id, "k4", segment=options[0], score=7)])
    outcomes = outcomes_of(world, "k4")
    assert outcomes["ai_segment"].status == OutcomeStatus.WRITTEN_VERIFIED
    # Changed deliberately (issue 14): the record is read back for its hybrid field, and that same read
    # verifies the score at no extra call (values of unread records wait for the next read instead).
    assert outcomes["ai_score"].status == OutcomeStatus.WRITTEN_VERIFIED
    assert outcomes["ai_score"].verification["how"] == "read after write"


def test_silently_ignored_write_is_caught_by_verification(world):
    # Changed deliberately (issue 14): a silent no-op is re-sent (value only) before it is given up, and
    # the companion timestamp that landed without its value is put back, so nothing of the value is left.
    world.account.faults.set(ignore_writes_to={("contacts", "ai_score")})
    crm_id = world.ids[4]
    stamp_before = world.crm_value(crm_id, "ai_score_updated_at")
    world.post([world.output(crm_id, "k5", score=99)])
    outcome = outcomes_of(world, "k5")["ai_score"]
    assert outcome.status == OutcomeStatus.DEAD_LETTERED
    assert outcome.failure_kind == "verification_mismatch"
    assert "Not confirmed: the CRM shows" in outcome.reason and "put back" in outcome.reason
    assert outcome.attempts == world.settings.max_attempts
    assert world.crm_value(crm_id, "ai_score_updated_at") in (stamp_before, None, "")
    stamps = world.our_writes(crm_id, "ai_score_updated_at")
    assert len(stamps) == 2  # sent once with the value, put back once: never re-sent on its own


def test_value_that_does_not_fit_is_rejected_with_its_reason_and_never_sent(world):
    crm_id = world.ids[5]
    world.post([world.output(crm_id, "k6", score="lots", unknown_key=1)])
    outcomes = outcomes_of(world, "k6")
    assert (
        outcomes["ai_score"].status == OutcomeStatus.REJECTED
        and "not a number" in outcomes["ai_score"].reason
    )
    assert outcomes["unknown_key"].status == OutcomeStatus.REJECTED
    assert "No active mapping" in outcomes["unknown_key"].reason
    assert world.our_writes(crm_id, "ai_score") == []


def test_rep_owned_target_is_never_written(world):
    from mappings_app.models import FieldOwnership

    FieldOwnership.objects.filter(crm_field__name="ai_score").update(owner="rep_owned")
    crm_id = world.ids[6]
    world.post([world.output(crm_id, "k7", score=5)])
    outcome = outcomes_of(world, "k7")["ai_score"]
    assert outcome.status == OutcomeStatus.SKIPPED and "rep-owned" in outcome.reason
    assert world.our_writes(crm_id, "ai_score") == []


def test_schema_drift_halts_writes_marks_mappings_broken_and_alerts(world):
    from crmhub.writeback.models import WritebackEvent
    from mappings_app.models import FieldMapping

    world.account.change_schema("contacts", "ai_score", new_type="string")
    crm_id = world.ids[7]
    world.post([world.output(crm_id, "k8", score=3)])
    outcome = outcomes_of(world, "k8")["ai_score"]
    assert outcome.status == OutcomeStatus.DEAD_LETTERED and outcome.failure_kind == "schema_drift"
    mapping = FieldMapping.objects.get(source_key="score")
    assert "changed type" in mapping.broken_reason
    assert mapping.history.first().history_change_reason == "write-back: schema drift"
    assert WritebackEvent.objects.filter(kind="schema_drift").exists()
    world.post([world.output(world.ids[8], "k9", score=4)])
    assert outcomes_of(world, "k9")["ai_score"].failure_kind == "schema_drift"
    assert world.our_writes(crm_id, "ai_score") == [] and world.our_writes(world.ids[8], "ai_score") == []


def test_deleted_target_field_is_caught_when_the_crm_refuses_the_write(world):
    world.settings.schema_check_seconds = 10_000
    world.settings.schema_checked_at = world.sandbox.clock.now()
    world.settings.save()
    world.account.change_schema("contacts", "ai_score", deleted=True)
    world.post([world.output(world.ids[9], "k10", score=3)])
    outcome = outcomes_of(world, "k10")["ai_score"]
    assert outcome.failure_kind == "schema_drift" and "no longer exists" in outcome.reason


def test_rate_limit_storm_ends_with_every_value_written(world):
    world.account.faults.set(rate_limit_storm=0.7)
    records = [world.output(crm_id, f"storm-{i}", score=i) for i, crm_id in enumerate(world.ids[:20])]
    before = {crm_id: len(world.our_writes(crm_id, "ai_score")) for crm_id in world.ids[:20]}
    world.post(records)
    world.account.faults.clear()
    outcomes = WriteOutcome.objects.filter(inbound__idempotency_key__startswith="storm-")
    assert outcomes.count() == 20
    assert set(outcomes.values_list("status", flat=True)) == {OutcomeStatus.WRITTEN_VERIFIED}
    assert all(o.attempts == 0 for o in outcomes)  # waiting out limits never used the retry budget
    for i, crm_id in enumerate(world.ids[:20]):
        assert float(world.crm_value(crm_id, "ai_score")) == i
        assert len(world.our_writes(crm_id, "ai_score")) == before[crm_id] + 1


def test_transient_errors_are_retried_then_dead_lettered_and_replayed_after_the_fix(world):
    from crmhub.writeback import services

    world.settings.max_attempts = 2
    world.settings.save()
    world.account.faults.set(error_rate=1.0)
    crm_id = world.ids[10]
    world.post([world.output(crm_id, "k11", score=11)])
    outcome = outcomes_of(world, "k11")["ai_score"]
    assert outcome.status == OutcomeStatus.DEAD_LETTERED and outcome.failure_kind == "transient_exhausted"
    assert outcome.attempts == 2
    world.account.faults.clear()
    summary = services.dead_letters_replay(outcomes=[outcome], actor=world.users["admin"])
    assert summary.replayed == [outcome.pk]
    world.run()
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED and outcome.replay_count == 1
    assert float(world.crm_value(crm_id, "ai_score")) == 11


def test_auth_failure_pauses_the_connection_and_resume_sends_the_waiting_writes(world):
    from crmhub.writeback import services
    from crmhub.writeback.models import WritebackEvent

    world.account.revoke_refresh_token()
    world.account.expire_access_token()
    crm_id = world.ids[11]
    world.post([world.output(crm_id, "k12", score=12)])
    world.connection.refresh_from_db()
    assert world.connection.status == "paused" and "Auth failure" in world.connection.status_reason
    assert WritebackEvent.objects.filter(kind="auth_failure").count() == 1
    outcome = outcomes_of(world, "k12")["ai_score"]
    assert outcome.status == OutcomeStatus.PENDING and "paused" in outcome.reason
    world.connection.credentials = {**world.connection.credentials, **world.account.credentials}
    world.connection.save()
    world.account.credentials  # the sandbox keeps issuing; a fresh token is what an admin pastes
    services.connection_resume(connection=world.connection, actor=world.users["admin"])
    world.run()
    outcome.refresh_from_db()
    assert outcome.status in (OutcomeStatus.WRITTEN_VERIFIED, OutcomeStatus.PENDING)


def test_unresolved_record_is_held_and_resumes_when_a_reviewer_links_it(
    world, django_capture_on_commit_callbacks
):
    from identity_app.services import review_item_resolve

    crm_id = world.ids[12]
    record = world.output(crm_id, "k13", score=13)
    record["identifiers"] = {"email": "nobody-known@example.org"}
    world.post([record])
    held = world.record("k13")
    assert held.status == InboundStatus.HELD_FOR_REVIEW and held.review_item is not None
    assert held.outcomes.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        review_item_resolve(item=held.review_item, crm_id=crm_id, actor=world.users["reviewer"])
    world.run()
    held.refresh_from_db()
    assert held.status == InboundStatus.COMPLETED and held.crm_id == crm_id
    assert float(world.crm_value(crm_id, "ai_score")) == 13


def test_held_record_is_dropped_when_a_reviewer_dismisses_its_review_item(
    world, django_capture_on_commit_callbacks
):
    from identity_app.services import review_item_dismiss

    record = world.output(world.ids[14], "k15", score=15)
    record["identifiers"] = {"email": "stranger@example.org"}
    world.post([record])
    held = world.record("k15")
    assert held.status == InboundStatus.HELD_FOR_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        review_item_dismiss(item=held.review_item, actor=world.users["reviewer"], note="not a customer")
    world.run()

    held.refresh_from_db()
    assert held.status == InboundStatus.DISMISSED
    assert held.outcomes.count() == 0


def test_worker_killed_after_claiming_recovers_without_writing_twice(world):
    from crmhub.writeback import pipeline, services

    crm_id = world.ids[13]
    world.post([world.output(crm_id, "k14", score=14)])
    outcome = outcomes_of(world, "k14")["ai_score"]
    assert len(world.our_writes(crm_id, "ai_score")) == 1
    # Simulate a worker that wrote, then died before saving: the outcome is left in flight.
    WriteOutcome.objects.filter(pk=outcome.pk).update(
        status="in_flight", claim_token="dead", due_at=world.sandbox.clock.now()
    )
    world.sandbox.clock.advance(seconds=1)
    assert services.stalled_work_recover() == 1
    world.run()
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED and "restart" in outcome.reason
    assert len(world.our_writes(crm_id, "ai_score")) == 1
    assert pipeline  # the stage under test


def test_repeated_idempotency_key_returns_the_original_and_writes_once(world):
    """A retry (same content) is a duplicate; the key with new content is a conflict naming the first."""
    crm_id = world.ids[14]
    first = world.post([world.output(crm_id, "same", score=1)])
    retry = world.post([world.output(crm_id, "same", score=1)])
    assert retry[0].outcome == "duplicate" and retry[0].record.pk == first[0].record.pk
    second = world.post([world.output(crm_id, "same", score=2)])
    assert second[0].outcome == "conflict" and second[0].conflicts_with.pk == first[0].record.pk
    assert second[0].record.status == "rejected"
    assert float(world.crm_value(crm_id, "ai_score")) == 1
    assert len(world.our_writes(crm_id, "ai_score")) == 1


def test_payloads_past_retention_are_purged_and_outcomes_kept(world):
    from datetime import timedelta

    from django.utils import timezone

    from crmhub.writeback import services

    world.post([world.output(world.ids[15], "old", score=1)])
    assert services.payloads_purge(now=timezone.now() + timedelta(days=31)) == 1
    record = world.record("old")
    assert record.values == {} and record.payload_purged_at is not None
    assert record.outcomes.get().status == OutcomeStatus.WRITTEN_VERIFIED


def test_a_removed_picklist_option_halts_writes_to_that_field_only(world):
    """Changed with issue 16: the write path uses the catalog's one drift rule set, in which a picklist that
    lost options has drifted (the sync cycle already counted it; the write path did not)."""
    from crmhub.writeback.models import WritebackEvent
    from mappings_app.models import FieldMapping

    options = world.account.schema["contacts"]["ai_segment"].options
    world.account.change_schema("contacts", "ai_segment", options=options[:-1])
    crm_id = world.ids[5]
    world.post([world.output(crm_id, "k-opt", segment=options[0], score=6)])
    outcomes = outcomes_of(world, "k-opt")
    assert outcomes["ai_segment"].failure_kind == "schema_drift"
    assert f"lost picklist options: {options[-1]}" in outcomes["ai_segment"].reason
    assert outcomes["ai_score"].status != OutcomeStatus.DEAD_LETTERED
    assert (
        f"lost picklist options: {options[-1]}"
        in FieldMapping.objects.get(source_key="segment").broken_reason
    )
    assert FieldMapping.objects.get(source_key="score").broken_reason == ""
    event = WritebackEvent.objects.get(kind="schema_drift")
    assert event.details["fields"] == ["ai_segment"]
