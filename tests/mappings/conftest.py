import pytest

from mappings_app import services
from tests import factories


@pytest.fixture
def admin(users):
    return users["admin"]


@pytest.fixture
def approver(users):
    return users["approver"]


@pytest.fixture
def catalog_v1(connection, contact_fields, admin, approver):
    """The score catalog applied as version 1."""
    return factories.apply_change(
        connection, admin, approver, factories.score_catalog_ops(), title="Score v1"
    )


@pytest.fixture
def draft(connection, contact_fields, admin):
    """A draft that makes num_employees AI-owned and maps a source key into it."""
    return services.change_request_create(
        connection=connection,
        author=admin,
        title="Employees",
        operations=[
            factories.ownership_op("num_employees", "ai_owned"),
            factories.mapping_op("employees", "num_employees", source_type="integer"),
        ],
    )


@pytest.fixture
def submitted(draft, admin):
    return services.change_request_submit(change=draft, actor=admin)


@pytest.fixture
def approved(submitted, approver):
    return services.change_request_approve(change=submitted, approver=approver)
