"""Salesforce REST (v67.0) emulator: OAuth refresh, describe, SOQL query/queryAll with cursors,
sObject PATCH, sObject Collections, field history objects, Sforce-Limit-Info."""

import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from . import oauth, salesforce_bulk, salesforce_lead, soql, users
from .account import Account, FieldDef, Limits
from .limits import salesforce_limits_body
from .provider import Provider, Route
from .seed import INDUSTRIES, LEAD_SOURCES, SEGMENTS, TITLES
from .store import Actor, HistoryEntry, Record
from .wire import (
    SandboxRequest,
    SandboxResponse,
    empty_response,
    json_response,
    parse_datetime_ms,
    salesforce_datetime,
)

DATA = r"/services/data/(?P<version>v\d+\.\d)"
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KEY_PREFIXES = {"contacts": "003", "companies": "001", "deals": "006", "tasks": "00T"}
SOBJECTS = {"contacts": "Contact", "companies": "Account", "deals": "Opportunity", "tasks": "Task"}
CREATE_KEY_FIELD = "CrmHub_Create_Key__c"
TASK_STATUSES = ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"]
TASK_PRIORITIES = ["High", "Normal", "Low"]
# Values Salesforce fills in on insert when the request leaves them out.
CREATE_DEFAULTS = {
    "tasks": {"Status": "Not Started", "Priority": "Normal"},
    "contacts": {"HasOptedOutOfEmail": False, "HasOptedOutOfFax": False, "DoNotCall": False},  # never null
}
HISTORY_OBJECTS = {
    "contacthistory": ("contacts", "ContactHistory", "ContactId"),
    "accounthistory": ("companies", "AccountHistory", "AccountId"),
    "opportunityfieldhistory": ("deals", "OpportunityFieldHistory", "OpportunityId"),
}
HISTORY_FIELDS = [
    "Id",
    "IsDeleted",
    "ParentId",
    "Field",
    "DataType",
    "OldValue",
    "NewValue",
    "CreatedById",
    "CreatedDate",
]
# Lead lives in its own module (crm_sandbox/salesforce_lead.py).
KEY_PREFIXES[salesforce_lead.LEAD] = salesforce_lead.KEY_PREFIX
SOBJECTS[salesforce_lead.LEAD] = salesforce_lead.SOBJECT
CREATE_DEFAULTS[salesforce_lead.LEAD] = salesforce_lead.CREATE_DEFAULTS
HISTORY_OBJECTS.update([salesforce_lead.HISTORY])
CURSOR_IDLE_MS = 15 * 60 * 1000
MAX_OPEN_CURSORS = 10
COLLECTION_LIMIT = 200
SOAP_TYPES = {
    "id": "tns:ID", "reference": "tns:ID", "string": "xsd:string", "textarea": "xsd:string", "email": "xsd:string",
    "phone": "xsd:string", "url": "xsd:string", "picklist": "xsd:string", "multipicklist": "xsd:string",
    "boolean": "xsd:boolean", "int": "xsd:int", "double": "xsd:double", "currency": "xsd:double",
    "percent": "xsd:double", "date": "xsd:date", "datetime": "xsd:dateTime",
}  # fmt: skip
NUMERIC = {"double", "currency", "percent", "int"}
REFERENCE_TARGETS = {
    "AccountId": "Account",
    "ContactId": "Contact",
    "ParentId": "Account",
    "OwnerId": "User",
    "CreatedById": "User",
    "LastModifiedById": "User",
    "WhoId": ["Contact", "Lead"],  # a Task's polymorphic links, as Salesforce's describe lists them
    "WhatId": ["Account", "Opportunity"],
}  # fmt: skip  (MasterRecordId points at the object itself)
STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
READ_ONLY_MESSAGE = (
    "Unable to create/update fields: {0}. Please check the security settings of this field and verify that it is "
    "read/write for your profile or permission set."
)


def sf_id(prefix: str, number: int) -> str:
    digits = ""
    while True:
        number, remainder = divmod(number, 62)
        digits = BASE62[remainder] + digits
        if number == 0:
            break
    return f"{prefix}RM{digits.rjust(10, '0')}AAA"


def _system(name, label, type_, system, **kw) -> FieldDef:
    return FieldDef(name, label, type_, updateable=False, nillable=False, system=system, **kw)


def _audit_fields() -> list:
    return [
        _system("CreatedDate", "Created Date", "datetime", "created"),
        _system("CreatedById", "Created By ID", "reference", "created_by", length=18),
        _system("LastModifiedDate", "Last Modified Date", "datetime", "modified"),
        _system("LastModifiedById", "Last Modified By ID", "reference", "modified_by", length=18),
        _system("SystemModstamp", "System Modstamp", "datetime", "modified"),
    ]


def _ai_fields() -> list:
    return [
        FieldDef("AI_Score__c", "AI Score", "double", custom=True, generic="ai_score"),
        FieldDef("AI_Score_Updated__c", "AI Score Updated", "datetime", custom=True, generic="ai_score_updated_at"),
        FieldDef("Segment__c", "Segment", "picklist", length=255, options=list(SEGMENTS), restricted=True, custom=True,
                 generic="ai_segment"),
    ]  # fmt: skip


