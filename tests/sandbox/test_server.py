"""The real threaded HTTP server: provider APIs over a loopback socket, and the admin controls."""

import re
from io import StringIO

import httpx
import pytest
from django.core.management import call_command

from crm_sandbox import Sandbox
from crm_sandbox import server as server_module
from crm_sandbox.server import serve_in_thread


@pytest.fixture
def server(clock):
    sandbox = Sandbox(seed=7, clock=clock)
    running = serve_in_thread(sandbox, port=0, admin_key="secret")
    sandbox.add_account("hubspot", name="acme-hubspot", contacts=20, companies=4)
    sandbox.add_account("salesforce", name="acme-sf", contacts=20, companies=4)
    yield sandbox, running
    running.shutdown()


def test_real_http_request_to_each_provider(server):
    sandbox, running = server
    hubspot = sandbox.account("acme-hubspot")
    assert hubspot.base_url == f"{running.base_url}/hubspot"
    with httpx.Client(base_url=hubspot.base_url, timeout=5) as client:
        response = client.post(
            "/crm/v3/objects/contacts/search",
            json={"limit": 5, "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}]},
            headers={"Authorization": f"Bearer {hubspot.credentials['access_token']}"},
        )
    assert response.status_code == 200 and response.json()["total"] == 20
    salesforce = sandbox.account("acme-sf")
    with httpx.Client(base_url=salesforce.credentials["instance_url"], timeout=5) as client:
        response = client.get("/services/data/v67.0/query", params={"q": "SELECT Id FROM Contact LIMIT 3"},
                              headers={"Authorization": f"Bearer {salesforce.credentials['access_token']}"})  # fmt: skip
        assert response.status_code == 200 and response.json()["totalSize"] == 3
        record_id = response.json()["records"][0]["Id"]
        patched = client.patch(f"/services/data/v67.0/sobjects/Contact/{record_id}", json={"Title": "VP"},
                               headers={"Authorization": f"Bearer {salesforce.credentials['access_token']}"})  # fmt: skip
        assert patched.status_code == 204 and patched.content == b""


def test_admin_controls_need_the_key_and_switch_faults(server):
    sandbox, running = server
    with httpx.Client(base_url=running.base_url, timeout=5) as client:
        assert client.get("/_sandbox/accounts").status_code == 403
        admin = {"X-Sandbox-Admin-Key": "secret"}
        accounts = client.get("/_sandbox/accounts", headers=admin).json()["accounts"]
        assert {a["name"] for a in accounts} == {"acme-hubspot", "acme-sf"}
        set_faults = client.post(
            "/_sandbox/accounts/acme-hubspot/faults", json={"rate_limit_storm": 1.0}, headers=admin
        )
        assert set_faults.status_code == 200
        hubspot = sandbox.account("acme-hubspot")
        token = {"Authorization": f"Bearer {hubspot.credentials['access_token']}"}
        assert client.get("/hubspot/crm/v3/objects/contacts", headers=token).status_code == 429
        assert client.delete("/_sandbox/accounts/acme-hubspot/faults", headers=admin).status_code == 200
        assert client.get("/hubspot/crm/v3/objects/contacts", headers=token).status_code == 200
        record_id = hubspot.record_ids("contacts")[0]
        edit = client.post("/_sandbox/accounts/acme-hubspot/rep_edit", headers=admin,
                           json={"object": "contacts", "id": record_id, "values": {"jobtitle": "Boss"}})  # fmt: skip
        assert edit.json() == {"changed": ["jobtitle"]}
        assert hubspot.history("contacts", record_id)[-1].actor.kind == "rep"
        simulated = client.post("/_sandbox/accounts/acme-sf/rep_simulate", json={"steps": 3}, headers=admin)
        assert len(simulated.json()["edits"]) == 3
        schema = client.post("/_sandbox/accounts/acme-sf/schema", headers=admin,
                             json={"object": "Contact", "field": "Segment__c", "deleted": True})  # fmt: skip
        assert schema.status_code == 200 and "Segment__c" not in sandbox.account("acme-sf").schema["contacts"]
        bad = client.post("/_sandbox/accounts/acme-sf/merge", json={"object": "Contact"}, headers=admin)
        assert bad.status_code == 400
        expired = client.post("/_sandbox/accounts/acme-hubspot/expire_token", headers=admin)
        assert expired.status_code == 200
        assert client.get("/hubspot/crm/v3/objects/contacts", headers=token).status_code == 401


def test_management_command_prints_accounts_and_serves(monkeypatch):
    def stop_immediately(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(server_module.ThreadingWSGIServer, "serve_forever", stop_immediately)
    out = StringIO()
    call_command("crm_sandbox", port=0, scale="tiny", seed=3, stdout=out)
    text = out.getvalue()
    assert "CRM sandbox on http://127.0.0.1:" in text
    for name in ("acme-salesforce", "acme-hubspot", "acme-pipedrive"):
        assert f"[{name}]" in text
    assert '"instance_url": "http://127.0.0.1:' in text and '"api_token"' in text
    # The output usually ends in a log file: no access token, refresh token or client secret in it.
    assert '"access_token": "(hidden' in text
    assert not re.search(r'"(access_token|refresh_token|client_secret|api_token)": "(?!\(hidden)', text)
