"""HubSpot CRM v3 emulator: OAuth refresh, properties, objects list/get/search/batch, merge."""

import bisect
import json
import math

from . import oauth, users
from .account import Account, FieldDef, Limits
from .provider import Provider, Route
from .seed import INDUSTRIES, LIFECYCLE_STAGES, TITLES
from .store import Actor, HistoryEntry, Record
from .wire import SandboxRequest, SandboxResponse, empty_response, iso_z_ms, json_response, parse_datetime_ms

OBJECT_PATH = r"/crm/(?:v3/objects|objects/20\d\d-\d\d(?:-beta)?)/(?P<object>[\w-]+)"
PROPERTY_PATH = r"/crm/(?:v3/properties|properties/20\d\d-\d\d(?:-beta)?)/(?P<object>[\w-]+)"
ASSOCIATIONS_V4_PATH = r"/crm/v4/associations/(?P<object>[\w-]+)/(?P<to>[\w-]+)/batch/read"
SEARCH_CAP = 10_000
BATCH_LIMIT = 100  # also the associations v4 batch read's limit of ids (HubSpot changelog, January 2024)
ASSOCIATIONS_PAGE = 500  # associated records per object in one answer; the rest by the input's `after`
HISTORY_BATCH_LIMIT = 50  # propertiesWithHistory lowers what one batch read may ask for
ID_BASES = {"contacts": 1000, "companies": 2_000_000, "deals": 3_000_000, "tasks": 5_000_000}
MODIFIED_PROPERTY = {
    "contacts": "lastmodifieddate",
    "companies": "hs_lastmodifieddate",
    "deals": "hs_lastmodifieddate",
    "tasks": "hs_lastmodifieddate",
}
DEFAULT_PROPERTIES = {
    "contacts": ["email", "firstname", "lastname"],
    "companies": ["name", "domain"],
    "deals": ["dealname", "amount", "dealstage", "pipeline", "closedate"],
    "tasks": ["hs_task_subject", "hs_task_status", "hs_timestamp"],
}
CREATE_KEY_PROPERTY = "crmhub_create_key"
# HUBSPOT_DEFINED association type ids the sandbox accepts on create: (from, to) -> id.
ASSOCIATION_TYPES = {
    ("tasks", "contacts"): 204,
    ("tasks", "companies"): 192,
    ("tasks", "deals"): 216,
    ("contacts", "companies"): 279,
    ("deals", "contacts"): 3,
    ("deals", "companies"): 341,
}
REQUIRED_ON_CREATE = {"tasks": ("hs_timestamp",)}
TASK_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"]
TASK_PRIORITIES = ["NONE", "LOW", "MEDIUM", "HIGH"]
TASK_TYPES = ["TODO", "CALL", "EMAIL", "LINKED_IN", "MEETING"]
DEAL_STAGES = {
    "Prospecting": "appointmentscheduled",
    "Qualification": "qualifiedtobuy",
    "Proposal": "presentationscheduled",
    "Negotiation": "contractsent",
    "Closed Won": "closedwon",
    "Closed Lost": "closedlost",
}
SEGMENT_OPTIONS = [("Enterprise", "enterprise"), ("Mid-Market", "mid_market"), ("SMB", "smb")]
LEAD_STATUSES = [
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
]
SORTABLE_SYSTEM = {"hs_object_id", "createdate"}


def _text(name, label, field_type="text", **kw) -> FieldDef:
    return FieldDef(name, label, "string", field_type=field_type, **kw)


def _readonly(name, label, type_, field_type, system=None, **kw) -> FieldDef:
    return FieldDef(name, label, type_, updateable=False, field_type=field_type, system=system, **kw)


def _enum(name, label, options, field_type="select", **kw) -> FieldDef:
    return FieldDef(name, label, "enumeration", options=list(options), field_type=field_type, **kw)


def _custom_fields() -> list:
    return [
        FieldDef(
            "ai_score", "AI score", "number", field_type="number", custom=True, group="ai", generic="ai_score"
        ),
        FieldDef(
            "ai_score_updated_at",
            "AI score updated at",
            "datetime",
            field_type="date",
            custom=True,
            group="ai",
            generic="ai_score_updated_at",
        ),
        _enum(
            "ai_segment",
            "AI segment",
            [v for _, v in SEGMENT_OPTIONS],
            custom=True,
            group="ai",
            generic="ai_segment",
        ),
    ]


def _create_key() -> FieldDef:
    return FieldDef(CREATE_KEY_PROPERTY, "CrmHub create key", "string", field_type="text", custom=True,
                    group="crmhub", unique=True)  # fmt: skip


def _common_system(modified_name: str) -> list:
    return [
        _readonly("createdate", "Create date", "datetime", "date", system="created"),
        _readonly(modified_name, "Last modified date", "datetime", "date", system="modified"),
        _readonly("hs_object_id", "Record ID", "number", "number", system="id"),
        _readonly(
            "hs_merged_object_ids", "Merged record IDs", "enumeration", "checkbox", system="merged_ids"
        ),
        FieldDef("hubspot_owner_id", "Owner", "enumeration", field_type="select", external_options=True),
    ]


def build_hubspot_schema() -> dict:
    contacts = [
        _text("email", "Email"),
        _text("firstname", "First name"),
        _text("lastname", "Last name"),
        _text("phone", "Phone number", "phonenumber"),
        _text("mobilephone", "Mobile phone number", "phonenumber"),
        _text("company", "Company name"),
        _text("jobtitle", "Job title"),
        _enum("lifecyclestage", "Lifecycle stage", LIFECYCLE_STAGES, "radio"),
        _enum("hs_lead_status", "Lead status", LEAD_STATUSES),
        FieldDef("associatedcompanyid", "Primary associated company ID", "number", field_type="number"),
        _readonly("hs_additional_emails", "Additional email addresses", "enumeration", "checkbox"),
        _readonly("hubspotscore", "HubSpot score", "number", "number", calculated=True),
        # consent: read-only through the CRM API (the subscriptions API and the UI change it); empty until set
        _readonly("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox"),
        *_common_system("lastmodifieddate"),
        *_custom_fields(),
    ]
    companies = [
        _text("name", "Company name"),
        _text("domain", "Company domain name"),
        _text("phone", "Phone number", "phonenumber"),
        _enum("industry", "Industry", [i.upper() for i in INDUSTRIES]),
        _text("city", "City"),
        _text("country", "Country/Region"),
        FieldDef("numberofemployees", "Number of employees", "number", field_type="number"),
        _enum("lifecyclestage", "Lifecycle stage", LIFECYCLE_STAGES, "radio"),
        FieldDef("hs_parent_company_id", "Parent company", "number", field_type="number"),
        *_common_system("hs_lastmodifieddate"),
        *_custom_fields(),
    ]
    deals = [
        _text("dealname", "Deal name"),
        FieldDef("amount", "Amount", "number", field_type="number"),
        _enum("dealstage", "Deal stage", DEAL_STAGES.values(), "radio"),
        _enum("pipeline", "Pipeline", ["default"]),
        FieldDef("closedate", "Close date", "datetime", field_type="date"),
        _readonly("hs_is_closed", "Is deal closed?", "bool", "booleancheckbox", calculated=True),
        FieldDef("associatedcompanyid", "Associated company ID", "number", field_type="number"),
        *_common_system("hs_lastmodifieddate"),
        *_custom_fields(),
    ]
    tasks = [
        FieldDef("hs_timestamp", "Due date", "datetime", field_type="date"),
        _text("hs_task_subject", "Task title"),
        _text("hs_task_body", "Task notes", "html"),
        _enum("hs_task_status", "Task status", TASK_STATUSES),
        _enum("hs_task_priority", "Priority", TASK_PRIORITIES),
        _enum("hs_task_type", "Task type", TASK_TYPES),
        *_common_system("hs_lastmodifieddate"),
    ]
    objects = (("contacts", contacts), ("companies", companies), ("deals", deals), ("tasks", tasks))
    return {name: {f.name: f for f in [*definitions, _create_key()]} for name, definitions in objects}