def build_salesforce_schema() -> dict:
    identity = [
        _system("Id", "Contact ID", "id", "id", length=18),
        _system("IsDeleted", "Deleted", "boolean", "deleted"),
    ]
    contact = [
        *identity,
        FieldDef(
            "MasterRecordId", "Master Record ID", "reference", updateable=False, length=18, system="master"
        ),
        FieldDef("AccountId", "Account ID", "reference", length=18),
        FieldDef("LastName", "Last Name", "string", nillable=False, length=80),
        FieldDef("FirstName", "First Name", "string", length=40),
        FieldDef("Name", "Full Name", "string", updateable=False, nillable=False, length=121, system="name"),
        FieldDef("Email", "Email", "email", length=80),
        FieldDef("Secondary_Email__c", "Secondary Email", "email", length=80, custom=True),
        FieldDef("Phone", "Business Phone", "phone", length=40),
        FieldDef("MobilePhone", "Mobile Phone", "phone", length=40),
        FieldDef("Title", "Title", "string", length=128),
        FieldDef("Department", "Department", "string", length=80),
        FieldDef("LeadSource", "Lead Source", "picklist", length=255, options=list(LEAD_SOURCES)),
        FieldDef("HasOptedOutOfEmail", "Email Opt Out", "boolean", nillable=False),
        FieldDef("HasOptedOutOfFax", "Fax Opt Out", "boolean", nillable=False),
        FieldDef("DoNotCall", "Do Not Call", "boolean", nillable=False),
        FieldDef("OwnerId", "Owner ID", "reference", nillable=False, length=18),
        *_audit_fields(),
        *_ai_fields(),
    ]
    account = [
        *identity,
        FieldDef(
            "MasterRecordId", "Master Record ID", "reference", updateable=False, length=18, system="master"
        ),
        FieldDef("Name", "Account Name", "string", nillable=False, length=255),
        FieldDef("Website", "Website", "url", length=255),
        FieldDef("Phone", "Account Phone", "phone", length=40),
        FieldDef("Industry", "Industry", "picklist", length=255, options=list(INDUSTRIES)),
        FieldDef("NumberOfEmployees", "Employees", "int"),
        FieldDef("AnnualRevenue", "Annual Revenue", "currency"),
        FieldDef("BillingCity", "Billing City", "string", length=40),
        FieldDef("BillingCountry", "Billing Country", "string", length=80),
        FieldDef("ParentId", "Parent Account ID", "reference", length=18),
        FieldDef("OwnerId", "Owner ID", "reference", nillable=False, length=18),
        *_audit_fields(),
        *_ai_fields(),
    ]
    opportunity = [
        *identity,
        FieldDef("AccountId", "Account ID", "reference", length=18),
        FieldDef("ContactId", "Contact ID", "reference", length=18),
        FieldDef("Name", "Name", "string", nillable=False, length=120),
        FieldDef("Amount", "Amount", "currency"),
        FieldDef(
            "StageName", "Stage", "picklist", nillable=False, length=255, options=STAGES, restricted=True
        ),
        FieldDef("CloseDate", "Close Date", "date", nillable=False),
        FieldDef("Probability", "Probability (%)", "percent"),
        FieldDef(
            "IsClosed",
            "Closed",
            "boolean",
            updateable=False,
            nillable=False,
            calculated=True,
            system="closed",
        ),
        FieldDef("IsWon", "Won", "boolean", updateable=False, nillable=False, calculated=True, system="won"),
        FieldDef("OwnerId", "Owner ID", "reference", nillable=False, length=18),
        *_audit_fields(),
        *_ai_fields(),
    ]
    task = [
        *identity,
        FieldDef("Subject", "Subject", "combobox", length=255),
        FieldDef("Description", "Comments", "textarea", length=32000),
        FieldDef("ActivityDate", "Due Date Only", "date"),
        FieldDef("Status", "Status", "picklist", nillable=False, length=255, options=TASK_STATUSES, restricted=True),
        FieldDef("Priority", "Priority", "picklist", nillable=False, length=255, options=TASK_PRIORITIES,
                 restricted=True),
        FieldDef("WhoId", "Name ID", "reference", length=18),
        FieldDef("WhatId", "Related To ID", "reference", length=18),
        FieldDef("OwnerId", "Assigned To ID", "reference", nillable=False, length=18),
        *_audit_fields(),
    ]  # fmt: skip
    objects = (("contacts", contact), ("companies", account), ("deals", opportunity), ("tasks", task))
    lead = salesforce_lead.lead_fields(identity=identity, audit=_audit_fields(), ai=_ai_fields())
    objects = (*objects, (salesforce_lead.LEAD, lead))
    create_key = FieldDef(
        CREATE_KEY_FIELD, "CrmHub Create Key", "string", length=80, custom=True, unique=True
    )
    return {name: {f.name: f for f in [*definitions, create_key]} for name, definitions in objects}


def sf_errors(status: int, errors: list) -> SandboxResponse:
    """Salesforce REST errors are always a JSON array."""
    return json_response(status, [{"message": m, "errorCode": c, "fields": f} for c, m, f in errors])


def sf_error(status: int, code: str, message: str, fields_: list | None = None) -> SandboxResponse:
    body = {"message": message, "errorCode": code}
    if fields_ is not None:
        body["fields"] = fields_
    return json_response(status, [body])


@dataclass(frozen=True)
class ValidationRule:
    """An org's validation rule on one field: a value `allows` refuses is answered with
    FIELD_CUSTOM_VALIDATION_EXCEPTION and `message`, through REST and Bulk API alike."""

    object_name: str  # the sObject name ("Contact")
    field: str
    allows: Callable[[object], bool]
    message: str


def validation_rules(account: Account) -> list[ValidationRule]:
    """The account's validation rules (tests and demos add to this list)."""
    rules = getattr(account, "validation_rules", None)
    if rules is None:
        rules = account.validation_rules = []
    return rules


class ParserError(ValueError):
    """A value of the wrong JSON type (-> JSON_PARSER_ERROR)."""


class QueryError(Exception):
    """A query naming an unknown object or field; args = (errorCode, message)."""


def _keys_from(index, position: int):
    """Iterate an index's keys from a position without copying the list."""
    keys = index.keys
    return (keys[i] for i in range(position, len(keys)))


