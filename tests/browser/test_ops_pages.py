# ruff: noqa: F811 - the fixtures imported from the write-back test package are used by name
"""The operations pages in headless Chromium: Run now for a write-back flow (queued, then finished with its
counts, followed live), the run history with failed values as CSV. Screenshots at 1366, 1024 and 390 px go to
$SCREENSHOT_DIR when it is set."""

import csv
import io

import pytest
from playwright.sync_api import expect

from crmhub.writeback import jobs, services
from crmhub.writeback.models import RunStatus, WritebackRun
from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder
from tests.writeback.conftest import world  # noqa: F401


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


def test_run_now_queues_the_flow_and_the_page_follows_it_to_its_outcome(
    transactional_db, live_server, page, sign_in, world, shots
):
    idle = jobs.InlineDispatcher()  # records received while no worker ran
    with jobs.use_dispatcher(idle):
        services.outputs_ingest(
            user=world.users["integration"],
            records=[
                world.output(world.ids[0], "late-1", score=71),
                world.output(world.ids[1], "late-2", score="=2+3"),
            ],
        )
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/writeback/runs/")
    page.get_by_role("button", name=f"Run {world.flow.name} now").click()
    page.wait_for_load_state("networkidle")
    assert "queued" in page.locator(".messages").inner_text()
    assert page.locator("#run-status").inner_text() == "Queued"
    assert "Waiting for a write-back worker" in page.locator("#run-following").inner_text()
    shots(page, "writeback_run_queued")

    world.run()  # the write-back worker takes the job
    expect(page.locator("#run-status")).to_have_text("Finished with failures", timeout=20_000)
    run = WritebackRun.objects.get()
    assert run.status == RunStatus.WITH_FAILURES
    counts = page.locator("ul.run-counts").inner_text()
    assert "1\nwritten" in counts and "1\nrejected" in counts
    assert "=2+3" in page.locator("table.failures").inner_text()
    shots(page, "writeback_run_finished")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the 1 failed value as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["record", "external_id", "field", "value"]
    assert rows[1][0] == world.ids[1] and rows[1][2] == "ai_score" and rows[1][4] == "Rejected"

    page.goto(f"{live_server.url}/writeback/runs/")
    history = page.locator("table.runs tbody tr")
    assert history.count() == 1 and "Run now" in history.first.inner_text()
    shots(page, "writeback_runs")
    assert page.console_errors == []


def test_a_viewer_sees_the_history_without_the_run_button(
    transactional_db, live_server, page, sign_in, world
):
    world.post([world.output(world.ids[2], "v-1", score=5)])
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/writeback/runs/")
    assert page.locator("table.runs tbody tr").count() == 1
    assert page.get_by_role("button", name=f"Run {world.flow.name} now").count() == 0
    assert page.console_errors == []


def _webhook_event(world, event_id: str, record_id: str, **fields):
    from crmhub.sync.models import WebhookEvent

    event = WebhookEvent.objects.create(
        connection=world.connection,
        provider="hubspot",
        event_id=event_id,
        event_type="contact.propertyChange",
        action="change",
        object_name="contacts",
        record_ids=[record_id],
        changed_fields={"email": {"old": "old.person@example.com", "new": "new.person@example.com"}},
        payload={"objectId": record_id},
        status="processed",
        **fields,
    )
    # On the pipeline's clock (the sandbox's), as the write-back runs are.
    WebhookEvent.objects.filter(pk=event.pk).update(received_at=world.sandbox.clock.now())
    return event


def test_the_event_tail_shows_new_events_live_filters_by_record_and_masks_emails(
    transactional_db, live_server, page, sign_in, world, shots
):
    _webhook_event(world, "evt-1", world.ids[0])
    world.post([world.output(world.ids[1], "t-1", score=55)])
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/monitoring/events/")
    rows = page.locator("#tail-body tr")
    assert rows.count() == 2
    assert "Webhook" in page.locator("#tail-table").inner_text()

    # New things happen while the page is open: a refused value quoting an email, another webhook event.
    world.sandbox.clock.advance(seconds=5)
    world.post([world.output(world.ids[2], "t-2", score="jane.roe@example.com")])
    _webhook_event(world, "evt-2", world.ids[2])
    expect(rows).to_have_count(5, timeout=20_000)  # the run, its failed value, the new webhook event
    text = page.locator("#tail-table").inner_text()
    assert "j…@example.com" in text and "jane.roe@example.com" not in text
    assert "person@example.com" not in page.content()
    shots(page, "event_tail")

    page.fill("#id_record", world.ids[2])
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    records = [cell.strip() for cell in page.locator("#tail-body tr td.mono").all_inner_texts()]
    assert records and set(records) == {world.ids[2]}
    shots(page, "event_tail_record")

    page.get_by_role("button", name="Pause").click()
    assert page.locator("#tail-state-text").inner_text() == "Paused"
    assert page.console_errors == []


@pytest.fixture
def channel_server(settings):
    from tests.monitoring import channel_server as local

    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    running = local.start()
    yield running
    running.server.shutdown()


def test_an_admin_adds_a_slack_channel_tests_it_and_disables_it(
    transactional_db, live_server, page, sign_in, users, channel_server, shots
):
    from monitoring_app.models import NotificationChannel

    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/monitoring/channels/")
    page.get_by_role("link", name="Add a channel").click()
    page.fill("#id_name", "RevOps Slack")
    page.select_option("#id_kind", "slack")
    expect(page.locator("#id_addresses")).to_be_hidden()
    expect(page.locator("#id_url")).to_be_visible()
    page.fill("#id_url", f"{channel_server.url}/services/T1/B2/topsecret")
    page.get_by_label("CRM schema changed under a mapping").check()
    shots(page, "channel_form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert "saved" in page.locator(".messages").inner_text()
    row = page.locator("table.channels tbody tr").first
    assert "topsecret" not in page.content()
    assert "CRM schema changed under a mapping" in row.inner_text()

    row.get_by_role("button", name="Send a test to RevOps Slack").click()
    page.wait_for_load_state("networkidle")
    assert "Slack accepted the message" in page.locator(".messages").inner_text()
    assert [r.path for r in channel_server.received] == ["/services/T1/B2/topsecret"]
    assert "Delivered" in page.locator("table.channels tbody tr").first.inner_text()
    shots(page, "channels")

    page.get_by_role("button", name="Disable RevOps Slack").click()
    page.wait_for_load_state("networkidle")
    assert NotificationChannel.objects.get().enabled is False
    assert "Disabled" in page.locator("table.channels tbody tr").first.inner_text()
    assert page.console_errors == []
