"""Who may open and do what: admins act, reviewers review shadow writes, viewers read, integration accounts
get no browser page at all, strangers must sign in."""

import pytest
from django.test import Client
from django.urls import reverse

from crmhub.models import ConnectionStatus
from crmhub.writeback import services
from crmhub.writeback.models import ConflictResolution, GoLiveDecision, OutcomeStatus, ShadowSample
from tests import factories

pytestmark = pytest.mark.database_neutral  # who may open and do what: the SQLite pass leaves it out

PAGES = ["records", "dead-letters", "conflicts", "flows", "connections"]


@pytest.fixture
def page_urls(story, world) -> list[str]:
    return [reverse(f"writeback:{name}") for name in PAGES] + [
        reverse("writeback:record", args=[story.written.pk]),
        reverse("writeback:flow", args=[world.flow.pk]),
        reverse("writeback:dead-letters-replay-all"),
    ]


@pytest.mark.parametrize("role", ["admin", "reviewer", "viewer"])
def test_people_with_a_role_read_every_page(role, login, world, page_urls):
    client = login(world.users[role])
    for url in page_urls:
        expected = 403 if url.endswith("replay-all/") and role != "admin" else 200
        assert client.get(url).status_code == expected, url


def test_integration_accounts_get_no_page_even_with_a_session(login, world, page_urls):
    client = login(world.users["integration"])
    for url in page_urls:
        assert client.get(url).status_code == 403, url


def test_integration_accounts_cannot_sign_in_to_the_browser(client, world):
    response = client.post(reverse("login"), {"username": "scorer-bot", "password": factories.PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_strangers_are_sent_to_sign_in(world, page_urls):
    for url in page_urls:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("role", ["reviewer", "viewer", "integration"])
def test_only_admins_replay_decide_conflicts_and_resume(role, login, world, story):
    client = login(world.users[role])
    world.connection.status = ConnectionStatus.PAUSED
    world.connection.save()
    posts = [
        (reverse("writeback:dead-letters-replay"), {"one": story.dead.pk}),
        (reverse("writeback:dead-letters-replay-all"), {}),
        (reverse("writeback:conflict-resolve", args=[story.conflict.pk]), {"decision": "overwrite"}),
        (reverse("writeback:connection-resume", args=[world.connection.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    story.dead.refresh_from_db()
    story.conflict.refresh_from_db()
    world.connection.refresh_from_db()
    assert story.dead.status == OutcomeStatus.DEAD_LETTERED and story.dead.replay_count == 0
    assert story.conflict.conflict_resolution == ConflictResolution.OPEN
    assert world.connection.status == ConnectionStatus.PAUSED


@pytest.fixture
def shadow_sample(world):
    world.flow.mode = "shadow"
    world.flow.save()
    world.post([world.output(crm_id, f"sh-{n}", score=n) for n, crm_id in enumerate(world.ids[:5])])
    return services.shadow_sample_draw(flow=world.flow, actor=world.users["reviewer"], size=5, seed=3)


@pytest.mark.parametrize("role", ["viewer", "integration"])
def test_readers_cannot_draw_or_mark_samples(role, login, world, shadow_sample):
    client = login(world.users[role])
    review = shadow_sample.reviews.first()
    assert client.post(reverse("writeback:sample-draw", args=[world.flow.pk]), {"size": 5}).status_code == 403
    response = client.post(
        reverse("writeback:sample-review", args=[shadow_sample.pk]), {f"verdict-{review.pk}": "correct"}
    )
    assert response.status_code == 403
    assert ShadowSample.objects.count() == 1 and shadow_sample.reviews.exclude(verdict="").count() == 0


def test_reviewers_mark_samples_but_do_not_switch_flows_live(login, world, shadow_sample):
    client = login(world.users["reviewer"])
    review = shadow_sample.reviews.first()
    response = client.post(
        reverse("writeback:sample-review", args=[shadow_sample.pk]), {f"verdict-{review.pk}": "correct"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.verdict == "correct" and review.reviewed_by == world.users["reviewer"]
    assert client.post(reverse("writeback:go-live", args=[shadow_sample.pk])).status_code == 403
    assert GoLiveDecision.objects.count() == 0


def test_read_only_pages_offer_no_action_to_viewers(login, world, story, shadow_sample):
    client = login(world.users["viewer"])
    assert "Replay selected" not in client.get(reverse("writeback:dead-letters")).content.decode()
    assert "/resolve/" not in client.get(reverse("writeback:conflicts")).content.decode()
    sample_page = client.get(reverse("writeback:sample", args=[shadow_sample.pk])).content.decode()
    assert "Save verdicts" not in sample_page and "Switch lead scores to live" not in sample_page
    assert (
        "Draw a random sample"
        not in client.get(reverse("writeback:flow", args=[world.flow.pk])).content.decode()
    )
