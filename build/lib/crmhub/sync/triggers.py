"""Trigger flows: rules sales-ops configure (a condition on a CRM field change or an integration output, and
an action), executed as RQ jobs with retries and dead-lettering; every execution keeps its result.

Actions: assign an owner or set a stage (a CRM write through the connector, refused for rep-owned fields),
create a task for a rep on the record (the CRM's own task object; the execution id is the create's
idempotency key, so a retry after a lost answer finds the task instead of creating a second one),
or call an outbound webhook signed on the Standard Webhooks scheme (crmhub/core/signing.py; the webhook-id is
the same on every retry of one execution), which is how an integration is asked to rescore a record whose
data changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

import httpx
from django.db import IntegrityError, transaction

from crmhub.connectors import CrmError, CrmRateLimited, CrmUnavailable, RecordUpdate, WriteStatus
from crmhub.connectors.base import TaskSpec
from crmhub.core import clock, outbound
from crmhub.core.connectors import connector_for
from crmhub.core.errors import PermissionDeniedError
from crmhub.core.jobs import JobRunner
from crmhub.core.signing import webhook_headers
from crmhub.sync import field_changes, jobs
from crmhub.sync.models import (
    OPEN_EXECUTION_STATUSES,
    ActionKind,
    ConditionKind,
    ConditionOperator,
    ExecutionStatus,
    TriggerExecution,
    TriggerRule,
    WebhookEvent,
)
from crmhub.writeback.models import InboundRecord, InboundStatus
from mappings_app.models import FieldOwnership, Owner

logger = logging.getLogger(__name__)

OWNER_FIELDS = {"hubspot": "hubspot_owner_id", "salesforce": "OwnerId", "pipedrive": "owner_id"}
STAGE_FIELDS = {
    ("hubspot", "deals"): "dealstage",
    ("hubspot", "contacts"): "lifecyclestage",
    ("salesforce", "Opportunity"): "StageName",
    ("salesforce", "Lead"): "Status",
    ("pipedrive", "deals"): "stage_id",
}
OUTBOUND_TIMEOUT = 10.0
EVALUATED_INBOUND = (InboundStatus.PLANNED, InboundStatus.SHADOW, InboundStatus.COMPLETED)
MANAGE_PERMISSION = "sync.add_triggerrule"
REPLAY_PERMISSION = "sync.change_triggerexecution"


class TransientActionError(Exception):
    """Worth another attempt later (timeouts, 5xx, rate limits); `retry_after` when the far end said when."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class PermanentActionError(Exception):
    """Retrying cannot help (refused by the CRM, rep-owned field, 4xx from the webhook)."""


_outbound_transport: httpx.BaseTransport | None = None


@contextmanager
def outbound_transport(transport: httpx.BaseTransport):
    """Send outbound webhooks through `transport` inside the block (tests)."""
    global _outbound_transport
    previous, _outbound_transport = _outbound_transport, transport
    try:
        yield
    finally:
        _outbound_transport = previous


# -- rules ----------------------------------------------------------------------------------------------


def condition_matches(rule: TriggerRule, new) -> bool:
    if rule.operator == ConditionOperator.CHANGED:
        return True
    if rule.operator in (ConditionOperator.EQUALS, ConditionOperator.NOT_EQUALS):
        equal = _same(new, rule.value)
        return equal if rule.operator == ConditionOperator.EQUALS else not equal
    left, right = _number(new), _number(rule.value)
    if left is None or right is None:
        return False
    return left > right if rule.operator == ConditionOperator.GREATER_THAN else left < right


def _same(value, expected: str) -> bool:
    left, right = _number(value), _number(expected)
    if left is not None and right is not None:
        return left == right
    return str("" if value is None else value) == expected


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# -- firing ---------------------------------------------------------------------------------------------


def triggers_fire_for_events(
    *, events: list[WebhookEvent], current: dict[str, dict] | None = None
) -> list[TriggerExecution]:
    """CRM field-change rules against processed webhook events of one connection and object. An event is a
    hint: it says which records and fields changed, and the rules see the CRM's values, read after it came
    (`current`, {record id: values}, as the webhook processing read them; read here in one batch if not
    given). A record the CRM no longer returns, or whose value does not meet a rule, fires nothing."""
    if not events:
        return []
    rules = list(
        TriggerRule.objects.filter(
            enabled=True,
            condition_kind=ConditionKind.CRM_FIELD_CHANGE,
            connection_id=events[0].connection_id,
            object_name=events[0].object_name,
        )
    )
    if not rules:
        return []
    if current is None:
        current = event_records_read(events=events, fields={rule.field_name for rule in rules})
    created = []
    for event in events:
        for record_id in event.record_ids:
            values = current.get(record_id)
            if values is None:
                continue  # deleted, merged or never there: the event is not acted on
            created += _fire_for_record(event, record_id, rules, values)
    return created


