"""Company names: legal forms (with `cleanco`), trading, former and other names, ownership notes
and deletion marks, desks and departments named as companies, how alike two company names are, and VAT numbers.
"""

import re
from functools import lru_cache

from cleanco import basename as company_basename
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from identity_app import legal_forms
from identity_app.normalise_emails import ROLE_LOCAL_PARTS
from identity_app.normalise_names import EQUIVALENT_SIMILARITY, spelling_folded, word_typo_similarity
from identity_app.normalise_text import (
    DOMAIN_EXTRACTOR,
    as_text,
    cached_for_text,
    identifier,
    latin_folded,
    romanised,
    words_of,
)

LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "ug",
        "se",
        "sa",
        "sas",
        "sarl",
        "sl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "pty",
        "pvt",
        "kk",
        "holding",
        "holdings",
        "group",
    }
)


# "and" between two words of a company's name in the languages whose companies write it out where others
# write "&": Müller und Söhne, Dupont et Fils, Gómez y Hijos, Rossi e Figli, Smit en Zonen, Nowak i Syn.
AND_WORDS = frozenset({"und", "et", "y", "e", "en", "i", "og", "och"})


# A form of single letters written with a space after each dot, as German style rules write the registered
# association ("Förderverein Lindenau e. V."): one form, as "e.V." is.
_SPACED_FORM_AT_END = re.compile(r"(?<=\b[A-Za-z])\.\s+(?=[A-Za-z]\.?\s*$)")


def _company_words(text: str) -> list[str]:
    # "B.V." and "S.A." are suffixes too: drop the dots before splitting into words.
    text = _SPACED_FORM_AT_END.sub(".", text)
    words = [latin_folded(word) for word in words_of(text.replace("&", " and ").replace(".", ""))]
    if words and words[0] == "the":
        words = words[1:]
    return [
        "and" if 0 < position < len(words) - 1 and word in AND_WORDS else word
        for position, word in enumerate(words)
    ]


# "Brikelpra Logistics Ltd t/a Torrintam Energy", "Acme Ltd (trading as Widgets)": the registered name, then
# the name it trades under; "Acme Inc. (formerly Widgets Inc.)", "Acme f/k/a Widgets": the name, then the one
# it had. The name before is the one an account holds; the other is no part of it.
_TRADING_AS = re.compile(
    r"(?:\s*[,(]\s*|\s+)(?:d\.?/?b\.?/?a\.?|t/a|trading\s+as|doing\s+business\s+as|a\.?k\.?a\.?"
    r"|f\.?/?k\.?/?a\.?|formerly(?:\s+known\s+as)?)\s+(?=\S)",
    re.IGNORECASE,
)


# Markers that may also be words of a name ("Oracle DBA Services"): they mark only when set off by a bracket
# or a comma, or after a legal form.
_BARE_MARKERS = frozenset({"dba", "aka", "fka", "formerly"})


_FORMER_NAME_NOTE = re.compile(
    r"\s*[(,]\s*(?:formerly|previously|f/k/a)(?:\s+known\s+as)?\s+(?P<name>[^(),;:]+?)\s*[),]", re.IGNORECASE
)


def former_name_noted(description, name) -> str:
    """The former name a description gives right after the organisation's own name, set off by a bracket or
    commas ("Acme Health (formerly Widgets) builds ...", "Acme Health, formerly known as Widgets, is ..."), as
    `company_name` writes names; "" when it does not begin so (a former name further on may be another
    company's: "... spun out of Acme (formerly Widgets)")."""
    text, own = as_text(description), company_name(name)
    if not own or not text:
        return ""
    words = text.split()
    for count in range(1, min(len(words), 8) + 1):
        head = " ".join(words[:count])
        if company_name(head.rstrip(",(")) == own:
            found = _FORMER_NAME_NOTE.match(text[text.index(head) + len(head.rstrip(",(")) :])
            return company_name(found["name"]) if found else ""
    return ""


