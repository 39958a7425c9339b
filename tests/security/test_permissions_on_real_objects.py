"""Every URL pattern of the project, walked from the URL resolver, requested with ids of objects that exist
(the authorization matrix requests made-up ids, which a view may answer with a 404 before it ever checks a
permission) and with every action name a view knows:

- anonymous visitors are sent to the sign-in page (pages) or refused (API: 401/403), never shown a page;
- the lowest signed-in role (viewer) gets a 403 on every write, approve and decision endpoint, of the pages
  and of the API (the router's detail routes and actions included), and changes nothing;
- nobody ever gets a server error.

A new route with an id needs an entry in PK_MODELS: the first test fails until it has one, so that no
endpoint escapes the sweep."""

import contextlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from crmhub.exports.models import Destination, DestinationKind, ExportRun
from crmhub.models import CrmConnection
from crmhub.sync.models import SyncRun, SyncState, TriggerRule
from crmhub.writeback.models import InboundRecord, OutcomeStatus, ShadowSample, WritebackRun, WriteOutcome
from identity_app.models import IdentityLink, LinkMethod, MirrorRecord, ReviewItem, ValidationRun
from identity_app.views import ITEM_ACTIONS
from mappings_app.models import (
    CatalogVersion,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    Flow,
)
from mappings_app.views import CHANGE_ACTIONS
from monitoring_app.models import Alert, AlertKind, AlertRule, ChannelKind, NotificationChannel
from tests import factories
from tests.database import row_counts, rows_for_the_module
from tests.security.test_authorization_matrix import SKIPPED_PREFIXES
from tests.writeback.conftest import (
    sandbox_world,
    world,  # noqa: F401 - the write-back world, not the sync one
)
from tests.writeback_ui.conftest import (
    story,  # noqa: F401 - the fixture, shared
    story_told,
)

pytestmark = pytest.mark.database_neutral  # who may call what: the SQLite pass leaves it out

# URL name -> the model whose id the route takes. API routes are named without a namespace.
PK_MODELS = {
    "mappings:field-detail": CrmField,
    "mappings:field-propose": CrmField,
    "mappings:object-grid": CrmObject,
    "mappings:object-grid-save": CrmObject,
    "mappings:object-grid-preview": CrmObject,
    "mappings:object-grid-by-name": CrmConnection,
    "mappings:mapping-detail": FieldMapping,
    "mappings:mapping-propose-delete": FieldMapping,
    "mappings:change-detail": ChangeRequest,
    "mappings:change-action": ChangeRequest,
    "mappings:version-detail": CatalogVersion,
    "mappings:version-restore": CatalogVersion,
    "mappings:catalog-export": CrmConnection,
    "mappings:catalog-import": CrmConnection,
    "connections:auth": CrmConnection,
    "connections:test": CrmConnection,
    "connections:discover": CrmConnection,
    "connections:activate": CrmConnection,
    "identity:item": ReviewItem,
    "identity:item-action": ReviewItem,
    "identity:validation-run": ValidationRun,
    "sync:run-detail": SyncRun,
    "sync:run-now": SyncState,
    "sync:rule-edit": TriggerRule,
    "sync:rule-set-enabled": TriggerRule,
    "sync:rule-delete": TriggerRule,
    "sync:rule-test": TriggerRule,
    "sync:endpoint-edit": CrmConnection,
    "writeback:record": InboundRecord,
    "writeback:conflict-resolve": WriteOutcome,
    "writeback:flow": Flow,
    "writeback:sample-draw": Flow,
    "writeback:flow-run-now": Flow,
    "writeback:sample": ShadowSample,
    "writeback:sample-review": ShadowSample,
    "writeback:go-live": ShadowSample,
    "writeback:run": WritebackRun,
    "writeback:run-state": WritebackRun,
    "writeback:run-failures-csv": WritebackRun,
    "writeback:connection-resume": CrmConnection,
    "exports:destination-detail": Destination,
    "exports:destination-edit": Destination,
    "exports:destination-test": Destination,
    "exports:destination-run": Destination,
    "exports:destination-backfill": Destination,
    "exports:destination-reconcile": Destination,
    "exports:failed-rows-csv": Destination,
    "exports:failed-rows-replay": Destination,
    "exports:record-lineage": Destination,
    "exports:run-detail": ExportRun,
    "monitoring:flow": Flow,
    "monitoring:baseline-set": Flow,
    "monitoring:alert": Alert,
    "monitoring:alert-acknowledge": Alert,
    "monitoring:rule-edit": AlertRule,
    "monitoring:channel-edit": NotificationChannel,
    "monitoring:channel-test": NotificationChannel,
    "monitoring:channel-set-enabled": NotificationChannel,
    "output-detail": InboundRecord,
    "api-sync-run": SyncRun,
    "api-monitoring-alert": Alert,
    "api-monitoring-alert-acknowledge": Alert,
    "api-monitoring-rule": AlertRule,
    "connection": CrmConnection,
    "crm-object": CrmObject,
    "crm-field": CrmField,
    "field-ownership": FieldOwnership,
    "field-mapping": FieldMapping,
    "change-request": ChangeRequest,
    "catalog-version": CatalogVersion,
    "review-item": ReviewItem,
    "identity-link": IdentityLink,
    "validation-run": ValidationRun,
    "mirror-record": MirrorRecord,
    "destination": Destination,
    "export-run": ExportRun,
}
# Named arguments other than ids: every value the view acts on.
WORDS = {
    "mappings:change-action": list(CHANGE_ACTIONS),
    "identity:item-action": list(ITEM_ACTIONS),
    "mappings:field-propose": ["ownership", "mapping"],
    "monitoring:runbook": AlertKind.values,
    "mappings:object-grid-by-name": ["contacts"],
}
PUBLIC = {"accounts/login/"}
# POST-only endpoints that compute and change nothing, open to every reader.
READ_ONLY_POSTS = {"mappings:object-grid-preview"}  # a transform's preview on sample values
PERSONAL = {"accounts/logout/", "accounts/tokens/", "accounts/tokens/<str:pk>/revoke/"}
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _walk(resolver=None, prefix="", namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, route, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern):
            yield route, namespace + (entry.name or "")


