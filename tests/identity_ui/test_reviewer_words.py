"""The review queue and the item page in a sales-ops person's words: candidates named by name (their CRM id
beside it), no "bits" or "p=" in why an item stopped, levels said as words (the label on hover)."""

import html
import re

import pytest
from django.urls import reverse

from identity_app.models import ReviewItem, ReviewReason
from tests import factories
from tests.identity_ui.conftest import inbound

# Bob Smith writes with Jane Doe's address: the key is contradicted by both names.
BOB = {"email": "jane.doe@acme.com", "first_name": "Bob", "last_name": "Smith", "company": "Acme"}


@pytest.fixture
def contradicted_item(flow, mirror, resolve) -> ReviewItem:
    resolve(flow, inbound("lead-9", **BOB))
    item = ReviewItem.objects.get(flow=flow, external_id="lead-9")
    assert item.reason == ReviewReason.KEY_CONTRADICTED
    return item


def _why(body: str) -> str:
    return html.unescape(re.search(r"<dt>Why it stopped</dt>\s*<dd>(.*?)</dd>", body, re.S).group(1))


def test_a_tie_names_the_records_and_says_no_bits(login, users, ambiguous_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk])).content.decode()
    why = _why(body)
    assert "bits" not in why and "p=" not in why and "tie margin" not in why
    # Janet Doe scores as well, but her first name is vetoed (two given names, not a slip): no rival.
    assert (
        "Tie: Jane Doe (CRM record C-1) and Jane Doe (CRM record C-2) match this record about equally well; they "
        "may be duplicates of each other in the CRM." in why
    )
    assert "2 candidates match this record about equally well: a person has to choose." in why
    notice = re.search(r'id="tie-notice">(.*?)</div>', body, re.S).group(1)
    assert 'Jane Doe (CRM record <span class="mono">C-1</span>)' in notice
    assert "tie margin" not in notice


def test_a_best_candidate_is_named_and_its_chance_said_in_per_cent(login, users, clear_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[clear_item.pk])).content.decode()
    why = _why(body)
    assert "Best candidate Omar Haddad (CRM record C-3) is a 99.9% match" in why
    assert "p=" not in why and "100.0%" not in why


def test_a_contradicted_key_names_the_record_it_is_on(login, users, contradicted_item):
    body = (
        login(users["reviewer"]).get(reverse("identity:item", args=[contradicted_item.pk])).content.decode()
    )
    why = _why(body)
    assert (
        "This email now seems to belong to someone else: email jane.doe@acme.com is on CRM record C-1 "
        "(Jane Doe), whose name is another person's." in why
    )
    # Jane Doe's namesakes rank next, both implausible: no "tie" of records that do not match at all.
    assert "No candidate is a plausible match." in why and "Tie:" not in why
    assert " -> " not in why and "bits" not in why


def test_levels_are_words_with_the_label_on_hover(login, users, ambiguous_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk])).content.decode()
    assert '<div class="level" title="similarity &gt;= 0.92">similar' in body
    assert '<div class="level" title="exact">same' in body
    assert not re.search(r'<div class="level"[^>]*>similarity', body)


def test_no_candidate_is_said_without_blocking_words(login, users, unmatched_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[unmatched_item.pk])).content.decode()
    assert "block" not in _why(body)
    assert "blocking key" not in body


@pytest.mark.browser
def test_the_queue_and_a_tie_read_in_words_in_chromium_at_1366_px(
    transactional_db, live_server, browser, users, ambiguous_item, contradicted_item
):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/review/")
    header = [cell.inner_text().strip().lower() for cell in page.locator("thead th").all()]
    column = header.index("top candidate")
    for row in page.locator("tbody tr").all():
        top = row.locator("td").nth(column).inner_text()
        assert top.splitlines()[0] == "Jane Doe"  # the name first, the id below it
        assert "bits" not in top

    page.goto(f"{live_server.url}/review/{ambiguous_item.pk}/")
    why = page.locator("dt:has-text('Why it stopped') + dd").inner_text()
    assert "Jane Doe (CRM record C-1)" in why and "bits" not in why
    assert "within the tie margin" not in page.locator("#tie-notice").inner_text()
    visible = page.locator("main").inner_text()
    assert "similarity >=" not in visible and " bits" not in visible
    context.close()
