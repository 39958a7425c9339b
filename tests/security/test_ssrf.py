"""Outbound webhooks (trigger actions, alert channels) reach public addresses only, unless the admin allow-list
names the destination: checked where the socket opens, for every address a name resolves to, on every
redirect, without a second DNS answer; answers are kept as status, size and SHA-256."""

import hashlib
import http.server
import ipaddress
import json
import re
import threading

import pytest
from django.urls import reverse

from crmhub.core import outbound
from crmhub.sync.models import ExecutionStatus, TriggerExecution
from monitoring_app import notifications
from monitoring_app.models import AlertNotification, ChannelKind, DeliveryStatus, NotificationChannel
from tests.sync.test_triggers import fire, rescore_rule

pytestmark = pytest.mark.database_neutral  # where outbound requests may go: the SQLite pass leaves it out

ANSWER_TEXT = "internal-admin-page: db password is hunter2"


class Receiver:
    """A real HTTP server on a loopback address; records each request, answers from `respond`."""

    def __init__(self, host="127.0.0.1"):
        self.requests: list[dict] = []
        self.respond = lambda path: (200, {}, ANSWER_TEXT.encode())
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                receiver.requests.append(
                    {"path": self.path, "host": self.headers["Host"], "body": self.rfile.read(length)}
                )
                status, headers, body = receiver.respond(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def other_loopback():
    server = Receiver("127.0.0.2")
    yield server
    server.close()


# -- the check itself ---------------------------------------------------------------------------------------

REFUSED_TARGETS = [
    "127.0.0.1",
    "localhost",
    "2130706433",  # 127.0.0.1 written as one number
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (CGNAT)
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
]


@pytest.mark.parametrize("host", REFUSED_TARGETS)
def test_non_public_addresses_are_refused(host):
    with pytest.raises(outbound.DestinationRefused, match="not a public address"):
        outbound.checked_addresses(host, 80, allow=outbound.AllowList(), resolve=outbound.system_resolve)


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    def resolve(host, port):
        return ["93.184.215.14", "10.0.0.7"]

    with pytest.raises(outbound.DestinationRefused, match=re.escape("10.0.0.7")):
        outbound.checked_addresses("mixed.example", 443, allow=outbound.AllowList(), resolve=resolve)


def test_public_addresses_pass_and_the_allow_list_opens_named_networks_and_hosts():
    public = outbound.checked_addresses(
        "scorer.example",
        443,
        allow=outbound.AllowList(),
        resolve=lambda h, p: ["93.184.215.14", "2606:4700::1"],
    )
    assert public == ["93.184.215.14", "2606:4700::1"]
    allow = outbound.AllowList.parse(["10.1.0.0/16", "scorer.internal", " "])
    assert outbound.checked_addresses("x", 80, allow=allow, resolve=lambda h, p: ["10.1.9.9"]) == ["10.1.9.9"]
    assert outbound.checked_addresses(
        "Scorer.Internal.", 80, allow=allow, resolve=lambda h, p: ["192.168.0.9"]
    )
    with pytest.raises(outbound.DestinationRefused):
        outbound.checked_addresses("x", 80, allow=allow, resolve=lambda h, p: ["10.2.0.1"])
    assert allow.networks == (ipaddress.ip_network("10.1.0.0/16"),)


def test_the_connection_goes_to_the_checked_address_and_dns_is_asked_once(receiver):
    answers = [["127.0.0.1"], ["169.254.169.254"]]  # a rebinding resolver: the second answer differs
    asked = []

    def rebinding(host, port):
        asked.append(host)
        return answers[min(len(asked), 2) - 1]

    transport = outbound.CheckedTransport(allow=outbound.AllowList.parse(["127.0.0.1"]), resolve=rebinding)
    port = receiver.server.server_port
    first = outbound.post(
        f"http://scorer.test:{port}/hook", content=b"{}", headers={}, timeout=5, transport=transport
    )
    assert first.status_code == 200 and asked == ["scorer.test"]
    assert receiver.requests[0]["host"] == f"scorer.test:{port}"  # the name is kept for the far end
    fresh = outbound.CheckedTransport(allow=outbound.AllowList.parse(["127.0.0.1"]), resolve=rebinding)
    with pytest.raises(outbound.DestinationRefused, match=re.escape("169.254.169.254")):
        outbound.post(
            f"http://scorer.test:{port}/hook", content=b"{}", headers={}, timeout=5, transport=fresh
        )
    assert len(receiver.requests) == 1


def test_answers_are_kept_as_size_and_hash_and_read_only_to_a_limit(receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    receiver.respond = lambda path: (200, {}, b"x" * (outbound.BODY_READ_LIMIT + 5000))
    answer = outbound.post(f"{receiver.url}/big", content=b"{}", headers={}, timeout=5)
    assert answer.body_bytes == outbound.BODY_READ_LIMIT and answer.truncated
    assert answer.summary()["body_truncated"] is True


# -- trigger webhook actions --------------------------------------------------------------------------------


def run_rule_to(client, world, url, event_id=1):
    rescore_rule(world, action_params={"url": url}, max_attempts=1)
    fire(client, world, world.account.record_ids("contacts")[0], event_id=event_id)
    return TriggerExecution.objects.get()


def test_trigger_webhook_to_loopback_is_refused_unless_allow_listed(client, world, receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    refused = run_rule_to(client, world, f"{receiver.url}/rescore")
    assert refused.status == ExecutionStatus.DEAD_LETTERED
    assert "not a public address" in refused.error and "OUTBOUND_ALLOWED_NETWORKS" in refused.error
    assert receiver.requests == []


def test_trigger_webhook_to_an_allow_listed_address_keeps_no_answer_text(client, world, receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    execution = run_rule_to(client, world, f"{receiver.url}/rescore")
    assert execution.status == ExecutionStatus.SUCCEEDED, execution.error
    assert (
        len(receiver.requests) == 1 and json.loads(receiver.requests[0]["body"])["type"] == "crmhub.trigger"
    )
    assert execution.result == {
        "status_code": 200,
        "body_bytes": len(ANSWER_TEXT),
        "body_sha256": hashlib.sha256(ANSWER_TEXT.encode()).hexdigest(),
    }
    assert "hunter2" not in json.dumps(execution.result) + execution.error + json.dumps(execution.log)


def test_a_refused_answer_is_described_without_its_text(client, world, receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    receiver.respond = lambda path: (403, {}, ANSWER_TEXT.encode())
    execution = run_rule_to(client, world, f"{receiver.url}/rescore")
    assert execution.status == ExecutionStatus.DEAD_LETTERED
    assert execution.error.startswith("Refused: HTTP 403 (") and "hunter2" not in execution.error
    client.force_login(world.users["viewer"])
    page = client.get(reverse("sync:execution-list"))
    assert page.status_code == 200 and "hunter2" not in page.text


@pytest.mark.parametrize(
    "location",
    ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:{port}/inside", "http://[::1]/"],
)
def test_redirects_to_non_public_addresses_are_refused(
    client, world, receiver, other_loopback, settings, location
):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    target = location.format(port=other_loopback.server.server_port)
    receiver.respond = lambda path: (307, {"Location": target}, b"")
    execution = run_rule_to(client, world, f"{receiver.url}/rescore")
    assert execution.status == ExecutionStatus.DEAD_LETTERED
    assert "not a public address" in execution.error
    assert len(receiver.requests) == 1 and other_loopback.requests == []


def test_redirect_loops_end_as_a_refusal(client, world, receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    receiver.respond = lambda path: (307, {"Location": f"{receiver.url}/again"}, b"")
    execution = run_rule_to(client, world, f"{receiver.url}/rescore")
    assert execution.status == ExecutionStatus.DEAD_LETTERED and "redirects" in execution.error
    assert len(receiver.requests) == outbound.MAX_REDIRECTS + 1


# -- alert notification webhooks ----------------------------------------------------------------------------


def notice_to(url):
    from django.utils import timezone

    from monitoring_app.models import Alert, AlertKind, AlertRule, Transition
    from tests import factories

    now = timezone.now()
    rule = AlertRule.objects.create(kind=AlertKind.ERROR_RATE_HIGH, threshold=0.1)
    alert = Alert.objects.create(
        rule=rule,
        kind=AlertKind.ERROR_RATE_HIGH,
        scope_key="test",
        connection=factories.make_connection(name=f"conn-{url[-12:]}"),
        message="errors",
        value=0.5,
        threshold=0.1,
        opened_at=now,
        last_seen_at=now,
    )
    channel = NotificationChannel.objects.create(name=f"hook {url}", kind=ChannelKind.WEBHOOK, target=url)
    return AlertNotification.objects.create(alert=alert, channel=channel, transition=Transition.OPENED)


@pytest.mark.django_db
def test_alert_webhooks_to_loopback_are_refused_unless_allow_listed(receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    refused = notice_to(f"{receiver.url}/alerts")
    assert notifications.deliver(refused) is False
    assert "not a public address" in refused.error and receiver.requests == []
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    assert notifications.deliver(refused) is True
    refused.refresh_from_db()
    assert refused.status == DeliveryStatus.SENT and len(receiver.requests) == 1


@pytest.mark.django_db
def test_alert_webhook_errors_do_not_keep_the_answer_text(receiver, settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    receiver.respond = lambda path: (500, {}, ANSWER_TEXT.encode())
    notice = notice_to(f"{receiver.url}/alerts")
    assert notifications.deliver(notice) is False
    assert notice.error.startswith("HTTP 500 (") and "hunter2" not in notice.error
