"""Every endpoint for every role: who is allowed, and that refusals happen before anything changes."""

import pytest
from django.contrib.auth.models import User

from crmhub.models import CrmConnection
from crmhub.roles import SALES_OPS_ADMIN
from mappings_app import services
from mappings_app.models import CatalogVersion, ChangeComment, ChangeRequest
from tests import factories
from tests.api.conftest import SECRET
from tests.database import rows_for_the_module

pytestmark = pytest.mark.database_neutral  # who may call what: the SQLite pass leaves it out

ROLES = ["admin", "approver", "reviewer", "viewer", "integration", "anonymous"]
CATALOG_READERS = {"admin", "approver", "reviewer", "viewer", "integration"}
READERS = {"admin", "approver", "reviewer", "viewer"}
EDITORS = {"admin", "approver"}


def own_draft(state, user):
    """A draft authored by `user` when they may draft one; otherwise someone else's request."""
    if not user or not user.has_perm(services.EDIT_PERMISSION):
        return state["submitted"]
    return services.change_request_create(
        connection=state["connection"],
        author=user,
        title="Own draft",
        operations=[factories.mapping_op("employees", "num_employees", source_type="integer")],
    )


def version_one(state, user):
    return CatalogVersion.objects.get(connection=state["connection"], number=1)


def first_field(state, user):
    return state["connection"].crm_objects.get().fields.order_by("pk").first()


# name -> (method, path builder, body, allowed roles, success status)
ENDPOINTS = {
    "connection list": ("get", lambda s, u: "connections/", None, READERS, 200),
    "connection detail": ("get", lambda s, u: f"connections/{s['connection'].pk}/", None, READERS, 200),
    "catalog export": (
        "get",
        lambda s, u: f"connections/{s['connection'].pk}/catalog/export/",
        None,
        READERS,
        200,
    ),
    "catalog import": (
        "post",
        lambda s, u: f"connections/{s['connection'].pk}/catalog/import/",
        {"yaml": "ownership: []\nmappings: []\n", "title": "Empty it"},
        EDITORS,
        201,
    ),
    "object list": ("get", lambda s, u: "objects/", None, CATALOG_READERS, 200),
    "object detail": (
        "get",
        lambda s, u: f"objects/{s['connection'].crm_objects.get().pk}/",
        None,
        CATALOG_READERS,
        200,
    ),
    "field list": ("get", lambda s, u: "fields/", None, CATALOG_READERS, 200),
    "field detail": ("get", lambda s, u: f"fields/{first_field(s, u).pk}/", None, CATALOG_READERS, 200),
    "ownership list": ("get", lambda s, u: "ownership/", None, CATALOG_READERS, 200),
    "mapping list": ("get", lambda s, u: "mappings/", None, CATALOG_READERS, 200),
    "change request list": ("get", lambda s, u: "change-requests/", None, READERS, 200),
    "change request detail": (
        "get",
        lambda s, u: f"change-requests/{s['submitted'].pk}/",
        None,
        READERS,
        200,
    ),
    "change request create": (
        "post",
        lambda s, u: "change-requests/",
        None,  # filled in by the test: needs the connection id
        EDITORS,
        201,
    ),
    "operations": (
        "post",
        lambda s, u: f"change-requests/{own_draft(s, u).pk}/operations/",
        factories.ownership_op("renewal_date", "ai_owned"),
        EDITORS,
        200,
    ),
    "submit": ("post", lambda s, u: f"change-requests/{own_draft(s, u).pk}/submit/", {}, EDITORS, 200),
    "approve": (
        "post",
        lambda s, u: f"change-requests/{s['submitted'].pk}/approve/",
        {"note": "ok"},
        EDITORS,
        200,
    ),
    "reject": (
        "post",
        lambda s, u: f"change-requests/{s['submitted'].pk}/reject/",
        {"note": "not now"},
        EDITORS,
        200,
    ),
    "apply": ("post", lambda s, u: f"change-requests/{s['approved'].pk}/apply/", {}, EDITORS, 200),
    "rebase": ("post", lambda s, u: f"change-requests/{s['submitted'].pk}/rebase/", {}, EDITORS, 200),
    "comment": (
        "post",
        lambda s, u: f"change-requests/{s['submitted'].pk}/comments/",
        {"body": "Looks right"},
        EDITORS,
        201,
    ),
    "version list": ("get", lambda s, u: "catalog-versions/", None, READERS, 200),
    "version detail": ("get", lambda s, u: f"catalog-versions/{version_one(s, u).pk}/", None, READERS, 200),
    "version restore": (
        "post",
        lambda s, u: f"catalog-versions/{version_one(s, u).pk}/restore/",
        {},
        EDITORS,
        201,
    ),
}


