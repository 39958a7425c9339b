"""Trigger action create_task: a task for a rep on the record, created once however often it is retried."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from crmhub.core.errors import ApplicationError
from crmhub.sync import triggers
from crmhub.sync.admin import TriggerRuleAdmin
from crmhub.sync.models import ExecutionStatus, TriggerExecution, TriggerRule
from tests.sync.test_triggers import fire, rescore_rule

TASK = {
    "subject": "Call: became a customer",
    "body": "Check onboarding.",
    "due_in_days": 2,
    "priority": "high",
}


def task_rule(world, **params):
    owner = str(world.account.rep_user_ids[2])
    return rescore_rule(
        world,
        name="follow up",
        action_kind="create_task",
        action_params={**TASK, "owner_id": owner, **params},
        secret={},
    )


def test_a_field_change_creates_a_task_on_the_contact(client, world):
    task_rule(world)
    crm_id = world.account.record_ids("contacts")[4]
    fire(client, world, crm_id)
    execution = TriggerExecution.objects.get()
    assert execution.status == ExecutionStatus.SUCCEEDED, execution.error
    task_id = execution.result["task_id"]
    assert execution.result["task_object"] == "tasks" and not execution.result["found_existing"]
    task = world.account.get_record("tasks", task_id)
    due = (execution.created_at + timedelta(days=2)).date().isoformat()
    assert task["hs_task_subject"] == TASK["subject"] and task["hs_task_priority"] == "HIGH"
    assert task["hs_timestamp"].startswith(due) and task["hubspot_owner_id"] == str(
        world.account.rep_user_ids[2]
    )
    assert task["crmhub_create_key"] == triggers.task_key(execution)
    assert world.account.links_of("tasks", task_id) == [("contacts", crm_id)]


def pending_execution(world, rule, crm_id: str) -> TriggerExecution:
    return TriggerExecution.objects.create(rule=rule, dedup_key=f"test:{crm_id}", crm_id=crm_id)


def test_a_lost_answer_is_retried_without_a_second_task(world):
    rule = task_rule(world)
    execution = pending_execution(world, rule, world.account.record_ids("contacts")[5])
    world.account.faults.set(timeout_rate=1.0, timeout_after_processing=True)
    triggers.trigger_execution_run(execution_id=execution.pk)
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.RETRY_WAIT
    assert len(world.account.record_ids("tasks")) == 1  # the CRM committed; we never heard back
    world.account.faults.clear()
    world.advance(120)
    triggers.trigger_retries_due()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED, execution.error
    assert execution.result["found_existing"] and execution.attempts == 2
    assert world.account.record_ids("tasks") == [execution.result["task_id"]]


def test_a_task_the_crm_refuses_is_dead_lettered_at_once(client, world):
    task_rule(world, owner_id="not-an-owner")
    world.account.change_schema("tasks", "hubspot_owner_id", updateable=False)
    fire(client, world, world.account.record_ids("contacts")[6])
    execution = TriggerExecution.objects.get()
    assert execution.status == ExecutionStatus.DEAD_LETTERED and execution.attempts == 1
    assert "hubspot_owner_id" in execution.error and world.account.record_ids("tasks") == []


def test_rate_limits_wait_and_retry_like_other_actions(world):
    rule = task_rule(world)
    execution = pending_execution(world, rule, world.account.record_ids("contacts")[7])
    world.account.faults.set(rate_limit_storm=1.0)
    world.wrap.append(_few_rate_limit_waits)
    triggers.trigger_execution_run(execution_id=execution.pk)
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.RETRY_WAIT and world.account.record_ids("tasks") == []
    world.account.faults.clear()
    world.advance(120)
    triggers.trigger_retries_due()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED and len(world.account.record_ids("tasks")) == 1


def _few_rate_limit_waits(connector):
    connector._rate_limit_waits = 1
    return connector


@pytest.mark.parametrize(
    "params, problem",
    [
        ({"subject": ""}, "subject"),
        ({"due_in_days": -1}, "due_in_days"),
        ({"due_in_days": "2"}, "due_in_days"),
        ({"priority": "urgent"}, "priority"),
        ({"colour": "red"}, "Unknown task parameters"),
    ],
)
def test_task_parameters_are_checked_when_the_rule_is_saved(world, params, problem):
    with pytest.raises((ValidationError, ApplicationError), match=problem):
        task_rule(world, **params)
    assert not TriggerRule.objects.exists()


def test_the_admin_form_accepts_the_create_task_action(world, rf):
    from django.contrib.admin.sites import AdminSite

    admin = TriggerRuleAdmin(TriggerRule, AdminSite())
    request = rf.get("/")
    request.user = world.users["admin"]
    form_class = admin.get_form(request)
    data = {
        "name": "follow up",
        "connection": world.connection.pk,
        "object_name": "contacts",
        "enabled": "on",
        "condition_kind": "crm_field_change",
        "field_name": "lifecyclestage",
        "operator": "equals",
        "value": "customer",
        "action_kind": "create_task",
        "max_attempts": 3,
        "retry_base_seconds": 10,
        "secret": "{}",
    }
    good = form_class(data={**data, "action_params": '{"subject": "Call", "due_in_days": 1}'})
    assert good.is_valid(), good.errors
    bad = form_class(data={**data, "action_params": '{"due_in_days": 1}'})
    assert not bad.is_valid() and "subject" in str(bad.errors["action_params"])


def test_a_pipedrive_rule_needs_a_numeric_owner(world):
    world.connection.provider = "pipedrive"
    world.connection.save()
    with pytest.raises((ValidationError, ApplicationError), match="Pipedrive user ids are numbers"):
        task_rule(world, owner_id="ann@example.org")
    assert task_rule(world, owner_id="13000002").action_params["owner_id"] == "13000002"
