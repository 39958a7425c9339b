import pytest

from mappings_app import services
from tests import factories
from tests.database import as_pks, from_pks, rows_for_the_module


@pytest.fixture
def admin(users):
    return users["admin"]


@pytest.fixture
def approver(users):
    return users["approver"]


def make_catalog_v1(connection, admin, approver):
    """The score catalog applied as version 1."""
    return factories.apply_change(
        connection, admin, approver, factories.score_catalog_ops(), title="Score v1"
    )


@pytest.fixture
def catalog_v1(connection, contact_fields, admin, approver):
    return make_catalog_v1(connection, admin, approver)


def _catalog_v1_rows():
    connection = factories.make_connection()
    users = factories.role_users()
    contact_fields = factories.make_contact_schema(connection)
    catalog_v1 = make_catalog_v1(connection, users["admin"], users["approver"])
    return as_pks(
        {"connection": connection, "users": users, "contact_fields": contact_fields, "catalog_v1": catalog_v1}
    )


@pytest.fixture(scope="module")
def catalog_v1_pks(django_db_setup, django_db_blocker):
    """The rows of `catalog_v1` (with its users, connection and contact fields) written once for a module that
    takes them from `catalog_v1_rows`: its tests each start from them, rolled back after each."""
    with rows_for_the_module(django_db_blocker, _catalog_v1_rows) as pks:
        yield pks


@pytest.fixture
def catalog_v1_rows(catalog_v1_pks, db):
    return from_pks(catalog_v1_pks)


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
