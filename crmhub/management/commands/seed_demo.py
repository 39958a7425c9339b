"""Demo data: users of every role, three connections with schemas, an active catalog and a pending change."""

from pathlib import Path

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework.authtoken.models import Token

from crmhub.models import CrmConnection
from crmhub.roles import INTEGRATION, REVIEWER, SALES_OPS_ADMIN, VIEWER
from mappings_app import services
from mappings_app.models import ChangeRequest
from mappings_app.schema_yaml import schema_import_yaml

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_PASSWORD = "crmhub-demo"  # noqa: S105 - printed demo login, documented in the README
DEMO_USERS = [
    ("alice", "Alice", "Admin", SALES_OPS_ADMIN),
    ("bob", "Bob", "Approver", SALES_OPS_ADMIN),
    ("rita", "Rita", "Reviewer", REVIEWER),
    ("victor", "Victor", "Viewer", VIEWER),
    ("lead-scorer", "Lead scorer", "(integration)", INTEGRATION),
]
CONNECTIONS = [
    ("Acme HubSpot", "hubspot", "hubspot", "v3", "schema_hubspot.yaml"),
    ("Acme Salesforce", "salesforce", "salesforce", "v67.0", "schema_salesforce.yaml"),
    ("Acme Pipedrive", "pipedrive", "pipedrive", "v2", "schema_pipedrive.yaml"),
]


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
    ownership("contacts", "ai_lead_score", "ai_owned"),
    ownership("contacts", "ai_lead_score_updated_at", "ai_owned"),
    ownership("contacts", "ai_segment", "hybrid", "flag"),
    ownership("contacts", "ai_intent_topics", "ai_owned"),
    ownership("contacts", "enrichment_linkedin_url", "hybrid", "skip"),
    ownership("contacts", "enrichment_employee_count", "hybrid", "overwrite"),
    ownership("contacts", "lifecyclestage", "rep_owned"),
    ownership("companies", "ai_fit_score", "ai_owned"),
    ownership("companies", "ai_fit_score_updated_at", "ai_owned"),
    mapping(
        "lead_scorer",
        "score",
        "contacts",
        "ai_lead_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 1},
        timestamp_field="ai_lead_score_updated_at",
    ),
    mapping(
        "lead_scorer",
        "segment",
        "contacts",
        "ai_segment",
        transform="value_map",
        transform_params={"map": {"S": "smb", "M": "mid_market", "E": "enterprise"}},
    ),
    mapping(
        "lead_scorer", "topics", "contacts", "ai_intent_topics", source_type="list", transform="lowercase"
    ),
    mapping("enrichment", "linkedin", "contacts", "enrichment_linkedin_url", transform="trim"),
    mapping(
        "enrichment",
        "employees",
        "contacts",
        "enrichment_employee_count",
        source_type="integer",
        null_policy="if_empty",
    ),
    mapping(
        "fit_model",
        "fit",
        "companies",
        "ai_fit_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 2},
        timestamp_field="ai_fit_score_updated_at",
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
        "ai_lead_score",
        source_type="number",
        transform="round",
        transform_params={"digits": 0},
        timestamp_field="ai_lead_score_updated_at",
    ),
]
SALESFORCE_CATALOG = [
    ownership("Contact", "Lead_Score__c", "ai_owned"),
    ownership("Contact", "Lead_Score_Updated_At__c", "ai_owned"),
    ownership("Contact", "Buying_Stage__c", "hybrid", "skip"),
    mapping(
        "lead_scorer",
        "score",
        "Contact",
        "Lead_Score__c",
        source_type="number",
        timestamp_field="Lead_Score_Updated_At__c",
    ),
    mapping("lead_scorer", "buying_stage", "Contact", "Buying_Stage__c"),
]


class Command(BaseCommand):
    help = (
        "Load demo users, connections, schemas, an active catalog and a pending change request (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sandbox-url", default="http://127.0.0.1:8765", help="Base URL of the CRM sandbox."
        )

    @transaction.atomic
    def handle(self, *args, sandbox_url, **options):
        users = {
            username: self._user(username, first, last, role) for username, first, last, role in DEMO_USERS
        }
        alice, bob = users["alice"], users["bob"]
        for name, provider, prefix, version, schema_file in CONNECTIONS:
            connection, _ = CrmConnection.objects.get_or_create(
                name=name,
                defaults={
                    "provider": provider,
                    "base_url": f"{sandbox_url}/{prefix}",
                    "api_version": version,
                    "credentials": {"access_token": f"demo-{provider}-token"},
                },
            )
            schema_import_yaml(connection=connection, text=(DEMO_DIR / schema_file).read_text())
        self._catalog("Acme HubSpot", alice, bob, HUBSPOT_CATALOG, "Initial AI score and enrichment catalog")
        self._catalog("Acme Salesforce", bob, alice, SALESFORCE_CATALOG, "Lead score write-back")
        self._pending("Acme HubSpot", alice, HUBSPOT_PENDING, "Let the lead scorer propose lifecycle stages")
        token, _ = Token.objects.get_or_create(user=users["lead-scorer"])
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            f"  Sign in as alice / {DEMO_PASSWORD} (sales-ops admin), bob / {DEMO_PASSWORD} (second admin),"
        )
        self.stdout.write(f"  rita / {DEMO_PASSWORD} (reviewer), victor / {DEMO_PASSWORD} (viewer).")
        self.stdout.write(f"  API token of the lead-scorer integration: {token.key}")

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
