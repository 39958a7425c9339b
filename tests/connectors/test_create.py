"""Creating records: each connector against the sandbox, with the faults that make creates dangerous."""

from datetime import UTC, date, datetime, timedelta

import pytest

from crm_sandbox import ManualClock, Sandbox
from crm_sandbox.server import serve_in_thread
from crmhub.connectors import WriteStatus, get_connector
from crmhub.connectors.base import RecordCreate, TaskSpec
from crmhub.connectors.ratelimit import RateBudget
from tests import factories

START = datetime(2026, 11, 1, tzinfo=UTC)
CONTACT_OBJECT = {"salesforce": "Contact", "hubspot": "contacts", "pipedrive": "persons"}
NEW_CONTACT = {
    "salesforce": lambda n: {"LastName": f"Newman{n}", "FirstName": "Ada", "Email": f"ada{n}@new.example"},
    "hubspot": lambda n: {"lastname": f"Newman{n}", "firstname": "Ada", "email": f"ada{n}@new.example"},
    "pipedrive": lambda n: {"name": f"Ada Newman{n}"},
}
PROVIDERS = ["hubspot", "salesforce", "pipedrive"]


@pytest.fixture
def sandbox():
    return Sandbox(seed=11, clock=ManualClock(START))


@pytest.fixture
def crm(db, sandbox, clock):
    def build(provider: str, **connector_kwargs):
        account = sandbox.add_account(provider, name=f"acme-{provider}", contacts=12, companies=3)
        connection = factories.make_connection(
            name=f"sandbox-{provider}",
            provider=provider,
            base_url=account.base_url,
            api_version=account.api_version,
            credentials={**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url},
        )

        def sleep(seconds: float) -> None:
            clock.sleep(seconds)
            sandbox.clock.advance(seconds=seconds)

        connector_kwargs.setdefault("transport", sandbox.transport())
        connector = get_connector(
            connection,
            rate_budget=RateBudget.in_memory(provider, sleep=sleep, clock=clock),
            sleep=sleep,
            **connector_kwargs,
        )
        return account, connector

    return build


def task_for(connector, account, key: str, **overrides):
    spec = TaskSpec(
        subject="Call about the new score",
        body="Score jumped to 91.",
        due=date(2026, 11, 4),
        priority="high",
        owner_id=str(account.rep_user_ids[1]),
        about_object=CONTACT_OBJECT[account.provider.name],
        about_id=account.record_ids("contacts")[0],
    )
    return connector.task_create(spec.__class__(**{**spec.__dict__, **overrides}), key=key)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_task_is_created_on_the_contact_with_its_owner_due_date_and_priority(crm, provider):
    account, connector = crm(provider)
    contact_id = account.record_ids("contacts")[0]
    [result] = connector.create(connector.task_object, [task_for(connector, account, "trigger-task-0001")])
    assert result.ok and result.record_id and not result.already_existed
    stored = account.get_record("tasks", result.record_id)
    assert account.links_of("tasks", result.record_id)[0] == ("contacts", contact_id)
    expected = {
        "hubspot": {"hs_task_subject": "Call about the new score", "hs_task_priority": "HIGH",
                    "hs_task_status": "NOT_STARTED", "hs_timestamp": "2026-11-04T09:00:00.000Z",
                    "hubspot_owner_id": str(account.rep_user_ids[1])},
        "salesforce": {"Subject": "Call about the new score", "Priority": "High", "Status": "Not Started",
                       "ActivityDate": "2026-11-04", "WhoId": contact_id, "OwnerId": account.rep_user_ids[1]},
        "pipedrive": {"subject": "Call about the new score", "type": "task", "due_date": "2026-11-04",
                      "person_id": contact_id, "owner_id": account.rep_user_ids[1], "priority": 263},
    }[provider]  # fmt: skip
    if provider == "pipedrive":
        stored["person_id"] = str(stored["person_id"])
    assert {name: stored.get(name) for name in expected} == expected


