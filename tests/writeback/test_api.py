"""POST /api/v1/outputs/ and friends: roles, bad input, idempotency, reading outcomes back."""

from rest_framework.test import APIClient

from crmhub.writeback.models import InboundRecord
from tests import factories


def client_for(user) -> APIClient:
    return factories.api_client(user)


def test_integration_posts_a_batch_and_reads_outcomes_back(world):
    api = client_for(world.users["integration"])
    good = world.output(world.ids[0], "api-1", score=5)
    bad = {**world.output(world.ids[1], "api-2"), "observed_at": "yesterday", "flow": 999}
    response = api.post("/api/v1/outputs/", {"records": [good, bad]}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["accepted"] == 1 and body["rejected"] == 1
    rejected = body["results"][1]
    assert rejected["result"] == "rejected" and any("observed_at" in e for e in rejected["errors"])
    assert InboundRecord.objects.get(pk=rejected["id"]).raw["idempotency_key"] == "api-2"
    world.run()
    detail = api.get(f"/api/v1/outputs/{body['results'][0]['id']}/").json()
    assert detail["status"] == "completed"
    assert detail["outcomes"][0]["status"] == "written_verified"
    listed = api.get("/api/v1/outputs/", {"status": "completed"}).json()
    assert [r["idempotency_key"] for r in listed["results"]] == ["api-1"]
    again = api.post("/api/v1/outputs/", {"records": [good]}, format="json").json()
    assert again["duplicates"] == 1 and again["results"][0]["id"] == body["results"][0]["id"]


def test_roles_bad_envelopes_and_batch_limit(world):
    viewer = client_for(world.users["viewer"])
    record = world.output(world.ids[0], "r-1")
    assert viewer.post("/api/v1/outputs/", {"records": [record]}, format="json").status_code == 403
    assert APIClient().post("/api/v1/outputs/", {"records": [record]}, format="json").status_code in (
        401,
        403,
    )
    api = client_for(world.users["integration"])
    assert api.post("/api/v1/outputs/", {"records": []}, format="json").status_code == 400
    assert api.post("/api/v1/outputs/", {"records": [record] * 1001}, format="json").status_code == 400
    assert api.post("/api/v1/outputs/", {"nope": 1}, format="json").status_code == 400
    assert api.post("/api/v1/dead-letters/replay/", {"all": True}, format="json").status_code == 403


def test_integrations_see_only_their_own_records(world):
    from tests.factories import make_user

    other = make_user("other-bot", "integration")
    world.post([world.output(world.ids[0], "mine", score=1)])
    assert client_for(other).get("/api/v1/outputs/").json()["count"] == 0
    assert client_for(world.users["integration"]).get("/api/v1/outputs/").json()["count"] == 1
    assert client_for(world.users["viewer"]).get("/api/v1/write-outcomes/").json()["count"] == 1


def test_admin_replays_dead_letters_through_the_api(world):
    world.account.faults.set(ignore_writes_to={("contacts", "ai_score")})
    world.post([world.output(world.ids[2], "dl-1", score=8)])
    outcome = world.record("dl-1").outcomes.get()
    assert outcome.status == "dead_lettered"
    world.account.faults.clear()
    response = client_for(world.users["admin"]).post(
        "/api/v1/dead-letters/replay/", {"ids": [outcome.pk]}, format="json"
    )
    assert response.status_code == 200 and response.json()["replayed"] == [outcome.pk]
    world.run()
    outcome.refresh_from_db()
    assert outcome.status == "written_verified"


def test_an_integration_finds_accepted_and_rejected_records_by_key(world):
    api = client_for(world.users["integration"])
    bad = {**world.output(world.ids[1], "same-key"), "observed_at": "yesterday"}
    api.post("/api/v1/outputs/", {"records": [bad]}, format="json")
    api.post(
        "/api/v1/outputs/", {"records": [world.output(world.ids[1], "same-key", score=2)]}, format="json"
    )
    api.post(
        "/api/v1/outputs/", {"records": [world.output(world.ids[2], "other-key", score=3)]}, format="json"
    )
    listed = api.get("/api/v1/outputs/", {"idempotency_key": "same-key"}).json()["results"]
    assert sorted(r["status"] for r in listed) == ["received", "rejected"]
