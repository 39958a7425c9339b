"""Delivery of CRM records to a CDP destination in the Segment spec, with the consent gate.

One call takes the records one sync read produced for one object (`[{id, modified_at, values}]`, the
`ExportBatch` shape) and the records gone (deletes and merges), and sends:

- people: `identify` (our stable id, the mapped traits) and `group` (their account) when consent allows;
  a withdrawal is a suppression: an `identify` with only the suppression traits (no personal data) and a
  `track` per withdrawn purpose ("Email Consent Withdrawn"); a re-opt-in sends the traits again with
  "... Consent Granted"; a record without the consent the destination needs is not sent;
- accounts: `group` with the account's traits;
- deals: `group` membership of nothing (deals are not people); a "Deal Stage Changed" `track` when the stage
  differs from the one last seen (the caller passes what it last saw);
- deletes: an `identify` marking the profile deleted in the CRM; merges: Segment's `alias` (the merged-away
  id as `previousId`, the survivor as `userId`).

The consent decision and its delivery time are kept per record and destination (`RecordConsentState`): a
suppression that did not reach the CDP leaves the state as it was, so the next run sends it again; the lag from
the CRM change to the delivery is what monitoring reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from django.db import transaction

from crmhub.core import clock
from crmhub.core.timestamps import iso_z_millis, parse_timestamp
from crmhub.exports import repository, rows, segment
from crmhub.exports.consent import (
    ConsentRule,
    Transition,
    consent_decision,
    consent_event_name,
    consent_transition,
    default_rules,
    is_allowed,
    withdrawn_purposes,
)
from crmhub.exports.models import (
    DeliveredProfile,
    Destination,
    ExportFailedRow,
    ExportRun,
    RecordConsentState,
)

PERSON, ACCOUNT, DEAL = rows.PERSON, rows.ACCOUNT, rows.DEAL
SUPPRESSION_TRAIT = "crm_suppressed"
_transport: httpx.BaseTransport | None = None


def current_transport() -> httpx.BaseTransport | None:
    """The transport `cdp_transport` put in place, or None (then the SSRF-checked one)."""
    return _transport


@contextmanager
def cdp_transport(transport: httpx.BaseTransport):
    """Reach CDP destinations through `transport` inside the block (tests, benchmarks: the emulator)."""
    global _transport
    previous, _transport = _transport, transport
    try:
        yield
    finally:
        _transport = previous


@dataclass(frozen=True)
class CdpObjectPlan:
    """How one CRM object's records become Segment messages."""

    role: str  # person | account | deal
    traits: Callable[[Mapping], dict]  # a record's values -> traits (mapped, data classes applied)
    account_object: str = ""  # the object the account field points to ("companies", "Account")
    account_field: str = ""  # person or deal -> its account's CRM id
    stage_field: str = ""  # deals: the stage
    consent_rules: tuple[ConsentRule, ...] | None = None  # None: the CRM's own consent fields


@dataclass
class CdpDelivery:
    sent: int = 0
    withheld: int = 0
    suppressed: int = 0
    re_opted_in: int = 0
    deleted: int = 0
    merged: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # crm id -> reason
    suppression_lags_s: list[float] = field(default_factory=list)
    report: segment.DeliveryReport = field(default_factory=segment.DeliveryReport)


@dataclass
class _Outgoing:
    crm_id: str
    messages: list[dict]
    transition: Transition | None = None
    decision: dict | None = None
    changed_at: datetime | None = None
    gone: str = ""  # deleted | merged


def cdp_client(*, destination: Destination, transport=None, **options) -> segment.SegmentBatchClient:
    """A batch client for the destination's tracking API (SSRF-checked sockets unless a transport is given)."""
    write_key = (destination.credentials or {}).get("write_key", "")
    limits = segment.RUDDERSTACK_LIMITS if "rudder" in destination.endpoint_url else segment.SEGMENT_LIMITS
    return segment.SegmentBatchClient(
        endpoint=destination.endpoint_url,
        write_key=write_key,
        limits=limits,
        transport=transport or _transport,
        **options,
    )


