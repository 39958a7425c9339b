"""Every connector a test builds sends its HubSpot and Pipedrive requests through the spec checks."""

from tests.sandbox.openapi_support import SpecCheckedTransport


def test_connectors_in_tests_go_through_the_checks(make_connector, transport):
    transport.add("GET", "/api/v2/personFields", (200, {"success": True, "data": [], "additional_data": {}}))
    connector = make_connector("pipedrive", credentials={"api_token": "abc", "api_user_id": 1})
    assert isinstance(connector._client._transport, SpecCheckedTransport)
    connector.discover_schema(["persons"])
    assert connector._client._transport.checked == 1
