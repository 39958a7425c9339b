"""The attack suites reuse the sync tests' world: a HubSpot sandbox account, its connection and endpoint."""

from tests.sync.conftest import world  # noqa: F401 - the fixture, shared
