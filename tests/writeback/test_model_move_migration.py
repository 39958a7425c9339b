"""The write-back models' move from `crmhub` to the `writeback` app keeps every row.

Each test migrates the test database back to the schema before the move (crmhub 0008, sync 0005, no
writeback app), fills every moved table through the migration state's own models (plus rows in other apps
that point at them, and permissions held by groups and users), migrates forward and checks what came out.
Runs on PostgreSQL, under `python -m tests.harness`.

The way back (unapplying the move with every row) was checked with data until session 26; the suite now checks
that every operation of the move can be reversed, and the fixture's migrating back runs each operation's way back
on the database (tests.database.BackwardsUnrendered: the same operations, without Django's model reloads).
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from crmhub.roles import REVIEWER
from crmhub.sync.models import TriggerExecution, TriggerRule
from crmhub.writeback.models import (
    FieldVerificationState,
    FlowGrant,
    FlowWritebackSettings,
    GoLiveDecision,
    InboundRecord,
    ShadowReview,
    ShadowSample,
    WritebackEvent,
    WriteOutcome,
)
from identity_app.models import ReviewItem
from mappings_app.models import FieldMapping, Flow
from tests import factories
from tests.database import BackwardsUnrendered

# Production runs PostgreSQL; each migration run renders the whole project state (a minute on a busy SQLite
# run), and SQLite's test database already goes through every migration forward when it is created.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the move is tested on PostgreSQL: run under `python -m tests.harness`",
)

BEFORE_THE_MOVE = [("writeback", None)]  # unapplies writeback and what depends on it: crmhub 0009, sync 0006
MOMENT = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
MOVED_TABLES = {
    "fieldverificationstate": 2,
    "flowgrant": 1,
    "flowwritebacksettings": 1,
    "golivedecision": 1,
    "historicalflowgrant": 1,
    "historicalflowwritebacksettings": 1,
    "historicalshadowreview": 2,
    "inboundrecord": 3,
    "shadowreview": 2,
    "shadowsample": 1,
    "writebackevent": 2,
    "writeoutcome": 4,
}


def _migrate_back(targets):
    state = BackwardsUnrendered(connection).migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


def _migrate():
    """Every migration applied, by Django's own executor: the move under test."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return state.apps


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _row_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


@pytest.fixture
def world():
    """Rows of the apps that stay put, made with today's models before the schema goes back."""
    users = factories.role_users()
    conn = factories.make_connection()
    fields = factories.make_contact_schema(conn)
    crm_object = next(iter(fields.values())).crm_object
    flow = Flow.objects.create(connection=conn, name="scores", source_system="scorer", crm_object=crm_object)
    mapping = FieldMapping.objects.create(
        source_system="scorer", source_key="score", crm_field=fields["ai_lead_score"]
    )
    review_item = ReviewItem.objects.create(flow=flow, source_system="scorer", reason="no_match", payload={})
    rule = TriggerRule.objects.create(
        name="on score",
        connection=conn,
        object_name="contacts",
        condition_kind="inbound_output",
        field_name="score",
        action_kind="set_stage",
    )
    auditors = Group.objects.create(name="auditors")
    auditor = factories.make_user("audrey")
    return {
        "users": users,
        "connection": conn,
        "flow": flow,
        "field": fields["ai_lead_score"],
        "mapping": mapping,
        "review_item": review_item,
        "rule": rule,
        "auditors": auditors,
        "auditor": auditor,
    }


@pytest.fixture
def before_the_move(world):
    """The schema as it was before the move, given back to today's schema whatever the test did."""
    old_apps = _migrate_back(BEFORE_THE_MOVE)
    yield old_apps
    _migrate()


