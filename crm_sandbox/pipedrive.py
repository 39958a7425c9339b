"""Pipedrive emulator: API v2 persons/organizations/deals (cursor lists, get, strict PATCH), v2 *Fields,
v1 changelog and recents, OAuth refresh, token-cost accounting and 2-second burst limits."""

import base64
import binascii
import bisect
import hashlib
import heapq
import json
import math
import re

from . import oauth, users
from .account import Account, FieldDef, Limits
from .provider import Provider, Route
from .seed import SEGMENTS, TITLES
from .store import Actor, HistoryEntry, Record
from .wire import (
    SandboxRequest,
    SandboxResponse,
    iso_z_seconds,
    json_response,
    parse_datetime_ms,
    pipedrive_v1_time,
)

ENTITIES = {"persons": "contacts", "organizations": "companies", "deals": "deals", "activities": "tasks"}
# An activity's priority is an option id that activityFields names; the ids are the company's own.
ACTIVITY_PRIORITIES = [(263, "High"), (264, "Medium"), (265, "Low")]
FIELD_ENDPOINTS = {"personFields": "contacts", "organizationFields": "companies", "dealFields": "deals",
                   "activityFields": "tasks"}  # fmt: skip
OTHER_API_USER_IDS = 13_000_100  # the first user id of another integration (add_api_user)
ENTITY_LABEL = {"contacts": "Person", "companies": "Organization", "deals": "Deal", "tasks": "Activity"}
TOKEN_COST = {"list": 10, "get": 1, "write": 5, "create": 5, "delete": 3, "fields": 10, "changelog": 20,
              "recents": 20, "search": 20, "v1_get": 2, "v1_list": 20}  # fmt: skip
REQUIRED_ON_CREATE = {"contacts": "name", "companies": "name", "deals": "title", "tasks": "subject"}
LINKED_OBJECTS = {"person_id": "contacts", "org_id": "companies", "deal_id": "deals"}
CREATE_KEY_FIELD = "crmhub_create_key"
# v2 lists and gets return these person fields only when include_fields names them (getPersons), and only
# where the company has the marketing app (which the sandbox's accounts have).
INCLUDE_ON_REQUEST = {"marketing_status"}
# marketing_status (addPerson): no_consent (none given; also a person without a valid email), subscribed,
# unsubscribed (from all marketing), archived (no longer a marketing contact).
MARKETING_STATUSES = ("no_consent", "subscribed", "unsubscribed", "archived")
# /v1/recents item types (v1 spec, getRecents); only these three are stored by the sandbox.
RECENT_ITEMS = {"person": "contacts", "organization": "companies", "deal": "deals"}
RECENT_ITEM_TYPES = {"activity", "activityType", "deal", "file", "filter", "note", "person", "organization",
                     "pipeline", "product", "stage", "user"}  # fmt: skip
V1_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
ERROR_INFO = "Please check developers.pipedrive.com for more information about Pipedrive API."
NOT_FOUND_INFO = "Object was not found."
STAGES = {
    "Prospecting": 1,
    "Qualification": 2,
    "Proposal": 3,
    "Negotiation": 4,
    "Closed Won": 5,
    "Closed Lost": 5,
}
# personFields and the changelog name the multi-value fields "email" and "phone"; records carry them as the
# arrays "emails" and "phones".
CHANGELOG_NAMES = FIELD_CODES = {"emails": "email", "phones": "phone"}
USER_AGENTS = {
    "app": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36",
    "mobile": "Pipedrive/9.40 (iPhone; iOS 19.1)",
}
WRITABLE = {
    "contacts": {"name": "str", "owner_id": "int", "org_id": "int?", "emails": "contacts", "phones": "contacts",
                 "visible_to": "int", "label_ids": "ints", "marketing_status": "str"},
    "companies": {"name": "str", "owner_id": "int", "visible_to": "int", "label_ids": "ints", "address": "address"},
    "deals": {"title": "str", "owner_id": "int", "person_id": "int?", "org_id": "int?", "pipeline_id": "int",
              "stage_id": "int", "value": "number", "currency": "str", "status": "status", "probability": "number?",
              "lost_reason": "str?", "visible_to": "int", "expected_close_date": "date?", "label_ids": "ints"},
    "tasks": {"subject": "str", "type": "str", "owner_id": "int", "deal_id": "int?", "person_id": "int?",
              "org_id": "int?", "due_date": "date?", "due_time": "str?", "duration": "str?", "busy": "bool",
              "done": "bool", "note": "str?", "public_description": "str?", "priority": "int?"},
}  # fmt: skip


class ValidationFailed(ValueError):
    pass


def _seed_marketing_status(person) -> str:
    """Most seeded people subscribed; some never asked, some unsubscribed, a few archived."""
    if not person.email:
        return "no_consent"
    return {0: "unsubscribed", 1: "no_consent", 2: "archived"}.get(person.index % 9, "subscribed")


def _custom_key(account_name: str, object_name: str, field_name: str) -> str:
    return hashlib.sha1(f"{account_name}:{object_name}:{field_name}".encode()).hexdigest()  # noqa: S324


def _encode_cursor(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(text: str) -> dict:
    padded = text + "=" * (-len(text) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode()))