ROUTES = sorted(
    (route, name)
    for route, name in _walk()
    if not route.startswith((*SKIPPED_PREFIXES, "webhooks/", "demo/")) and route not in PERSONAL
)


def _api_basename(name: str) -> str:
    for basename in sorted((key for key in PK_MODELS if ":" not in key), key=len, reverse=True):
        if name == basename or name.startswith(basename + "-"):
            return basename
    return name


def _paths(route: str, name: str) -> list[str]:
    """The route with real ids, once for each word its other arguments take."""
    paths = [route]
    for match in ARGUMENT.finditer(route):
        argument = match.group(1) or match.group(2)
        if argument in ("pk", "connection_pk"):
            model = PK_MODELS.get(name) or PK_MODELS[_api_basename(name)]
            values = [str(model._default_manager.order_by("pk").values_list("pk", flat=True).first())]
        else:
            values = WORDS[name]
        paths = [path.replace(match.group(0), value, 1) for path in paths for value in values]
    return ["/" + path.replace("^", "").replace("$", "") for path in paths]


def test_every_route_with_an_id_names_its_model():
    missing = [
        (route, name)
        for route, name in ROUTES
        if ("<int:" in route or "(?P<pk>" in route)
        and not (PK_MODELS.get(name) or _api_basename(name) in PK_MODELS)
    ]
    assert not missing
    assert len(ROUTES) > 130


@pytest.fixture
def objects(story, world):  # noqa: F811 - the fixtures, shared
    """One row of everything a route can name, around the write-back story (records written, in conflict,
    dead-lettered, rejected, held for review); the users by role. Built for each test of
    test_api_fuzz_on_data.py, whose writes reach the world's sandbox; this module's tests share one build."""
    return _objects_around(world)


@pytest.fixture(scope="module")
def module_objects(django_db_setup, django_db_blocker):
    """`objects` built once for the module, the world's sandbox, clock and dispatcher kept for its tests: a test
    here changes no row that another reads (each is rolled back) and nothing in the sandbox (it writes nothing, or
    reads). Yields the users' pks."""
    with contextlib.ExitStack() as kept:

        def build() -> dict[str, int]:
            world = kept.enter_context(sandbox_world())
            story_told(world)
            return {role: user.pk for role, user in _objects_around(world).items()}

        with rows_for_the_module(django_db_blocker, build) as pks:
            yield pks


@pytest.fixture
def people(module_objects, db) -> dict[str, User]:
    """The users among the module's objects, by role, fetched for the test."""
    return {role: User.objects.get(pk=pk) for role, pk in module_objects.items()}


