"""The rep's name: each connector reads the CRM's user (HubSpot owners by userId, the Salesforce User sObject,
Pipedrive users) from the sandbox in the real shapes; names are cached; an unknown or unreadable id stays an id."""

import pytest
from django.core.cache import cache

from crm_sandbox import Sandbox
from crm_sandbox.users import person
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.connectors.users import crm_user_names
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _connector(sandbox, provider):
    account = sandbox.add_account(provider, name=f"acme-{provider}", contacts=2, companies=1)
    connection = factories.make_connection(
        name=f"Acme {provider}",
        provider=provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=dict(account.credentials),
    )
    connector = get_connector(connection, transport=sandbox.transport(), rate_budget=RateBudget.in_memory())
    return account, connector


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "pipedrive"])
def test_each_connector_names_a_rep_and_says_none_for_a_stranger(provider):
    account, connector = _connector(Sandbox(seed=2), provider)
    rep = str(account.rep_user_ids[1])
    first, last = person(account, rep)

    assert connector.user_name(rep) == f"{first} {last}"
    stranger = "005000000000999AAA" if provider == "salesforce" else "999"
    assert connector.user_name(stranger) is None


def test_names_are_cached_and_an_unreadable_crm_leaves_the_ids(monkeypatch):
    sandbox = Sandbox(seed=2)
    account, connector = _connector(sandbox, "hubspot")
    reps = [str(rep) for rep in account.rep_user_ids[:2]]
    first = crm_user_names(connector, [*reps, "CRM_UI", ""])
    assert first == {rep: " ".join(person(account, rep)) for rep in reps}  # "CRM_UI" is no user id

    calls_before = connector.request_count
    assert crm_user_names(connector, reps) == first
    assert connector.request_count == calls_before  # from the cache

    account.faults.set(error_rate=1.0)
    _, other = _connector(sandbox, "pipedrive")
    other.connection.credentials = {"api_token": "wrong"}
    assert crm_user_names(other, ["13000003"]) == {}  # refused: the page shows the id
