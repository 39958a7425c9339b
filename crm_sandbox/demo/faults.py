"""The "break something" panel's plumbing: which sandbox accounts the hub's connections talk to, and the fault
switches of the sandbox's admin API (/_sandbox/accounts/<name>/faults)."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

ADMIN_KEY = "sandbox-admin"
# The switches the panel offers: name -> (what it does, the faults it sets).
FAULTS = {
    "errors": (
        "Every CRM call fails with a server error (writes retry, then dead-letter)",
        {"error_rate": 1.0},
    ),
    "rate_limits": ("The CRM answers every call with 429 Too Many Requests", {"rate_limit_storm": 1.0}),
    "slow": ("Every CRM call takes two seconds", {"latency_ms": 2000}),
    "lost_responses": (
        "The next 5 writes happen but their answers are lost",
        {"lose_next_write_responses": 5},
    ),
}


@dataclass
class SandboxAccount:
    connection_name: str
    origin: str
    name: str
    faults: dict

    @property
    def active(self) -> list[str]:
        return [
            key
            for key, (_, faults) in FAULTS.items()
            if all(self.faults.get(k) == v for k, v in faults.items())
        ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def sandbox_accounts(connections) -> tuple[list[SandboxAccount], list[str]]:
    """The sandbox accounts behind the connections (matched by base URL), and the origins that did not answer
    as a sandbox."""
    by_origin: dict[str, list] = {}
    for connection in connections:
        by_origin.setdefault(_origin(connection.base_url), []).append(connection)
    found, unreachable = [], []
    for origin, group in by_origin.items():
        try:
            response = httpx.get(
                f"{origin}/_sandbox/accounts", headers={"X-Sandbox-Admin-Key": ADMIN_KEY}, timeout=3
            )
            accounts = response.json()["accounts"] if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError):
            accounts = None
        if accounts is None:
            unreachable.append(origin)
            continue
        by_url = {account["base_url"].rstrip("/"): account for account in accounts}
        for connection in group:
            account = by_url.get(connection.base_url.rstrip("/"))
            if account is not None:
                found.append(SandboxAccount(connection.name, origin, account["name"], account["faults"]))
    return found, unreachable


def fault_switch(*, origin: str, account: str, fault: str, on: bool) -> dict:
    """Turn one of FAULTS on, or clear every fault of the account when `on` is false."""
    url = f"{origin}/_sandbox/accounts/{account}/faults"
    headers = {"X-Sandbox-Admin-Key": ADMIN_KEY}
    if on:
        response = httpx.post(url, json=FAULTS[fault][1], headers=headers, timeout=5)
    else:
        response = httpx.delete(url, headers=headers, timeout=5)
    response.raise_for_status()
    return response.json()
