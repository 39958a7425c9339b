"""The people of an emulated CRM account (its reps and our integration user) and the three APIs that name them,
in their real shapes: HubSpot GET /crm/v3/owners/{ownerId} (idProperty=id|userId), Salesforce's User sObject
(GET /services/data/vXX.X/sobjects/User/{id}), Pipedrive GET /v1/users/{id}."""

from .account import Account
from .wire import (
    SandboxRequest,
    SandboxResponse,
    iso_z_ms,
    json_response,
    pipedrive_v1_time,
    salesforce_datetime,
)

REP_NAMES = (
    ("Maria", "Lopez"),
    ("Tom", "Becker"),
    ("Aisha", "Khan"),
    ("Jonas", "Weber"),
    ("Emily", "Carter"),
    ("Kenji", "Sato"),
    ("Sofia", "Rossi"),
)
CREATED = "2025-01-06T09:00:00.000Z"
CREATED_MS = 1736154000000
OWNERS_PAGE_MAX = 500


def person(account: Account, user_id) -> tuple[str, str] | None:
    """(first name, last name) of one of the account's users, or None for an unknown id."""
    if str(user_id) == str(account.integration_user_id):
        return ("API", "Integration")
    others = {str(other): name for other, name in account.other_api_users.items()}
    if str(user_id) in others:
        return others[str(user_id)]
    ids = [str(rep) for rep in account.rep_user_ids]
    if str(user_id) not in ids:
        return None
    renamed = account.user_changes.get(str(user_id), {}).get("name")
    first, last = REP_NAMES[ids.index(str(user_id)) % len(REP_NAMES)]
    return (renamed[0] or first, renamed[1] or last) if renamed else (first, last)


def rep_state(account: Account, user_id) -> tuple[bool, int]:
    """(active, last change in epoch ms) of a rep."""
    change = account.user_changes.get(str(user_id), {})
    return change.get("active", True), change.get("at_ms", CREATED_MS)


def _owner_body(account: Account, owner_id) -> dict:
    first, last = person(account, owner_id)
    active, changed_ms = rep_state(account, owner_id)
    return {
        "id": str(owner_id), "email": _email(first, last, account), "type": "PERSON", "firstName": first,
        "lastName": last, "userId": int(owner_id) if active else None, "userIdIncludingInactive": int(owner_id),
        "createdAt": CREATED, "updatedAt": iso_z_ms(changed_ms), "archived": not active,
        "teams": [{"id": "1", "name": "Sales", "primary": True}],
    }  # fmt: skip


def hubspot_owners(account: Account, request: SandboxRequest, match) -> SandboxResponse:
    """GET /crm/v3/owners: active owners, or deactivated ones with archived=true; `after` paging, limit <= 500."""
    try:
        limit = min(OWNERS_PAGE_MAX, max(1, int(request.param("limit", "100"))))
        start = int(request.param("after", "0") or 0)
    except ValueError:
        return json_response(400, {"status": "error", "message": "Invalid limit or after", "category": "VALIDATION_ERROR",
                                   "correlationId": account.provider.correlation_id(account)})  # fmt: skip
    archived = request.param("archived", "false").lower() == "true"
    email = request.param("email")
    owners = [
        _owner_body(account, rep)
        for rep in account.rep_user_ids
        if rep_state(account, rep)[0] is not archived
    ]
    if email:
        owners = [owner for owner in owners if owner["email"] == email.lower()]
    body: dict = {"results": owners[start : start + limit]}
    if start + limit < len(owners):
        after = str(start + limit)
        body["paging"] = {"next": {"after": after, "link": f"/crm/v3/owners?after={after}&limit={limit}"}}
    return json_response(200, body)


