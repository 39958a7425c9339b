"""One emulated CRM account: its records, schema, users, tokens, limits and faults."""

import collections
import contextlib
import random
from dataclasses import dataclass, field, fields
from typing import Any

from .store import Actor, Change, HistoryEntry, ObjectStore, Record

GENERIC_OBJECTS = ("contacts", "companies", "deals")
# Every account also stores tasks (HubSpot tasks, Salesforce Task, Pipedrive activities): none are seeded,
# they come from API creates.
STORED_OBJECTS = (*GENERIC_OBJECTS, "tasks")


@dataclass
class FieldDef:
    """One field in the provider's own vocabulary (type names are the provider's)."""

    name: str
    label: str
    type: str
    updateable: bool = True
    nillable: bool = True
    length: int = 0
    options: list = field(default_factory=list)  # SF/HubSpot: values; Pipedrive: [(id, label)]
    restricted: bool = False
    custom: bool = False
    calculated: bool = False
    external_options: bool = False
    field_type: str = ""  # HubSpot fieldType
    group: str = ""
    system: str | None = None  # value derived from the record: id, created, modified, ...
    generic: str | None = None  # provider-neutral alias, e.g. "ai_score"
    unique: bool = False  # HubSpot hasUniqueValue / Salesforce unique external id


@dataclass
class Faults:
    """Per-account failure switches; rates are shares of requests in [0, 1]."""

    rate_limit_storm: float = 0.0
    error_rate: float = 0.0
    latency_ms: int = 0
    timeout_rate: float = 0.0
    timeout_sleep_s: float = 35.0
    timeout_after_processing: bool = False  # the write happens, the client never hears back
    lose_next_write_responses: int = 0  # the next n writes/creates are applied, then answered by a timeout
    ignore_writes_to: set = field(default_factory=set)
    ignore_writes_share: float = 1.0  # share of the writes to those fields that are silently dropped
    # {(object, field): value}: an API write to the field is answered as a success but stores this value
    # instead (a trigger or a validation-free automation on the CRM's side rewrites it)
    rewrite_writes_to: dict = field(default_factory=dict)
    search_lag_s: float = 0.0

    def set(self, **changes) -> "Faults":
        known = {f.name for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r}; known: {sorted(known)}")
            if name in (
                "rate_limit_storm",
                "error_rate",
                "timeout_rate",
                "ignore_writes_share",
            ) and isinstance(value, bool):
                value = 1.0 if value else 0.0
            if name == "ignore_writes_to":
                value = {tuple(pair) for pair in value}
            if name == "rewrite_writes_to":
                value = {tuple(pair): stored for pair, stored in dict(value).items()}
            setattr(self, name, value)
        return self

    def clear(self) -> None:
        for item in fields(self):
            setattr(
                self, item.name, item.default_factory() if callable(item.default_factory) else item.default
            )

    def as_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["ignore_writes_to"] = sorted(list(pair) for pair in self.ignore_writes_to)
        data["rewrite_writes_to"] = [
            [*pair, stored] for pair, stored in sorted(self.rewrite_writes_to.items())
        ]
        return data


@dataclass
class Limits:
    """Provider rate limits. `burst` requests per `window_s`; `daily` requests (SF, HubSpot) or tokens (Pipedrive)."""

    enabled: bool = True
    burst: int = 100
    window_s: float = 10.0
    search_per_second: int = 5
    daily: int = 250_000
    daily_header: str = "x-daily-requests-left"


@dataclass
class TokenInfo:
    account: "Account"
    kind: str  # "access" | "refresh" | "api_token"
    expires_ms: int | None = None
    revoked: bool = False
    user_id: Any = None  # another API user's token (add_api_user); None: our integration user


