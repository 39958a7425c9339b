"""The connection wizard's use cases against the CRM sandbox: tokens, OAuth with state and PKCE, a real test
call with plain-words failures, discovery into the catalog, and admins only."""

import httpx
import pytest
from django.urls import reverse

from crm_sandbox import Sandbox
from crmhub.connectors import CrmAuthError, get_connector
from crmhub.connectors.oauth import pkce_challenge
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from crmhub.core.errors import ApplicationError, PermissionDeniedError
from crmhub.models import ConnectionStatus, CrmConnection
from mappings_app import connection_setup
from mappings_app.models import CrmField
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sandbox():
    return Sandbox(seed=5)


@pytest.fixture
def in_process(sandbox):
    def build(connection, **options):
        return get_connector(
            connection, transport=sandbox.transport(), rate_budget=RateBudget.in_memory(), **options
        )

    with connector_factory(build):
        yield sandbox


def _authorize(sandbox, url: str) -> str:
    """What the admin's browser does on the CRM's consent page: follow it to the redirect with the code."""
    path = url.split("sandbox.test", 1)[1]
    answer = httpx.Client(transport=sandbox.transport()).get(f"http://sandbox.test{path}")
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def test_a_hubspot_private_app_token_is_tested_and_the_schema_discovered(in_process, users):
    account = in_process.add_account("hubspot", name="acme", contacts=3, companies=1)
    admin = users["admin"]
    connection = connection_setup.connection_draft_create(
        actor=admin, provider="hubspot", name="Acme HubSpot"
    )
    assert connection.status == ConnectionStatus.PAUSED

    connection_setup.connection_token_set(
        connection=connection,
        actor=admin,
        token=account.credentials["access_token"],
        base_url=account.base_url,
    )
    result = connection_setup.connection_test(connection=connection, actor=admin)
    assert result.ok, result.message
    assert "Read the fields of contacts" in result.details[0]

    found = connection_setup.connection_discover(
        connection=connection, actor=admin, objects=["contacts", "deals"]
    )
    assert [obj.name for obj in found.objects] == ["contacts", "deals"]
    assert CrmField.objects.filter(
        crm_object__connection=connection, crm_object__name="contacts"
    ).count() == (found.objects[0].field_count)
    connection_setup.connection_activate(connection=connection, actor=admin)
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.ACTIVE
    assert connection.credentials == {"access_token": account.credentials["access_token"]}


def test_a_wrong_token_and_a_wrong_address_fail_in_plain_words(in_process, users):
    account = in_process.add_account("pipedrive", name="acme-pd", contacts=2, companies=1)
    admin = users["admin"]
    connection = connection_setup.connection_draft_create(actor=admin, provider="pipedrive", name="Acme PD")

    connection_setup.connection_token_set(
        connection=connection, actor=admin, token="not-the-token", base_url=account.base_url
    )
    wrong_token = connection_setup.connection_test(connection=connection, actor=admin)
    assert not wrong_token.ok
    assert wrong_token.message.startswith("Pipedrive refused the credentials: the token or code is wrong")
    assert "not-the-token" not in wrong_token.message

    connection_setup.connection_token_set(
        connection=connection,
        actor=admin,
        token=account.credentials["api_token"],
        base_url="http://127.0.0.1:9",
    )
    with connector_factory(
        lambda c, **options: get_connector(c, rate_budget=RateBudget.in_memory(), **options)
    ):
        unreachable = connection_setup.connection_test(connection=connection, actor=admin)
    assert unreachable.message.startswith("Nothing answered at http://127.0.0.1:9")

    connection_setup.connection_token_set(
        connection=connection,
        actor=admin,
        token=account.credentials["api_token"],
        base_url="http://sandbox.test/nowhere",
    )
    not_a_crm = connection_setup.connection_test(connection=connection, actor=admin)
    assert "not as a Pipedrive API (404 Not Found)" in not_a_crm.message


