"""Database helpers for tests: rows shared by a module's tests, and every table's row count in one query."""

import contextlib

from django.apps import apps
from django.db import connection, transaction


@contextlib.contextmanager
def rows_for_the_module(django_db_blocker, build):
    """`build()`'s rows written once for a module's tests, as Django's TestCase.setUpTestData does: they sit in a
    transaction that each test's own (a savepoint inside it) rolls back to, rolled back itself after the module.
    Yields what `build` returned: pass pks, and fetch the objects in each test (an instance one test changed must
    not reach the next)."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            made = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def row_counts(*, leave_out: tuple[str, ...] = ()) -> dict[str, int]:
    """Row counts of every managed model (history tables included) but those of the apps left out, in one query:
    a write shows up in one of them."""
    models = [
        model for model in apps.get_models() if model._meta.managed and model._meta.app_label not in leave_out
    ]
    quote = connection.ops.quote_name
    query = " UNION ALL ".join(
        f"SELECT {n}, COUNT(*) FROM {quote(model._meta.db_table)}" for n, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        counts = dict(cursor.fetchall())
    return {model._meta.label: counts[n] for n, model in enumerate(models)}


def migrate_to(targets):
    """The test database migrated to `targets` (forwards or back); the historical apps of that state, for the
    test's rows. A test that migrates back uses the `latest_schema_afterwards` fixture too."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
