"""Every catalog page renders, and each role sees exactly what it may use."""

import pytest
from django.urls import reverse

from mappings_app.models import ChangeRequest
from tests import factories
from tests.database import as_pks, from_pks, rows_for_the_module
from tests.ui.conftest import make_catalog, make_draft, make_submitted

READ_PAGES = [
    "field-list",
    "field-list-filtered",
    "field-detail",
    "mapping-list",
    "mapping-detail",
    "change-list",
    "change-detail-draft",
    "change-detail-submitted",
    "change-detail-applied",
    "version-list",
    "version-detail",
    "catalog-export",
]


def _pages_rows():
    """The rows of conftest's `pages`, built in the order its fixtures build them."""
    users = factories.role_users()
    connection = factories.make_connection()
    contact_fields = factories.make_contact_schema(connection)
    rows = {"users": users, "connection": connection, "contact_fields": contact_fields}
    rows["catalog"] = make_catalog(users, connection)
    rows["draft"] = make_draft(users, connection)
    rows["submitted"] = make_submitted(users, connection)
    return as_pks(rows)


@pytest.fixture(scope="module")
def pages_pks(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker, _pages_rows) as pks:
        yield pks


@pytest.fixture
def rows(pages_pks, db):
    return from_pks(pages_pks)


@pytest.fixture
def users(rows):
    return rows["users"]


@pytest.fixture
def connection(rows):
    return rows["connection"]


@pytest.fixture
def contact_fields(rows):
    return rows["contact_fields"]


@pytest.fixture
def catalog(rows):
    return rows["catalog"]


@pytest.fixture
def draft(rows):
    return rows["draft"]


@pytest.fixture
def submitted(rows):
    return rows["submitted"]


@pytest.mark.parametrize("page", READ_PAGES)
def test_every_read_page_renders_for_the_sales_ops_admin(login, users, pages, page):
    response = login(users["admin"]).get(pages[page])
    assert response.status_code == 200


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_reviewers_and_viewers_can_read_every_page(login, users, pages, page, role):
    response = login(users[role]).get(pages[page])
    assert response.status_code == 200


def test_html_pages_extend_the_base_layout_and_mark_the_active_nav(login, users, pages):
    response = login(users["admin"]).get(pages["field-list"])
    html = response.content.decode()
    assert 'class="topbar"' in html
    assert 'aria-current="page"' in html
    assert "<label" in html


def test_field_list_shows_owner_badges_with_rep_owned_as_the_default(login, users, pages):
    html = login(users["admin"]).get(pages["field-list"]).content.decode()
    assert "owner-ai_owned" in html
    assert "owner-hybrid" in html
    # email has no ownership row, so it is rep-owned
    assert html.count("owner-rep_owned") >= 1


def test_field_list_filters_narrow_the_catalog(login, users, connection, pages):
    browser = login(users["admin"])
    url = reverse("mappings:field-list")
    mapped = browser.get(url, {"connection": connection.pk, "mapped": "yes"}).context["page"]
    assert sorted(f.name for f in mapped) == ["ai_lead_score", "ai_segment"]
    hybrid = browser.get(url, {"owner": "hybrid"}).context["page"]
    assert [f.name for f in hybrid] == ["ai_segment"]
    typed = browser.get(url, {"type": "date", "q": "renewal"}).context["page"]
    assert [f.name for f in typed] == ["renewal_date"]
    rep_owned = browser.get(url, {"owner": "rep_owned"}).context["page"]
    assert "email" in [f.name for f in rep_owned]


def test_field_list_links_export_and_import_when_a_connection_is_selected(login, users, connection, pages):
    html = login(users["admin"]).get(pages["field-list-filtered"]).content.decode()
    assert reverse("mappings:catalog-export", args=[connection.pk]) in html
    assert reverse("mappings:catalog-import", args=[connection.pk]) in html


def test_viewer_sees_export_but_not_import(login, users, connection, pages):
    html = login(users["viewer"]).get(pages["field-list-filtered"]).content.decode()
    assert reverse("mappings:catalog-export", args=[connection.pk]) in html
    assert reverse("mappings:catalog-import", args=[connection.pk]) not in html


def test_field_detail_shows_history_with_who_and_why(login, users, pages, catalog):
    html = login(users["admin"]).get(pages["field-detail"]).content.decode()
    assert f"Change request #{catalog.change_request_id}" in html
    assert "Bob" in html  # the approver applied it
    assert "Propose an ownership change" in html