def _objects_around(world) -> dict[str, User]:  # noqa: F811 - a world, not the fixture
    from monitoring_app.services import alert_rules_ensure_defaults

    alert_rules_ensure_defaults()
    users = world.users
    connection, flow = world.connection, world.flow
    ChangeRequest.objects.create(
        connection=connection, title="Pending", author=users["admin"], status="submitted", base_version=1
    )
    state = SyncState.objects.create(connection=connection, object_name="contacts")
    SyncRun.objects.create(
        connection=connection,
        state=state,
        object_name="contacts",
        status="completed",
        finished_at=timezone.now(),
    )
    TriggerRule.objects.create(
        name="notify",
        connection=connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="lifecyclestage",
        action_kind="outbound_webhook",
    )
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    IdentityLink.objects.create(
        connection=connection,
        object_name="contacts",
        source_system="lead_scorer",
        external_id="linked-1",
        crm_id=world.ids[0],
        method=LinkMethod.CONFIRMED,
    )
    ShadowSample.objects.create(flow=flow, created_by=users["reviewer"], size=10)
    destination = Destination.objects.create(name="cdp", kind=DestinationKind.CDP)
    ExportRun.objects.create(destination=destination, connection=connection, object_name="contacts")
    Alert.objects.create(
        rule=AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None),
        kind=AlertKind.ERROR_RATE_HIGH,
        scope_key=f"flow:{flow.pk}",
        connection=connection,
        flow=flow,
        message="Write error rate is high",
        opened_at=timezone.now() - timedelta(minutes=5),
        last_seen_at=timezone.now(),
    )
    NotificationChannel.objects.create(name="ops mail", kind=ChannelKind.EMAIL, target="ops@example.com")
    assert WriteOutcome.objects.filter(status=OutcomeStatus.CONFLICT).exists()
    empty = [model for model in set(PK_MODELS.values()) if not model._default_manager.exists()]
    assert not empty, empty
    return users


def _rows() -> dict[str, int]:
    return row_counts(leave_out=("sessions", "axes", "admin", "contenttypes", "django_rq"))


PAGES = [(route, name) for route, name in ROUTES if not route.startswith("api/")]
API = [(route, name) for route, name in ROUTES if route.startswith("api/")]


def test_anonymous_visitors_reach_no_page_and_no_endpoint(people, client):
    for route, name in PAGES:
        for path in _paths(route, name):
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if route in PUBLIC:
                    assert response.status_code == 200, path
                    continue
                assert response.status_code == 302, (method, path, response.status_code)
                assert response["Location"].startswith("/accounts/login/"), (method, path)
    anonymous = factories.api_client()
    for route, name in API:
        for path in _paths(route, name):
            for method in ("get", "post", "put", "patch", "delete"):
                response = getattr(anonymous, method)(path, {}, format="json")
                assert response.status_code in (401, 403), (method, path, response.status_code)


def test_viewers_are_refused_every_page_that_changes_something(people, client):
    """A page the viewer may read (GET answers 200 or redirects) may answer a POST as a read, changing
    nothing; every other page is a write, approve or decision endpoint, and answers its POST with a 403."""
    client.force_login(people["viewer"])
    before = _rows()
    refused, wrong = 0, []
    for route, name in PAGES:
        if route in PUBLIC:
            continue
        for path in _paths(route, name):
            read = client.get(path).status_code
            posted = client.post(path, {"action": "dismiss", "decision": "link", "ids": ["1"], "name": "x"})
            readable = read in (200, 302) or name in READ_ONLY_POSTS
            if read >= 500 or posted.status_code >= 500 or (not readable and posted.status_code != 403):
                wrong.append((path, read, posted.status_code))
            refused += posted.status_code == 403
    assert not wrong
    assert _rows() == before
    assert refused > 50  # the write endpoints answered 403, not merely "no such method"


def test_viewers_are_refused_every_api_write(people):
    api = factories.api_client(people["viewer"])
    before = _rows()
    wrong = []
    for route, name in API:
        for path in _paths(route, name):
            if api.get(path).status_code not in (200, 400, 403, 405):
                wrong.append(("get", path, api.get(path).status_code))
            for method in ("post", "put", "patch", "delete"):
                response = getattr(api, method)(path, {}, format="json")
                if response.status_code not in (403, 405):
                    wrong.append((method, path, response.status_code))
    assert not wrong
    assert _rows() == before


def test_integration_accounts_get_no_page(people, client):
    client.force_login(people["integration"])
    for route, name in PAGES:
        if route in PUBLIC:
            continue
        for path in _paths(route, name):
            assert client.get(path, follow=True).status_code in (403, 405), path


RAW = re.compile(r"\[invalid name\]|>\s*None\s*<|Traceback|&lt;[A-Za-z.]+ object at|\{&#x27;")


def test_pages_show_words_not_developer_artefacts(people, client):
    """Every page a sales-ops admin opens, with real rows on it: no filter labelled "[invalid name]", no bare
    Python None, no object repr or dict, no traceback."""
    client.force_login(people["admin"])
    found = []
    for route, name in PAGES:
        for path in _paths(route, name):
            response = client.get(path)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                found += [(path, match) for match in RAW.findall(response.content.decode())]
    assert not found
