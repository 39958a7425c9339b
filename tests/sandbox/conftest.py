from datetime import UTC, datetime

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return ManualClock(START)


@pytest.fixture
def sandbox(clock):
    return Sandbox(seed=7, clock=clock)


def client_for(sandbox, account, **headers) -> httpx.Client:
    token = account.credentials["access_token"]
    return httpx.Client(
        transport=sandbox.transport(),
        base_url=account.base_url,
        headers={"Authorization": f"Bearer {token}", **headers},
        timeout=5,
    )


@pytest.fixture
def hubspot(sandbox):
    return sandbox.add_account("hubspot", name="hs", contacts=60, companies=12, deals_per_company=1)


@pytest.fixture
def salesforce(sandbox):
    return sandbox.add_account("salesforce", name="sf", contacts=60, companies=12, deals_per_company=1)


@pytest.fixture
def pipedrive(sandbox):
    return sandbox.add_account("pipedrive", name="pd", contacts=60, companies=12, deals_per_company=1)


@pytest.fixture
def hs_client(sandbox, hubspot):
    with client_for(sandbox, hubspot) as client:
        yield client


@pytest.fixture
def sf_client(sandbox, salesforce):
    with client_for(sandbox, salesforce) as client:
        yield client


@pytest.fixture
def pd_client(sandbox, pipedrive):
    with client_for(sandbox, pipedrive) as client:
        yield client
