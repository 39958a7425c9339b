"""An admin maps a whole object in the grid editor in headless Chromium: live previews of the transforms on
sample values, transform settings as form fields, and a save that lands in a draft change request."""

import pytest
from playwright.sync_api import expect

from mappings_app.models import ChangeRequest, FieldMapping
from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_an_admin_maps_fields_in_the_grid_with_live_previews(
    live_server, page, sign_in, users, connection, contact_fields, shots
):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    catalog_before = list(FieldMapping.objects.values_list("pk", "transform", "transform_params"))
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/catalog/?connection={connection.pk}")
    page.get_by_role("link", name="contacts", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_source").input_value() == "lead_scorer"

    score = page.locator("tr.grid-row", has=page.locator("th .mono", has_text="ai_lead_score")).first
    expect(score.locator("[data-for-transform=round]")).to_be_visible()
    expect(score.locator("[data-for-transform=value_map]")).to_be_hidden()
    score.get_by_label("Sample values for ai_lead_score").fill("93.57\n12.04")
    score.get_by_label("Decimal places").fill("0")
    expect_preview(page, score, ["93.57 → 94", "12.04 → 12"])

    segment = page.locator("tr.grid-row", has=page.locator("th .mono", has_text="ai_segment"))
    segment.get_by_label("Values (one “source = CRM value” a line)").fill(
        "S = smb\nM = mid_market\nL = enterprise"
    )
    segment.get_by_label("Sample values for ai_segment").fill("L\nXL")
    expect_preview(
        page, segment, ["L → enterprise", "XL → rejected: 'XL' is not in the mapping's value map."]
    )

    employees = page.locator("tr.grid-row", has=page.locator("th .mono", has_text="num_employees"))
    employees.get_by_label("Source key for num_employees").fill("employees")
    employees.get_by_label("Source type for num_employees").select_option("integer")
    employees.get_by_label("Owner of num_employees").select_option("hybrid")
    employees.get_by_label("After a rep's edit").select_option("skip")
    shots(page, "mapping-grid")

    page.get_by_role("button", name="Save into the draft").click()
    page.wait_for_load_state("networkidle")
    draft = ChangeRequest.objects.get(status="draft")
    assert page.url.endswith(f"/catalog/changes/{draft.pk}/")
    assert draft.items.count() == 4  # score rounding, segment map, employees mapping and its owner
    assert "4 change(s) from the grid are in draft" in page.locator(".messages").inner_text()
    assert list(FieldMapping.objects.values_list("pk", "transform", "transform_params")) == catalog_before
    assert page.console_errors == []


def expect_preview(page, row, lines):
    expect(row.locator("ul.preview li")).to_have_text(lines)