def event_records_read(*, events: list[WebhookEvent], fields: set[str]) -> dict[str, dict]:
    """The CRM's current values of the records the events name (one connection and object): one batched
    read through the connector, within the connection's API budget."""
    ids = sorted({record_id for event in events for record_id in event.record_ids})
    if not ids or not fields:
        return {}
    with connector_for(events[0].connection) as connector:
        return connector.read_records(events[0].object_name, ids, sorted(fields))


def watched_fields(*, connection, object_name: str) -> set[str]:
    """Fields enabled field-change rules watch on an object (a webhook's refresh reads them too)."""
    return set(field_changes.watching_rules(connection=connection, object_name=object_name))


def _fire_for_record(event: WebhookEvent, record_id: str, rules: list[TriggerRule], values: dict) -> list:
    changes = {
        rule.field_name: {
            "old": event.changed_fields[rule.field_name].get("old"),
            "new": values[rule.field_name],
        }
        for rule in rules
        if rule.field_name in event.changed_fields and rule.field_name in values
    }
    now = clock.now()
    at = min(event.occurred_at, now) if event.occurred_at else now  # a stamp from the future is not trusted
    # A change a polling cycle (or an earlier event) already saw has fired already.
    with transaction.atomic():
        unseen = field_changes.webhook_changes_accept(
            connection=event.connection,
            object_name=event.object_name,
            crm_id=record_id,
            changes=changes,
            at=at,
        )
    created = []
    for rule in rules:
        change = changes.get(rule.field_name)
        if rule.field_name not in unseen or not condition_matches(rule, change["new"]):
            continue
        context = {
            "field": rule.field_name,
            **change,
            "event_new": event.changed_fields[rule.field_name].get("new"),
            "source": "webhook, refreshed from the CRM",
            "event_id": event.event_id,
        }
        execution = _execution_create(
            rule, f"event:{event.pk}:{record_id}", record_id, context, webhook_event=event
        )
        if execution is not None:
            created.append(execution)
    return created


def inbound_triggers_evaluate() -> list[TriggerExecution]:
    """Inbound-output rules against integration outputs past planning, from each rule's cursor on."""
    created = []
    for rule in TriggerRule.objects.filter(enabled=True, condition_kind=ConditionKind.INBOUND_OUTPUT):
        created += _evaluate_inbound(rule)
    return created


def _evaluate_inbound(rule: TriggerRule) -> list[TriggerExecution]:
    records = InboundRecord.objects.filter(
        pk__gt=rule.inbound_cursor,
        flow__connection_id=rule.connection_id,
        flow__crm_object__name=rule.object_name,
    ).order_by("pk")
    if rule.source_system:
        records = records.filter(source_system=rule.source_system)
    created, cursor = [], rule.inbound_cursor
    for record in records[:1000]:
        if record.status in (InboundStatus.RECEIVED, InboundStatus.HELD_FOR_REVIEW):
            break  # not decided yet: evaluate it (and what follows) on a later sweep
        cursor = record.pk
        if record.status not in EVALUATED_INBOUND or rule.field_name not in (record.values or {}):
            continue
        value = record.values[rule.field_name]
        if not record.crm_id or not condition_matches(rule, value):
            continue
        context = {"source_key": rule.field_name, "new": value, "inbound_id": record.pk}
        execution = _execution_create(rule, f"inbound:{record.pk}", record.crm_id, context, inbound=record)
        if execution is not None:
            created.append(execution)
    if cursor != rule.inbound_cursor:
        TriggerRule.objects.filter(pk=rule.pk).update(inbound_cursor=cursor)
    return created


def _execution_create(rule, dedup_key, crm_id, context, *, webhook_event=None, inbound=None):
    """One execution per rule and cause; a cause seen again (a redelivered event) fires nothing."""
    try:
        with transaction.atomic():
            execution = TriggerExecution.objects.create(
                rule=rule,
                dedup_key=dedup_key[:300],
                crm_id=crm_id,
                context=context,
                webhook_event=webhook_event,
                inbound_record=inbound,
            )
    except IntegrityError:
        return None
    jobs.dispatch(jobs.trigger_execution_job, execution.pk)
    return execution


