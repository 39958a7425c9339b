"""The moved write-back tables take the app's own names (crmhub_* -> writeback_*), the two indexes that were
named after the old table get names of their own, and the content types follow the models, so that the
permissions on them (and the groups and users holding those permissions) stay attached.

A table rename changes the catalogue only: on PostgreSQL foreign keys, sequences and indexes follow the table
(they keep their old names); on SQLite, references in other tables are rewritten by ALTER TABLE RENAME.
"""

from django.db import migrations

MOVED_MODELS = (
    "fieldverificationstate",
    "flowgrant",
    "flowwritebacksettings",
    "golivedecision",
    "historicalflowgrant",
    "historicalflowwritebacksettings",
    "historicalshadowreview",
    "inboundrecord",
    "shadowreview",
    "shadowsample",
    "writebackevent",
    "writeoutcome",
)


def _merge_permissions(apps, db, stale, kept):
    """Give `kept`'s permissions every group and user that holds the same permission on `stale`."""
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    user_model = apps.get_model("auth", "User")
    for permission in permission_model.objects.using(db).filter(content_type=stale):
        twin, _ = permission_model.objects.using(db).get_or_create(
            content_type=kept, codename=permission.codename, defaults={"name": permission.name}
        )
        for group in group_model.objects.using(db).filter(permissions=permission):
            group.permissions.add(twin)
        for user in user_model.objects.using(db).filter(user_permissions=permission):
            user.user_permissions.add(twin)


def _move_content_types(apps, schema_editor, source, target):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        moving = content_type_model.objects.using(db).filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A content type under the target label exists only if post_migrate ran in between (for example
        # `migrate writeback 0001`); the moving one carries the real rows, so it absorbs the duplicate.
        duplicate = content_type_model.objects.using(db).filter(app_label=target, model=model).first()
        if duplicate is not None:
            _merge_permissions(apps, db, stale=duplicate, kept=moving)
            duplicate.delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])


def content_types_forward(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="crmhub", target="writeback")


def content_types_backward(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="writeback", target="crmhub")


class Migration(migrations.Migration):
    dependencies = [
        ("writeback", "0001_initial"),
        ("crmhub", "0009_writeback_models_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='inboundrecord',
            new_name='inbound_status_flow',
            old_name='crmhub_inbo_status_5519b9_idx',
        ),
        migrations.RenameIndex(
            model_name='inboundrecord',
            new_name='inbound_flow_external_id',
            old_name='crmhub_inbo_flow_id_b3707a_idx',
        ),
        migrations.AlterModelTable(
            name='fieldverificationstate',
            table=None,
        ),
        migrations.AlterModelTable(
            name='flowgrant',
            table=None,
        ),
        migrations.AlterModelTable(
            name='flowwritebacksettings',
            table=None,
        ),
        migrations.AlterModelTable(
            name='golivedecision',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalflowgrant',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalflowwritebacksettings',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalshadowreview',
            table=None,
        ),
        migrations.AlterModelTable(
            name='inboundrecord',
            table=None,
        ),
        migrations.AlterModelTable(
            name='shadowreview',
            table=None,
        ),
        migrations.AlterModelTable(
            name='shadowsample',
            table=None,
        ),
        migrations.AlterModelTable(
            name='writebackevent',
            table=None,
        ),
        migrations.AlterModelTable(
            name='writeoutcome',
            table=None,
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
