"""Reading a CDP's profiles back, for reconciliation, where the CDP documents a read API.

- The tracking API the hub sends to (Segment's HTTP Tracking API, RudderStack's data plane) is write-only.
- Segment's Profile API (Unify) reads one profile at a time: `GET {profile_api_url}/v1/spaces/{space_id}/
  collections/users/profiles/user_id:{id}/traits`, HTTP Basic with a space access token. It has no endpoint
  that lists or counts profiles, so counts are compared with what the hub delivered, and profiles are
  compared on a sample.
- RudderStack's open-source data plane has no profile read API: its destinations are compared with what the
  hub delivered only.

A destination reads profiles back when its credentials name `profile_api_url`, `space_id` and
`profile_api_token` (e.g. https://profiles.segment.com for Segment).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx

from crmhub.core.errors import ApplicationError
from crmhub.core.outbound import CheckedTransport
from crmhub.exports import cdp_delivery
from crmhub.exports.models import Destination

PROFILE_KEYS = ("profile_api_url", "space_id", "profile_api_token")
TIMEOUT_S = 10.0


class ProfileReadError(ApplicationError):
    """The CDP's profile API refused the read or could not be reached."""


def profile_api_configured(destination: Destination) -> bool:
    credentials = destination.credentials or {}
    return all(credentials.get(key) for key in PROFILE_KEYS)


def profiles_read(*, destination: Destination, user_ids: list[str]) -> dict[str, dict | None]:
    """user id -> its traits in the CDP, or None when the CDP has no such profile."""
    credentials = destination.credentials or {}
    space = quote(str(credentials["space_id"]), safe="")
    found: dict[str, dict | None] = {}
    try:
        with httpx.Client(
            base_url=str(credentials["profile_api_url"]).rstrip("/"),
            transport=cdp_delivery.current_transport() or CheckedTransport(),
            auth=(str(credentials["profile_api_token"]), ""),
            timeout=TIMEOUT_S,
        ) as client:
            for user_id in user_ids:
                external = quote(f"user_id:{user_id}", safe="")
                response = client.get(f"/v1/spaces/{space}/collections/users/profiles/{external}/traits")
                if response.status_code == 404:
                    found[user_id] = None
                    continue
                if response.status_code != 200:
                    raise ProfileReadError(
                        f"{destination.name}: the profile API answered {response.status_code}."
                    )
                found[user_id] = response.json().get("traits") or {}
    except httpx.HTTPError as exc:
        raise ProfileReadError(
            f"{destination.name}: the profile API is unreachable ({type(exc).__name__})."
        ) from exc
    except ValueError as exc:  # a body that is not JSON
        raise ProfileReadError(
            f"{destination.name}: the profile API answered something else than JSON."
        ) from exc
    return found