# -- running --------------------------------------------------------------------------------------------


def trigger_execution_run(*, execution_id: int) -> TriggerExecution | None:
    execution = _claim(execution_id)
    if execution is None:
        return None
    runner = _runner(execution)
    try:
        result = ACTIONS[execution.rule.action_kind](execution)
    except TransientActionError as exc:
        rule = execution.rule
        delay = runner.retry_later(
            str(exc),
            max_attempts=rule.max_attempts,
            base_seconds=rule.retry_base_seconds,
            retry_after=exc.retry_after,
        )
        execution.save()
        if delay is not None:
            jobs.dispatch(jobs.trigger_execution_job, execution.pk, delay=delay)
    except PermanentActionError as exc:
        runner.dead_letter(f"Refused: {exc}")
        execution.result = {}
        execution.save()
    else:
        execution.result = result or {}
        runner.succeed(detail=json.dumps(execution.result)[:300])
        execution.save()
    return execution


def _runner(execution: TriggerExecution) -> JobRunner:
    return JobRunner(
        execution, label=f"trigger execution #{execution.pk} (rule {execution.rule_id})", log=logger
    )


def _claim(execution_id: int) -> TriggerExecution | None:
    with transaction.atomic():
        execution = (
            TriggerExecution.objects.select_for_update()
            .select_related("rule__connection")
            .get(pk=execution_id)
        )
        if execution.status not in OPEN_EXECUTION_STATUSES or not execution.is_due(clock.now()):
            return None
        _runner(execution).start(detail=f"attempt {execution.attempts + 1} of {execution.rule.max_attempts}")
        execution.save(
            update_fields=["attempts", "status", "started_at", "next_attempt_at", "log", "updated_at"]
        )
        return execution


def trigger_retries_due(*, now: datetime | None = None) -> int:
    """The sweep: run every execution whose retry time has come (a lost delayed job cannot strand one)."""
    now = now or clock.now()
    due = TriggerExecution.objects.filter(status=ExecutionStatus.RETRY_WAIT, next_attempt_at__lte=now)
    ids = list(due.values_list("pk", flat=True)[:500])
    for execution_id in ids:
        trigger_execution_run(execution_id=execution_id)
    return len(ids)


@transaction.atomic
def trigger_executions_replay(*, executions, actor) -> int:
    """Send dead-lettered executions round again, from attempt one."""
    if not actor.has_perm(REPLAY_PERMISSION):
        raise PermissionDeniedError("You may not replay trigger executions.")
    replayed = 0
    for execution in executions:
        if execution.status != ExecutionStatus.DEAD_LETTERED:
            continue
        _runner(execution).replay(actor=actor)
        execution.save()
        jobs.dispatch(jobs.trigger_execution_job, execution.pk)
        replayed += 1
    return replayed


# -- actions --------------------------------------------------------------------------------------------


def _assign_owner(execution: TriggerExecution) -> dict:
    rule = execution.rule
    params = rule.action_params or {}
    field = params.get("field") or OWNER_FIELDS.get(rule.connection.provider, "owner_id")
    return _write_field(execution, field, params.get("owner_id"))


def _set_stage(execution: TriggerExecution) -> dict:
    rule = execution.rule
    params = rule.action_params or {}
    field = params.get("field") or STAGE_FIELDS.get((rule.connection.provider, rule.object_name))
    if not field:
        raise PermanentActionError(f"No stage field known for {rule.object_name}; set action_params.field.")
    return _write_field(execution, field, params.get("stage"))


def _write_field(execution: TriggerExecution, field: str, value) -> dict:
    rule = execution.rule
    if value in (None, ""):
        raise PermanentActionError(f"The rule gives no value for {field}.")
    ownership = FieldOwnership.objects.filter(
        crm_field__crm_object__connection=rule.connection,
        crm_field__crm_object__name=rule.object_name,
        crm_field__name=field,
    ).first()
    if ownership is not None and ownership.owner == Owner.REP_OWNED:
        raise PermanentActionError(f"{field} is rep-owned: the hub never writes it.")
    try:
        with connector_for(rule.connection) as connector:
            result = connector.write(rule.object_name, [RecordUpdate(execution.crm_id, {field: value})])[0]
    except (CrmRateLimited, CrmUnavailable) as exc:
        raise TransientActionError(exc.message, retry_after=exc.retry_after) from exc
    except CrmError as exc:
        raise PermanentActionError(exc.message) from exc
    if result.ok:
        return {"written": {field: value}, "record_id": result.record_id}
    if result.status in (WriteStatus.TRANSIENT, WriteStatus.RATE_LIMITED):
        raise TransientActionError(result.message or result.status, retry_after=result.retry_after)
    errors = "; ".join(f"{e.field}: {e.message}" for e in result.field_errors)
    raise PermanentActionError(f"{result.status}: {errors or result.message}")


