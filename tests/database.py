"""Database helpers for tests: rows shared by a module's tests, and every table's row count in one query."""

import contextlib

from django.apps import apps
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model


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


def as_pks(rows):
    """`rows` (model instances, alone or in dicts, lists and tuples) as what `from_pks` fetches again: what a
    `rows_for_the_module` build returns, so that each test gets instances of its own."""
    if isinstance(rows, Model):
        return (rows._meta.label, rows.pk)
    if isinstance(rows, dict):
        return {key: as_pks(value) for key, value in rows.items()}
    if isinstance(rows, list | tuple):
        return [as_pks(value) for value in rows]
    raise TypeError(f"not a model instance: {rows!r}")


def from_pks(pks):
    """Fresh instances of what `as_pks` took, in the same shape (tuples come back as lists)."""
    if isinstance(pks, dict):
        return {key: from_pks(value) for key, value in pks.items()}
    if isinstance(pks, tuple):
        label, pk = pks
        return apps.get_model(label)._default_manager.get(pk=pk)
    return [from_pks(value) for value in pks]


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


class BackwardsUnrendered(MigrationExecutor):
    """Django's executor, with one change to how it unapplies: the project state before each migration is built
    without rendering its models, each operation's database step renders the states it reads from scratch.

    Django renders the state once and then, after every operation of every migration from the first one unapplied
    on (applied ones in between too), reloads the models the operation touches and those related to them; here
    nearly every model relates to `auth.User` (django-simple-history's `history_user`), so each reload re-rendered
    most of the project, and the 44 state-only operations of the move re-rendered it for nothing. Rendered from
    scratch only where an operation's database step reads a state, migrating the write-back models back takes about
    45 % less (benchmarks/README.md, session 28). The same operations run on the database, in the same order,
    from the same states. Applying migrations (what the tests check) is Django's executor, unchanged."""

    def _migrate_all_backwards(self, plan, full_plan, fake):
        to_unapply = {migration for migration, _ in plan}
        applied = {
            self.loader.graph.nodes[key]
            for key in self.loader.applied_migrations
            if key in self.loader.graph.nodes
        }
        states = {}
        state = self._create_project_state()
        for migration, _ in full_plan:
            if not to_unapply:
                break
            if migration in to_unapply:
                states[migration] = state
                state = migration.mutate_state(state, preserve=True)
                to_unapply.remove(migration)
            elif migration in applied:
                migration.mutate_state(state, preserve=False)
        for migration, _ in plan:
            self.unapply_migration(states[migration], migration, fake=fake)
            applied.remove(migration)
        # The state after: the one before the earliest migration unapplied, with every migration still applied after it.
        earliest = plan[-1][0]
        state = states[earliest]
        remaining = [migration for migration, _ in full_plan]
        for migration in remaining[remaining.index(earliest) :]:
            if migration in applied:
                migration.mutate_state(state, preserve=False)
        return state


def migrate_to(targets):
    """The test database migrated to `targets` (forwards or back); the historical apps of that state, for the
    test's rows. A test that migrates back uses the `latest_schema_afterwards` fixture too."""
    executor = BackwardsUnrendered(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
