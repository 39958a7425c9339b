from tests import factories


def test_runs_list_detail_and_api_show_a_cycle_and_viewers_cannot_start_one(client, world):
    run = world.cycle()
    factories.sign_in(client, "victor")
    listing = client.get("/sync/")
    assert listing.status_code == 200 and f"/sync/runs/{run.pk}/" in listing.text
    detail = client.get(f"/sync/runs/{run.pk}/")
    assert "Completed." in detail.text and "30 created" in detail.text
    assert client.get("/sync/events/").status_code == 200 and client.get("/sync/triggers/").status_code == 200
    api = client.get("/api/v1/sync-runs/").json()
    assert api["results"][0]["records_created"] == 30 if "results" in api else api[0]["records_created"] == 30
    refused = client.post("/api/v1/sync-runs/", {"connection": "acme-hubspot", "object_name": "contacts"})
    assert refused.status_code == 403
    factories.sign_in(client, "alice")
    started = client.post("/api/v1/sync-runs/", {"connection": "acme-hubspot", "object_name": "contacts"})
    assert started.status_code == 202 and started.json()["status"] == "queued"