@pytest.mark.parametrize("provider", PROVIDERS)
def test_created_records_show_up_in_the_change_feed(crm, sandbox, provider):
    _, connector = crm(provider)
    sandbox.clock.advance(seconds=60)
    since = sandbox.clock.now()
    records = [RecordCreate(f"review-item-{n:04d}", NEW_CONTACT[provider](n)) for n in range(3)]
    results = connector.create(CONTACT_OBJECT[provider], records)
    assert [r.status for r in results] == [WriteStatus.OK] * 3
    assert len({r.record_id for r in results}) == 3
    fields = {"hubspot": ["lastname"], "salesforce": ["LastName"], "pipedrive": ["name"]}[provider]
    pages = connector.iter_changes(CONTACT_OBJECT[provider], since=since, fields=fields, overlap=timedelta(0))
    changed = {record.id for page in pages for record in page}
    assert {r.record_id for r in results} <= changed


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_create_whose_answer_was_lost_is_found_not_repeated(crm, provider):
    account, connector = crm(provider)
    account.faults.set(lose_next_write_responses=1)
    task = task_for(connector, account, "trigger-task-0002")
    [result] = connector.create(connector.task_object, [task])
    assert result.ok and result.already_existed
    assert account.record_ids("tasks") == [result.record_id]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_retry_by_a_later_job_finds_the_record_an_earlier_attempt_created(crm, provider):
    account, connector = crm(provider)
    task = task_for(connector, account, "trigger-task-0003")  # Pipedrive reads activityFields for it
    account.faults.set(timeout_rate=1.0, timeout_after_processing=True)
    [first] = connector.create(connector.task_object, [task])
    assert first.status == WriteStatus.TRANSIENT
    account.faults.clear()
    [again] = connector.create(connector.task_object, [task], lookup_first=True)
    assert again.ok and again.already_existed
    assert account.record_ids("tasks") == [again.record_id]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_server_errors_before_processing_create_once_when_retried(crm, provider):
    account, connector = crm(provider, transient_attempts=2)
    task = task_for(connector, account, "trigger-task-0004")
    account.faults.set(error_rate=1.0)
    [failed] = connector.create(connector.task_object, [task])
    assert failed.status == WriteStatus.TRANSIENT and account.record_ids("tasks") == []
    account.faults.clear()
    [created] = connector.create(connector.task_object, [task], lookup_first=True)
    assert created.ok and not created.already_existed and account.record_ids("tasks") == [created.record_id]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_rate_limits_are_reported_per_record_and_create_nothing(crm, provider):
    account, connector = crm(provider, rate_limit_waits=1)
    task = task_for(connector, account, "trigger-task-0005")
    account.faults.set(rate_limit_storm=1.0)
    [result] = connector.create(connector.task_object, [task])
    assert result.status == WriteStatus.RATE_LIMITED and account.record_ids("tasks") == []


def test_salesforce_reports_each_invalid_record_and_creates_the_rest(crm):
    account, connector = crm("salesforce")
    good = RecordCreate("review-item-0101", NEW_CONTACT["salesforce"](1))
    missing_name = RecordCreate("review-item-0102", {"FirstName": "Nameless"})
    bad_owner = RecordCreate("review-item-0103", {"LastName": "X", "AccountId": "001RM9999999999AAA"})
    ok, missing, bad = connector.create("Contact", [good, missing_name, bad_owner])
    assert ok.ok
    assert missing.status == WriteStatus.VALIDATION_ERROR
    assert missing.field_errors[0].provider_code == "REQUIRED_FIELD_MISSING"
    assert bad.status == WriteStatus.NOT_FOUND
    assert len(account.record_ids("contacts")) == 13


def test_hubspot_rejects_the_whole_batch_with_field_errors(crm):
    account, connector = crm("hubspot")
    good = RecordCreate("review-item-0201", NEW_CONTACT["hubspot"](1))
    typo = RecordCreate("review-item-0202", {"lastname": "Y", "lifecyclestage": "not-a-stage"})
    results = connector.create("contacts", [good, typo])
    assert [r.status for r in results] == [WriteStatus.VALIDATION_ERROR] * 2
    assert results[1].field_errors[0].field == "lifecyclestage"
    assert len(account.record_ids("contacts")) == 12


def test_pipedrive_refuses_a_task_on_a_missing_person(crm):
    account, connector = crm("pipedrive")
    [result] = connector.create(
        "activities", [task_for(connector, account, "trigger-task-0301", about_id="999999")]
    )
    assert result.status == WriteStatus.VALIDATION_ERROR and "not found" in result.message
    assert account.record_ids("tasks") == []


