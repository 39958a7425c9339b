"""The CDP emulator fed by Segment's official Python client (segment-analytics-python) over real HTTP on
127.0.0.1: what it stores, and the limits as Segment documents them (400 past 32 KB per event or 500 KB per
batch, 200-but-rejected past 2,500 events or without a user id, dedup by messageId, 429 with Retry-After)."""

import httpx
import pytest
from segment.analytics.client import Client
from segment.analytics.request import APIError
from segment.analytics.request import post as segment_post

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread

WRITE_KEY = "wk_official_client"
KB = 1024


@pytest.fixture
def cdp():
    """(sandbox, source, host for the client)."""
    sandbox = Sandbox(seed=5)
    source = sandbox.cdp.add_source(WRITE_KEY)
    running = serve_in_thread(sandbox, port=0)
    yield sandbox, source, running.base_url + "/cdp"
    running.shutdown()


def test_sync_client_identify_group_track_are_stored_as_sent(cdp):
    _sandbox, source, host = cdp
    client = Client(WRITE_KEY, host=host, sync_mode=True)
    _, identify = client.identify("hubspot:contacts:101", {"email": "ann@example.com", "plan": "pro"})
    client.group("hubspot:contacts:101", "hubspot:companies:7", {"name": "Initech", "employees": 420})
    _, track = client.track("hubspot:contacts:101", "Deal Stage Changed", {"from": "qualified", "to": "won"})

    assert [m["type"] for m in source.messages] == ["identify", "group", "track"]
    stored = {m["messageId"]: m for m in source.messages}
    assert stored[identify["messageId"]]["traits"] == {"email": "ann@example.com", "plan": "pro"}
    assert stored[identify["messageId"]]["userId"] == "hubspot:contacts:101"
    assert source.messages[1]["groupId"] == "hubspot:companies:7"
    assert stored[track["messageId"]]["event"] == "Deal Stage Changed"
    assert stored[track["messageId"]]["properties"] == {"from": "qualified", "to": "won"}
    assert all(m["receivedAt"] and m["sentAt"] for m in source.messages)
    assert source.messages[0]["context"]["library"]["name"] == "analytics-python"


def test_threaded_client_with_gzip_delivers_every_event_in_batches(cdp):
    _sandbox, source, host = cdp
    client = Client(WRITE_KEY, host=host, gzip=True, upload_size=100, upload_interval=0.05)
    for number in range(250):
        client.track(f"user-{number}", "Email Consent Withdrawn", {"purpose": "email_marketing"})
    client.flush()
    client.join()

    assert len(source.messages) == 250
    assert {m["userId"] for m in source.messages} == {f"user-{n}" for n in range(250)}
    assert len(source.requests) >= 3  # the client batches by 100
    assert all(request.status == 200 for request in source.requests)


def test_resent_message_id_is_stored_once(cdp):
    _sandbox, source, host = cdp
    client = Client(WRITE_KEY, host=host, sync_mode=True)
    client.track("u1", "Deal Stage Changed", {"to": "won"}, message_id="change-42")
    client.track("u1", "Deal Stage Changed", {"to": "won"}, message_id="change-42")
    assert len(source.messages) == 1
    assert source.duplicates == 1


def test_batch_over_500_kb_is_a_400_and_stores_nothing(cdp):
    _sandbox, source, host = cdp
    events = [
        {"type": "track", "userId": f"u{n}", "event": "Big", "properties": {"pad": "x" * (20 * KB)}}
        for n in range(30)
    ]  # each under 32 KB, together about 600 KB
    with pytest.raises(APIError) as raised:
        segment_post(WRITE_KEY, host=host, batch=events)
    assert raised.value.status == 400
    assert raised.value.message == "Exceed payload limit"
    assert source.messages == []

    segment_post(WRITE_KEY, host=host, batch=events[:20])  # about 400 KB: accepted
    assert len(source.messages) == 20


def test_event_over_32_kb_inside_a_batch_is_a_400(cdp):
    _sandbox, source, host = cdp
    small = {"type": "track", "userId": "u1", "event": "Small", "properties": {}}
    large = {"type": "track", "userId": "u2", "event": "Large", "properties": {"pad": "x" * (33 * KB)}}
    with pytest.raises(APIError) as raised:
        segment_post(WRITE_KEY, host=host, batch=[small, large])
    assert raised.value.status == 400
    assert source.messages == []


def test_the_client_itself_refuses_a_message_over_32_kb(cdp):
    _sandbox, source, host = cdp
    client = Client(WRITE_KEY, host=host, sync_mode=True)
    with pytest.raises(RuntimeError):
        client.track("u1", "Large", {"pad": "x" * (33 * KB)})
    assert source.requests == []


def test_single_call_over_32_kb_is_a_400_and_under_is_a_200(cdp):
    _sandbox, source, host = cdp
    auth = (WRITE_KEY, "")
    body = {"userId": "u1", "event": "Large", "properties": {"pad": "x" * (33 * KB)}}
    answer = httpx.post(f"{host}/v1/track", json=body, auth=auth)
    assert answer.status_code == 400
    assert answer.json()["message"] == "Exceed payload limit"
    body["properties"]["pad"] = "x" * (30 * KB)
    assert httpx.post(f"{host}/v1/track", json=body, auth=auth).status_code == 200
    assert source.messages[0]["type"] == "track"


