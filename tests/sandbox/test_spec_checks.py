"""The request checks every connector test runs through: what the official specs allow, and what they refuse."""

import httpx
import pytest

from .openapi_support import SPEC_PATCHES, SPECS, SpecCheckedTransport, SpecViolation, check_request

PD = "https://acme.pipedrive.com"
HS = "https://api.hubapi.com"
TOKEN = {"x-api-token": "abc"}
BEARER = {"Authorization": "Bearer tok"}
EMAIL = [{"value": "a@b.example", "primary": True, "label": "work"}]


@pytest.mark.parametrize(
    "request_",
    [
        httpx.Request("PATCH", f"{PD}/api/v2/persons/1", json={"emails": EMAIL}, headers=TOKEN),
        httpx.Request("GET", f"{PD}/api/v2/persons?limit=10&sort_by=update_time", headers=TOKEN),
        httpx.Request("GET", f"{PD}/v1/users/me", headers=BEARER),
        httpx.Request("GET", f"{PD}/api/v1/persons/7/changelog?limit=100", headers=TOKEN),
        httpx.Request("POST", f"{HS}/crm/v3/objects/contacts/batch/update",
                      json={"inputs": [{"id": "1", "properties": {"a": "b"}}]}, headers=BEARER),
        httpx.Request("POST", f"{HS}/crm/v3/objects/deals/search",
                      json={"sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}]},
                      headers=BEARER),
        httpx.Request("GET", f"{HS}/crm/objects/2026-03/contacts?limit=5", headers=BEARER),
    ],
)  # fmt: skip
def test_requests_the_specs_allow_pass(request_):
    check_request(request_)


@pytest.mark.parametrize(
    ("request_", "reason"),
    [
        (httpx.Request("PATCH", f"{PD}/api/v2/persons/1", json={"emails": "a@b.example"}, headers=TOKEN),
         "not of type 'array'"),
        (httpx.Request("GET", f"{PD}/api/v2/persons?limit=abc", headers=TOKEN), "limit"),
        (httpx.Request("GET", f"{PD}/api/v2/persons?api_token=abc"), "no credentials"),
        (httpx.Request("GET", f"{PD}/api/v2/persons?api_token=abc", headers=TOKEN), "['api_token']"),
        (httpx.Request("GET", f"{PD}/api/v2/nonsense", headers=TOKEN), "not in the pipedrive spec"),
        (httpx.Request("POST", f"{HS}/crm/v3/objects/contacts/batch/update", json={"inputs": "x"}, headers=BEARER),
         "not of type 'array'"),
        (httpx.Request("GET", f"{HS}/crm/v3/objects/contacts?hapikey=k&limit=5", headers=BEARER), "hapikey"),
        (httpx.Request("GET", f"{HS}/crm/v3/objects/contacts"), "no credentials"),
    ],
)  # fmt: skip
def test_requests_the_specs_refuse_fail(request_, reason):
    with pytest.raises(SpecViolation, match=reason.replace("[", r"\[").replace("]", r"\]")):
        check_request(request_)


def test_salesforce_and_unknown_hosts_are_not_checked():
    check_request(httpx.Request("GET", "https://acme.my.salesforce.com/services/data/v67.0/query?q=x"))


def test_the_checking_transport_refuses_before_the_server_sees_anything():
    seen = []

    def server(request):
        seen.append(request)
        return httpx.Response(200, json={})

    transport = SpecCheckedTransport(httpx.MockTransport(server))
    with httpx.Client(transport=transport) as client:
        client.get(f"{PD}/api/v2/persons", headers=TOKEN)
        with pytest.raises(SpecViolation):
            client.patch(f"{PD}/api/v2/persons/1", json={"emails": "x"}, headers=TOKEN)
    assert len(seen) == 1 and transport.checked == 1


def test_specs_are_vendored_in_the_repository_and_every_patch_is_listed():
    assert SPECS.is_relative_to(SPECS.parents[1]) and (SPECS / "SOURCES.md").exists()
    sources = (SPECS / "SOURCES.md").read_text()
    for path in SPECS.rglob("*.json"):
        assert path.name in sources
    for path in SPECS.rglob("*.gz"):
        assert path.name.removesuffix(".gz") in sources
    for patch in SPEC_PATCHES:
        assert patch.what in sources, patch.what
