"""Shared plumbing of the three provider emulators: routing, auth lookup, limits, faults."""

import re
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from .account import Account, FieldDef, Limits
from .wire import SandboxRequest, SandboxResponse, json_response


@dataclass
class Route:
    method: str
    pattern: re.Pattern
    handler: Any
    auth: bool = True
    kind: str = "read"  # read | write | search | token | schema | history


class Provider(ABC):
    name = ""
    api_version = ""
    object_aliases: dict = {}
    root_mounted = False  # served at the host root instead of under /<name>

    def __init__(self):
        self.routes: list[Route] = []
        self.register_routes()

    # ---- to implement --------------------------------------------------------------------
    @abstractmethod
    def register_routes(self) -> None: ...

    @abstractmethod
    def default_limits(self) -> Limits: ...

    @abstractmethod
    def build_schema(self, account: Account) -> dict: ...

    @abstractmethod
    def init_account(self, account: Account) -> None: ...

    @abstractmethod
    def seed(self, account: Account, data, now_ms: int) -> None: ...

    @abstractmethod
    def authenticate(self, sandbox, request: SandboxRequest): ...

    @abstractmethod
    def rate_limited(self, account: Account, route: Route, retry_after_s: float) -> SandboxResponse: ...

    @abstractmethod
    def server_error(self, account: Account, status: int) -> SandboxResponse: ...

    def not_found(self, request: SandboxRequest) -> SandboxResponse:
        return json_response(404, {"error": "not found", "path": request.path})

    def check_limits(self, account: Account, request: SandboxRequest, route: Route) -> SandboxResponse | None:
        return None

    def decorate(self, account: Account, response: SandboxResponse, route: Route) -> None:
        return None

    def new_record_id(self, account: Account, object_name: str) -> tuple[str, Any]:
        """(id, sort key) for a record created through the API: the next number after the newest."""
        keys = account.objects[object_name].creation_order
        number = max(keys[-1] if keys else 0, self.id_base(object_name)) + 1
        return str(number), number

    def id_base(self, object_name: str) -> int:
        return 0

    @abstractmethod
    def rep_edit_values(self, account: Account, object_name: str, rng) -> dict: ...

    # ---- hooks with defaults ------------------------------------------------------------
    def coerce_internal(self, definition: FieldDef, value):
        return value

    def retype(self, account: Account, object_name: str, definition: FieldDef, new_type: str) -> None:
        definition.type = new_type

    def on_merge(self, account: Account, object_name: str, loser, winner, filled: dict) -> None:
        return None

    # ---- helpers --------------------------------------------------------------------------
    def add(self, method: str, pattern: str, handler, *, auth: bool = True, kind: str = "read") -> None:
        self.routes.append(Route(method, re.compile(f"^{pattern}$"), handler, auth, kind))

    def match(self, method: str, path: str):
        path_known = False
        for route in self.routes:
            found = route.pattern.match(path)
            if found:
                path_known = True
                if route.method == method:
                    return route, found
        return (None, "method" if path_known else None)

    @staticmethod
    def bearer(request: SandboxRequest) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return None

    def add_api_user(self, account: Account, name: tuple[str, str]) -> tuple:
        raise NotImplementedError(
            f"{self.name}: another integration's API user is modelled for Pipedrive only"
        )

    @staticmethod
    def correlation_id(account: Account | None) -> str:
        if account is None:
            return str(uuid.uuid4())
        return str(uuid.UUID(int=account.token_rng.getrandbits(128), version=4))

    @staticmethod
    def lookup_token(sandbox, token: str | None, provider_name: str, now_ms: int):
        """(account, problem) where problem is None, "unknown" or "expired"."""
        info = sandbox.tokens.get(token) if token else None
        if (
            info is None
            or info.revoked
            or info.account.provider.name != provider_name
            or info.kind
            not in (
                "access",
                "api_token",
            )
        ):
            return None, "unknown", None
        if info.expires_ms is not None and info.expires_ms <= now_ms:
            return info.account, "expired", info
        return info.account, None, info

    @staticmethod
    def window_count(log, now_ms: int, window_ms: int) -> int:
        while log and log[0] <= now_ms - window_ms:
            log.popleft()
        return len(log)

    def method_not_allowed(self, request: SandboxRequest) -> SandboxResponse:
        return json_response(405, {"error": f"method {request.method} not allowed on {request.path}"})

    @staticmethod
    def load_records(account: Account, object_name: str, rows: list, history: list) -> None:
        """Bulk-load seeded records. rows: Record objects already carrying ids; history: HistoryEntry list."""
        store = account.objects[object_name]
        store.bulk_load(rows)
        store.bulk_history(history)
