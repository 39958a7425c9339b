"""Our Segment-spec sender against the CDP emulator: batches under the documented limits, an oversize event
refused with its reason, 429 retried after Retry-After, 5xx retried with backoff, 4xx not retried, a wrong write
key an error, idempotent re-sends, and the SSRF-checked transport over real HTTP."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread
from crmhub.exports import segment
from crmhub.exports.segment import CdpAuthError, CdpLimits, SegmentBatchClient

WRITE_KEY = "wk_sender"
WHEN = datetime(2026, 3, 4, 5, 6, 7, 890000, tzinfo=UTC)
KB = 1024


@pytest.fixture
def sandbox():
    sandbox = Sandbox(seed=9)
    sandbox.cdp.add_source(WRITE_KEY)
    return sandbox


def sender(sandbox, **options) -> SegmentBatchClient:
    options.setdefault("sleep", lambda seconds: None)
    return SegmentBatchClient(
        endpoint="http://sandbox.test/cdp", write_key=WRITE_KEY, transport=sandbox.transport(), **options
    )


def tracks(count: int, pad: int = 0) -> list[dict]:
    return [
        segment.track(
            user_id=f"hubspot:contacts:{n}",
            event="Deal Stage Changed",
            properties={"to": "won", "pad": "x" * pad},
            timestamp=WHEN,
            message_key=("dest-1", "deal", n, "won"),
        )
        for n in range(count)
    ]


def test_builders_write_the_segment_spec():
    message = segment.identify(
        user_id="hubspot:contacts:1",
        traits={"email": "a@example.com"},
        timestamp=WHEN,
        message_key=("d", 1, 7),
    )
    assert message["type"] == "identify"
    assert message["userId"] == "hubspot:contacts:1"
    assert message["timestamp"] == "2026-03-04T05:06:07.890Z"
    assert len(message["messageId"]) < 100
    again = segment.identify(
        user_id="hubspot:contacts:1",
        traits={"email": "a@example.com"},
        timestamp=WHEN,
        message_key=("d", 1, 7),
    )
    assert again["messageId"] == message["messageId"]
    other = segment.identify(user_id="hubspot:contacts:1", traits={}, timestamp=WHEN, message_key=("d", 1, 8))
    assert other["messageId"] != message["messageId"]
    grouped = segment.group(
        user_id="u",
        group_id="hubspot:companies:3",
        traits={"name": "Initech"},
        timestamp=WHEN,
        message_key=(1,),
    )
    assert grouped["groupId"] == "hubspot:companies:3"


def test_many_events_go_in_batches_under_500_kb_and_all_arrive(sandbox):
    messages = tracks(1200, pad=1 * KB)  # about 1.3 MB in all
    with sender(sandbox) as client:
        report = client.deliver(messages)
    source = sandbox.cdp.source(WRITE_KEY)
    assert report.ok and len(report.sent) == 1200
    assert len(source.messages) == 1200
    assert len(source.requests) == report.requests >= 3
    assert all(request.body_bytes <= 500 * KB and request.status == 200 for request in source.requests)


def test_event_count_per_batch_stays_within_the_cap(sandbox):
    with sender(
        sandbox, limits=CdpLimits(batch_bytes=500 * KB, event_bytes=32 * KB, batch_events=100)
    ) as client:
        report = client.deliver(tracks(250))
    assert [request.events for request in sandbox.cdp.source(WRITE_KEY).requests] == [100, 100, 50]
    assert len(report.sent) == 250


def test_oversize_event_is_refused_with_its_reason_and_the_others_are_sent(sandbox):
    messages = tracks(3)
    messages[1]["properties"]["pad"] = "x" * (33 * KB)
    with sender(sandbox) as client:
        report = client.deliver(messages)
    assert len(report.sent) == 2
    assert [item.message["messageId"] for item in report.refused] == [messages[1]["messageId"]]
    assert "per-event limit of 32768 bytes" in report.refused[0].reason
    assert len(sandbox.cdp.source(WRITE_KEY).messages) == 2


def test_429_is_retried_after_the_servers_retry_after(sandbox):
    sandbox.cdp.source(WRITE_KEY).faults.set(fail_next=[429, 429], retry_after_s=3)
    waits = []
    with sender(sandbox, sleep=waits.append) as client:
        report = client.deliver(tracks(5))
    source = sandbox.cdp.source(WRITE_KEY)
    assert waits == [3.0, 3.0]
    assert [(r.status, r.retry_count) for r in source.requests] == [(429, 0), (429, 1), (200, 2)]
    assert len(report.sent) == 5 and report.retries == 2
    assert len(source.messages) == 5


def test_5xx_is_retried_with_growing_backoff_then_reported_failed(sandbox):
    sandbox.cdp.source(WRITE_KEY).faults.set(fail_next=[503] * 10)
    waits = []
    with sender(sandbox, sleep=waits.append, max_attempts=4, backoff_base_s=1) as client:
        report = client.deliver(tracks(2))
    assert len(waits) == 3
    assert 0.5 <= waits[0] <= 1 and 1 <= waits[1] <= 2 and 2 <= waits[2] <= 4
    assert len(report.failed) == 2
    assert "gave up after 4 attempts" in report.failed[0].reason and report.failed[0].status == 503
    assert sandbox.cdp.source(WRITE_KEY).messages == []


def test_a_400_is_not_retried_and_keeps_the_cdps_reason(sandbox):
    too_generous = CdpLimits(batch_bytes=2000 * KB, event_bytes=32 * KB, batch_events=2500)
    with sender(sandbox, limits=too_generous) as client:
        report = client.deliver(tracks(40, pad=20 * KB))  # one 800 KB request
    assert report.requests == 1
    assert len(report.failed) == 40
    assert report.failed[0].reason == "HTTP 400: Exceed payload limit"


def test_wrong_write_key_raises(sandbox):
    client = SegmentBatchClient(
        endpoint="http://sandbox.test/cdp",
        write_key="wrong",
        transport=sandbox.transport(),
        sleep=lambda s: None,
    )
    with pytest.raises(CdpAuthError):
        client.deliver(tracks(1))


def test_resending_the_same_changes_is_idempotent(sandbox):
    with sender(sandbox) as client:
        client.deliver(tracks(10))
        client.deliver(tracks(10))
    source = sandbox.cdp.source(WRITE_KEY)
    assert len(source.messages) == 10
    assert source.duplicates == 10


def test_real_http_through_the_ssrf_checked_transport():
    sandbox = Sandbox(seed=9)
    sandbox.cdp.add_source(WRITE_KEY)
    running = serve_in_thread(sandbox, port=0)
    try:
        with override_settings(OUTBOUND_ALLOWED_NETWORKS=["127.0.0.1/32"]):
            client = SegmentBatchClient(endpoint=running.base_url + "/cdp", write_key=WRITE_KEY)
            report = client.deliver(tracks(3))
        assert len(report.sent) == 3
        with override_settings(OUTBOUND_ALLOWED_NETWORKS=[]):
            refused = SegmentBatchClient(endpoint=running.base_url + "/cdp", write_key=WRITE_KEY).deliver(
                tracks(1)
            )
        assert refused.failed and "not a public address" in refused.failed[0].reason
        assert len(sandbox.cdp.source(WRITE_KEY).messages) == 3
    finally:
        running.shutdown()


def test_pacing_holds_batches_to_the_cdps_inbound_rate(sandbox):
    now = [100.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    limits = CdpLimits(batch_bytes=500 * KB, event_bytes=32 * KB, batch_events=100)
    with sender(
        sandbox, limits=limits, sleep=sleep, monotonic=lambda: now[0], events_per_second=1000
    ) as client:
        report = client.deliver(tracks(300))
    assert len(report.sent) == 300
    # three batches of 100 at 1,000 events/s: each is held for its own 0.1 s, so 300 events take 0.3 s
    assert waits == pytest.approx([0.1, 0.1, 0.1])
    assert now[0] == pytest.approx(100.3)


def test_write_key_check_records_nothing(sandbox):
    sandbox.cdp.add_source("wk_rudder", profile="rudderstack")
    with sender(sandbox) as client:
        assert client.check_write_key()[0] is True
    rudder = SegmentBatchClient(
        endpoint="http://sandbox.test/cdp", write_key="wk_rudder", transport=sandbox.transport()
    )
    assert rudder.check_write_key()[0] is True  # RudderStack answers 400 "empty batch payload" after auth
    wrong = SegmentBatchClient(
        endpoint="http://sandbox.test/cdp", write_key="nope", transport=sandbox.transport()
    )
    ok, said = wrong.check_write_key()
    assert ok is False and said == "HTTP 401: invalid write key"
    assert sandbox.cdp.source(WRITE_KEY).messages == [] and sandbox.cdp.source("wk_rudder").messages == []
