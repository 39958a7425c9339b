import pytest
from rest_framework.test import APIClient

from tests import factories

SECRET = "sk-live-DO-NOT-LEAK-4f9c2e"


def token_client(user=None) -> APIClient:
    return factories.api_client(user)


@pytest.fixture
def client_for(users):
    """client_for("viewer") -> an APIClient authenticated with that role's token; "anonymous" has none."""

    def build(role: str) -> APIClient:
        return token_client(None if role == "anonymous" else users[role])

    return build


@pytest.fixture
def connection(db):
    return factories.make_connection(credentials={"access_token": SECRET, "client_secret": SECRET})
