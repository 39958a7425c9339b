"""How a sync cycle reads the CRM: REST pages for small volumes, the CRM's bulk interface for large ones.

A connector with a bulk interface (Salesforce Bulk API 2.0) is asked how many records changed since the
cycle's start (one COUNT() query) unless the watermark is recent; at `SYNC_BULK_THRESHOLD` or more the cycle
reads through one queryAll job, which brings deletes and merges in the same pass. Everything else reads
through the connector's REST `iter_changes`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings

from crmhub.connectors import CrmRecord, DeletedRecord
from crmhub.core import clock
from crmhub.sync.models import ReadPath


@dataclass
class ChangeReader:
    """The chosen path, why, and (bulk) the deleted and merged records met on the way."""

    connector: object
    object_name: str
    since: datetime
    path: str
    reason: str
    deleted: list[DeletedRecord] = field(default_factory=list)

    def pages(self, fields: list[str]) -> Iterator[list[CrmRecord]]:
        if self.path == ReadPath.REST:
            yield from self.connector.iter_changes(self.object_name, since=self.since, fields=fields)
            return
        start = self.since - self.connector.default_overlap
        for page in self.connector.bulk.iter_changes(self.object_name, since=start, fields=fields):
            self.deleted.extend(page.deleted)
            if page.records:
                yield page.records

    def deleted_since(self, since: datetime) -> Iterator[DeletedRecord]:
        """Deletes and merges since `since`: from the bulk pass when it covered that time, else from REST."""
        if self.path == ReadPath.BULK and self.since - self.connector.default_overlap <= since:
            return iter(self.deleted)
        return self.connector.iter_deleted(self.object_name, since=since)


def change_reader_choose(
    *, connector, watermark: datetime | None, object_name: str, since: datetime
) -> ChangeReader:
    path, reason = _path_for(connector=connector, watermark=watermark, object_name=object_name, since=since)
    return ChangeReader(connector=connector, object_name=object_name, since=since, path=path, reason=reason)


def _path_for(*, connector, watermark, object_name, since) -> tuple[str, str]:
    bulk = getattr(connector, "bulk", None)
    if bulk is None:
        return ReadPath.REST, f"{connector.provider} is read through REST"
    recent = timedelta(seconds=settings.SYNC_BULK_COUNT_AFTER_SECONDS)
    if watermark is not None and since >= watermark and clock.now() - watermark < recent:
        return ReadPath.REST, "the watermark is recent"
    threshold = settings.SYNC_BULK_THRESHOLD
    changed = bulk.count_changes(object_name, since=since)
    if changed >= threshold:
        return ReadPath.BULK, f"{changed:,} records changed, at least the bulk threshold of {threshold:,}"
    return ReadPath.REST, f"{changed:,} records changed, under the bulk threshold of {threshold:,}"
