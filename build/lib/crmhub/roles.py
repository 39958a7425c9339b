"""The four roles, as groups with permissions. Patterns are matched against 'app_label.codename'."""

from fnmatch import fnmatch

SALES_OPS_ADMIN = "sales-ops admin"
REVIEWER = "reviewer"
VIEWER = "viewer"
INTEGRATION = "integration"

OUR_APPS = ("crmhub", "sync", "writeback", "mappings_app", "identity_app", "monitoring_app", "exports")
READ_EVERYTHING = [f"{app}.view_*" for app in OUR_APPS]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    SALES_OPS_ADMIN: [f"{app}.*" for app in OUR_APPS] + ["knox.*", "auth.view_user", "auth.view_group"],
    REVIEWER: [
        *READ_EVERYTHING,
        "identity_app.change_reviewitem",
        "identity_app.*_identitylink",
        "identity_app.resolve_reviewitem",
        "writeback.review_shadowwrite",
    ],
    VIEWER: READ_EVERYTHING,
    INTEGRATION: [
        "mappings_app.view_crmobject",
        "mappings_app.view_crmfield",
        "mappings_app.view_fieldmapping",
        "mappings_app.view_fieldownership",
        "writeback.add_inboundrecord",
        "writeback.view_inboundrecord",
        "writeback.view_writeoutcome",
    ],
}

# Roles whose members use the API with a token and never log in to the browser UI.
TOKEN_ONLY_ROLES = {INTEGRATION}


def sync_roles(apps=None) -> None:
    """Create the role groups and give each exactly the permissions its patterns match."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = list(permission_model.objects.select_related("content_type"))
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = [
            permission
            for permission in permissions
            if any(fnmatch(f"{permission.content_type.app_label}.{permission.codename}", p) for p in patterns)
        ]
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    # post_migrate fires once per app (also after a test database flush), and each app's permissions are
    # created in its own turn: sync once, after the last app, when every permission exists.
    from django.apps import apps

    apps_with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is None or app_config.label != apps_with_models[-1].label:
        return
    sync_roles()


def is_token_only(user) -> bool:
    return user.groups.filter(name__in=TOKEN_ONLY_ROLES).exists() and not user.is_superuser
