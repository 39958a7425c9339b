"""Shadow mode plans everything and writes nothing; going live needs a reviewed sample."""

import pytest

from crmhub.core.errors import PermissionDeniedError
from crmhub.writeback import services
from crmhub.writeback.models import GoLiveDecision, OutcomeStatus


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
