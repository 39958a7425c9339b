"""Trigger-rule pages (list, create, edit, enable/disable, delete, dry run) and the webhook-endpoints page:
validation per action kind, permissions checked on the server, secrets written but never shown."""

import pytest

from crmhub.sync import rules
from crmhub.sync.models import FieldSnapshot, TriggerExecution, TriggerRule, WebhookEndpoint
from tests import factories
from tests.sync.test_webhooks import change_event, signed_post

RULE_FORM = {
    "name": "rescore on title change",
    "object_name": "contacts",
    "enabled": "on",
    "condition_kind": "crm_field_change",
    "field_name": "jobtitle",
    "operator": "changed",
    "value": "",
    "source_system": "",
    "action_kind": "outbound_webhook",
    "action_params": '{"url": "https://scorer.example/rescore"}',
    "signing_secret": "whsec-page",
    "max_attempts": "3",
    "retry_base_seconds": "10",
}


@pytest.fixture
def world(shared_world):
    """The sync tests' world, its rows written once for this module (see tests/sync/conftest.py)."""
    return shared_world


def login(client, who: str):
    assert factories.sign_in(client, who)


def post_rule(client, world, url="/sync/rules/new/", **overrides):
    return client.post(url, {**RULE_FORM, "connection": world.connection.pk, **overrides})


