import pytest
from rest_framework.test import APIClient

from crmhub.roles import SALES_OPS_ADMIN
from mappings_app import services
from tests import factories

SECRET = "sk-live-DO-NOT-LEAK-4f9c2e"


def token_client(user=None) -> APIClient:
    return factories.api_client(user)


@pytest.fixture
def client_for(users):
    """client_for("viewer") -> an APIClient authenticated with that role's token; "anonymous" has none."""

    def build(role: str) -> APIClient:
        return token_client(None if role == "anonymous" else users[role])

    return build


@pytest.fixture
def connection(db):
    return factories.make_connection(credentials={"access_token": SECRET, "client_secret": SECRET})


@pytest.fixture
def author(db):
    """A third sales-ops admin who authored the pending requests, so admin and approver may decide them."""
    return factories.make_user("carol", SALES_OPS_ADMIN)


@pytest.fixture
def governed(connection, contact_fields, users, author):
    """Catalog at v2, plus a submitted and an approved request authored by carol."""
    factories.apply_change(connection, author, users["admin"], factories.score_catalog_ops(), title="v1")
    factories.apply_change(
        connection, author, users["admin"], [factories.ownership_op("num_employees", "ai_owned")], title="v2"
    )
    connection.refresh_from_db()
    submitted = services.change_request_create(
        connection=connection,
        author=author,
        title="Employees",
        operations=[factories.mapping_op("employees", "num_employees", source_type="integer")],
    )
    services.change_request_submit(change=submitted, actor=author)
    approved = services.change_request_create(
        connection=connection,
        author=author,
        title="Target account",
        operations=[factories.ownership_op("is_target_account", "ai_owned")],
    )
    services.change_request_submit(change=approved, actor=author)
    services.change_request_approve(change=approved, approver=users["admin"])
    return {"connection": connection, "submitted": submitted, "approved": approved}
