"""Timestamps as the three CRMs write them, turned into aware UTC datetimes and back."""

import re
from datetime import UTC, datetime

_SF_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_timestamp(value: str | int | float | datetime | None) -> datetime | None:
    """An aware UTC datetime from `2026-01-02T03:04:05.000+0000` (Salesforce), `...Z` (HubSpot, Pipedrive v2),
    `2024-02-12 09:14:35` (Pipedrive v1, UTC), an ISO date or date-time we wrote ourselves (naive: UTC), epoch
    milliseconds (HubSpot filters and webhooks, Salesforce change events), or a datetime. None for None or "";
    ValueError for anything that is not a representable time (another type or format, a year past 9999)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    try:
        if isinstance(value, int | float) or (isinstance(value, str) and value.isascii() and value.isdigit()):
            return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
        text = value.strip().replace(" ", "T", 1)
    except (OverflowError, OSError, AttributeError) as exc:
        raise ValueError(f"{str(value)[:40]!r} is not a time") from exc
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    text = _SF_OFFSET.sub(r"\1:\2", text)
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_timestamp_or_none(value) -> datetime | None:
    """`parse_timestamp` where a value that is not a time counts as no time (a value we stored or a CRM
    echoed back, compared or shown, never the input of a write)."""
    try:
        return parse_timestamp(value)
    except ValueError:
        return None


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
    return moment.astimezone(UTC)


def iso_z(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z and no fractions: valid in SOQL literals and Pipedrive filters."""
    return to_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_z_millis(moment: datetime) -> str:
    return to_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.") + f"{to_utc(moment).microsecond // 1000:03d}Z"


def moment_in_words(moment: datetime) -> str:
    """A moment for text people read (reasons, decisions): UTC to the second, "2026-12-04 05:46:20 UTC"."""
    return to_utc(moment).strftime("%Y-%m-%d %H:%M:%S UTC")


def epoch_millis(moment: datetime) -> int:
    return int(to_utc(moment).timestamp() * 1000)
