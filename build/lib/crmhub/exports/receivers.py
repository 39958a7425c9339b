"""Exports listen to the sync read (crmhub.sync.signals): they name the fields they need and buffer what
each committed page brings, in the page's own transaction."""

from crmhub.sync import signals


def fields_wanted(sender, *, connection, object_name, **kwargs) -> set[str]:
    from crmhub.exports import services

    return services.export_fields(connection=connection, object_name=object_name)


def page_committed(sender, *, connection, object_name, records, sync_run=None, **kwargs) -> None:
    from crmhub.exports import services

    services.export_page_buffer(
        connection=connection, object_name=object_name, records=records, sync_run=sync_run
    )


def records_gone(sender, *, connection, object_name, deleted, sync_run=None, **kwargs) -> None:
    from crmhub.exports import services

    services.export_page_buffer(
        connection=connection, object_name=object_name, records=[], gone=deleted, sync_run=sync_run
    )


def connect() -> None:
    signals.fields_wanted.connect(fields_wanted, dispatch_uid="exports.fields_wanted")
    signals.page_committed.connect(page_committed, dispatch_uid="exports.page_committed")
    signals.records_gone.connect(records_gone, dispatch_uid="exports.records_gone")
