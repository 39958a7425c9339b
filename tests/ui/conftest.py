import pytest
from django.test import Client
from django.urls import reverse

from mappings_app import services
from mappings_app.models import FieldMapping
from tests import factories


@pytest.fixture
def login(db):
    """A Client signed in as the given user (a fresh client per user, so sessions never mix)."""

    def signed_in(user) -> Client:
        browser = Client()
        browser.force_login(user)
        return browser

    return signed_in


def make_catalog(users, connection):
    """Catalog v1: the score catalog, applied by a second admin."""
    return factories.apply_change(
        connection, users["admin"], users["approver"], factories.score_catalog_ops()
    )


def make_draft(users, connection):
    """An open draft by the admin: num_employees becomes AI-owned and gets a mapping."""
    return services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="Score tweaks",
        operations=[
            factories.ownership_op("num_employees", "ai_owned"),
            factories.mapping_op("employees", "num_employees", source_type="integer"),
        ],
    )


def make_submitted(users, connection):
    change = services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="Segment policy",
        operations=[factories.ownership_op("ai_segment", "hybrid", "skip")],
    )
    return services.change_request_submit(change=change, actor=users["admin"])


@pytest.fixture
def catalog(users, connection, contact_fields):
    return make_catalog(users, connection)


@pytest.fixture
def draft(users, connection, catalog):
    return make_draft(users, connection)


@pytest.fixture
def submitted(users, connection, catalog):
    return make_submitted(users, connection)


@pytest.fixture
def pages(connection, contact_fields, catalog, draft, submitted) -> dict[str, str]:
    """One URL of every read page, with data behind it."""
    mapping = FieldMapping.objects.get(source_key="score")
    return {
        "field-list": reverse("mappings:field-list"),
        "field-list-filtered": reverse("mappings:field-list") + f"?connection={connection.pk}&owner=ai_owned",
        "field-detail": reverse("mappings:field-detail", args=[contact_fields["ai_lead_score"].pk]),
        "mapping-list": reverse("mappings:mapping-list"),
        "mapping-detail": reverse("mappings:mapping-detail", args=[mapping.pk]),
        "change-list": reverse("mappings:change-list"),
        "change-detail-draft": reverse("mappings:change-detail", args=[draft.pk]),
        "change-detail-submitted": reverse("mappings:change-detail", args=[submitted.pk]),
        "change-detail-applied": reverse("mappings:change-detail", args=[catalog.change_request_id]),
        "version-list": reverse("mappings:version-list"),
        "version-detail": reverse("mappings:version-detail", args=[catalog.pk]),
        "catalog-export": reverse("mappings:catalog-export", args=[connection.pk]),
    }
