"""Plain builders for test data. Each returns saved rows with sensible defaults."""

from django.contrib.auth.models import Group, User

from crmhub.models import CrmConnection
from crmhub.roles import INTEGRATION, REVIEWER, SALES_OPS_ADMIN, VIEWER
from crmhub.writeback.models import FlowGrant
from mappings_app.models import CrmField, CrmObject

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if role == SALES_OPS_ADMIN:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def make_connection(name: str = "acme-hubspot", provider: str = "hubspot", **extra) -> CrmConnection:
    defaults = {
        "base_url": "https://api.hubapi.com",
        "api_version": "v3",
        "credentials": {"access_token": "t0k"},
    }
    return CrmConnection.objects.create(name=name, provider=provider, **{**defaults, **extra})


CONTACT_FIELDS = [
    # name, type, extra
    ("email", "email", {}),
    ("firstname", "string", {"max_length": 80}),
    ("ai_lead_score", "number", {}),
    ("ai_lead_score_updated_at", "datetime", {}),
    ("ai_segment", "picklist", {"picklist_options": ["smb", "mid_market", "enterprise"]}),
    ("lifecyclestage", "picklist", {"picklist_options": ["lead", "mql", "sql", "customer"]}),
    ("hubspot_owner_id", "reference", {"external_options": True}),
    ("hs_object_id", "string", {"writable": False}),
    ("num_employees", "integer", {}),
    ("is_target_account", "boolean", {}),
    ("renewal_date", "date", {}),
]


def make_contact_schema(connection: CrmConnection, object_name: str = "contacts") -> dict[str, CrmField]:
    crm_object = CrmObject.objects.create(connection=connection, name=object_name, label=object_name.title())
    fields = {}
    for name, field_type, extra in CONTACT_FIELDS:
        fields[name] = CrmField.objects.create(
            crm_object=crm_object,
            name=name,
            label=name.replace("_", " ").title(),
            field_type=field_type,
            **extra,
        )
    return fields


def role_users() -> dict[str, User]:
    return {
        "admin": make_user("alice", SALES_OPS_ADMIN, first_name="Alice"),
        "approver": make_user("bob", SALES_OPS_ADMIN, first_name="Bob"),
        "reviewer": make_user("rita", REVIEWER),
        "viewer": make_user("victor", VIEWER),
        "integration": make_user("scorer-bot", INTEGRATION),
    }


def ownership_op(field: str, owner: str, policy: str = "", object_name: str = "contacts") -> dict:
    return {
        "kind": "ownership_set",
        "spec": {"object": object_name, "field": field, "owner": owner, "conflict_policy": policy},
    }


def mapping_op(source_key: str, field: str, object_name: str = "contacts", **spec) -> dict:
    spec = {
        "source_system": "lead_scorer",
        "source_key": source_key,
        "object": object_name,
        "field": field,
        **spec,
    }
    return {"kind": "mapping_set", "spec": spec}


def apply_change(connection, author, approver, operations, title="Test change"):
    """Draft, submit, approve (by a second person) and apply; returns the new catalog version."""
    from mappings_app import services

    change = services.change_request_create(
        connection=connection, author=author, title=title, operations=operations
    )
    services.change_request_submit(change=change, actor=author)
    services.change_request_approve(change=change, approver=approver)
    return services.change_request_apply(change=change, actor=approver)


def score_catalog_ops() -> list[dict]:
    """A small sound catalog: an AI score with its timestamp, a hybrid segment, a lifecycle stage."""
    return [
        ownership_op("ai_lead_score", "ai_owned"),
        ownership_op("ai_lead_score_updated_at", "ai_owned"),
        ownership_op("ai_segment", "hybrid", "flag"),
        ownership_op("lifecyclestage", "rep_owned"),
        mapping_op(
            "score",
            "ai_lead_score",
            source_type="number",
            transform="round",
            transform_params={"digits": 1},
            timestamp_field="ai_lead_score_updated_at",
        ),
        mapping_op(
            "segment",
            "ai_segment",
            transform="value_map",
            transform_params={"map": {"S": "smb", "M": "mid_market", "E": "enterprise"}},
        ),
    ]


def grant_flow(user: User, flow) -> FlowGrant:
    """Let an integration account post outputs into `flow`."""
    return FlowGrant.objects.get_or_create(integration_user=user, flow=flow)[0]


def make_token(user: User) -> str:
    """A fresh API token for `user` (the secret, as the user would send it; only its digest is stored)."""
    from knox.models import AuthToken

    return AuthToken.objects.create(user=user)[1]


def api_client(user: User | None = None):
    """A DRF test client sending `user`'s API token (anonymous without a user)."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {make_token(user)}")
    return client


def sign_in(client, username: str, password: str = PASSWORD) -> bool:
    """Django's test-client login through the whole authentication stack, django-axes included (which
    needs the request that a browser sign-in would carry)."""
    from django.test import RequestFactory

    return client.login(
        request=RequestFactory().post("/accounts/login/"), username=username, password=password
    )


def sandbox_connector_builder(sandbox):
    """A connector factory on the in-process sandbox whose rate budget and retry sleeps move the sandbox's
    manual clock instead of waiting."""
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(connection):
        budget = RateBudget.in_memory("sync", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp())
        return get_connector(connection, transport=sandbox.transport(), rate_budget=budget, sleep=sleep)

    return build