def _populate(apps, world) -> dict[str, int]:
    """One or more rows in every moved table, written as crmhub's models had them."""
    model = lambda name: apps.get_model("crmhub", name)  # noqa: E731
    users, flow = world["users"], world["flow"]
    integration, admin, reviewer = users["integration"], users["admin"], users["reviewer"]
    model("FlowWritebackSettings").objects.create(flow_id=flow.pk, accuracy_threshold=0.9, min_sample_size=7)
    model("HistoricalFlowWritebackSettings").objects.create(
        id=1, flow_id=flow.pk, accuracy_threshold=0.9, min_sample_size=7, verification_sample_rate=0.1,
        payload_retention_days=30, max_attempts=5, retry_base_seconds=30.0, lease_seconds=300.0,
        schema_check_seconds=300, verification_clean_window=500, history_date=MOMENT, history_type="+",
    )  # fmt: skip
    records = [
        model("InboundRecord").objects.create(
            integration_user_id=integration.pk,
            flow_id=flow.pk,
            source_system="scorer",
            external_id=f"ext-{n}",
            idempotency_key=f"key-{n}",
            values={"score": n * 10},
            status=status,
            review_item_id=world["review_item"].pk if status == "held_for_review" else None,
        )
        for n, status in enumerate(("completed", "held_for_review", "rejected"))
    ]
    outcome = model("WriteOutcome")
    outcomes = [
        outcome.objects.create(
            inbound_id=records[n // 2].pk,
            flow_id=flow.pk,
            source_key="score",
            mapping_id=world["mapping"].pk,
            crm_field_id=world["field"].pk,
            target_name=f"ai_score_{n}",
            planned_value=n * 10,
            status=status,
            log=[{"event": "planned"}],
            resolved_by_id=admin.pk if status == "conflict" else None,
        )
        for n, status in enumerate(("written_verified", "shadow", "shadow", "conflict"))
    ]
    for name in ("ai_score", "ai_segment"):
        model("FieldVerificationState").objects.create(
            flow_id=flow.pk, field_name=name, sample_rate=0.5, checked=9
        )
    for kind in ("go_live", "dead_letters"):
        model("WritebackEvent").objects.create(
            connection_id=world["connection"].pk, flow_id=flow.pk, kind=kind, message=f"{kind} happened"
        )
    sample = model("ShadowSample").objects.create(flow_id=flow.pk, created_by_id=admin.pk, size=2)
    for n, shadow in enumerate(outcomes[1:3]):
        verdict = ("correct", "incorrect")[n]
        review = model("ShadowReview").objects.create(
            sample_id=sample.pk, outcome_id=shadow.pk, verdict=verdict, reviewed_by_id=reviewer.pk
        )
        model("HistoricalShadowReview").objects.create(
            id=review.pk, sample_id=sample.pk, outcome_id=shadow.pk, verdict=verdict,
            reviewed_by_id=reviewer.pk, note="", history_date=MOMENT, history_type="~",
        )  # fmt: skip
    model("GoLiveDecision").objects.create(
        flow_id=flow.pk, sample_id=sample.pk, decided_by_id=admin.pk, reviewed=2, correct=1,
        accuracy=0.5, wilson_lower=0.09, threshold=0.95, min_sample_size=2, approved=False,
    )  # fmt: skip
    grant = model("FlowGrant").objects.create(
        integration_user_id=integration.pk, flow_id=flow.pk, granted_by_id=admin.pk
    )
    model("HistoricalFlowGrant").objects.create(
        id=grant.pk, integration_user_id=integration.pk, flow_id=flow.pk, granted_by_id=admin.pk,
        granted_at=MOMENT, history_date=MOMENT, history_type="+",
    )  # fmt: skip
    apps.get_model("sync", "TriggerExecution").objects.create(
        rule_id=world["rule"].pk, dedup_key="inbound-0", inbound_record_id=records[0].pk
    )
    return {"inbound": records[0].pk, "held": records[1].pk, "conflict": outcomes[3].pk, "sample": sample.pk}


def _grant_old_permissions(apps, world) -> None:
    """A group and a user holding write-back permissions under the old app label."""
    permission = apps.get_model("auth", "Permission")
    view_outcome = permission.objects.get(content_type__app_label="crmhub", codename="view_writeoutcome")
    review_shadow = permission.objects.get(content_type__app_label="crmhub", codename="review_shadowwrite")
    apps.get_model("auth", "Group").objects.get(pk=world["auditors"].pk).permissions.add(view_outcome)
    apps.get_model("auth", "User").objects.get(pk=world["auditor"].pk).user_permissions.add(review_shadow)


def _permission_made_in_between():
    """`migrate writeback 0001` runs post_migrate, which makes writeback content types and permissions while
    the old ones still carry the rows: the move has to merge the two, keeping every holder."""
    content_type = ContentType.objects.create(app_label="writeback", model="shadowreview")
    duplicate = Permission.objects.create(
        content_type=content_type, codename="review_shadowwrite", name="dup"
    )
    helper = factories.make_user("harriet")
    helper.user_permissions.add(duplicate)
    return helper


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_every_row_survives_the_move(world, before_the_move):
    assert {"crmhub_writeoutcome", "crmhub_historicalflowgrant"} <= _tables()
    assert "writeback_writeoutcome" not in _tables()
    ids = _populate(before_the_move, world)
    _grant_old_permissions(before_the_move, world)
    helper = _permission_made_in_between()

    _migrate()

    tables = _tables()
    for name, count in MOVED_TABLES.items():
        assert f"crmhub_{name}" not in tables
        assert _row_count(f"writeback_{name}") == count, name
    record = InboundRecord.objects.get(pk=ids["inbound"])
    assert (record.external_id, record.values, record.status) == ("ext-0", {"score": 0}, "completed")
    assert record.integration_user == world["users"]["integration"]
    assert InboundRecord.objects.get(pk=ids["held"]).review_item == world["review_item"]
    assert sorted(record.outcomes.values_list("target_name", flat=True)) == ["ai_score_0", "ai_score_1"]
    conflict = WriteOutcome.objects.get(pk=ids["conflict"])
    assert (conflict.status, conflict.resolved_by, conflict.mapping) == (
        "conflict",
        world["users"]["admin"],
        world["mapping"],
    )
    assert TriggerExecution.objects.get(dedup_key="inbound-0").inbound_record == record
    sample = ShadowSample.objects.get(pk=ids["sample"])
    assert sorted(sample.reviews.values_list("verdict", flat=True)) == ["correct", "incorrect"]
    assert sample.decisions.get().wilson_lower == 0.09
    assert ShadowReview.history.filter(verdict="incorrect").count() == 1
    assert FlowGrant.objects.get().integration_user == world["users"]["integration"]
    assert FlowGrant.history.get().granted_at == MOMENT
    assert FlowWritebackSettings.objects.get().min_sample_size == 7
    assert FlowWritebackSettings.history.get().accuracy_threshold == 0.9
    assert FieldVerificationState.objects.filter(checked=9).count() == 2
    assert set(WritebackEvent.objects.values_list("kind", flat=True)) == {"go_live", "dead_letters"}
    assert GoLiveDecision.objects.get().approved is False

    # New rows go on from the old sequences, next to the kept ones.
    extra = WriteOutcome.objects.create(
        inbound=record, flow=world["flow"], source_key="score", target_name="x"
    )
    assert extra.pk > ids["conflict"]

    # The permissions, and the groups and users holding them, moved with the models.
    assert not ContentType.objects.filter(app_label="crmhub", model__in=MOVED_TABLES).exists()
    auditors = world["auditors"]
    assert list(auditors.permissions.values_list("content_type__app_label", "codename")) == [
        ("writeback", "view_writeoutcome")
    ]
    assert User.objects.get(pk=world["auditor"].pk).has_perm("writeback.review_shadowwrite")
    reviewer = User.objects.get(pk=world["users"]["reviewer"].pk)
    assert reviewer.groups.get().name == REVIEWER
    assert reviewer.has_perm("writeback.review_shadowwrite")
    assert User.objects.get(pk=world["users"]["integration"].pk).has_perm("writeback.add_inboundrecord")

    # A content type made in between was merged into the moved one, its holders kept.
    assert (
        Permission.objects.filter(content_type__app_label="writeback", codename="review_shadowwrite").count()
        == 1
    )
    assert User.objects.get(pk=helper.pk).has_perm("writeback.review_shadowwrite")


def _operations(operations):
    for operation in operations:
        yield operation
        yield from _operations(getattr(operation, "database_operations", ()))
        yield from _operations(getattr(operation, "state_operations", ()))


def test_every_operation_of_the_move_can_be_reversed():
    """From the migration files alone: no database."""
    loader = MigrationLoader(None)  # the migration files only: no database
    moved = [key for key in loader.disk_migrations if key[0] == "writeback"]
    moved += [("crmhub", "0009_writeback_models_moved_out"), ("sync", "0006_inbound_record_in_writeback_app")]
    for key in moved:
        irreversible = [op for op in _operations(loader.disk_migrations[key].operations) if not op.reversible]
        assert not irreversible, (key, irreversible)


@pytest.mark.django_db  # reads which migrations the database has applied; no table emptied after it
def test_the_models_and_the_migrations_agree():
    """No model change waits for a migration (on SQLite and on PostgreSQL)."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
