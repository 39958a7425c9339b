"""The change-request diff shows, for every kind of change, the attributes that kind changes, by their labels:
an outbound mapping, a data class or a consent field is not shown as an ownership rule of dashes."""

from django.urls import reverse

from mappings_app import services
from tests import factories


def test_each_kind_of_change_shows_its_own_attributes_by_label(client, users, connection, contact_fields):
    change = services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="sections",
        operations=[
            {"kind": "data_class_set", "spec": {"object": "contacts", "field": "email", "data_class": "operational"}},
            factories.ownership_op("ai_segment", "hybrid", "flag"),
            factories.mapping_op("score", "ai_lead_score", source_type="number"),
        ],
    )  # fmt: skip
    assert factories.sign_in(client, "alice")
    response = client.get(reverse("mappings:change-detail", args=[change.pk]))
    rows = {view.item.kind: view.rows for view in response.context["items"]}
    data_class = rows["data_class_set"]
    assert [(row.label, row.after) for row in data_class] == [("Data class", "Operational")]
    assert [row.label for row in rows["ownership_set"]] == ["Owner", "When a rep edited the field"]
    assert "Source type" in [row.label for row in rows["mapping_set"]]
    html = response.content.decode()
    assert 'title="conflict_policy">When a rep edited the field</th>' in html