def company_other_name(value) -> str:
    """The other name an organisation's written name gives after "t/a", "trading as", "formerly", "f/k/a" ...
    ("Acme Inc. (formerly Widgets Inc.)" gives "widgets"), as `company_name` writes names; "" when it gives
    none. The account may hold that name: the one it trades under, or the one it had."""
    text = as_text(value)
    if _registered_name(text) == text:
        return ""
    other = text[_TRADING_AS.search(text).end() :].partition(")")[0]
    return company_name(other)


def company_name_marker(value) -> str:
    """What the other name an organisation's written name gives is: "trading" (after "t/a", "d/b/a",
    "trading as", "doing business as", "a.k.a."), "former" (after "formerly", "f/k/a"), "" when it gives
    none (`company_other_name`)."""
    text = as_text(value)
    if _registered_name(text) == text:
        return ""
    marker = _TRADING_AS.search(text).group(0).strip(" ,(").lower()
    return "former" if marker.startswith(("f", "formerly")) else "trading"


def company_registered_part(value) -> str:
    """The written name before its "t/a", "d/b/a", "formerly" ... (the whole name when it gives no other)."""
    return _registered_name(as_text(value))


def _registered_name(text: str) -> str:
    """The name before "t/a", "d/b/a", "trading as", "formerly" ...; before a bare "DBA", "AKA", "FKA" or
    "formerly" (not set off by a bracket or a comma) only when a legal form ends it ("Acme Inc. DBA Widgets"),
    since "Oracle DBA Services" names a database administrators' firm."""
    marker = _TRADING_AS.search(text)
    if not marker:
        return text
    registered = text[: marker.start()]
    if not registered.strip():
        return text
    written = marker.group(0).strip()
    words = written.lstrip(",(").split()
    bare = not written.startswith((",", "(")) and words[0].lower() in _BARE_MARKERS
    if bare and not legal_forms.split(_company_words(registered))[1]:
        return text
    return registered


# A note on who owns the company, set off after its name by a comma, a bracket or a dash, as reps write an
# acquisition into the account's name: "Initech, a Globex company", "Initech (acq. by Globex)", "Initech - now
# part of Globex", "Initech (a subsidiary of Globex Inc.)". The owner is another organisation, no name of this
# one.
_OWNERSHIP_NOTE = re.compile(
    r"(?:\s*[,(]|\s+[-\u2013\u2014])\s*(?:an?\s+\S.*\scompany|(?:acq(?:uired|\.|d)?|bought|owned)\s+by\s"
    r"|(?:now\s+)?(?:a\s+)?part\s+of\s|an?\s+(?:subsidiary|division|unit|member)\s+of\s|(?:subsidiary|division)\s+of\s)",
    re.IGNORECASE,
)


def without_ownership_note(text: str) -> str:
    """A written company name without an ownership note after it (`_OWNERSHIP_NOTE`); the name as it is when
    it has none, or when nothing would be left."""
    note = _OWNERSHIP_NOTE.search(text)
    if not note or not text[: note.start()].strip():
        return text
    return text[: note.start()]


# A whole value that is one web address: "acme.com", "www.acme.co.uk", "https://stark-dental.com/".
_WRITTEN_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)\.?/?", re.IGNORECASE
)


def domain_written_name(text: str) -> str:
    """The name a company's web domain registers ("stark-dental" for "stark-dental.com", "acme" for
    "www.acme.co.uk"), when the text is one domain under a public suffix; "" otherwise. Support desks and
    chat tools name a customer's organisation after its email domain ("acme.com"), and a rep may type the
    website for the company: both name the company the domain registers, as "Acme" does."""
    match = _WRITTEN_DOMAIN.fullmatch(text)
    if not match:
        return ""
    parts = DOMAIN_EXTRACTOR(match.group(1).lower())
    return parts.domain if parts.suffix and len(parts.domain) >= 3 else ""


