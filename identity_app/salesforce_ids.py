"""Salesforce record ids in their two lengths.

Salesforce shows a record's id in 15 case-sensitive characters (reports, the address bar) and returns 18
from its API and Data Loader: the same 15 and three characters that encode which of them are capitals. A
file of ids copied from a report meets a mirror loaded from the API: each must find the other's form.
"""

import re

_ID = re.compile(r"^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$")
_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def checksum(id15: str) -> str:
    """The three characters Salesforce appends to a 15-character id: for each five characters, a bit per
    capital letter (the first character the lowest bit), as a letter or digit of the suffix alphabet."""
    suffix = ""
    for start in (0, 5, 10):
        bits = sum(1 << bit for bit, char in enumerate(id15[start : start + 5]) if "A" <= char <= "Z")
        suffix += _SUFFIX_ALPHABET[bits]
    return suffix


def other_form(crm_id: str) -> str:
    """The 18-character form of a 15-character Salesforce id, the 15-character form of an 18-character one
    whose suffix is its checksum; "" for anything else."""
    if not _ID.match(crm_id or ""):
        return ""
    if len(crm_id) == 15:
        return crm_id + checksum(crm_id)
    return crm_id[:15] if checksum(crm_id[:15]) == crm_id[15:] else ""


def is_id(text: str) -> bool:
    """Whether the text is written as a Salesforce record id: 15 characters, or 18 whose suffix is theirs."""
    return bool(_ID.match(text or "")) and (len(text) == 15 or bool(other_form(text)))