def _call_webhook(execution: TriggerExecution) -> dict:
    rule = execution.rule
    url = (rule.action_params or {}).get("url")
    secret = (rule.secret or {}).get("signing_secret", "")
    now = clock.now()
    body = json.dumps(
        {
            "type": "crmhub.trigger",
            "request": "rescore",
            "rule": {"id": rule.pk, "name": rule.name},
            "connection": rule.connection.name,
            "object": rule.object_name,
            "crm_id": execution.crm_id,
            "context": execution.context,
            "execution_id": execution.pk,
            "sent_at": now.isoformat(),
        },
        sort_keys=True,
        default=str,
    )
    headers = {
        "Content-Type": "application/json",
        "X-CrmHub-Execution": str(execution.pk),
        **webhook_headers(message_id=f"trigger-execution-{execution.pk}", body=body.encode(), secret=secret),
    }
    return _post_outbound(url, body.encode(), headers)


def _post_outbound(url: str, body: bytes, headers: dict) -> dict:
    """Public addresses only (or the admin allow-list); the answer is kept as status, size and SHA-256, since
    its text is whatever the far end chose to say and execution results are shown to viewers."""
    try:
        answer = outbound.post(
            url, content=body, headers=headers, timeout=OUTBOUND_TIMEOUT, transport=_outbound_transport
        )
    except outbound.DestinationRefused as exc:
        raise PermanentActionError(str(exc)) from exc
    except httpx.TooManyRedirects as exc:
        raise PermanentActionError(f"More than {outbound.MAX_REDIRECTS} redirects.") from exc
    except httpx.HTTPError as exc:
        raise TransientActionError(f"{type(exc).__name__}: {exc}") from exc
    if answer.is_success:
        return answer.summary()
    if answer.status_code in (408, 425, 429) or answer.status_code >= 500:
        raise TransientActionError(answer.describe(), retry_after=answer.retry_after)
    raise PermanentActionError(answer.describe())


def task_key(execution: TriggerExecution) -> str:
    """The create's idempotency key: one task per execution, whatever happens to its attempts."""
    return f"crmhub-trigger-{execution.pk}"


def _create_task(execution: TriggerExecution) -> dict:
    rule = execution.rule
    params = rule.action_params or {}
    task = TaskSpec(
        subject=params["subject"],
        body=params.get("body", ""),
        # From when the rule fired, so that every attempt asks for the same due date.
        due=(execution.created_at + timedelta(days=params.get("due_in_days", 0))).date(),
        priority=params.get("priority", "medium"),
        owner_id=str(params["owner_id"]) if params.get("owner_id") not in (None, "") else None,
        about_object=rule.object_name,
        about_id=execution.crm_id,
    )
    try:
        with connector_for(rule.connection) as connector:
            spec = connector.task_create(task, key=task_key(execution))
            # A first attempt cannot have created anything yet; every later one looks for its task first.
            result = connector.create(connector.task_object, [spec], lookup_first=execution.attempts > 1)[0]
            task_object = connector.task_object
    except (CrmRateLimited, CrmUnavailable) as exc:
        raise TransientActionError(exc.message, retry_after=exc.retry_after) from exc
    except CrmError as exc:
        raise PermanentActionError(exc.message) from exc
    if result.ok:
        return {
            "task_id": result.record_id,
            "task_object": task_object,
            "record_id": execution.crm_id,
            "found_existing": result.already_existed,
        }
    if result.status in (WriteStatus.TRANSIENT, WriteStatus.RATE_LIMITED):
        raise TransientActionError(result.message or result.status, retry_after=result.retry_after)
    errors = "; ".join(f"{e.field}: {e.message}" for e in result.field_errors)
    raise PermanentActionError(f"{result.status}: {errors or result.message}")


ACTIONS: dict[str, Callable[[TriggerExecution], dict]] = {
    ActionKind.ASSIGN_OWNER: _assign_owner,
    ActionKind.SET_STAGE: _set_stage,
    ActionKind.OUTBOUND_WEBHOOK: _call_webhook,
    ActionKind.CREATE_TASK: _create_task,
}
