"""Demo data: users of every role, three connections on the CRM sandbox with discovered schemas and webhook
endpoints, an active catalog and a pending change request."""

import secrets
from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.db import transaction
from knox.models import AuthToken

from crm_sandbox import Sandbox
from crm_sandbox.demo import cases
from crm_sandbox.demo.command import DemoCommand
from crm_sandbox.demo.management.commands.crm_sandbox import ACCOUNTS
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.models import CrmConnection
from crmhub.roles import INTEGRATION, REVIEWER, SALES_OPS_ADMIN, VIEWER
from crmhub.sync.models import WebhookEndpoint
from crmhub.sync.webhooks import webhook_endpoint_save
from crmhub.writeback.models import FlowGrant
from mappings_app import services
from mappings_app.models import ChangeRequest, CrmObject, Flow
from mappings_app.schema_sync import crm_schema_sync

DEMO_PASSWORD = "crmhub-demo"  # noqa: S105 - printed demo login, documented in the README
DEMO_SEED = 7
DEMO_USERS = [
    ("alice", "Alice", "Admin", SALES_OPS_ADMIN),
    ("bob", "Bob", "Approver", SALES_OPS_ADMIN),
    ("rita", "Rita", "Reviewer", REVIEWER),
    ("victor", "Victor", "Viewer", VIEWER),
    ("lead-scorer", "Lead scorer", "(integration)", INTEGRATION),
]
# Connection name -> the sandbox account it talks to (crm_sandbox serves these accounts).
CONNECTIONS = {
    "Acme Salesforce": "acme-salesforce",
    "Acme HubSpot": "acme-hubspot",
    "Acme Pipedrive": "acme-pipedrive",
}


def ownership(object_name, field, owner, policy=""):
    return {
        "kind": "ownership_set",
        "spec": {"object": object_name, "field": field, "owner": owner, "conflict_policy": policy},
    }


def mapping(source_system, source_key, object_name, field, **spec):
    return {
        "kind": "mapping_set",
        "spec": {
            "source_system": source_system,
            "source_key": source_key,
            "object": object_name,
            "field": field,
            **spec,
        },
    }


HUBSPOT_CATALOG = [
    ownership("contacts", "ai_score", "ai_owned"),
    ownership("contacts", "ai_score_updated_at", "ai_owned"),
    ownership("contacts", "ai_segment", "hybrid", "flag"),
    ownership("contacts", "jobtitle", "hybrid", "skip"),
    ownership("contacts", "lifecyclestage", "rep_owned"),
    ownership("contacts", "hs_lead_status", "ai_owned"),
    ownership("companies", "ai_score", "ai_owned"),
    ownership("companies", "ai_score_updated_at", "ai_owned"),
    ownership("companies", "numberofemployees", "hybrid", "overwrite"),
    mapping(
        "lead_scorer",
        "score",
        "contacts",
        "ai_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 1},
        timestamp_field="ai_score_updated_at",
    ),
    mapping(
        "lead_scorer",
        "segment",
        "contacts",
        "ai_segment",
        transform="value_map",
        transform_params={"map": {"S": "smb", "M": "mid_market", "E": "enterprise"}},
    ),
    mapping("lead_scorer", "lead_status", "contacts", "hs_lead_status"),
    mapping("enrichment", "job_title", "contacts", "jobtitle", transform="trim"),
    mapping(
        "fit_model",
        "fit",
        "companies",
        "ai_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 2},
        timestamp_field="ai_score_updated_at",
    ),
    mapping(
        "enrichment",
        "employees",
        "companies",
        "numberofemployees",
        source_type="integer",
        null_policy="if_empty",
    ),
]
HUBSPOT_PENDING = [
    ownership("contacts", "lifecyclestage", "hybrid", "flag"),
    mapping(
        "lead_scorer",
        "stage",
        "contacts",
        "lifecyclestage",
        transform="value_map",
        transform_params={"map": {"mql": "marketingqualifiedlead", "sql": "salesqualifiedlead"}},
    ),
    mapping(
        "lead_scorer",
        "score",
        "contacts",
        "ai_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 0},
        timestamp_field="ai_score_updated_at",
    ),
]
SALESFORCE_CATALOG = [
    ownership("Contact", "AI_Score__c", "ai_owned"),
    ownership("Contact", "AI_Score_Updated__c", "ai_owned"),
    ownership("Contact", "Segment__c", "hybrid", "skip"),
    mapping(
        "lead_scorer",
        "score",
        "Contact",
        "AI_Score__c",
        source_type="number",
        timestamp_field="AI_Score_Updated__c",
    ),
    mapping(
        "lead_scorer",
        "segment",
        "Contact",
        "Segment__c",
        transform="value_map",
        transform_params={"map": {"S": "SMB", "M": "Mid-Market", "E": "Enterprise"}},
    ),
]


