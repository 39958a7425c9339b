"""Where the pipeline gets its connector. Production: `get_connector(connection)` (Redis rate budget, real
HTTP). Tests and benchmarks install a factory that talks to the sandbox."""

from collections.abc import Callable
from contextlib import contextmanager

from crmhub.connectors import CrmConnector, get_connector

_factory: Callable[..., CrmConnector] | None = None


def connector_for(connection) -> CrmConnector:
    if _factory is not None:
        return _factory(connection)
    return get_connector(connection)


@contextmanager
def connector_factory(factory: Callable[..., CrmConnector]):
    """Use `factory(connection)` for every connector the pipeline opens inside the block."""
    global _factory
    previous, _factory = _factory, factory
    try:
        yield
    finally:
        _factory = previous
