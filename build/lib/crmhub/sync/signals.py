"""Other apps ride the sync read. One CRM read feeds the mirror and every export: no second pass over the
CRM's API.

- `fields_wanted(connection, object_name)`: receivers return the field names they need read along.
- `page_committed(connection, object_name, records, sync_run)`: every page a cycle (or a webhook refresh)
  mirrored, sent inside the same transaction as the mirror and the watermark, so a receiver's own rows
  commit (or roll back) with them.
- `records_gone(connection, object_name, deleted, sync_run)`: deletes and merges, likewise.
"""

from django.dispatch import Signal

fields_wanted = Signal()
page_committed = Signal()
records_gone = Signal()


def extra_fields(*, connection, object_name: str) -> set[str]:
    wanted: set[str] = set()
    for _receiver, names in fields_wanted.send(sender=None, connection=connection, object_name=object_name):
        wanted |= set(names or ())
    return wanted


def page_read(*, connection, object_name: str, records: list, sync_run=None) -> None:
    if records:
        page_committed.send(
            sender=None, connection=connection, object_name=object_name, records=records, sync_run=sync_run
        )


def records_deleted(*, connection, object_name: str, deleted: list, sync_run=None) -> None:
    if deleted:
        records_gone.send(
            sender=None, connection=connection, object_name=object_name, deleted=deleted, sync_run=sync_run
        )