# (connection, flow name, source system, CRM object, mode)
DEMO_FLOWS = [
    ("Acme HubSpot", "Lead scores", "lead_scorer", "contacts", "live"),
    ("Acme HubSpot", "Company fit", "fit_model", "companies", "shadow"),
    ("Acme Salesforce", "Lead scores (Salesforce)", "lead_scorer", "Contact", "shadow"),
]


WAREHOUSE_COLUMNS = [
    ("contacts", "email", "email_sha256", {"transform": "sha256_email"}),
    ("contacts", "lifecyclestage", "lifecycle_stage", {}),
    ("contacts", "jobtitle", "job_title", {}),
    ("contacts", "associatedcompanyid", "company_id", {}),
    ("companies", "name", "name", {}),
    ("companies", "industry", "industry", {}),
    ("companies", "numberofemployees", "employees", {"target_type": "double"}),
    ("deals", "dealname", "name", {}),
    ("deals", "dealstage", "stage", {}),
    ("deals", "amount", "amount", {"target_type": "double"}),
    ("deals", "associatedcompanyid", "company_id", {}),
]


def demo_webhook_secrets(account) -> dict[str, str]:
    """Fresh secrets in the shape the hub's receiver for the account's provider checks."""
    provider = account.provider.name
    if provider == "hubspot":
        return {"client_secret": secrets.token_urlsafe(24)}
    if provider == "pipedrive":
        return {"username": "crmhub-demo", "password": secrets.token_urlsafe(24)}
    return {
        "shared_secret": secrets.token_urlsafe(24),
        "organization_id": account.org_id,
        "outbound_secret": secrets.token_urlsafe(24),
    }