# A mark a finance or sales team puts on a record it may not delete (an ERP keeps a customer with postings,
# a CRM one with history): "DO NOT USE - Acme GmbH", "*gesperrt* Acme", "Acme Ltd (duplicate)", "ZZ Acme" (SAP
# users sort such records to the end of a list). The record is still the company's; the mark is no part of
# its name. A phrase saying not to use the record is a mark wherever it stands; a single word that names
# could begin with ("Blocked Drains Ltd", "Old Mill Bakery") only set off by brackets, stars or a dash.
_DO_NOT_USE = (
    r"do\s+not\s+use|don'?t\s+use|not\s+to\s+be\s+used|nicht\s+(?:mehr\s+)?(?:verwenden|benutzen)|"
    r"ne\s+pas\s+utiliser|non\s+usare|no\s+usar|niet\s+gebruiken"
)


_MARK_WORDS = r"duplicate|dublette|doublon|gesperrt|blocked|inactive|inaktiv|obsolete|deleted|gel(?:ö|oe)scht"


_DELETION_MARK_BEFORE = re.compile(
    rf"^\s*(?:[*#(\[]+\s*(?:{_DO_NOT_USE}|{_MARK_WORDS}|old|alt)\s*[*#)\]]+\s*[-:\u2013\u2014/]?"
    rf"|(?:{_DO_NOT_USE})\b\s*[-:\u2013\u2014/]?|(?:{_MARK_WORDS})\s*[-:\u2013\u2014/])\s+"
    r"|^(?-i:ZZZ?|XXX?)\s+",
    re.IGNORECASE,
)


_DELETION_MARK_AFTER = re.compile(
    rf"\s*(?:[-:\u2013\u2014/]\s*(?:{_DO_NOT_USE}|{_MARK_WORDS})"
    rf"|[*#(\[]+\s*(?:{_DO_NOT_USE}|{_MARK_WORDS}|old|alt)\b[^)\]]*[*#)\]]*)\s*$",
    re.IGNORECASE,
)


def without_deletion_mark(text: str) -> str:
    """A written name without a deletion mark before or after it (`_DELETION_MARK_BEFORE`), or as it is when
    it has none or would be nothing without it."""
    bare = _DELETION_MARK_AFTER.sub("", _DELETION_MARK_BEFORE.sub("", text, count=1), count=1)
    return bare if bare.strip() else text


def _without_cleanco_form(text: str) -> list[str]:
    """The name's words without a legal form cleanco knows. "UK", one of cleanco's terms, is how a group's
    British company is written after the group's name ("Faugo UK" is "Faugo UK Ltd", not Faugo): kept."""
    words = _company_words(text)
    if words[-1:] == ["uk"] and len(words) > 1:
        return [*_without_cleanco_form(" ".join(words[:-1])), "uk"]
    return legal_forms.split(_company_words(company_basename(text) or text))[0]


def _sole_trader_split(words: list[str]) -> tuple[list[str], list[str]]:
    """(the sign's words, the owner's) of an Italian sole trader's name (a ditta individuale), written as its
    trade sign "di" (of) its owner: "Idraulica Rossi di Rossi Mario", "Serramenti De Angelis di De Angelis
    Giulia". The owner is two to four words after the last "di", one of them (the surname) a word of the sign:
    "Cassa di Risparmio di Parma" or "Banca di Roma" name no owner. ([], []) otherwise."""
    if "di" not in words:
        return [], []
    at = len(words) - 1 - words[::-1].index("di")
    sign, owner = words[:at], words[at + 1 :]
    if not sign or not 2 <= len(owner) <= 4 or not any(len(w) > 2 and w in sign for w in owner[:-1]):
        return [], []
    return sign, owner


def sole_trader_owner(value) -> str:
    """The owner an Italian sole trader's written name gives after its sign (`_sole_trader_split`: "rossi
    mario" of "Idraulica Rossi di Rossi Mario"), the name it is registered under; "" for any other name."""
    words = legal_forms.split(_company_words(as_text(value)))[0]
    return " ".join(_sole_trader_split(words)[1])


