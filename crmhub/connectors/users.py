"""Names of the CRM's users (the rep behind an edit), read through each connector's `user_name` and cached:
a name seldom changes, and a conflict page must not cost one API call per row on every view."""

import logging

from django.core.cache import cache

from crmhub.connectors.base import CrmConnector
from crmhub.connectors.errors import CrmError

logger = logging.getLogger(__name__)

NAME_TTL_SECONDS = 24 * 3600
UNKNOWN_TTL_SECONDS = 3600  # an id the CRM does not know: asked again after an hour, not on every view
UNKNOWN = "\x00unknown"


def _key(connector: CrmConnector, user_id: str) -> str:
    return f"crm-user-name:{connector.connection.pk}:{user_id}"


def crm_user_names(connector: CrmConnector, user_ids) -> dict[str, str]:
    """{user id: name} for the ids the CRM could name; ids it could not (unknown, or the CRM did not answer)
    are left out, and the caller shows the id."""
    wanted = sorted({str(user_id) for user_id in user_ids if user_id})
    cached = cache.get_many([_key(connector, user_id) for user_id in wanted])
    names = {}
    for user_id in wanted:
        name = cached.get(_key(connector, user_id))
        if name is None:
            name = _read(connector, user_id)
        if name and name != UNKNOWN:
            names[user_id] = name
    return names


def _read(connector: CrmConnector, user_id: str) -> str | None:
    try:
        name = connector.user_name(user_id)
    except CrmError as exc:
        logger.info(
            "connection %s: could not read a CRM user's name (%s)", connector.connection.pk, exc.message
        )
        return None  # not cached: the next view asks again
    if name:
        cache.set(_key(connector, user_id), name, NAME_TTL_SECONDS)
        return name
    cache.set(_key(connector, user_id), UNKNOWN, UNKNOWN_TTL_SECONDS)
    return UNKNOWN