class Command(DemoCommand):
    help = (
        "Load demo users, connections, schemas, webhook endpoints, an active catalog and a pending change request "
        "(idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sandbox-url", default="http://127.0.0.1:8765", help="Base URL of the CRM sandbox."
        )
        parser.add_argument(
            "--no-token", action="store_true", help="Issue no API token (run_demo issues one for its banner)."
        )

    @transaction.atomic
    def handle(self, *args, sandbox_url, no_token=False, **options):
        users = {
            username: self._user(username, first, last, role) for username, first, last, role in DEMO_USERS
        }
        alice, bob = users["alice"], users["bob"]
        sandbox = Sandbox(seed=DEMO_SEED)
        for connection_name, account_name in CONNECTIONS.items():
            provider = dict(ACCOUNTS)[account_name]
            account = sandbox.add_account(
                provider, name=account_name, contacts=5, companies=2, deals_per_company=1
            )
            # the account's URL on the served sandbox: Salesforce at the host root (an instance URL has no path)
            base_url = sandbox_url.rstrip("/") + account.base_url.removeprefix(sandbox.base_host)
            connection = self._connection(connection_name, account, base_url)
            self._discover(connection, account, sandbox)
            self._webhook_endpoint(connection, account, alice)
        self._catalog("Acme HubSpot", alice, bob, HUBSPOT_CATALOG, "Initial AI score and enrichment catalog")
        self._catalog("Acme Salesforce", bob, alice, SALESFORCE_CATALOG, "Lead score write-back")
        self._warehouse("Acme HubSpot", alice, bob)
        self._pending("Acme HubSpot", alice, HUBSPOT_PENDING, "Let the lead scorer propose lifecycle stages")
        for connection_name, flow_name, source, object_name, mode in DEMO_FLOWS:
            flow = self._flow(connection_name, flow_name, source, object_name, mode)
            if source == "lead_scorer":  # the lead-scorer integration posts into its own flows only
                FlowGrant.objects.get_or_create(
                    integration_user=users["lead-scorer"], flow=flow, defaults={"granted_by": alice}
                )
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if no_token:
            return
        # Tokens are stored hashed: a fresh one is issued (and printed) each time the demo is seeded.
        AuthToken.objects.filter(user=users["lead-scorer"]).delete()
        _, token = AuthToken.objects.create(user=users["lead-scorer"])
        self.stdout.write(
            f"  Sign in as alice / {DEMO_PASSWORD} (sales-ops admin), bob / {DEMO_PASSWORD} (second admin),"
        )
        self.stdout.write(f"  rita / {DEMO_PASSWORD} (reviewer), victor / {DEMO_PASSWORD} (viewer).")
        self.stdout.write("  API token of the lead-scorer integration: " + token)

    def _connection(self, name, account, base_url):
        """A connection to the sandbox server; its tokens are the sandbox's (deterministic for the seed)."""
        credentials = {**account.credentials, "login_url": base_url, "oauth_url": base_url}
        for key in ("instance_url", "api_domain"):
            if key in credentials:
                credentials[key] = base_url
        connection, _ = CrmConnection.objects.update_or_create(
            name=name,
            defaults={
                "provider": account.provider.name,
                "base_url": base_url,
                "api_version": account.api_version,
                "credentials": credentials,
            },
        )
        return connection

    def _discover(self, connection, account, sandbox):
        """Schema discovery through the connector, against an in-process copy of the same sandbox account."""
        in_process = CrmConnection(
            provider=connection.provider,
            base_url=account.base_url,
            api_version=connection.api_version,
            credentials={**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url},
        )
        connector = get_connector(
            in_process, transport=sandbox.transport(), rate_budget=RateBudget.in_memory()
        )
        # HubSpot's catalog is discovered as it was before the CRM admin retired a lead status (a demo case).
        retired = (
            cases.retired_option_listed(account) if account.provider.name == "hubspot" else nullcontext()
        )
        with retired:
            crm_schema_sync(connection=connection, schemas=connector.discover_schema())

    def _webhook_endpoint(self, connection, account, actor):
        """The endpoint `crm_sandbox --hub-url` sends this account's rep edits to; secrets it lacks are generated
        (a second run keeps the token and the secrets)."""
        endpoint = WebhookEndpoint.objects.filter(connection=connection).first()
        current = endpoint or WebhookEndpoint(connection=connection)
        missing = {
            name: value
            for name, value in demo_webhook_secrets(account).items()
            if not (current.secrets or {}).get(name)
        }
        if endpoint is not None and not missing:
            return
        webhook_endpoint_save(
            connection=connection,
            actor=actor,
            enabled=current.enabled,
            max_age_seconds=current.max_age_seconds,
            secrets=missing,
        )

    def _user(self, username, first, last, role):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": role == SALES_OPS_ADMIN},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        return user

    def _catalog(self, connection_name, author, approver, operations, title):
        connection = CrmConnection.objects.get(name=connection_name)
        if connection.catalog_version > 0:
            return
        change = services.change_request_create(
            connection=connection, author=author, title=title, operations=operations
        )
        services.change_request_submit(change=change, actor=author)
        services.change_request_approve(
            change=change, approver=approver, note="Checked against the field list."
        )
        services.change_request_apply(change=change, actor=approver)

    def _warehouse(self, connection_name, author, approver):
        """The zero-setup warehouse: a DuckDB file under var/, fed by HubSpot contacts, companies and deals."""
        from django.conf import settings

        from crmhub.exports.models import Destination, DestinationKind, WarehouseType

        path = Path(settings.BASE_DIR) / "var" / "warehouse.duckdb"
        destination, _ = Destination.objects.get_or_create(
            name="Analytics warehouse",
            defaults={
                "kind": DestinationKind.WAREHOUSE,
                "warehouse_type": WarehouseType.DUCKDB,
                "dataset_name": "crm",
                "credentials": {"path": str(path)},
                "allowed_data_classes": ["identifier", "contact_personal", "operational"],
            },
        )
        if destination.outbound_mappings.exists():
            return
        connection = CrmConnection.objects.get(name=connection_name)
        operations = [
            {
                "kind": "outbound_set",
                "spec": {
                    "destination": destination.name,
                    "object": obj,
                    "field": field,
                    "target": target,
                    **extra,
                },
            }
            for obj, field, target, extra in WAREHOUSE_COLUMNS
        ]
        change = services.change_request_create(
            connection=connection,
            author=author,
            title="Contacts, companies and deals into the warehouse",
            operations=operations,
        )
        services.change_request_submit(change=change, actor=author)
        services.change_request_approve(
            change=change, approver=approver, note="Minimal columns; email hashed."
        )
        services.change_request_apply(change=change, actor=approver)

    def _flow(self, connection_name, name, source_system, object_name, mode):
        connection = CrmConnection.objects.get(name=connection_name)
        crm_object = CrmObject.objects.get(connection=connection, name=object_name)
        return Flow.objects.get_or_create(
            connection=connection,
            name=name,
            defaults={"source_system": source_system, "crm_object": crm_object, "mode": mode},
        )[0]

    def _pending(self, connection_name, author, operations, title):
        connection = CrmConnection.objects.get(name=connection_name)
        if ChangeRequest.objects.filter(connection=connection, title=title).exists():
            return
        change = services.change_request_create(
            connection=connection,
            author=author,
            title=title,
            description="The scorer now predicts the lifecycle stage; reps keep the last word (hybrid, flag).",
            operations=operations,
        )
        services.change_request_submit(change=change, actor=author)
        services.change_request_comment(
            change=change, author=author, body="Rounding the score to whole points too."
        )