class Pipedrive(Provider):
    name = "pipedrive"
    api_version = "v2"
    object_aliases = {
        "persons": "contacts", "person": "contacts", "contacts": "contacts",
        "organizations": "companies", "organization": "companies", "companies": "companies",
        "deals": "deals", "deal": "deals",
        "activities": "tasks", "activity": "tasks", "tasks": "tasks",
    }  # fmt: skip

    def register_routes(self) -> None:
        entity = r"(?P<entity>persons|organizations|deals)"
        any_entity = r"(?P<entity>persons|organizations|deals|activities)"
        self.add("POST", r"/oauth/token", self.token, auth=False, kind="token")
        self.add("GET", r"/oauth/authorize", self.authorize, auth=False, kind="token")
        self.add("GET", r"(?:/api)?/v1/users/(?P<user_id>\d+)", users.pipedrive_user, kind="v1_get")
        self.add("GET", r"(?:/api)?/v1/users", users.pipedrive_users, kind="v1_list")
        self.add(
            "GET",
            r"/api/v2/(?P<endpoint>personFields|organizationFields|dealFields|activityFields)",
            self.list_fields,
            kind="fields",
        )
        self.add("GET", rf"/api/v2/{entity}/search", self.search_entities, kind="search")
        self.add("GET", rf"/api/v2/{any_entity}", self.list_entities, kind="list")
        self.add("POST", rf"/api/v2/{any_entity}", self.create_entity, kind="create")
        self.add("GET", rf"/api/v2/{any_entity}/(?P<id>\d+)", self.get_entity, kind="get")
        self.add("PATCH", rf"/api/v2/{any_entity}/(?P<id>\d+)", self.patch_entity, kind="write")
        self.add("DELETE", rf"/api/v2/{any_entity}/(?P<id>\d+)", self.delete_entity, kind="delete")
        self.add("GET", rf"(?:/api)?/v1/{entity}/(?P<id>\d+)/changelog", self.changelog, kind="changelog")
        self.add("GET", r"(?:/api)?/v1/recents", self.recents, kind="recents")
        self.add("GET", r"(?:/api)?/v1/users/me", self.users_me, kind="v1_get")

    def default_limits(self) -> Limits:
        return Limits(burst=80, window_s=2.0, daily=30_000 * 2 * 5, daily_header="x-daily-requests-left")

    def build_schema(self, account: Account) -> dict:
        def system(name, label, type_, system_kind):
            return FieldDef(name, label, type_, updateable=False, system=system_kind)

        def custom(object_name):
            key = lambda n: _custom_key(account.name, object_name, n)  # noqa: E731
            options = [(account.next_number("option") + 100, label) for label in SEGMENTS]
            return [
                FieldDef(key("ai_score"), "AI score", "double", custom=True, generic="ai_score"),
                FieldDef(key("ai_score_updated_at"), "AI score updated at", "varchar", custom=True,
                         generic="ai_score_updated_at"),
                FieldDef(key("ai_segment"), "AI segment", "enum", options=options, custom=True, generic="ai_segment"),
                FieldDef(key(CREATE_KEY_FIELD), "CrmHub create key", "varchar", custom=True, generic=CREATE_KEY_FIELD),
            ]  # fmt: skip

        people = [
            system("id", "ID", "int", "id"),
            FieldDef("name", "Name", "varchar", nillable=False),
            FieldDef("first_name", "First name", "varchar", updateable=False),
            FieldDef("last_name", "Last name", "varchar", updateable=False),
            FieldDef("owner_id", "Owner", "user"),
            FieldDef("org_id", "Organization", "org"),
            FieldDef("emails", "Email", "varchar"),
            FieldDef("phones", "Phone", "phone"),
            FieldDef("job_title", "Job title", "varchar", updateable=False),
            FieldDef("marketing_status", "Marketing status", "status"),
            FieldDef("visible_to", "Visible to", "visible_to"),
            FieldDef("label_ids", "Labels", "set"),
            system("add_time", "Person created", "date", "created"),
            system("update_time", "Update time", "date", "modified"),
            *custom("contacts"),
        ]
        organizations = [
            system("id", "ID", "int", "id"),
            FieldDef("name", "Name", "varchar", nillable=False),
            FieldDef("owner_id", "Owner", "user"),
            FieldDef("address", "Address", "address"),
            FieldDef("visible_to", "Visible to", "visible_to"),
            FieldDef("label_ids", "Labels", "set"),
            FieldDef(_custom_key(account.name, "companies", "website"), "Website", "varchar", custom=True),
            system("add_time", "Organization created", "date", "created"),
            system("update_time", "Update time", "date", "modified"),
            *custom("companies"),
        ]
        deals = [
            system("id", "ID", "int", "id"),
            FieldDef("title", "Title", "varchar", nillable=False),
            FieldDef("value", "Value", "monetary"),
            FieldDef("currency", "Currency", "varchar"),
            FieldDef("status", "Status", "status"),
            FieldDef("pipeline_id", "Pipeline", "int"),
            FieldDef("stage_id", "Stage", "stage"),
            FieldDef("person_id", "Contact person", "people"),
            FieldDef("org_id", "Organization", "org"),
            FieldDef("owner_id", "Owner", "user"),
            FieldDef("probability", "Probability", "double"),
            FieldDef("expected_close_date", "Expected close date", "date"),
            FieldDef("visible_to", "Visible to", "visible_to"),
            FieldDef("label_ids", "Labels", "set"),
            system("add_time", "Deal created", "date", "created"),
            system("update_time", "Update time", "date", "modified"),
            *custom("deals"),
        ]
        activities = [
            system("id", "ID", "int", "id"),
            FieldDef("subject", "Subject", "varchar"),
            FieldDef("type", "Type", "varchar"),
            FieldDef("due_date", "Due date", "date"),
            FieldDef("due_time", "Due time", "time"),
            FieldDef("duration", "Duration", "time"),
            FieldDef("busy", "Busy", "boolean"),
            FieldDef("done", "Done", "boolean"),
            FieldDef("priority", "Priority", "enum", options=ACTIVITY_PRIORITIES),
            FieldDef("note", "Note", "text"),
            FieldDef("public_description", "Public description", "text"),
            FieldDef("owner_id", "Assigned to user", "user"),
            FieldDef("person_id", "Contact person", "people"),
            FieldDef("org_id", "Organization", "org"),
            FieldDef("deal_id", "Deal", "deal"),
            system("add_time", "Add time", "date", "created"),
            system("update_time", "Update time", "date", "modified"),
        ]
        objects = (
            ("contacts", people),
            ("companies", organizations),
            ("deals", deals),
            ("tasks", activities),
        )
        return {name: {f.name: f for f in definitions} for name, definitions in objects}

    def init_account(self, account: Account) -> None:
        account.company_id = 8_000_000 + account.token_rng.randrange(100_000)
        account.integration_user_id = 13_000_001
        account.rep_user_ids = [13_000_002 + n for n in range(5)]
        account.client_id = account.issue_token("client", length=16)
        account.client_secret = account.issue_token("secret", length=40)
        api_token = account.issue_token("api_token", length=40)
        access = account.issue_token(
            "access", prefix=f"{account.company_id}:{account.integration_user_id}:", length=40
        )
        refresh = account.issue_token(
            "refresh", prefix=f"{account.company_id}:{account.integration_user_id}:", length=40
        )
        account.credentials = {
            "api_token": api_token,
            "access_token": access,
            "refresh_token": refresh,
            "client_id": account.client_id,
            "client_secret": account.client_secret,
            "api_domain": account.base_url,
        }

    # ---- seeding ----------------------------------------------------------------------------
    def seed(self, account: Account, data, now_ms: int) -> None:
        day = 86_400_000
        importer = Actor("import", account.rep_user_ids[0], None, "app")
        ai_score = account.field_name("contacts", "ai_score")
        ai_stamp = account.field_name("contacts", "ai_score_updated_at")
        website = _custom_key(account.name, "companies", "website")

        def times(item):
            created = now_ms - int(item.created_days_ago * day)
            return created, max(created, now_ms - int(item.modified_days_ago * day))

        def owner(index):
            return account.rep_user_ids[index % len(account.rep_user_ids)]

        def make(number, values, item):
            created, modified = times(item)
            clean = {k: v for k, v in values.items() if v is not None}
            return Record(str(number), number, clean, created, modified, importer, importer)

        org_ids, rows = {}, []
        for number, company in enumerate(sorted(data.companies, key=lambda c: -c.created_days_ago), start=1):
            org_ids[company.index] = number
            rows.append(make(number, {
                "name": company.name, "owner_id": owner(company.index), "visible_to": 3, "label_ids": [],
                "address": {"value": f"{company.city}, {company.country}", "country": company.country,
                            "locality": company.city},
                website: f"www.{company.domain}",
            }, company))  # fmt: skip
        self.load_records(account, "companies", rows, [])

        person_ids, rows, history = {}, [], []
        integration = account.integration_actor()
        for number, person in enumerate(sorted(data.people, key=lambda p: -p.created_days_ago), start=1):
            person_ids[person.index] = number
            emails = [{"value": person.email, "primary": True, "label": "work"}] if person.email else []
            emails += [{"value": extra, "primary": False, "label": "home"} for extra in person.extra_emails]
            phones = [{"value": person.phone, "primary": True, "label": "work"}] if person.phone else []
            if person.mobile:
                phones.append({"value": person.mobile, "primary": not phones, "label": "mobile"})
            row = make(number, {
                "name": f"{person.first_name} {person.last_name}", "first_name": person.first_name,
                "last_name": person.last_name, "owner_id": owner(person.index),
                "org_id": org_ids.get(person.company_index), "emails": emails, "phones": phones,
                "job_title": person.title, "visible_to": 3, "label_ids": [], ai_score: person.ai_score,
                "marketing_status": _seed_marketing_status(person),
            }, person)  # fmt: skip
            if person.ai_score is not None:
                row.values[ai_stamp] = iso_z_seconds(row.modified_ms)
                history.append(
                    HistoryEntry(row.id, ai_score, None, person.ai_score, row.modified_ms, integration)
                )
            elif person.index % 7 == 0 and row.created_ms < row.modified_ms:
                history.append(HistoryEntry(row.id, "phones", [], phones, row.modified_ms,
                                            Actor("rep", owner(person.index), None, "mobile")))  # fmt: skip
            rows.append(row)
        self.load_records(account, "contacts", rows, history)

        rows = []
        for number, deal in enumerate(sorted(data.deals, key=lambda d: -d.created_days_ago), start=1):
            status = {"Closed Won": "won", "Closed Lost": "lost"}.get(deal.stage, "open")
            close = iso_z_seconds((now_ms // day + deal.close_days_ahead) * day)[:10]
            rows.append(make(number, {
                "title": deal.name, "value": deal.amount, "currency": "EUR", "status": status, "pipeline_id": 1,
                "stage_id": STAGES[deal.stage], "person_id": person_ids.get(deal.person_index),
                "org_id": org_ids[deal.company_index], "owner_id": owner(deal.index), "probability": None,
                "expected_close_date": close, "visible_to": 3, "label_ids": [],
            }, deal))  # fmt: skip
        self.load_records(account, "deals", rows, [])

    def coerce_internal(self, definition: FieldDef, value):
        if value is None:
            return None
        if definition.type == "double":
            return float(value)
        if definition.type == "enum" and isinstance(value, str):
            for option_id, label in definition.options:
                if label == value:
                    return option_id
        return value

    def retype(self, account: Account, object_name: str, definition: FieldDef, new_type: str) -> None:
        for record in account.objects[object_name].records.values():
            value = record.values.get(definition.name)
            if value is not None and new_type in ("varchar", "text"):
                record.values[definition.name] = str(value)
        definition.type = new_type

    def rep_edit_values(self, account: Account, object_name: str, rng) -> dict:
        if object_name == "contacts":
            choice = rng.randrange(3)
            if choice == 0:
                return {"job_title": rng.choice(TITLES)}
            if choice == 1:
                return {"ai_score": float(rng.randint(0, 100))}
            return {"ai_segment": rng.choice(SEGMENTS)}
        if object_name == "companies":
            return {"ai_segment": rng.choice(SEGMENTS)}
        return {"stage_id": rng.randint(1, 5)}

    # ---- auth, limits, errors -----------------------------------------------------------
    @staticmethod
    def error(status: int, message: str, **extra) -> SandboxResponse:
        """The v1/v2 error body; a 404 explains itself as "Object was not found." (the specs' example)."""
        info = extra.pop("error_info", NOT_FOUND_INFO if status == 404 else ERROR_INFO)
        body = {"success": False, "error": message, **extra, "error_info": info, "data": None,
                "additional_data": None}  # fmt: skip
        return json_response(status, body)

    def not_found(self, request: SandboxRequest) -> SandboxResponse:
        return self.error(404, "Entity was not found")

    def authenticate(self, sandbox, request: SandboxRequest):
        """Bearer (OAuth) or the `x-api-token` header. v1 still reads the legacy `?api_token=`; v2 declares
        only the header (both specs' securitySchemes) and refuses the query parameter."""
        token = self.bearer(request) or request.headers.get("x-api-token")
        if token is None and not request.path.startswith("/api/v2/"):
            token = request.param("api_token")
        account, problem, _ = self.lookup_token(sandbox, token, self.name, sandbox.clock.now_ms())
        if problem:
            return None, self.error(401, "unauthorized access", errorCode=401)
        return account, None

    def add_api_user(self, account: Account, name: tuple[str, str]) -> tuple:
        user_id = OTHER_API_USER_IDS + len(account.other_api_users)
        account.other_api_users[user_id] = name
        token = account.issue_token("api_token", length=40)
        account.sandbox.tokens[token].user_id = user_id
        return user_id, token

    def _caller(self, account: Account, request: SandboxRequest) -> Actor:
        """Who sent the request: our integration user, or another integration by its own token."""
        token = self.bearer(request) or request.headers.get("x-api-token") or request.param("api_token")
        info = account.sandbox.tokens.get(token) if token else None
        client = request.headers.get("user-agent")
        if info is None or info.user_id is None:
            return account.integration_actor(client)
        return Actor("api", info.user_id, client)

    def users_me(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """GET /v1/users/me: the token's user (our integration user, or another integration's) with its company
        (v1 getCurrentUser)."""
        user_id = self._caller(account, request).user_id
        return json_response(200, {"success": True, "data": {
            "id": user_id, "name": _user_name(account, user_id), "default_currency": "EUR", "locale": "en_GB",
            "lang": 1, "email": _user_email(user_id), "phone": None, "activated": True,
            "last_login": pipedrive_v1_time(account.now_ms()), "created": "2025-01-06 09:00:00", "modified": None,
            "has_created_company": False,
            "access": [{"app": "sales", "admin": False, "permission_set_id": "c5ad2e4b-6a0f-4a8e-9d0a-0f6e8b3c7a11"}],
            "active_flag": True, "timezone_name": "Europe/London", "timezone_offset": "+00:00", "role_id": 1,
            "icon_url": None, "is_you": True, "is_deleted": False, "company_id": account.company_id,
            "company_name": f"{account.name} Ltd", "company_domain": account.name, "company_country": "GB",
            "company_industry": "Software", "language": {"language_code": "en", "country_code": "GB"},
        }})  # fmt: skip

    def authorize(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        return oauth.authorize(self, sandbox, request)

    def token(self, sandbox, request: SandboxRequest, match) -> SandboxResponse:
        if request.form().get("grant_type") == "authorization_code":
            return oauth.code_grant(self, sandbox, request)
        header = request.headers.get("authorization", "")
        try:
            client_id, _, client_secret = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            client_id = client_secret = ""
        account = next(
            (a for a in sandbox.accounts.values() if a.provider is self and a.client_id == client_id), None
        )
        if (
            not header.lower().startswith("basic ")
            or account is None
            or account.client_secret != client_secret
        ):
            return json_response(
                401, {"success": False, "message": "Invalid client", "error": "invalid_client"}
            )
        form = request.form()
        info = sandbox.tokens.get(form.get("refresh_token", ""))
        if form.get("grant_type") != "refresh_token" or info is None or info.kind != "refresh" or info.revoked \
                or info.account is not account:  # fmt: skip
            return json_response(400, {"success": False, "message": "Invalid grant: refresh token is invalid",
                                       "error": "invalid_grant"})  # fmt: skip
        ttl = account.access_token_ttl_s if account.access_token_ttl_s is not None else 3599
        access = account.issue_token(
            "access", prefix=f"{account.company_id}:{account.integration_user_id}:", length=40
        )
        sandbox.tokens[access].expires_ms = account.now_ms() + int(ttl * 1000)
        account.credentials["access_token"] = access
        return json_response(200, {
            "access_token": access, "token_type": "Bearer", "refresh_token": form["refresh_token"],
            "scope": "base,deals:full,contacts:full,contact-fields:full,deal-fields:full", "expires_in": int(ttl),
            "api_domain": request.base_url,
        })  # fmt: skip

    def check_limits(self, account: Account, request: SandboxRequest, route: Route):
        if not account.limits.enabled:
            return None
        bounds = getattr(account, "bounds", None)  # sandbox.limits: token-based windows, opt-in
        if bounds is not None:
            return bounds.check(account, request, route)
        now = account.now_ms()
        window_ms = int(account.limits.window_s * 1000)
        window_start = now - now % window_ms
        if account.usage["window_start"] != window_start:
            account.usage["window_start"] = window_start
            account.usage["window_count"] = 0
        cost = TOKEN_COST.get(route.kind, 1)
        if account.usage["window_count"] >= account.limits.burst:
            return self.rate_limited(account, route, (window_start + window_ms - now) / 1000)
        if account.limits.daily and account.usage["daily"] + cost > account.limits.daily:
            return self.rate_limited(account, route, 3600)
        account.usage["window_count"] += 1
        account.usage["daily"] += cost
        return None

    def rate_limited(self, account: Account, route: Route, retry_after_s: float) -> SandboxResponse:
        response = self.error(429, "Request over limit", errorCode=429)
        response.headers["retry-after"] = str(max(1, math.ceil(retry_after_s)))
        return response

    def server_error(self, account: Account, status: int) -> SandboxResponse:
        return self.error(status, "Internal server error", errorCode=status)

    def decorate(self, account: Account, response: SandboxResponse, route: Route) -> None:
        if not account.limits.enabled:
            return
        bounds = getattr(account, "bounds", None)
        if bounds is not None:
            bounds.decorate(account, response, route)
            return
        now = account.now_ms()
        window_ms = int(account.limits.window_s * 1000)
        remaining = account.limits.burst - account.usage["window_count"]
        response.headers["x-ratelimit-limit"] = str(account.limits.burst)
        response.headers["x-ratelimit-remaining"] = str(max(0, remaining))
        response.headers["x-ratelimit-reset"] = str(max(1, math.ceil((window_ms - now % window_ms) / 1000)))
        if account.limits.daily:
            response.headers[account.limits.daily_header] = str(
                max(0, account.limits.daily - account.usage["daily"])
            )

    # ---- rendering ----------------------------------------------------------------------
    def render(
        self, account: Account, object_name: str, record: Record, custom_keys=None, include=()
    ) -> dict:
        schema = account.schema[object_name]
        data = {"id": record.sort_key}
        custom = {}
        for definition in schema.values():
            if definition.custom:
                if custom_keys is None or definition.name in custom_keys:
                    custom[definition.name] = record.values.get(definition.name)
                continue
            if definition.system == "created":
                data["add_time"] = iso_z_seconds(record.created_ms)
            elif definition.system == "modified":
                data["update_time"] = iso_z_seconds(record.modified_ms)
            elif definition.system is None:
                if definition.name in INCLUDE_ON_REQUEST and definition.name not in include:
                    continue
                value = record.values.get(definition.name)
                nullable = object_name != "tasks" and definition.name in (
                    "org_id",
                    "person_id",
                    "probability",
                    "expected_close_date",
                )
                if value is not None or nullable:
                    data[definition.name] = value
        data["is_deleted"] = record.deleted
        if object_name == "tasks" and record.values.get("person_id"):
            data["participants"] = [{"person_id": record.values["person_id"], "primary": True}]
        if object_name == "deals":
            data["is_archived"] = False
            data["close_time"] = iso_z_seconds(record.modified_ms) if data.get("status") != "open" else None
        data["custom_fields"] = custom
        return data

    def _object(self, match) -> str:
        return ENTITIES[match.group("entity")]

    def _find(self, account: Account, object_name: str, raw_id: str) -> Record | None:
        return account.objects[object_name].get(str(int(raw_id)))

    # ---- reads ----------------------------------------------------------------------------
    def get_entity(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match)
        record = self._find(account, object_name, match.group("id"))
        if record is None or (record.deleted and object_name != "deals"):
            return self.error(404, f"{ENTITY_LABEL[object_name]} not found")
        custom = request.params("custom_fields") or None
        return json_response(
            200,
            {
                "success": True,
                "data": self.render(account, object_name, record, custom, request.params("include_fields")),
            },
        )

    def list_entities(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match)
        try:
            options = self._list_options(request, object_name)
        except (ValueError, KeyError, json.JSONDecodeError, binascii.Error) as error:
            return self.error(400, f"Validation failed: {error}", code="ERR_SCHEMA_VALIDATION_FAILED")
        store = account.objects[object_name]
        picked, last = [], None
        for record in self._iterate(store, options):
            if not self._list_filter(record, options):
                continue
            if len(picked) == options["limit"]:
                last = picked[-1]
                break
            picked.append(record)
        next_cursor = None
        if last is not None:
            value = last.modified_ms if options["sort_by"] == "update_time" else last.sort_key
            next_cursor = _encode_cursor({"sort_by": options["sort_by"], "value": value, "id": last.sort_key})
        custom = request.params("custom_fields") or None
        return json_response(200, {
            "success": True,
            "data": [
                self.render(account, object_name, r, custom, request.params("include_fields")) for r in picked
            ],
            "additional_data": {"next_cursor": next_cursor},
        })  # fmt: skip

    def _list_options(self, request: SandboxRequest, object_name: str) -> dict:
        limit = int(request.param("limit", "100"))
        if not 1 <= limit <= 500:
            raise ValueError("limit must be between 1 and 500")
        sort_by = request.param("sort_by", "id")
        if sort_by not in ("id", "update_time", "add_time"):
            raise ValueError("sort_by must be one of id, update_time, add_time")
        direction = request.param("sort_direction", "asc")
        if direction not in ("asc", "desc"):
            raise ValueError("sort_direction must be asc or desc")
        since, until = request.param("updated_since"), request.param("updated_until")
        statuses = set(request.params("status")) if object_name == "deals" else set()
        cursor = _decode_cursor(request.param("cursor")) if request.param("cursor") else None
        if cursor and cursor.get("sort_by") != sort_by:
            raise ValueError("cursor does not match sort_by")
        ids = {int(i) for i in request.params("ids")}
        if len(ids) > 100:
            raise ValueError("ids accepts at most 100 values")
        return {
            "limit": limit, "sort_by": "id" if sort_by == "add_time" else sort_by, "desc": direction == "desc",
            "since": parse_datetime_ms(since) if since else None, "until": parse_datetime_ms(until) if until else None,
            "statuses": statuses, "cursor": cursor, "ids": ids,
            "owner_id": int(request.param("owner_id")) if request.param("owner_id") else None,
            "org_id": int(request.param("org_id")) if request.param("org_id") else None,
            "person_id": int(request.param("person_id")) if request.param("person_id") else None,
            "deal_id": int(request.param("deal_id")) if request.param("deal_id") else None,
        }  # fmt: skip

    def _iterate(self, store, options):
        """Records in the requested order starting after the cursor; O(log n) to the start position."""
        cursor, desc = options["cursor"], options["desc"]
        include_deleted = "deleted" in options["statuses"]
        if options["sort_by"] == "update_time":
            indexes = [store.live] + ([store.dead] if include_deleted else [])
            streams = [self._index_stream(index, options, cursor, desc) for index in indexes]
            for _, key in heapq.merge(*streams, reverse=desc):
                yield store.record_by_sort_key(key)
            return
        keys = store.creation_order
        if desc:
            positions = range((bisect.bisect_left(keys, cursor["id"]) if cursor else len(keys)) - 1, -1, -1)
        else:
            positions = range(bisect.bisect_right(keys, cursor["id"]) if cursor else 0, len(keys))
        for position in positions:
            record = store.record_by_sort_key(keys[position])
            if options["since"] is not None and record.modified_ms < options["since"]:
                continue
            if options["until"] is not None and record.modified_ms >= options["until"]:
                continue
            if record.deleted and not include_deleted:
                continue
            yield record

    @staticmethod
    def _index_stream(index, options, cursor, desc):
        """(modified_ms, id) keys of one index between the bounds, without copying the index."""
        keys = index.keys
        low = index.position_at_or_after((options["since"], -1)) if options["since"] else 0
        high = index.position_at_or_after((options["until"], -1)) if options["until"] else len(keys)
        if desc:
            if cursor:
                high = min(high, index.position_at_or_after((cursor["value"], cursor["id"])))
            positions = range(high - 1, low - 1, -1)
        else:
            if cursor:
                low = max(low, index.position_after((cursor["value"], cursor["id"])))
            positions = range(low, high)
        return (keys[position] for position in positions)

    @staticmethod
    def _list_filter(record: Record, options: dict) -> bool:
        if options["ids"] and record.sort_key not in options["ids"]:
            return False
        if options["owner_id"] is not None and record.values.get("owner_id") != options["owner_id"]:
            return False
        for name in ("org_id", "person_id", "deal_id"):
            if options[name] is not None and record.values.get(name) != options[name]:
                return False
        statuses = options["statuses"]
        if statuses:
            status = "deleted" if record.deleted else record.values.get("status")
            return status in statuses
        return not record.deleted

    def list_fields(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = FIELD_ENDPOINTS[match.group("endpoint")]
        limit = min(int(request.param("limit", "100")), 500)
        offset = int(_decode_cursor(request.param("cursor"))["offset"]) if request.param("cursor") else 0
        definitions = list(account.schema[object_name].values())
        stamp = iso_z_seconds(account.schema_changed_ms[object_name] or 1_735_689_600_000)
        page = [
            {
                "field_name": d.label, "field_code": FIELD_CODES.get(d.name, d.name), "description": "",
                "field_type": d.type,
                "options": [{"id": i, "label": label, "color": None, "add_time": stamp, "update_time": stamp}
                            for i, label in d.options] if d.type in ("enum", "set") and d.options else None,
                "subfields": [{"field_code": "value", "field_name": "Value", "field_type": "double"},
                              {"field_code": "currency", "field_name": "Currency", "field_type": "varchar"}]
                if d.type == "monetary" else None,
                "is_custom_field": d.custom, "is_optional_response_field": False,
            }
            for d in definitions[offset:offset + limit]
        ]  # fmt: skip
        more = offset + limit < len(definitions)
        return json_response(200, {
            "success": True, "data": page,
            "additional_data": {"next_cursor": _encode_cursor({"offset": offset + limit}) if more else None},
        })  # fmt: skip

    def changelog(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match)
        record = self._find(account, object_name, match.group("id"))
        if record is None:
            return self.error(404, f"{ENTITY_LABEL[object_name]} not found")
        limit = min(int(request.param("limit", "100")), 500)
        entries = list(reversed(record.history))
        start = 0
        if request.param("cursor"):
            try:
                start = int(_decode_cursor(request.param("cursor"))["offset"])
            except (ValueError, KeyError, binascii.Error, json.JSONDecodeError):
                return self.error(400, "Validation failed: invalid cursor")
        page = entries[start : start + limit]
        more = start + limit < len(entries)
        return json_response(200, {
            "success": True, "data": [self._changelog_row(account, e) for e in page],
            "additional_data": {"next_cursor": _encode_cursor({"offset": start + limit}) if more else None},
        })  # fmt: skip

    def _changelog_row(self, account: Account, entry: HistoryEntry) -> dict:
        actor = entry.actor
        source = "api" if actor.kind in ("integration", "api") else actor.channel
        agent = actor.client if source == "api" else USER_AGENTS.get(source)
        return {
            "field_key": CHANGELOG_NAMES.get(entry.field, entry.field),
            "old_value": _changelog_value(entry.old), "new_value": _changelog_value(entry.new),
            "actor_user_id": actor.user_id, "time": pipedrive_v1_time(entry.at_ms), "change_source": source,
            "change_source_user_agent": agent or "python-httpx", "is_bulk_update_flag": False,
        }  # fmt: skip

    # ---- v1 recents -----------------------------------------------------------------------
    def recents(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """Items changed at or after `since_timestamp`, oldest first, deleted ones with active_flag false.

        Offset paging (start/limit) as in every v1 list; items of all requested types in one stream."""
        since_text = request.param("since_timestamp") or ""
        if not V1_TIME.match(since_text.strip()):
            return self.error(400, "since_timestamp is required in the format YYYY-MM-DD HH:MM:SS")
        items = request.params("items") or list(RECENT_ITEMS)
        unknown = sorted(set(items) - RECENT_ITEM_TYPES)
        if unknown:
            return self.error(400, f"Invalid items: {', '.join(unknown)}")
        try:
            start, limit = int(request.param("start", "0")), int(request.param("limit", "100"))
        except ValueError:
            return self.error(400, "start and limit must be integers")
        if start < 0 or not 1 <= limit <= 500:
            return self.error(400, "start must be >= 0 and limit between 1 and 500")
        since_ms = parse_datetime_ms(since_text.strip().replace(" ", "T") + "Z")
        stream = self._recent_stream(account, [name for name in items if name in RECENT_ITEMS], since_ms)
        page = []
        for position, entry in enumerate(stream):
            if position >= start + limit:
                break
            if position >= start:
                page.append(entry)
        more = len(page) == limit and position >= start + limit
        pagination = {"start": start, "limit": limit, "more_items_in_collection": more}
        if more:
            pagination["next_start"] = start + limit
        data = [
            {"item": item, "id": record.sort_key, "data": self.render_v1(account, RECENT_ITEMS[item], record)}
            for item, record in page
        ]
        last = page[-1][1].modified_ms if page else since_ms
        return json_response(200, {
            "success": True, "data": data,
            "additional_data": {"since_timestamp": pipedrive_v1_time(since_ms),
                                "last_timestamp_on_page": pipedrive_v1_time(last), "pagination": pagination},
        })  # fmt: skip

    @staticmethod
    def _recent_stream(account: Account, items: list, since_ms: int):
        """(item, record) in (modified time, item, id) order across live and deleted records."""

        def keys_from(index, order):
            for position in range(index.position_at_or_after((since_ms, -1)), len(index.keys)):
                modified_ms, sort_key = index.keys[position]
                yield modified_ms, order, sort_key

        stores = [account.objects[RECENT_ITEMS[item]] for item in items]
        streams = [
            keys_from(index, order)
            for order, store in enumerate(stores)
            for index in (store.live, store.dead)
        ]
        for _, order, sort_key in heapq.merge(*streams):
            yield items[order], stores[order].record_by_sort_key(sort_key)

    def render_v1(self, account: Account, object_name: str, record: Record) -> dict:
        """The v1 shape of a person, organization or deal (v1 spec, GetRecentsResponse): space-separated
        UTC times, visible_to as a string, custom fields at the top level under their hash keys."""
        values = record.values
        owner_id = values.get("owner_id")
        common = {
            "id": record.sort_key, "company_id": account.company_id,
            "add_time": pipedrive_v1_time(record.created_ms), "update_time": pipedrive_v1_time(record.modified_ms),
            "visible_to": str(values.get("visible_to", 3)), "label_ids": list(values.get("label_ids") or []),
            "owner_name": _user_name(account, owner_id), "cc_email": f"acme-{account.company_id}@pipedrivemail.com",
        }  # fmt: skip
        custom = {
            d.name: _v1_custom_value(d, values.get(d.name))
            for d in account.schema[object_name].values()
            if d.custom
        }
        if object_name == "contacts":
            org = account.objects["companies"].get(str(values.get("org_id")))
            data = {
                **common, "owner_id": owner_id, "org_id": values.get("org_id"), "name": values.get("name", ""),
                "first_name": values.get("first_name", ""), "last_name": values.get("last_name"),
                "first_char": (values.get("name") or " ")[0].lower(), "active_flag": not record.deleted,
                "phone": _v1_contacts(values.get("phones")), "email": _v1_contacts(values.get("emails")),
                "primary_email": next((e["value"] for e in values.get("emails") or [] if e.get("primary")), None),
                "org_name": org.values.get("name") if org else None, "picture_id": None, "label": None,
            }  # fmt: skip
        elif object_name == "companies":
            address = values.get("address") or {}
            data = {
                **common, "name": values.get("name", ""), "first_char": (values.get("name") or " ")[0].lower(),
                "active_flag": not record.deleted, "country_code": None,
                "owner_id": {"id": owner_id, "name": _user_name(account, owner_id), "email": _user_email(owner_id),
                             "has_pic": 0, "pic_hash": None, "active_flag": True, "value": owner_id},
                "address": address.get("value", ""), "address_locality": address.get("locality", ""),
                "address_country": address.get("country", ""), "address_formatted_address": address.get("value", ""),
            }  # fmt: skip
        else:
            data = {
                **common, "creator_user_id": owner_id, "user_id": owner_id, "person_id": values.get("person_id"),
                "org_id": values.get("org_id"), "stage_id": values.get("stage_id"), "title": values.get("title", ""),
                "value": values.get("value") or 0, "currency": values.get("currency", "EUR"),
                "active": values.get("status") == "open" and not record.deleted, "deleted": record.deleted,
                "is_archived": False, "status": "deleted" if record.deleted else values.get("status", "open"),
                "probability": values.get("probability"), "pipeline_id": values.get("pipeline_id", 1),
                "lost_reason": None,
                "close_time": None if values.get("status") == "open" else pipedrive_v1_time(record.modified_ms),
            }  # fmt: skip
            if values.get("expected_close_date"):
                data["expected_close_date"] = values["expected_close_date"]
        return {**data, **custom}

    # ---- writes -------------------------------------------------------------------------
    def patch_entity(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match)
        record = self._find(account, object_name, match.group("id"))
        if record is None or record.deleted:
            return self.error(404, f"{ENTITY_LABEL[object_name]} not found")
        try:
            body = request.json()
            if not isinstance(body, dict):
                raise ValidationFailed("request body must be an object")
            clean = self._validate(account, object_name, body)
        except (ValidationFailed, json.JSONDecodeError) as error:
            return self.error(400, f"Validation failed: {error}", code="ERR_SCHEMA_VALIDATION_FAILED")
        actor = self._caller(account, request)
        account.apply_write(object_name, record, clean, actor)
        return json_response(200, {"success": True, "data": self.render(account, object_name, record)})

    def create_entity(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """POST /api/v2/{entity}: 200 {success, data}; v2's strict validation; linked records must exist."""
        object_name = self._object(match)
        try:
            body = request.json()
            if not isinstance(body, dict):
                raise ValidationFailed("request body must be an object")
            clean = self._validate(account, object_name, body)
            required = REQUIRED_ON_CREATE[object_name]
            if not clean.get(required):
                raise ValidationFailed(f"{required}: is required")
            self._check_links(account, clean)
        except (ValidationFailed, json.JSONDecodeError) as error:
            return self.error(400, f"Validation failed: {error}", code="ERR_SCHEMA_VALIDATION_FAILED")
        clean.setdefault("owner_id", account.integration_user_id)
        if object_name == "tasks":
            clean.setdefault("type", "task")
            clean.setdefault("done", False)
        elif object_name != "deals":
            clean.setdefault("visible_to", 3)
        actor = self._caller(account, request)
        links = [(LINKED_OBJECTS[name], str(clean[name])) for name in LINKED_OBJECTS if clean.get(name)]
        record = account.create_record(object_name, clean, actor, links)
        return json_response(200, {"success": True, "data": self.render(account, object_name, record)})

    @staticmethod
    def _check_links(account: Account, clean: dict) -> None:
        for name, linked in LINKED_OBJECTS.items():
            if clean.get(name) is None:
                continue
            record = account.objects[linked].get(str(clean[name]))
            if record is None or record.deleted:
                raise ValidationFailed(f"{name}: {ENTITY_LABEL[linked]} {clean[name]} not found")

    def search_entities(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        """GET /api/v2/{entity}/search: the subset the hub uses, an exact match on custom field values."""
        object_name = self._object(match)
        term = request.param("term", "")
        fields = set((request.param("fields") or "custom_fields").split(","))
        exact = request.param("exact_match", "false") == "true"
        if len(term) < (1 if exact else 2):
            return self.error(400, "Validation failed: term: must be at least 2 characters long",
                              code="ERR_SCHEMA_VALIDATION_FAILED")  # fmt: skip
        limit = min(int(request.param("limit", "100")), 500)
        custom = [d.name for d in account.schema[object_name].values() if d.custom]
        items = []
        for record in account.objects[object_name].records.values():
            if record.deleted:
                continue
            values = [str(record.values[key]) for key in custom if record.values.get(key) is not None]
            hit = "custom_fields" in fields and any(
                v == term if exact else term.lower() in v.lower() for v in values
            )
            if hit:
                items.append({"result_score": 1.0, "item": self._search_item(object_name, record, values)})
            if len(items) == limit:
                break
        return json_response(200, {"success": True, "data": {"items": items},
                                   "additional_data": {"next_cursor": None}})  # fmt: skip

    @staticmethod
    def _search_item(object_name: str, record: Record, custom_values: list) -> dict:
        item = {"id": record.sort_key, "type": ENTITY_LABEL[object_name].lower(),
                "owner": {"id": record.values.get("owner_id")}, "custom_fields": custom_values}  # fmt: skip
        if object_name == "deals":
            item["title"] = record.values.get("title", "")
        else:
            item["name"] = record.values.get("name", "")
        return item

    def delete_entity(self, account: Account, request: SandboxRequest, match) -> SandboxResponse:
        object_name = self._object(match)
        record = self._find(account, object_name, match.group("id"))
        if record is None or record.deleted:
            return self.error(404, f"{ENTITY_LABEL[object_name]} not found")
        account.delete(object_name, record.id, self._caller(account, request))
        return json_response(200, {"success": True, "data": {"id": record.sort_key}})

    def _validate(self, account: Account, object_name: str, body: dict) -> dict:
        rules = WRITABLE[object_name]
        clean = {}
        for name, value in body.items():
            if name == "custom_fields":
                clean.update(self._validate_custom(account, object_name, value))
                continue
            rule = rules.get(name)
            if rule is None:
                raise ValidationFailed(f"{name}: unknown or read-only property")
            clean[name] = _check(name, rule, value)
        if "name" in clean and object_name == "contacts":
            first, _, last = clean["name"].partition(" ")
            clean["first_name"], clean["last_name"] = first, last or None
        return clean

    def _validate_custom(self, account: Account, object_name: str, values) -> dict:
        if not isinstance(values, dict):
            raise ValidationFailed("custom_fields: must be an object")
        schema = account.schema[object_name]
        clean = {}
        for key, value in values.items():
            definition = schema.get(key)
            if definition is None or not definition.custom:
                if account.pipedrive_strict_custom_fields:
                    raise ValidationFailed(f"custom_fields.{key}: unknown custom field")
                continue
            if value is None:
                clean[key] = None
            elif definition.type in ("double", "int", "monetary"):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValidationFailed(f"custom_fields.{key}: must be a number")
                clean[key] = float(value) if definition.type == "double" else value
            elif definition.type == "enum":
                if isinstance(value, bool) or value not in [option_id for option_id, _ in definition.options]:
                    raise ValidationFailed(f"custom_fields.{key}: must be one of the option ids")
                clean[key] = value
            elif not isinstance(value, str):
                raise ValidationFailed(f"custom_fields.{key}: must be a string")
            else:
                clean[key] = value
        return clean


def _check(name: str, rule: str, value):
    optional = rule.endswith("?")
    rule = rule.rstrip("?")
    if value is None:
        if optional:
            return None
        raise ValidationFailed(f"{name}: must not be null")
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "ints": isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value),
        "status": value in ("open", "won", "lost"),
        "date": isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value) is not None,
        "address": isinstance(value, dict) and isinstance(value.get("value", ""), str),
        "contacts": isinstance(value, list) and all(isinstance(v, dict) and isinstance(v.get("value"), str)
                                                     for v in value),
    }.get(rule, False)  # fmt: skip
    if not ok:
        raise ValidationFailed(f"{name}: invalid value {value!r}")
    if rule == "contacts":
        return [{"value": v["value"], "primary": bool(v.get("primary", False)), "label": v.get("label", "work")}
                for v in value]  # fmt: skip
    return value


def _changelog_value(value):
    if value is None:
        return None
    if isinstance(value, list):
        primary = next(
            (v for v in value if isinstance(v, dict) and v.get("primary")), value[0] if value else None
        )
        return (primary.get("value") if isinstance(primary, dict) else str(primary)) if primary else None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _user_name(account: Account, user_id) -> str:
    if user_id == account.integration_user_id:
        return "API integration"
    if user_id in account.other_api_users:
        return " ".join(account.other_api_users[user_id])
    return f"Sales Rep {user_id}"


def _user_email(user_id) -> str:
    return f"user{user_id}@example.com"


def _v1_contacts(entries) -> list:
    """v1 email/phone arrays; a person without any still carries one empty primary entry, as v1 does."""
    if not entries:
        return [{"value": "", "primary": True}]
    return [{"label": e.get("label", "work"), "value": e.get("value", ""), "primary": bool(e.get("primary"))}
            for e in entries]  # fmt: skip


def _v1_custom_value(definition: FieldDef, value):
    """v1 returns enum option ids as strings and numbers as numbers."""
    if value is None:
        return None
    if definition.type in ("enum", "set"):
        return ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return value
