"""The review item's search box finds any live record of the item's object in the mirror, by name, email or
domain, and links it in one click: no CRM id looked up through the API."""

from django.urls import reverse

from identity_app.models import MirrorRecord, ReviewStatus


def found_ids(html: str) -> list[str]:
    if 'class="table found-records"' not in html:
        return []
    table = html.split('class="table found-records"', 1)[1].split("</table>", 1)[0]
    return [part.split('"', 1)[0] for part in table.split('name="crm_id" value="')[1:]]


def test_search_by_name_email_and_domain(login, users, ambiguous_item):
    client = login(users["reviewer"])
    url = reverse("identity:item", args=[ambiguous_item.pk])

    def find(text):
        response = client.get(url, {"find": text})
        assert response.status_code == 200
        return found_ids(response.content.decode())

    assert set(find("Omar Haddad")) == {"C-3"}
    assert set(find("janet@acme.com")) == {"C-4"}
    assert set(find("JANET@ACME.COM ")) == {"C-4"}
    assert set(find("acme.com")) == {"C-1", "C-2", "C-4"}
    assert set(find("C-3")) == {"C-3"}
    assert find("nobody at all") == []
    assert (
        "No live contacts record in the mirror matches" in client.get(url, {"find": "zzz"}).content.decode()
    )


def test_a_deleted_or_merged_record_is_not_offered(login, users, ambiguous_item):
    MirrorRecord.objects.filter(crm_id="C-4").update(is_deleted=True)
    response = login(users["reviewer"]).get(
        reverse("identity:item", args=[ambiguous_item.pk]), {"find": "acme.com"}
    )
    assert set(found_ids(response.content.decode())) == {"C-1", "C-2"}


def test_a_found_record_links_with_its_button(login, users, ambiguous_item):
    client = login(users["reviewer"])
    html = client.get(reverse("identity:item", args=[ambiguous_item.pk]), {"find": "Omar"}).content.decode()
    assert found_ids(html) == ["C-3"]
    response = client.post(
        reverse("identity:item-action", args=[ambiguous_item.pk, "link"]), {"crm_id": "C-3"}
    )
    assert response.status_code == 302
    ambiguous_item.refresh_from_db()
    assert (ambiguous_item.status, ambiguous_item.resolved_crm_id) == (ReviewStatus.LINKED, "C-3")


def test_a_viewer_sees_no_search_box(login, users, ambiguous_item):
    html = login(users["viewer"]).get(reverse("identity:item", args=[ambiguous_item.pk]), {"find": "Omar"})
    assert 'name="find"' not in html.content.decode() and found_ids(html.content.decode()) == []