class Salesforce(Provider):
    name = "salesforce"
    api_version = "v67.0"
    root_mounted = True
    object_aliases = {
        "contact": "contacts", "contacts": "contacts", "account": "companies", "companies": "companies",
        "opportunity": "deals", "deals": "deals", "task": "tasks", "tasks": "tasks",
    }  # fmt: skip
    object_aliases.update(salesforce_lead.ALIASES)

    def register_routes(self) -> None:
        self.add("POST", r"/services/oauth2/token", self.token, auth=False, kind="token")
        self.add("GET", r"/services/oauth2/authorize", self.authorize, auth=False, kind="token")
        # The identity service checks its token itself: its refusals are 403s in plain text, not REST errors.
        self.add("GET", r"/services/oauth2/userinfo", self.userinfo, auth=False, kind="token")
        self.add("POST", r"/services/oauth2/userinfo", self.userinfo, auth=False, kind="token")
        self.add("GET", r"/services/data/?", self.versions, auth=False)
        self.add("GET", DATA + r"/limits/?", self.limits)
        self.add("GET", DATA + r"/sobjects/?", self.global_describe, kind="schema")
        self.add("GET", DATA + r"/sobjects/(?P<object>\w+)/describe/?", self.describe, kind="schema")
        self.add("GET", DATA + r"/sobjects/User/(?P<id>\w+)", users.salesforce_user)
        self.add("GET", DATA + r"/(?P<mode>query|queryAll)/?", self.query)
        self.add("GET", DATA + r"/(?P<mode>query|queryAll)/(?P<locator>[\w]+-\d+)", self.query_more)
        self.add("PATCH", DATA + r"/composite/sobjects/?", self.collection_update, kind="write")
        self.add("POST", DATA + r"/composite/sobjects/?", self.collection_create, kind="write")
        self.add("POST", DATA + r"/sobjects/(?P<object>\w+)/?", self.create, kind="write")
        self.add("GET", DATA + r"/sobjects/(?P<object>\w+)/(?P<kind>deleted|updated)/?", self.replication)
        self.add("GET", DATA + r"/sobjects/(?P<object>\w+)/(?P<id>\w+)", self.retrieve)
        self.add("PATCH", DATA + r"/sobjects/(?P<object>\w+)/(?P<id>\w+)", self.patch, kind="write")
        self.add("DELETE", DATA + r"/sobjects/(?P<object>\w+)/(?P<id>\w+)", self.remove, kind="write")
        salesforce_bulk.register(self, DATA)

    def default_limits(self) -> Limits:
        return Limits(burst=0, window_s=0, daily=100_000)

    def build_schema(self, account: Account) -> dict:
        return build_salesforce_schema()

    def init_account(self, account: Account) -> None:
        salesforce_lead.lead_store_add(account)
        account.org_id = sf_id("00D", account.token_rng.randrange(10**6))
        account.integration_user_id = sf_id("005", 1)
        account.rep_user_ids = [sf_id("005", n) for n in range(2, 7)]
        account.client_id = "3MVG9" + account.issue_token("client", length=40)
        account.client_secret = account.issue_token("secret", length=32).upper()
        access = account.issue_token("access", prefix=account.org_id[:15] + "!AQ", length=64)
        refresh = account.issue_token("refresh", prefix="5Aep861", length=48)
        account.credentials = {
            "access_token": access,
            "refresh_token": refresh,
            "client_id": account.client_id,
            "client_secret": account.client_secret,
            "instance_url": account.base_url,
            "integration_user_id": account.integration_user_id,
        }

    def new_id(self, account: Account, object_name: str) -> str:
        return sf_id(KEY_PREFIXES[object_name], account.next_number(object_name))

    # ---- seeding ----------------------------------------------------------------------------
    def seed(self, account: Account, data, now_ms: int) -> None:
        day = 86_400_000
        importer = Actor("import", account.rep_user_ids[0])

        def times(item):
            created = now_ms - int(item.created_days_ago * day)
            return created, max(created, now_ms - int(item.modified_days_ago * day))

        def owner(index):
            return account.rep_user_ids[index % len(account.rep_user_ids)]

        def record(object_name, values, item):
            record_id = self.new_id(account, object_name)
            created, modified = times(item)
            clean = {k: v for k, v in values.items() if v is not None}
            return Record(record_id, record_id, clean, created, modified, importer, importer)

        company_ids, rows = {}, []
        for company in sorted(data.companies, key=lambda c: -c.created_days_ago):
            row = record("companies", {
                "Name": company.name, "Website": f"https://www.{company.domain}", "Phone": company.phone,
                "Industry": company.industry, "NumberOfEmployees": company.employees,
                "AnnualRevenue": float(company.employees * 150_000), "BillingCity": company.city,
                "BillingCountry": company.country, "OwnerId": owner(company.index), "Segment__c": company.segment,
            }, company)  # fmt: skip
            company_ids[company.index] = row.id
            rows.append(row)
        by_id = {r.id: r for r in rows}
        for company in data.companies:
            if company.parent_index is not None:
                by_id[company_ids[company.index]].values["ParentId"] = company_ids[company.parent_index]
        self.load_records(account, "companies", rows, [])

        person_ids, rows, history = {}, [], []
        for person in sorted(data.people, key=lambda p: -p.created_days_ago):
            row = record("contacts", {
                "FirstName": person.first_name, "LastName": person.last_name, "Email": person.email,
                "Secondary_Email__c": person.extra_emails[0] if person.extra_emails else None,
                "Phone": person.phone, "MobilePhone": person.mobile, "Title": person.title,
                "LeadSource": person.lead_source, "AccountId": company_ids.get(person.company_index),
                "OwnerId": owner(person.index), "AI_Score__c": person.ai_score,
                "HasOptedOutOfEmail": person.index % 9 == 0, "HasOptedOutOfFax": person.index % 4 == 0,
                "DoNotCall": person.index % 6 == 0,
            }, person)  # fmt: skip
            person_ids[person.index] = row.id
            if person.ai_score is not None:
                row.values["AI_Score_Updated__c"] = row.modified_ms
                history.append(HistoryEntry(row.id, "AI_Score__c", None, person.ai_score, row.modified_ms,
                                            account.integration_actor("crmhub")))  # fmt: skip
            elif person.index % 7 == 0 and row.created_ms < row.modified_ms:
                history.append(HistoryEntry(row.id, "Title", "Analyst", person.title, row.modified_ms,
                                            Actor("rep", owner(person.index))))  # fmt: skip
            rows.append(row)
        self.load_records(account, "contacts", rows, history)

        rows = []
        for deal in sorted(data.deals, key=lambda d: -d.created_days_ago):
            close = datetime.fromtimestamp((now_ms // day + deal.close_days_ahead) * 86_400, tz=UTC)
            rows.append(record("deals", {
                "Name": deal.name, "Amount": deal.amount, "StageName": deal.stage,
                "CloseDate": close.strftime("%Y-%m-%d"), "AccountId": company_ids[deal.company_index],
                "ContactId": person_ids.get(deal.person_index), "OwnerId": owner(deal.index),
                "Probability": float(STAGES.index(deal.stage) * 20 if deal.stage != "Closed Lost" else 0),
            }, deal))  # fmt: skip
        self.load_records(account, "deals", rows, [])

    def coerce_internal(self, definition: FieldDef, value):
        if value is None:
            return None
        if definition.type == "datetime" and isinstance(value, str):
            return parse_datetime_ms(value)
        if definition.type in ("double", "currency", "percent"):
            return float(value)
        if definition.type == "int":
            return int(value)
        return value

    def retype(self, account: Account, object_name: str, definition: FieldDef, new_type: str) -> None:
        store = account.objects[object_name]
        for record in store.records.values():
            value = record.values.get(definition.name)
            if value is None:
                continue
            if new_type in ("string", "textarea", "picklist"):
                record.values[definition.name] = self.render_value(definition, value)
            elif new_type in NUMERIC:
                try:
                    record.values[definition.name] = float(value)
                except (TypeError, ValueError):
                    record.values[definition.name] = None
        definition.type = new_type
        if new_type in ("string", "textarea"):
            definition.length = definition.length or 255

    def rep_edit_values(self, account: Account, object_name: str, rng) -> dict:
        if object_name == "contacts":
            return rng.choice([
                {"Title": rng.choice(TITLES)}, {"LeadSource": rng.choice(LEAD_SOURCES)},
                {"AI_Score__c": float(rng.randint(0, 100))}, {"Department": rng.choice(["Sales", "IT", "Finance"])},
            ])  # fmt: skip
        if object_name == "companies":
            return {"NumberOfEmployees": rng.choice([10, 50, 200, 1000])}
        return {"StageName": rng.choice(STAGES)}

    # ---- auth, limits, errors -----------------------------------------------------------
    def not_found(self, request: SandboxRequest) -> SandboxResponse:
        return sf_error(404, "NOT_FOUND", "The requested resource does not exist")

    def method_not_allowed(self, request: SandboxRequest) -> SandboxResponse:
        return sf_error(
            405,
            "METHOD_NOT_ALLOWED",
            f"HTTP Method '{request.method}' not allowed. Allowed are HEAD,GET,PATCH,DELETE",
        )

    def authenticate(self, sandbox, request: SandboxRequest):
        account, problem, _ = self.lookup_token(
            sandbox, self.bearer(request), self.name, sandbox.clock.now_ms()
        )
        if problem:
            return None, sf_error(401, "INVALID_SESSION_ID", "Session expired or invalid")
        return account, None

    def authorize(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        return oauth.authorize(self, sandbox, request)

    def token(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        form = request.form()
        if form.get("grant_type") == "authorization_code":
            return oauth.code_grant(self, sandbox, request)
        if form.get("grant_type") != "refresh_token":
            return json_response(
                400, {"error": "unsupported_grant_type", "error_description": "grant type not supported"}
            )
        account = next((a for a in sandbox.accounts.values() if a.provider is self
                        and a.client_id == form.get("client_id")), None)  # fmt: skip
        if account is None:
            return json_response(
                400, {"error": "invalid_client_id", "error_description": "client identifier invalid"}
            )
        if form.get("client_secret") != account.client_secret:
            return json_response(
                400, {"error": "invalid_client", "error_description": "invalid client credentials"}
            )
        info = sandbox.tokens.get(form.get("refresh_token", ""))
        if info is None or info.kind != "refresh" or info.revoked or info.account is not account:
            return json_response(
                400, {"error": "invalid_grant", "error_description": "expired access/refresh token"}
            )
        access = account.issue_token("access", prefix=account.org_id[:15] + "!AQ", length=64)
        account.credentials["access_token"] = access
        body = {
            "access_token": access,
            "signature": account.issue_token("signature", length=44),
            "scope": "api refresh_token",
            "instance_url": request.base_url,
            "id": f"https://login.salesforce.com/id/{account.org_id}/{account.integration_user_id}",
            "token_type": "Bearer",
            "issued_at": str(account.now_ms()),
        }
        if account.rotate_refresh_tokens:
            info.revoked = True
            body["refresh_token"] = account.issue_token("refresh", prefix="5Aep861", length=48)
            account.credentials["refresh_token"] = body["refresh_token"]
        return json_response(200, body)

    def userinfo(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        """OpenID Connect UserInfo of the token's user (our integration user): 403 Missing_OAuth_Token or
        Bad_OAuth_Token as plain text when the token is absent, unknown or expired."""
        token = self.bearer(request) or request.param("access_token") or request.param("oauth_token")
        if not token:
            return SandboxResponse(403, b"Missing_OAuth_Token", {"content-type": "text/plain;charset=UTF-8"})
        account, problem, _ = self.lookup_token(sandbox, token, self.name, sandbox.clock.now_ms())
        if problem:
            return SandboxResponse(403, b"Bad_OAuth_Token", {"content-type": "text/plain;charset=UTF-8"})
        return json_response(200, self.userinfo_body(account, request.base_url))

    def userinfo_body(self, account: Account, base_url: str) -> dict:
        org, user = account.org_id, account.integration_user_id
        version = self.api_version.lstrip("v")
        username = f"integration@{account.name}.example.com"
        urls = {
            name: f"{base_url}{path}".replace("{version}", version)
            for name, path in (
                ("enterprise", f"/services/Soap/c/{{version}}/{org[:15]}"),
                ("metadata", f"/services/Soap/m/{{version}}/{org[:15]}"),
                ("partner", f"/services/Soap/u/{{version}}/{org[:15]}"),
                ("rest", "/services/data/v{version}/"),
                ("sobjects", "/services/data/v{version}/sobjects/"),
                ("search", "/services/data/v{version}/search/"),
                ("query", "/services/data/v{version}/query/"),
                ("recent", "/services/data/v{version}/recent/"),
                ("profile", f"/{user}"),
                ("users", "/services/data/v{version}/chatter/users"),
            )
        }
        return {
            "sub": f"https://login.salesforce.com/id/{org}/{user}", "user_id": user, "organization_id": org,
            "preferred_username": username, "nickname": "integration", "name": "API Integration",
            "email": username, "email_verified": True, "given_name": "API", "family_name": "Integration",
            "zoneinfo": "Europe/London", "photos": {"picture": f"{base_url}/profilephoto/005/F",
                                                    "thumbnail": f"{base_url}/profilephoto/005/T"},
            "profile": f"{base_url}/{user}", "picture": f"{base_url}/profilephoto/005/F",
            "address": {"country": "GB"}, "is_salesforce_integration_user": True, "urls": urls,
            "active": True, "user_type": "STANDARD", "language": "en_US", "locale": "en_GB", "utcOffset": 0,
            "updated_at": "2026-01-05T09:00:00Z", "is_app_installed": True,
        }  # fmt: skip

    def versions(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        return json_response(200, [
            {"label": label, "url": f"/services/data/v{version}", "version": version}
            for version, label in (("65.0", "Winter '26"), ("66.0", "Spring '26"), ("67.0", "Summer '26"))
        ])  # fmt: skip

    def check_limits(self, account: Account, request: SandboxRequest, route: Route):
        bounds = getattr(account, "bounds", None)  # sandbox.limits: the rolling daily allocation, opt-in
        if account.limits.enabled and getattr(bounds, "enforce_api_requests", False):
            return bounds.check(account, request, route)
        account.usage["daily"] += 1
        if account.limits.enabled and account.limits.daily and account.usage["daily"] > account.limits.daily:
            return sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        return None

    def rate_limited(self, account: Account, route: Route, retry_after_s: float) -> SandboxResponse:
        return sf_error(
            403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."
        )

    def server_error(self, account: Account, status: int) -> SandboxResponse:
        if status == 503:
            return sf_error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable. Please try again.")
        error_id = account.rng.randrange(10**9)
        return sf_error(status, "UNKNOWN_EXCEPTION",
                        f"An unexpected error occurred. Please include this ErrorId if you contact support: {error_id}")  # fmt: skip

    def decorate(self, account: Account, response: SandboxResponse, route: Route) -> None:
        bounds = getattr(account, "bounds", None)
        if account.limits.enabled and getattr(bounds, "enforce_api_requests", False):
            bounds.decorate(account, response, route)
            return
        response.headers["sforce-limit-info"] = f"api-usage={account.usage['daily']}/{account.limits.daily}"

    def limits(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        return json_response(200, salesforce_limits_body(account))

    # ---- schema -----------------------------------------------------------------------
    def _object(self, name: str) -> str | None:
        return (
            self.object_aliases.get(name.lower())
            if name.lower() in ("contact", "account", "opportunity", "task", "lead")
            else None
        )

    def field_lookup(self, account: Account, object_name: str) -> dict:
        return {name.lower(): definition for name, definition in account.schema[object_name].items()}

    def describe_field(self, definition: FieldDef, sobject: str) -> dict:
        text_like = definition.type in (
            "string",
            "combobox",
            "textarea",
            "email",
            "phone",
            "url",
            "picklist",
            "id",
            "reference",
        )
        return {
            "name": definition.name, "label": definition.label, "type": definition.type,
            "soapType": SOAP_TYPES.get(definition.type, "xsd:string"),
            "length": definition.length if text_like else 0,
            "byteLength": definition.length * 3 if text_like else 0,
            "precision": 18 if definition.type in ("double", "currency", "percent") else 0,
            "scale": 2 if definition.type in ("currency", "percent") else 0,
            "digits": 9 if definition.type == "int" else 0,
            "custom": definition.custom, "calculated": definition.calculated,
            "createable": definition.updateable, "updateable": definition.updateable,
            "nillable": definition.nillable, "defaultedOnCreate": definition.system is not None,
            "externalId": definition.unique, "unique": definition.unique, "idLookup": definition.name in ("Id", "Email", "Name"),
            "filterable": True, "sortable": definition.type != "textarea", "groupable": definition.type not in NUMERIC,
            "defaultValue": None, "restrictedPicklist": definition.restricted,
            "picklistValues": [
                {"active": True, "defaultValue": False, "label": value, "validFor": None, "value": value}
                for value in definition.options
            ],
            "referenceTo": _reference_to(definition.name, sobject) if definition.type == "reference" else [],
            "relationshipName": definition.name[:-2] if definition.type == "reference" else None,
            "inlineHelpText": None,
        }  # fmt: skip

    def describe(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match.group("object"))
        if object_name is None:
            return sf_error(404, "NOT_FOUND", "The requested resource does not exist")
        since = request.headers.get("if-modified-since")
        if since:
            try:
                if account.schema_changed_ms[object_name] <= parsedate_to_datetime(since).timestamp() * 1000:
                    return empty_response(304)
            except (TypeError, ValueError):
                pass
        sobject = SOBJECTS[object_name]
        base = f"/services/data/{match.group('version')}/sobjects/{sobject}"
        return json_response(200, {
            "name": sobject, "label": sobject, "labelPlural": f"{sobject}s", "custom": False,
            "createable": True, "updateable": True, "deletable": True, "queryable": True, "retrieveable": True,
            "keyPrefix": KEY_PREFIXES[object_name],
            "urls": {"sobject": base, "describe": f"{base}/describe", "rowTemplate": f"{base}/{{ID}}"},
            "fields": [self.describe_field(d, sobject) for d in account.schema[object_name].values()],
            "recordTypeInfos": [], "childRelationships": [],
        })  # fmt: skip

    def global_describe(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """GET /sobjects: the objects this org exposes (DescribeGlobalResult)."""
        version = match.group("version")
        sobjects = []
        for object_name, sobject in SOBJECTS.items():
            base = f"/services/data/{version}/sobjects/{sobject}"
            sobjects.append({
                "name": sobject, "label": sobject, "labelPlural": f"{sobject}s", "keyPrefix": KEY_PREFIXES[object_name],
                "custom": False, "createable": True, "updateable": True, "deletable": True, "queryable": True,
                "retrieveable": True, "searchable": True, "layoutable": True, "replicateable": True,
                "triggerable": True, "mergeable": object_name in ("contacts", "companies"),
                "urls": {"sobject": base, "describe": f"{base}/describe", "rowTemplate": f"{base}/{{ID}}"},
            })  # fmt: skip
        return json_response(200, {"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": sobjects})

    def replication(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """getDeleted / getUpdated: ids deleted or updated between start and end (at most 30 days)."""
        object_name = self._object(match.group("object"))
        if object_name is None:
            return self.not_found(request)
        try:
            start, end = (
                parse_datetime_ms(request.param("start", "")),
                parse_datetime_ms(request.param("end", "")),
            )
        except ValueError:
            return sf_error(400, "MISSING_ARGUMENT", "start and end must be valid dateTime values")
        if end < start or end - start > 30 * 86_400_000:
            return sf_error(400, "INVALID_REPLICATION_DATE", "the replication window must be 0 to 30 days")
        store = account.objects[object_name]
        index = store.dead if match.group("kind") == "deleted" else store.live
        keys = index.keys[index.position_at_or_after((start, "")) : index.position_at_or_after((end, ""))]
        covered = salesforce_datetime(min(end, account.now_ms()) // 60_000 * 60_000)
        if match.group("kind") == "updated":
            return json_response(200, {"ids": [key for _, key in keys], "latestDateCovered": covered})
        earliest = min((ms for ms, _ in store.dead.keys), default=account.now_ms())
        return json_response(200, {
            "deletedRecords": [{"id": key, "deletedDate": salesforce_datetime(ms)} for ms, key in keys],
            "earliestDateAvailable": salesforce_datetime(earliest), "latestDateCovered": covered,
        })  # fmt: skip

    # ---- values -------------------------------------------------------------------------
    def field_value(self, record: Record, definition: FieldDef):
        system = definition.system
        if system == "id":
            return record.id
        if system == "deleted":
            return record.deleted
        if system == "master":
            return record.merged_into
        if system == "created":
            return record.created_ms
        if system == "created_by":
            return record.created_by.user_id
        if system == "modified":
            return record.modified_ms
        if system == "modified_by":
            return record.modified_by.user_id
        if system == "name":
            return " ".join(
                part for part in (record.values.get("FirstName"), record.values.get("LastName")) if part
            )
        if system == "closed":
            return str(record.values.get("StageName", "")).startswith("Closed")
        if system == "won":
            return record.values.get("StageName") == "Closed Won"
        return record.values.get(definition.name)

    @staticmethod
    def render_value(definition: FieldDef, value):
        if value is None:
            return None
        if definition.type == "datetime" and isinstance(value, int):
            return salesforce_datetime(value)
        if definition.type in ("string", "textarea", "picklist") and not isinstance(value, str):
            return str(value)
        return value

    def render_record(self, request_version: str, object_name: str, record: Record, selected: list) -> dict:
        sobject = SOBJECTS[object_name]
        row = {
            "attributes": {
                "type": sobject,
                "url": f"/services/data/{request_version}/sobjects/{sobject}/{record.id}",
            }
        }
        for definition in selected:
            row[definition.name] = self.render_value(definition, self.field_value(record, definition))
        return row

    # ---- query --------------------------------------------------------------------------
    def query(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        text = request.param("q")
        if not text:
            return sf_error(400, "MALFORMED_QUERY", "A query string has to be specified")
        try:
            parsed = soql.parse(text)
        except soql.SoqlError as error:
            return sf_error(400, "MALFORMED_QUERY", f"\n{text}\n^\nERROR at Row:1:Column:1\n{error}")
        include_deleted = match.group("mode") == "queryAll"
        history = HISTORY_OBJECTS.get(parsed.object.lower())
        try:
            if parsed.object.lower() == "user":
                rows, render = self._user_query(account, parsed, match.group("version"))
            elif history:
                rows, render = self._history_query(
                    account, parsed, history, include_deleted, match.group("version")
                )
            else:
                rows, render = self._record_query(account, parsed, include_deleted, match.group("version"))
        except QueryError as error:
            return sf_error(400, error.args[0], error.args[1])
        if parsed.count_only:
            return json_response(200, {"totalSize": len(rows), "done": True, "records": []})
        batch = self._batch_size(request)
        return self._page(account, match.group("version"), match.group("mode"), rows, render, 0, batch)

    def _batch_size(self, request: SandboxRequest) -> int:
        options = request.headers.get("sforce-query-options", "")
        found = re.search(r"batchSize=(\d+)", options)
        return min(2000, max(200, int(found.group(1)))) if found else 2000

    def _page(self, account, version, mode, rows, render, offset, batch) -> SandboxResponse:
        chunk = rows[offset : offset + batch]
        body = {
            "totalSize": len(rows),
            "done": offset + batch >= len(rows),
            "records": [render(r) for r in chunk],
        }
        if not body["done"]:
            locator = self._cursor(account, rows, render, batch)
            body["nextRecordsUrl"] = f"/services/data/{version}/{mode}/{locator}-{offset + batch}"
        return json_response(200, body)

    def _cursor(self, account: Account, rows, render, batch) -> str:
        for key, cursor in account.cursors.items():
            if cursor["rows"] is rows:
                cursor["used_ms"] = account.now_ms()
                return key
        key = f"01g{account.org_id[3:5]}{account.next_number('cursor'):010d}AAA"
        account.cursors[key] = {"rows": rows, "render": render, "batch": batch, "used_ms": account.now_ms()}
        while len(account.cursors) > MAX_OPEN_CURSORS:  # Salesforce drops the oldest open cursor
            account.cursors.pop(next(iter(account.cursors)))
        return key

    def query_more(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        key, _, offset = match.group("locator").rpartition("-")
        cursor = account.cursors.get(key)
        if cursor is None or account.now_ms() - cursor["used_ms"] > CURSOR_IDLE_MS:
            account.cursors.pop(key, None)
            return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
        cursor["used_ms"] = account.now_ms()
        return self._page(account, match.group("version"), match.group("mode"), cursor["rows"], cursor["render"],
                          int(offset), cursor["batch"])  # fmt: skip

    def _resolve_fields(self, lookup: dict, names: list, sobject: str) -> list:
        resolved = []
        for name in names:
            definition = lookup.get(name.lower())
            if definition is None:
                raise QueryError(
                    "INVALID_FIELD",
                    f"\n{name}\n^\nERROR at Row:1:Column:8\nNo such column '{name}' on entity '{sobject}'. If you are "
                    "attempting to use a custom field, be sure to append the '__c' after the custom field name. "
                    "Please reference your WSDL or the describe call for the appropriate names.",
                )
            resolved.append(definition)
        return resolved

    def _record_query(self, account: Account, parsed, include_deleted: bool, version: str):
        object_name = self._object(parsed.object)
        if object_name is None:
            raise QueryError("INVALID_TYPE", f"sObject type '{parsed.object}' is not supported.")
        sobject = SOBJECTS[object_name]
        lookup = self.field_lookup(account, object_name)
        selected = self._resolve_fields(lookup, parsed.fields, sobject)
        conditions = [(self._resolve_fields(lookup, [c.field], sobject)[0], c) for c in parsed.conditions]
        order = [(self._resolve_fields(lookup, [name], sobject)[0], desc) for name, desc in parsed.order]
        store = account.objects[object_name]
        candidates, ordered = self._candidates(store, conditions, order, include_deleted)
        rows = [r for r in candidates if (include_deleted or not r.deleted) and not r.hard_deleted
                and all(self._matches(self.field_value(r, d), c) for d, c in conditions)]  # fmt: skip
        if order and not ordered:
            for definition, descending in reversed(order):
                rows.sort(key=lambda r, d=definition: _sort_key(self.field_value(r, d)), reverse=descending)
        if parsed.limit is not None:
            rows = rows[: parsed.limit]
        ids = [r.id for r in rows]

        def render(record_id):
            return self.render_record(version, object_name, store.records[record_id], selected)

        return ids, render

    def _candidates(self, store, conditions, order, include_deleted):
        """Candidate records and whether they already come in the requested order (index path)."""
        for definition, condition in conditions:
            if definition.system == "id" and condition.op in ("=", "IN"):
                wanted = condition.value if isinstance(condition.value, list) else [condition.value]
                return [store.records[i] for i in dict.fromkeys(wanted) if i in store.records], False
        order_names = [d.system for d, _ in order]
        by_modstamp = order_names in (["modified"], ["modified", "id"]) and not any(desc for _, desc in order)
        low = None
        for definition, condition in conditions:
            if (
                definition.system == "modified"
                and condition.op in (">", ">=")
                and isinstance(condition.value, soql.DateTimeLiteral)
            ):
                low = condition.value.ms + (1 if condition.op == ">" else 0)
        if by_modstamp or (not order and low is not None):
            start_key = (low or 0, "")
            indexes = [store.live, store.dead] if include_deleted else [store.live]
            streams = [_keys_from(index, index.position_at_or_after(start_key)) for index in indexes]
            merged = heapq.merge(*streams)
            return (store.record_by_sort_key(key) for _, key in merged), True
        return (store.record_by_sort_key(key) for key in store.creation_order), not order

    def _matches(self, actual, condition) -> bool:
        expected = condition.value
        if isinstance(expected, soql.DateTimeLiteral):
            expected = expected.ms
        elif isinstance(expected, soql.DateLiteral):
            expected = expected.text
        elif isinstance(expected, list):
            expected = [v.ms if isinstance(v, soql.DateTimeLiteral) else v for v in expected]
        op = condition.op
        if op in ("IN", "NOT IN"):
            inside = _normal(actual) in [_normal(v) for v in expected]
            return inside if op == "IN" else not inside
        if op == "LIKE":
            pattern = "^" + re.escape(str(expected)).replace("%", ".*").replace("_", ".") + "$"
            return actual is not None and re.match(pattern, str(actual), re.IGNORECASE) is not None
        if op == "=":
            return _normal(actual) == _normal(expected)
        if op == "!=":
            return _normal(actual) != _normal(expected)
        if actual is None or expected is None:
            return False
        try:
            return {">": actual > expected, ">=": actual >= expected, "<": actual < expected,
                    "<=": actual <= expected}[op]  # fmt: skip
        except TypeError:
            return False

    def _user_query(self, account: Account, parsed, version: str):
        """SOQL over the User sObject: our integration user and the reps (crm_sandbox.users)."""
        rows = users.salesforce_user_rows(account)
        names = {name.lower(): name for name in rows[0]}

        def resolve(name):
            if name.lower() not in names:
                raise QueryError("INVALID_FIELD", f"No such column '{name}' on entity 'User'.")
            return names[name.lower()]

        selected = [resolve(name) for name in parsed.fields]
        conditions = [(resolve(c.field), c) for c in parsed.conditions]
        rows = [row for row in rows if all(self._matches(row[name], c) for name, c in conditions)]
        for key, descending in [(resolve(name), down) for name, down in reversed(parsed.order)]:
            rows.sort(key=lambda row, key=key: _sort_key(row[key]), reverse=descending)
        if parsed.limit is not None:
            rows = rows[: parsed.limit]

        def render(row):
            url = f"/services/data/{version}/sobjects/User/{row['Id']}"
            return {"attributes": {"type": "User", "url": url}, **{name: row[name] for name in selected}}

        return rows, render

    def _history_query(self, account: Account, parsed, history, include_deleted: bool, version: str):
        object_name, sobject, parent_field = history
        names = {name.lower(): name for name in HISTORY_FIELDS}
        names[parent_field.lower()] = parent_field
        names.pop("parentid")

        def resolve(name):
            if name.lower() not in names:
                raise QueryError("INVALID_FIELD", f"No such column '{name}' on entity '{sobject}'.")
            return names[name.lower()]

        selected = [resolve(name) for name in parsed.fields]
        conditions = [(resolve(c.field), c) for c in parsed.conditions]
        store = account.objects[object_name]
        entries = None
        for name, condition in conditions:
            if name == parent_field and condition.op in ("=", "IN"):
                wanted = condition.value if isinstance(condition.value, list) else [condition.value]
                entries = [
                    e
                    for rid in dict.fromkeys(wanted)
                    if rid in store.records
                    for e in store.records[rid].history
                ]
                entries.sort(key=lambda e: e.seq)
        if entries is None:
            low = 0
            for name, condition in conditions:
                if (
                    name == "CreatedDate"
                    and condition.op in (">", ">=")
                    and isinstance(condition.value, soql.DateTimeLiteral)
                ):
                    low = condition.value.ms - (0 if condition.op == ">" else 1)
            entries = store.history_since(low) if low else list(store.history_log)
        schema = account.schema[object_name]
        values = {
            "Id": lambda e: sf_id("017", e.seq), "IsDeleted": lambda e: False, parent_field: lambda e: e.record_id,
            "Field": lambda e: e.field, "DataType": lambda e: self._history_type(schema, e.field),
            "OldValue": lambda e: self._history_value(schema, e.field, e.old),
            "NewValue": lambda e: self._history_value(schema, e.field, e.new),
            "CreatedById": lambda e: e.actor.user_id, "CreatedDate": lambda e: e.at_ms,
        }  # fmt: skip
        rows = [e for e in entries if all(self._matches(values[name](e), c) for name, c in conditions)]
        for name, descending in reversed(parsed.order):
            value_of = values[resolve(name)]
            rows.sort(key=lambda e, value_of=value_of: _sort_key(value_of(e)), reverse=descending)
        if parsed.limit is not None:
            rows = rows[: parsed.limit]

        def render(entry):
            row = {
                "attributes": {
                    "type": sobject,
                    "url": f"/services/data/{version}/sobjects/{sobject}/{sf_id('017', entry.seq)}",
                }
            }
            for name in selected:
                value = values[name](entry)
                row[name] = salesforce_datetime(value) if name == "CreatedDate" else value
            return row

        return rows, render

    @staticmethod
    def _history_type(schema: dict, field_name: str) -> str:
        definition = schema.get(field_name)
        mapping = {"double": "Double", "currency": "Currency", "datetime": "DateTime", "date": "Date",
                   "picklist": "Picklist", "boolean": "Boolean", "int": "Integer", "email": "Email",
                   "phone": "Phone", "reference": "EntityId"}  # fmt: skip
        return mapping.get(definition.type, "Text") if definition else "Text"

    def _history_value(self, schema: dict, field_name: str, value):
        definition = schema.get(field_name)
        return self.render_value(definition, value) if definition else value

    # ---- writes -------------------------------------------------------------------------
    def validate(self, account: Account, object_name: str, body: dict):
        """(clean values, errors[(code, message, fields)]); raises ParserError for JSON type errors."""
        lookup = self.field_lookup(account, object_name)
        sobject = SOBJECTS[object_name]
        clean, errors = {}, []
        for name, raw in body.items():
            if name == "attributes" or name.lower() == "id":
                continue
            definition = lookup.get(name.lower())
            if definition is None:
                errors.append(
                    ("INVALID_FIELD", f"No such column '{name}' on sobject of type {sobject}", [name])
                )
                continue
            if not definition.updateable:
                errors.append(
                    (
                        "INVALID_FIELD_FOR_INSERT_UPDATE",
                        READ_ONLY_MESSAGE.format(definition.name),
                        [definition.name],
                    )
                )
                continue
            if raw is None:
                if not definition.nillable:
                    errors.append(
                        (
                            "REQUIRED_FIELD_MISSING",
                            f"Required fields are missing: [{definition.name}]",
                            [definition.name],
                        )
                    )
                else:
                    clean[definition.name] = None
                continue
            value, error = self._coerce(definition, raw)
            if error:
                errors.append(error)
            else:
                clean[definition.name] = value
        errors += [
            ("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.message, [rule.field])
            for rule in validation_rules(account)
            if rule.object_name == sobject and rule.field in clean and not rule.allows(clean[rule.field])
        ]
        return clean, errors

    def _coerce(self, definition: FieldDef, raw):
        kind, name = definition.type, definition.name
        if kind in NUMERIC:
            if isinstance(raw, bool):
                raise ParserError(f"Cannot deserialize instance of {kind} from VALUE_TRUE value {raw}")
            try:
                return (int(float(raw)) if kind == "int" else float(raw)), None
            except (TypeError, ValueError):
                raise ParserError(
                    f"Cannot deserialize instance of {kind} from VALUE_STRING value {raw} or request may be missing "
                    "a required field"
                ) from None
        if kind == "boolean":
            if isinstance(raw, bool) or str(raw).lower() in ("true", "false"):
                return (raw if isinstance(raw, bool) else str(raw).lower() == "true"), None
            raise ParserError(f"Cannot deserialize instance of boolean from VALUE_STRING value {raw}")
        if kind == "datetime":
            try:
                return parse_datetime_ms(str(raw)), None
            except ValueError:
                raise ParserError(
                    f'Cannot deserialize value of type `datetime` from String "{raw}"'
                ) from None
        if kind == "date":
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", str(raw)):
                raise ParserError(f'Cannot deserialize value of type `date` from String "{raw}"')
            return str(raw), None
        text = raw if isinstance(raw, str) else str(raw)
        if kind == "reference" and text and not re.match(r"^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$", text):
            return None, ("MALFORMED_ID", f"{definition.label}: id value of incorrect type: {text}", [name])
        if kind == "email" and text and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", text.strip()):
            return None, (
                "INVALID_EMAIL_ADDRESS",
                f"{definition.label}: invalid email address: {text}",
                [name],
            )
        if kind == "picklist" and definition.restricted and text not in definition.options:
            return None, ("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                          f"{definition.label}: bad value for restricted picklist field: {text}", [name])  # fmt: skip
        if definition.length and len(text) > definition.length:
            return None, (
                "STRING_TOO_LONG",
                f"{definition.label}: data value too large: {text[:40]} (max length={definition.length})",
                [name],
            )
        return text, None

    def _actor(self, account: Account, request: SandboxRequest) -> Actor:
        found = re.search(r"client=([^,;\s]+)", request.headers.get("sforce-call-options", ""))
        return account.integration_actor(found.group(1) if found else None)

    def retrieve(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match.group("object"))
        record = account.objects[object_name].get(match.group("id")) if object_name else None
        if record is None or record.deleted:
            return self.not_found(request)
        lookup = self.field_lookup(account, object_name)
        try:
            names = request.params("fields")
            selected = (
                self._resolve_fields(lookup, names, SOBJECTS[object_name]) if names else list(lookup.values())
            )
        except QueryError as error:
            return sf_error(400, error.args[0], error.args[1])
        return json_response(200, self.render_record(match.group("version"), object_name, record, selected))

    def patch(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match.group("object"))
        if object_name is None:
            return sf_error(404, "NOT_FOUND", "The requested resource does not exist")
        record = account.objects[object_name].get(match.group("id"))
        if record is None:
            if not re.match(r"^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$", match.group("id")):
                return sf_error(
                    400,
                    "MALFORMED_ID",
                    f"{SOBJECTS[object_name]} ID: id value of incorrect type: {match.group('id')}",
                )
            return self.not_found(request)
        if record.deleted:
            return sf_error(404, "ENTITY_IS_DELETED", "entity is deleted", [])
        try:
            body = request.json() or {}
            clean, errors = self.validate(account, object_name, body)
        except (ParserError, ValueError) as error:
            return sf_error(400, "JSON_PARSER_ERROR", str(error))
        if errors:
            return sf_errors(400, errors)
        account.apply_write(object_name, record, clean, self._actor(account, request))
        return empty_response(204)

    def remove(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match.group("object"))
        record = account.objects[object_name].get(match.group("id")) if object_name else None
        if record is None:
            return self.not_found(request)
        if record.deleted:
            return sf_error(404, "ENTITY_IS_DELETED", "entity is deleted", [])
        account.delete(object_name, record.id, self._actor(account, request))
        return empty_response(204)

    def collection_update(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        body, refused = _collection_body(request)
        if refused is not None:
            return refused
        records = body["records"]
        plans = []
        try:
            for item in records:
                plans.append(self._plan_collection_item(account, item))
        except ParserError as error:
            return sf_error(400, "JSON_PARSER_ERROR", str(error))
        failed = any(errors for _, _, _, errors in plans)
        with account.transaction():
            return json_response(200, self._apply_collection_update(account, request, body, plans, failed))

    def _apply_collection_update(self, account, request, body, plans, failed) -> list:
        results = []
        actor = self._actor(account, request)
        for object_name, record, clean, errors in plans:
            if errors:
                results.append(
                    {
                        "success": False,
                        "errors": [{"statusCode": c, "message": m, "fields": f} for c, m, f in errors],
                    }
                )
            elif failed and body.get("allOrNone"):
                results.append({"id": record.id, "success": False, "errors": [{
                    "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                    "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
                    "fields": []}]})  # fmt: skip
            else:
                account.apply_write(object_name, record, clean, actor)
                results.append({"id": record.id, "success": True, "errors": []})
        return results

    def new_record_id(self, account: Account, object_name: str):
        record_id = self.new_id(account, object_name)
        return record_id, record_id

    def create(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST /sobjects/{SObject}/: 201 {id, success, errors} or a 400 error array."""
        object_name = self._object(match.group("object"))
        if object_name is None:
            return sf_error(404, "NOT_FOUND", "The requested resource does not exist")
        try:
            body = request.json() or {}
            clean, errors = self._plan_insert(account, object_name, body, [])
        except (ParserError, ValueError) as error:
            return sf_error(400, "JSON_PARSER_ERROR", str(error))
        if errors:
            return sf_errors(400, errors)
        record = account.create_record(object_name, clean, self._actor(account, request), self._links(clean))
        return json_response(201, {"id": record.id, "success": True, "errors": []})

    def collection_create(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST /composite/sobjects: up to 200 inserts, SaveResults in input order, always HTTP 200."""
        body, refused = _collection_body(request)
        if refused is not None:
            return refused
        records = body["records"]
        plans, batch = [], []
        try:
            for item in records:
                object_name = self._object((item.get("attributes") or {}).get("type", ""))
                if object_name is None:
                    plans.append((None, None, [("INVALID_TYPE", "sObject type is not supported.", [])]))
                    continue
                if item.get("id") or item.get("Id"):
                    plans.append(
                        (None, None, [("INVALID_FIELD", "cannot specify Id in an insert call", ["Id"])])
                    )
                    continue
                clean, errors = self._plan_insert(account, object_name, item, batch)
                batch.append(clean)
                plans.append((object_name, clean, errors))
        except ParserError as error:
            return sf_error(400, "JSON_PARSER_ERROR", str(error))
        failed = any(errors for _, _, errors in plans)
        if failed and body.get("allOrNone"):
            return json_response(200, [self._rolled_back(errors) for _, _, errors in plans])
        with account.transaction():
            return json_response(200, self._apply_collection_create(account, request, plans))

    def _apply_collection_create(self, account, request, plans) -> list:
        actor = self._actor(account, request)
        results = []
        for object_name, clean, errors in plans:
            if errors:
                results.append({"success": False, "errors": [{"statusCode": c, "message": m, "fields": f}
                                                             for c, m, f in errors]})  # fmt: skip
                continue
            record = account.create_record(object_name, clean, actor, self._links(clean))
            results.append({"id": record.id, "success": True, "errors": []})
        return results

    @staticmethod
    def _rolled_back(errors) -> dict:
        if errors:
            return {
                "success": False,
                "errors": [{"statusCode": c, "message": m, "fields": f} for c, m, f in errors],
            }
        return {"success": False, "errors": [{
            "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
            "fields": []}]}  # fmt: skip

    def _plan_insert(self, account: Account, object_name: str, body: dict, batch: list):
        """(clean values with defaults, errors) for one insert; `batch` holds the earlier inserts of the call."""
        clean, errors = self.validate(account, object_name, body)
        values = {**CREATE_DEFAULTS.get(object_name, {}), "OwnerId": account.integration_user_id, **clean}
        schema = account.schema[object_name]
        errors += [
            ("REQUIRED_FIELD_MISSING", f"Required fields are missing: [{name}]", [name])
            for name, definition in schema.items()
            if not definition.nillable and definition.system is None and values.get(name) in (None, "")
        ]
        errors += self._duplicate_errors(account, object_name, values, batch)
        errors += self._reference_errors(account, values)
        return values, errors

    def _duplicate_errors(self, account: Account, object_name: str, values: dict, batch: list) -> list:
        errors = []
        for name, definition in account.schema[object_name].items():
            value = values.get(name)
            if not definition.unique or value in (None, ""):
                continue
            existing = account.find_live_by_value(object_name, name, value)
            if existing is not None or any(earlier.get(name) == value for earlier in batch):
                where = existing.id if existing else "a record of this request"
                errors.append(("DUPLICATE_VALUE", f"duplicate value found: {name} duplicates value on record "
                                                  f"with id: {where}", [name]))  # fmt: skip
        return errors

    def _reference_errors(self, account: Account, values: dict) -> list:
        errors = []
        for name in ("WhoId", "WhatId", "AccountId", "ContactId"):
            target = values.get(name)
            if not target:
                continue
            prefix_objects = {prefix: obj for obj, prefix in KEY_PREFIXES.items()}
            object_name = prefix_objects.get(str(target)[:3])
            record = account.objects[object_name].get(target) if object_name else None
            if record is None or record.deleted:
                errors.append(("INVALID_CROSS_REFERENCE_KEY", f"{name}: id value of incorrect type: {target}",
                               [name]))  # fmt: skip
        return errors

    @staticmethod
    def _links(values: dict) -> list:
        prefix_objects = {prefix: obj for obj, prefix in KEY_PREFIXES.items()}
        return [
            (prefix_objects[str(values[name])[:3]], values[name])
            for name in ("WhoId", "WhatId")
            if values.get(name) and str(values[name])[:3] in prefix_objects
        ]

    def _plan_collection_item(self, account: Account, item: dict):
        sobject = (item.get("attributes") or {}).get("type", "")
        object_name = self._object(sobject)
        record_id = item.get("id") or item.get("Id")
        if object_name is None:
            return None, None, None, [("INVALID_TYPE", f"sObject type '{sobject}' is not supported.", [])]
        if not record_id:
            return None, None, None, [("MISSING_ARGUMENT", "Id not specified in an update call", [])]
        record = account.objects[object_name].get(record_id)
        if record is None:
            return None, None, None, [("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [])]
        if record.deleted:
            return None, None, None, [("ENTITY_IS_DELETED", "entity is deleted", [])]
        clean, errors = self.validate(account, object_name, item)
        return object_name, record, clean, errors


def _normal(value):
    return value.lower() if isinstance(value, str) else value


def _sort_key(value):
    """Salesforce sorts nulls first in ascending order."""
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value).lower())


def _collection_body(request: SandboxRequest) -> tuple[dict, SandboxResponse | None]:
    """An sObject Collections body (its "records" always a list), or the error Salesforce answers for it."""
    try:
        body = request.json() or {}
    except ValueError as error:
        return {}, sf_error(400, "JSON_PARSER_ERROR", str(error))
    body["records"] = body.get("records") or []
    if len(body["records"]) > COLLECTION_LIMIT:
        return {}, sf_error(
            400,
            "EXCEEDED_ID_LIMIT",
            f"record limit reached. cannot submit more than {COLLECTION_LIMIT} records into this call",
        )
    return body, None


def _reference_to(field_name: str, sobject: str) -> list[str]:
    target = REFERENCE_TARGETS.get(field_name, sobject)
    return list(target) if isinstance(target, list) else [target]
