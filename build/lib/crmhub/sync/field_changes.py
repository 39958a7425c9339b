"""Field-change triggers from polling, deduplicated against webhooks.

A polling cycle reads current values only. To tell that a field changed (and from what), the hub keeps the
last value it saw of every field an enabled `crm_field_change` rule watches, per (connection, object, CRM id)
in `FieldSnapshot`. The cycle compares each record it reads with that and fires the rules of the fields that
changed, with old and new values. A first sighting (no old value) is only a baseline: nothing fires.

Webhook events go through the same snapshot: an event fires only for a change the snapshot does not hold yet
(a different value, and newer than what was seen), and records it. So one change fires once, whether the
poll or the webhook sees it first. Objects without watching rules never touch the snapshot table.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from crmhub.connectors import CrmRecord
from crmhub.core import clock
from crmhub.core.timestamps import parse_timestamp
from crmhub.sync.models import ConditionKind, FieldSnapshot, TriggerExecution, TriggerRule


def watching_rules(*, connection, object_name: str) -> dict[str, list[TriggerRule]]:
    """{field: enabled field-change rules on it} for one object; empty when nothing watches it."""
    rules = TriggerRule.objects.filter(
        enabled=True,
        condition_kind=ConditionKind.CRM_FIELD_CHANGE,
        connection=connection,
        object_name=object_name,
    ).select_related("connection")
    by_field: dict[str, list[TriggerRule]] = defaultdict(list)
    for rule in rules:
        by_field[rule.field_name].append(rule)
    return dict(by_field)


def polled_changes_fire(
    *, connection, object_name: str, records: list[CrmRecord], rules: dict[str, list[TriggerRule]]
) -> list[TriggerExecution]:
    """Compare polled records with their snapshots, store what was seen, fire the rules of changed fields.
    Call inside the transaction that mirrors the records (executions are dispatched after it commits)."""
    if not rules or not records:
        return []
    snapshots = _snapshots_locked(connection, object_name, [record.id for record in records])
    created, changed = [], []
    fired: list[TriggerExecution] = []
    for record in records:
        snapshot = snapshots.get(record.id)
        seen = dict(snapshot.values) if snapshot else {}
        for field, field_rules in rules.items():
            if field not in record.values:
                continue
            previous = seen.get(field)
            if previous is not None and _moment(previous.get("at")) >= record.modified_at:
                continue  # already seen this version (or a newer one, by webhook)
            new = record.values[field]
            seen[field] = {"value": new, "at": record.modified_at.isoformat()}
            if previous is None or same_value(previous.get("value"), new):
                continue  # a baseline, or a record change that left this field alone
            context = {
                "field": field,
                "old": previous.get("value"),
                "new": new,
                "source": "poll",
                "modified_at": record.modified_at.isoformat(),
            }
            key = f"change:{record.id}:{field}:{record.modified_at.isoformat()}"
            fired += _fire(field_rules, key, record.id, new, context)
        _stage(snapshot, seen, connection, object_name, record.id, created, changed)
    _store(created, changed)
    return fired


def webhook_changes_accept(
    *, connection, object_name: str, crm_id: str, changes: dict[str, dict], at: datetime | None
) -> set[str]:
    """Which of a webhook's field changes the hub has not seen yet (by poll or an earlier event); they are
    recorded as seen. Call inside a transaction."""
    if not changes:
        return set()
    snapshot = _snapshots_locked(connection, object_name, [crm_id]).get(crm_id)
    seen = dict(snapshot.values) if snapshot else {}
    at = at or clock.now()
    accepted = set()
    for field, change in changes.items():
        previous = seen.get(field)
        new = change.get("new")
        if previous is not None and (
            same_value(previous.get("value"), new) or _moment(previous.get("at")) > at
        ):
            continue
        accepted.add(field)
        seen[field] = {"value": new, "at": at.isoformat()}
    if accepted:
        created, changed = [], []
        _stage(snapshot, seen, connection, object_name, crm_id, created, changed)
        _store(created, changed)
    return accepted


def same_value(left, right) -> bool:
    """CRMs send the same value as text in one place and a number in another: compare as text. A multi-option
    value (a Pipedrive set) is a set: the order its options come in is no change."""
    return _text(left) == _text(right)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\x1f".join(sorted(_text(item) for item in value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fire(rules, key, crm_id, new, context) -> list[TriggerExecution]:
    from crmhub.sync import triggers

    fired = []
    for rule in rules:
        if triggers.condition_matches(rule, new):
            execution = triggers._execution_create(rule, key, crm_id, context)
            if execution is not None:
                fired.append(execution)
    return fired


def _snapshots_locked(connection, object_name: str, ids: list[str]) -> dict[str, FieldSnapshot]:
    rows = FieldSnapshot.objects.select_for_update().filter(
        connection=connection, object_name=object_name, crm_id__in=ids
    )
    return {row.crm_id: row for row in rows}


def _stage(snapshot, seen, connection, object_name, crm_id, created: list, changed: list) -> None:
    if snapshot is None:
        created.append(
            FieldSnapshot(connection=connection, object_name=object_name, crm_id=crm_id, values=seen)
        )
    elif seen != snapshot.values:
        snapshot.values = seen
        changed.append(snapshot)


def _store(created: list[FieldSnapshot], changed: list[FieldSnapshot]) -> None:
    if created:
        # A concurrent first sighting of the same record keeps its row; ours is a baseline all the same.
        FieldSnapshot.objects.bulk_create(created, ignore_conflicts=True)
    if changed:
        now = clock.now()
        for snapshot in changed:
            snapshot.updated_at = now
        FieldSnapshot.objects.bulk_update(changed, ["values", "updated_at"])


def _moment(text) -> datetime:
    return parse_timestamp(text) or datetime.min.replace(tzinfo=UTC)