def salesforce_user_rows(account: Account) -> list[dict]:
    """The User sObject's rows (our integration user and the reps), as a SOQL query selects from."""
    rows = []
    for user_id in [account.integration_user_id, *account.rep_user_ids]:
        first, last = person(account, user_id)
        active, changed_ms = rep_state(account, user_id)
        rows.append({
            "Id": str(user_id), "Username": _email(first, last, account), "Name": f"{first} {last}",
            "FirstName": first, "LastName": last, "Email": _email(first, last, account), "IsActive": active,
            "UserType": "Standard", "Title": None if user_id == account.integration_user_id else "Account Executive",
            "Department": "Sales", "ManagerId": None, "CreatedDate": salesforce_datetime(CREATED_MS),
            "LastModifiedDate": salesforce_datetime(changed_ms), "SystemModstamp": salesforce_datetime(changed_ms),
        })  # fmt: skip
    return rows


def _pipedrive_user_body(account: Account, user_id) -> dict:
    first, last = person(account, user_id)
    active, changed_ms = rep_state(account, user_id)
    return {
        "id": int(user_id), "name": f"{first} {last}", "default_currency": "EUR", "locale": "en_GB", "lang": 1,
        "email": _email(first, last, account), "phone": None, "activated": True, "last_login": None,
        "created": "2025-01-06 09:00:00",
        "modified": pipedrive_v1_time(changed_ms) if changed_ms != CREATED_MS else None,
        "has_created_company": False, "access": [], "active_flag": active, "is_admin": 0,
        "timezone_name": "Europe/London", "timezone_offset": "+00:00", "role_id": 1, "icon_url": None,
        "is_you": user_id == account.integration_user_id,
    }  # fmt: skip


def pipedrive_users(account: Account, request: SandboxRequest, match) -> SandboxResponse:
    """GET /v1/users (getUsers): every user of the company, no paging."""
    ids = [account.integration_user_id, *account.rep_user_ids]
    return json_response(200, {"success": True, "data": [_pipedrive_user_body(account, i) for i in ids]})


def _email(first: str, last: str, account: Account) -> str:
    return f"{first}.{last}@{account.name}.example".lower()


def hubspot_owner(account: Account, request: SandboxRequest, match) -> SandboxResponse:
    """In the sandbox a rep's owner id and user id are the same number."""
    owner_id = match.group("owner_id")
    found = person(account, owner_id) if owner_id.isdigit() else None
    if request.param("idProperty", "id") not in ("id", "userId"):
        found = None
    if found is None or str(owner_id) == str(account.integration_user_id):
        return json_response(404, {"status": "error", "message": "Owner not found", "category": "OBJECT_NOT_FOUND",
                                   "correlationId": account.provider.correlation_id(account)})  # fmt: skip
    first, last = found
    return json_response(200, {
        "id": str(owner_id), "email": _email(first, last, account), "type": "PERSON", "firstName": first,
        "lastName": last, "userId": int(owner_id), "userIdIncludingInactive": int(owner_id),
        "createdAt": CREATED, "updatedAt": CREATED, "archived": False, "teams": [],
    })  # fmt: skip


def salesforce_user(account: Account, request: SandboxRequest, match) -> SandboxResponse:
    user_id = match.group("id")
    found = person(account, user_id)
    if found is None:
        return json_response(
            404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]
        )
    first, last = found
    record = {
        "Id": user_id,
        "Name": f"{first} {last}",
        "FirstName": first,
        "LastName": last,
        "Email": _email(first, last, account),
        "IsActive": True,
    }
    wanted = [name for value in request.query.get("fields", []) for name in value.split(",") if name]
    if wanted:
        record = {name: record[name] for name in ("Id", *wanted) if name in record}
    url = f"/services/data/{match.group('version')}/sobjects/User/{user_id}"
    return json_response(200, {"attributes": {"type": "User", "url": url}, **record})


def pipedrive_user(account: Account, request: SandboxRequest, match) -> SandboxResponse:
    user_id = int(match.group("user_id"))
    found = person(account, user_id)
    if found is None:
        return json_response(404, {"success": False, "error": "User not found",
                                   "error_info": "Please check developers.pipedrive.com for more information "
                                   "about Pipedrive API.", "data": None, "additional_data": None})  # fmt: skip
    return json_response(200, {"success": True, "data": _pipedrive_user_body(account, user_id)})
