"""Write-back runs: every pipeline job records what became of its values, Run now queues a flow's pass on the
write-back queue (the permission checked server-side), and a run's failed values download as a CSV that a
spreadsheet cannot run as formulas."""

import csv
import io

import pytest

from crmhub.core.spreadsheet import safe_cell
from crmhub.writeback import jobs, services
from crmhub.writeback.models import (
    InboundRecord,
    OutcomeStatus,
    RunStatus,
    RunTrigger,
    WritebackRun,
)


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_a_posted_batch_is_recorded_as_a_run_with_its_counts(world):
    ids = world.ids
    world.post(
        [
            world.output(ids[0], "r-1", score=87.5, segment="smb"),
            world.output(ids[1], "r-2", score="not a number"),
        ]
    )
    run = WritebackRun.objects.get(flow=world.flow, trigger=RunTrigger.PROCESS)
    assert run.status == RunStatus.WITH_FAILURES
    assert (run.records, run.sent, run.written, run.verified, run.rejected) == (2, 2, 2, 2, 1)
    assert run.started_at <= run.finished_at
    failure = run.failures.get()
    assert (failure.crm_id, failure.field, failure.status) == (ids[1], "ai_score", OutcomeStatus.REJECTED)
    assert failure.value == '"not a number"'


def test_values_the_crm_refuses_are_dead_lettered_in_the_run_with_the_crms_reason(world):
    world.settings.max_attempts = 1
    world.settings.save()
    world.account.faults.set(error_rate=1.0)
    world.post([world.output(world.ids[3], "dead-1", score=33)])
    world.dispatcher.drain(include_delayed=True)
    world.account.faults.clear()
    runs = WritebackRun.objects.filter(flow=world.flow)
    assert sum(run.dead_lettered for run in runs) == 1
    failed = [failure for run in runs for failure in run.failures.all()]
    assert [f.status for f in failed] == [OutcomeStatus.DEAD_LETTERED]
    assert failed[0].reason and failed[0].crm_id == world.ids[3]


def test_run_now_processes_received_records_and_records_one_run(world):
    # Records received while no worker ran: only the sweep, or Run now, takes them.
    dispatcher = jobs.InlineDispatcher()
    with jobs.use_dispatcher(dispatcher):
        services.outputs_ingest(
            user=world.users["integration"], records=[world.output(world.ids[4], "late-1", score=12)]
        )
    assert InboundRecord.objects.get(idempotency_key="late-1").status == "received"

    run = services.flow_run_request(flow=world.flow, actor=world.users["admin"])
    assert (run.status, run.trigger, run.requested_by) == (
        RunStatus.QUEUED,
        RunTrigger.MANUAL,
        world.users["admin"],
    )
    assert world.dispatcher.pending[0][0] is jobs.flow_run_job
    with pytest.raises(services.RunBusy):
        services.flow_run_request(flow=world.flow, actor=world.users["approver"])
    world.run()
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert (run.records, run.sent, run.written) == (1, 1, 1)
    assert world.crm_value(world.ids[4], "ai_score") in ("12", 12, "12.0", 12.0)
    assert WritebackRun.objects.filter(flow=world.flow).count() == 1  # the pass counted into the one run
    assert "1 received record(s) processed" in run.log[-2]["detail"]


def test_run_now_on_a_paused_connection_ends_not_run_with_the_reason(world):
    world.connection.status = "paused"
    world.connection.save()
    run = services.flow_run_request(flow=world.flow, actor=world.users["admin"])
    world.run()
    run.refresh_from_db()
    assert run.status == RunStatus.NOT_RUN
    assert "paused" in run.error and "Resume it first" in run.error


def test_run_now_is_refused_to_a_viewer_on_the_page_and_in_the_service(world, login):
    viewer = world.users["viewer"]
    response = login(viewer).post(f"/writeback/flows/{world.flow.pk}/run-now/")
    assert response.status_code == 403
    with pytest.raises(services.ApplicationError):
        services.flow_run_request(flow=world.flow, actor=viewer)
    assert not WritebackRun.objects.exists()


def test_the_admin_runs_a_flow_from_the_page_and_follows_it(world, login):
    client = login(world.users["admin"])
    response = client.post(f"/writeback/flows/{world.flow.pk}/run-now/")
    run = WritebackRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/writeback/runs/{run.pk}/"
    page = client.get(response["Location"])
    assert b"Waiting for a write-back worker" in page.content
    assert client.get(f"/writeback/runs/{run.pk}/state/").json()["status"] == "queued"
    world.run()
    state = client.get(f"/writeback/runs/{run.pk}/state/").json()
    assert state["status"] == "succeeded" and state["open"] is False


def test_failed_values_download_as_csv_with_formulas_neutralised(world, login):
    world.post([world.output(world.ids[2], "evil-1", score='=HYPERLINK("http://x")')])
    run = WritebackRun.objects.get(flow=world.flow)
    response = login(world.users["viewer"]).get(f"/writeback/runs/{run.pk}/failed-values.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 1
    assert rows[0]["record"] == world.ids[2] and rows[0]["field"] == "ai_score"
    assert rows[0]["status"] == "Rejected" and rows[0]["reason"]
    # The value is stored as JSON ('"=HYP...'): it starts with a quote, so it is safe as is.
    assert not rows[0]["value"].startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
    ],
)
def test_spreadsheet_cells_that_start_like_a_formula_are_quoted(raw, shown):
    assert safe_cell(raw) == shown


def test_the_run_list_filters_by_flow_and_failures_within_its_query_budget(
    world,
    login,
    django_assert_max_num_queries,
):
    ids = world.ids
    for n in range(6):
        world.post([world.output(ids[n], f"b-{n}", score=n if n % 2 else "bad")])
    client = login(world.users["viewer"])
    with django_assert_max_num_queries(12):
        page = client.get("/writeback/runs/", {"flow": world.flow.pk, "failed": "true"})
    assert page.status_code == 200
    assert page.content.count(b"failed-values.csv") == 3
    assert b"/run-now/" not in page.content  # a viewer sees the history, not the button
