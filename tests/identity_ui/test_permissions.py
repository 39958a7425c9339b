"""Who may do what: viewers read, reviewers decide and assign, admins also start validation runs,
integration accounts get nothing of the review queue (browser or API), strangers must sign in."""

import pytest
from django.urls import reverse

from identity_app import services
from identity_app.models import IdentityLink, ReviewStatus
from tests import factories
from tests.identity_ui.conftest import inbound

PAGE_ACCESS = {
    # role -> status of every read page; the validation-run form needs add_validationrun (admins).
    "admin": (200, 200),
    "reviewer": (200, 403),
    "viewer": (200, 403),
    "integration": (403, 403),
}


@pytest.fixture
def run(flow, mirror, users):
    return services.validation_run_create(
        flow=flow, records=[inbound("v-1", email="omar@globex.io")], actor=users["admin"]
    )


@pytest.fixture
def read_pages(ambiguous_item, run) -> list[str]:
    return [
        reverse("identity:queue"),
        reverse("identity:queue") + "?status=all&reason=ambiguous",
        reverse("identity:item", args=[ambiguous_item.pk]),
        reverse("identity:validation-runs"),
        reverse("identity:validation-run", args=[run.pk]),
        reverse("identity:links"),
    ]


@pytest.mark.parametrize("role", list(PAGE_ACCESS))
def test_each_role_reads_the_pages_it_may(role, login, users, read_pages):
    browser = login(users[role])
    read_status, start_status = PAGE_ACCESS[role]
    for url in read_pages:
        assert browser.get(url).status_code == read_status, url
    assert browser.get(reverse("identity:validation-run-create")).status_code == start_status


def test_anonymous_visitors_are_sent_to_sign_in(client, read_pages):
    for url in [*read_pages, reverse("identity:validation-run-create")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_integration_accounts_cannot_sign_in_to_the_browser(client, users):
    response = client.post(reverse("login"), {"username": "scorer-bot", "password": factories.PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


ITEM_ACTIONS = {
    "link": {"crm_id": "C-1"},
    "dismiss": {"note": "spam"},
    "create-new": {},
    "assign": {"assignee": "me"},
}


@pytest.mark.parametrize("role", ["viewer", "integration"])
@pytest.mark.parametrize("action", list(ITEM_ACTIONS))
def test_readers_cannot_act_on_items_in_the_browser(role, action, login, users, ambiguous_item):
    browser = login(users[role])
    response = browser.post(
        reverse("identity:item-action", args=[ambiguous_item.pk, action]), ITEM_ACTIONS[action]
    )
    assert response.status_code == 403
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN and ambiguous_item.assignee is None
    assert not IdentityLink.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "integration"])
@pytest.mark.parametrize("bulk_action", ["assign_me", "dismiss", "link_top"])
def test_readers_cannot_run_bulk_actions(role, bulk_action, login, users, ambiguous_item):
    response = login(users[role]).post(
        reverse("identity:bulk"), {"action": bulk_action, "ids": [ambiguous_item.pk]}
    )
    assert response.status_code == 403
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN and ambiguous_item.assignee is None


def test_viewer_sees_no_action_controls(login, users, ambiguous_item):
    body = login(users["viewer"]).get(reverse("identity:item", args=[ambiguous_item.pk])).content.decode()
    assert 'id="actions"' not in body and "Link to C-1" not in body and 'id="assign-me-form"' not in body
    queue = login(users["viewer"]).get(reverse("identity:queue")).content.decode()
    assert "Apply to selected" not in queue and 'name="ids"' not in queue


def test_viewer_cannot_start_a_validation_run(login, users, flow):
    response = login(users["viewer"]).post(reverse("identity:validation-run-create"), {"flow": flow.pk})
    assert response.status_code == 403


def test_nav_lists_the_review_queue_only_for_those_who_may_see_it(login, users, db):
    assert "Review queue" in login(users["viewer"]).get(reverse("home")).content.decode()
    nobody = factories.make_user("no-role")
    assert "Review queue" not in login(nobody).get(reverse("home")).content.decode()
    assert login(nobody).get(reverse("identity:queue")).status_code == 403


# -- API -----------------------------------------------------------------------------------------------------

API_READ_STATUS = {"admin": 200, "reviewer": 200, "viewer": 200, "integration": 403, "anonymous": 401}


@pytest.fixture
def api_reads(ambiguous_item, run) -> list[str]:
    return [
        reverse("review-item-list"),
        reverse("review-item-detail", args=[ambiguous_item.pk]),
        reverse("identity-link-list"),
        reverse("validation-run-list"),
        reverse("validation-run-detail", args=[run.pk]),
        reverse("mirror-record-list") + "?email=omar@globex.io",
    ]


@pytest.mark.parametrize("role", list(API_READ_STATUS))
def test_api_reads_per_role(role, api_for, api_reads):
    client = api_for(role)
    for url in api_reads:
        assert client.get(url).status_code == API_READ_STATUS[role], url


def _api_writes(item_pk: int, flow_pk: int) -> list[tuple[str, dict]]:
    return [
        (reverse("review-item-link", args=[item_pk]), {"crm_id": "C-1"}),
        (reverse("review-item-dismiss", args=[item_pk]), {"note": "x"}),
        (reverse("review-item-create-new", args=[item_pk]), {}),
        (reverse("review-item-assign", args=[item_pk]), {"assignee": None}),
        (reverse("review-item-bulk"), {"action": "dismiss", "ids": [item_pk]}),
        (reverse("identity-link-list"), {"flow": flow_pk, "external_id": "e-1", "crm_id": "C-1"}),
    ]


@pytest.mark.parametrize(("role", "expected"), [("viewer", 403), ("integration", 403), ("anonymous", 401)])
def test_api_writes_are_refused_to_readers(role, expected, api_for, flow, ambiguous_item):
    client = api_for(role)
    for url, body in _api_writes(ambiguous_item.pk, flow.pk):
        assert client.post(url, body, format="json").status_code == expected, url
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN
    assert not IdentityLink.objects.exists()


def test_api_assign_needs_the_change_permission(api_for, users, ambiguous_item):
    """Reviewers may assign; the viewer may not even assign to nobody."""
    url = reverse("review-item-assign", args=[ambiguous_item.pk])
    assert api_for("viewer").post(url, {"assignee": users["reviewer"].pk}, format="json").status_code == 403
    assert api_for("reviewer").post(url, {"assignee": users["reviewer"].pk}, format="json").status_code == 200
