# ruff: noqa: F811 - the fixtures imported from the exports test package are used by name
"""The exports pages in headless Chromium: a CDP record's lineage with the traits it was sent, a destination
before its first delivery ("not run yet", the failed rows download in the reader's zone), and the destination
form refusing incomplete Snowflake credentials. Screenshots at 1366, 1280, 1024 and 375 px go to
$SCREENSHOT_DIR when it is set; no page, and no card on it, scrolls sideways at any of them."""

import pytest
from playwright.sync_api import expect

from crmhub.models import CrmConnection
from tests import factories
from tests.browser.widths import CARD_OVERFLOW, shoot_at_widths, shots_folder
from tests.exports.test_api_schema_and_sheets import world  # noqa: F401
from tests.exports.test_cdp_reconciliation import cdp_world  # noqa: F401
from tests.exports.warehouse_world import export_world, long_lived_objects_frozen  # noqa: F401

pytestmark = pytest.mark.usefixtures("long_lived_objects_frozen")

# A click that submits or follows a link waits for the next page's load (these pages fetch nothing after it), not
# for half a second without traffic as networkidle does.

# The exports pages are checked at the widths sales-ops asked for too (1280, and a 375 px phone), and no card
# may scroll sideways: the runs table once did at 1024 px.
EXPORT_WIDTHS = (1366, 1280, 1024, 375)


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name, EXPORT_WIDTHS, in_cards=True)


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
    assert f"Contacts {ids[1]}: in segment" in text
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


def test_a_destination_before_its_first_delivery_and_the_destination_form(
    transactional_db, live_server, page, sign_in, world, shots
):
    """One signed-in page for the destination's page and the form's checks: each test on a live server empties
    every table afterwards (a flush, seconds on PostgreSQL), and these share the same users."""
    _users, _connection, destination, _queued = world
    sign_in("alice", factories.PASSWORD)
    a_destination_before_its_first_delivery_and_a_refused_snowflake_form(
        live_server, page, destination, shots
    )
    the_destination_form_shows_only_the_chosen_types_settings_and_keeps_secrets_unseen(
        live_server, page, shots
    )


def a_destination_before_its_first_delivery_and_a_refused_snowflake_form(
    live_server, page, destination, shots
):
    page.goto(f"{live_server.url}/exports/{destination.pk}/")
    assert "Not run yet" in page.locator("main").inner_text()
    link = page.get_by_role("link", name="Download failed rows (CSV, times in your time zone)")
    assert "tz=" in link.get_attribute("href")
    shots(page, "exports_destination_not_reconciled_yet")
    page.goto(f"{live_server.url}/exports/new/")
    page.fill("#id_name", "snow")
    page.select_option("#id_destination_type", "snowflake")
    page.fill("#id_snowflake__host", "acme-xy12345")
    page.fill("#id_snowflake__username", "LOADER")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    group = page.locator('fieldset[data-destination-type="snowflake"]')
    assert "Snowflake needs the database." in group.inner_text()
    assert "Snowflake needs a password or a private key." in group.inner_text()
    expect(page.locator('fieldset[data-destination-type="postgres"]')).to_be_hidden()
    shots(page, "exports_destination_form_snowflake_refused")
    assert not page.console_errors


TYPES = ["duckdb", "postgres", "redshift", "snowflake", "bigquery", "cdp"]


