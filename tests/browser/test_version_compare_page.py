"""A viewer compares two catalog versions in headless Chromium: picks them, reads the changes in words."""

import pytest

from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder
from tests.setup_ui.test_version_compare import _two_versions


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_a_viewer_picks_two_versions_and_reads_what_changed(
    live_server, page, sign_in, users, connection, contact_fields, shots
):
    _two_versions(connection, users)

    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/catalog/versions/")
    page.get_by_role("link", name="Compare two versions").click()
    page.wait_for_load_state("networkidle")
    # The page opens on the active version against the one before it.
    assert page.locator("#id_older").input_value() == "1"
    assert page.locator("#id_newer").input_value() == "2"
    main = page.locator("main")
    summary = main.locator(".compare-summary").inner_text()
    assert "2 added" in summary and "1 removed" in summary and "2 changed" in summary
    score = main.locator("article.compare-entry", has_text="lead_scorer.score → contacts.ai_lead_score")
    assert score.get_attribute("data-change") == "changed"
    assert score.locator("td.was").all_inner_texts() == ["decimal places: 1", "Skip nulls"]
    assert score.locator("td.now").all_inner_texts() == ["decimal places: 0", "Write nulls"]
    shots(page, "version-compare")

    page.select_option("#id_older", "0")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article.compare-entry[data-change=changed]").count() == 0
    assert page.locator("article.compare-entry[data-change=added]").count() == 7
    assert "rep_owned" not in main.inner_text() and "ai_owned" not in main.inner_text()
    assert page.console_errors == []