# "M/s." (Messrs.) before a firm's name, as Indian, Pakistani and Bangladeshi business writes it ("M/s. Kaveri
# Enterprises", "M/S Balaji Traders", "Messrs. Patel & Sons"): a form of address, no part of the name. Only with
# its slash or in full: "M.S. Enterprises" is a firm named after its owner's initials.
_MESSRS = re.compile(r"^\s*(?:m\s*/\s*s|messrs)(?:\.\s*|\s+)(?=\w)", re.IGNORECASE)


@cached_for_text
def company_name(value) -> str:
    """Company name without legal suffixes ("Acme, Inc." and "ACME GmbH" both become "acme").

    cleanco knows the legal forms of many countries; our own short list then catches the rest once the
    text is plain words (and "holdings"/"group", which are not legal forms but name no other company). A
    name written as a web domain, or starting with one, is the name it registers (`domain_written_name`)."""
    text = _MESSRS.sub("", as_text(value))
    head, _, rest = text.partition(" ")
    if name := domain_written_name(head.rstrip(",")):
        text = f"{name} {rest}".rstrip()  # "Amazon.com, Inc." is Amazon, Inc.
    text = _registered_name(without_ownership_note(without_deletion_mark(text)))
    # Our forms first: cleanco would cut a form it half knows ("Ltd." of "Ltd. Şti.", "Limited" of
    # "Public Company Limited") and leave the rest as a name.
    words = _company_words(text)
    name_words, form = legal_forms.split(words)
    if not form and len(name_words) == len(words):
        name_words = _without_cleanco_form(text)
    while len(name_words) > 1 and (name_words[-1] in LEGAL_SUFFIXES or _mistyped_form(name_words[-1])):
        name_words.pop()
    name_words = _sole_trader_split(name_words)[0] or name_words
    return " ".join(legal_forms.expanded(legal_forms.without_leading_short_form(name_words)))


# A person's name never ends with a company's legal form, but a billing system's or a shop's customer name is
# often the company's ("Acme Consulting Ltd."): whoever bought for a business typed its name. These forms say
# so however written; any other only in capitals ("AG", "UG", "SAS", "BV"), since "Co", "Sa", "Ab" or "Ike"
# after a given name are surnames or initials.
_UNMISTAKABLE_FORMS = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "pllc",
        "ltd",
        "limited",
        "plc",
        "corp",
        "corporation",
        "gmbh",
        "mbh",
        "pty",
        "pte",
        "pvt",
        "sarl",
        "srl",
        "bvba",
        "ltda",
        "kft",
        "sro",
        "oyj",
        "bhd",
        "berhad",
    }
)


_PERSON_SURNAME_FORMS = frozenset({"and co", "and company", "company", "holding", "holdings", "group"})
# Short forms that are names too: Mei (a Chinese given name and surname), Ek (a Swedish surname), Ou (a Chinese
# surname), Åsa, Ike. In a name written wholly in capitals ("LIANG MEI") their capitals say nothing.
_FORMS_THAT_ARE_NAMES = frozenset({"mei", "ek", "ou", "asa", "ike"})


def written_as_company(value) -> bool:
    """Whether a name given for a person is a company's: it ends with a legal form (as above), after at least
    one word of the name."""
    text = as_text(value)
    words = _company_words(text)
    if len(words) < 2:
        return False
    _, form = legal_forms.split(words)
    if not form or " ".join(form) in _PERSON_SURNAME_FORMS:
        return False
    if len(form) > 1 or form[0] in _UNMISTAKABLE_FORMS:
        return True
    written = text.replace(".", "").split()
    if not (written and written[-1].isupper() and written[-1].lower() == form[0]):
        return False
    return form[0] not in _FORMS_THAT_ARE_NAMES or not all(word.isupper() for word in written[:-1])


# A company's desk is named after the company, then the desk: "Acme Billing", "Acme Ltd - Accounts Payable",
# "Acme Finance Team".
_DESK_WORDS = frozenset({"payable", "receivable", "department", "dept", "desk", "team"}) | ROLE_LOCAL_PARTS


