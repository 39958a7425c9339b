"""The keyboard shortcuts in headless Chromium: j/k move, a assigns, 1 links after a confirm, d dismisses,
and the queue's bulk bar dismisses the selected rows."""

import pytest
from playwright.sync_api import expect

from identity_app.models import IdentityLink, ReviewItem, ReviewStatus
from tests import factories

pytestmark = pytest.mark.browser


def test_keys_on_the_detail_page(
    transactional_db, live_server, page, sign_in, users, ambiguous_item, unmatched_item
):
    sign_in("rita", factories.PASSWORD)
    page.goto(f"{live_server.url}/review/{unmatched_item.pk}/")
    assert "next/previous item" in page.locator(".shortcuts").inner_text()

    page.keyboard.press("j")  # newest first: the ambiguous item is older, so it comes next
    page.wait_for_url(f"**/review/{ambiguous_item.pk}/")
    page.keyboard.press("k")
    page.wait_for_url(f"**/review/{unmatched_item.pk}/")
    page.keyboard.press("j")
    page.wait_for_url(f"**/review/{ambiguous_item.pk}/")

    page.keyboard.press("a")
    page.wait_for_load_state("networkidle")
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.assignee == users["reviewer"]

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.keyboard.press("1")  # declined: nothing happens
    page.wait_for_timeout(300)
    ambiguous_item.refresh_from_db()
    assert ambiguous_item.status == ReviewStatus.OPEN
    assert dialogs and "candidate 1" in dialogs[0]

    top = ambiguous_item.candidates[0]["crm_id"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("1")
    page.wait_for_url(f"**/review/{unmatched_item.pk}/")  # on to the next open item
    ambiguous_item.refresh_from_db()
    assert (ambiguous_item.status, ambiguous_item.resolved_crm_id) == (ReviewStatus.LINKED, top)
    assert IdentityLink.objects.get().crm_id == top

    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("d")
    page.wait_for_url("**/review/")  # nothing left open
    unmatched_item.refresh_from_db()
    assert unmatched_item.status == ReviewStatus.DISMISSED
    assert page.console_errors == []


def test_bulk_dismiss_from_the_queue(
    transactional_db, live_server, page, sign_in, users, ambiguous_item, unmatched_item
):
    sign_in("rita", factories.PASSWORD)
    page.goto(f"{live_server.url}/review/")
    page.check("#select-all")
    assert page.locator("#selected-count").inner_text() == "2 selected"
    page.select_option("#id_bulk_action", "dismiss")
    expect(page.locator("#id_bulk_assignee")).to_be_hidden()
    page.fill("#id_bulk_note", "test leads")
    page.get_by_role("button", name="Apply to selected").click()
    page.wait_for_load_state("networkidle")
    assert "Dismissed 2 item(s)." in page.locator(".messages").inner_text()
    assert set(ReviewItem.objects.values_list("status", flat=True)) == {ReviewStatus.DISMISSED}
    assert page.console_errors == []
