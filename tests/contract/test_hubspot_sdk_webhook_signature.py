"""Deliveries signed by HubSpot's official SDK (hubspot-api-client's Signature, signature v3) reach our HubSpot
receiver as HubSpot's would: accepted when signed right, refused when the body, the address or the time was
tampered with, or when the same signed request comes again."""

import json
from urllib.parse import unquote

from hubspot.utils.signature import Signature

from crmhub.sync.models import WebhookEvent
from tests.security.test_webhook_attacks import hs_event, strict_client  # noqa: F401
from tests.sync.conftest import CLIENT_SECRET, world  # noqa: F401


def sdk_post(client, world, body: str, *, query: str = "", signed_body: str | None = None, age_s: int = 0):  # noqa: F811
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    timestamp = str(int(world.sandbox.clock.now().timestamp() * 1000) - age_s * 1000)
    # HubSpot signs the address with these characters decoded; the SDK takes the address as signed.
    signature = Signature.get_signature(
        CLIENT_SECRET,
        signed_body if signed_body is not None else body,
        "v3",
        http_uri=unquote(f"http://testserver{path}{query}"),
        timestamp=timestamp,
    )
    headers = {"X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp}
    return client.post(f"{path}{query}", data=body, content_type="application/json", headers=headers)


def test_a_delivery_the_official_sdk_signs_is_accepted_once(strict_client, world):  # noqa: F811
    body = json.dumps([hs_event(7001)])
    assert sdk_post(strict_client, world, body).status_code == 200
    again = sdk_post(strict_client, world, body)  # the same signed request (same timestamp) replayed
    assert again.status_code == 401 and "Replayed" in again.json()["error"]
    assert WebhookEvent.objects.filter(event_id="7001").count() == 1


def test_an_address_with_encoded_characters_verifies_as_hubspot_signs_it(strict_client, world):  # noqa: F811
    body = json.dumps([hs_event(7002)])
    assert sdk_post(strict_client, world, body, query="?portal=a%3Ab%40c").status_code == 200


def test_sdk_signed_deliveries_that_were_tampered_with_or_are_stale_are_refused(strict_client, world):  # noqa: F811
    body = json.dumps([hs_event(7003, value="CEO")])
    tampered = sdk_post(strict_client, world, body, signed_body=json.dumps([hs_event(7003, value="CFO")]))
    assert tampered.status_code == 401
    stale = sdk_post(
        strict_client, world, json.dumps([hs_event(7004)]), age_s=world.endpoint.max_age_seconds + 5
    )
    assert stale.status_code == 401 and "Stale" in stale.json()["error"]
    assert not WebhookEvent.objects.filter(event_id__in=["7003", "7004"]).exists()
