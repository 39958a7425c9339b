"""The people of an emulated CRM account (its reps and our integration user) and the three APIs that name them,
in their real shapes: HubSpot GET /crm/v3/owners/{ownerId} (idProperty=id|userId), Salesforce's User sObject
(GET /services/data/vXX.X/sobjects/User/{id}), Pipedrive GET /v1/users/{id}."""

from .account import Account
from .wire import SandboxRequest, SandboxResponse, json_response

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
    return REP_NAMES[ids.index(str(user_id)) % len(REP_NAMES)]


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
    first, last = found
    return json_response(200, {"success": True, "data": {
        "id": user_id, "name": f"{first} {last}", "default_currency": "EUR", "locale": "en_GB", "lang": 1,
        "email": _email(first, last, account), "phone": None, "activated": True, "last_login": None,
        "created": "2025-01-06 09:00:00", "modified": None, "has_created_company": False, "access": [],
        "active_flag": True, "timezone_name": "Europe/London", "timezone_offset": "+00:00", "role_id": 1,
        "icon_url": None, "is_you": user_id == account.integration_user_id,
    }})  # fmt: skip
