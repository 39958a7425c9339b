"""Hostile records inside ingest batches: each is rejected with its reason and kept, the rest are stored."""

import json
import threading

import pytest
from django.db import connection

from crmhub.writeback import parsing, services
from crmhub.writeback.models import InboundRecord
from tests import factories


@pytest.fixture
def world(writeback_world):
    """These attacks go through ingest: the write-back world."""
    return writeback_world


POISON = {
    "nul in a value": lambda r: {**r, "values": {"score": 1, "note": "a\x00b"}},
    "nul in a key": lambda r: {**r, "values": {"sc\x00ore": 1}},
    "lone surrogate": lambda r: {**r, "external_id": "ext-\ud800"},
    "surrogate in identifiers": lambda r: {**r, "identifiers": {"email": "x\udfff@example.com"}},
    "flow as a list": lambda r: {**r, "flow": [r["flow"]]},
    "flow as an object": lambda r: {**r, "flow": {"id": r["flow"]}},
    "flow as a superscript digit": lambda r: {**r, "flow": "²"},
    "flow out of range": lambda r: {**r, "flow": 10**30},
    "flow as a boolean": lambda r: {**r, "flow": True},
    "infinite number": lambda r: {**r, "values": {"score": HUGE}},
    "impossible date": lambda r: {**r, "observed_at": "2026-13-45T10:00:00Z"},
    "nul in the date": lambda r: {**r, "observed_at": "2026-01-01T00:00:00Z\x00"},
    "idempotency key as a list": lambda r: {**r, "idempotency_key": ["k"]},
    "a record that is a string": lambda r: "not an object",
    "values too deep": lambda r: {**r, "values": {"score": _nested(40)}},
    "keys equal once trimmed": lambda r: {**r, "values": {"score": 1, " score ": 2}},
}


HUGE = "__a number JSON parses to infinity__"


def post(user, records):
    """Posts the batch as JSON text, with 1e400 (which Python reads as infinity) where HUGE stands."""
    body = json.dumps({"records": records}).replace(json.dumps(HUGE), "1e400")
    return factories.api_client(user).post("/api/v1/outputs/", body, content_type="application/json")


def _nested(depth: int):
    value: object = 1
    for _ in range(depth):
        value = {"x": value}
    return value


@pytest.mark.parametrize("name", sorted(POISON))
def test_each_poison_record_is_rejected_with_a_reason_and_its_neighbours_stored(world, name):
    good_before = world.output(world.ids[0], f"{name}-before", score=1)
    good_after = world.output(world.ids[1], f"{name}-after", score=2)
    poison = POISON[name](world.output(world.ids[2], f"{name}-poison", score=3))
    response = post(world.users["integration"], [good_before, poison, good_after])
    assert response.status_code == 202, response.content
    body = response.json()
    assert [r["result"] for r in body["results"]] == ["accepted", "rejected", "accepted"]
    rejected = InboundRecord.objects.get(pk=body["results"][1]["id"])
    assert rejected.status == "rejected" and rejected.rejection_reasons == body["results"][1]["errors"] != []
    posted = json.loads(json.dumps(poison).replace(json.dumps(HUGE), "1e400"))
    assert parsing.posted_raw(rejected.raw) == (posted if isinstance(posted, dict) else {"value": posted})


def test_a_rejected_poison_record_is_replayed_from_exactly_what_was_posted(world):
    poison = {**world.output(world.ids[3], "nul-replay"), "external_id": "e\x00"}
    [result] = services.outputs_ingest(user=world.users["integration"], records=[poison])
    assert result.outcome == "rejected" and "external_id: contains a NUL byte." in result.errors
    [again] = services.inbound_rejected_replay(records=[result.record], actor=world.users["admin"])
    assert again.outcome == "rejected" and again.errors == result.errors


