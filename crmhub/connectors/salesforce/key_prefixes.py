"""Which object a Salesforce id names: its first three characters, the object's key prefix.

A polymorphic reference (a Task's `WhatId`: an Account, an Opportunity, a Case...; its `WhoId`: a Contact or a
Lead) holds only the id, and the id says the object. Standard objects have the same prefix in every org; a
custom object's is the org's own and comes from its describe (`keyPrefix`), which the catalog keeps.
"""

STANDARD_KEY_PREFIXES = {
    "001": "Account",
    "003": "Contact",
    "005": "User",
    "006": "Opportunity",
    "00Q": "Lead",
    "00T": "Task",
    "00U": "Event",
    "01t": "Product2",
    "02i": "Asset",
    "0Q0": "Quote",
    "500": "Case",
    "701": "Campaign",
    "800": "Contract",
    "801": "Order",
}


def object_of_id(record_id: str, prefixes: dict[str, str]) -> str:
    """The object of `record_id` by its key prefix (case matters: 00Q is a Lead, 00q is not), or ""."""
    return prefixes.get(str(record_id or "")[:3], "")
