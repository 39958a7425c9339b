"""Managing trigger rules: validation of the condition and of each action kind's params, create, edit, enable
or disable, delete, and a dry run against one CRM record that writes and sends nothing.

Each action kind has one `ActionSpec` in `ACTION_SPECS`: what its params mean (shown on the form), a
function that checks and normalises them, and one that tells what the action would do for a record. A new
action kind adds one entry; a kind without an entry cannot be saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction

from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, permission_require
from crmhub.sync import field_changes, triggers
from crmhub.sync.models import (
    ActionKind,
    ConditionKind,
    ConditionOperator,
    FieldSnapshot,
    TriggerExecution,
    TriggerRule,
    create_task_params_errors,
)
from crmhub.writeback.models import InboundRecord
from mappings_app.models import CrmField, CrmObject, Owner

logger = logging.getLogger(__name__)

ADD_PERMISSION = "sync.add_triggerrule"
CHANGE_PERMISSION = "sync.change_triggerrule"
DELETE_PERMISSION = "sync.delete_triggerrule"
NUMERIC_OPERATORS = (ConditionOperator.GREATER_THAN, ConditionOperator.LESS_THAN)


class RuleInvalid(ApplicationError):
    """The rule cannot be saved; `errors` says why, per form field ("__all__" for the rule as a whole)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(
            "The trigger rule is not valid.", problems=[m for messages in errors.values() for m in messages]
        )


class _Problems:
    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise RuleInvalid(self.errors)


# -- action kinds -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    params_help: dict[str, str]  # param -> what it means ("(optional)" says so)
    validate: Callable[[TriggerRule, dict, _Problems], dict]  # -> normalised params
    preview: Callable[[TriggerRule, str], str]  # what would happen for one record


def _catalog_field(rule: TriggerRule, name: str) -> CrmField | None:
    return (
        CrmField.objects.filter(
            crm_object__connection_id=rule.connection_id,
            crm_object__name=rule.object_name,
            name=name,
            is_deleted=False,
        )
        .select_related("ownership")
        .first()
    )


def _check_known_params(params: dict, allowed, problems: _Problems) -> None:
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        problems.add(
            "action_params", f"Unknown params: {', '.join(unknown)} (allowed: {', '.join(allowed)})."
        )


def _check_writable_field(rule: TriggerRule, name: str, problems: _Problems) -> CrmField | None:
    crm_field = _catalog_field(rule, name)
    if crm_field is None:
        problems.add("action_params", f"{rule.object_name}.{name} is not a field of the catalog.")
        return None
    ownership = getattr(crm_field, "ownership", None)
    if ownership is not None and ownership.owner == Owner.REP_OWNED:
        problems.add("action_params", f"{name} is rep-owned: the hub never writes it.")
    elif not crm_field.writable:
        problems.add("action_params", f"{name} is read-only in the CRM.")
    return crm_field


def _text_param(params: dict, name: str, problems: _Problems) -> str:
    value = params.get(name)
    if value in (None, "") or not isinstance(value, str | int):
        problems.add("action_params", f"Give {name} (text or a number).")
        return ""
    return str(value).strip()


def _validate_assign_owner(rule: TriggerRule, params: dict, problems: _Problems) -> dict:
    _check_known_params(params, ("owner_id", "field"), problems)
    owner_id = _text_param(params, "owner_id", problems)
    target = params.get("field") or triggers.OWNER_FIELDS.get(rule.connection.provider, "owner_id")
    _check_writable_field(rule, target, problems)
    return {"owner_id": owner_id, **({"field": params["field"]} if params.get("field") else {})}