def test_missing_permission_is_named_as_such():
    crm = CrmConnection(provider="hubspot", name="x", base_url="https://api.hubapi.com")
    denied = CrmAuthError("hubspot 403: This app hasn't been granted all required scopes", status_code=403)
    text = connection_setup.problem_in_words(denied, crm, object_name="contacts")
    assert text.startswith(
        "HubSpot accepted the credentials, but they lack the permission to read the fields"
    )


def test_salesforce_oauth_uses_state_and_pkce_and_keeps_the_instance(in_process, users):
    account = in_process.add_account("salesforce", name="acme-sf", contacts=2, companies=1)
    admin = users["admin"]
    connection = connection_setup.connection_draft_create(actor=admin, provider="salesforce", name="Acme SF")
    redirect_uri = "http://hub.test/connections/oauth/callback/"
    auth = connection_setup.connection_oauth_start(
        connection=connection,
        actor=admin,
        client_id=account.client_id,
        client_secret=account.client_secret,
        auth_host="http://sandbox.test",
        base_url="",
        redirect_uri=redirect_uri,
    )
    assert f"state={auth.state}" in auth.url
    assert f"code_challenge={pkce_challenge(auth.code_verifier)}" in auth.url
    code = httpx.URL(_authorize(in_process, auth.url)).params["code"]

    with pytest.raises(ApplicationError, match="Salesforce refused the credentials"):
        connection_setup.connection_oauth_finish(
            connection=connection,
            actor=admin,
            code=code,
            redirect_uri=redirect_uri,
            code_verifier="wrong" * 10,
        )
    again = connection_setup.connection_oauth_start(
        connection=connection,
        actor=admin,
        client_id=account.client_id,
        client_secret=account.client_secret,
        auth_host="http://sandbox.test",
        base_url="",
        redirect_uri=redirect_uri,
    )
    code = httpx.URL(_authorize(in_process, again.url)).params["code"]
    connection_setup.connection_oauth_finish(
        connection=connection,
        actor=admin,
        code=code,
        redirect_uri=redirect_uri,
        code_verifier=again.code_verifier,
    )
    connection.refresh_from_db()
    assert connection.base_url == "http://sandbox.test"
    assert connection.credentials["login_url"] == "http://sandbox.test"
    assert connection.credentials["integration_user_id"] == account.integration_user_id
    assert connection_setup.connection_test(connection=connection, actor=admin).ok


def test_only_credential_managers_may_connect(users, client):
    with pytest.raises(PermissionDeniedError):
        connection_setup.connection_draft_create(actor=users["viewer"], provider="hubspot", name="Nope")
    factories.sign_in(client, "victor")
    assert client.get(reverse("connections:new")).status_code == 403
    assert client.post(reverse("connections:new"), {"provider": "hubspot", "name": "Nope"}).status_code == 403
    assert client.get(reverse("connections:list")).status_code == 200


def test_an_abandoned_oauth_sign_in_keeps_the_working_token(in_process, users):
    account = in_process.add_account("hubspot", name="acme-keep", contacts=2, companies=1)
    admin = users["admin"]
    connection = connection_setup.connection_draft_create(actor=admin, provider="hubspot", name="Keep")
    connection_setup.connection_token_set(
        connection=connection,
        actor=admin,
        token=account.credentials["access_token"],
        base_url=account.base_url,
    )
    connection_setup.connection_oauth_start(
        connection=connection,
        actor=admin,
        client_id=account.client_id,
        client_secret=account.client_secret,
        auth_host=account.base_url,
        base_url="",
        redirect_uri="http://hub.test/connections/oauth/callback/",
    )  # ...and the admin never comes back from the consent page
    assert connection_setup.connection_test(connection=connection, actor=admin).ok


def test_the_connection_list_reads_in_a_fixed_number_of_queries(users, client, django_assert_max_num_queries):
    for number in range(3):
        factories.make_connection(name=f"crm-{number}")
    factories.sign_in(client, "alice")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("connections:list")).status_code == 200
