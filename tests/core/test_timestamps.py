"""The one timestamp parser (crmhub/core/timestamps.py): every CRM's wire forms, our own ISO texts, and a
clear ValueError (or None, for the lenient reader) for anything that is not a time."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crmhub.core.timestamps import parse_timestamp, parse_timestamp_or_none

MOMENT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-02T03:04:05.000+0000",  # Salesforce
        "2026-01-02T03:04:05Z",  # HubSpot, Pipedrive v2
        "2026-01-02 03:04:05",  # Pipedrive v1 (UTC)
        "2026-01-02T04:04:05+01:00",  # ours, another zone
        "2026-01-02T03:04:05",  # naive: UTC
        1767323045000,  # epoch milliseconds
        "1767323045000",
        datetime(2026, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_every_form_becomes_the_same_aware_utc_moment(value):
    parsed = parse_timestamp(value)
    assert parsed == MOMENT and parsed.tzinfo == UTC


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00Z", 10**17, True, {"at": 1}, "٣٣٣"])
def test_what_is_not_a_time_is_a_value_error_or_none(value):
    with pytest.raises(ValueError):
        parse_timestamp(value)
    assert parse_timestamp_or_none(value) is None


def test_nothing_is_no_time():
    assert parse_timestamp(None) is None and parse_timestamp("") is None