def company_name_readings(value) -> tuple[str, ...]:
    """The companies a name may be written for: `company_name` of the whole, and, where it ends with a desk's
    words, of the name before them ("Acme Dental Accounts Payable" -> acme dental accounts payable, acme
    dental; "Lantern Accounting" -> lantern accounting, lantern: "accounting" may be the trade or the desk)."""
    whole = company_name(value)
    words = words_of(value)
    while words and words[-1] in _DESK_WORDS:
        words.pop()
    before = company_name(" ".join(words)) if words else ""
    return tuple(name for name in dict.fromkeys((whole, before)) if name)


# Legal forms long enough that a word one slip from them at the end of a name (two slips from the
# eighteen-letter German words) is the form mistyped, not a word of the name: "Hoxmeam Limised", "Qounqox GbH",
# "Priotrion lmbH", "UG (haftungsbeshcränkt)". "corp" is not among them: "core", "coop" and "cord" are names'
# words ("Acme Core").
_MISTYPED_FORMS = {
    "limited": 1,
    "gmbh": 1,
    "incorporated": 1,
    "corporation": 1,
    "haftungsbeschrankt": 2,
    "aktiengesellschaft": 2,
}


def _mistyped_form(word: str) -> bool:
    """Whether the last word of a company's name is one of `_MISTYPED_FORMS` with a typing slip."""
    if len(word) < 3 or word in LEGAL_SUFFIXES:
        return False
    return any(
        abs(len(word) - len(form)) <= slips and OSA.distance(word, form, score_cutoff=slips) <= slips
        for form, slips in _MISTYPED_FORMS.items()
    )


# The country prefixes of VAT registration numbers: the EU's member states (Greece's is "EL"), Northern
# Ireland's "XI", the United Kingdom's "GB", Switzerland's UID ("CHE-123.456.789 MWST"), Norway's "NO".
_VAT_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "GB",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "XI",
        "NO",
    ]
)


_VAT_PREFIX_OF_COUNTRY = {"GR": "EL", "CH": "CHE"}


_SWISS_VAT_SUFFIX = re.compile(r"(?:MWST|TVA|IVA)$")


def vat_number(value, country: str = "") -> str:
    """A VAT registration number with its country prefix and without spaces, dots or dashes, as the VIES
    register writes it: "DE 123 456 789", "de123456789" and "123456789" of a German record are all
    DE123456789; "CHE-123.456.789 MWST" is CHE123456789; "0123.456.789" of a Belgian record is BE0123456789.
    A number without a prefix takes its record's country (`country`, an ISO code), as a national form of the
    number is written in its own country (a partita IVA, an ondernemingsnummer); "" where no country is
    known, or for a value too short to be a VAT number."""
    text = re.sub(r"[^0-9A-Z]", "", identifier(value).upper())
    if text.startswith("CHE"):
        prefix, body = "CHE", _SWISS_VAT_SUFFIX.sub("", text[3:])
    elif text[:2].isalpha() and text[:2] in _VAT_COUNTRIES | {"GR"}:
        prefix, body = _VAT_PREFIX_OF_COUNTRY.get(text[:2], text[:2]), text[2:]
    else:
        prefix = _VAT_PREFIX_OF_COUNTRY.get(country, country)
        body = _SWISS_VAT_SUFFIX.sub("", text) if prefix == "CHE" else text
        if prefix not in _VAT_COUNTRIES and prefix != "CHE":
            return ""
    if sum(character.isdigit() for character in body) < 6 or len(body) > 14 or len(set(body)) <= 1:
        return ""
    return prefix + body


def vat_check_digit_fails(number: str) -> bool:
    """Whether a VAT number as `vat_number` writes it fails its country's check: an Italian partita IVA is
    eleven digits, the last the Luhn check of the first ten, which catches every mistyped digit and most
    swapped pairs. Such a number is a slip of the pen, nobody's. False for other countries' numbers."""
    if not number.startswith("IT"):
        return False
    digits = number[2:]
    return not (len(digits) == 11 and digits.isdigit() and _luhn_valid(digits))


