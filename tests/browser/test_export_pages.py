# ruff: noqa: F811 - the fixtures imported from the exports test package are used by name
"""The exports pages in headless Chromium: a CDP record's lineage with the traits it was sent, a destination
before its first delivery ("not run yet", the failed rows download in the reader's zone), and the destination
form refusing incomplete Snowflake credentials. Screenshots at 1366, 1024 and 390 px go to $SCREENSHOT_DIR
when it is set."""

import pytest

from crmhub.models import CrmConnection
from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder
from tests.exports.test_api_schema_and_sheets import world  # noqa: F401
from tests.exports.test_cdp_reconciliation import cdp_world  # noqa: F401


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_a_cdp_records_lineage_shows_its_traits_and_their_crm_fields(
    transactional_db, live_server, page, sign_in, cdp_world, shots
):
    _source, destination, ids = cdp_world
    connection = CrmConnection.objects.get(name="acme-hubspot")
    sign_in("alice", factories.PASSWORD)
    page.goto(
        f"{live_server.url}/exports/{destination.pk}/lineage/?target={connection.pk}|contacts&crm_id={ids[1]}"
    )
    text = page.locator("main").inner_text()
    assert f"contacts {ids[1]}: in segment" in text
    assert "The CDP knows it as" in text and "identify" in text
    table = page.locator("table").inner_text()
    assert "trait" in table.lower() and "lifecycle_stage" in table and "lifecyclestage" in table
    assert "Contact personal data" in table and "set by the hub" in table
    shots(page, "exports_cdp_record_lineage")
    page.goto(
        f"{live_server.url}/exports/{destination.pk}/lineage/?target={connection.pk}|contacts&crm_id={ids[0]}"
    )
    assert "Suppressed" in page.locator("main").inner_text()
    shots(page, "exports_cdp_record_lineage_suppressed")
    assert not page.console_errors


def test_a_destination_before_its_first_delivery_and_a_refused_snowflake_form(
    transactional_db, live_server, page, sign_in, world, shots
):
    _users, _connection, destination, _queued = world
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/exports/{destination.pk}/")
    assert "Not run yet" in page.locator("main").inner_text()
    link = page.get_by_role("link", name="Download failed rows (CSV, times in your time zone)")
    assert "tz=" in link.get_attribute("href")
    shots(page, "exports_destination_not_reconciled_yet")
    page.goto(f"{live_server.url}/exports/new/")
    page.fill("#id_name", "snow")
    page.select_option("#id_kind", "warehouse")
    page.select_option("#id_warehouse_type", "snowflake")
    page.fill("#id_new_credentials", '{"connection_string": "snowflake://loader@acme-xy12345"}')
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert "Snowflake needs database, password (or private_key)" in page.locator("main").inner_text()
    shots(page, "exports_destination_form_snowflake_refused")
    assert not page.console_errors
