"""Writes for identity reconciliation: the mirror, resolution with its review items and learned links,
review decisions, identity rules and validation runs."""

import datetime as dt
import functools
import gc
import os
import pickle
import shutil
import tempfile
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from crmhub.core.errors import ApplicationError, ConflictError, permission_require
from crmhub.core.gc_pause import collector_paused
from crmhub.core.timestamps import parse_timestamp_or_none
from crmhub.models import CrmConnection
from identity_app import columns, mirror, mirror_index, repository, selectors, training
from identity_app.attributes import (
    ATTRIBUTE_TYPES,
    NATIONAL_PHONES,
    TEXT_ATTRIBUTES,
    EntityKind,
    build_profile,
    display_values,
    entity_kind_for_object,
    profile_phones,
)
from identity_app.blocking import block_keys
from identity_app.models import (
    ONE_MAILBOX_PER_DOMAIN,
    Contradiction,
    IdentifierKind,
    IdentityLink,
    IdentityRuleSet,
    KeyName,
    LinkMethod,
    MirrorRecord,
    ReviewItem,
    ReviewStatus,
    ValidationRun,
    WeightEstimate,
    defaults_for_kind,
)
from identity_app.resolver import MATCHED, Resolution, Resolver, Rules
from identity_app.scoring import Scorer, comparison_problems
from identity_app.signals import review_item_resolved
from mappings_app import selectors as mapping_selectors
from mappings_app.coercion import ValueRejected, mapping_map_value

RESOLVE_PERMISSION = "identity_app.resolve_reviewitem"
ASSIGN_PERMISSION = "identity_app.change_reviewitem"
RULES_PERMISSION = "identity_app.change_identityruleset"
VALIDATE_PERMISSION = "identity_app.add_validationrun"
MIRROR_BATCH_SIZE = 2000
RESOLVE_BATCH_SIZE = 1000
DEFAULT_SAMPLE_SIZE = 500
LEARNED_FROM = frozenset({KeyName.EXTERNAL_ID, KeyName.EMAIL, KeyName.PHONE})
MIRROR_COLUMNS = (*TEXT_ATTRIBUTES, "emails", "phones", "date_of_birth", "external_ids", "extra", "display")


