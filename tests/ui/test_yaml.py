"""Catalog export and import through the browser."""

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mappings_app.models import ChangeOrigin, ChangeRequest
from mappings_app.yaml_io import catalog_export_yaml


def test_export_downloads_the_active_catalog_as_yaml(login, users, connection, catalog):
    response = login(users["viewer"]).get(reverse("mappings:catalog-export", args=[connection.pk]))
    assert response["Content-Type"].startswith("text/yaml")
    assert response["Content-Disposition"] == 'attachment; filename="acme-hubspot-catalog-v1.yaml"'
    document = yaml.safe_load(response.content)
    assert document["catalog_version"] == 1
    assert len(document["mappings"]) == 2


def test_uploaded_yaml_becomes_a_draft_with_the_differences(login, users, connection, catalog):
    document = yaml.safe_load(catalog_export_yaml(connection=connection))
    document["ownership"] = [rule for rule in document["ownership"] if rule["field"] != "lifecyclestage"]
    upload = SimpleUploadedFile("catalog.yaml", yaml.safe_dump(document).encode(), content_type="text/yaml")
    response = login(users["admin"]).post(
        reverse("mappings:catalog-import", args=[connection.pk]), {"yaml_file": upload, "title": "Tidy"}
    )
    change = ChangeRequest.objects.get(origin=ChangeOrigin.YAML)
    assert response["Location"] == reverse("mappings:change-detail", args=[change.pk])
    assert (change.title, change.status) == ("Tidy", "draft")
    assert [(item.kind, item.key) for item in change.items.all()] == [
        ("ownership_delete", "ownership:contacts.lifecyclestage")
    ]


def test_pasted_yaml_is_imported_too(login, users, connection, catalog):
    text = catalog_export_yaml(connection=connection).replace("digits: 1", "digits: 2")
    login(users["admin"]).post(reverse("mappings:catalog-import", args=[connection.pk]), {"yaml_text": text})
    item = ChangeRequest.objects.get(origin=ChangeOrigin.YAML).items.get()
    assert item.after["transform_params"] == {"digits": 2}


def test_malformed_yaml_shows_the_error_and_creates_nothing(login, users, connection, catalog):
    response = login(users["admin"]).post(
        reverse("mappings:catalog-import", args=[connection.pk]), {"yaml_text": "mappings: [\n  - {a: 1\n"}
    )
    assert response.status_code == 400
    assert "The file is not valid YAML at line" in response.content.decode()
    assert ChangeRequest.objects.count() == 1  # only the change request behind v1


def test_yaml_describing_an_invalid_catalog_lists_the_problems(login, users, connection, catalog):
    text = "ownership: []\nmappings:\n  - {source_system: s, source_key: k, object: contacts, field: email}\n"
    response = login(users["admin"]).post(
        reverse("mappings:catalog-import", args=[connection.pk]), {"yaml_text": text}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The catalog would be invalid:" in html
    assert "rep-owned" in html
    assert ChangeRequest.objects.count() == 1


def test_import_without_any_yaml_asks_for_it(login, users, connection):
    response = login(users["admin"]).post(reverse("mappings:catalog-import", args=[connection.pk]), {})
    assert "Upload a YAML file or paste its text." in response.content.decode()
    assert not ChangeRequest.objects.exists()
