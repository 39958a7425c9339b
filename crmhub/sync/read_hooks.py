"""Other apps ride the sync read: they name the fields they need read along, and receive every page a
cycle (or a webhook refresh) commits, inside the same transaction as the mirror and the watermark.

One CRM read feeds the mirror and every export: no second pass over the CRM's API. A listener is an object
with `fields(connection, object_name) -> set[str]`, `page(connection, object_name, records, sync_run)` and
`gone(connection, object_name, deleted, sync_run)`; apps register theirs in `AppConfig.ready()`.
"""

_listeners: list = []


def register(listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unregister(listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def extra_fields(*, connection, object_name: str) -> set[str]:
    wanted: set[str] = set()
    for listener in _listeners:
        wanted |= set(listener.fields(connection=connection, object_name=object_name))
    return wanted


def page_committed(*, connection, object_name: str, records: list, sync_run=None) -> None:
    if not records:
        return
    for listener in _listeners:
        listener.page(connection=connection, object_name=object_name, records=records, sync_run=sync_run)


def records_gone(*, connection, object_name: str, deleted: list, sync_run=None) -> None:
    if not deleted:
        return
    for listener in _listeners:
        listener.gone(connection=connection, object_name=object_name, deleted=deleted, sync_run=sync_run)
