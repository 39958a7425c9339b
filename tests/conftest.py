import pytest

from tests import factories


@pytest.fixture
def users(db):
    """One user per role: admin, approver (a second sales-ops admin), reviewer, viewer, integration."""
    return factories.role_users()


@pytest.fixture
def connection(db):
    return factories.make_connection()


@pytest.fixture
def contact_fields(connection):
    return factories.make_contact_schema(connection)