class Account:
    """State of one CRM account. Created through `Sandbox.add_account`."""

    def __init__(self, sandbox, provider, name: str, seed: int):
        self.sandbox = sandbox
        self.provider = provider
        self.name = name
        self.seed = seed
        # deterministic on purpose: the same seed must give the same data, tokens and fault sequence
        self.rng = random.Random(f"{seed}:{name}:faults")  # noqa: S311
        self.token_rng = random.Random(f"{seed}:{name}:tokens")  # noqa: S311
        self.faults = Faults()
        self.limits = provider.default_limits()
        self.counters = collections.Counter()
        self.objects: dict[str, ObjectStore] = {name: ObjectStore(name) for name in STORED_OBJECTS}
        self.schema: dict[str, dict[str, FieldDef]] = provider.build_schema(self)
        self.schema_changed_ms: dict[str, int] = dict.fromkeys(STORED_OBJECTS, 0)
        self.credentials: dict[str, Any] = {}
        self.access_token_ttl_s: float | None = None
        self.rotate_refresh_tokens = False
        self.hubspot_history_on_noop = False
        self.pipedrive_strict_custom_fields = True
        self.usage = collections.Counter()  # "daily" -> requests or tokens used
        self.burst_log: collections.deque = collections.deque()
        self.search_log: collections.deque = collections.deque()
        self.cursors: dict[str, dict] = {}
        self.integration_user_id: Any = None
        self.rep_user_ids: list = []
        self.other_api_users: dict = {}  # user id -> (first, last): other integrations, each with its own token
        self.user_changes: dict = {}  # rep user id -> {"name": (first, last)?, "active": bool?, "at_ms": int}
        # a sandbox.webhooks.WebhookEmitter sends every change (rep, other integrations, our API writes)
        self.webhooks = None
        self._pending: list | None = None  # changes of the open transaction
        provider.init_account(self)

    # ---- identity -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """Where the account's API answers: Salesforce at the host root (an instance URL), the others
        under their provider prefix."""
        if self.provider.root_mounted:
            return self.sandbox.base_host
        return f"{self.sandbox.base_host}/{self.provider.name}"

    @property
    def api_version(self) -> str:
        return self.provider.api_version

    def next_number(self, counter: str) -> int:
        self.counters[counter] += 1
        return self.counters[counter]

    def now_ms(self) -> int:
        return self.sandbox.clock.now_ms()

    def object_name(self, name: str) -> str:
        """Map any provider or generic object name to the generic one ("contacts", ...)."""
        canonical = self.provider.object_aliases.get(name) or self.provider.object_aliases.get(name.lower())
        if canonical is None:
            raise KeyError(f"unknown object {name!r} for {self.provider.name}")
        return canonical

    def field_name(self, object_name: str, name: str) -> str:
        """Native field name for a generic alias (e.g. "ai_score"), or the name itself."""
        obj = self.object_name(object_name)
        for definition in self.schema[obj].values():
            if definition.generic == name:
                return definition.name
        return name

    def field_key(self, name: str, object_name: str = "contacts") -> str:
        return self.field_name(object_name, name)

    def store(self, object_name: str) -> ObjectStore:
        return self.objects[self.object_name(object_name)]

    # ---- tokens ---------------------------------------------------------------------------
    def issue_token(self, kind: str, prefix: str = "", length: int = 40) -> str:
        alphabet = "0123456789abcdef"
        token = prefix + "".join(self.token_rng.choice(alphabet) for _ in range(length))
        expires = None
        if kind == "access" and self.access_token_ttl_s is not None:
            expires = self.now_ms() + int(self.access_token_ttl_s * 1000)
        self.sandbox.tokens[token] = TokenInfo(self, kind, expires)
        return token

    def add_api_user(self, first: str = "Enrichment", last: str = "Tool") -> tuple[Any, str]:
        """Another integration of the company with a user and an API token of its own: (user id, token). Its
        requests are its own: /users/me names it, and its writes are attributed to it (change_source "api")."""
        return self.provider.add_api_user(self, (first, last))

    def expire_access_token(self) -> None:
        info = self.sandbox.tokens.get(self.credentials.get("access_token"))
        if info:
            info.expires_ms = self.now_ms() - 1

    def revoke_refresh_token(self) -> None:
        info = self.sandbox.tokens.get(self.credentials.get("refresh_token"))
        if info:
            info.revoked = True

    def set_access_token_ttl(self, seconds: float | None) -> None:
        self.access_token_ttl_s = seconds
        info = self.sandbox.tokens.get(self.credentials.get("access_token"))
        if info:
            info.expires_ms = None if seconds is None else self.now_ms() + int(seconds * 1000)

    # ---- records --------------------------------------------------------------------------
    def get_record(self, object_name: str, record_id) -> dict:
        record = self.store(object_name).get(str(record_id))
        if record is None:
            raise KeyError(record_id)
        return dict(record.values)

    def record_ids(self, object_name: str, *, include_deleted: bool = False) -> list[str]:
        store = self.store(object_name)
        ids = (store.by_sort_key[key] for key in store.creation_order)
        return [rid for rid in ids if include_deleted or not store.records[rid].deleted]

    def history(self, object_name: str, record_id) -> list[HistoryEntry]:
        record = self.store(object_name).get(str(record_id))
        return list(record.history) if record else []

    def is_write_ignored(self, object_name: str, field_name: str) -> bool:
        for obj, name in self.faults.ignore_writes_to:
            try:
                if self.object_name(obj) == object_name and self.field_name(obj, name) == field_name:
                    return (
                        self.faults.ignore_writes_share >= 1
                        or self.rng.random() < self.faults.ignore_writes_share
                    )
            except KeyError:
                continue
        return False

    def rewritten(self, object_name: str, field_name: str, value):
        """The value an API write stores: the written one, or the rewrite fault's replacement."""
        for (obj, name), stored in self.faults.rewrite_writes_to.items():
            try:
                if self.object_name(obj) == object_name and self.field_name(obj, name) == field_name:
                    return stored
            except KeyError:
                continue
        return value

    def apply_write(
        self, object_name: str, record: Record, values: dict, actor: Actor, *, noop_history=False, notify=True
    ) -> list:
        """Store new values, write history for real changes, bump the modified time. Returns changed names."""
        store = self.objects[object_name]
        now = self.now_ms()
        changed, changes = [], {}
        for name, new in values.items():
            if self.is_write_ignored(object_name, name):
                continue
            if actor.kind in ("integration", "api"):  # API writes, not a rep's edit in the UI
                new = self.rewritten(object_name, name, new)
            old = record.values.get(name)
            if old != new or noop_history:
                record.values[name] = new
                store.record_history(record, name, old, new, now, actor)
                changed.append(name)
                if old != new:
                    changes[name] = (old, new)
        store.touch(record, now, actor)
        if changes and notify and self.webhooks is not None:
            self.notify(Change("change", object_name, record, actor, changes))
        return changed

    # ---- change notifications (webhooks, change events) --------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """Changes made inside reach the webhook emitter together, as one CRM transaction does (Salesforce
        merges identical changes of one transaction into one change event; HubSpot batches its events)."""
        if self._pending is not None:
            yield
            return
        self._pending = []
        try:
            yield
        finally:
            pending, self._pending = self._pending, None
            if pending and self.webhooks is not None:
                self.webhooks.on_transaction(pending)

    def notify(self, change: Change) -> None:
        """Every change, whoever made it (a rep, another integration, or our own API writes), goes to the
        emitter: the real CRMs send webhooks and change events for API writes too."""
        if self.webhooks is None:
            return
        if self._pending is not None:
            self._pending.append(change)
        else:
            self.webhooks.on_transaction([change])

    def create_record(self, object_name: str, values: dict, actor: Actor, links=()) -> Record:
        """A new live record created through the API (values already validated, provider-native)."""
        store = self.objects[object_name]
        record_id, sort_key = self.provider.new_record_id(self, object_name)
        now = self.now_ms()
        clean = {name: value for name, value in values.items() if value is not None}
        record = Record(record_id, sort_key, clean, now, now, actor, actor, links=list(links))
        store.add(record)
        if self.webhooks is not None:
            self.notify(Change("create", object_name, record, actor))
        return record

    def find_live_by_value(self, object_name: str, field_name: str, value) -> Record | None:
        """The live record holding `value` in a unique field (linear: unique fields are rarely looked up)."""
        for record in self.objects[object_name].records.values():
            if not record.deleted and value is not None and record.values.get(field_name) == value:
                return record
        return None

    def links_of(self, object_name: str, record_id) -> list:
        record = self.store(object_name).get(str(record_id))
        return list(record.links) if record else []

    def integration_actor(self, client: str | None = None) -> Actor:
        return Actor("integration", self.integration_user_id, client)

    def rep_actor(self, user_id=None) -> Actor:
        user = user_id if user_id is not None else self.rng.choice(self.rep_user_ids)
        return Actor("rep", user, None, "mobile" if self.rng.random() < 0.2 else "app")

    def rep_edit(self, object_name: str, record_id, values: dict, user_id=None) -> list:
        """A human edit through the CRM's UI: no validation beyond field existence, attributed to a rep."""
        return self._direct_write(object_name, record_id, values, self.rep_actor(user_id))

    def api_write(self, object_name: str, record_id, values: dict, client: str = "other-app") -> list:
        """An edit by another API client (not our integration)."""
        return self._direct_write(object_name, record_id, values, Actor("api", self.rep_user_ids[-1], client))

    def _direct_write(self, object_name: str, record_id, values: dict, actor: Actor) -> list:
        with self.sandbox.lock:
            return self._direct_write_locked(object_name, record_id, values, actor)

    def _direct_write_locked(self, object_name: str, record_id, values: dict, actor: Actor) -> list:
        obj = self.object_name(object_name)
        record = self.objects[obj].get(str(record_id))
        if record is None or record.deleted:
            raise KeyError(f"{obj} {record_id} does not exist or is deleted")
        native = {}
        for name, value in values.items():
            field_name = self.field_name(obj, name)
            if field_name not in self.schema[obj]:
                raise KeyError(f"{obj} has no field {name!r}")
            native[field_name] = self.provider.coerce_internal(self.schema[obj][field_name], value)
        return self.apply_write(obj, record, native, actor)

    def user_change(self, user_id, *, first: str | None = None, last: str | None = None, active=None) -> None:
        """An admin renames or deactivates a rep (the users APIs show it, with the time of the change)."""
        with self.sandbox.lock:
            change = dict(self.user_changes.get(str(user_id), {}))
            if first is not None or last is not None:
                change["name"] = (first, last)
            if active is not None:
                change["active"] = bool(active)
            change["at_ms"] = self.now_ms()
            self.user_changes[str(user_id)] = change

    def delete(self, object_name: str, record_id, actor: Actor | None = None) -> None:
        with self.sandbox.lock:
            self._delete_locked(object_name, record_id, actor)

    def _delete_locked(self, object_name: str, record_id, actor: Actor | None) -> None:
        obj = self.object_name(object_name)
        store = self.objects[obj]
        record = store.get(str(record_id))
        if record is None or record.deleted:
            raise KeyError(f"{obj} {record_id} does not exist or is already deleted")
        actor = actor or self.rep_actor()
        store.mark_deleted(record, self.now_ms(), actor)
        self.notify(Change("delete", obj, record, actor))

    def merge(self, object_name: str, loser_id, winner_id, actor: Actor | None = None) -> None:
        with self.sandbox.lock:
            self._merge_locked(object_name, loser_id, winner_id, actor)

    def _merge_locked(self, object_name: str, loser_id, winner_id, actor: Actor | None) -> None:
        obj = self.object_name(object_name)
        store = self.objects[obj]
        loser, winner = store.get(str(loser_id)), store.get(str(winner_id))
        if loser is None or winner is None or loser.deleted or winner.deleted or loser is winner:
            raise KeyError("merge needs two different live records")
        actor = actor or self.rep_actor()
        filled = {
            name: value
            for name, value in loser.values.items()
            if value not in (None, "", []) and winner.values.get(name) in (None, "", [])
        }
        winner.merged_ids.extend([loser.id, *loser.merged_ids])
        self.provider.on_merge(self, obj, loser, winner, filled)
        before = {name: winner.values.get(name) for name in filled}
        self.apply_write(obj, winner, filled, actor, notify=False)
        loser.merged_into = winner.id
        store.mark_deleted(loser, self.now_ms(), actor)
        moved = {name: (before[name], winner.values.get(name)) for name in filled}
        self.notify(Change("merge", obj, loser, actor, moved, winner=winner))

    def resolve_merged(self, object_name: str, record_id: str) -> Record | None:
        record = self.objects[object_name].get(record_id)
        seen = 0
        while record is not None and record.merged_into and seen < 20:
            record = self.objects[object_name].get(record.merged_into)
            seen += 1
        return record

    def change_schema(
        self,
        object_name: str,
        field_name: str,
        *,
        deleted: bool = False,
        new_type: str | None = None,
        **attributes,
    ) -> None:
        """Schema drift: delete a field, retype it, or change attributes (e.g. updateable=False)."""
        obj = self.object_name(object_name)
        native = self.field_name(obj, field_name)
        definition = self.schema[obj].get(native)
        if definition is None:
            raise KeyError(f"{obj} has no field {field_name!r}")
        if deleted:
            del self.schema[obj][native]
        if new_type:
            self.provider.retype(self, obj, definition, new_type)
        for name, value in attributes.items():
            setattr(definition, name, value)
        self.schema_changed_ms[obj] = self.now_ms()

    def summary(self) -> dict:
        return {
            "name": self.name,
            "provider": self.provider.name,
            "base_url": self.base_url,
            "api_version": self.api_version,
            "credentials": dict(self.credentials),
            "counts": {obj: len(self.record_ids(obj)) for obj in STORED_OBJECTS},
            "faults": self.faults.as_dict(),
        }