def _number_text(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def another_app(account: Account, app_id: int | None = None) -> dict:
    """Install another app in the portal (an enrichment tool, say): its own access token, whose writes
    HubSpot shows as INTEGRATION with that app's id. Returns {"access_token", "app_id"}."""
    app_id = app_id or 5_000_000 + account.token_rng.randrange(1_000_000)
    token = account.issue_token("access", prefix="CJ", length=48)
    account.other_apps[token] = app_id
    return {"access_token": token, "app_id": str(app_id)}


class HubSpot(Provider):
    name = "hubspot"
    api_version = "v3"
    object_aliases = {
        "contacts": "contacts", "contact": "contacts", "0-1": "contacts",
        "companies": "companies", "company": "companies", "0-2": "companies",
        "deals": "deals", "deal": "deals", "0-3": "deals",
        "tasks": "tasks", "task": "tasks", "0-27": "tasks",
    }  # fmt: skip

    def register_routes(self) -> None:
        self.add("POST", r"/oauth/v1/token", self.token, auth=False, kind="token")
        self.add(
            "GET",
            r"/oauth/v1/access-tokens/(?P<token>[^/]+)",
            self.access_token_info,
            auth=False,
            kind="token",
        )
        self.add("GET", r"/oauth/authorize", self.authorize, auth=False, kind="token")
        self.add("GET", r"/crm/v3/owners/?", users.hubspot_owners)
        self.add("GET", r"/crm/v3/owners/(?P<owner_id>[^/]+)", users.hubspot_owner)
        self.add("GET", PROPERTY_PATH, self.list_properties, kind="schema")
        self.add("GET", PROPERTY_PATH + r"/(?P<prop>[\w-]+)", self.get_property, kind="schema")
        self.add("POST", OBJECT_PATH + r"/search", self.search, kind="search")
        self.add("POST", OBJECT_PATH + r"/batch/read", self.batch_read)
        self.add("POST", ASSOCIATIONS_V4_PATH, self.associations_batch_read)
        self.add("POST", OBJECT_PATH + r"/batch/update", self.batch_update, kind="write")
        self.add("POST", OBJECT_PATH + r"/batch/create", self.batch_create, kind="write")
        self.add("POST", OBJECT_PATH + r"/batch/archive", self.batch_archive, kind="write")
        self.add("POST", OBJECT_PATH, self.create_object, kind="write")
        self.add("POST", OBJECT_PATH + r"/merge", self.merge_objects, kind="write")
        self.add("GET", OBJECT_PATH, self.list_objects)
        self.add("GET", OBJECT_PATH + r"/(?P<id>[^/]+)", self.get_object)
        self.add("PATCH", OBJECT_PATH + r"/(?P<id>[^/]+)", self.patch_object, kind="write")
        self.add("DELETE", OBJECT_PATH + r"/(?P<id>[^/]+)", self.archive_object, kind="write")

    def default_limits(self) -> Limits:
        return Limits(burst=110, window_s=10.0, search_per_second=5, daily=0)

    def build_schema(self, account: Account) -> dict:
        return build_hubspot_schema()

    def init_account(self, account: Account) -> None:
        account.hub_id = 40_000_000 + account.token_rng.randrange(1_000_000)
        account.app_id = 3_000_000 + account.token_rng.randrange(1_000_000)
        account.integration_user_id = account.app_id
        account.other_apps = {}  # access token -> app id of another app installed in the portal
        account.rep_user_ids = [70_000_000 + account.token_rng.randrange(1_000_000) for _ in range(5)]
        account.client_id = "sandbox-" + account.issue_token("client", length=24)
        account.client_secret = account.issue_token("secret", length=32)
        access = account.issue_token("access", prefix="CJ", length=48)
        refresh = account.issue_token("refresh", prefix="na1-", length=36)
        account.credentials = {
            "access_token": access,
            "refresh_token": refresh,
            "client_id": account.client_id,
            "client_secret": account.client_secret,
            "app_id": str(account.app_id),
            "hub_id": account.hub_id,
        }

    # ---- seeding ----------------------------------------------------------------------------
    def seed(self, account: Account, data, now_ms: int) -> None:
        importer = Actor("import", account.rep_user_ids[0])
        day = 86_400_000

        def times(item):
            created = now_ms - int(item.created_days_ago * day)
            return created, max(created, now_ms - int(item.modified_days_ago * day))

        company_ids = {}
        rows, history = [], []
        for number, company in enumerate(sorted(data.companies, key=lambda c: -c.created_days_ago)):
            record_id = ID_BASES["companies"] + number + 1
            company_ids[company.index] = str(record_id)
            values = {
                "name": company.name,
                "domain": company.domain,
                "phone": company.phone,
                "industry": company.industry.upper(),
                "city": company.city,
                "country": company.country,
                "numberofemployees": str(company.employees),
                "lifecyclestage": "customer" if company.index % 3 == 0 else "lead",
                "hubspot_owner_id": str(account.rep_user_ids[company.index % len(account.rep_user_ids)]),
                "ai_segment": dict(SEGMENT_OPTIONS)[company.segment] if company.segment else None,
            }
            rows.append(self._record(record_id, values, *times(company), importer))
        parent_fix = {c.index: c.parent_index for c in data.companies if c.parent_index is not None}
        by_id = {r.id: r for r in rows}
        for index, parent_index in parent_fix.items():
            by_id[company_ids[index]].values["hs_parent_company_id"] = company_ids[parent_index]
        self.load_records(account, "companies", rows, history)

        person_ids = {}
        rows, history = [], []
        for number, person in enumerate(sorted(data.people, key=lambda p: -p.created_days_ago)):
            record_id = ID_BASES["contacts"] + number + 1
            person_ids[person.index] = str(record_id)
            company = data.companies[person.company_index] if person.company_index is not None else None
            values = {
                "email": person.email,
                "firstname": person.first_name,
                "lastname": person.last_name,
                "phone": person.phone,
                "mobilephone": person.mobile,
                "company": company.name if company else None,
                "jobtitle": person.title,
                "lifecyclestage": person.lifecycle,
                "associatedcompanyid": company_ids.get(person.company_index),
                "hs_additional_emails": ";".join(person.extra_emails) or None,
                "hubspot_owner_id": str(account.rep_user_ids[person.index % len(account.rep_user_ids)]),
                "ai_score": _number_text(person.ai_score) if person.ai_score is not None else None,
            }
            created, modified = times(person)
            record = self._record(record_id, values, created, modified, importer)
            if person.ai_score is not None:
                values["ai_score_updated_at"] = iso_z_ms(modified)
                for name in ("ai_score", "ai_score_updated_at"):
                    history.append(
                        HistoryEntry(
                            record.id, name, None, values[name], modified, account.integration_actor()
                        )
                    )
            elif person.index % 7 == 0 and created < modified:
                old = LIFECYCLE_STAGES[max(0, LIFECYCLE_STAGES.index(person.lifecycle) - 1)]
                history.append(
                    HistoryEntry(record.id, "lifecyclestage", old, person.lifecycle, modified,
                                 Actor("rep", account.rep_user_ids[person.index % 5]))
                )  # fmt: skip
            rows.append(record)
        self.load_records(account, "contacts", rows, history)

        rows = []
        for number, deal in enumerate(sorted(data.deals, key=lambda d: -d.created_days_ago)):
            record_id = ID_BASES["deals"] + number + 1
            created, modified = times(deal)
            values = {
                "dealname": deal.name,
                "amount": _number_text(deal.amount),
                "dealstage": DEAL_STAGES[deal.stage],
                "pipeline": "default",
                "closedate": iso_z_ms((now_ms // day + deal.close_days_ahead) * day),
                "associatedcompanyid": company_ids[deal.company_index],
                "hubspot_owner_id": str(account.rep_user_ids[deal.index % len(account.rep_user_ids)]),
            }
            rows.append(self._record(record_id, values, created, modified, importer))
        self.load_records(account, "deals", rows, [])

    @staticmethod
    def _record(number: int, values: dict, created: int, modified: int, actor: Actor) -> Record:
        clean = {k: v for k, v in values.items() if v is not None}
        return Record(str(number), number, clean, created, modified, actor, actor)

    def coerce_internal(self, definition: FieldDef, value):
        if value is None or value == "":
            return None
        if definition.type == "number":
            return _number_text(value)
        if definition.type == "datetime" and not isinstance(value, str):
            return iso_z_ms(int(value))
        if definition.type == "bool":
            return "true" if value in (True, "true") else "false"
        return str(value)

    def retype(self, account: Account, object_name: str, definition: FieldDef, new_type: str) -> None:
        definition.type = new_type
        definition.field_type = {"number": "number", "string": "text", "enumeration": "select",
                                 "datetime": "date", "date": "date", "bool": "booleancheckbox"}.get(new_type, "text")  # fmt: skip

    def rep_edit_values(self, account: Account, object_name: str, rng) -> dict:
        if object_name == "contacts":
            choice = rng.randrange(4)
            if choice == 0:
                return {"lifecyclestage": rng.choice(LIFECYCLE_STAGES)}
            if choice == 1:
                return {"jobtitle": rng.choice(TITLES)}
            if choice == 2:
                return {"hs_lead_status": rng.choice(LEAD_STATUSES)}
            return {"ai_score": str(rng.randint(0, 100))}
        if object_name == "companies":
            return {"numberofemployees": str(rng.choice([10, 50, 200, 1000]))}
        return {"dealstage": rng.choice(list(DEAL_STAGES.values()))}

    # ---- auth, limits, errors -----------------------------------------------------------
    def error(self, account, status: int, category: str, message: str, **extra) -> SandboxResponse:
        body = {"status": "error", "message": message, "correlationId": self.correlation_id(account),
                "category": category, **extra}  # fmt: skip
        return json_response(status, body)

    def not_found(self, request: SandboxRequest) -> SandboxResponse:
        return self.error(None, 404, "OBJECT_NOT_FOUND", "resource not found")

    def authenticate(self, sandbox, request: SandboxRequest):
        account, problem, info = self.lookup_token(
            sandbox, self.bearer(request), self.name, sandbox.clock.now_ms()
        )
        if problem == "expired":
            ago = max(1, (sandbox.clock.now_ms() - info.expires_ms) // 1000)
            return None, self.error(
                account, 401, "EXPIRED_AUTHENTICATION",
                f"The OAuth token used to make this call expired {ago} second(s) ago.",
            )  # fmt: skip
        if problem:
            return None, self.error(
                None, 401, "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
                "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            )  # fmt: skip
        return account, None

    def authorize(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        return oauth.authorize(self, sandbox, request)

    def token(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        form = request.form()
        if form.get("grant_type") == "authorization_code":
            return oauth.code_grant(self, sandbox, request)
        if form.get("grant_type") != "refresh_token":
            return json_response(400, {"status": "BAD_GRANT_TYPE", "message": "grant_type must be refresh_token",
                                       "correlationId": self.correlation_id(None)})  # fmt: skip
        info = sandbox.tokens.get(form.get("refresh_token", ""))
        if info is None or info.kind != "refresh" or info.revoked or info.account.provider is not self:
            return json_response(400, {"status": "BAD_REFRESH_TOKEN", "message": "missing or unknown refresh token",
                                       "correlationId": self.correlation_id(None)})  # fmt: skip
        account = info.account
        if form.get("client_id") != account.client_id or form.get("client_secret") != account.client_secret:
            return json_response(400, {"status": "BAD_CLIENT_ID", "message": "missing or unknown client id",
                                       "correlationId": self.correlation_id(None)})  # fmt: skip
        ttl = account.access_token_ttl_s if account.access_token_ttl_s is not None else 1800
        access = account.issue_token("access", prefix="CJ", length=48)
        sandbox.tokens[access].expires_ms = account.now_ms() + int(ttl * 1000)
        account.credentials["access_token"] = access
        return json_response(200, {
            "token_type": "bearer", "access_token": access, "refresh_token": form["refresh_token"],
            "expires_in": int(ttl), "hub_id": account.hub_id, "user_id": account.rep_user_ids[0],
            "scopes": ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.write",
                       "crm.objects.deals.write", "crm.schemas.contacts.read", "oauth"],
            "token_use": "access_token",
        })  # fmt: skip

    def access_token_info(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        """GET /oauth/v1/access-tokens/{token}: the token's app, portal, user and scopes (AccessTokenInfoResponse)."""
        token = match.group("token")
        account, problem, info = self.lookup_token(sandbox, token, self.name, sandbox.clock.now_ms())
        if problem:
            return json_response(404, {"status": "error", "message": "Token not found", "category": "OBJECT_NOT_FOUND",
                                       "correlationId": self.correlation_id(None)})  # fmt: skip
        expires_ms = info.expires_ms if info.expires_ms is not None else sandbox.clock.now_ms() + 1_800_000
        return json_response(200, {
            "token": token, "user": "integration@sandbox.example", "hub_domain": f"{account.name}.hubspot.example",
            "scopes": ["crm.objects.contacts.read", "crm.objects.contacts.write", "oauth"],
            "hub_id": account.hub_id, "app_id": int(account.other_apps.get(token, account.app_id)),
            "expires_in": max(0, (expires_ms - sandbox.clock.now_ms()) // 1000),
            "user_id": account.rep_user_ids[0], "token_type": "access",
        })  # fmt: skip

    def check_limits(self, account: Account, request: SandboxRequest, route: Route):
        if not account.limits.enabled:
            return None
        bounds = getattr(account, "bounds", None)  # sandbox.limits: a tier's documented bounds, opt-in
        if bounds is not None:
            return bounds.check(account, request, route)
        return self.window_check(account, route)

    def window_check(self, account: Account, route: Route):
        now = account.now_ms()
        if route.kind == "search":
            if self.window_count(account.search_log, now, 1000) >= account.limits.search_per_second:
                return self.rate_limited(account, route, 1)
            account.search_log.append(now)
            return None
        window_ms = int(account.limits.window_s * 1000)
        if self.window_count(account.burst_log, now, window_ms) >= account.limits.burst:
            retry = (account.burst_log[0] + window_ms - now) / 1000
            return self.rate_limited(account, route, retry)
        account.burst_log.append(now)
        return None

    def rate_limited(self, account: Account, route: Route, retry_after_s: float) -> SandboxResponse:
        policy = "SECONDLY" if route.kind == "search" else "TEN_SECONDLY_ROLLING"
        response = json_response(429, {
            "status": "error", "message": f"You have reached your {policy.lower()} limit.",
            "errorType": "RATE_LIMIT", "correlationId": self.correlation_id(account), "policyName": policy,
            "requestId": self.correlation_id(account),
        })  # fmt: skip
        response.headers["retry-after"] = str(max(1, math.ceil(retry_after_s)))
        return response

    def server_error(self, account: Account, status: int) -> SandboxResponse:
        return self.error(account, status, "INTERNAL_ERROR", "internal error")

    def decorate(self, account: Account, response: SandboxResponse, route: Route) -> None:
        bounds = getattr(account, "bounds", None)
        if bounds is not None and account.limits.enabled:
            bounds.decorate(account, response, route)
        else:
            self.window_headers(account, response, route)

    def window_headers(self, account: Account, response: SandboxResponse, route: Route) -> None:
        if route.kind == "search" or not account.limits.enabled:
            return
        now = account.now_ms()
        used = self.window_count(account.burst_log, now, int(account.limits.window_s * 1000))
        response.headers["x-hubspot-ratelimit-max"] = str(account.limits.burst)
        response.headers["x-hubspot-ratelimit-remaining"] = str(max(0, account.limits.burst - used))
        response.headers["x-hubspot-ratelimit-interval-milliseconds"] = str(
            int(account.limits.window_s * 1000)
        )

    # ---- properties ---------------------------------------------------------------------
    def _object(self, account: Account, match) -> str | None:
        return self.object_aliases.get(match.group("object"))

    def render_property(self, account: Account, object_name: str, definition: FieldDef, order: int) -> dict:
        changed = account.schema_changed_ms.get(object_name) or 1_735_689_600_000
        options = [
            {"label": value.replace("_", " ").title(), "value": value, "description": "", "displayOrder": number,
             "hidden": False}
            for number, value in enumerate(definition.options)
        ]  # fmt: skip
        prop = {
            "name": definition.name,
            "label": definition.label,
            "type": definition.type,
            "fieldType": definition.field_type,
            "groupName": definition.group
            or ("contactinformation" if object_name == "contacts" else f"{object_name[:-1]}information"),
            "description": "",
            "options": [] if definition.external_options else options,
            "displayOrder": order,
            "calculated": definition.calculated,
            "externalOptions": definition.external_options,
            "hasUniqueValue": definition.name == "hs_object_id" or definition.unique,
            "hidden": False,
            "hubspotDefined": not definition.custom,
            "formField": definition.updateable,
            "dataSensitivity": "non_sensitive",
            "modificationMetadata": {
                "archivable": definition.custom,
                "readOnlyDefinition": not definition.custom,
                "readOnlyValue": not definition.updateable or definition.calculated,
                "readOnlyOptions": definition.type != "enumeration",
            },
            "createdAt": iso_z_ms(1_735_689_600_000),
            "updatedAt": iso_z_ms(changed),
            "archived": False,
        }
        if definition.name == "hubspot_owner_id":
            prop["referencedObjectType"] = "OWNER"
        return prop

    def list_properties(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.error(
                account, 400, "VALIDATION_ERROR", f"Unable to infer object type from: {match.group('object')}"
            )
        schema = account.schema[object_name]
        return json_response(
            200,
            {
                "results": [
                    self.render_property(account, object_name, d, n) for n, d in enumerate(schema.values())
                ]
            },
        )

    def get_property(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        schema = account.schema.get(object_name or "", {})
        definition = schema.get(match.group("prop"))
        if definition is None:
            return self.error(
                account, 404, "OBJECT_NOT_FOUND", f"Unable to find property {match.group('prop')}"
            )
        order = list(schema).index(definition.name)
        return json_response(200, self.render_property(account, object_name, definition, order))

    # ---- rendering ----------------------------------------------------------------------
    def property_value(self, object_name: str, record: Record, definition: FieldDef):
        system = definition.system
        if system == "id":
            return record.id
        if system == "created":
            return iso_z_ms(record.created_ms)
        if system == "modified":
            return iso_z_ms(record.modified_ms)
        if system == "merged_ids":
            return ";".join(record.merged_ids) or None
        if definition.name == "hs_is_closed":
            return "true" if record.values.get("dealstage") in ("closedwon", "closedlost") else "false"
        return record.values.get(definition.name)

    def render(
        self, account: Account, object_name: str, record: Record, names=None, history_names=None
    ) -> dict:
        schema = account.schema[object_name]
        wanted = list(names) if names else list(DEFAULT_PROPERTIES[object_name])
        wanted += ["createdate", MODIFIED_PROPERTY[object_name], "hs_object_id"]
        properties = {}
        for name in wanted:
            definition = schema.get(name)
            if definition is not None:  # unknown names are silently ignored on reads
                properties[name] = self.property_value(object_name, record, definition)
        result = {
            "id": record.id,
            "properties": properties,
            "createdAt": iso_z_ms(record.created_ms),
            "updatedAt": iso_z_ms(record.modified_ms),
            "archived": record.deleted,
        }
        if record.deleted:
            result["archivedAt"] = iso_z_ms(record.deleted_ms)
        if history_names:
            result["propertiesWithHistory"] = {
                name: self.value_history(account, object_name, record, schema[name])
                for name in history_names
                if name in schema
            }
        return result

    def value_history(self, account: Account, object_name: str, record: Record, definition: FieldDef) -> list:
        """ValueWithTimestamp list, newest first: recorded changes, then the value the record was created with."""
        if definition.system:
            value = self.property_value(object_name, record, definition)
            stamp = record.modified_ms if definition.system == "modified" else record.created_ms
            return [{"value": value or "", "timestamp": iso_z_ms(stamp), "sourceType": "CALCULATED"}]
        entries = [e for e in record.history if e.field == definition.name]
        versions = [self._version(account, e.new, e.at_ms, e.actor) for e in reversed(entries)]
        initial = entries[0].old if entries else record.values.get(definition.name)
        if initial is not None:
            versions.append(self._version(account, initial, record.created_ms, record.created_by))
        return versions

    def _version(self, account: Account, value, at_ms: int, actor: Actor) -> dict:
        version = {"value": "" if value is None else str(value), "timestamp": iso_z_ms(at_ms)}
        if actor.kind == "integration":  # any app's write: its app id (ours, or another app's)
            version.update(sourceType="INTEGRATION", sourceId=str(actor.user_id))
        elif actor.kind == "api":
            version.update(sourceType="API", sourceId=actor.client or "api")
        elif actor.kind == "import":
            version.update(
                sourceType="IMPORT", sourceId=f"userId:{actor.user_id}", updatedByUserId=actor.user_id
            )
        else:
            source = "MOBILE_IOS" if actor.channel == "mobile" else "CRM_UI"
            version.update(
                sourceType=source, sourceId=f"userId:{actor.user_id}", updatedByUserId=actor.user_id
            )
        return version

    # ---- reads --------------------------------------------------------------------------
    def _find(
        self, account: Account, object_name: str, raw_id: str, id_property: str | None = None
    ) -> Record | None:
        store = account.objects[object_name]
        if id_property and id_property != "hs_object_id":
            needle = raw_id.strip().lower()
            for key in store.creation_order:
                record = store.record_by_sort_key(key)
                if not record.deleted and (record.values.get(id_property) or "").strip().lower() == needle:
                    return record
            return None
        return account.resolve_merged(object_name, raw_id)

    def get_object(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        record = self._find(account, object_name, match.group("id"), request.param("idProperty"))
        archived = request.flag("archived")
        if record is None or record.deleted != archived:
            return self.not_found(request)
        return json_response(
            200, self.render(account, object_name, record, request.params("properties"),
                             request.params("propertiesWithHistory")),
        )  # fmt: skip

    def list_objects(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        store = account.objects[object_name]
        archived = request.flag("archived")
        history_names = request.params("propertiesWithHistory")
        limit = min(int(request.param("limit", "10")), 50 if history_names else 100)
        after = request.param("after")
        keys = store.creation_order
        start = bisect.bisect_right(keys, int(after)) if after and after.isdigit() else 0
        results, next_key = [], None
        for position in range(start, len(keys)):
            record = store.record_by_sort_key(keys[position])
            if record.deleted != archived or record.merged_into:
                continue
            if len(results) == limit:
                next_key = results[-1]["id"]
                break
            results.append(
                self.render(account, object_name, record, request.params("properties"), history_names)
            )
        body = {"results": results}
        if next_key:
            link = f"{request.base_url}{request.path}?after={next_key}"
            body["paging"] = {"next": {"after": next_key, "link": link}}
        return json_response(200, body)

    def batch_read(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        body = request.json() or {}
        inputs = body.get("inputs") or []
        limit = HISTORY_BATCH_LIMIT if body.get("propertiesWithHistory") else BATCH_LIMIT
        if object_name is None or len(inputs) > limit:
            return self.error(account, 400, "VALIDATION_ERROR", f"Batch size must be at most {limit}")
        id_property = body.get("idProperty")
        definition = account.schema[object_name].get(id_property) if id_property else None
        if (
            id_property
            and id_property not in ("hs_object_id", "email")
            and not (definition and definition.unique)
        ):
            return self.error(account, 400, "VALIDATION_ERROR",
                              f"{id_property} is not a unique identifier property of {object_name}")  # fmt: skip
        archived = request.flag("archived")
        started = iso_z_ms(account.now_ms())
        results, missing = [], []
        for item in inputs:
            record = self._find(account, object_name, str(item.get("id", "")), id_property)
            if record is None or record.deleted != archived:
                missing.append(str(item.get("id", "")))
                continue
            results.append(
                self.render(
                    account, object_name, record, body.get("properties"), body.get("propertiesWithHistory")
                )
            )
        return self._batch_response(account, object_name, results, missing, started)

    def _batch_response(self, account, object_name, results, missing, started) -> SandboxResponse:
        body = {
            "status": "COMPLETE",
            "results": results,
            "startedAt": started,
            "completedAt": iso_z_ms(account.now_ms()),
        }
        if not missing:
            return json_response(200, body)
        kind = object_name[:-1].upper() if object_name != "companies" else "COMPANY"
        body["numErrors"] = 1
        body["errors"] = [{
            "status": "error", "category": "OBJECT_NOT_FOUND",
            "message": f"Could not get some {kind} objects, they may be deleted or not exist. Check that ids are valid.",
            "context": {"ids": missing}, "errors": [], "links": {}, "subCategory": {},
        }]  # fmt: skip
        return json_response(207, body)

    # ---- associations ---------------------------------------------------------------------
    def associations_batch_read(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST /crm/v4/associations/{from}/{to}/batch/read {"inputs":[{"id", "after"?}]}: per input, the
        associated records (`toObjectId`, a string as the official spec types it, and `associationTypes`),
        paged per input (`paging` only where more follow). An input with none, or that
        does not exist, is an error of a 207 (as HubSpot answers it). The sandbox keeps an association on the
        record created with it, so only that direction is read (a task's contacts, not a contact's tasks)."""
        object_name, target = self._object(account, match), self.object_aliases.get(match.group("to"))
        if object_name is None or target is None:
            return self.not_found(request)
        try:
            inputs = (request.json() or {}).get("inputs")
        except json.JSONDecodeError:
            return self.error(account, 400, "VALIDATION_ERROR", "Invalid input JSON")
        if not isinstance(inputs, list) or len(inputs) > BATCH_LIMIT:
            return self.error(account, 400, "VALIDATION_ERROR", f"Batch size must be at most {BATCH_LIMIT}")
        type_id = ASSOCIATION_TYPES.get((object_name, target))
        started = iso_z_ms(account.now_ms())
        results, empty = [], []
        for item in inputs:
            record_id = str((item or {}).get("id", ""))
            record = account.objects[object_name].get(record_id)
            linked = [] if record is None or record.deleted else self._linked(account, record, target)
            after = str((item or {}).get("after") or "0")
            start = int(after) if after.isdigit() else 0
            page = linked[start : start + ASSOCIATIONS_PAGE]
            if not page:
                empty.append(record_id)
                continue
            result = {
                "from": {"id": record_id},
                "to": [
                    {"toObjectId": str(to_id),
                     "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": type_id}]}
                    for to_id in page
                ],
            }  # fmt: skip
            if start + ASSOCIATIONS_PAGE < len(linked):
                result["paging"] = {"next": {"after": str(start + ASSOCIATIONS_PAGE)}}
            results.append(result)
        body = {"status": "COMPLETE", "results": results, "startedAt": started,
                "completedAt": iso_z_ms(account.now_ms())}  # fmt: skip
        if not empty:
            return json_response(200, body)
        body["numErrors"] = len(empty)
        body["errors"] = [
            {"status": "error", "category": "OBJECT_NOT_FOUND", "subCategory": {},
             "message": f"No {target} is associated with {object_name[:-1]} {record_id}.",
             "context": {"fromObjectId": [record_id]}, "errors": [], "links": {}}
            for record_id in empty
        ]  # fmt: skip
        return json_response(207, body)

    @staticmethod
    def _linked(account: Account, record: Record, target: str) -> list[str]:
        store = account.objects[target]
        live = [(name, store.get(str(to_id))) for name, to_id in record.links if name == target]
        return [linked.id for _name, linked in live if linked is not None and not linked.deleted]

    # ---- search ---------------------------------------------------------------------------
    def search(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        try:
            body = request.json() or {}
        except json.JSONDecodeError:
            return self.error(account, 400, "VALIDATION_ERROR", "Invalid input JSON")
        limit = int(body.get("limit") or 10)
        after = int(body.get("after") or 0) if str(body.get("after") or "0").isdigit() else -1
        if limit > 200 or limit < 1 or after < 0:
            return self.error(
                account, 400, "VALIDATION_ERROR", "Invalid input JSON: limit must be between 1 and 200"
            )
        if after + limit > SEARCH_CAP:
            return self.error(
                account, 400, "VALIDATION_ERROR",
                f"There was a problem with the request. Search results are limited to {SEARCH_CAP} results.",
            )  # fmt: skip
        schema = account.schema[object_name]
        groups = body.get("filterGroups") or []
        for group in groups:
            for item in group.get("filters", []):
                if item.get("propertyName") not in schema:
                    return self.error(account, 400, "VALIDATION_ERROR",
                                      f"Property {item.get('propertyName')!r} does not exist")  # fmt: skip
        sorts = body.get("sorts") or []
        try:
            matches, total = self._search_matches(account, object_name, groups, sorts, after, limit)
        except (ValueError, TypeError) as error:
            return self.error(account, 400, "VALIDATION_ERROR", f"Invalid filter value: {error}")
        results = [self.render(account, object_name, r, body.get("properties")) for r in matches]
        response = {"total": total, "results": results}
        if after + len(results) < total:
            response["paging"] = {"next": {"after": str(after + len(results))}}
        return json_response(200, response)

    def _search_matches(self, account, object_name, groups, sorts, after, limit):
        store = account.objects[object_name]
        modified = MODIFIED_PROPERTY[object_name]
        sort = sorts[0] if sorts else {}
        if isinstance(sort, str):
            sort = {
                "propertyName": sort.lstrip("-"),
                "direction": "DESCENDING" if sort.startswith("-") else "ASCENDING",
            }
        sort_name = sort.get("propertyName", "hs_object_id")
        descending = sort.get("direction", "ASCENDING").upper().startswith("DESC")
        lag_ms = int(account.faults.search_lag_s * 1000)
        visible_until = account.now_ms() - lag_ms if lag_ms else None
        schema = account.schema[object_name]
        range_only = len(groups) == 1 and all(
            f.get("propertyName") == modified for f in groups[0].get("filters", [])
        )
        if sort_name == modified and (range_only or not groups):
            low, high = self._modified_bounds(groups[0]["filters"] if groups else [])
            if visible_until is not None:
                high = min(high, visible_until + 1)
            keys = store.live.keys
            start = store.live.position_at_or_after((low, -1))
            stop = store.live.position_at_or_after((high, -1))
            total = max(0, stop - start)
            window = range(start, stop)
            positions = (window[::-1] if descending else window)[after : after + limit]  # O(1) range slicing
            picked = [store.record_by_sort_key(keys[i][1]) for i in positions]
            return picked, total
        # general path: scan in id order, filter, sort
        candidates = []
        for key in store.creation_order:
            record = store.record_by_sort_key(key)
            if record.deleted or (visible_until is not None and record.modified_ms > visible_until):
                continue
            if not groups or any(self._group_matches(object_name, record, g, schema) for g in groups):
                candidates.append(record)
        if sort_name not in ("hs_object_id", ""):
            definition = schema.get(sort_name)
            candidates.sort(key=lambda r: self._sort_value(object_name, r, definition), reverse=descending)
        elif descending:
            candidates.reverse()
        return candidates[after : after + limit], len(candidates)

    def _modified_bounds(self, filters):
        low, high = 0, 2**62
        for item in filters:
            operator = item.get("operator", "EQ")
            value = parse_datetime_ms(str(item.get("value", "0")))
            if operator == "GTE":
                low = max(low, value)
            elif operator == "GT":
                low = max(low, value + 1)
            elif operator == "LT":
                high = min(high, value)
            elif operator == "LTE":
                high = min(high, value + 1)
            elif operator == "EQ":
                low, high = max(low, value), min(high, value + 1)
            elif operator == "BETWEEN":
                low = max(low, value)
                high = min(high, parse_datetime_ms(str(item.get("highValue"))) + 1)
        return low, high

    def _sort_value(self, object_name, record, definition):
        value = self.property_value(object_name, record, definition) if definition else None
        if definition and definition.type == "number" and value not in (None, ""):
            return (1, float(value), "")
        if definition and definition.type in ("datetime", "date") and value:
            return (1, parse_datetime_ms(value), "")
        return (0 if value is None else 1, 0, str(value or ""))

    def _group_matches(self, object_name, record, group, schema) -> bool:
        return all(self._filter_matches(object_name, record, f, schema) for f in group.get("filters", []))

    def _filter_matches(self, object_name, record, item, schema) -> bool:
        definition = schema[item["propertyName"]]
        actual = self.property_value(object_name, record, definition)
        operator = item.get("operator", "EQ")
        if operator == "HAS_PROPERTY":
            return actual not in (None, "")
        if operator == "NOT_HAS_PROPERTY":
            return actual in (None, "")
        if operator in ("IN", "NOT_IN"):
            values = [str(v).lower() for v in item.get("values", [])]
            inside = actual is not None and str(actual).lower() in values
            return inside if operator == "IN" else not inside
        if actual in (None, ""):
            return operator == "NEQ"
        if operator == "CONTAINS_TOKEN":
            return str(item.get("value", "")).lower().strip("*") in str(actual).lower()
        if operator == "NOT_CONTAINS_TOKEN":
            return str(item.get("value", "")).lower().strip("*") not in str(actual).lower()
        left, right = self._comparable(definition, actual), self._comparable(definition, item.get("value"))
        high = self._comparable(definition, item.get("highValue")) if operator == "BETWEEN" else None
        comparisons = {
            "EQ": lambda: left == right, "NEQ": lambda: left != right, "LT": lambda: left < right,
            "LTE": lambda: left <= right, "GT": lambda: left > right, "GTE": lambda: left >= right,
            "BETWEEN": lambda: right <= left <= high,
        }  # fmt: skip
        try:
            return comparisons.get(operator, lambda: False)()
        except TypeError:
            return False

    @staticmethod
    def _comparable(definition: FieldDef, value):
        if value is None:
            return None
        try:
            if definition.type in ("datetime", "date"):
                return parse_datetime_ms(str(value))
            if definition.type == "number":
                return float(value)
        except ValueError:
            return None
        return str(value).lower()

    # ---- writes -------------------------------------------------------------------------
    def validate_properties(self, account: Account, object_name: str, properties: dict):
        """(clean values, problems) — problems are dicts in HubSpot's validation-result shape."""
        schema = account.schema[object_name]
        clean, problems = {}, []
        for name, raw in (properties or {}).items():
            definition = schema.get(name)
            if definition is None:
                problems.append(
                    self._problem(account, name, "PROPERTY_DOESNT_EXIST", f'Property "{name}" does not exist')
                )
                continue
            if not definition.updateable or definition.calculated:
                problems.append(self._problem(account, name, "READ_ONLY_VALUE",
                                              f'"{name}" is a read only property; its value cannot be set.'))  # fmt: skip
                continue
            value, problem = self._coerce_write(account, definition, raw)
            if problem:
                problems.append(problem)
            else:
                clean[name] = value
        return clean, problems

    def _coerce_write(self, account, definition: FieldDef, raw):
        name = definition.name
        if raw is None or raw == "":
            return None, None
        text = str(raw).strip() if not isinstance(raw, bool) else ("true" if raw else "false")
        if definition.type == "number":
            try:
                float(text)
            except ValueError:
                return None, self._problem(account, name, "INVALID_FLOAT", f"{text} was not a valid number.")
            return text if isinstance(raw, str) else _number_text(raw), None
        if definition.type == "enumeration" and not definition.external_options:
            for part in text.split(";"):
                if part not in definition.options:
                    return None, self._problem(
                        account, name, "INVALID_OPTION",
                        f"{part} was not one of the allowed options: {definition.options}",
                    )  # fmt: skip
            return text, None
        if definition.type in ("datetime", "date"):
            try:
                stamp = parse_datetime_ms(text)
            except ValueError:
                return None, self._problem(
                    account, name, "INVALID_DATE", f"{text} is not a valid date or datetime"
                )
            if definition.type == "date" and stamp % 86_400_000:
                return None, self._problem(account, name, "INVALID_DATE", f"{text} is not at midnight UTC")
            return iso_z_ms(stamp), None
        if definition.type == "bool":
            if text.lower() not in ("true", "false"):
                return None, self._problem(account, name, "INVALID_BOOLEAN", f"{text} is not a valid boolean")
            return text.lower(), None
        return text, None

    def _problem(self, account, name, code, message) -> dict:
        return {"isValid": False, "message": message, "error": code, "name": name,
                "localizedErrorMessage": message, "portalId": account.hub_id}  # fmt: skip

    def validation_error(self, account, problems: list) -> SandboxResponse:
        return self.error(
            account, 400, "VALIDATION_ERROR", f"Property values were not valid: {json.dumps(problems)}",
            errors=[{"message": p["message"], "code": p["error"], "context": {"propertyName": [p["name"]]}}
                    for p in problems],
        )  # fmt: skip

    def api_actor(self, account: Account, request: SandboxRequest) -> Actor:
        """The app whose token made the request: ours, or another app installed in the same portal. HubSpot
        records every app's writes as INTEGRATION with that app's id, so the actor carries the app id."""
        app_id = account.other_apps.get(self.bearer(request) or "", account.app_id)
        return Actor("integration", app_id, request.headers.get("user-agent"))

    def _write(self, account: Account, object_name: str, record: Record, clean: dict, request) -> None:
        actor = self.api_actor(account, request)
        account.apply_write(object_name, record, clean, actor, noop_history=account.hubspot_history_on_noop)

    def patch_object(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        body = request.json() or {}
        clean, problems = self.validate_properties(account, object_name, body.get("properties"))
        if problems:
            return self.validation_error(account, problems)
        record = self._find(account, object_name, match.group("id"), request.param("idProperty"))
        if record is None or record.deleted:
            return self.not_found(request)
        self._write(account, object_name, record, clean, request)
        return json_response(200, self.render(account, object_name, record, list(clean)))

    def batch_update(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        inputs = (request.json() or {}).get("inputs") or []
        if len(inputs) > BATCH_LIMIT:
            return self._batch_too_large(account, inputs)
        started = iso_z_ms(account.now_ms())
        prepared, problems = [], []
        for item in inputs:
            clean, item_problems = self.validate_properties(account, object_name, item.get("properties"))
            problems.extend(item_problems)
            prepared.append((item, clean))
        if problems:  # one bad property fails the whole batch, as HubSpot does
            return self.validation_error(account, problems)
        results, missing = [], []
        with account.transaction():
            for item, clean in prepared:
                record = self._find(account, object_name, str(item.get("id", "")), item.get("idProperty"))
                if record is None or record.deleted:
                    missing.append(str(item.get("id", "")))
                    continue
                self._write(account, object_name, record, clean, request)
                results.append(self.render(account, object_name, record, list(clean)))
        return self._batch_response(account, object_name, results, missing, started)

    def _batch_too_large(self, account: Account, inputs: list) -> SandboxResponse:
        return self.error(
            account, 400, "VALIDATION_ERROR", f"Batch size must be at most {BATCH_LIMIT}; got {len(inputs)}"
        )

    def id_base(self, object_name: str) -> int:
        return ID_BASES[object_name]

    def create_object(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST /crm/v3/objects/{type}: one SimplePublicObjectInputForCreate -> 201 SimplePublicObject."""
        response = self._create(account, request, match, lambda body: [body])
        if response.status != 201:
            return response
        return json_response(201, json.loads(response.body)["results"][0])

    def batch_create(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST .../batch/create: all inputs are validated first; any problem fails the whole batch."""
        return self._create(account, request, match, lambda body: body.get("inputs") or [])

    def _create(self, account: Account, request: SandboxRequest, match, inputs_of) -> SandboxResponse:
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        try:
            inputs = inputs_of(request.json() or {})
        except json.JSONDecodeError:
            return self.error(account, 400, "VALIDATION_ERROR", "Invalid input JSON")
        if len(inputs) > BATCH_LIMIT:
            return self._batch_too_large(account, inputs)
        started = iso_z_ms(account.now_ms())
        prepared, problems = [], []
        for item in inputs:
            clean, item_problems = self.validate_properties(account, object_name, item.get("properties"))
            item_problems += self._missing_required(account, object_name, clean)
            problems.extend(item_problems)
            prepared.append((clean, item.get("associations") or []))
        if problems:
            return self.validation_error(account, problems)
        refused = self._unique_conflict(account, object_name, [clean for clean, _ in prepared])
        refused = refused or self._association_problem(account, object_name, [a for _, a in prepared])
        if refused is not None:
            return refused
        actor = self.api_actor(account, request)
        results = []
        with account.transaction():
            for clean, associations in prepared:
                links = [
                    (self.object_aliases[self._association_target(a)], str(a["to"]["id"]))
                    for a in associations
                ]
                record = account.create_record(object_name, clean, actor, links)
                results.append(self.render(account, object_name, record, list(clean)))
        return json_response(201, {"status": "COMPLETE", "results": results, "startedAt": started,
                                   "completedAt": iso_z_ms(account.now_ms())})  # fmt: skip

    def _missing_required(self, account: Account, object_name: str, clean: dict) -> list:
        return [
            self._problem(account, name, "REQUIRED_PROPERTY", f"{name} is required to create {object_name}")
            for name in REQUIRED_ON_CREATE.get(object_name, ())
            if clean.get(name) in (None, "")
        ]

    def _unique_conflict(self, account: Account, object_name: str, values: list) -> SandboxResponse | None:
        unique = [d.name for d in account.schema[object_name].values() if d.unique]
        for name in unique:
            seen = set()
            for clean in values:
                value = clean.get(name)
                if value is None:
                    continue
                existing = account.find_live_by_value(object_name, name, value)
                if existing is not None or value in seen:
                    existing_id = existing.id if existing else "in this batch"
                    return self.error(
                        account, 409, "CONFLICT",
                        f"A {object_name[:-1]} with {name} {value!r} already exists. Existing ID: {existing_id}",
                    )  # fmt: skip
                seen.add(value)
        return None

    def _association_target(self, association: dict) -> str:
        types = association.get("types") or [{}]
        type_id = types[0].get("associationTypeId")
        return next((target for (_, target), number in ASSOCIATION_TYPES.items() if number == type_id), "")

    def _association_problem(self, account: Account, object_name: str, per_input: list):
        for associations in per_input:
            for association in associations:
                target_id = str((association.get("to") or {}).get("id", ""))
                types = association.get("types") or []
                known = {number for (source, _), number in ASSOCIATION_TYPES.items() if source == object_name}
                if not types or any(
                    t.get("associationCategory") != "HUBSPOT_DEFINED"
                    or t.get("associationTypeId") not in known
                    for t in types
                ):
                    return self.error(account, 400, "VALIDATION_ERROR",
                                      f"Invalid association type for {object_name}: {types}")  # fmt: skip
                target = self._association_target(association)
                record = account.objects[target].get(target_id)
                if record is None or record.deleted:
                    return self.error(account, 400, "VALIDATION_ERROR",
                                      f"Object {target}:{target_id} to associate does not exist")  # fmt: skip
        return None

    def merge_objects(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        body = request.json() or {}
        primary = account.resolve_merged(object_name, str(body.get("primaryObjectId")))
        loser = account.objects[object_name].get(str(body.get("objectIdToMerge")))
        if primary is None or loser is None or loser.deleted or primary is loser:
            return self.error(
                account, 400, "VALIDATION_ERROR", "Invalid merge: both objects must exist and differ"
            )
        account.merge(object_name, loser.id, primary.id, self.api_actor(account, request))
        return json_response(200, self.render(account, object_name, primary))

    def batch_archive(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST .../batch/archive: 204; ids that do not exist (or are archived already) are no error."""
        object_name = self._object(account, match)
        if object_name is None:
            return self.not_found(request)
        inputs = (request.json() or {}).get("inputs") or []
        if len(inputs) > BATCH_LIMIT:
            return self._batch_too_large(account, inputs)
        with account.transaction():
            for item in inputs:
                record = account.objects[object_name].get(str(item.get("id", "")))
                if record is not None and not record.deleted:
                    account.delete(object_name, record.id, self.api_actor(account, request))
        return empty_response(204)

    def archive_object(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(account, match)
        record = account.objects[object_name].get(match.group("id")) if object_name else None
        if record is not None and not record.deleted:
            account.delete(object_name, record.id, self.api_actor(account, request))
        return empty_response(204)