def test_text_is_normalised_and_spaces_around_keys_are_dropped(world):
    decomposed = "Rene\u0301"  # "René" with a combining accent
    record = {
        **world.output(world.ids[4], "  spaced-key  ", score=4),
        "attributes": {" first_name ": decomposed},
        "external_id": "  ext-4 ",
    }
    [result] = world.post([record])
    stored = InboundRecord.objects.get(pk=result.record.pk)
    assert stored.idempotency_key == "spaced-key" and stored.external_id == "ext-4"
    assert stored.attributes == {"first_name": "René"}
    [retry] = services.outputs_ingest(user=world.users["integration"], records=[{**record}])
    assert retry.outcome == "duplicate" and retry.record.pk == stored.pk
    [spaced] = services.outputs_ingest(
        user=world.users["integration"], records=[{**record, "idempotency_key": "spaced-key"}]
    )
    assert spaced.outcome == "duplicate"


def test_a_batch_of_1000_with_poison_inside_stores_the_good_records(world):
    records = [world.output(world.ids[n % 30], f"big-{n}", score=n % 100) for n in range(1000)]
    poison_at = {17: "nul in a value", 400: "lone surrogate", 999: "flow as a list"}
    for index, name in poison_at.items():
        records[index] = POISON[name](records[index])
    response = post(world.users["integration"], records)
    assert response.status_code == 202, response.content[:500]
    body = response.json()
    assert (body["accepted"], body["rejected"]) == (997, 3)
    assert [r["index"] for r in body["results"] if r["result"] == "rejected"] == sorted(poison_at)
    assert InboundRecord.objects.exclude(status="rejected").count() == 997
    repeat = post(world.users["integration"], records)
    assert repeat.status_code == 202 and repeat.json()["duplicates"] == 997


def test_a_reused_key_with_other_content_is_a_conflict_naming_the_first_record(world):
    api = factories.api_client(world.users["integration"])
    first = api.post(
        "/api/v1/outputs/", {"records": [world.output(world.ids[5], "k1", score=1)]}, format="json"
    )
    first_id = first.json()["results"][0]["id"]
    same = api.post(
        "/api/v1/outputs/", {"records": [world.output(world.ids[5], "k1", score=1)]}, format="json"
    )
    assert same.json()["results"][0] | {"errors": []} == {
        "index": 0,
        "id": first_id,
        "idempotency_key": "k1",
        "result": "duplicate",
        "status": "received",
        "errors": [],
        "conflicts_with": None,
    }
    other = api.post(
        "/api/v1/outputs/", {"records": [world.output(world.ids[5], "k1", score=9)]}, format="json"
    )
    result = other.json()["results"][0]
    assert other.status_code == 202 and other.json()["conflicts"] == 1
    assert result["result"] == "conflict" and result["conflicts_with"] == first_id
    assert f"#{first_id}" in result["errors"][0]
    kept = InboundRecord.objects.get(pk=result["id"])
    assert kept.status == "rejected" and kept.raw["values"] == {"score": 9}


def test_a_deeply_nested_body_is_a_400_not_a_500(world):
    body = '{"records": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    response = factories.api_client(world.users["integration"]).post(
        "/api/v1/outputs/", body, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.postgres
def test_twenty_clients_posting_overlapping_batches_never_get_a_500(world, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run under `python -m tests.harness`")
    user = world.users["integration"]
    token = factories.make_token(user)
    batches = [
        [world.output(world.ids[(c + n) % 30], f"over-{(c * 7 + n) % 120}", score=1) for n in range(60)]
        for c in range(20)
    ]
    # One content per key, whoever sends it: overlapping batches are retries of one another.
    for batch in batches:
        for record in batch:
            record["external_id"] = "ext-" + record["idempotency_key"]
            record["identifiers"] = {"crm_id": world.ids[int(record["idempotency_key"][5:]) % 30]}
    statuses, errors = [], []

    def post(batch):
        try:
            client = factories.api_client()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            response = client.post("/api/v1/outputs/", {"records": batch}, format="json")
            statuses.append(response.status_code)
            assert {r["result"] for r in response.json()["results"]} <= {"accepted", "duplicate"}
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and statuses == [202] * 20
    keys = {record["idempotency_key"] for batch in batches for record in batch}
    assert InboundRecord.objects.filter(integration_user=user).count() == len(keys)
