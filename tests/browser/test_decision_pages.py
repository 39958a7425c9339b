# ruff: noqa: F811 - the fixtures imported from the identity and write-back test packages are used by name
"""The decision pages in headless Chromium hold what each decision needs: a conflict shows both sides; the review
item finds any mirror record by name, email or domain; the shadow sample states its gate in words and go-live
asks what to do with the backlog. Screenshots at 1366, 1024 and 390 px go to $SCREENSHOT_DIR when it is set."""

import pytest

from crm_sandbox.users import person
from crmhub.writeback import services
from crmhub.writeback.models import OutcomeStatus, WritebackEvent
from identity_app.models import ReviewStatus
from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder
from tests.identity_ui.conftest import ambiguous_item, contacts, flow, mirror, resolve  # noqa: F401
from tests.writeback.conftest import world  # noqa: F401


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_a_conflict_shows_both_sides_and_keep_closes_it(
    transactional_db, live_server, page, sign_in, world, shots
):
    crm_id = world.ids[1]
    observed = world.sandbox.clock.now()
    world.sandbox.clock.advance(seconds=90)
    world.account.rep_edit("contacts", crm_id, {"ai_segment": "enterprise"})
    world.post([world.output(crm_id, "conflict-1", observed_at=observed, segment="smb")])
    conflict = world.record("conflict-1").outcomes.get(target_name="ai_segment")
    assert conflict.status == OutcomeStatus.CONFLICT

    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/writeback/conflicts/")
    row = page.locator("table.conflicts tbody tr").first
    assert "smb" in row.locator(".ai-side").inner_text()
    rep = row.locator(".rep-side").inner_text()
    edit = world.account.history("contacts", crm_id)[-1]
    rep_name = " ".join(person(world.account, edit.actor.user_id))
    assert "enterprise" in rep and f"by {rep_name}" in rep and "after the AI observed" in rep
    assert "UTC" not in rep  # the browser shows the moment in local time
    shots(page, "conflicts")
    row.get_by_role("button", name="Keep rep's value").click()
    page.wait_for_load_state("networkidle")
    assert "the rep's value stays" in page.locator(".messages").inner_text()
    conflict.refresh_from_db()
    assert conflict.status == OutcomeStatus.SKIPPED
    assert page.console_errors == []


def test_a_reviewer_finds_a_record_by_domain_and_links_it(
    transactional_db, live_server, page, sign_in, users, ambiguous_item, shots
):
    sign_in("rita", factories.PASSWORD)
    page.goto(f"{live_server.url}/review/{ambiguous_item.pk}/")
    page.fill("#id_find", "globex.io")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state("networkidle")
    found = page.locator("table.found-records tbody tr")
    assert found.count() == 1 and "C-3" in found.first.inner_text()
    shots(page, "review_item_search")
    page.once("dialog", lambda dialog: dialog.accept())
    found.first.get_by_role("button", name="Link to C-3").click()
    page.wait_for_load_state("networkidle")
    ambiguous_item.refresh_from_db()
    assert (ambiguous_item.status, ambiguous_item.resolved_crm_id) == (ReviewStatus.LINKED, "C-3")
    assert page.console_errors == []


def test_the_sample_states_its_gate_and_go_live_sends_the_backlog(
    transactional_db, live_server, page, sign_in, world, shots
):
    world.flow.mode = "shadow"
    world.flow.save()
    world.settings.min_sample_size = 5
    world.settings.accuracy_threshold = 0.5
    world.settings.save()
    world.post([world.output(crm_id, f"sh-{n}", score=n + 10) for n, crm_id in enumerate(world.ids[:8])])
    sample = services.shadow_sample_draw(flow=world.flow, actor=world.users["reviewer"], size=5, seed=3)

    sign_in("rita", factories.PASSWORD)
    page.goto(f"{live_server.url}/writeback/samples/{sample.pk}/")
    words = page.locator("#gate-words").inner_text()
    assert "at least 5 reviewed" in words and "above 50 %" in words and "So far: 0 reviewed" in words
    first = page.locator("tr.review-row").first
    assert first.locator(".now-in-crm").inner_text().strip() and first.locator(".would-write").inner_text()
    for row in page.locator("tr.review-row").all():
        row.locator("input[value=correct]").check()
    page.locator("#save-verdicts").click()
    page.wait_for_load_state("networkidle")
    shots(page, "shadow_sample")

    page.get_by_role("button", name="Sign out").click()
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/writeback/samples/{sample.pk}/")
    assert page.locator("#backlog-count").inner_text() == "8"
    page.locator("input[name=backlog][value=send]").check()
    page.get_by_role("button", name=f"Switch {world.flow.name} to live").click()
    page.wait_for_load_state("networkidle")
    assert "the shadow backlog is being sent" in page.locator(".messages").inner_text()
    assert "shadow backlog sent (8 values)" in page.locator("table.decisions").inner_text()
    assert WritebackEvent.objects.get(kind="go_live").details["shadow_backlog"] == "send"
    assert page.console_errors == []
