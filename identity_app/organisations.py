"""Organisation-only rules: an organisation's legal form, and when it tells tied records apart.

Names are compared without their legal form ("Acme, Inc." and "ACME Incorporated" are one name), because
people write it loosely or leave it out. Between CRM records that tie on everything else (a parent and its
subsidiary: one name, one domain, one city), the legal form is what names the legal entity: "Acme Pty Ltd"
is the Australian company, not "Acme, Inc.". It decides only there, and only when the inbound record names
a legal form that exactly one of the tied records carries while every other one carries another.
"""

from identity_app import normalise

# Legal forms as words, after dots are dropped ("B.V." -> "bv", "S.A.S." -> "sas"). "Group" and "Holdings"
# are left out: they are part of a name ("Acme Holdings Inc" is a holding company, legal form "inc").
LEGAL_FORM_WORDS = (normalise.LEGAL_SUFFIXES - {"holding", "holdings", "group"}) | {
    "pte",
    "bhd",
    "sdn",
    "sro",
    "kft",
    "zrt",
    "oü",
    "ou",
    "doo",
    "sapi",
    "cv",
    "ltda",
    "eireli",
    "mei",
    "ev",
    "eg",
    "kgaa",
    "ohg",
    "gbr",
    "sp",
    "zoo",
    "pvt",
}
# One spelling per legal form where English has two.
SPELLINGS = {"incorporated": "inc", "limited": "ltd", "corporation": "corp", "company": "co"}


def legal_form(name) -> str:
    """The legal form at the end of an organisation's name, one spelling per form ("pty ltd" for "Pty.
    Limited", "inc" for ", Inc." and "Incorporated"); "" when the name ends without one."""
    words = normalise.plain(str(name or "").replace("&", " and ").replace(".", "")).split()
    form = []
    while len(words) > 1 and words[-1] in LEGAL_FORM_WORDS:
        form.append(SPELLINGS.get(words[-1], words[-1]))
        words.pop()
    return " ".join(reversed(form))


def display_name(display: dict) -> str:
    """An organisation's name as the CRM or the inbound record writes it (legal form included)."""
    return str(display.get("company_name") or display.get("full_name") or "")


def legal_form_choice(inbound_name: str, tied: list[tuple[str, str]]) -> tuple[str, str, dict]:
    """(crm id, legal form, every tied id's form) of the one tied record whose legal form is the inbound
    record's, when every other tied record names another one; ("", "", forms) when the legal form does not
    decide (no form inbound, none or several carry it, or a tied record names none)."""
    wanted = legal_form(inbound_name)
    forms = {crm_id: legal_form(name) for crm_id, name in tied}
    if not wanted or not all(forms.values()):
        return "", wanted, forms
    carrying = [crm_id for crm_id, form in forms.items() if form == wanted]
    if len(carrying) != 1:
        return "", wanted, forms
    return carrying[0], wanted, forms
