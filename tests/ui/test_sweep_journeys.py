# ruff: noqa: F811 - the fixtures imported from the write-back test packages are used by name
"""Journeys that broke when a newcomer worked the demo in headless Chromium (the h21 sweep):

- a destructive button asked nothing outside the review pages (its confirmation lived in the review queue's
  script only): revoking an API token, resuming a paused connection;
- the author of a submitted change request saw no action and no word on what happens next;
- a value's timeline showed stored enum values (`ai_owned: written`, `written_verified`), its final outcome
  twice, and the request's send time as a raw ISO string with microseconds."""

import pytest
from django.urls import reverse
from knox.models import AuthToken

from mappings_app import services as catalog_services
from mappings_app.models import FieldMapping
from tests import factories
from tests.writeback.conftest import world  # noqa: F401
from tests.writeback_ui.conftest import login, story  # noqa: F401


@pytest.fixture
def dismissed_dialogs(page):
    """Every confirm() the page shows is answered "Cancel"; the questions are kept."""
    questions = []

    def cancel(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", cancel)
    return questions


def test_revoking_a_token_asks_first_and_cancel_keeps_it(
    transactional_db, live_server, page, sign_in, dismissed_dialogs
):
    alice = factories.role_users()["admin"]
    factories.make_token(alice)
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}{reverse('api-tokens')}")
    page.get_by_role("button", name="Revoke").click()
    page.wait_for_load_state("networkidle")
    assert dismissed_dialogs and "Revoke this token?" in dismissed_dialogs[0]
    assert AuthToken.objects.filter(user=alice).count() == 1  # cancelled: nothing was posted


def test_resuming_a_paused_connection_asks_first(
    transactional_db, live_server, page, sign_in, dismissed_dialogs
):
    users = factories.role_users()
    connection = factories.make_connection()
    connection.status = "paused"
    connection.save(update_fields=["status"])
    assert users
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}{reverse('writeback:connections')}")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_load_state("networkidle")
    assert dismissed_dialogs and dismissed_dialogs[0].startswith(f"Resume {connection.name}?")
    connection.refresh_from_db()
    assert connection.status == "paused"
    assert not page.console_errors


def test_the_author_of_a_submitted_change_is_told_who_it_waits_for(
    db, users, connection, contact_fields, client
):
    change = catalog_services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="Scores",
        operations=[factories.ownership_op("num_employees", "ai_owned")],
    )
    catalog_services.change_request_submit(change=change, actor=users["admin"])
    url = reverse("mappings:change-detail", args=[change.pk])

    client.force_login(users["admin"])
    html = client.get(url).content.decode()
    assert "Waiting for another sales-ops admin to approve it: nobody approves their own change." in html
    assert ">Approve<" not in html

    client.force_login(users["approver"])
    html = client.get(url).content.decode()
    assert 'id="waiting-for"' not in html and ">Approve<" in html


def test_a_value_timeline_reads_in_words(story, login, world):
    record = story.written
    html = login(world.users["viewer"]).get(reverse("writeback:record", args=[record.pk])).content.decode()
    assert "AI-owned field: written" in html and "ai_owned: written" not in html
    assert '<span class="event">written_verified</span>' not in html
    assert '<span class="event">Written and verified</span>' in html
    assert "Written and verified — Written and verified" not in html
    sent_at = record.outcomes.get(target_name="ai_score").request_summary["sent_at"]
    assert f"</span> {sent_at}</li>" not in html  # not the raw ISO moment
    assert '<span class="muted">sent at</span> 2026-11-02 09:00:00 UTC</li>' in html  # to the second, UTC


def test_a_mapping_page_fits_a_phone(live_server, page, sign_in, catalog):
    """At 390 px the mapping's long heading and target field path wrapped nowhere and pushed the page sideways."""
    mapping = FieldMapping.objects.order_by("pk").first()
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}{reverse('mappings:mapping-detail', args=[mapping.pk])}")
    assert "." in page.locator("h1").inner_text()  # a field path, the kind of text that did not wrap
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
