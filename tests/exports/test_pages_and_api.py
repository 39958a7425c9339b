"""The exports pages and API: destinations with Test and Run now, runs with counts, failed rows as CSV,
lineage of a column and of a record; permissions by role; the API in the OpenAPI schema."""

from crmhub.exports.models import Destination, ExportFailedRow, ExportRun
from tests import factories


def test_a_viewer_sees_destinations_runs_and_lineage_but_cannot_run(client, export_world):
    world = export_world
    world.sync_all()
    factories.sign_in(client, "victor")
    listing = client.get("/exports/")
    assert listing.status_code == 200 and world.destination.name in listing.text
    detail = client.get(f"/exports/{world.destination.pk}/")
    assert detail.status_code == 200
    assert "contacts.email" in detail.text and "Contacts, acme-hubspot" in detail.text
    assert "Run now" not in detail.text
    for page in (listing, detail):  # data classes in words, never their stored values
        assert "Contact personal data" in page.text and "contact_personal" not in page.text
    run = ExportRun.objects.filter(destination=world.destination).first()
    page = client.get(f"/exports/runs/{run.pk}/")
    assert page.status_code == 200 and "sent" in page.text
    crm_id = str(world.account.record_ids("contacts")[0])
    explained = client.get(
        f"/exports/{world.destination.pk}/lineage/",
        {"target": f"{world.connection.pk}|contacts", "crm_id": crm_id},
    )
    email = world.account.get_record("contacts", crm_id)["email"]
    assert explained.status_code == 200 and email in explained.text and "lifecycle_stage" in explained.text
    assert client.post(f"/exports/{world.destination.pk}/run/").status_code == 403


def test_sales_ops_tests_a_destination_runs_it_and_downloads_failed_rows(client, export_world):
    world = export_world
    world.sync_all()
    company_id = str(world.account.record_ids("companies")[0])
    world.advance(60)
    world.account.rep_edit("companies", company_id, {"numberofemployees": "7.5"})
    world.advance(60)
    world.cycle("companies")
    assert ExportFailedRow.objects.filter(crm_id=company_id).exists()
    factories.sign_in(client, "alice")
    tested = client.post(f"/exports/{world.destination.pk}/test/", follow=True)
    assert "answered" in tested.text
    world.destination.refresh_from_db()
    assert world.destination.last_test_ok is True
    before = ExportRun.objects.count()
    client.post(f"/exports/{world.destination.pk}/run/")
    assert ExportRun.objects.count() == before + 1
    ExportFailedRow.objects.filter(crm_id=company_id).update(reason='=HYPERLINK("http://x")')
    csv = client.get(f"/exports/{world.destination.pk}/failed-rows.csv")
    assert csv.status_code == 200 and company_id in csv.content.decode()
    assert "'=HYPERLINK" in csv.content.decode(), "a formula-looking cell is quoted as text"
    run_id = ExportFailedRow.objects.get(crm_id=company_id).run_id
    of_run = client.get(f"/exports/{world.destination.pk}/failed-rows.csv", {"run": run_id})
    assert company_id in of_run.content.decode() and f"-run-{run_id}.csv" in of_run["Content-Disposition"]
    of_other = client.get(f"/exports/{world.destination.pk}/failed-rows.csv", {"run": run_id + 1000})
    assert company_id not in of_other.content.decode()
    run_page = client.get(f"/exports/runs/{run_id}/").text
    assert f"failed-rows.csv?run={run_id}" in run_page and "Companies" in run_page
    broken = Destination.objects.create(
        name="unreachable",
        kind="warehouse",
        warehouse_type="postgres",
        credentials={"connection_string": "postgresql://nobody:x@127.0.0.1:1/none"},
    )
    failed = client.post(f"/exports/{broken.pk}/test/", follow=True)
    broken.refresh_from_db()
    assert broken.last_test_ok is False and "Could not reach" in broken.last_test_message
    assert failed.status_code == 200


def test_the_api_lists_destinations_without_credentials_and_runs_with_counts(client, export_world):
    world = export_world
    world.sync_all()
    token = factories.make_token(world.users["admin"])
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    listing = client.get("/api/v1/destinations/").json()
    items = listing.get("results", listing)
    mine = next(item for item in items if item["name"] == world.destination.name)
    assert "credentials" not in mine and mine["has_credentials"] is True
    runs = client.get("/api/v1/export-runs/").json()
    runs = runs.get("results", runs)
    assert any(run["records_sent"] == 24 for run in runs)
    lineage = client.get(f"/api/v1/destinations/{world.destination.pk}/lineage/").json()
    assert lineage["count"] == len(lineage["results"]) > 0  # paginated, as the schema says
    lineage = lineage["results"]
    assert {"column": "email", "crm_field": "email"}.items() <= next(
        c for c in lineage if c["column"] == "email"
    ).items()
    started = client.post(f"/api/v1/destinations/{world.destination.pk}/run/")
    assert started.status_code == 202
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/destinations/" in schema and "/api/v1/export-runs/" in schema
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {factories.make_token(world.users['integration'])}"
    assert client.get("/api/v1/destinations/").status_code == 403
    del client.defaults["HTTP_AUTHORIZATION"]
    assert client.get("/api/v1/destinations/").status_code in (401, 403)
