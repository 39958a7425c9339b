"""Pages that do not exist and server errors answer in the hub's own layout and words, not Django's bare
"Not Found" or a traceback (with DEBUG off, as in production)."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests import factories


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_a_missing_page_says_so_in_the_hub_layout(db, client):
    client.force_login(factories.make_user("victor", "viewer"))
    response = client.get("/no-such-page/<script>x</script>")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page and 'class="mainnav"' in page and "Back to the overview" in page
    assert "<script>x</script>" not in page and "URLconf" not in page


def test_a_missing_object_does_not_show_the_exception_text(db, client):
    client.force_login(factories.make_user("victor", "viewer"))
    response = client.get("/review/999999/")
    assert response.status_code == 404
    assert "matches the given query" not in response.content.decode()


def test_a_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and "Traceback" not in page
