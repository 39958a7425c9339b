"""manage.py crm_read <connection> <object> --since ...: an incremental read, printing its progress."""

import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from crmhub.connectors import CrmError, get_connector
from crmhub.core.timestamps import parse_timestamp_or_none
from mappings_app.management.commands.crm_discover import _connection, _local_budget
from mappings_app.models import CrmField


class Command(BaseCommand):
    help = "Read the records of one CRM object changed since a time, page by page (nothing is stored)."

    def add_arguments(self, parser):
        parser.add_argument("connection", help="Name of the CRM connection.")
        parser.add_argument("object", help="CRM object name, e.g. Contact, contacts, persons.")
        parser.add_argument("--since", required=True, help="ISO 8601 time, e.g. 2026-01-01T00:00:00Z.")
        parser.add_argument("--fields", default="", help="Comma-separated fields (default: the catalog's).")
        parser.add_argument("--max-pages", type=int, default=0, help="Stop after this many pages (0: all).")
        parser.add_argument("--deleted", action="store_true", help="Also list deleted and merged records.")
        parser.add_argument("--local-budget", action="store_true", help="Count the rate budget in-process.")

    def handle(self, *args, **options):
        connection = _connection(options["connection"])
        since = _since(options["since"])
        fields = _fields(connection, options["object"], options["fields"])
        kwargs = {"rate_budget": _local_budget(connection)} if options["local_budget"] else {}
        try:
            with get_connector(connection, **kwargs) as connector:
                self._read(connector, options["object"], since, fields, options["max_pages"])
                if options["deleted"]:
                    for deleted in connector.iter_deleted(options["object"], since=since):
                        merged = f" merged into {deleted.merged_into}" if deleted.merged_into else ""
                        self.stdout.write(f"deleted {deleted.id} at {deleted.deleted_at}{merged}")
        except CrmError as exc:
            raise CommandError(f"Read failed: {exc}") from exc

    def _read(self, connector, object_name: str, since: datetime, fields: list[str], max_pages: int) -> None:
        started, pages, records, newest = time.monotonic(), 0, 0, None
        for page in connector.iter_changes(object_name, since=since, fields=fields):
            pages += 1
            records += len(page)
            newest = page[-1].modified_at
            elapsed = max(time.monotonic() - started, 1e-6)
            self.stdout.write(
                f"page {pages}: {len(page)} records (total {records}, {records / elapsed:.1f} records/s, "
                f"{connector.request_count} requests, up to {newest.isoformat()})"
            )
            if max_pages and pages >= max_pages:
                break
        self.stdout.write(self.style.SUCCESS(f"{records} records in {pages} pages; newest change {newest}"))


def _since(text: str) -> datetime:
    moment = parse_timestamp_or_none(text)
    if moment is None:
        raise CommandError(f"--since is not an ISO 8601 time: {text!r}")
    return moment


def _fields(connection, object_name: str, text: str) -> list[str]:
    fields = [name.strip() for name in text.split(",") if name.strip()]
    if fields:
        return fields
    fields = list(
        CrmField.objects.filter(
            crm_object__connection=connection, crm_object__name=object_name, is_deleted=False
        ).values_list("name", flat=True)
    )
    if not fields:
        raise CommandError(f"No catalog fields for {object_name}; run crm_discover first or pass --fields.")
    return fields
