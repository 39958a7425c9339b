from tests.writeback.conftest import world  # noqa: F401  (the write-back world: sandbox, catalog, flow)