def chunks(iterable, size: int):
    """Lists of up to `size` items, read lazily: a file streamed through stays one chunk in memory."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


_chunks = chunks


# -- identifier mirror --------------------------------------------------------------------------------------


def _timestamp(value) -> dt.datetime | None:
    return parse_timestamp_or_none(value)


def _merge_human_edits(previous: dict, incoming: dict) -> dict:
    merged = dict(previous or {})
    for field, when in (incoming or {}).items():
        if when and (field not in merged or str(when) > str(merged[field])):
            merged[field] = when.isoformat() if isinstance(when, dt.datetime) else str(when)
    return merged


def _identifier_keys(profile: dict, blocking_rules) -> set[tuple[str, str]]:
    keys = _plain_identifier_keys(profile)
    keys.update(block_keys(profile, blocking_rules))
    return keys


def _plain_identifier_keys(profile: dict) -> set[tuple[str, str]]:
    """The key lookups of a record: its emails, phone numbers and external ids."""
    keys = {(IdentifierKind.EMAIL, address) for address in profile["emails"]}
    keys.update((IdentifierKind.PHONE, number) for number in profile_phones(profile))
    keys.update((IdentifierKind.PHONE_NATIONAL, digits) for digits in profile.get(NATIONAL_PHONES) or ())
    keys.update((IdentifierKind.EXTERNAL_PREFIX + f, v[:320]) for f, v in profile["external_ids"].items())
    return keys


def mirror_upsert(
    *,
    connection,
    object_name: str,
    records,
    attribute_map: dict | None = None,
    batch_size: int = MIRROR_BATCH_SIZE,
) -> int:
    """Normalise and store CRM records in the identifier mirror; returns how many were stored.

    `records` (any iterable, e.g. a generator over a connector's pages) holds provider-neutral dicts:
    {"id", "values": {crm field: raw value}, "modified_at", "deleted", "merged_into", "last_human_edit"}.
    A deleted or merged record sent without values keeps its attributes and identifiers, so inbound
    records that still carry its email are re-pointed to the survivor. Each batch costs a fixed number of
    queries (on PostgreSQL through COPY, see `mirror.store_records`).
    """
    config = selectors.mirror_config(connection=connection, object_name=object_name)
    if attribute_map is not None:
        config["attribute_map"] = attribute_map
    stored = 0
    for chunk in _chunks(records, batch_size):
        stored += _mirror_upsert_chunk(connection, object_name, chunk, config)
    return stored


def _mirror_flags(raw: dict, human_edits: dict, now) -> dict:
    return {
        "is_deleted": bool(raw.get("deleted")),
        "merged_into": str(raw.get("merged_into") or ""),
        "crm_modified_at": _timestamp(raw.get("modified_at")),
        "last_human_edit": _merge_human_edits(human_edits, raw.get("last_human_edit")),
        "refreshed_at": now,
    }


def _mirror_row(values: dict, flags: dict, config: dict) -> tuple[dict, set[tuple[str, str]]]:
    """A CRM record's mirror row (its normalised profile, display values and flags) and its lookup keys."""
    profile = build_profile(
        values,
        attribute_map=config["attribute_map"],
        external_id_fields=config["external_id_fields"],
        region=config["region"],
        kind=config["kind"],
        attribute_types=config["attribute_types"],
    )
    row = {
        **{column: profile[column] for column in MIRROR_COLUMNS if column != "display"},
        "display": display_values(values, config["attribute_map"]),
        **flags,
    }
    return row, _identifier_keys(profile, config["blocking_rules"])


def mirror_load_in_memory(
    *, rule_set: IdentityRuleSet, records, mapper=None, lookup_keys=None, gathering_keys=None
) -> int:
    """Load CRM records (as `mirror_upsert` takes them) into an in-memory mirror of the rule set's
    connection and object, without writing the database: for a run on a file pair whose mirror lives as
    long as the run (`identity_link` offline). This process's resolvers for those rules read it. Returns
    how many records it holds. `mapper(function, chunks, meanwhile=...)` (ordered, like `map`; `workers.
    map_shared`) may normalise the records in helper processes; they are stored here, in file order. Given
    `lookup_keys` (`Resolver.lookup_keys` of every inbound record the run will resolve), only those keys and
    phone numbers are indexed: most of an export's keys are never looked up, and indexing each costs more
    than computing it. `gathering_keys` (the steps of the pass that fills `lookup_keys`) is run first; with
    a `mapper`, while its helpers normalise the first chunks (`_KeysLater`)."""
    connection, object_name = rule_set.flow.connection, rule_set.flow.crm_object.name
    config = selectors.mirror_config(connection=connection, object_name=object_name)
    scorer = Scorer(rule_set.comparisons, rule_set.prior_match_probability)
    index = mirror_index.in_memory_only(connection.pk, object_name, tuple(scorer.attributes), scorer.values)
    chunks = _chunks(records, MIRROR_BATCH_SIZE)
    with collector_paused(), ExitStack() as cleanups:  # collections would walk millions of small objects
        if gathering_keys is not None and mapper is not None:
            prepare = later = _KeysLater(config, scorer.values)
            cleanups.callback(later.remove)
            prepared_chunks = mapper(prepare, chunks, meanwhile=later.gathered(gathering_keys, lookup_keys))
        else:
            for _ in gathering_keys or ():
                pass
            wanted = columns.wanted_keys(lookup_keys)  # grouped once here, for this process and its helpers
            prepare = functools.partial(_prepared_for_memory, config, wanted, scorer.values)
            prepared_chunks = (mapper or map)(prepare, chunks)
        for prepared, positions in prepared_chunks:
            if positions is None:  # a helper's chunk normalised before the keys were known
                positions = later.positions([record[2] for record in prepared])
            index.put_many(prepared, positions)
        index.finish_loading()
        gc.freeze()  # before the collector is back: its first collection would walk them all once more
    return len(index.ids_by_crm_id)


class _KeysLater:
    """`_prepared_for_memory` for a load whose lookup keys are gathered while its helpers start. A helper
    forked before they are known normalises its chunks without their keys (this process keys them, once it
    knows them: `positions`), until this process has written them (`columns.WantedKeys.values`) to a file in
    a directory of its own; from then on the helper keys its chunks itself. Every chunk is keyed by the
    same function on the same profiles and keys, wherever it is: the mirror is the one a load given the keys
    up front holds."""

    def __init__(self, config: dict, comparison_values):
        self.config, self.comparison_values, self.wanted = config, comparison_values, None
        self.directory = tempfile.mkdtemp(prefix="crmhub-keys-")
        self.path = os.path.join(self.directory, "keys")

    def gathered(self, steps, lookup_keys: set):
        """The steps of the pass filling `lookup_keys`; once they have all run, the keys are grouped and
        written for the helpers."""
        yield from steps
        self.wanted = columns.WantedKeys(lookup_keys)
        partial = f"{self.path}.partial"
        with open(partial, "wb") as handle:
            pickle.dump(self.wanted.values, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)  # a helper reads it whole or not at all

    def __call__(self, chunk: list[dict]):
        if self.wanted is None and os.path.exists(self.path):  # in a helper: the keys are written
            with open(self.path, "rb") as handle:
                values = pickle.load(handle)  # noqa: S301 - this run's own (mkdtemp, 0700)
            self.wanted = columns.WantedKeys.from_values(values)
        return _prepared_for_memory(
            self.config, self.wanted, self.comparison_values, chunk, keyed=self.wanted is not None
        )

    def positions(self, profiles: list[dict]) -> dict:
        """The positions by key of a helper's chunk normalised before the keys were known."""
        return columns.positions_by_key(profiles, self.config["blocking_rules"], wanted=self.wanted)

    def remove(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def _prepared_for_memory(
    config: dict, wanted, comparison_values, chunk: list[dict], *, keyed: bool = True
) -> tuple[list[tuple], dict | None]:
    """The records of a chunk as `MirrorIndex.put_many` stores them: (crm id, whether values came, stored
    profile, its `comparison_values`) of each, and its lookup keys -> the positions of the records holding
    them (only keys in `wanted`, unless it is None). The profile is the one `_mirror_row` normalises, with
    its display values and the only flags an in-memory mirror keeps (deleted, merged into). Profiles,
    display values and keys are built a column at a time (`columns`); each profile is the one stored, not a
    copy. With helper processes (`mapper`), all of this is done there; only storing is left here. Not
    `keyed`: no positions (None), the keys not known yet (`_KeysLater`)."""
    raw_values = [raw.get("values") or {} for raw in chunk]
    profiles = columns.build_profiles(
        raw_values,
        attribute_map=config["attribute_map"],
        external_id_fields=config["external_id_fields"],
        region=config["region"],
        kind=config["kind"],
        attribute_types=config["attribute_types"],
    )
    displays = columns.display_values_of(raw_values, config["attribute_map"])
    records = []
    for raw, values, profile, display in zip(chunk, raw_values, profiles, displays, strict=True):
        profile["display"], profile["is_deleted"] = display, bool(raw.get("deleted"))
        profile["merged_into"] = str(raw.get("merged_into") or "")
        records.append((str(raw["id"]), bool(values), profile, comparison_values(profile)))
    if not keyed:
        return records, None
    return records, columns.positions_by_key(profiles, config["blocking_rules"], wanted=wanted)


@transaction.atomic
def _mirror_upsert_chunk(connection, object_name: str, chunk: list[dict], config: dict) -> int:
    latest = {str(record["id"]): record for record in chunk}  # the last copy of a record in a batch wins
    existing = mirror.stored_records(connection.pk, object_name, latest.keys())
    now = timezone.now()
    full: dict[str, dict] = {}
    keys: dict[str, set[tuple[str, str]]] = {}
    tombstones = []
    for crm_id, raw in latest.items():
        flags = _mirror_flags(raw, existing.get(crm_id, (None, {}))[1], now)
        values = raw.get("values") or {}
        if not values and crm_id in existing and (flags["is_deleted"] or flags["merged_into"]):
            tombstones.append(MirrorRecord(pk=existing[crm_id][0], **flags))
            continue
        full[crm_id], keys[crm_id] = _mirror_row(values, flags, config)

    if full:
        ids = mirror.store_records(
            connection.pk, object_name, full, new=frozenset(full.keys() - existing.keys())
        )
        mirror.delete_identifiers([existing[crm_id][0] for crm_id in full if crm_id in existing])
        mirror.store_identifiers(
            connection.pk,
            object_name,
            (
                (ids[crm_id], kind, value)
                for crm_id, record_keys in keys.items()
                for kind, value in record_keys
            ),
        )
    if tombstones:
        MirrorRecord.objects.bulk_update(
            tombstones, ["is_deleted", "merged_into", "crm_modified_at", "last_human_edit", "refreshed_at"]
        )
    return len(latest)


def mirror_rebuild_identifiers(*, connection, object_name: str, batch_size: int = MIRROR_BATCH_SIZE) -> int:
    """Recompute every lookup row of an object from the stored profiles (after blocking rules change)."""
    config = selectors.mirror_config(connection=connection, object_name=object_name)
    records = MirrorRecord.objects.filter(connection=connection, object_name=object_name).order_by("id")
    rebuilt = 0
    last_id = 0
    while True:
        chunk = list(records.filter(id__gt=last_id).values("id", *MIRROR_COLUMNS)[:batch_size])
        if not chunk:
            return rebuilt
        with transaction.atomic():
            # A no-op write that stamps the records' revisions: in-memory indexes re-read their lookup rows.
            MirrorRecord.objects.filter(id__in=[row["id"] for row in chunk]).update(revision=F("revision"))
            mirror.delete_identifiers([row["id"] for row in chunk])
            mirror.store_identifiers(
                connection.pk,
                object_name,
                (
                    (row["id"], kind, value)
                    for row in chunk
                    for kind, value in _identifier_keys(row, config["blocking_rules"])
                ),
            )
        rebuilt += len(chunk)
        last_id = chunk[-1]["id"]


def mirror_rebuild_all_identifiers() -> int:
    """`mirror_rebuild_identifiers` for every object any connection mirrors (after the key derivation itself
    changed, as a migration does): a mirror keyed the old way would not meet records keyed the new way."""
    rebuilt = 0
    objects = MirrorRecord.objects.values_list("connection_id", "object_name").distinct().order_by()
    for connection_id, object_name in sorted(set(objects)):
        connection = CrmConnection.objects.get(pk=connection_id)
        rebuilt += mirror_rebuild_identifiers(connection=connection, object_name=object_name)
    return rebuilt


# -- identity rules -----------------------------------------------------------------------------------------


def identity_rules_for_flow(*, flow) -> IdentityRuleSet:
    """The flow's rule set, created the first time it is asked for with the defaults of the kind of records
    its CRM object holds (companies and accounts are organisations, deals and opportunities deals)."""
    rule_set = IdentityRuleSet.objects.select_related("flow").filter(flow=flow).first()
    if rule_set is not None:
        return rule_set
    kind = entity_kind_for_object(flow.crm_object.name)
    rule_set, _ = IdentityRuleSet.objects.select_related("flow").get_or_create(
        flow=flow, defaults={"entity_kind": kind, **defaults_for_kind(kind)}
    )
    return rule_set


VETO_REQUIREMENTS = ("not_clearly_different", "no_disagreement", "exact", ONE_MAILBOX_PER_DOMAIN)


def identity_rules_problems(rule_set: IdentityRuleSet) -> list[str]:
    problems = []
    if rule_set.entity_kind not in EntityKind.ALL:
        problems.append(
            f"Unknown entity kind {rule_set.entity_kind!r}; use one of {', '.join(EntityKind.ALL)}."
        )
    unknown_keys = [key for key in rule_set.key_precedence if key not in KeyName.VALID]
    if unknown_keys:
        problems.append(f"Unknown keys in the precedence: {', '.join(map(str, unknown_keys))}.")
    data_keys = [key for key in rule_set.key_precedence if key not in KeyName.DEAL]
    if rule_set.entity_kind == EntityKind.DEAL and data_keys:
        problems.append(
            f"Deals are matched by CRM id or external id only: remove {', '.join(map(str, data_keys))} from "
            "the keys (a buyer's email or a company's phone is on many deals)."
        )
    if KeyName.DOMAIN in rule_set.key_precedence and rule_set.entity_kind != EntityKind.ORGANISATION:
        problems.append("The domain is a key for organisations only (people of one company share it).")
    unknown_checks = [c for c in rule_set.contradiction_checks if c not in Contradiction.ALL]
    if unknown_checks:
        problems.append(
            f"Unknown contradiction checks: {', '.join(map(str, unknown_checks))}; "
            f"use {', '.join(Contradiction.ALL)}."
        )
    unknown_personal = [key for key in rule_set.personal_keys if key not in KeyName.VALID]
    if unknown_personal:
        problems.append(f"Unknown personal keys: {', '.join(map(str, unknown_personal))}.")
    if not 0 < rule_set.contradiction_similarity <= 1:
        problems.append("The contradiction similarity is a level between 0 and 1.")
    if not isinstance(rule_set.attribute_types, dict):
        problems.append("Attribute types map an attribute to its type.")
    else:
        for attribute, kind in rule_set.attribute_types.items():
            if kind not in ATTRIBUTE_TYPES:
                problems.append(
                    f"{attribute}: unknown type {kind!r}; use one of {', '.join(ATTRIBUTE_TYPES)}."
                )
    for comparison in rule_set.comparisons:
        problems += comparison_problems(comparison)
    attributes = {comparison.get("attribute") for comparison in rule_set.comparisons}
    for veto in rule_set.vetoes:
        if veto.get("attribute") not in attributes:
            problems.append(f"Veto on {veto.get('attribute')!r} needs a comparison on that attribute.")
        if veto.get("require", "no_disagreement") not in VETO_REQUIREMENTS:
            problems.append(
                f"Veto requirement {veto.get('require')!r} is not one of {', '.join(VETO_REQUIREMENTS)}."
            )
        below = veto.get("below", 0.75)
        if not isinstance(below, (int, float)) or not 0 < below <= 1:
            problems.append(f"Veto on {veto.get('attribute')!r}: `below` is a similarity between 0 and 1.")
    if any(not isinstance(rule, list) or not rule for rule in rule_set.blocking_rules):
        problems.append("Each blocking rule is a non-empty list of attributes.")
    if not 0 < rule_set.auto_link_threshold <= 1 or not 0 <= rule_set.candidate_floor < 1:
        problems.append("The threshold and the candidate floor are probabilities.")
    if rule_set.probabilistic_enabled and not selectors.has_validation_run(flow=rule_set.flow):
        problems.append("Probabilistic auto-link can only be turned on after a validation run of this flow.")
    elif rule_set.probabilistic_enabled and (flagged := selectors.latest_model_problems(flow=rule_set.flow)):
        problems.append(
            "Probabilistic auto-link cannot be turned on: the latest validation run flags the weights: "
            + " ".join(flagged)
        )
    return problems


@transaction.atomic
def identity_rules_update(*, rule_set: IdentityRuleSet, actor, **changes) -> IdentityRuleSet:
    """Change a flow's identity rules; refuses unsound rules and probabilistic auto-link before validation."""
    permission_require(actor, RULES_PERMISSION, "change identity rules")
    for name in changes:
        if not hasattr(rule_set, name) or name in ("id", "flow", "flow_id"):
            raise ApplicationError(f"Unknown identity rule {name!r}.")
    kind = changes.get("entity_kind")
    if kind in EntityKind.ALL and kind != rule_set.entity_kind:
        # A new kind brings its own keys, comparisons, blocking and vetoes unless they are given too.
        changes = {**defaults_for_kind(kind), **changes}
    for name, value in changes.items():
        setattr(rule_set, name, value)
    problems = identity_rules_problems(rule_set)
    if problems:
        raise ApplicationError("The identity rules are not valid.", problems=problems)
    rule_set._history_user = actor
    rule_set.save()
    return rule_set


def identity_rules_estimate_weights(
    *, rule_set: IdentityRuleSet, records, actor, source_label: str = "records"
) -> WeightEstimate:
    """Fit the flow's weights on `records` (any iterable; a bounded sample is kept) and check the model
    before it is used (see identity_app/training.py). An accepted model replaces the flow's weights; a
    refused one is stored with its reasons and the flow keeps its previous weights. Returns the estimate,
    whose `summary` says which and why."""
    permission_require(actor, RULES_PERMISSION, "estimate identity weights")
    return identity_rules_fit(rule_set=rule_set, records=records, actor=actor, source_label=source_label)


def identity_rules_fit(
    *, rule_set: IdentityRuleSet, records, actor, source_label: str = "records", pool=None
) -> WeightEstimate:
    """`identity_rules_estimate_weights` without the permission check: for the operator's command line
    (`identity_link` offline, on the transient flow it made for one file pair), never for a request. `pool`
    (a `workers.WorkerPool` forked on an in-memory mirror) levels the sample in its workers."""
    resolver = resolver_for_rules(rule_set)
    data = training.training_data(resolver, training.reservoir_sample(records), pool=pool)
    result = training.fit(data, comparisons=rule_set.comparisons, prior=rule_set.prior_match_probability)
    return _weight_estimate_store(rule_set, result, data, actor=actor, source_label=source_label)


@transaction.atomic
def _weight_estimate_store(
    rule_set, result: training.Fit, data, *, actor, source_label: str
) -> WeightEstimate:
    estimate = WeightEstimate(
        flow=rule_set.flow,
        created_by=actor,
        source_label=source_label[:200],
        accepted=result.accepted,
        summary=result.check.summary(),
        report=result.check.as_dict(),
        records=data.records,
        pairs=result.check.pairs,
    )
    estimate.full_clean()
    estimate.save()
    if result.accepted:
        rule_set.comparisons = result.comparisons
        rule_set.prior_match_probability = result.prior
        rule_set.weights_estimated_at = timezone.now()
        rule_set.weights_estimated_pairs = result.check.pairs
        rule_set._history_user = actor
        rule_set._change_reason = f"Weights fitted and checked (estimate #{estimate.pk})"
        rule_set.save()
    return estimate


# -- resolution ---------------------------------------------------------------------------------------------


def resolver_for_rules(rule_set: IdentityRuleSet) -> Resolver:
    flow = rule_set.flow
    return Resolver(
        connection_id=flow.connection_id,
        object_name=flow.crm_object.name,
        rules=Rules.from_rule_set(rule_set),
    )


def identity_resolve(
    *,
    flow,
    records: list[dict],
    create_review_items: bool = True,
    learn_links: bool = True,
    batch_size: int = RESOLVE_BATCH_SIZE,
    explain: bool = True,
) -> list[Resolution]:
    """Resolve inbound records for a flow. Stopped records become review items; records matched by a data
    key teach an identity link for their (source, external id). `explain=False` leaves out the candidates'
    per-attribute contributions (a results file does not show them; review items need them)."""
    resolver = resolver_for_rules(identity_rules_for_flow(flow=flow))
    resolver.explain = explain or create_review_items
    resolutions = []
    for chunk in _chunks(records, batch_size):
        batch = resolver.resolve_batch(chunk)
        with transaction.atomic():
            if learn_links:
                _learn_links(flow, batch)
            if create_review_items:
                review_items_from_resolutions(flow=flow, resolutions=batch)
        resolutions += batch
    return resolutions


def _learn_links(flow, resolutions: list[Resolution]) -> None:
    learned = {}
    for resolution in resolutions:
        if resolution.matched and resolution.method in LEARNED_FROM and resolution.external_id:
            learned[(resolution.source_system, resolution.external_id)] = resolution.crm_id
    if not learned:
        return
    # Links are only learned where none exists yet; a concurrent writer's link wins (ignore_conflicts), so
    # rows are created without history, which records nothing for ignored rows anyway.
    IdentityLink.objects.bulk_create(
        [
            IdentityLink(
                connection_id=flow.connection_id,
                object_name=flow.crm_object.name,
                source_system=source,
                external_id=external_id,
                crm_id=crm_id,
                method=LinkMethod.LEARNED,
            )
            for (source, external_id), crm_id in learned.items()
        ],
        ignore_conflicts=True,
    )


def _review_fields(resolution: Resolution) -> dict:
    top = resolution.candidates[0]["score"] if resolution.candidates else None
    return {
        "source_system": resolution.source_system,
        "external_id": resolution.external_id[:200],
        "reason": resolution.outcome,
        "payload": resolution.inbound,
        "candidates": resolution.candidates,
        "top_score": top,
        "explanation": resolution.notes,
    }


def review_items_from_resolutions(*, flow, resolutions: list[Resolution]) -> list[ReviewItem]:
    """One open review item per stopped record; a record that arrives again refreshes its open item."""
    stopped = [r for r in resolutions if r.outcome != MATCHED]
    if not stopped:
        return []
    open_items = {
        item.external_id: item
        for item in ReviewItem.objects.filter(
            flow=flow,
            status=ReviewStatus.OPEN,
            external_id__in={r.external_id for r in stopped if r.external_id},
        )
    }
    created: dict[str, ReviewItem] = {}
    anonymous: list[ReviewItem] = []
    updated: dict[str, ReviewItem] = {}
    for resolution in stopped:
        fields = _review_fields(resolution)
        key = fields["external_id"]
        item = (open_items.get(key) or created.get(key)) if key else None
        if item is None:
            item = ReviewItem(flow=flow, **fields)
            if key:
                created[key] = item
            else:
                anonymous.append(item)
            continue
        for name, value in fields.items():
            setattr(item, name, value)
        item.occurrences += 1
        if item.pk:
            updated[key] = item
    now = timezone.now()
    new_items = [*created.values(), *anonymous]
    if new_items:
        repository.review_items_insert(new_items, now=now)
    if updated:
        for item in updated.values():
            item.updated_at = now
        bulk_update_with_history(
            list(updated.values()),
            ReviewItem,
            [*_review_fields(stopped[0]).keys(), "occurrences", "updated_at"],
            batch_size=1000,
            default_date=now,
        )
    return [*new_items, *updated.values()]


# -- review decisions ---------------------------------------------------------------------------------------


def _require_open(item: ReviewItem) -> None:
    if item.status != ReviewStatus.OPEN:
        raise ConflictError(f"Review item #{item.pk} is {item.status}; it cannot be decided again.")


def _close(item: ReviewItem, *, status: str, actor, note: str, crm_id: str = "") -> None:
    item.status = status
    item.resolved_crm_id = crm_id
    item.resolved_by = actor
    item.resolved_at = timezone.now()
    item.resolution_note = note
    item.full_clean()
    item._history_user = actor
    item._change_reason = f"review: {status}"
    item.save()


def _announce(item: ReviewItem, decision: str, crm_id: str, actor) -> None:
    transaction.on_commit(
        lambda: review_item_resolved.send(
            sender=ReviewItem, item=item, decision=decision, crm_id=crm_id, actor=actor
        )
    )


def _live_target(flow, crm_id: str) -> str:
    """The live CRM id a reviewer's choice stands for (a merged record's survivor); refuses unknown ids."""
    object_name = flow.crm_object.name
    seen = []
    while True:
        record = selectors.mirror_record_get(
            connection=flow.connection, object_name=object_name, crm_id=crm_id
        )
        if record is None:
            raise ApplicationError(f"CRM record {crm_id} is not in the mirror of {object_name}.")
        if record.merged_into and record.merged_into not in seen and len(seen) < 5:
            seen.append(crm_id)
            crm_id = record.merged_into
            continue
        if record.is_deleted:
            raise ApplicationError(f"CRM record {crm_id} is deleted.")
        return crm_id


@transaction.atomic
def review_item_resolve(*, item: ReviewItem, crm_id: str, actor, note: str = "") -> IdentityLink | None:
    """Link the record to a CRM record: store a confirmed identity link, close the item, release its writes."""
    permission_require(actor, RESOLVE_PERMISSION, "resolve review items")
    item = (
        ReviewItem.objects.select_for_update()
        .select_related("flow__crm_object", "flow__connection")
        .get(pk=item.pk)
    )
    _require_open(item)
    if _creation_under_way(item):
        raise ConflictError(f"Review item #{item.pk} is being created in the CRM right now.")
    crm_id = _live_target(item.flow, str(crm_id).strip())
    link = None
    if item.external_id:
        link = identity_link_confirm(
            flow=item.flow,
            source_system=item.source_system,
            external_id=item.external_id,
            crm_id=crm_id,
            actor=actor,
        )
    _close(item, status=ReviewStatus.LINKED, actor=actor, note=note, crm_id=crm_id)
    _announce(item, ReviewStatus.LINKED, crm_id, actor)
    return link


def identity_link_confirm(*, flow, source_system: str, external_id: str, crm_id: str, actor) -> IdentityLink:
    permission_require(actor, RESOLVE_PERMISSION, "confirm identity links")
    link, _ = IdentityLink.objects.select_for_update().get_or_create(
        connection=flow.connection,
        object_name=flow.crm_object.name,
        source_system=source_system,
        external_id=external_id,
        defaults={"crm_id": crm_id, "method": LinkMethod.CONFIRMED, "created_by": actor},
    )
    link.crm_id = crm_id
    link.method = LinkMethod.CONFIRMED
    link.created_by = actor
    link._history_user = actor
    link.save()
    return link


@transaction.atomic
def review_item_dismiss(*, item: ReviewItem, actor, note: str = "") -> ReviewItem:
    """Nothing will be written for this record: the write-back drops the writes it held for it."""
    permission_require(actor, RESOLVE_PERMISSION, "dismiss review items")
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    _require_open(item)
    if _creation_under_way(item):
        raise ConflictError(f"Review item #{item.pk} is being created in the CRM right now.")
    _close(item, status=ReviewStatus.DISMISSED, actor=actor, note=note)
    _announce(item, ReviewStatus.DISMISSED, "", actor)
    return item


def review_item_create_new(*, item: ReviewItem, actor, note: str = "") -> ReviewItem:
    """Create the CRM record for an unmatched inbound record, link it, and release the writes held for it.

    The CRM call cannot sit inside a database transaction, so the sequence is made safe to repeat instead:
    (1) check and build the values in a short transaction; (2) create in the CRM with an idempotency key
    derived from the item, looked up before creating, so a repeat after a crash, a timeout or a second
    click finds the record instead of creating another; (3) in one transaction, store the identity link,
    close the item and (on commit) release its held writes. A failure in (2) leaves the item open and
    says why; nothing is half-written on our side.
    """
    permission_require(actor, RESOLVE_PERMISSION, "create records from review items")
    with _creation_claim(item):
        item, values = _creation_plan(item)
        crm_id = _crm_record_create(item, values)
        return _creation_record(item=item, crm_id=crm_id, values=values, actor=actor, note=note)


CREATION_CLAIM_SECONDS = 300


class CrmUnavailableError(ApplicationError):
    """The CRM did not answer (in time): the item stays open and repeating the decision is safe."""

    status_code = 503
    code = "crm_unavailable"


@contextmanager
def _creation_claim(item: ReviewItem):
    """One create at a time per item, across requests (the CRM markers guard the rest)."""
    key = f"identity:review-create:{item.pk}"
    if not cache.add(key, True, CREATION_CLAIM_SECONDS):
        raise ConflictError(f"Review item #{item.pk} is being created in the CRM right now.")
    try:
        yield
    finally:
        cache.delete(key)


def _creation_under_way(item: ReviewItem) -> bool:
    return cache.get(f"identity:review-create:{item.pk}") is not None


def creation_key(item: ReviewItem) -> str:
    """The idempotency key written into the CRM record created for this item."""
    return f"crmhub-review-{item.pk}"


@transaction.atomic
def _creation_plan(item: ReviewItem) -> tuple[ReviewItem, dict]:
    item = (
        ReviewItem.objects.select_for_update()
        .select_related("flow__crm_object", "flow__connection")
        .get(pk=item.pk)
    )
    _require_open(item)
    if not item.flow.allow_creates:
        raise ConflictError(f"Flow {item.flow.name} does not allow creating CRM records.")
    return item, creation_values(item)


def creation_values(item: ReviewItem) -> dict:
    """The inbound record's attributes through the flow's active mappings, as CRM field values.

    Ownership rules govern changes to existing records; a record we create has no rep's value to protect,
    so every writable mapped field is set. The scored values follow on the normal write path."""
    payload = item.payload or {}
    attributes = {**(payload.get("identifiers") or {}), **(payload.get("attributes") or {})}
    attributes.pop("crm_id", None)
    mappings_by_key = mapping_selectors.flow_mappings_by_key(flow=item.flow)
    values, problems = {}, []
    for source_key, raw in attributes.items():
        for mapping in mappings_by_key.get(source_key, []):
            field = mapping.crm_field
            if mapping.broken_reason or field.is_deleted or not field.writable:
                continue
            try:
                mapped = mapping_map_value(mapping, raw)
            except ValueRejected as exc:
                problems.append(f"{source_key}: {exc.reason}")
                continue
            if mapped.write and mapped.value is not None:
                values[field.name] = mapped.value
    if problems:
        raise ApplicationError(f"The record cannot be created: {'; '.join(problems)}")
    if not values:
        named = ", ".join(sorted(attributes)) or "none"
        raise ApplicationError(
            f"The flow's active mapping maps none of this record's attributes ({named}) to "
            f"{item.flow.crm_object.name} fields: map them before creating records."
        )
    return values


def _crm_record_create(item: ReviewItem, values: dict) -> str:
    from crmhub.connectors import CrmError
    from crmhub.connectors.base import RecordCreate
    from crmhub.core.connectors import connector_for

    object_name = item.flow.crm_object.name
    try:
        with connector_for(item.flow.connection) as connector:
            [result] = connector.create(
                object_name, [RecordCreate(creation_key(item), values)], lookup_first=True
            )
    except CrmError as exc:
        raise CrmUnavailableError(f"The CRM could not create the record; try again: {exc.message}") from exc
    if result.ok:
        return result.record_id
    details = "; ".join(f"{e.field}: {e.message}" for e in result.field_errors) or result.message
    if result.status in ("transient", "rate_limited"):
        raise CrmUnavailableError(
            f"The CRM did not answer in time; try again (no duplicate will be made): {details}"
        )
    raise ApplicationError(f"The CRM refused the new {object_name} record ({result.status}): {details}")


@transaction.atomic
def _creation_record(*, item: ReviewItem, crm_id: str, values: dict, actor, note: str) -> ReviewItem:
    item = ReviewItem.objects.select_for_update().select_related("flow__crm_object").get(pk=item.pk)
    if item.status == ReviewStatus.CREATE_REQUESTED and item.resolved_crm_id == crm_id:
        return item  # an earlier run of this sequence finished
    _require_open(item)
    if item.external_id:
        identity_link_confirm(
            flow=item.flow,
            source_system=item.source_system,
            external_id=item.external_id,
            crm_id=crm_id,
            actor=actor,
        )
    mirror_upsert(
        connection=item.flow.connection,
        object_name=item.flow.crm_object.name,
        records=[{"id": crm_id, "values": values, "modified_at": timezone.now().isoformat()}],
    )
    _close(item, status=ReviewStatus.CREATE_REQUESTED, actor=actor, note=note, crm_id=crm_id)
    _announce(item, ReviewStatus.CREATE_REQUESTED, crm_id, actor)
    return item


@transaction.atomic
def review_item_assign(*, item: ReviewItem, assignee, actor) -> ReviewItem:
    permission_require(actor, ASSIGN_PERMISSION, "assign review items")
    if assignee is not None and not assignee.has_perm(RESOLVE_PERMISSION):
        raise ApplicationError(f"{assignee} cannot resolve review items.")
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    _require_open(item)
    item.assignee = assignee
    item._history_user = actor
    item._change_reason = f"assigned to {assignee}" if assignee else "unassigned"
    item.save(update_fields=["assignee", "updated_at"])
    return item


@dataclass(frozen=True)
class LinkTopResult:
    """What a bulk "link to top candidate" did: the items it linked and the tied ones it left open."""

    linked: list[int]
    tied: list[int]


@transaction.atomic
def review_items_link_top_candidate(*, items, actor, note: str = "") -> LinkTopResult:
    """Bulk link: each item to its best-ranked candidate. Items without candidates are refused; items whose
    best candidates are tied are skipped (a person picks one of a tie, never a bulk action), and counted."""
    items = list(items)
    without = [item.pk for item in items if not item.candidates]
    if without:
        raise ApplicationError(f"Review items without candidates: {', '.join(map(str, without))}.")
    linked, tied = [], []
    for item in items:
        if selectors.review_item_tie(item):
            tied.append(item.pk)
            continue
        review_item_resolve(item=item, crm_id=item.candidates[0]["crm_id"], actor=actor, note=note)
        linked.append(item.pk)
    return LinkTopResult(linked=linked, tied=tied)


@transaction.atomic
def review_items_dismiss(*, items, actor, note: str = "") -> int:
    items = list(items)
    for item in items:
        review_item_dismiss(item=item, actor=actor, note=note)
    return len(items)


def review_items_create_new(*, items, actor, note: str = "") -> int:
    """Not all or nothing: each create is a CRM call. Every item is checked before the first call; a
    failure stops the run and names the items already created (repeating the run is safe)."""
    items = list(items)
    for item in items:
        permission_require(actor, RESOLVE_PERMISSION, "create records from review items")
        _creation_plan(item)
    done = []
    for item in items:
        try:
            review_item_create_new(item=item, actor=actor, note=note)
        except ApplicationError as exc:
            created = f" Items created before it: {', '.join(map(str, done))}." if done else ""
            raise type(exc)(f"Review item #{item.pk}: {exc}{created}") from exc
        done.append(item.pk)
    return len(items)


@transaction.atomic
def review_items_assign(*, items, assignee, actor) -> int:
    items = list(items)
    for item in items:
        review_item_assign(item=item, assignee=assignee, actor=actor)
    return len(items)


# -- validation runs ----------------------------------------------------------------------------------------


def _sample(records: list[dict], size: int) -> list[dict]:
    """Evenly spaced, so a file sorted by date or region is sampled across its whole length."""
    if len(records) <= size:
        return list(records)
    step = len(records) / size
    return [records[int(index * step)] for index in range(size)]


def _example(resolution: Resolution) -> dict:
    example = resolution.as_dict()
    example["candidates"] = [
        {key: candidate[key] for key in ("rank", "crm_id", "score", "probability", "display")}
        for candidate in resolution.candidates[:3]
    ]
    example["inbound"] = resolution.inbound
    return example


def validation_run_create(
    *,
    flow,
    records: list[dict],
    actor,
    sample_size: int = DEFAULT_SAMPLE_SIZE,
    source_label: str = "records",
    estimate_weights: bool = False,
) -> ValidationRun:
    """Dry-run the resolver over a sample: no review items, no links; the report is stored, with the flow's
    weights in plain words and what makes them unsafe. With `estimate_weights` the weights are first fitted
    on all of `records` and checked (an accepted fit is what the run then validates)."""
    permission_require(actor, VALIDATE_PERMISSION, "run identity validations")
    if sample_size < 1:
        raise ApplicationError("The sample needs at least one record.")
    records = list(records)
    sample = _sample(records, sample_size)
    if not sample:
        raise ApplicationError("There are no records to validate.")
    estimate = None
    if estimate_weights:
        estimate = identity_rules_estimate_weights(
            rule_set=identity_rules_for_flow(flow=flow),
            records=records,
            actor=actor,
            source_label=source_label,
        )
    return _validation_run_store(flow, sample, actor, sample_size, source_label, estimate)


@transaction.atomic
def _validation_run_store(flow, sample, actor, sample_size, source_label, estimate) -> ValidationRun:
    rules = identity_rules_for_flow(flow=flow)
    resolver = resolver_for_rules(rules)
    check = training.check_model(
        training.training_data(resolver, sample, random_pairs=0),
        comparisons=rules.comparisons,
        prior=rules.prior_match_probability,
    )
    resolutions = [r for chunk in _chunks(sample, RESOLVE_BATCH_SIZE) for r in resolver.resolve_batch(chunk)]
    outcomes = Counter(r.outcome for r in resolutions)
    examples: dict[str, list[dict]] = {}
    for resolution in resolutions:
        bucket = examples.setdefault(resolution.outcome, [])
        if len(bucket) < 5:
            bucket.append(_example(resolution))
    run = ValidationRun(
        flow=flow,
        created_by=actor,
        source_label=source_label[:200],
        sample_size=sample_size,
        total=len(resolutions),
        matched=outcomes[MATCHED],
        ambiguous=outcomes["ambiguous"],
        no_match=outcomes["no_match"],
        other=len(resolutions) - outcomes[MATCHED] - outcomes["ambiguous"] - outcomes["no_match"],
        by_method=dict(Counter(r.method for r in resolutions if r.matched)),
        by_reason={reason: count for reason, count in outcomes.items() if reason != MATCHED},
        examples=examples,
        probabilistic_would_link=sum(1 for r in resolutions if r.would_auto_link),
        model_report=check.as_dict(),
        model_problems=check.problems,
        weight_estimate=estimate,
    )
    run.full_clean()
    run.save()
    return run


def mirror_index_keep_in_memory(*, enabled: bool) -> None:
    """Let resolvers in this process keep in-memory mirror indexes (a long-lived worker), or not."""
    mirror_index.keep_in_memory(enabled)