def test_keys_must_be_plain_and_unique():
    from crmhub.connectors.base import check_create_keys

    with pytest.raises(ValueError, match="8-80 characters"):
        check_create_keys([RecordCreate("x' OR 1=1", {})])
    with pytest.raises(ValueError, match="unique"):
        check_create_keys([RecordCreate("same-key-1", {}), RecordCreate("same-key-1", {})])


def test_a_lost_create_over_real_http_is_found_by_its_marker(db, clock):
    sandbox = Sandbox(seed=11)
    server = serve_in_thread(sandbox, port=0, admin_key="k")
    try:
        account = sandbox.add_account("hubspot", name="http-hubspot", contacts=5, companies=1)
        account.faults.set(lose_next_write_responses=1, timeout_sleep_s=1.0)
        connection = factories.make_connection(
            name="http-hubspot",
            provider="hubspot",
            base_url=account.base_url,
            api_version=account.api_version,
            credentials=account.credentials,
        )
        connector = get_connector(
            connection, timeout=0.3, rate_budget=RateBudget.in_memory("http", clock=clock), sleep=clock.sleep
        )
        with connector:
            [result] = connector.create(
                "contacts", [RecordCreate("review-item-0401", NEW_CONTACT["hubspot"](4))]
            )
        assert result.ok and result.already_existed
        assert account.base_url.startswith("http://127.0.0.1:")
        assert len(account.record_ids("contacts")) == 6
    finally:
        server.shutdown()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_created_tasks_are_read_by_the_change_feed(crm, sandbox, provider):
    account, connector = crm(provider)
    since = sandbox.clock.now()
    [result] = connector.create(connector.task_object, [task_for(connector, account, "trigger-task-0501")])
    subject = {"hubspot": "hs_task_subject", "salesforce": "Subject", "pipedrive": "subject"}[provider]
    connector.discover_schema([connector.task_object])
    pages = connector.iter_changes(connector.task_object, since=since, fields=[subject], overlap=timedelta(0))
    records = [record for page in pages for record in page]
    assert [(r.id, r.values[subject]) for r in records] == [(result.record_id, "Call about the new score")]


def test_pipedrive_ids_must_be_numeric(crm):
    from crmhub.connectors import CrmValidationError

    account, connector = crm("pipedrive")
    with pytest.raises(CrmValidationError, match="owner_id must be a numeric id"):
        task_for(connector, account, "trigger-task-0601", owner_id="ann@example.org")


def test_a_pipedrive_task_without_priority_options_keeps_the_default(crm):
    account, connector = crm("pipedrive")
    account.change_schema("tasks", "priority", options=[])
    [result] = connector.create(connector.task_object, [task_for(connector, account, "trigger-task-0002")])
    assert result.ok and account.get_record("tasks", result.record_id).get("priority") is None


def test_a_hubspot_task_is_read_with_its_associations_paged_through(crm, sandbox, monkeypatch):
    """The task our connector created on a contact, plus two more contacts: the change feed and the batch read
    give each association field the task's ids (all pages of them: one a page here), a task without a deal has
    None there, and the catalog lists the association fields as read-only."""
    from crm_sandbox import hubspot as hubspot_module

    monkeypatch.setattr(hubspot_module, "ASSOCIATIONS_PAGE", 1)
    account, connector = crm("hubspot")
    [created] = connector.create(connector.task_object, [task_for(connector, account, "assoc-task-0001")])
    contacts = account.record_ids("contacts")[:3]
    account.store("tasks").get(created.record_id).links += [
        ("contacts", contacts[1]),
        ("contacts", contacts[2]),
    ]
    fields = ["hs_task_subject", "associations.contacts", "associations.deals"]

    (page,) = list(connector.iter_changes("tasks", since=START - timedelta(days=1), fields=fields))
    (task,) = [record for record in page if record.id == created.record_id]
    assert task.values["associations.contacts"] == ";".join(contacts)
    assert task.values["associations.deals"] is None
    assert connector.read_records("tasks", [created.record_id], fields)[created.record_id] == task.values

    (schema,) = connector.discover_schema(["tasks"])
    association = schema.field_named("associations.companies")
    assert association.writable is False and association.provider_metadata == {"association": "companies"}