def test_events_past_2500_in_a_batch_are_answered_200_but_rejected(cdp):
    _sandbox, source, host = cdp
    events = [{"type": "identify", "userId": f"u{n}", "traits": {}} for n in range(2503)]
    segment_post(WRITE_KEY, host=host, batch=events)
    assert len(source.messages) == 2500
    assert [item["reason"] for item in source.rejected] == ["batch_event_limit"] * 3


def test_event_without_user_or_anonymous_id_is_answered_200_but_rejected(cdp):
    _sandbox, source, host = cdp
    segment_post(WRITE_KEY, host=host, batch=[{"type": "track", "event": "Orphan", "properties": {}}])
    segment_post(WRITE_KEY, host=host, batch=[{"type": "track", "userId": "u1", "properties": {}}])
    assert source.messages == []
    assert [item["reason"] for item in source.rejected] == ["no_user_anon_id", "missing_event"]


def test_unknown_write_key_is_refused(cdp):
    _sandbox, source, host = cdp
    client = Client("not-a-key", host=host, sync_mode=True)
    with pytest.raises(APIError) as raised:
        client.identify("u1", {"plan": "pro"})
    assert raised.value.status == 401
    assert source.messages == []


def test_write_key_in_the_body_authenticates_too(cdp):
    _sandbox, source, host = cdp
    body = {"writeKey": WRITE_KEY, "batch": [{"type": "identify", "userId": "u1", "traits": {"a": 1}}]}
    assert httpx.post(f"{host}/v1/batch", json=body).status_code == 200
    assert source.messages[0]["traits"] == {"a": 1}


def test_invalid_json_is_a_400(cdp):
    _sandbox, _source, host = cdp
    answer = httpx.post(f"{host}/v1/batch", content=b"{not json", auth=(WRITE_KEY, ""))
    assert answer.status_code == 400


def test_threaded_client_waits_out_a_429_and_then_delivers(cdp):
    _sandbox, source, host = cdp
    source.faults.set(fail_next=[429], retry_after_s=1)
    client = Client(WRITE_KEY, host=host, upload_interval=0.05)
    client.identify("u1", {"plan": "pro"})
    client.flush()
    client.join()
    assert [request.status for request in source.requests] == [429, 200]
    assert len(source.messages) == 1


def test_rudderstack_profile_takes_batches_up_to_4_mb_and_answers_413_past_it(cdp):
    sandbox, _source, host = cdp
    rudder = sandbox.cdp.add_source("wk_rudder", profile="rudderstack")
    events = [
        {"type": "track", "userId": f"u{n}", "event": "Big", "properties": {"pad": "x" * (20 * KB)}}
        for n in range(40)
    ]  # about 800 KB: over Segment's limit, within RudderStack's
    segment_post("wk_rudder", host=host, batch=events)
    assert len(rudder.messages) == 40
    answer = httpx.post(f"{host}/v1/batch", json={"batch": events * 6}, auth=("wk_rudder", ""))
    assert answer.status_code == 413
    assert answer.text == "request size exceeds max limit\n"


def test_admin_api_creates_sources_shows_messages_and_sets_faults(cdp):
    _sandbox, _source, host = cdp
    admin = host.removesuffix("/cdp") + "/_sandbox/cdp"
    headers = {"X-Sandbox-Admin-Key": "sandbox-admin"}
    assert httpx.post(f"{admin}/sources", json={"write_key": "wk_admin"}).status_code == 403
    created = httpx.post(f"{admin}/sources", json={"write_key": "wk_admin"}, headers=headers)
    assert created.status_code == 201
    httpx.post(f"{admin}/sources/wk_admin/faults", json={"fail_next": [503]}, headers=headers)

    client = Client("wk_admin", host=host, sync_mode=True)
    with pytest.raises(APIError):
        client.identify("u1", {"plan": "pro"})
    client.identify("u1", {"plan": "pro"})

    shown = httpx.get(f"{admin}/sources/wk_admin/messages", headers=headers).json()
    assert [m["traits"] for m in shown["messages"]] == [{"plan": "pro"}]
    assert [r["status"] for r in shown["requests"]] == [503, 200]
    listed = httpx.get(f"{admin}/sources", headers=headers).json()["sources"]
    assert {s["write_key"]: s["accepted"] for s in listed}["wk_admin"] == 1


def test_sandbox_command_serves_cdp_sources(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from crm_sandbox import server as server_module

    def stop_immediately(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(server_module.ThreadingWSGIServer, "serve_forever", stop_immediately)
    out = StringIO()
    call_command("crm_sandbox", port=0, scale="tiny", seed=3, cdp_write_key=["wk_demo"], stdout=out)
    assert "/cdp  sources: 1" in out.getvalue()
