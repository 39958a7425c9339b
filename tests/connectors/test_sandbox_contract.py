"""Contract tests: each connector against the sandbox, which speaks the real APIs' wire formats."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import CrmAuthError, CrmRateLimited, RecordUpdate, WriteStatus, get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.models import CrmConnection
from mappings_app.models import CrmField
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

pytestmark = pytest.mark.database_neutral  # a CRM's protocol: the SQLite pass leaves it out

START = datetime(2026, 11, 1, tzinfo=UTC)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
OBJECT = {"salesforce": "Contact", "hubspot": "contacts", "pipedrive": "persons"}


class Recording(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.statuses: list[int] = []

    def handle_request(self, request):
        self.requests.append(request)
        response = self.inner.handle_request(request)
        self.statuses.append(response.status_code)
        return response

    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]


@pytest.fixture
def sandbox():
    return Sandbox(seed=7, clock=ManualClock(START))


@pytest.fixture
def crm(db, sandbox, clock):
    """crm(provider, contacts=40) -> (account, connector, recording transport)."""

    def build(provider: str, contacts: int = 40, **connector_kwargs):
        account = sandbox.add_account(provider, name=f"acme-{provider}", contacts=contacts, companies=5)
        # The sandbox serves every host under its base URL, token endpoints included.
        # The Pipedrive connector learns its own user from GET /v1/users/me, as it must with a real account.
        credentials = {**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url}
        connection = factories.make_connection(
            name=f"sandbox-{provider}",
            provider=provider,
            base_url=account.base_url,
            api_version=account.api_version,
            credentials=credentials,
        )
        transport = Recording(sandbox.transport())

        def sleep(seconds: float) -> None:  # waiting moves the CRM's time too
            clock.sleep(seconds)
            sandbox.clock.advance(seconds)

        connector = get_connector(
            connection,
            transport=transport,
            rate_budget=RateBudget.in_memory(provider, sleep=sleep, clock=clock),
            sleep=sleep,
            **connector_kwargs,
        )
        return account, connector, transport

    return build


def all_ids(pages) -> list[str]:
    return [record.id for page in pages for record in page]


# -- every provider -------------------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_full_read_returns_every_live_record_once(crm, provider):
    account, connector, _ = crm(provider)
    ids = all_ids(connector.iter_changes(OBJECT[provider], since=EPOCH, fields=[]))
    assert sorted(ids) == sorted(str(i) for i in account.record_ids(OBJECT[provider]))


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_discovery_into_the_catalog_marks_a_vanished_field(crm, provider):
    account, connector, _ = crm(provider)
    crm_schema_sync(connection=connector.connection, schemas=connector.discover_schema([OBJECT[provider]]))
    score = (
        account.field_key("ai_score")
        if provider == "pipedrive"
        else {"salesforce": "AI_Score__c"}.get(provider, "ai_score")
    )
    row = CrmField.objects.get(crm_object__connection=connector.connection, name=score)
    assert (row.field_type, row.writable, row.is_deleted) == ("number", True, False)
    account.change_schema(OBJECT[provider], score if provider != "pipedrive" else "ai_score", deleted=True)
    if provider == "pipedrive":
        connector._schemas.clear()
    summary = crm_schema_sync(
        connection=connector.connection, schemas=connector.discover_schema([OBJECT[provider]])
    )
    row.refresh_from_db()
    assert row.is_deleted and summary.fields_deleted == [f"{OBJECT[provider]}.{score}"]


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_rep_edit_is_human_and_our_write_is_not(crm, sandbox, provider):
    account, connector, _ = crm(provider)
    obj = OBJECT[provider]
    first, second = [str(i) for i in account.record_ids(obj)[:2]]
    field, value = {
        "salesforce": ("Title", "VP Sales"),
        "hubspot": ("jobtitle", "VP Sales"),
        "pipedrive": ("name", "Ada Lovelace"),
    }[provider]
    sandbox.clock.advance(60)
    account.rep_edit(obj, first, {field: value})
    edit_time = sandbox.clock.now()
    sandbox.clock.advance(60)
    results = connector.write(obj, [RecordUpdate(second, {field: "Written by the hub"})])
    assert results[0].ok, results[0]
    edits = connector.last_human_edits(obj, [first, second], [field])
    assert abs(edits[first][field] - edit_time) < timedelta(seconds=2)
    assert edits[second][field] is None or edits[second][field] < START + timedelta(seconds=1)
    assert connector.read_records(obj, [second], [field])[second][field] == "Written by the hub"


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_incremental_read_sees_a_change_after_the_watermark(crm, sandbox, provider):
    account, connector, _ = crm(provider)
    obj = OBJECT[provider]
    sandbox.clock.advance(3600)
    watermark = sandbox.clock.now()
    sandbox.clock.advance(30)
    target = str(account.record_ids(obj)[3])
    field = {"salesforce": "Title", "hubspot": "jobtitle", "pipedrive": "job_title"}[provider]
    account.rep_edit(obj, target, {field: "CTO"})
    sandbox.clock.advance(30)  # past HubSpot's search lag, if any
    pages = list(connector.iter_changes(obj, since=watermark, fields=[field], overlap=timedelta(seconds=5)))
    changed = {r.id: r for page in pages for r in page}
    assert target in changed and changed[target].values[field] == "CTO"
    assert changed[target].modified_at >= watermark


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_server_errors_are_retried_until_the_read_succeeds(crm, provider):
    account, connector, transport = crm(provider, transient_attempts=8, page_size=200)
    account.faults.set(error_rate=0.5)
    ids = []
    while not any(status >= 500 for status in transport.statuses):  # until a 5xx has been survived
        ids = all_ids(connector.iter_changes(OBJECT[provider], since=EPOCH, fields=[]))
    account.faults.clear()
    assert sorted(ids) == sorted(str(i) for i in account.record_ids(OBJECT[provider]))


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_rate_limit_storm_ends_as_rate_limited_results(crm, provider):
    account, connector, _ = crm(provider, rate_limit_waits=2, max_rate_limit_wait=30)
    obj = OBJECT[provider]
    if provider == "pipedrive":
        connector.discover_schema([obj])
    target = str(account.record_ids(obj)[0])
    account.faults.set(rate_limit_storm=1.0)
    field = {"salesforce": "Title", "hubspot": "jobtitle", "pipedrive": "name"}[provider]
    results = connector.write(obj, [RecordUpdate(target, {field: "x"})])
    account.faults.clear()
    assert results[0].status == WriteStatus.RATE_LIMITED
    with pytest.raises(CrmRateLimited):
        account.faults.set(rate_limit_storm=1.0)
        connector.read_records(obj, [target], [field])


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_expired_access_token_is_refreshed_and_saved(crm, provider):
    account, connector, transport = crm(provider)
    old = connector.credentials["access_token"]
    account.expire_access_token()
    connector.discover_schema([OBJECT[provider]])
    stored = CrmConnection.objects.get(pk=connector.connection.pk).credentials
    assert stored["access_token"] != old
    assert any(path.endswith("/token") for path in transport.paths())


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_revoked_refresh_token_is_an_auth_error(crm, provider):
    account, connector, _ = crm(provider)
    account.expire_access_token()
    account.revoke_refresh_token()
    with pytest.raises(CrmAuthError):
        connector.discover_schema([OBJECT[provider]])


# -- Salesforce -----------------------------------------------------------------------------------


def test_salesforce_expired_cursor_restarts_without_losing_or_repeating(crm, sandbox):
    account, connector, transport = crm("salesforce", contacts=700, page_size=200)
    pages = connector.iter_changes("Contact", since=EPOCH, fields=["Email"])
    seen = all_ids([next(pages)])
    sandbox.clock.advance(16 * 60)  # the cursor idles out
    seen += all_ids(pages)
    assert sorted(seen) == sorted(account.record_ids("Contact"))
    assert len(seen) == len(set(seen))
    assert sum(1 for p in transport.paths() if p.endswith("/query")) == 2


def test_salesforce_deletes_merges_and_writes_to_them(crm, sandbox):
    account, connector, _ = crm("salesforce")
    gone, loser, winner, alive = account.record_ids("Contact")[:4]
    sandbox.clock.advance(60)
    account.delete("Contact", gone)
    account.merge("Contact", loser, winner)
    deleted = {d.id: d for d in connector.iter_deleted("Contact", since=START)}
    assert set(deleted) == {gone, loser}
    assert deleted[loser].merged_into == winner and deleted[gone].merged_into is None
    results = connector.write(
        "Contact",
        [RecordUpdate(i, {"AI_Score__c": 50}) for i in (gone, loser, alive)]
        + [RecordUpdate(alive, {"Segment__c": "not-a-segment"})],
    )
    assert [r.status for r in results] == [
        WriteStatus.DELETED_OR_MERGED,
        WriteStatus.DELETED_OR_MERGED,
        WriteStatus.OK,
        WriteStatus.VALIDATION_ERROR,
    ]
    assert results[1].surviving_id == winner and results[0].surviving_id is None
    assert results[3].field_errors[0].field == "Segment__c"


# -- HubSpot --------------------------------------------------------------------------------------


def test_hubspot_search_restarts_before_the_result_cap(crm, monkeypatch):
    from crm_sandbox import hubspot as sandbox_hubspot
    from crmhub.connectors.hubspot import client as hubspot

    monkeypatch.setattr(sandbox_hubspot, "SEARCH_CAP", 400)
    monkeypatch.setattr(hubspot, "SEARCH_CAP", 400)
    account, connector, transport = crm("hubspot", contacts=1000)
    ids = all_ids(connector.iter_changes("contacts", since=EPOCH, fields=["email"]))
    assert sorted(ids) == sorted(account.record_ids("contacts"))
    assert len(ids) == len(set(ids))
    assert sum(1 for p in transport.paths() if p.endswith("/search")) >= 5


def test_hubspot_reads_an_instant_holding_more_than_the_result_cap(crm, monkeypatch):
    """A batch update of 250 records at one instant (the clock stands still): the search cap (lowered to
    100) cannot be paged past, so that instant is read by id."""
    from crm_sandbox import hubspot as sandbox_hubspot

    monkeypatch.setattr(sandbox_hubspot, "SEARCH_CAP", 100)
    account, connector, transport = crm("hubspot", contacts=300, page_size=20)
    ids = [str(i) for i in account.record_ids("contacts")][:250]
    results = connector.write("contacts", [RecordUpdate(rid, {"ai_score": 7}) for rid in ids])
    assert all(result.ok for result in results)
    read = all_ids(connector.iter_changes("contacts", since=START, fields=["ai_score"], overlap=timedelta(0)))
    assert sorted(read) == sorted(ids)
    assert 400 not in transport.statuses  # no search ever reached the cap


def test_hubspot_partial_batch_failure_is_mapped_per_record(crm, sandbox):
    account, connector, _ = crm("hubspot")
    ok_id, gone, loser, winner = account.record_ids("contacts")[:4]
    sandbox.clock.advance(60)
    account.delete("contacts", gone)
    account.merge("contacts", loser, winner)
    results = connector.write(
        "contacts", [RecordUpdate(i, {"ai_score": 61.5}) for i in (ok_id, gone, loser, "999999999")]
    )
    by_id = {r.record_id: r for r in results}
    assert by_id[ok_id].ok
    assert by_id[gone].status in (WriteStatus.NOT_FOUND, WriteStatus.DELETED_OR_MERGED)
    assert by_id["999999999"].status == WriteStatus.NOT_FOUND
    assert by_id[loser].status in (WriteStatus.OK, WriteStatus.DELETED_OR_MERGED)
    if by_id[loser].status == WriteStatus.DELETED_OR_MERGED:
        assert by_id[loser].surviving_id == winner
    assert connector.read_records("contacts", [ok_id], ["ai_score"])[ok_id]["ai_score"] == "61.5"


def test_hubspot_deletes_and_merges_are_listed(crm, sandbox):
    account, connector, _ = crm("hubspot")
    gone, loser, winner = account.record_ids("contacts")[:3]
    sandbox.clock.advance(60)
    account.delete("contacts", gone)
    account.merge("contacts", loser, winner)
    sandbox.clock.advance(30)
    deleted = {d.id: d for d in connector.iter_deleted("contacts", since=START)}
    assert gone in deleted
    assert deleted[loser].merged_into == winner


def test_hubspot_whole_batch_validation_error_names_the_property(crm):
    account, connector, _ = crm("hubspot")
    first, second = account.record_ids("contacts")[:2]
    results = connector.write(
        "contacts", [RecordUpdate(first, {"ai_scroe": 1}), RecordUpdate(second, {"ai_score": 2})]
    )
    assert {r.status for r in results} == {WriteStatus.VALIDATION_ERROR}
    assert results[0].field_errors[0].field == "ai_scroe"


# -- Pipedrive ------------------------------------------------------------------------------------


def test_pipedrive_enum_labels_round_trip_through_option_ids(crm):
    account, connector, transport = crm("pipedrive")
    segment = account.field_key("ai_segment")
    target = str(account.record_ids("persons")[0])
    options = connector._field_index("persons")[segment].picklist_options
    results = connector.write("persons", [RecordUpdate(target, {segment: options[1]})])
    assert results[0].ok, results[0]
    assert connector.read_records("persons", [target], [segment])[target][segment] == options[1]
    patch = next(r for r in transport.requests if r.method == "PATCH")
    assert isinstance(__import__("json").loads(patch.content)["custom_fields"][segment], int)


def test_pipedrive_deleted_deals_are_listed(crm, sandbox):
    account, connector, _ = crm("pipedrive")
    deal = account.record_ids("deals")[0]
    sandbox.clock.advance(60)
    account.delete("deals", deal)
    assert [d.id for d in connector.iter_deleted("deals", since=START)] == [str(deal)]


def test_pipedrive_write_to_missing_person_is_not_found(crm):
    _, connector, _ = crm("pipedrive")
    result = connector.write("persons", [RecordUpdate("987654", {"name": "x"})])[0]
    assert result.status == WriteStatus.NOT_FOUND


@pytest.mark.parametrize("object_name", ["persons", "organizations"])
def test_pipedrive_deleted_persons_and_organizations_come_from_recents(crm, sandbox, object_name):
    account, connector, transport = crm("pipedrive")
    gone, loser, winner, edited = [str(i) for i in account.record_ids(object_name)[:4]]
    sandbox.clock.advance(60)
    since = sandbox.clock.now()
    account.delete(object_name, gone)
    deleted_at = sandbox.clock.now().replace(microsecond=0)
    sandbox.clock.advance(5)
    account.merge(object_name, loser, winner)
    account.rep_edit(object_name, edited, {"ai_segment": "SMB"})
    deleted = {d.id: d for d in connector.iter_deleted(object_name, since=since)}
    assert set(deleted) == {gone, loser}
    assert deleted[gone].deleted_at == deleted_at
    assert any(path.endswith("/api/v1/recents") for path in transport.paths())


def test_pipedrive_recents_are_paged_to_the_end(crm, sandbox, monkeypatch):
    monkeypatch.setattr("crmhub.connectors.pipedrive.client.LIST_LIMIT", 2)
    account, connector, transport = crm("pipedrive")
    sandbox.clock.advance(60)
    since = sandbox.clock.now()
    doomed = [str(i) for i in account.record_ids("persons")[:5]]
    for record_id in doomed:
        sandbox.clock.advance(1)
        account.delete("persons", record_id)
    assert [d.id for d in connector.iter_deleted("persons", since=since)] == doomed
    assert sum(1 for path in transport.paths() if path.endswith("/recents")) == 3
    assert account.usage["daily"] >= 3 * 20  # recents cost 20 tokens each


def test_salesforce_integration_user_comes_from_userinfo_when_missing(crm, sandbox):
    account, connector, transport = crm("salesforce")
    connector._save_credentials({"integration_user_id": ""})
    first, second = account.record_ids("Contact")[:2]
    sandbox.clock.advance(60)
    account.rep_edit("Contact", first, {"Title": "CFO"})
    assert connector.write("Contact", [RecordUpdate(second, {"Title": "Hub"})])[0].ok
    edits = connector.last_human_edits("Contact", [first, second], ["Title"])
    assert edits[first]["Title"] is not None and edits[second]["Title"] is None
    assert transport.paths().count("/services/oauth2/userinfo") == 1
    stored = CrmConnection.objects.get(pk=connector.connection.pk).credentials
    assert stored["integration_user_id"] == account.integration_user_id


def test_salesforce_userinfo_with_an_expired_token_refreshes_once(crm):
    account, connector, transport = crm("salesforce")
    connector._save_credentials({"integration_user_id": ""})
    account.expire_access_token()
    assert connector.integration_user_id() == account.integration_user_id
    assert transport.statuses[:3] == [403, 200, 200]  # Bad_OAuth_Token, token refresh, userinfo again
    assert transport.paths()[1].endswith("/services/oauth2/token")


@pytest.mark.parametrize("provider", ["hubspot", "pipedrive"])
def test_records_edited_during_a_read_are_neither_missed_nor_repeated(crm, sandbox, provider):
    """A rep edits records the reader has already passed: they move to the end of the modification order,
    so with offset paging every unread record would shift back past the next page's offset and be skipped."""
    object_name = OBJECT[provider]
    field = "job_title" if provider == "pipedrive" else "jobtitle"
    account, connector, _ = crm(provider, contacts=60, page_size=7)
    pages = connector.iter_changes(object_name, since=EPOCH, fields=[field])
    read, edited = [], set()
    for page in pages:
        read += page
        if len(edited) < 12:
            sandbox.clock.advance(1)
            for record in page[:3]:
                account.rep_edit(object_name, record.id, {field: f"Edited at {sandbox.clock.now()}"})
                edited.add(record.id)
    seen = [record.id for record in read]
    assert set(seen) == {str(i) for i in account.record_ids(object_name)}  # nothing missed
    assert len(read) == len({(r.id, r.modified_at) for r in read})  # no version read twice
    latest = {record.id: record for record in read}  # the edits themselves were read, newest last
    assert all(latest[record_id].values[field].startswith("Edited") for record_id in edited)


@pytest.mark.parametrize("provider", ["salesforce", "hubspot", "pipedrive"])
def test_another_integrations_api_edit_is_someone_elses_edit(crm, sandbox, provider):
    account, connector, transport = crm(provider)
    obj = OBJECT[provider]
    target = str(account.record_ids(obj)[0])
    field = {"salesforce": "Title", "hubspot": "jobtitle", "pipedrive": "name"}[provider]
    sandbox.clock.advance(60)
    account.api_write(obj, target, {field: "Set by an enrichment tool"}, client="enricher")
    edited_at = sandbox.clock.now()
    edits = connector.last_human_edits(obj, [target], [field])
    assert edits[target][field] is not None and abs(edits[target][field] - edited_at) < timedelta(seconds=2)
    if provider == "pipedrive":
        assert transport.paths().count("/pipedrive/api/v1/users/me") == 1
        stored = CrmConnection.objects.get(pk=connector.connection.pk).credentials
        assert stored["api_user_id"] == account.integration_user_id