def the_destination_form_shows_only_the_chosen_types_settings_and_keeps_secrets_unseen(
    live_server, page, shots
):
    page.goto(f"{live_server.url}/exports/new/")
    assert "JSON" not in page.locator("main").inner_text().replace("JSON key file", "")
    for chosen in TYPES:
        page.select_option("#id_destination_type", chosen)
        for other in TYPES:
            group = page.locator(f'fieldset[data-destination-type="{other}"]')
            if other == chosen:
                expect(group).to_be_visible()
            else:
                expect(group).to_be_hidden()
        tables = page.locator('fieldset[data-destination-type~="duckdb"][data-destination-type~="postgres"]')
        if chosen == "cdp":
            expect(tables).to_be_hidden()
        else:
            expect(tables).to_be_visible()
        shots(page, f"exports_destination_form_{chosen}")
    page.fill("#id_name", "Segment")
    page.select_option("#id_destination_type", "cdp")
    page.fill("#id_endpoint_url", "https://api.segment.io")
    page.fill("#id_cdp__write_key", "wk-very-secret")
    page.get_by_role("checkbox", name="Identifier", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "Destination “Segment” saved." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    assert "wk-very-secret" not in page.content()
    assert page.input_value("#id_cdp__write_key") == ""
    assert "Leave blank to keep it" in page.locator('fieldset[data-destination-type="cdp"]').inner_text()
    assert page.input_value("#id_endpoint_url") == "https://api.segment.io"
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "saved" in page.locator("main").inner_text()
    from crmhub.exports.models import Destination

    assert Destination.objects.get(name="Segment").credentials == {"write_key": "wk-very-secret"}
    assert not page.console_errors


def test_a_tour_of_the_export_pages_after_real_runs(
    transactional_db, live_server, page, sign_in, export_world, shots
):
    """Every exports page after sync cycles into DuckDB, a failed row and a reconciliation: each names things
    as sales-ops knows them, the backfill rows line up, and nothing overflows at the three widths."""
    from crmhub.exports import reconciliation
    from crmhub.exports.models import ExportFailedRow

    world = export_world
    world.sync_all()
    company_id = str(world.account.record_ids("companies")[0])
    world.advance(60)
    world.account.rep_edit("companies", company_id, {"numberofemployees": "12.5"})
    world.advance(60)
    world.cycle("companies")
    failed = ExportFailedRow.objects.get(crm_id=company_id)
    reconciliation.reconcile(destination=world.destination)
    destination = world.destination
    sign_in("alice", factories.PASSWORD)

    page.goto(f"{live_server.url}/exports/")
    shots(page, "exports_tour_destination_list")
    page.goto(f"{live_server.url}/exports/{destination.pk}/")
    main = page.locator("main").inner_text()
    assert "1 failed row waiting to be sent again." in main
    rows = page.locator("#backfill form.backfill-row")
    assert rows.count() == 3  # contacts, companies, deals
    assert "Companies" in rows.nth(0).inner_text() + rows.nth(1).inner_text() + rows.nth(2).inner_text()
    since = [rows.nth(i).locator("input[name=since]").bounding_box() for i in range(3)]
    boxes = [rows.nth(i).locator("input[name=full_refresh]").bounding_box() for i in range(3)]
    assert len({round(box["x"]) for box in since}) == 1 and len({round(box["x"]) for box in boxes}) == 1
    assert all(box["width"] < 30 for box in boxes)  # a checkbox, not a 150 px wide box
    label = rows.nth(0).locator("label.check").bounding_box()
    assert label["x"] <= boxes[0]["x"] < label["x"] + 5  # the checkbox starts its own label's line
    shots(page, "exports_tour_destination_detail")
    from crmhub.exports.models import ExportRun

    ExportRun.objects.filter(pk=failed.run_id).update(records_suppressed=2, records_merged=1)
    page.goto(f"{live_server.url}/exports/runs/")
    shots(page, "exports_tour_run_list")
    row = page.locator("table.runs tbody tr").filter(has=page.locator(f"a:text-is('#{failed.run_id}')"))
    page.set_viewport_size({"width": 1600, "height": 900})
    # the resize's reflow may land after the next evaluate on a loaded machine: the overflow must be gone soon
    page.wait_for_function(f"() => ({CARD_OVERFLOW})().length === 0", timeout=5000)
    expect(row.locator("td.also")).to_be_hidden()  # 1600 px: a column per count
    expect(row.locator("td.opt").nth(1)).to_have_text("2")
    page.set_viewport_size({"width": 1366, "height": 900})  # up to 1400 px the mostly-zero counts fold
    expect(row.locator("td.also")).to_have_text("2 suppressed1 merged")
    page.set_viewport_size({"width": 1024, "height": 900})
    expect(row.locator("td.also")).to_have_text("2 suppressed1 merged")
    expect(row.locator("td.opt").first).to_be_hidden()
    expect(page.locator("table.runs th", has_text="Started")).to_be_in_viewport()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/exports/runs/{failed.run_id}/")
    assert "not a whole number" in page.locator("main").inner_text()
    shots(page, "exports_tour_run_detail")
    page.goto(f"{live_server.url}/exports/{destination.pk}/lineage/")
    shots(page, "exports_tour_lineage_empty")
    contact = str(world.account.record_ids("contacts")[0])
    page.select_option("select[name=target]", label="Contacts from acme-hubspot")
    page.fill("input[name=crm_id]", contact)
    with page.expect_navigation():
        page.get_by_role("button", name="Explain").click()
    shots(page, "exports_tour_lineage_record")
    page.goto(f"{live_server.url}/exports/{destination.pk}/edit/")
    assert page.input_value("#id_destination_type") == destination.warehouse_type  # DuckDB, or PostgreSQL
    shots(page, "exports_tour_destination_edit")
    from mappings_app.models import CrmField

    stage = CrmField.objects.get(crm_object__name="contacts", name="lifecyclestage")
    page.goto(f"{live_server.url}/catalog/fields/{stage.pk}/")
    sent = page.locator("#outbound").inner_text()
    assert "analytics" in sent and "lifecycle_stage" in sent
    expect(page.locator("#propose-outbound select[name=out-destination]")).to_be_visible()
    shots(page, "exports_tour_field_outbound")
    assert not page.console_errors