def cdp_deliver(
    *,
    destination: Destination,
    connection,
    object_name: str,
    records: Iterable[Mapping],
    plan: CdpObjectPlan,
    gone: Iterable[Mapping] = (),
    previous_stages: Mapping[str, str] | None = None,
    run: ExportRun | None = None,
    client: segment.SegmentBatchClient | None = None,
    now: datetime | None = None,
) -> CdpDelivery:
    """Send one object's read to the CDP; failed records become failed rows of `run` (replayable)."""
    now = now or clock.now()
    records = list(records)
    outgoing, delivery = _plan_messages(
        destination=destination,
        connection=connection,
        object_name=object_name,
        records=records,
        plan=plan,
        previous_stages=previous_stages or {},
        now=now,
    )
    outgoing += _gone_messages(destination, connection, object_name, gone, now)
    owns_client = client is None
    client = client or cdp_client(destination=destination)
    try:
        delivery.report = client.deliver(message for item in outgoing for message in item.messages)
    finally:
        if owns_client:
            client.close()
    undelivered = {u.message["messageId"]: u.reason for u in delivery.report.refused + delivery.report.failed}
    delivered_at = clock.now()
    arrived = []
    for item in outgoing:
        reasons = [undelivered[m["messageId"]] for m in item.messages if m["messageId"] in undelivered]
        if reasons:
            delivery.failed[item.crm_id] = reasons[0]
            continue
        arrived.append(item)
        _count(delivery, item)
        if item.decision is not None:
            lag = _remember_consent(destination, connection, object_name, item, delivered_at)
            if lag is not None:
                delivery.suppression_lags_s.append(lag)
    _profiles_remember(destination, connection, object_name, arrived, run, delivered_at)
    if run is not None and delivery.failed:
        _failed_rows(run, destination, connection, object_name, records, delivery.failed)
    return delivery


def _profiles_remember(destination, connection, object_name, arrived: list[_Outgoing], run, delivered_at):
    """Keep what the CDP now holds of each record (traits merged as identify and group merge them), for the
    record's lineage: one read and one upsert per delivery."""
    arrived = [item for item in arrived if item.messages]
    if not arrived:
        return
    known = dict(
        DeliveredProfile.objects.filter(
            destination=destination,
            connection=connection,
            object_name=object_name,
            crm_id__in=[item.crm_id for item in arrived],
        ).values_list("crm_id", "traits")
    )
    rows = []
    for item in arrived:
        traits = dict(known.get(item.crm_id) or {})
        for message in item.messages:
            if message["type"] in ("identify", "group") and message.get("traits"):
                traits.update(json.loads(json.dumps(message["traits"], default=str)))
        first = item.messages[0]
        rows.append(
            DeliveredProfile(
                destination=destination,
                connection=connection,
                object_name=object_name,
                crm_id=item.crm_id,
                subject=str(first.get("previousId") or first.get("userId") or first.get("groupId") or "")[
                    :200
                ],
                traits=traits,
                last_messages=[_message_label(message) for message in item.messages],
                run=run,
                delivered_at=delivered_at,
            )
        )
    DeliveredProfile.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["destination", "connection", "object_name", "crm_id"],
        update_fields=["subject", "traits", "last_messages", "run", "delivered_at"],
    )


def _message_label(message: dict) -> str:
    return f"track: {message['event']}" if message["type"] == "track" else message["type"]


