"""The Sandbox: accounts of the three emulated CRMs behind one request dispatcher."""

import threading
import time
import zlib

from . import seed as seeding
from .account import Account
from .cdp import CdpEmulator
from .clock import Clock
from .wire import SandboxRequest, SandboxResponse, json_response

IN_PROCESS_HOST = "http://sandbox.test"
CDP_PREFIX = "cdp"  # the CDP tracking API emulator (crm_sandbox/cdp.py) answers under /cdp/v1/...


class Sandbox:
    """In-memory emulator of Salesforce, HubSpot and Pipedrive API subsets.

    Deterministic for a given seed (and a ManualClock); thread-safe: one lock serialises requests.
    """

    def __init__(self, seed: int = 7, clock: Clock | None = None, base_host: str = IN_PROCESS_HOST):
        from .hubspot import HubSpot
        from .pipedrive import Pipedrive
        from .salesforce import Salesforce

        self.seed = seed
        self.clock = clock or Clock()
        self.base_host = base_host
        self.lock = threading.RLock()
        self.tokens: dict = {}
        self.accounts: dict[str, Account] = {}
        self.providers = {p.name: p for p in (Salesforce(), HubSpot(), Pipedrive())}
        self.cdp = CdpEmulator(self.clock, seed)

    # ---- setup ----------------------------------------------------------------------------
    def add_account(
        self,
        provider: str,
        *,
        name: str,
        contacts: int = 200,
        companies: int = 30,
        deals_per_company: float = 1.0,
    ) -> Account:
        if name in self.accounts:
            raise ValueError(f"account {name!r} exists")
        if provider not in self.providers:
            raise ValueError(f"unknown provider {provider!r}; known: {sorted(self.providers)}")
        with self.lock:
            account_seed = self.seed * 1_000_003 + zlib.crc32(name.encode())
            account = Account(self, self.providers[provider], name, account_seed)
            data = seeding.generate(
                account_seed, contacts=contacts, companies=companies, deals_per_company=deals_per_company
            )
            account.provider.seed(account, data, self.clock.now_ms())
            self.accounts[name] = account
            return account

    def account(self, name: str) -> Account:
        return self.accounts[name]

    def transport(self):
        from .transport import SandboxTransport

        return SandboxTransport(self)

    def rep_simulator(self, account: Account, seed: int = 1):
        from .rep import RepSimulator

        return RepSimulator(account, seed)

    # ---- dispatch -------------------------------------------------------------------------
    def handle(
        self, method: str, path: str, query: dict, headers: dict, body: bytes, host: str
    ) -> SandboxResponse:
        """Serve one request. HubSpot and Pipedrive live under a provider prefix ("/hubspot/crm/v3/...");
        Salesforce answers at the instance root ("/services/data/..."), as a real instance URL has no path,
        and its older "/salesforce/services/..." form keeps working. The CDP emulator answers under "/cdp"."""
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix == CDP_PREFIX:
            return self.cdp.handle(method, "/" + rest, headers, body)
        if prefix == "services":
            prefix, rest = "salesforce", path.lstrip("/")
        provider = self.providers.get(prefix)
        if provider is None:
            return json_response(404, {"error": f"no provider at /{prefix}"})
        mount = host if provider.root_mounted else f"{host}/{prefix}"
        request = SandboxRequest(
            method.upper(),
            "/" + rest,
            query,
            {k.lower(): v for k, v in headers.items()},
            body,
            mount,
        )
        with self.lock:
            response, latency_ms = self._dispatch(provider, request)
        if latency_ms:
            time.sleep(latency_ms / 1000)
        return response

    def _dispatch(self, provider, request: SandboxRequest):
        route, found = provider.match(request.method, request.path)
        if route is None:
            if found == "method":
                return provider.method_not_allowed(request), 0
            return provider.not_found(request), 0
        if not route.auth:
            return route.handler(self, request, found), 0
        account, error = provider.authenticate(self, request)
        if error is not None:
            return error, 0
        faults = account.faults
        if faults.lose_next_write_responses > 0 and route.kind in ("write", "create"):
            faults.lose_next_write_responses -= 1
            route.handler(account, request, found)
            return SandboxResponse(504, b"", {}, timeout=True, sleep_s=faults.timeout_sleep_s), 0
        roll = account.rng.random()
        if roll < faults.timeout_rate:
            if faults.timeout_after_processing:
                route.handler(account, request, found)
            return SandboxResponse(504, b"", {}, timeout=True, sleep_s=faults.timeout_sleep_s), 0
        if account.rng.random() < faults.error_rate:
            response = provider.server_error(account, account.rng.choice([500, 502, 503]))
        elif account.rng.random() < faults.rate_limit_storm:
            response = provider.rate_limited(account, route, retry_after_s=2)
        else:
            response = provider.check_limits(account, request, route) or route.handler(
                account, request, found
            )
        provider.decorate(account, response, route)
        return response, faults.latency_ms
