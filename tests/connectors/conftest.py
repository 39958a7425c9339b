import pytest

from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from tests import factories
from tests.connectors.fakes import ScriptedTransport

BASES = {
    "salesforce": ("https://acme.my.salesforce.com", "v67.0"),
    "hubspot": ("https://api.hubapi.com", "v3"),
    "pipedrive": ("https://acme.pipedrive.com", ""),
}


class FakeClock:
    """time.time() stand-in that moves only when someone sleeps; records every sleep."""

    def __init__(self):
        self.now = 1_767_225_600.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sleeps(clock):
    return clock.sleeps


@pytest.fixture
def transport():
    return ScriptedTransport()


@pytest.fixture
def make_connector(db, transport, clock):
    """make_connector(provider, credentials={...}, **connector_kwargs) -> connector on the scripted transport."""

    def build(provider: str, credentials: dict | None = None, budget: RateBudget | None = None, **kwargs):
        base_url, version = BASES[provider]
        connection = factories.make_connection(
            name=f"test-{provider}",
            provider=provider,
            base_url=base_url,
            api_version=version,
            credentials=credentials or {"access_token": "tok-1"},
        )
        return get_connector(
            connection,
            transport=transport,
            rate_budget=budget or RateBudget.in_memory(f"t-{provider}", sleep=clock.sleep, clock=clock),
            sleep=clock.sleep,
            **kwargs,
        )

    return build
