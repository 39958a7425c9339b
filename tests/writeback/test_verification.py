"""Every written value ends verified in the CRM, superseded, or dead-lettered with what the CRM shows; the
checks cost little: the sync cycle's read confirms values at no extra call, and read-after-write samples
adapt per field."""

from collections import Counter

import pytest

from crmhub.connectors.hubspot.client import HubSpotConnector
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncKind, SyncState, SyncTrigger
from crmhub.writeback import services
from crmhub.writeback.models import FieldVerificationState, OutcomeStatus, WriteOutcome
from crmhub.writeback.verification import sample_rates_for


@pytest.fixture
def calls(monkeypatch):
    """Connector calls by method name (read_records: verification and recovery reads; write: writes)."""
    counted: Counter = Counter()
    for name in ("read_records", "write"):
        original = getattr(HubSpotConnector, name)

        def counting(self, *args, _original=original, _name=name, **kwargs):
            counted[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(HubSpotConnector, name, counting)
    return counted


def configure(world, **settings):
    for name, value in settings.items():
        setattr(world.settings, name, value)
    world.settings.save()


def outcomes(prefix: str):
    return list(
        WriteOutcome.objects.filter(inbound__idempotency_key__startswith=prefix).select_related("inbound")
    )


def sync_cycle(world):
    run = sync_services.sync_run_request(
        connection=world.connection,
        object_name="contacts",
        kind=SyncKind.INCREMENTAL,
        trigger=SyncTrigger.MANUAL,
        enqueue=False,
    )
    return sync_services.sync_run_execute(run_id=run.pk)


def test_a_failed_check_rechecks_the_whole_batch_and_reads_back_every_value_until_a_clean_window(world):
    configure(world, verification_sample_rate=0.1, retry_base_seconds=60, verification_clean_window=40)
    world.account.faults.set(ignore_writes_to={("contacts", "ai_score")})
    ids = world.ids[:30]
    world.post([world.output(crm_id, f"drop-{n}", score=n) for n, crm_id in enumerate(ids)])
    first = outcomes("drop-")
    # One sampled value failed, so the batch was read back whole: none is left merely "written".
    assert {o.status for o in first} == {OutcomeStatus.RETRY_WAIT}
    assert all(o.reason.startswith("Not confirmed: the CRM shows") for o in first)
    state = FieldVerificationState.objects.get(flow=world.flow, field_name="ai_score")
    assert (state.clean_needed, state.checked, state.mismatched) == (40, 30, 30)
    assert sample_rates_for(flow=world.flow, base_rate=0.1, fields={"ai_score", "ai_segment"}) == {
        "ai_score": 0.3,
        "ai_segment": 0.1,
    }

    world.account.faults.clear()
    world.sandbox.clock.advance(seconds=61)
    services.stalled_work_recover()  # the re-sends: the check said what is missing, so no read first
    world.run()
    world.sandbox.clock.advance(seconds=61)
    services.written_values_check_dispatch()  # what the read-back sample left is checked in one batch
    world.run()
    settled = outcomes("drop-")
    assert {o.status for o in settled} == {OutcomeStatus.WRITTEN_VERIFIED}
    for outcome in settled:
        crm_id = outcome.inbound.crm_id
        assert float(world.crm_value(crm_id, "ai_score")) == outcome.planned_value
        # The timestamp landed with the first send and was never sent again; the value went out alone.
        assert len(world.our_writes(crm_id, "ai_score_updated_at")) == 1
        assert len(world.our_writes(crm_id, "ai_score")) == 1
    state.refresh_from_db()
    assert state.clean_needed == 10  # 30 clean checks of the 40 the window asks for
    assert state.sample_rate == 0.3
    world.post([world.output(crm_id, f"more-{n}", score=n + 100) for n, crm_id in enumerate(ids[:10])])
    world.sandbox.clock.advance(seconds=61)
    services.written_values_check_dispatch()
    world.run()
    state.refresh_from_db()
    assert state.clean_needed == 0  # the window closed after 40 values matched
    assert {o.status for o in outcomes("more-")} == {OutcomeStatus.WRITTEN_VERIFIED}
    assert sample_rates_for(flow=world.flow, base_rate=0.1, fields={"ai_score"}) == {"ai_score": 0.1}


def test_values_not_read_back_are_verified_by_the_next_sync_read_at_no_extra_call(world, calls):
    configure(world, verification_sample_rate=0.0)
    world.post([world.output(crm_id, f"next-{n}", score=n) for n, crm_id in enumerate(world.ids[:10])])
    assert {o.status for o in outcomes("next-")} == {OutcomeStatus.WRITTEN}
    assert calls["read_records"] == 0
    world.sandbox.clock.advance(seconds=5)
    run = sync_cycle(world)
    assert run.status == "completed", run.error
    verified = outcomes("next-")
    assert {o.status for o in verified} == {OutcomeStatus.WRITTEN_VERIFIED}
    assert all(o.verification["how"] == "next sync read" for o in verified)
    assert calls["read_records"] == 0  # the cycle's own read carried the written fields


def test_a_silent_no_op_the_sample_missed_is_caught_by_the_next_sync_read_and_sent_again(world):
    configure(world, verification_sample_rate=0.0)
    world.account.faults.set(ignore_writes_to={("contacts", "ai_score")})
    world.post([world.output(crm_id, f"miss-{n}", score=n + 0.5) for n, crm_id in enumerate(world.ids[:6])])
    assert {o.status for o in outcomes("miss-")} == {OutcomeStatus.WRITTEN}  # the sample read nothing
    world.account.faults.clear()
    world.sandbox.clock.advance(seconds=5)
    sync_cycle(world)
    world.run()
    settled = outcomes("miss-")
    assert {o.status for o in settled} == {OutcomeStatus.WRITTEN_VERIFIED}
    for outcome in settled:
        assert any(entry["event"] == "not_confirmed" for entry in outcome.log)
        assert float(world.crm_value(outcome.inbound.crm_id, "ai_score")) == outcome.planned_value
        assert len(world.our_writes(outcome.inbound.crm_id, "ai_score_updated_at")) == 1
    # The failed next-read check raised the field's sample rate like a failed read-after-write check.
    assert FieldVerificationState.objects.get(flow=world.flow, field_name="ai_score").mismatched == 6


def test_values_no_sync_read_confirms_go_to_one_batched_check(world, calls):
    configure(world, verification_sample_rate=0.0)
    SyncState.objects.create(connection=world.connection, object_name="contacts", interval_seconds=300)
    world.post([world.output(crm_id, f"sweep-{n}", score=n) for n, crm_id in enumerate(world.ids[:12])])
    assert services.written_values_check_dispatch() == 0  # within the grace: the sync read may come
    world.sandbox.clock.advance(seconds=961)  # three cycles and a minute: no cycle completed meanwhile
    assert services.written_values_check_dispatch() == 12
    world.run()
    assert {o.status for o in outcomes("sweep-")} == {OutcomeStatus.WRITTEN_VERIFIED}
    assert calls["read_records"] == 1  # twelve values, one batched read
    assert services.written_values_check_dispatch() == 0


def test_a_lost_answer_is_read_before_anything_is_sent_again(world, calls):
    world.account.faults.set(lose_next_write_responses=4)  # every try of the connector's first call
    crm_id = world.ids[3]
    world.post([world.output(crm_id, "lost", score=77)])
    outcome = outcomes("lost")[0]
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED
    assert "before re-sending; not sent again" in outcome.reason
    assert calls["write"] == 1  # the one call whose answers were lost; the value was found, not re-sent
    assert len(world.our_writes(crm_id, "ai_score_updated_at")) == 1


def test_a_value_out_of_attempts_that_reached_the_crm_is_not_dead_lettered(world):
    configure(world, max_attempts=1)
    world.account.faults.set(lose_next_write_responses=4)
    world.post([world.output(world.ids[4], "landed", score=5)])
    outcome = outcomes("landed")[0]
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED, outcome.reason


def test_two_values_for_one_field_of_one_record_in_one_batch_the_earlier_is_superseded(world):
    crm_id = world.ids[5]
    world.post([world.output(crm_id, "twice-1", score=1), world.output(crm_id, "twice-2", score=2)])
    first, second = sorted(outcomes("twice-"), key=lambda o: o.pk)
    assert first.status == OutcomeStatus.SUPERSEDED and f"#{second.pk}" in first.reason
    assert second.status == OutcomeStatus.WRITTEN_VERIFIED
    assert float(world.crm_value(crm_id, "ai_score")) == 2


def test_a_stamp_kept_to_the_millisecond_or_the_second_is_still_ours(world):
    from crmhub.writeback.verification import check_outcome

    world.post([world.output(world.ids[6], "stamp", score=3)])
    outcome = outcomes("stamp")[0]
    outcome.companion_value = "2026-11-02T09:00:00.123456Z"
    for kept in ("2026-11-02T09:00:00.123Z", "2026-11-02T09:00:00Z", 1793610000123):
        check = check_outcome(outcome, {"ai_score": "3", "ai_score_updated_at": kept})
        assert check.confirmed and check.companion_is_ours, kept
    older = check_outcome(outcome, {"ai_score": "3", "ai_score_updated_at": "2026-11-02T08:59:59.000Z"})
    assert not older.confirmed and not older.companion_is_ours
    newer = check_outcome(outcome, {"ai_score": "3", "ai_score_updated_at": "2026-11-02T09:05:00.000Z"})
    assert newer.confirmed and not newer.companion_is_ours  # a later write of ours stamped the record


def test_values_a_completed_sync_read_did_not_confirm_go_to_the_batched_check_before_their_grace(world):
    from crmhub.sync.models import SyncRun, SyncStatus

    configure(world, verification_sample_rate=0.0)
    state = SyncState.objects.create(
        connection=world.connection, object_name="contacts", interval_seconds=300
    )
    world.post([world.output(crm_id, f"quiet-{n}", score=n) for n, crm_id in enumerate(world.ids[:3])])
    assert services.written_values_check_dispatch() == 0
    world.sandbox.clock.advance(seconds=61)  # a few due values wait up to a minute for more to join a read
    # A cycle that began after the writes and completed without confirming them (as when a CRM does not
    # count a write as a change): its read did not cover these records, so they are checked now.
    SyncRun.objects.create(
        connection=world.connection,
        state=state,
        object_name="contacts",
        kind=SyncKind.INCREMENTAL,
        status=SyncStatus.COMPLETED,
        started_at=world.sandbox.clock.now(),
    )
    assert services.written_values_check_dispatch() == 3
    world.run()
    assert {o.verification["how"] for o in outcomes("quiet-")} == {"batched check"}