# An Italian person's codice fiscale: three letters of the surname, three of the given name, the year of birth, the
# month's letter, the day (plus 40 for a woman), the comune's cadastral code and a check letter; a number of a
# person born on the same day under the same letters has digits replaced by letters (omocodia: LMNPQRSTUV).
_PERSONAL_TAX_CODE = re.compile(r"^[A-Z]{6}[0-9L-V]{2}[ABCDEHLMPRST][0-9L-V]{2}[A-Z][0-9L-V]{3}[A-Z]$")
_TAX_CODE_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            1,
            0,
            5,
            7,
            9,
            13,
            15,
            17,
            19,
            21,
            1,
            0,
            5,
            7,
            9,
            13,
            15,
            17,
            19,
            21,
            2,
            4,
            18,
            20,
            11,
            3,
            6,
            8,
            12,
            14,
            16,
            10,
            22,
            25,
            24,
            23,
        ),
        strict=True,
    )
)


def personal_tax_code(value) -> str:
    """An Italian person's codice fiscale in capitals when its shape and check letter hold, else ""."""
    code = re.sub(r"[^0-9A-Z]", "", identifier(value).upper())
    if not _PERSONAL_TAX_CODE.match(code):
        return ""
    total = sum(
        _TAX_CODE_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)
        for i, c in enumerate(code[:15])
    )
    return code if chr(65 + total % 26) == code[15] else ""


def _tax_code_letters(words: list[str], given: bool) -> str:
    """The three letters a codice fiscale gives a surname's words or a given name: its consonants, then its
    vowels, then X; a given name of four consonants or more gives its first, third and fourth."""
    letters = [c for c in "".join(words).upper() if "A" <= c <= "Z"]
    consonants = [c for c in letters if c not in "AEIOU"]
    if given and len(consonants) >= 4:
        consonants = [consonants[0], *consonants[2:4]]
    return "".join(consonants + [c for c in letters if c in "AEIOU"] + ["X"] * 3)[:3]


def tax_code_owner(value, name: str) -> str:
    """The person a sole trader's name gives ("rossi mario", surname first) whose letters its personal codice
    fiscale spells (`personal_tax_code`): its owner, in the words of `name` (a normalised company name), surname
    words then one given name, in either order. "" when the code is no person's or the name names no such
    person."""
    code, words = personal_tax_code(value), name.split()
    if not code:
        return ""
    for given_at in range(len(words)):
        given = words[given_at]
        if _tax_code_letters([given], True) != code[3:6]:
            continue
        for start, end in (
            (given_at + 1, given_at + 2),
            (given_at + 1, given_at + 3),
            (given_at - 1, given_at),
            (given_at - 2, given_at),
        ):
            surname = words[max(start, 0) : end]
            if start >= 0 and len(surname) == end - start and _tax_code_letters(surname, False) == code[:3]:
                return " ".join([*surname, given])
    return ""


# A UK company registration number as Companies House issues it: eight characters, digits for a company of
# England and Wales, or two letters and six digits (SC Scotland, NI Northern Ireland, OC an LLP, SO a Scottish
# LLP, FC a foreign company's UK establishment, ...).
_UK_COMPANY_NUMBER = re.compile(r"^(?:[A-Z]{2}\d{6}|\d{6,8})$")


def company_number(value, country: str = "") -> str:
    """A UK company registration number as the register writes it: "SC 123456" and "sc123456" are SC123456,
    and a number of digits whose leading zeros a spreadsheet dropped ("1234567") is 01234567; or a French
    establishment's SIRET (`siret`), which numbers one establishment as a UK number numbers one company; or a
    Nordic register's number (`nordic_company_number`). "" for a value of any other shape, or of a record in
    another country (`country`, an ISO code): another country's registry numbers its companies otherwise, and
    its numbers are another registry's."""
    if country in ("", "FR") and (number := siret(value)):
        return number
    if country in ("", *_NORDIC_NUMBERS) and (number := nordic_company_number(value, country)):
        return number
    if country not in ("", "GB"):
        return ""
    text = re.sub(r"[\s.\-/]", "", identifier(value).upper())
    if not _UK_COMPANY_NUMBER.match(text) or len(set(text[2:])) <= 1:
        return ""
    return text.zfill(8)


