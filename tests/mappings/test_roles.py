"""The role groups the data migration creates, and what each may do with the mapping catalog."""

import pytest
from django.contrib.auth.models import Group

from crmhub.roles import INTEGRATION, REVIEWER, SALES_OPS_ADMIN, VIEWER

CATALOG_WRITE = {"add_changerequest", "approve_changerequest"}


def codenames(group_name: str, app_label: str = "mappings_app") -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.filter(content_type__app_label=app_label).values_list("codename", flat=True))


@pytest.mark.django_db
def test_the_migration_created_the_four_role_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {SALES_OPS_ADMIN, REVIEWER, VIEWER, INTEGRATION} <= names


@pytest.mark.django_db
def test_sales_ops_admins_may_draft_and_approve_change_requests():
    assert codenames(SALES_OPS_ADMIN) >= CATALOG_WRITE


@pytest.mark.django_db
@pytest.mark.parametrize("role", [REVIEWER, VIEWER, INTEGRATION])
def test_other_roles_may_neither_draft_nor_approve_change_requests(role):
    assert not CATALOG_WRITE & codenames(role)
    assert not {"change_fieldmapping", "add_fieldmapping", "change_fieldownership"} & codenames(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [REVIEWER, VIEWER])
def test_reviewers_and_viewers_may_read_the_catalog_and_its_requests(role):
    assert {
        "view_fieldmapping",
        "view_fieldownership",
        "view_changerequest",
        "view_catalogversion",
    } <= codenames(role)


@pytest.mark.django_db
def test_the_integration_role_reads_the_catalog_but_not_change_requests():
    perms = codenames(INTEGRATION)
    assert {"view_crmobject", "view_crmfield", "view_fieldmapping", "view_fieldownership"} <= perms
    assert "view_changerequest" not in perms


def test_users_get_their_role_permissions(users):
    assert users["admin"].has_perm("mappings_app.approve_changerequest")
    assert users["approver"].has_perm("mappings_app.add_changerequest")
    for role in ("reviewer", "viewer", "integration"):
        assert not users[role].has_perm("mappings_app.add_changerequest")
        assert not users[role].has_perm("mappings_app.approve_changerequest")
