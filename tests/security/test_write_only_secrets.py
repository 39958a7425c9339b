"""Secrets are write-only in the admin: no change page renders one, saving a page unchanged keeps them (it
used to answer 500 for webhook endpoints), a "replace" box sets a new one and "clear" removes them."""

from html.parser import HTMLParser

import pytest

from crmhub.models import CrmConnection
from crmhub.sync.models import TriggerRule, WebhookEndpoint
from monitoring_app.models import ChannelKind, NotificationChannel
from tests import factories
from tests.sync.test_triggers import rescore_rule

HUBSPOT_SECRET = "hs-client-SECRET-1"
RELAY_SECRET = "relay-SECRET-2"
OM_SECRET = "om-SECRET-3"
PD_PASSWORD = "pd-SECRET-4"
SIGNING_SECRET = "whsec-SECRET-5"
CHANNEL_SECRET = "channel-SECRET-6"
ACCESS_TOKEN = "access-SECRET-7"
ALL_SECRETS = (
    HUBSPOT_SECRET,
    RELAY_SECRET,
    OM_SECRET,
    PD_PASSWORD,
    SIGNING_SECRET,
    CHANNEL_SECRET,
    ACCESS_TOKEN,
)


class FormValues(HTMLParser):
    """The values a browser would post back from the page's main form, untouched."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.values[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += (
                data.removeprefix("\n") if not self.values[self._textarea] else data
            )


def page_form(html: str) -> dict:
    parser = FormValues()
    parser.feed(html)
    return parser.values


@pytest.fixture
def admin_client(client, world):
    client.raise_request_exception = False
    client.force_login(world.users["admin"])
    return client


@pytest.fixture
def secret_rows(world):
    world.endpoint.secrets = {"client_secret": HUBSPOT_SECRET}
    world.endpoint.save()
    salesforce = factories.make_connection(
        name="acme-sf", provider="salesforce", credentials={"access_token": ACCESS_TOKEN}
    )
    sf_endpoint = WebhookEndpoint.objects.create(
        connection=salesforce,
        secrets={
            "shared_secret": RELAY_SECRET,
            "organization_id": "00D000000000001AAA",
            "outbound_secret": OM_SECRET,
        },
    )
    pipedrive = factories.make_connection(name="acme-pd", provider="pipedrive")
    pd_endpoint = WebhookEndpoint.objects.create(
        connection=pipedrive, secrets={"username": "hub", "password": PD_PASSWORD}
    )
    rule = rescore_rule(world, secret={"signing_secret": SIGNING_SECRET})
    channel = NotificationChannel.objects.create(
        name="ops hook",
        kind=ChannelKind.WEBHOOK,
        target="https://hooks.example.com/T1",
        secret={"signing_secret": CHANNEL_SECRET},
    )
    return {
        "webhookendpoint": [world.endpoint, sf_endpoint, pd_endpoint],
        "triggerrule": [rule],
        "notificationchannel": [channel],
        "crmconnection": [salesforce],
    }


ADMIN_PATHS = {
    "webhookendpoint": "/admin/sync/webhookendpoint/",
    "triggerrule": "/admin/sync/triggerrule/",
    "notificationchannel": "/admin/monitoring_app/notificationchannel/",
    "crmconnection": "/admin/crmhub/crmconnection/",
}


def stored_secrets(row) -> dict:
    row.refresh_from_db()
    for name in ("secrets", "secret", "credentials"):
        if hasattr(row, name):
            return dict(getattr(row, name))
    raise AssertionError(row)


@pytest.mark.parametrize("model", list(ADMIN_PATHS))
def test_admin_pages_render_no_secret_and_an_unchanged_save_keeps_them(admin_client, secret_rows, model):
    listing = admin_client.get(ADMIN_PATHS[model])
    assert listing.status_code == 200
    for row in secret_rows[model]:
        before = stored_secrets(row)
        page = admin_client.get(f"{ADMIN_PATHS[model]}{row.pk}/change/")
        assert page.status_code == 200
        for secret in ALL_SECRETS:
            assert secret not in page.text and secret not in listing.text
        saved = admin_client.post(
            f"{ADMIN_PATHS[model]}{row.pk}/change/", {**page_form(page.text), "_save": "1"}
        )
        assert saved.status_code == 302, saved.content[:3000]
        assert stored_secrets(row) == before
        history = admin_client.get(f"{ADMIN_PATHS[model]}{row.pk}/history/")
        assert history.status_code == 200 and not any(s in history.text for s in ALL_SECRETS)


def test_a_replace_box_sets_one_secret_and_keeps_the_others(admin_client, secret_rows):
    endpoint = secret_rows["webhookendpoint"][1]
    path = f"{ADMIN_PATHS['webhookendpoint']}{endpoint.pk}/change/"
    form = page_form(admin_client.get(path).text)
    saved = admin_client.post(path, {**form, "replace_salesforce_outbound_secret": "om-NEW", "_save": "1"})
    assert saved.status_code == 302
    assert stored_secrets(endpoint) == {
        "shared_secret": RELAY_SECRET,
        "organization_id": "00D000000000001AAA",
        "outbound_secret": "om-NEW",
    }


def test_a_secret_of_another_provider_is_a_form_error_not_a_500(admin_client, world):
    connection = factories.make_connection(name="acme-hs-2")
    form = page_form(admin_client.get(f"{ADMIN_PATHS['webhookendpoint']}add/").text)
    refused = admin_client.post(
        f"{ADMIN_PATHS['webhookendpoint']}add/",
        {**form, "connection": connection.pk, "replace_pipedrive_password": "x"},
    )
    assert refused.status_code == 200 and "Not a secret of a hubspot endpoint" in refused.text
    assert not WebhookEndpoint.objects.filter(connection=connection).exists()


def test_an_endpoint_page_offers_only_its_providers_secrets(admin_client, secret_rows):
    endpoint = secret_rows["webhookendpoint"][0]  # HubSpot
    page = admin_client.get(f"{ADMIN_PATHS['webhookendpoint']}{endpoint.pk}/change/").text
    assert 'name="replace_hubspot_client_secret"' in page and "replace_pipedrive" not in page
    assert 'type="password"' in page


def test_clear_removes_the_secrets(admin_client, secret_rows):
    endpoint = secret_rows["webhookendpoint"][2]
    path = f"{ADMIN_PATHS['webhookendpoint']}{endpoint.pk}/change/"
    form = page_form(admin_client.get(path).text)
    admin_client.post(
        path, {**form, "clear_secrets": "on", "replace_pipedrive_username": "new-user", "_save": "1"}
    )
    assert stored_secrets(endpoint) == {"username": "new-user"}
    rule = secret_rows["triggerrule"][0]
    rule_path = f"{ADMIN_PATHS['triggerrule']}{rule.pk}/change/"
    rule_form = page_form(admin_client.get(rule_path).text)
    admin_client.post(rule_path, {**rule_form, "signing_secret": "whsec-NEW", "_save": "1"})
    assert TriggerRule.objects.get(pk=rule.pk).secret == {"signing_secret": "whsec-NEW"}
    admin_client.post(rule_path, {**rule_form, "clear_secret": "on", "_save": "1"})
    assert TriggerRule.objects.get(pk=rule.pk).secret == {}


def test_an_endpoint_added_in_the_admin_gets_only_its_providers_secrets(admin_client, world):
    connection = factories.make_connection(name="acme-pd-2", provider="pipedrive")
    form = page_form(admin_client.get(f"{ADMIN_PATHS['webhookendpoint']}add/").text)
    added = admin_client.post(
        f"{ADMIN_PATHS['webhookendpoint']}add/",
        {
            **form,
            "connection": connection.pk,
            "replace_pipedrive_username": "u",
            "replace_pipedrive_password": "p",
        },
    )
    assert added.status_code == 302
    assert WebhookEndpoint.objects.get(connection=connection).secrets == {"username": "u", "password": "p"}
    assert CrmConnection.objects.filter(name="acme-pd-2").exists()


def test_a_webhook_channels_url_is_write_only_in_the_admin(admin_client, secret_rows):
    """A Slack-style webhook URL carries the receiver's secret: shown by its host only, kept on an unchanged
    save, replaced when a new one is typed."""
    [channel] = secret_rows["notificationchannel"]
    listing = admin_client.get(ADMIN_PATHS["notificationchannel"]).content.decode()
    assert "hooks.example.com/…" in listing and "/T1" not in listing
    change = f"{ADMIN_PATHS['notificationchannel']}{channel.pk}/change/"
    page = admin_client.get(change).content.decode()
    assert "hooks.example.com/T1" not in page
    form = {"name": channel.name, "kind": channel.kind, "target": "", "enabled": "on", "weekly_report": "on"}
    assert admin_client.post(change, form).status_code == 302
    channel.refresh_from_db()
    assert channel.target == "https://hooks.example.com/T1"
    assert admin_client.post(change, {**form, "target": "https://hooks.example.com/T2"}).status_code == 302
    channel.refresh_from_db()
    assert channel.target == "https://hooks.example.com/T2"
