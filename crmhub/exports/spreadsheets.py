"""The failed rows as a sales-ops person opens them in a spreadsheet: plain column names, statuses in words,
moments in the reader's time zone written the way spreadsheets parse them (`2026-11-02 10:15:00`, the zone in
the column's name), and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from crmhub.core.spreadsheet import safe_cell
from crmhub.exports import selectors
from crmhub.exports.models import Destination

MOMENT_FORMAT = "%Y-%m-%d %H:%M:%S"


def reader_zone(name: str | None) -> tzinfo:
    """The IANA zone the reader's browser named, or the hub's own when it named none or an unknown one."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_current_timezone()


def _moment(value: datetime | None, zone: tzinfo) -> str:
    return value.astimezone(zone).strftime(MOMENT_FORMAT) if value else ""


def failed_rows_sheet(
    *, destination: Destination, zone: tzinfo, run_id: int | None = None
) -> Iterator[list[str]]:
    """The header, then one line per failed row of the destination (or of one of its runs), oldest first."""
    label = getattr(zone, "key", None) or str(zone)
    yield [
        "Failed row",
        "Export run",
        "CRM connection",
        "Object",
        "CRM record id",
        "Why it failed",
        "Status",
        f"Failed at ({label})",
        f"Replayed at ({label})",
    ]
    rows = selectors.failed_rows(destination=destination)
    if run_id is not None:
        rows = rows.filter(run_id=run_id)
    for row in rows.order_by("pk").iterator(chunk_size=500):
        yield [
            str(row.pk),
            str(row.run_id),
            safe_cell(row.connection.name),
            safe_cell(row.object_name),
            safe_cell(row.crm_id),
            safe_cell(row.reason),
            row.get_status_display(),
            _moment(row.created_at, zone),
            _moment(row.replayed_at, zone),
        ]
