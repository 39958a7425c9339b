"""Pipedrive limits by tokens (developers.pipedrive.com, "Rate limiting"): every endpoint costs its x-token-cost
from the 2-second burst window and from the company's daily budget. The product's Pipedrive connections count
the same way, so a burst of expensive calls is paced by what it costs, not by how many calls it is."""

import time

import httpx
import pytest

from crm_sandbox import Sandbox
from crm_sandbox.limits import pipedrive_token_bounds
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import BucketLimit, RateBudget, connection_buckets
from crmhub.models import Provider
from mappings_app import connection_setup
from tests import factories

pytestmark = pytest.mark.database_neutral  # a CRM's protocol: the SQLite pass leaves it out

WINDOW_TOKENS = 50
CHANGELOG_TOKENS = 20  # v1 /persons/{id}/changelog


class StatusLog(httpx.BaseTransport):
    """The sandbox's transport, noting every answer's status."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self.statuses: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.statuses.append(response.status_code)
        return response


def pipedrive_account(db_name: str):
    """A Pipedrive account whose documented token bounds are on (real clock: the sandbox's 2-second windows and
    our budget's are the same seconds), and the hub's connection to it with the plan's window in tokens."""
    sandbox = Sandbox(seed=3)
    account = sandbox.add_account("pipedrive", name=db_name, contacts=8, companies=1, deals_per_company=0)
    pipedrive_token_bounds(account, tokens_per_window=WINDOW_TOKENS, window_s=2.0, daily_tokens=100_000)
    connection = factories.make_connection(
        name=db_name,
        provider=Provider.PIPEDRIVE,
        base_url=account.base_url,
        credentials={**account.credentials, "api_user_id": account.integration_user_id},
        rate_limit_requests=WINDOW_TOKENS,
        rate_limit_window_seconds=2,
        rate_limit_reserve_percent=0,
        daily_request_budget=100_000,
    )
    return sandbox, account, connection


def warm_up(sandbox, account, connection) -> None:
    """The tests' first check of a request against the Pipedrive spec takes seconds (it loads the spec): a call
    whose slot our budget took would reach the sandbox windows later. Warm it up, then let the window roll."""
    with get_connector(
        connection, transport=sandbox.transport(), rate_budget=RateBudget.in_memory()
    ) as connector:
        connector.field_history("persons", [str(account.record_ids("persons")[0])], ["name"])
    time.sleep(2.05)


@pytest.mark.parametrize("in_tokens", [True, False])
def test_a_burst_of_changelog_reads_is_paced_by_tokens_and_never_meets_a_429(db, in_tokens):
    sandbox, account, connection = pipedrive_account(f"tokens-{in_tokens}")
    budget = RateBudget.in_memory_for(connection)
    if not in_tokens:  # what the product did before: one request per call in the window
        budget = RateBudget.in_memory_for(connection, window_in_tokens=False)
    transport = StatusLog(sandbox.transport())
    warm_up(sandbox, account, connection)
    with get_connector(connection, transport=transport, rate_budget=budget) as connector:
        people = [str(i) for i in account.record_ids("persons")[:6]]
        started = time.monotonic()
        history = connector.field_history("persons", people, ["name"])
        elapsed = time.monotonic() - started
    assert history is not None
    if not in_tokens:
        assert 429 in transport.statuses  # six calls at once: 120 tokens into a 50-token window
        return
    assert transport.statuses == [200] * 6, transport.statuses
    # 120 tokens at 50 per 2 s: two calls a window, the third and fifth wait for the next one.
    assert elapsed >= 2 * 2 - 0.3, elapsed
    assert budget.remaining("daily") == 100_000 - 6 * CHANGELOG_TOKENS


def test_a_pipedrive_connection_counts_tokens_in_its_window_and_daily_budget(db, tmp_path):
    _, _, connection = pipedrive_account("tokens-shape")
    shared = RateBudget.for_connection(connection, redis_url=f"redis+unix://{tmp_path}/unused.sock")
    assert shared.window_in_tokens and shared.daily_reserve_percent == 0
    assert {b.name: b for b in connection_buckets(connection)}["daily"] == BucketLimit(
        "daily", 100_000, 86_400
    )
    hubspot = factories.make_connection(name="hs-requests", provider=Provider.HUBSPOT)
    assert not RateBudget.for_connection(
        hubspot, redis_url=f"redis+unix://{tmp_path}/unused.sock"
    ).window_in_tokens


def test_a_new_pipedrive_connection_starts_with_a_two_second_token_window(db):
    admin = factories.role_users()["admin"]
    connection = connection_setup.connection_draft_create(actor=admin, provider="pipedrive", name="PD tokens")
    assert (connection.rate_limit_window_seconds, connection.rate_limit_requests) == (2, 400)
    hubspot = connection_setup.connection_draft_create(actor=admin, provider="hubspot", name="HS requests")
    assert (hubspot.rate_limit_window_seconds, hubspot.rate_limit_requests) == (10, 100)
