"""Layout: a designed 403 page with the reason and a way back, the API docs in the navigation, the catalog's
Export/Import YAML reachable without filtering first."""

from django.urls import reverse

from tests import factories


def test_the_403_page_says_why_who_you_are_and_offers_a_way_back(login, users, connection):
    response = login(users["viewer"]).get(reverse("mappings:catalog-import", args=[connection.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not open this page" in html
    assert "your role does not include the permission" in html
    assert "signed in as <strong>victor</strong>" in html and "<em>viewer</em>" in html
    assert f'href="{reverse("home")}"' in html and "data-history-back" in html
    assert 'class="mainnav"' in html  # the site's own layout, navigation included


def test_a_user_without_a_role_is_told_so(login, db):
    nobody = factories.make_user("norole")
    html = login(nobody).get(reverse("writeback:records")).content.decode()
    assert "without a role" in html and "ask one if you need this page" in html


def test_the_api_docs_are_in_the_navigation(login, users):
    html = login(users["viewer"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("api-docs")}"' in html


def test_export_and_import_yaml_show_on_the_unfiltered_catalog(login, users, connection, contact_fields):
    admin_html = login(users["admin"]).get(reverse("mappings:field-list")).content.decode()
    assert reverse("mappings:catalog-export", args=[connection.pk]) in admin_html
    assert reverse("mappings:catalog-import", args=[connection.pk]) in admin_html
    viewer_html = login(users["viewer"]).get(reverse("mappings:field-list")).content.decode()
    assert reverse("mappings:catalog-export", args=[connection.pk]) in viewer_html
    assert reverse("mappings:catalog-import", args=[connection.pk]) not in viewer_html  # may not draft
