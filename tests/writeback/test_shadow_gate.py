"""Shadow mode plans everything and writes nothing; going live needs a reviewed sample."""

import pytest

from crmhub.core.errors import ApplicationError, PermissionDeniedError
from crmhub.writeback import services
from crmhub.writeback.models import GoLiveDecision, OutcomeStatus, WritebackEvent


def test_wilson_lower_bound_matches_known_values():
    assert services.wilson_lower_bound(0, 0) == 0.0
    assert services.wilson_lower_bound(100, 100) == pytest.approx(0.963, abs=1e-3)
    assert services.wilson_lower_bound(95, 100) == pytest.approx(0.888, abs=1e-3)


def test_shadow_writes_nothing_then_a_good_sample_takes_the_flow_live(world):
    world.flow.mode = "shadow"
    world.flow.save()
    world.settings.min_sample_size = 20
    world.settings.accuracy_threshold = 0.8
    world.settings.save()
    world.post([world.output(crm_id, f"sh-{i}", score=i) for i, crm_id in enumerate(world.ids[:25])])
    shadow = world.flow.write_outcomes.filter(status=OutcomeStatus.SHADOW)
    assert shadow.count() == 25
    assert all(world.our_writes(crm_id, "ai_score") == [] for crm_id in world.ids[:25])
    reviewer, admin = world.users["reviewer"], world.users["admin"]
    sample = services.shadow_sample_draw(flow=world.flow, actor=reviewer, size=20, seed=1)
    reviews = list(sample.reviews.all())
    for review in reviews[:5]:
        services.shadow_review_mark(review=review, verdict="correct", actor=reviewer)
    refused = services.flow_go_live(flow=world.flow, sample=sample, actor=admin)
    assert refused.approved is False and refused.reviewed == 5
    for review in reviews[5:]:
        services.shadow_review_mark(review=review, verdict="correct", actor=reviewer)
    decision = services.flow_go_live(flow=world.flow, sample=sample, actor=admin)
    world.flow.refresh_from_db()
    assert decision.approved and decision.wilson_lower > 0.8 and world.flow.mode == "live"
    assert world.flow.history.first().history_user == admin
    assert GoLiveDecision.objects.filter(flow=world.flow).count() == 2
    world.post([world.output(world.ids[26], "live-1", score=3)])
    assert world.record("live-1").outcomes.get().status == OutcomeStatus.WRITTEN_VERIFIED


def test_a_sample_with_mistakes_keeps_the_flow_in_shadow(world):
    world.flow.mode = "shadow"
    world.flow.save()
    world.settings.min_sample_size = 10
    world.settings.save()
    world.post([world.output(crm_id, f"sh-{i}", score=i) for i, crm_id in enumerate(world.ids[:10])])
    sample = services.shadow_sample_draw(flow=world.flow, actor=world.users["reviewer"], size=10, seed=2)
    for n, review in enumerate(sample.reviews.all()):
        verdict = "incorrect" if n < 2 else "correct"
        services.shadow_review_mark(review=review, verdict=verdict, actor=world.users["reviewer"])
    decision = services.flow_go_live(flow=world.flow, sample=sample, actor=world.users["admin"])
    world.flow.refresh_from_db()
    assert not decision.approved and world.flow.mode == "shadow"


def test_only_reviewers_mark_and_only_admins_switch(world):
    world.flow.mode = "shadow"
    world.flow.save()
    world.post([world.output(world.ids[0], "sh-x", score=1)])
    with pytest.raises(PermissionDeniedError):
        services.shadow_sample_draw(flow=world.flow, actor=world.users["viewer"])
    sample = services.shadow_sample_draw(flow=world.flow, actor=world.users["reviewer"])
    with pytest.raises(PermissionDeniedError):
        services.flow_go_live(flow=world.flow, sample=sample, actor=world.users["reviewer"])


def _live_ready_shadow_flow(world, scores: dict[str, list[float]]):
    """A shadow flow with the given scores per record (in order), and a sample good enough to go live."""
    world.flow.mode = "shadow"
    world.flow.save()
    world.settings.min_sample_size = 3
    world.settings.accuracy_threshold = 0.3
    world.settings.save()
    for crm_id, values in scores.items():
        for n, score in enumerate(values):
            world.sandbox.clock.advance(seconds=1)
            world.post([world.output(crm_id, f"sh-{crm_id}-{n}", score=score)])
    sample = services.shadow_sample_draw(flow=world.flow, actor=world.users["reviewer"], size=3, seed=1)
    for review in sample.reviews.all():
        services.shadow_review_mark(review=review, verdict="correct", actor=world.users["reviewer"])
    return sample


def test_going_live_can_send_the_shadow_backlog_newest_value_per_field_only(world):
    first, second, third = world.ids[:3]
    sample = _live_ready_shadow_flow(world, {first: [10, 20], second: [30], third: [40]})
    assert len(services.shadow_backlog_ids(flow=world.flow)) == 3  # the preview count: 20, 30, 40, not 10

    decision = services.flow_go_live(
        flow=world.flow, sample=sample, actor=world.users["admin"], backlog="send"
    )
    world.run()

    assert decision.approved
    assert world.crm_value(first, "ai_score") in (20, 20.0, "20", "20.0")
    assert world.crm_value(second, "ai_score") in (30, 30.0, "30", "30.0")
    assert [e.new for e in world.our_writes(first, "ai_score")] == [
        world.crm_value(first, "ai_score")
    ]  # never 10
    event = WritebackEvent.objects.get(flow=world.flow, kind="go_live")
    assert event.details["shadow_backlog"] == "send" and event.details["sent"] == 3
    assert "3 shadow value(s) sent" in event.message


def test_going_live_can_discard_the_shadow_backlog_and_says_so(world):
    sample = _live_ready_shadow_flow(world, {crm_id: [10] for crm_id in world.ids[:3]})

    decision = services.flow_go_live(
        flow=world.flow, sample=sample, actor=world.users["admin"], backlog="discard"
    )
    world.run()

    assert decision.approved
    assert all(world.our_writes(crm_id, "ai_score") == [] for crm_id in world.ids[:3])
    assert world.flow.write_outcomes.filter(status=OutcomeStatus.SHADOW).count() == 3  # kept as history
    event = WritebackEvent.objects.get(flow=world.flow, kind="go_live")
    assert event.details["shadow_backlog"] == "discard" and event.details["backlog_values"] == 3


def test_going_live_without_an_answer_for_the_backlog_is_refused(world):
    sample = _live_ready_shadow_flow(world, {crm_id: [10] for crm_id in world.ids[:3]})
    with pytest.raises(ApplicationError, match="shadow backlog"):
        services.flow_go_live(flow=world.flow, sample=sample, actor=world.users["admin"], backlog="")