def test_field_detail_prefills_the_mapping_form_when_editing(login, users, pages, contact_fields):
    from mappings_app.models import FieldMapping

    mapping = FieldMapping.objects.get(source_key="score")
    response = login(users["admin"]).get(pages["field-detail"], {"mapping": mapping.pk})
    form = response.context["mapping_form"]
    assert form.initial["source_key"] == "score"
    assert form.initial["timestamp_field"] == "ai_lead_score_updated_at"


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_read_only_roles_get_no_forms_or_action_buttons(login, users, pages, role):
    browser = login(users[role])
    field_html = browser.get(pages["field-detail"]).content.decode()
    assert "Propose an ownership change" not in field_html
    for page in ("change-detail-draft", "change-detail-submitted"):
        html = browser.get(pages[page]).content.decode()
        for action in ("submit", "approve", "reject", "apply", "rebase", "comment", "remove-item"):
            assert f"/{action}/" not in html
    version_html = browser.get(pages["version-list"]).content.decode()
    assert "Restore" not in version_html


def test_author_sees_submit_and_remove_but_not_approve_on_own_draft(login, users, pages):
    html = login(users["admin"]).get(pages["change-detail-draft"]).content.decode()
    assert "/submit/" in html
    assert "/remove-item/" in html
    assert "/approve/" not in html


def test_second_admin_sees_approve_and_reject_on_a_submitted_request(login, users, pages):
    html = login(users["approver"]).get(pages["change-detail-submitted"]).content.decode()
    assert "/approve/" in html
    assert "/reject/" in html
    assert "/submit/" not in html
    author_html = login(users["admin"]).get(pages["change-detail-submitted"]).content.decode()
    assert "/approve/" not in author_html


def _write_requests(pages, connection, draft, submitted, catalog, contact_fields):
    field_pk = contact_fields["email"].pk
    return [
        (reverse("mappings:change-create"), {"connection": connection.pk, "title": "x"}),
        (reverse("mappings:change-action", args=[draft.pk, "submit"]), {}),
        (reverse("mappings:change-action", args=[submitted.pk, "approve"]), {}),
        (reverse("mappings:change-action", args=[submitted.pk, "reject"]), {"note": "no"}),
        (reverse("mappings:change-action", args=[submitted.pk, "apply"]), {}),
        (reverse("mappings:change-action", args=[submitted.pk, "rebase"]), {}),
        (reverse("mappings:change-action", args=[submitted.pk, "comment"]), {"body": "hi"}),
        (reverse("mappings:change-action", args=[draft.pk, "remove-item"]), {"item": "1"}),
        (reverse("mappings:field-propose", args=[field_pk, "ownership"]), {"own-owner": "ai_owned"}),
        (reverse("mappings:version-restore", args=[catalog.pk]), {}),
        (reverse("mappings:catalog-import", args=[connection.pk]), {"yaml_text": "ownership: []"}),
    ]


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_read_only_roles_are_refused_every_write(
    login, users, pages, connection, draft, submitted, catalog, contact_fields, role
):
    browser = login(users[role])
    before = ChangeRequest.objects.count()
    for url, data in _write_requests(pages, connection, draft, submitted, catalog, contact_fields):
        assert browser.post(url, data).status_code == 403, url
    assert browser.get(reverse("mappings:change-create")).status_code == 403
    assert browser.get(reverse("mappings:catalog-import", args=[connection.pk])).status_code == 403
    assert ChangeRequest.objects.count() == before
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert (draft.status, submitted.status) == ("draft", "submitted")
    assert draft.items.count() == 2
    assert not submitted.comments.exists()


def test_actions_only_accept_post(login, users, draft):
    response = login(users["admin"]).get(reverse("mappings:change-action", args=[draft.pk, "submit"]))
    assert response.status_code == 405


def test_unknown_action_is_not_found(login, users, draft):
    response = login(users["admin"]).post(reverse("mappings:change-action", args=[draft.pk, "explode"]))
    assert response.status_code == 404


def test_user_without_any_role_gets_403(login, db, pages):
    nobody = factories.make_user("nobody")
    browser = login(nobody)
    for page in READ_PAGES:
        assert browser.get(pages[page]).status_code == 403, page


def test_anonymous_visitor_is_sent_to_the_login_page(client, pages):
    response = client.get(pages["change-list"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_integration_account_cannot_sign_in_to_the_browser(client, users, pages):
    response = client.post(
        reverse("login"), {"username": users["integration"].username, "password": factories.PASSWORD}
    )
    assert response.status_code == 200
    assert "integration account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(pages["field-list"]).status_code == 302


def test_sales_ops_admin_signs_in_with_the_login_form(client, users, pages):
    response = client.post(reverse("login"), {"username": "alice", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert client.get(pages["field-list"]).status_code == 200