def _validate_set_stage(rule: TriggerRule, params: dict, problems: _Problems) -> dict:
    _check_known_params(params, ("stage", "field"), problems)
    stage = _text_param(params, "stage", problems)
    target = params.get("field") or triggers.STAGE_FIELDS.get((rule.connection.provider, rule.object_name))
    if not target:
        problems.add("action_params", f"No stage field is known for {rule.object_name}: give field.")
        return {"stage": stage}
    crm_field = _check_writable_field(rule, target, problems)
    options = [
        o.get("value") if isinstance(o, dict) else o
        for o in (crm_field.picklist_options if crm_field else [])
    ]
    if stage and options and not crm_field.external_options and stage not in map(str, options):
        problems.add(
            "action_params", f"{stage!r} is not an option of {target} ({', '.join(map(str, options))})."
        )
    return {"stage": stage, **({"field": params["field"]} if params.get("field") else {})}


def _validate_outbound_webhook(rule: TriggerRule, params: dict, problems: _Problems) -> dict:
    _check_known_params(params, ("url",), problems)
    url = str(params.get("url") or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.add("action_params", "Give url: an http(s) address with a host.")
    return {"url": url}


def _preview_write(rule: TriggerRule, crm_id: str, target: str | None, value) -> str:
    if not target:
        return "Would fail: no target field."
    return f"Would write {target} = {value!r} on {rule.object_name} {crm_id} in {rule.connection.name}."


def _preview_assign_owner(rule: TriggerRule, crm_id: str) -> str:
    params = rule.action_params or {}
    target = params.get("field") or triggers.OWNER_FIELDS.get(rule.connection.provider, "owner_id")
    return _preview_write(rule, crm_id, target, params.get("owner_id"))


def _preview_set_stage(rule: TriggerRule, crm_id: str) -> str:
    params = rule.action_params or {}
    target = params.get("field") or triggers.STAGE_FIELDS.get((rule.connection.provider, rule.object_name))
    return _preview_write(rule, crm_id, target, params.get("stage"))


def _preview_outbound_webhook(rule: TriggerRule, crm_id: str) -> str:
    signed = "signed with the rule's secret" if (rule.secret or {}).get("signing_secret") else "unsigned"
    url = (rule.action_params or {}).get("url")
    return f"Would POST a rescore request for {rule.object_name} {crm_id} to {url} ({signed})."


def _validate_create_task(rule: TriggerRule, params: dict, problems: _Problems) -> dict:
    errors = create_task_params_errors(params)
    owner = params.get("owner_id")
    if rule.connection.provider == "pipedrive" and owner not in (None, "") and not str(owner).isdigit():
        errors.setdefault("owner_id", "Pipedrive user ids are numbers.")
    for key, message in errors.items():
        problems.add("action_params", message if key == "action_params" else f"{key}: {message}")
    normalised = {
        "subject": str(params.get("subject", "")).strip(),
        "due_in_days": params.get("due_in_days", 0),
        "priority": params.get("priority", "medium"),
    }
    if params.get("body"):
        normalised["body"] = params["body"]
    if owner not in (None, ""):
        normalised["owner_id"] = str(owner).strip()
    return normalised


def _preview_create_task(rule: TriggerRule, crm_id: str) -> str:
    params = rule.action_params or {}
    owner = f", owner {params['owner_id']}" if params.get("owner_id") else ""
    return (
        f"Would create a task {params.get('subject')!r} (due in {params.get('due_in_days', 0)} day(s), "
        f"priority {params.get('priority', 'medium')}{owner}) about {rule.object_name} {crm_id} "
        f"in {rule.connection.name}."
    )


ACTION_SPECS: dict[str, ActionSpec] = {
    ActionKind.CREATE_TASK: ActionSpec(
        {
            "subject": "the task's subject",
            "body": "(optional) the task's text",
            "due_in_days": "(optional) days from the firing to the due date, default 0",
            "priority": "(optional) low, medium or high, default medium",
            "owner_id": "(optional) the CRM user id who owns the task",
        },
        _validate_create_task,
        _preview_create_task,
    ),
    ActionKind.ASSIGN_OWNER: ActionSpec(
        {"owner_id": "the CRM user id to assign", "field": "(optional) the owner field, if not the default"},
        _validate_assign_owner,
        _preview_assign_owner,
    ),
    ActionKind.SET_STAGE: ActionSpec(
        {"stage": "the stage value to set", "field": "(optional) the stage field, if not the default"},
        _validate_set_stage,
        _preview_set_stage,
    ),
    ActionKind.OUTBOUND_WEBHOOK: ActionSpec(
        {"url": "where the signed rescore request is POSTed"},
        _validate_outbound_webhook,
        _preview_outbound_webhook,
    ),
}


# -- conditions -----------------------------------------------------------------------------------------


def _validate_condition(rule: TriggerRule, problems: _Problems) -> None:
    if not CrmObject.objects.filter(connection_id=rule.connection_id, name=rule.object_name).exists():
        problems.add("object_name", f"{rule.object_name!r} is not an object of {rule.connection.name}.")
        return
    if (
        rule.condition_kind == ConditionKind.CRM_FIELD_CHANGE
        and _catalog_field(rule, rule.field_name) is None
    ):
        problems.add("field_name", f"{rule.object_name}.{rule.field_name} is not a field of the catalog.")
    if rule.operator == ConditionOperator.CHANGED and rule.value:
        problems.add("value", "'changed' fires on any new value: leave the value blank.")
    if rule.operator in NUMERIC_OPERATORS and triggers._number(rule.value) is None:
        problems.add("value", f"'{rule.get_operator_display()}' compares numbers: give a number.")
    if rule.source_system and rule.condition_kind != ConditionKind.INBOUND_OUTPUT:
        problems.add("source_system", "Only an inbound-output rule filters by source system.")


def trigger_rule_validate(rule: TriggerRule) -> None:
    """Model checks, the condition against the catalog, and the action kind's params (normalised in
    place). Raises RuleInvalid with every problem found."""
    problems = _Problems()
    try:
        rule.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                problems.add(name, message)
        problems.raise_any()
    _validate_condition(rule, problems)
    spec = ACTION_SPECS.get(rule.action_kind)
    if spec is None:
        problems.add("action_kind", f"No validation is defined for {rule.action_kind!r}.")
    elif not isinstance(rule.action_params, dict):
        problems.add("action_params", 'Params are a JSON object, e.g. {"url": "https://..."}.')
    else:
        rule.action_params = spec.validate(rule, rule.action_params, problems)
    problems.raise_any()


# -- writes -------------------------------------------------------------------------------------------------


def _apply_secret(rule: TriggerRule, signing_secret: str | None, clear_secret: bool) -> None:
    if clear_secret:
        rule.secret = {}
    elif signing_secret:
        rule.secret = {**(rule.secret or {}), "signing_secret": signing_secret}


def _tag(rule: TriggerRule, actor, reason: str) -> None:
    """Who changed the rule and why, for the history row its next save or delete writes."""
    rule._history_user = actor
    rule._change_reason = reason


@transaction.atomic
def trigger_rule_create(
    *, actor, signing_secret: str | None = None, clear_secret: bool = False, **fields
) -> TriggerRule:
    permission_require(actor, ADD_PERMISSION, "configure trigger rules")
    rule = TriggerRule(created_by=actor, **fields)
    _apply_secret(rule, signing_secret, clear_secret)
    trigger_rule_validate(rule)
    _tag(rule, actor, "trigger rule created")
    rule.save()
    logger.info("trigger rule #%s created by user %s", rule.pk, actor.pk)
    return rule


@transaction.atomic
def trigger_rule_update(
    *, rule: TriggerRule, actor, signing_secret: str | None = None, clear_secret: bool = False, **fields
) -> TriggerRule:
    permission_require(actor, CHANGE_PERMISSION, "change trigger rules")
    rule = TriggerRule.objects.select_for_update().get(pk=rule.pk)
    for name, value in fields.items():
        setattr(rule, name, value)
    _apply_secret(rule, signing_secret, clear_secret)
    trigger_rule_validate(rule)
    _tag(rule, actor, "trigger rule edited")
    rule.save()
    logger.info("trigger rule #%s edited by user %s", rule.pk, actor.pk)
    return rule


@transaction.atomic
def trigger_rule_set_enabled(*, rule: TriggerRule, enabled: bool, actor) -> TriggerRule:
    permission_require(actor, CHANGE_PERMISSION, "change trigger rules")
    rule = TriggerRule.objects.select_for_update().get(pk=rule.pk)
    if rule.enabled != enabled:
        rule.enabled = enabled
        _tag(rule, actor, "trigger rule enabled" if enabled else "trigger rule disabled")
        rule.save(update_fields=["enabled", "updated_at"])
        logger.info("trigger rule #%s %s by user %s", rule.pk, "enabled" if enabled else "disabled", actor.pk)
    return rule


@transaction.atomic
def trigger_rule_delete(*, rule: TriggerRule, actor) -> int:
    """Deletes the rule and its executions; returns how many executions went with it."""
    permission_require(actor, DELETE_PERMISSION, "delete trigger rules")
    executions = TriggerExecution.objects.filter(rule=rule).count()
    _tag(rule, actor, "trigger rule deleted")
    logger.info("trigger rule #%s deleted by user %s with %d execution(s)", rule.pk, actor.pk, executions)
    rule.delete()
    return executions


# -- dry run ----------------------------------------------------------------------------------------------


@dataclass
class DryRun:
    crm_id: str
    found: bool
    value: object = None
    old_value: object = None
    has_old_value: bool = False
    matches: bool = False
    action: str = ""
    notes: list[str] = field(default_factory=list)


def trigger_rule_dry_run(*, rule: TriggerRule, crm_id: str, actor) -> DryRun:
    """Evaluate the rule against one record as it stands now (read from the CRM, or the newest integration
    output for inbound rules) and tell what the action would do. Nothing is written or sent."""
    permission_require(actor, CHANGE_PERMISSION, "test trigger rules")
    crm_id = crm_id.strip()
    if not crm_id:
        raise ApplicationError("Give the CRM id of a record.")
    if rule.condition_kind == ConditionKind.INBOUND_OUTPUT:
        result = _dry_run_inbound(rule, crm_id)
    else:
        result = _dry_run_field_change(rule, crm_id)
    if result.found:
        spec = ACTION_SPECS.get(rule.action_kind)
        result.action = spec.preview(rule, crm_id) if spec else f"No preview for {rule.action_kind}."
    return result


def _dry_run_field_change(rule: TriggerRule, crm_id: str) -> DryRun:
    with connector_for(rule.connection) as connector:
        values = connector.read_records(rule.object_name, [crm_id], [rule.field_name])
    if crm_id not in values:
        return DryRun(crm_id, found=False, notes=[f"The CRM has no live {rule.object_name} {crm_id}."])
    result = DryRun(crm_id, found=True, value=values[crm_id].get(rule.field_name))
    snapshot = FieldSnapshot.objects.filter(
        connection_id=rule.connection_id, object_name=rule.object_name, crm_id=crm_id
    ).first()
    seen = (snapshot.values if snapshot else {}).get(rule.field_name)
    if seen is not None:
        result.old_value, result.has_old_value = seen.get("value"), True
        if field_changes.same_value(seen.get("value"), result.value):
            result.notes.append("The hub last saw this same value: a sync would see no change now.")
    else:
        result.notes.append("The hub has not seen this field yet: the next sync takes it as a baseline.")
    result.matches = triggers.condition_matches(rule, result.value)
    return result


def _dry_run_inbound(rule: TriggerRule, crm_id: str) -> DryRun:
    records = InboundRecord.objects.filter(
        crm_id=crm_id, flow__connection_id=rule.connection_id, flow__crm_object__name=rule.object_name
    )
    if rule.source_system:
        records = records.filter(source_system=rule.source_system)
    latest = next((r for r in records.order_by("-pk")[:50] if rule.field_name in (r.values or {})), None)
    if latest is None:
        return DryRun(
            crm_id, found=False, notes=[f"No integration output for {crm_id} carries {rule.field_name}."]
        )
    value = latest.values[rule.field_name]
    return DryRun(
        crm_id,
        found=True,
        value=value,
        matches=triggers.condition_matches(rule, value),
        notes=[f"Newest output: inbound record #{latest.pk} ({latest.get_status_display()})."],
    )