def _plan_messages(*, destination, connection, object_name, records, plan, previous_stages, now):
    delivery = CdpDelivery()
    states = _consent_states(destination, connection, object_name, [str(r["id"]) for r in records])
    rules = (
        plan.consent_rules
        if plan.consent_rules is not None
        else default_rules(connection.provider, object_name)
    )
    outgoing = []
    for record in records:
        crm_id, values = str(record["id"]), record.get("values") or {}
        changed_at = _moment(record.get("modified_at")) or now
        key = (destination.pk, connection.pk, object_name, crm_id, changed_at.isoformat())
        subject = segment.stable_id(connection_key=connection.name, object_name=object_name, crm_id=crm_id)
        if plan.role == ACCOUNT:
            outgoing.append(_Outgoing(crm_id, [_account(subject, plan.traits(values), changed_at, key)]))
            continue
        if plan.role == DEAL:
            outgoing.append(
                _deal(connection, crm_id, subject, values, plan, previous_stages, changed_at, key)
            )
            continue
        decision = consent_decision(rules=rules, values=values, purposes=destination.purposes or [])
        transition = consent_transition(was_allowed=states.get(crm_id), decision=decision)
        if transition == Transition.WITHHOLD:
            delivery.withheld += 1
            if crm_id not in states:
                _remember_consent(
                    destination,
                    connection,
                    object_name,
                    _Outgoing(crm_id, [], transition, dict(decision), changed_at),
                    None,
                )
            continue
        messages = _person(connection, subject, values, plan, decision, transition, changed_at, key)
        outgoing.append(_Outgoing(crm_id, messages, transition, dict(decision), changed_at))
    return outgoing, delivery


def _person(connection, subject, values, plan, decision, transition, changed_at, key) -> list[dict]:
    consent = {purpose: str(state) for purpose, state in decision.items()}
    if transition == Transition.SUPPRESS:
        traits = {SUPPRESSION_TRAIT: True, "crm_consent": consent}
        messages = [segment.identify(user_id=subject, traits=traits, timestamp=changed_at, message_key=key)]
        for purpose in withdrawn_purposes(decision):
            properties = {"purpose": purpose, "state": consent[purpose], "source": connection.provider}
            messages.append(
                segment.track(
                    user_id=subject,
                    event=consent_event_name(purpose, granted=False),
                    properties=properties,
                    timestamp=changed_at,
                    message_key=(*key, purpose),
                )
            )
        return messages
    traits = {**plan.traits(values), SUPPRESSION_TRAIT: False, "crm_consent": consent}
    messages = [segment.identify(user_id=subject, traits=traits, timestamp=changed_at, message_key=key)]
    account_id = values.get(plan.account_field) if plan.account_field else None
    if account_id:
        group_id = segment.stable_id(
            connection_key=connection.name, object_name=plan.account_object, crm_id=str(account_id)
        )
        messages.append(
            segment.group(
                user_id=subject, group_id=group_id, traits={}, timestamp=changed_at, message_key=key
            )
        )
    if transition == Transition.RE_OPT_IN:
        for purpose in decision:
            messages.append(
                segment.track(
                    user_id=subject,
                    event=consent_event_name(purpose, granted=True),
                    properties={"purpose": purpose, "source": connection.provider},
                    timestamp=changed_at,
                    message_key=(*key, purpose),
                )
            )
    return messages


def _account(subject, traits, changed_at, key) -> dict:
    return segment.group_account(group_id=subject, traits=traits, timestamp=changed_at, message_key=key)


def _deal(connection, crm_id, subject, values, plan, previous_stages, changed_at, key) -> _Outgoing:
    stage = values.get(plan.stage_field) if plan.stage_field else None
    before = previous_stages.get(crm_id)
    messages = [_account(subject, plan.traits(values), changed_at, key)]
    if stage is not None and before is not None and str(stage) != str(before):
        properties = {**plan.traits(values), "from_stage": before, "to_stage": stage, "deal": subject}
        account_id = values.get(plan.account_field) if plan.account_field else None
        owner = (
            segment.stable_id(
                connection_key=connection.name, object_name=plan.account_object, crm_id=str(account_id)
            )
            if account_id
            else subject
        )
        messages.append(
            segment.track(
                user_id=owner,
                event="Deal Stage Changed",
                properties=properties,
                timestamp=changed_at,
                message_key=key,
            )
        )
    return _Outgoing(crm_id, messages)


