"""Run one sync cycle now, in this process, through the same service as the scheduled job."""

from django.core.management.base import BaseCommand, CommandError

from crmhub.core.errors import ApplicationError
from crmhub.models import CrmConnection
from crmhub.sync import services
from crmhub.sync.models import SyncKind, SyncTrigger


def connection_named(value: str) -> CrmConnection:
    lookup = {"pk": int(value)} if value.isdigit() else {"name": value}
    try:
        return CrmConnection.objects.get(**lookup)
    except CrmConnection.DoesNotExist as exc:
        raise CommandError(f"No connection {value!r}.") from exc


def run_and_report(command: BaseCommand, connection, object_name: str, kind: str, since=None) -> None:
    try:
        run = services.sync_run_request(
            connection=connection,
            object_name=object_name,
            kind=kind,
            trigger=SyncTrigger.MANUAL,
            since=since,
            enqueue=False,
        )
    except ApplicationError as exc:
        raise CommandError(str(exc)) from exc
    run = services.sync_run_execute(run_id=run.pk)
    command.stdout.write(
        f"Run #{run.pk} {connection.name}/{object_name}: {run.status}; read {run.records_read}, created "
        f"{run.records_created}, updated {run.records_updated}, deleted {run.records_deleted}, merged "
        f"{run.records_merged}, repaired {run.records_repaired}; watermark {run.watermark_after}"
        f"{f'; read through {run.get_read_path_display()}' if run.read_path else ''}."
    )
    if run.error:
        command.stderr.write(run.error)


class Command(BaseCommand):
    help = "Run an incremental sync cycle (or a completeness check) for a connection's objects now."

    def add_arguments(self, parser):
        parser.add_argument("connection", help="Connection name or id.")
        parser.add_argument("object_name", nargs="?", help="One object; default: every synced object.")
        parser.add_argument("--completeness", action="store_true", help="Compare CRM ids with the mirror.")

    def handle(self, *args, **options):
        connection = connection_named(options["connection"])
        names = [options["object_name"]] if options["object_name"] else self._synced_objects(connection)
        if not names:
            raise CommandError("No object given and none is synced yet for this connection.")
        kind = SyncKind.COMPLETENESS if options["completeness"] else SyncKind.INCREMENTAL
        for name in names:
            run_and_report(self, connection, name, kind)

    def _synced_objects(self, connection) -> list[str]:
        return list(connection.sync_states.filter(enabled=True).values_list("object_name", flat=True))
