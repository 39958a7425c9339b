"""One ingest record checked field by field, so that one bad record is rejected with its reasons and the
records around it are stored.

Text is normalised (Unicode NFC, surrounding spaces removed from names and keys); text that no database
column can hold (NUL bytes, lone surrogates) and numbers that JSON cannot carry (inf, NaN) are rejected
with a reason. A rejected record is kept exactly as posted: when it holds such text it is stored escaped
(`stored_raw`) and read back unchanged (`posted_raw`) so that a replay judges the same record.
"""

import hashlib
import json
import math
import re
import unicodedata
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

MAX_DEPTH = 16
MAX_KEY_LENGTH = 200
MAX_FLOW_ID = 2**63 - 1
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
DECIMAL_DIGITS = re.compile(r"[0-9]{1,19}")
ESCAPED_KEY = "escaped_json"


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored, or None."""
    found = UNSTORABLE.search(value)
    if found is None:
        return None
    return "contains a NUL byte" if found.group() == "\x00" else "contains a lone surrogate (invalid Unicode)"


def normalised(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def text_field(raw: dict, name: str, max_length: int, errors: list[str], *, required: bool = True) -> str:
    """A short text such as an external id: integers are taken as their digits, spaces around are dropped."""
    value = raw.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{name}: required text.")
        return ""
    problem = text_problem(value)
    if problem:
        errors.append(f"{name}: {problem}.")
        return ""
    value = normalised(value).strip()
    if len(value) > max_length:
        errors.append(f"{name}: at most {max_length} characters.")
        return ""
    return value


def json_tree(raw: dict, name: str, errors: list[str], *, required: bool) -> dict:
    """An object keyed by name (values, identifiers, attributes), every key and text inside it checked."""
    value = raw.get(name)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or (required and not value):
        errors.append(f"{name}: {'a non-empty' if required else 'an'} object keyed by name.")
        return {}
    problems: list[str] = []
    cleaned = _tree(value, name, problems, depth=0)
    errors.extend(problems[:5])
    return cleaned if not problems else {}


def _tree(value, path: str, problems: list[str], *, depth: int):
    if depth > MAX_DEPTH:
        problems.append(f"{path}: nested deeper than {MAX_DEPTH} levels.")
        return None
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            problems.append(f"{path}: {problem}.")
        return normalised(value)
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(f"{path}: not a finite number.")
        return None
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list):
        return [_tree(item, f"{path}[{i}]", problems, depth=depth + 1) for i, item in enumerate(value)]
    cleaned = {}
    for key, item in value.items():
        problem = text_problem(key)
        if problem:
            problems.append(f"{path}: a key {problem}.")
            continue
        name = normalised(key).strip()
        if not name or len(name) > MAX_KEY_LENGTH:
            problems.append(f"{path}: keys are 1 to {MAX_KEY_LENGTH} characters ({key[:40]!r}).")
            continue
        if name in cleaned:
            problems.append(f"{path}: the key {name!r} is given twice (keys are compared without spaces).")
            continue
        cleaned[name] = _tree(item, f"{path}.{name}", problems, depth=depth + 1)
    return cleaned


def idempotency_key(raw: dict, errors: list[str]) -> str:
    key = raw.get("idempotency_key")
    if not isinstance(key, str) or not key.strip():
        errors.append(f"idempotency_key: required text of at most {MAX_KEY_LENGTH} characters.")
        return ""
    return text_field(raw, "idempotency_key", MAX_KEY_LENGTH, errors)


def key_of(raw) -> str:
    """The idempotency key a record will be stored under, or "" (for looking up earlier records)."""
    if not isinstance(raw, dict):
        return ""
    return idempotency_key(raw, [])


def flow_reference(ref) -> int | str | None:
    """A flow id (an integer or its decimal digits) or a flow name; None when `ref` can be neither."""
    if isinstance(ref, bool):
        return None
    if isinstance(ref, int):
        return ref if 0 < ref <= MAX_FLOW_ID else None
    if not isinstance(ref, str) or text_problem(ref):
        return None
    ref = normalised(ref).strip()
    if not ref or len(ref) > MAX_KEY_LENGTH:
        return None
    if DECIMAL_DIGITS.fullmatch(ref):
        return int(ref) if 0 < int(ref) <= MAX_FLOW_ID else None
    return ref


def moment(value, errors: list[str], *, latest: datetime) -> datetime | None:
    try:
        parsed = parse_datetime(value) if isinstance(value, str) and not text_problem(value) else None
    except ValueError:  # well formed but impossible, e.g. a 13th month
        parsed = None
    if parsed is None:
        errors.append("observed_at: required ISO 8601 date and time with a time zone.")
        return None
    if parsed.tzinfo is None:
        errors.append("observed_at: needs a time zone (e.g. Z or +00:00).")
        return None
    if parsed > latest:
        errors.append("observed_at: lies in the future.")
        return None
    return parsed


def fingerprint(parsed: dict) -> str:
    """A digest of what a record says, so that a key sent again with other content is told apart from a
    retry of the same record."""
    flow = parsed.get("flow")
    observed = parsed.get("observed_at")
    content = {
        "flow": flow.pk if flow is not None else None,
        "source_system": parsed.get("source_system", ""),
        "object_type": parsed.get("object_type", "").lower(),
        "external_id": parsed.get("external_id", ""),
        "identifiers": parsed.get("identifiers", {}),
        "attributes": parsed.get("attributes", {}),
        "values": parsed.get("values", {}),
        "observed_at": observed.astimezone(UTC).isoformat() if observed else None,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def stored_raw(raw) -> dict:
    """The record as posted, in a form the database can hold."""
    record = raw if isinstance(raw, dict) else {"value": raw}
    try:
        text = json.dumps(record, ensure_ascii=False, allow_nan=False, default=str)
    except ValueError:  # inf or NaN, which a JSON column refuses
        text = None
    if text is not None and text_problem(text) is None and "\\u0000" not in text:
        return record
    return {ESCAPED_KEY: json.dumps(record, ensure_ascii=True, default=str)}


def posted_raw(stored: dict) -> dict:
    """The record as posted, from what `stored_raw` kept."""
    if isinstance(stored, dict) and set(stored) == {ESCAPED_KEY}:
        return json.loads(stored[ESCAPED_KEY])
    return stored