# The Nordic registers' numbers, each in its country's shape with its check digit, kept behind the country's code
# (two registers may issue one string of digits):
# - Norway's organisasjonsnummer (Brønnøysundregistrene): nine digits, the last a MOD11 check digit over the first
#   eight (weights 3 2 7 6 5 4 3 2), for main units and sub-units alike; a company's VAT registration writes it
#   between "NO" and "MVA" ("NO 987 654 321 MVA"), as invoices do.
# - Sweden's organisationsnummer (Bolagsverket): ten digits written "556677-8899", the last a Luhn check digit;
#   its VAT number is "SE", the ten digits and "01".
# - Denmark's CVR-nummer: eight digits whose weighted sum (2 7 6 5 4 3 2 1) is a multiple of 11; its VAT number is
#   "DK" and the eight digits.
_NORDIC_NUMBERS = {
    "NO": (9, (3, 2, 7, 6, 5, 4, 3, 2, 1)),
    "SE": (10, ()),
    "DK": (8, (2, 7, 6, 5, 4, 3, 2, 1)),
}
_NORDIC_WRITING = re.compile(r"^(NO|SE|DK)?([\d\s.\-]+)(MVA)?$")
_SWEDISH_WRITTEN = re.compile(r"^\d{6}-\d{4}$")


def _weighted_mod11(digits: str, weights: tuple) -> bool:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True)) % 11 == 0


def nordic_company_number(value, country: str = "") -> str:
    """A Norwegian, Swedish or Danish register number behind its country's code ("NO987654321", "SE5566778899",
    "DK12345678"), read as the country's register and VAT numbers write it, whose check digit holds; "" otherwise.
    A record with no country is read for the Norwegian shape only (and a Swedish number with its hyphen): eight
    digits are a UK company's as well, and ten a phone number's."""
    text = identifier(value).upper().strip()
    written = _NORDIC_WRITING.match(text)
    if not written:
        return ""
    prefix, body, suffix = written.groups()
    digits = re.sub(r"[\s.\-]", "", body)
    if prefix == "SE" and len(digits) == 12 and digits.endswith("01"):
        digits = digits[:10]  # the Swedish VAT number's "01"
    for code in (country,) if country else ("NO", "SE"):
        length, weights = _NORDIC_NUMBERS[code]
        if len(digits) != length or (prefix and prefix != code) or len(set(digits)) == 1:
            continue
        if suffix and code != "NO":
            continue
        if code == "SE" and not country and not prefix and not _SWEDISH_WRITTEN.match(body.strip()):
            continue
        if (code == "SE" and _luhn_valid(digits)) or (code != "SE" and _weighted_mod11(digits, weights)):
            return code + digits
    return ""


# France's register SIRENE numbers each company with a SIREN (nine digits, the last a Luhn check digit) and each
# of its establishments (head office, branches, shops) with a SIRET: the SIREN and the establishment's NIC (five
# digits), Luhn-checked over all fourteen. La Poste's establishments (SIREN 356 000 000), too many for the check,
# have their SIRET's digits sum to a multiple of five instead.
_FRENCH_NUMBER_WRITING = re.compile(r"[\s.\-]")
_LA_POSTE = "356000000"


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _digits_written(value) -> str:
    text = _FRENCH_NUMBER_WRITING.sub("", identifier(value))
    return text if text.isascii() and text.isdigit() else ""


def siret(value) -> str:
    """A French establishment's SIRET as its fourteen digits ("123 456 789 00012" is 12345678900012), "" for
    a value of another shape or whose check digit fails (a slipped digit: the number names no establishment)."""
    digits = _digits_written(value)
    if len(digits) != 14 or len(set(digits)) == 1:
        return ""
    if digits.startswith(_LA_POSTE):
        return digits if sum(map(int, digits)) % 5 == 0 else ""
    return digits if _luhn_valid(digits) and _luhn_valid(digits[:9]) else ""


