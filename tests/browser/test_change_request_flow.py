"""A second admin reviews a change request's diff in the browser, approves it and applies it."""

from mappings_app import services
from mappings_app.models import ChangeStatus
from tests import factories


def _submitted_change(users, connection):
    change = services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="Score write-back",
        operations=factories.score_catalog_ops(),
    )
    services.change_request_submit(change=change, actor=users["admin"])
    return change


def test_approver_sees_the_diff_with_risk_flags_then_approves_and_applies(
    transactional_db, live_server, page, sign_in, users, connection, contact_fields
):
    change = _submitted_change(users, connection)

    sign_in("bob", factories.PASSWORD)
    page.goto(f"{live_server.url}/catalog/changes/{change.pk}/")
    body = page.locator("main")
    assert "Score write-back" in body.inner_text()
    assert "Field becomes writable by the hub" in body.inner_text()
    assert page.locator(".changed-after").count() > 0

    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")

    change.refresh_from_db()
    connection.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED
    assert connection.catalog_version == 1
    assert "Applied" in page.locator("main").inner_text()
    assert page.console_errors == []


def test_author_is_not_offered_approval_of_their_own_change(
    transactional_db, live_server, page, sign_in, users, connection, contact_fields
):
    change = _submitted_change(users, connection)

    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/catalog/changes/{change.pk}/")

    assert page.get_by_role("button", name="Approve").count() == 0
    assert page.console_errors == []


def test_catalog_pages_load_without_console_errors(
    transactional_db, live_server, page, sign_in, users, connection, contact_fields
):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())

    sign_in("victor", factories.PASSWORD)
    for path in ["/", "/catalog/", "/catalog/mappings/", "/catalog/changes/", "/catalog/versions/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.locator("header.topbar").count() == 1, path
    assert page.console_errors == []
