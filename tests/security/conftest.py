"""The attack suites share two worlds: the sync tests' (a HubSpot sandbox account, its connection and endpoint)
as `world`, and the write-back tests' (sandbox, catalog, flow) as `writeback_world`."""

from tests.sync.conftest import shared_world, world, world_pks  # noqa: F401 - the fixtures, shared
from tests.writeback.conftest import world as writeback_world  # noqa: F401 - the fixture, shared