def siren(value) -> str:
    """A French company's SIREN as its nine digits, also read from a SIRET (its first nine); "" for a value of
    another shape or whose check digit fails."""
    digits = _digits_written(value)
    if len(digits) == 14:
        return siret(digits)[:9]
    if len(digits) != 9 or len(set(digits)) == 1:
        return ""
    return digits if _luhn_valid(digits) or digits == _LA_POSTE else ""


# ISO 17442's Legal Entity Identifier: twenty letters and digits, the last two check digits of ISO 7064 MOD 97-10
# over the whole (letters read as 10-35), as GLEIF's register and the regulators' trade reports write it. The
# check catches every slipped character and every swap of two neighbours: a code that fails it names no entity.
_LEI_WRITING = re.compile(r"[\s.\-]")
_LEI_SHAPE = re.compile(r"^[0-9A-Z]{18}[0-9]{2}$")


def lei(value) -> str:
    """A Legal Entity Identifier in capitals without spaces ("5493 00ab cdef 1234 5678" is 549300ABCDEF12345678),
    "" for a value of another shape or whose check digits fail."""
    text = _LEI_WRITING.sub("", identifier(value)).upper()
    if not _LEI_SHAPE.match(text) or int("".join(str(int(ch, 36)) for ch in text)) % 97 != 1:
        return ""
    return text


# Below this rapidfuzz token-set ratio (0-100) two company names share no word closely enough to be alike;
# the resolver runs it over all candidates at once in C++ (scoring.InboundScorer) and words only the rest.
COMPANY_PREFILTER = 50


def company_folded(text: str) -> str:
    """A normalised company name with its Latin letters folded as `company_name` folds them, and its Cyrillic
    words romanised (`romanised`): a Russian export's "Промсервис" is the "Promservis LLC" a rep typed in
    Latin letters, however the two are stored."""
    if text.isascii():
        return text
    return " ".join(
        _romanised_word(word) if _CYRILLIC_WORD.search(word) else latin_folded(word)
        for word in text.split(" ")
    )


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]")


def _romanised_word(word: str) -> str:
    return "".join(character for character in romanised(word).lower() if character.isalnum())


# A word written with an umlaut or a Nordic letter and the same word typed on a keyboard without it: "Rødberg" as
# "Roedberg" (or "Rodberg", which folding makes it), "Ålesund" as "Aalesund", "Sæter" as "Saeter" or "Sater".
SPELLED_ALIKE = 0.95


def _words_alike(word: str, other: str) -> float:
    """`word_typo_similarity`, or a typo's when the two words are one word spelled with and without its letter
    (`normalise_names.spelling_folded`: oe, aa, ae and ue as the letter's base vowel)."""
    similarity = word_typo_similarity(word, other)
    if similarity < SPELLED_ALIKE and spelling_folded(word) == spelling_folded(other):
        return SPELLED_ALIKE
    return similarity


@lru_cache(maxsize=1 << 16)
def company_similarity(left: str, right: str) -> float:
    """Normalised company names compared word by word: each word of the longer name scores its closest word
    in the other (a typo 0.95, another word nothing), averaged over the longer name. So an extra
    distinctive word makes two names clearly different ("acme" / "acme europe" 0.5, a subsidiary;
    "northwind traders" / "northwind logistics" 0.5, another firm) while word order does not matter and
    typos cost little. Both are folded first (`company_folded`): a profile stored before company names
    were folded still writes "ørsted"."""
    left, right = company_folded(left), company_folded(right)
    if left == right:
        return 1.0
    if not left or not right:
        return 0.0
    if left.replace(" ", "") == right.replace(" ", ""):
        return EQUIVALENT_SIMILARITY
    if fuzz.token_set_ratio(left, right) < COMPANY_PREFILTER:  # no word in common, nearly: different
        return 0.0
    shorter, longer = sorted((left.split(), right.split()), key=len)
    total = sum(max(_words_alike(word, other) for other in shorter) for word in longer)
    return total / len(longer)
