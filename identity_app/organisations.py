"""Organisation-only rules: an organisation's legal form, and when it tells tied records apart.

Names are compared without their legal form ("Acme, Inc." and "ACME Incorporated" are one name), because
people write it loosely or leave it out. Between CRM records that tie on everything else (a parent and its
subsidiary: one name, one domain, one city), the legal form is what names the legal entity: "Acme Pty Ltd"
is the Australian company, not "Acme, Inc.". It decides only there, and only when the inbound record names
a legal form that exactly one of the tied records carries while every other one carries another.
"""

from identity_app import legal_forms, normalise

# One spelling per legal form where English has two.
SPELLINGS = {"incorporated": "inc", "limited": "ltd", "corporation": "corp", "company": "co"}


def legal_form(name) -> str:
    """The legal form at the end of an organisation's name, one spelling per form ("pty ltd" for "Pty.
    Limited", "inc" for ", Inc." and "Incorporated", "ltd sti" for "Ltd. Şti."); "" when the name ends
    without one. "Group" and "Holdings" are part of a name, not a form."""
    words = normalise.plain(str(name or "").replace("&", " and ").replace(".", "")).split()
    _, form = legal_forms.split(words, name_parts=legal_forms.NOT_A_FORM)
    return " ".join(SPELLINGS.get(word, word) for word in form)


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