def test_an_admin_creates_edits_disables_and_deletes_a_rule(client, world):
    login(client, "alice")
    created = post_rule(client, world)
    assert created.status_code == 302
    rule = TriggerRule.objects.get()
    assert rule.secret == {"signing_secret": "whsec-page"} and rule.created_by.username == "alice"
    listing = client.get("/sync/rules/")
    assert "rescore on title change" in listing.text and "never fired" in listing.text
    assert "whsec-page" not in listing.text
    form = client.get(f"/sync/rules/{rule.pk}/edit/")
    assert "whsec-page" not in form.text and "A signing secret is set." in form.text
    edited = post_rule(client, world, f"/sync/rules/{rule.pk}/edit/", name="renamed", signing_secret="")
    assert edited.status_code == 302
    rule.refresh_from_db()
    assert rule.name == "renamed" and rule.secret == {"signing_secret": "whsec-page"}  # blank keeps it
    client.post(f"/sync/rules/{rule.pk}/enabled/", {"enabled": "0"})
    rule.refresh_from_db()
    assert not rule.enabled
    assert "Disabled" in client.get("/sync/rules/").text
    assert client.post(f"/sync/rules/{rule.pk}/delete/").status_code == 302
    assert not TriggerRule.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"field_name": "no_such_field"}, "contacts.no_such_field is not a field of the catalog"),
        ({"object_name": "unicorns"}, "is not an object of acme-hubspot"),
        ({"operator": "greater_than", "value": "high"}, "compares numbers"),
        ({"value": "x"}, "leave the value blank"),
        ({"action_params": '{"url": "ftp://x"}'}, "http(s) address"),
        ({"action_params": '{"url": "https://x.example", "retries": 3}'}, "Unknown params: retries"),
        ({"action_kind": "assign_owner", "action_params": "{}"}, "Give owner_id"),
        ({"action_kind": "set_stage", "action_params": '{"stage": "customer"}'}, "rep-owned"),
        (
            {"action_kind": "set_stage", "action_params": '{"stage": "x", "field": "ai_segment"}'},
            "is not an option",
        ),
        ({"action_params": "[1, 2]"}, "JSON object"),
        ({"action_kind": "create_task", "action_params": '{"body": "call"}'}, "A task needs a subject"),
        (
            {"action_kind": "create_task", "action_params": '{"subject": "Call", "due_in_days": -1}'},
            "due_in_days must be a whole number",
        ),
        (
            {"action_kind": "create_task", "action_params": '{"subject": "Call", "priority": "urgent"}'},
            "priority must be one of low, medium, high",
        ),
    ],
)
def test_bad_rules_are_refused_with_a_message_and_nothing_saved(client, world, overrides, message):
    login(client, "alice")
    response = post_rule(client, world, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert not TriggerRule.objects.exists()


def test_each_action_kind_has_one_validator_and_an_unknown_kind_cannot_be_saved(world):
    assert set(rules.ACTION_SPECS) == {"assign_owner", "set_stage", "outbound_webhook", "create_task"}
    rule = TriggerRule(
        name="x",
        connection=world.connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="jobtitle",
        action_kind="outbound_webhook",
        action_params={"url": "https://x.example"},
    )
    rules.trigger_rule_validate(rule)
    rule.action_kind = "send_fax"
    with pytest.raises(rules.RuleInvalid) as refused:
        rules.trigger_rule_validate(rule)
    assert "action_kind" in refused.value.errors


def test_a_create_task_rule_is_saved_from_the_page_normalised_and_previewed(client, world):
    login(client, "alice")
    params = '{"subject": "  Call back  ", "due_in_days": 2, "priority": "high", "owner_id": 7}'
    created = post_rule(client, world, action_kind="create_task", action_params=params, signing_secret="")
    assert created.status_code == 302
    rule = TriggerRule.objects.get()
    assert rule.action_params == {
        "subject": "Call back",
        "due_in_days": 2,
        "priority": "high",
        "owner_id": "7",
    }
    crm_id = world.account.record_ids("contacts")[0]
    result = client.post(f"/sync/rules/{rule.pk}/test/", {"crm_id": crm_id})
    assert (
        "Would create a task &#x27;Call back&#x27; (due in 2 day(s), priority high, owner 7)" in result.text
    )
    assert world.account.record_ids("tasks") == []


def test_viewers_read_only_and_the_server_refuses_their_writes(client, world):
    rule = rules.trigger_rule_create(actor=world.users["admin"], **{
        "name": "r", "connection": world.connection, "object_name": "contacts",
        "condition_kind": "crm_field_change", "field_name": "jobtitle",
        "action_kind": "outbound_webhook", "action_params": {"url": "https://x.example"},
    })  # fmt: skip
    login(client, "victor")
    listing = client.get("/sync/rules/")
    assert listing.status_code == 200 and "r" in listing.text
    assert "New rule" not in listing.text and f"/sync/rules/{rule.pk}/edit/" not in listing.text
    assert client.get("/sync/rules/new/").status_code == 403
    assert post_rule(client, world).status_code == 403
    assert client.post(f"/sync/rules/{rule.pk}/enabled/", {"enabled": "0"}).status_code == 403
    assert client.post(f"/sync/rules/{rule.pk}/delete/").status_code == 403
    assert client.post(f"/sync/rules/{rule.pk}/test/", {"crm_id": "1"}).status_code == 403
    assert client.get("/sync/webhooks/").status_code == 200
    assert client.post(f"/sync/webhooks/{world.connection.pk}/", {"max_age_seconds": 300}).status_code == 403
    rule.refresh_from_db()
    assert rule.enabled and TriggerRule.objects.count() == 1
    client.logout()
    assert client.get("/sync/rules/").status_code == 302  # to the login page
    login(client, "scorer-bot")
    assert client.get("/sync/rules/").status_code == 403


def test_the_dry_run_reads_the_record_and_writes_nothing(client, world):
    login(client, "alice")
    post_rule(client, world, operator="equals", value="Chief Revenue Officer")
    rule = TriggerRule.objects.get()
    crm_id = world.account.record_ids("contacts")[2]
    world.cycle()  # baseline of the watched field
    world.advance(30)
    world.account.rep_edit("contacts", crm_id, {"jobtitle": "Chief Revenue Officer"})
    snapshot_before = FieldSnapshot.objects.get(crm_id=crm_id).values
    result = client.post(f"/sync/rules/{rule.pk}/test/", {"crm_id": crm_id})
    assert result.status_code == 200
    assert "matches" in result.text and "Would POST a rescore request" in result.text
    assert "Chief Revenue Officer" in result.text
    assert FieldSnapshot.objects.get(crm_id=crm_id).values == snapshot_before
    assert TriggerExecution.objects.count() == 0 and world.dispatcher.drain() == 0
    missing = client.post(f"/sync/rules/{rule.pk}/test/", {"crm_id": "999999"})
    assert "The CRM has no live contacts 999999" in missing.text


def test_endpoints_page_shows_secret_state_events_and_signature_failures(client, world):
    """Viewers see the state but not the URLs (changed in issue 14: the URL's token lets deliveries in)."""
    crm_id = world.account.record_ids("contacts")[0]
    signed_post(client, world, [change_event(crm_id)])
    signed_post(client, world, [change_event(crm_id, event_id=2)], secret="forged")
    login(client, "victor")
    page = client.get("/sync/webhooks/")
    assert world.endpoint.token not in page.text and "Shown to admins only" in page.text
    assert "client_secret: set" in page.text and "hs-client-secret" not in page.text
    assert "1 in the last 24 hours" in page.text and "Signature does not match." in page.text
    assert "Manage secrets" not in page.text
    login(client, "alice")
    admin_page = client.get("/sync/webhooks/")
    assert f"http://testserver/webhooks/hubspot/{world.endpoint.token}/" in admin_page.text


def test_admins_set_secrets_that_are_never_shown_and_blank_keeps_them(client, world):
    pipedrive = factories.make_connection(name="acme-pipedrive", provider="pipedrive")
    login(client, "alice")
    form = client.get(f"/sync/webhooks/{pipedrive.pk}/")
    assert "username: missing" in form.text
    saved = client.post(
        f"/sync/webhooks/{pipedrive.pk}/",
        {"enabled": "on", "max_age_seconds": 300, "secret_username": "hub", "secret_password": "pa55word"},
    )
    assert saved.status_code == 302
    endpoint = WebhookEndpoint.objects.get(connection=pipedrive)
    assert endpoint.secrets == {"username": "hub", "password": "pa55word"}
    client.post(
        f"/sync/webhooks/{pipedrive.pk}/", {"enabled": "on", "max_age_seconds": 120, "secret_password": ""}
    )
    endpoint.refresh_from_db()
    assert endpoint.secrets["password"] == "pa55word" and endpoint.max_age_seconds == 120
    for url in ("/sync/webhooks/", f"/sync/webhooks/{pipedrive.pk}/"):
        text = client.get(url).text
        assert "pa55word" not in text and "password: set" in text