def _gone_messages(destination, connection, object_name, gone, now) -> list[_Outgoing]:
    outgoing = []
    for item in gone:
        crm_id = str(item["id"])
        when = _moment(item.get("deleted_at")) or now
        subject = segment.stable_id(connection_key=connection.name, object_name=object_name, crm_id=crm_id)
        key = (destination.pk, connection.pk, object_name, crm_id, "gone", when.isoformat())
        survivor = item.get("merged_into")
        if survivor:
            winner = segment.stable_id(
                connection_key=connection.name, object_name=object_name, crm_id=str(survivor)
            )
            message = segment.alias(previous_id=subject, user_id=winner, timestamp=when, message_key=key)
        else:
            traits = {"crm_deleted": True, "crm_deleted_at": iso_z_millis(when)}
            message = segment.identify(user_id=subject, traits=traits, timestamp=when, message_key=key)
        outgoing.append(_Outgoing(crm_id, [message], gone="merged" if survivor else "deleted"))
    return outgoing


def _count(delivery: CdpDelivery, item: _Outgoing) -> None:
    if item.gone == "merged":
        delivery.merged += 1
    elif item.gone == "deleted":
        delivery.deleted += 1
    elif item.transition == Transition.SUPPRESS:
        delivery.suppressed += 1
    elif item.transition == Transition.RE_OPT_IN:
        delivery.re_opted_in += 1
        delivery.sent += 1
    else:
        delivery.sent += 1


def _consent_states(destination, connection, object_name: str, crm_ids: list[str]) -> dict[str, bool]:
    rows = RecordConsentState.objects.filter(
        destination=destination, connection=connection, object_name=object_name, crm_id__in=crm_ids
    ).values_list("crm_id", "allowed")
    return dict(rows)


def _remember_consent(destination, connection, object_name, item: _Outgoing, delivered_at) -> float | None:
    """Keep the decision; a change of `allowed` stamps the CRM change time and its delivery. Returns the
    suppression's lag in seconds when this delivery was one."""
    allowed = is_allowed(item.decision)
    with transaction.atomic():
        state, created = RecordConsentState.objects.select_for_update().get_or_create(
            destination=destination,
            connection=connection,
            object_name=object_name,
            crm_id=item.crm_id,
            defaults={
                "allowed": allowed,
                "decision": item.decision,
                "changed_at": item.changed_at,
                "delivered_at": delivered_at,
            },
        )
        if created:
            return None
        if state.allowed == allowed:
            if state.decision != item.decision:
                state.decision = item.decision
                state.save(update_fields=["decision"])
            return None
        state.allowed, state.decision = allowed, item.decision
        state.changed_at, state.delivered_at = item.changed_at, delivered_at
        state.save(update_fields=["allowed", "decision", "changed_at", "delivered_at"])
    if item.transition == Transition.SUPPRESS:
        repository.suppressions_record(
            destination_id=destination.pk,
            connection_id=connection.pk,
            object_name=object_name,
            delivered=[(item.crm_id, item.changed_at, delivered_at)],
        )
        return state.lag_seconds
    return None


def _failed_rows(run, destination, connection, object_name, records, failed: dict[str, str]) -> None:
    by_id = {str(record["id"]): record for record in records}
    ExportFailedRow.objects.bulk_create(
        ExportFailedRow(
            run=run,
            destination=destination,
            connection=connection,
            object_name=object_name,
            crm_id=crm_id,
            reason=reason[:1000],
            record=_jsonable(by_id.get(crm_id) or {"id": crm_id}),
        )
        for crm_id, reason in failed.items()
    )


def _jsonable(record: Mapping) -> dict:
    moment = record.get("modified_at")
    return {**record, "modified_at": moment.isoformat() if isinstance(moment, datetime) else moment}


def _moment(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_timestamp(value)