def _governed_rows() -> dict:
    """Catalog at v2, plus a submitted and an approved request authored by carol (a third sales-ops admin, so
    admin and approver may decide them); the same for every test of the module, written once."""
    users = factories.role_users()
    author = factories.make_user("carol", SALES_OPS_ADMIN)
    connection = factories.make_connection(credentials={"access_token": SECRET, "client_secret": SECRET})
    factories.make_contact_schema(connection)
    factories.apply_change(connection, author, users["admin"], factories.score_catalog_ops(), title="v1")
    factories.apply_change(
        connection, author, users["admin"], [factories.ownership_op("num_employees", "ai_owned")], title="v2"
    )
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
    return {
        "users": {role: user.pk for role, user in users.items()},
        "connection": connection.pk,
        "submitted": submitted.pk,
        "approved": approved.pk,
    }


@pytest.fixture(scope="module")
def governed_pks(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker, _governed_rows) as pks:
        yield pks


@pytest.fixture
def users(governed_pks, db):
    return {role: User.objects.get(pk=pk) for role, pk in governed_pks["users"].items()}


@pytest.fixture
def governed(governed_pks, db):
    return {
        "connection": CrmConnection.objects.get(pk=governed_pks["connection"]),
        "submitted": ChangeRequest.objects.get(pk=governed_pks["submitted"]),
        "approved": ChangeRequest.objects.get(pk=governed_pks["approved"]),
    }


def state_fingerprint(connection):
    connection.refresh_from_db()
    snapshot = services.catalog_snapshot(connection)
    return (
        connection.catalog_version,
        sorted(ChangeRequest.objects.values_list("pk", "status", "base_version")),
        ChangeComment.objects.count(),
        sorted(snapshot["mappings"]),
        sorted(snapshot["ownership"]),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_endpoint_allows_exactly_its_roles(endpoint, role, governed, users, client_for):
    method, path_of, body, allowed, success = ENDPOINTS[endpoint]
    user = users.get(role)
    path = "/api/v1/" + path_of(governed, user)
    if endpoint == "change request create":
        body = {"connection": governed["connection"].pk, "title": "New", "operations": []}
    before = state_fingerprint(governed["connection"])

    response = getattr(client_for(role), method)(path, body, format="json")

    if role in allowed:
        assert response.status_code == success, response.content
        return
    expected = 401 if role == "anonymous" else 403
    assert response.status_code == expected, response.content
    assert response.json()["detail"]
    if role == "anonymous":
        assert response["WWW-Authenticate"].startswith("Token")
    assert state_fingerprint(governed["connection"]) == before


def test_refusal_names_the_missing_permission(governed, client_for):
    response = client_for("viewer").post(f"/api/v1/change-requests/{governed['submitted'].pk}/approve/")

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You do not have permission to approve, reject or apply mapping changes."
    )


def test_editor_without_approve_permission_cannot_approve(governed, client_for):
    """A drafter who may not approve is stopped by the view, before the service runs."""
    from django.contrib.auth.models import Permission

    drafter = factories.make_user("dora")
    drafter.user_permissions.add(
        Permission.objects.get(codename="add_changerequest"),
        Permission.objects.get(codename="view_changerequest"),
    )
    from tests.api.conftest import token_client

    client = token_client(drafter)
    submitted = governed["submitted"]

    assert client.post(f"/api/v1/change-requests/{submitted.pk}/comments/", {"body": "hi"}).status_code == 201
    assert client.post(f"/api/v1/change-requests/{submitted.pk}/approve/").status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_session_login_works_for_browser_users(governed, users):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(users["viewer"])

    assert client.get("/api/v1/change-requests/").status_code == 200


def test_a_second_admin_group_member_is_an_editor(db):
    user = factories.make_user("eve", SALES_OPS_ADMIN)

    assert user.has_perm(services.EDIT_PERMISSION)
    assert user.has_perm(services.APPROVE_PERMISSION)
