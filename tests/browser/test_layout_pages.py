"""The designed 403 page and the catalog's toolbar in headless Chromium, at 1366, 1024 and 390 px."""

import pytest

from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_a_viewer_meets_the_403_page_and_finds_the_way_back(
    live_server, page, sign_in, users, connection, shots
):
    sign_in("victor", factories.PASSWORD)
    response = page.goto(f"{live_server.url}/catalog/connections/{connection.pk}/import/")
    assert response.status == 403
    page.console_errors.remove(
        "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    )
    main = page.locator("main").inner_text()
    assert "You may not open this page" in main and "viewer" in main
    shots(page, "forbidden")
    page.get_by_role("link", name="Back to the overview").click()
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == live_server.url
    assert page.get_by_role("link", name="API docs").count() == 1
    assert page.console_errors == []


def test_the_catalog_offers_export_and_import_without_filtering(
    live_server, page, sign_in, users, connection, contact_fields, shots
):
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/catalog/")
    toolbar = page.locator("section.catalogs")
    assert toolbar.get_by_role("link", name="Export YAML").count() == 1
    assert toolbar.get_by_role("link", name="Import YAML").count() == 1
    shots(page, "catalog")
    assert page.console_errors == []
