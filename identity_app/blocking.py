"""Blocking: which mirror records are worth comparing with an inbound record.

A blocking rule is a list of profile attributes; two records share a block when all of them agree. The
mirror stores one `MirrorIdentifier` per rule and record, so finding a batch's candidates is one indexed
query, and no record is ever compared with the whole mirror.
"""

from identity_app.models import IdentifierKind

DEFAULT_BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("emails",),
    ("phone",),
    ("email_domain",),
    ("company_id",),
    ("last_name", "postcode"),
    ("first_name", "last_name"),
    ("last_name", "company_name"),
)

# Rules on a single key attribute reuse the key's identifier rows instead of storing them twice.
_KEY_KINDS = {("emails",): IdentifierKind.EMAIL, ("phone",): IdentifierKind.PHONE}


def rule_kind(rule) -> str:
    rule = tuple(rule)
    return _KEY_KINDS.get(rule) or IdentifierKind.BLOCK_PREFIX + "+".join(rule)


def _values(profile: dict, attribute: str) -> list[str]:
    if attribute == "emails":
        return list(profile.get("emails") or [])
    if attribute.startswith("extra."):
        value = (profile.get("extra") or {}).get(attribute[len("extra.") :], "")
    else:
        value = profile.get(attribute) or ""
    return [str(value)] if value else []


def rule_values(profile: dict, rule) -> list[str]:
    """The block keys of a profile for one rule; none when any of the rule's attributes is missing."""
    combined = [""]
    for attribute in rule:
        values = _values(profile, attribute)
        if not values:
            return []
        combined = [f"{prefix}|{value}" if prefix else value for prefix in combined for value in values]
    return combined


def block_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """(kind, value) pairs of every rule that is not a plain key."""
    keys = set()
    for rule in rules:
        if tuple(rule) in _KEY_KINDS:
            continue
        kind = rule_kind(rule)
        keys.update((kind, value[:320]) for value in rule_values(profile, rule))
    return keys


def search_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """All (kind, value) pairs an inbound profile looks up when searching for candidates."""
    keys = set()
    for rule in rules:
        kind = rule_kind(rule)
        keys.update((kind, value[:320]) for value in rule_values(profile, rule))
    return keys
