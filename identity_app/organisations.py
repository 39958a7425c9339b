"""Organisation-only rules: an organisation's legal form, and when it tells tied records apart.

Names are compared without their legal form ("Acme, Inc." and "ACME Incorporated" are one name), because
people write it loosely or leave it out. Between CRM records that tie on everything else (a parent and its
subsidiary: one name, one domain, one city), the legal form is what names the legal entity: "Acme Pty Ltd"
is the Australian company, not "Acme, Inc.". It decides only there, and only when the inbound record names
a legal form that exactly one of the tied records carries while every other one carries another.
"""

import functools
import itertools
import re

import tldextract

from identity_app import legal_forms, normalise_companies, normalise_emails, normalise_places, normalise_text

# One spelling per legal form where English has two (and the German "und"/"u." of "GmbH & Co. KG").
SPELLINGS = {
    "incorporated": "inc",
    "limited": "ltd",
    "corporation": "corp",
    "company": "co",
    "und": "and",
    "u": "and",
    # long forms written out in the country's language, as their short form
    "proprietary": "pty",
    "aktiebolag": "ab",
    "osakeyhtio": "oy",
    "aktiengesellschaft": "ag",
    "kommanditgesellschaft": "kg",
}


def legal_form(name) -> str:
    """The legal form at the end of an organisation's name, one spelling per form ("pty ltd" for "Pty.
    Limited", "inc" for ", Inc." and "Incorporated", "ltd sti" for "Ltd. Şti."); "" when the name ends
    without one. "Group" and "Holdings" are part of a name, not a form."""
    return _legal_form(str(name or ""))


@functools.lru_cache(maxsize=1 << 15)
def _legal_form(text: str) -> str:
    """`legal_form` of a name's text, remembered: a tie is broken by the forms of the same few names again
    and again (every record whose candidates tie reads them all)."""
    words = normalise_text.plain(text.replace("&", " and ").replace(".", "")).split()
    _, form = legal_forms.split(words, name_parts=legal_forms.NOT_A_FORM)
    written = " ".join(SPELLINGS.get(word, word) for word in form)
    return FORM_SPELLINGS.get(written, written)


# One spelling per legal form written as several words in more than one way (Polish "Sp. z o. o." and
# "Sp. z o.o.", and the forms written out).
FORM_SPELLINGS = {
    "sp z o o": "sp z oo",
    "spz oo": "sp z oo",
    # Austria's "Gesellschaft m.b.H." and "Ges.m.b.H."
    "gesellschaft mbh": "gmbh",
    "gesellschaft m b h": "gmbh",
    "ges m b h": "gmbh",
    "spolka z ograniczona odpowiedzialnoscia": "sp z oo",
    "spolka akcyjna": "sa",
    # Luxembourg's "S.à r.l." and the French "SARL"; Ireland's forms written out
    "sa rl": "sarl",
    "s a r l": "sarl",
    "designated activity co": "dac",
    "co ltd by guarantee": "clg",
    "a e": "ae",
}


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


# Sites where anyone opens a page under the platform's own domain (social networks, link pages, site
# builders that give a path or a subdomain): the domain names the platform, not the organisation. Platforms
# whose tenants get a subdomain listed in the public suffix list's private section (wixsite.com,
# myshopify.com, github.io, ...) are found from the list itself.
PLATFORM_DOMAINS = frozenset(
    {
        "facebook.com",
        "fb.com",
        "fb.me",
        "instagram.com",
        "linkedin.com",
        "twitter.com",
        "x.com",
        "tiktok.com",
        "youtube.com",
        "youtu.be",
        "pinterest.com",
        "threads.net",
        "t.me",
        "wa.me",
        "vk.com",
        "ok.ru",
        "weibo.com",
        "xing.com",
        "linktr.ee",
        "beacons.ai",
        "bio.link",
        "about.me",
        "google.com",
        "goo.gl",
        "business.site",
        "wordpress.com",
        "weebly.com",
        "squarespace.com",
        "wix.com",
        "godaddysites.com",
        "jimdo.com",
        "jimdosite.com",
        "strikingly.com",
        "webnode.com",
        "site123.me",
        "tumblr.com",
        "medium.com",
        "substack.com",
        "etsy.com",
        "yelp.com",
        "tripadvisor.com",
        "bit.ly",
        "tinyurl.com",
        "houzz.com",
        "notonthehighstreet.com",
    }
)
# Marketplaces whose sellers' storefronts are pages under the marketplace's national sites ("amazon.co.uk/
# stores/Acme/page/...", "ebay.de/str/acme", "stores.ebay.com/acme", "etsy.com/uk/shop/Acme"): any of their
# registrable domains is the platform's.
MARKETPLACE_NAMES = frozenset(
    {"amazon", "ebay", "etsy", "walmart", "rakuten", "mercadolibre", "aliexpress", "bol"}
)
# Platforms that give each tenant a subdomain of their own (acme.bigcartel.com, acme.wordpress.com) but are
# missing from the public suffix list's private section: the subdomain is the tenant's page.
TENANT_SUBDOMAIN_PLATFORMS = frozenset(
    {
        "bigcartel.com",
        "company.site",
        "ecwid.com",
        "teachable.com",
        "thinkific.com",
        "kajabi.com",
        "podia.com",
        "gumroad.com",
        "odoo.com",
        "zohosites.com",
        "strikingly.com",
        "mystrikingly.com",
        "weebly.com",
        "weeblysite.com",
        "wordpress.com",
        "wpcomstaging.com",
        "business.site",
        "squarespace.com",
        "tumblr.com",
        "substack.com",
        "medium.com",
        "beehiiv.com",
        "ghost.io",
        "jimdo.com",
        "jimdosite.com",
        "webnode.com",
        "godaddysites.com",
        "myportfolio.com",
        "storenvy.com",
        "ueniweb.com",
        "hubspotpagebuilder.com",
        "mailchimpsites.com",
        "site123.me",
        "tilda.ws",
        "ucraft.site",
    }
)
_PRIVATE_SUFFIXES = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True, include_psl_private_domains=True
)


# Path words before a page's own name ("linkedin.com/company/acme", "sites.google.com/view/acme").
_PAGE_PATH_WORDS = frozenset(
    {"view", "site", "sites", "company", "companies", "pages", "page", "biz", "shop", "in", "p", "pg", "c"}
    | {"stores", "store", "str", "shops", "seller", "sellers", "sp", "maps", "place", "professionals"}
)
# A locale before a page's path ("etsy.com/uk/shop/acme", "/en-gb/"): the site's language, not the page.
_LOCALE_PATH_WORD = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$")


@normalise_text.cached_for_text
def own_domain(website) -> str:
    """The organisation's web identity: the registrable domain of its own website ("https://www.acme.co.uk/
    about" and "shop.acme.co.uk" give acme.co.uk), or, for a page on a platform (a Facebook or Instagram
    page, a wixsite.com or sites.google.com site, a link page), the page as "platform/name"
    ("instagram.com/acme", "wixsite.com/acme"), which `is_page` tells apart: the platform's domain is
    shared by all its pages, so it is no evidence; the page is some, but never a key. "" for a free-mail
    domain or a platform without a page."""
    domain = normalise_emails.url_domain(website)
    if not domain:
        return ""
    parts = _PRIVATE_SUFFIXES(normalise_emails.url_host(website))
    if parts.is_private:
        return f"{parts.suffix}/{parts.domain}" if parts.domain else ""
    if domain in TENANT_SUBDOMAIN_PLATFORMS:
        tenant = _tenant(parts.subdomain)
        return f"{domain}/{tenant}" if tenant else _page(domain, str(website))
    if domain in PLATFORM_DOMAINS or parts.domain in MARKETPLACE_NAMES:
        return _page(domain, str(website))
    return "" if domain in normalise_emails.FREE_MAIL_DOMAINS else domain


def _tenant(subdomain: str) -> str:
    """The tenant's label of a platform host's subdomain ("shop.acme" of shop.acme.bigcartel.com is acme's),
    "" for none or the platform's own www."""
    label = subdomain.rpartition(".")[2]
    return "" if label in ("", "www") else label


def _page(platform: str, website: str) -> str:
    path = re.sub(r"^[a-z][a-z0-9+.-]*://", "", website.strip().lower()).partition("/")[2]
    words = [word for word in re.split(r"[/?#]", path) if word]
    while len(words) > 1 and _LOCALE_PATH_WORD.match(words[0]):
        words.pop(0)
    name = next((word.lstrip("@") for word in words if word not in _PAGE_PATH_WORDS), "")
    return f"{platform}/{name}" if name else ""


def is_page(domain: str) -> bool:
    """Whether an organisation's web identity (`own_domain`) is a page on a platform rather than a domain."""
    return "/" in domain


def is_domain_key(domain: str) -> bool:
    """Whether an organisation's web identity can be a key: an own domain, not a page on a platform (a
    page is claimed by whoever types it, a domain is registered)."""
    return bool(domain) and not is_page(domain)


def exact_name_choice(inbound_name: str, tied: list[tuple[str, str]]) -> str:
    """The crm id of the one tied record whose name (legal form left out, `normalise_companies.company_name`) is the
    inbound record's, when every other tied record has a name and it is another ("Acme" beside "Acme
    Healthcare": related companies, not one company twice); "" when the name does not decide (two records
    of the very name are duplicates, or a record without a name could be either)."""
    if not inbound_name or not all(name for _, name in tied):
        return ""
    carrying = [crm_id for crm_id, name in tied if name == inbound_name]
    return carrying[0] if len(carrying) == 1 else ""


def in_latin_letters(name: str) -> bool:
    """Whether a normalised name is written in Latin letters (digits and spaces aside). Latin letters that
    carry no accent to strip (the đ of "Đỗ Coffee", ø, ł, æ, the dotless i; still in a profile stored before
    `normalise_text.latin_folded`) are Latin all the same: "đo coffee" is compared with "lumen works"."""
    return all(normalise_text.is_latin_letter(char) for char in name if char.isalpha())


def names_clearly_differ(inbound: dict, holder: dict, below: float) -> bool:
    """Whether two organisations' names clearly differ. A name in another script than the other's
    (株式会社山田製作所 / Yamada Seisakusho) cannot be compared letter by letter, and a romanised or
    translated name is as common as the native one: it is not held against a key on its own (see
    `other_script_abroad`). Latin letters without an accent to strip are compared as a writer without
    them types them ("Bjørn Ærø" is "Bjorn Aero", "Đỗ Coffee" "Do Coffee")."""
    left, right = inbound.get("company_name"), holder.get("company_name")
    if not left or not right or in_latin_letters(left) != in_latin_letters(right):
        return False
    left, right = (
        normalise_text.latin_folded(left),
        normalise_text.latin_folded(right),
    )  # as stored before folding
    if is_acronym_of(left, right) or is_acronym_of(right, left):
        return False  # "FVQ SE" for Fenpraquo Velwentam Quosolrin SE: the name as its initials
    if normalise_companies.company_similarity(left, right) >= below and not word_substituted(left, right):
        return False
    # Either name may carry its own record's city after it; the CRM's only where the record is in that city
    # too ("Linqui Coffee Brisbane", a chain's location there, beside "Linqui Coffee" in Brisbane: the one in
    # Sydney is another location).
    city, held_city = (
        normalise_text.latin_folded(profile.get("city") or "") for profile in (inbound, holder)
    )
    offices = (
        (without_own_city(left, city), right),
        (left, without_own_city(right, held_city) if city == held_city else right),
    )
    return not any(
        pair != (left, right) and normalise_companies.company_similarity(*pair) >= below for pair in offices
    )


def word_substituted(left, right) -> bool:
    """Whether each of two normalised names has a word of its own (four letters or more) that is nothing like
    any word of the other ("state of ohio department of revenue" / "ohio state department of agriculture",
    "kelvar logistics services" / "kelvar engineering services"): one word put in place of another names
    another body, however many words the two share. A word left out or added ("acme logistics" / "acme"),
    misspelt ("logistik"), or split or joined ("drift wood" / "driftwood") is not a substitution. Nor is it for
    a firm named after its partners ("taylor and hill" / "hill and hill"): a partner of one missing from the
    other names another firm (`_other_partners`), whatever the length of the name."""
    if not isinstance(left, str) or not isinstance(right, str) or not left or not right or left == right:
        return False
    return _word_substituted(left, right)


@functools.lru_cache(maxsize=1 << 15)
def _word_substituted(left: str, right: str) -> bool:
    left_words, right_words = set(left.split()), set(right.split())

    def own_word(words: set, others: set) -> bool:
        joined = "".join(others)
        return any(
            len(word) >= 4
            and word not in CONNECTORS
            and word not in joined  # a word split in two ("drift wood" / "driftwood")
            and not any(len(other) >= 4 and other in word for other in others)
            and all(normalise_companies.company_similarity(word, other) == 0 for other in others)
            for word in words - others
        )

    return (own_word(left_words, right_words) and own_word(right_words, left_words)) or _other_partners(
        left, right
    )


def _partners(name: str) -> tuple[str, str]:
    """The two words either side of a name's first "and" ("taylor and hill solicitors" -> taylor, hill), ()
    for a name without one between two words."""
    words = name.split()
    at = words.index("and") if "and" in words else 0
    return (words[at - 1], words[at + 1]) if 0 < at < len(words) - 1 else ()


def _other_partners(left: str, right: str) -> bool:
    """Whether two names of firms named after two partners ("Taylor & Hill", "Hill & Hill") each join two
    words and one of them has a partner nothing like either of the other's: another firm, though a word-set
    similarity finds one name inside the other. A partner misspelt ("Tayler") is still that partner."""
    ours, theirs = _partners(left), _partners(right)
    if not ours or not theirs:
        return False

    def unmatched(words, others) -> bool:
        return any(
            all(normalise_companies.company_similarity(word, other) < 0.8 for other in others)
            for word in words
        )

    return unmatched(ours, theirs) or unmatched(theirs, ours)


CONNECTORS = frozenset(
    {"of", "and", "the", "for", "in", "de", "du", "des", "di", "da", "del", "von", "van", "zu"}
)
OFFICE_WORDS = frozenset({"office", "branch", "site", "hq", "headquarters", "plant", "store"})
# Words before a place that make it an office's label in other languages ("Sucursal León", "Agence de Nantes",
# "Niederlassung Köln", "Filiale Köln", "Vestiging Utrecht", "Filial de Oporto"; Norwegian and Danish "avd. Bodø",
# "afd. Aarhus": avdeling, afdeling).
OFFICE_WORDS_BEFORE = frozenset(
    {"sucursal", "oficina", "agence", "succursale", "niederlassung", "filiale", "filial", "vestiging", "sede"}
    | {"avd", "avdeling", "afd", "afdeling"}
)


def without_own_city(name: str, city: str) -> str:
    """A normalised name without the city its record is in written after it ("Normarzor Networks (Aalborg)",
    "Pranorbri - Glasgow", "Cordaxmar GmbH, Köln office"): the company's office there, not another company.
    The name unchanged when it does not end with that city or is nothing but it."""
    words, city_words = name.split(), city.split()
    while len(words) > 1 and words[-1] in OFFICE_WORDS:
        words.pop()
    if not city_words or len(words) <= len(city_words) or words[-len(city_words) :] != city_words:
        return name
    if words[-len(city_words) - 1] in CONNECTORS:
        return name  # "Bank of New York": the city is part of the name
    return normalise_companies.company_name(" ".join(words[: -len(city_words)])) or name


# "Acme (Nantes)", "Acme - Austin", "Acme GmbH, Köln office", "Acme | Leeds branch": a name, then a place set
# off by brackets, a dash, a bar, a slash or a comma.
_SET_OFF_PLACE = re.compile(
    r"^(?P<name>.*?\S)\s*(?:\((?P<bracketed>[^()]*)\)|(?:\s[-\u2013\u2014|/]|,)\s*(?P<after>[^,()]+?))\s*$"
)


def office_name(written, city: str) -> str:
    """The organisation's name without the record's own city set off after it as an office label ("Zenlumkel
    (Nantes)", "Fenarator - Austin", "Tortorrin Foods S.A., León office" in Nantes, Austin, León): that
    office of the company, whose name is what comes before. "" when the name carries no such label: a city
    written into the name itself ("Acme Berlin GmbH") is part of a registered name and stays. A label naming
    only the head office ("Acme (HQ)", "Acme - Head Office") is the company's too. `city` is the record's city
    as a profile holds it (`normalise_places.city`)."""
    text = str(written or "")
    if not text or ("(" not in text and "," not in text and " " not in text):
        return ""
    found = _SET_OFF_PLACE.match(text)
    if not found:
        return _office_label_unset(text, city)
    place = normalise_text.plain(
        found["bracketed"] if found["bracketed"] is not None else found["after"]
    ).split()
    office = bool(place) and (place[-1] in OFFICE_WORDS or place[0] in OFFICE_WORDS_BEFORE)
    while place and place[-1] in OFFICE_WORDS:
        place.pop()
    if place and place[0] in OFFICE_WORDS_BEFORE:
        place = place[2:] if len(place) > 2 and place[1] in CONNECTORS else place[1:]
    if office and place in ([], ["head"], ["main"]):
        return found["name"]  # "Acme (HQ)", "Acme - Head Office": the company's main office
    return found["name"] if city and _names_own_city(place, city) else ""


def _names_own_city(place: list[str], city: str) -> bool:
    """Whether a label's place words name the record's own city: the city, or its first words ("Frankfurt" of
    Frankfurt am Main, as people shorten it)."""
    written = normalise_places.city(" ".join(place))
    return bool(written) and (written == city or (len(written) >= 4 and city.startswith(written + " ")))


def _office_label_unset(text: str, city: str) -> str:
    """The name before an office label written without brackets or a dash ("Velmora Bank Amsterdam Branch",
    "Velmora Bank AG London Branch" in Amsterdam, London: GLEIF names international branches so; "Nordvik Bygg avd.
    Bodø", "NORDVIK BYGG AS AVD BODØ" in Bodø: Norway's register names sub-units so), "" when the
    name does not end with the record's own city and an office word. A city in a name without an office word
    after it ("Acme Berlin GmbH") is part of the name."""
    words = text.split()
    popped = False
    while len(words) > 1 and normalise_text.plain(words[-1]) in OFFICE_WORDS:
        words.pop()
        popped = True
    if not popped and city:  # "Nordvik Bygg avd. Bodø": the office word before the place
        for size in (1, 2, 3):
            if len(words) > size + 1 and normalise_text.plain(words[-size - 1]) in OFFICE_WORDS_BEFORE:
                return " ".join(words[: -size - 1]) if _names_own_city(words[-size:], city) else ""
    if not popped or not city:
        return ""
    for size in (1, 2, 3):
        if len(words) > size and _names_own_city(words[-size:], city):
            if normalise_text.plain(words[-size - 1]) in CONNECTORS:
                return ""  # "Bank of London Branch": the city is part of the name
            return " ".join(words[:-size])
    return ""


def another_office(inbound: dict, holder: dict, holder_written: str) -> bool:
    """Whether the CRM record is one office of an organisation, labelled with its city ("Acme Bank - Derby
    Branch", "Acme (Leeds)" in Derby, Leeds), and the inbound record is in another city: a CRM that keeps an
    organisation's offices as accounts of their own makes another city's office another account, whatever
    domain, switchboard or booking line the offices share. A label naming only the head office does not
    count (its other offices may be written anywhere)."""
    city, other = holder.get("city") or "", inbound.get("city") or ""
    if not city or not other or city == other:
        return False
    return bool(office_name(holder_written, city)) and not office_name(holder_written, "")


def is_acronym_of(short: str, long: str) -> bool:
    """Whether a normalised one-word name is the initials of another's words (three words or more, "and" and
    "of" counted or not: "ibm" for International Business Machines, "pwc" for Price Waterhouse Coopers). The
    initials may end with the G or H of the "Group" or "Holdings" a normalised name leaves out ("bcg" for
    Boston Consulting Group, normalised "boston consulting")."""
    if " " in short or len(short) < 3:
        return False
    words = long.split()
    if len(words) < 3 and not (len(words) == 2 and len(short) == 3 and short[-1] in _GROUP_INITIALS):
        return False
    initials = "".join(word[0] for word in words)
    significant = "".join(word[0] for word in words if word not in ("and", "of", "the", "for"))
    if short in (initials, significant):
        return True
    return short[-1] in _GROUP_INITIALS and short[:-1] in (initials, significant)


_GROUP_INITIALS = frozenset(
    "gh"
)  # "Group", "Holdings": name words `normalise_companies.company_name` drops at the end


def other_script_abroad(inbound: dict, holder: dict, below: float) -> bool:
    """Names in two scripts that do not agree once transliterated, in two countries: nothing then says the
    key (a domain, a phone) is this organisation's."""
    left, right = inbound.get("company_name"), holder.get("company_name")
    if not left or not right or in_latin_letters(left) == in_latin_letters(right):
        return False
    romanised = [normalise_companies.company_name(normalise_text.romanised(name)) for name in (left, right)]
    if normalise_companies.company_similarity(*romanised) >= below:
        return False
    countries = {inbound.get("country") or "", holder.get("country") or ""}
    return "" not in countries and len(countries) == 2


def in_two_countries(inbound: dict, holder: dict) -> bool:
    """Both records name their country, and two countries. A brand's LinkedIn company page is one for the
    group: its companies abroad give it as their own."""
    countries = {inbound.get("country") or "", holder.get("country") or ""}
    return "" not in countries and len(countries) == 2


def group_domain_abroad(inbound: dict, holder: dict, domain: str) -> bool:
    """Both records name their country, two countries, and the shared domain is not the holder's national
    one: a group's generic domain (acme-group.com) that its companies in several countries all give. A
    domain under the holder's own country code (severny-veter.ru for a Russian company) is that company's,
    and a file naming another country for it is more likely wrong about the country."""
    if not in_two_countries(inbound, holder):
        return False
    code = domain.rpartition(".")[2].upper()
    return (COUNTRY_CODE_DOMAINS.get(code, code)) != holder.get("country")


COUNTRY_CODE_DOMAINS = {"UK": "GB"}  # the top-level domains that are not the country's ISO code


def registered_abroad(inbound: dict, holder: dict, names: tuple[str, str]) -> bool:
    """Both records name their country, two countries, and each name carries a legal form, two forms
    ("Quujair Solar B.V." in the Netherlands, "Quujair Solar, LLC" in the US): two legal entities of a
    group, whatever key they share (a data vendor copies the group's switchboard and domain onto its
    companies abroad). `names` are the two names as written (inbound, holder)."""
    countries = {inbound.get("country") or "", holder.get("country") or ""}
    if "" in countries or len(countries) != 2:
        return False
    forms = {legal_form(name) for name in names}
    return "" not in forms and len(forms) == 2


def sole_trader_beside_company(inbound: dict, holder: dict, names: tuple[str, str]) -> tuple[str, str]:
    """(the sole trader's written name, the company's) when one record is an Italian sole trader (its owner
    named after its sign, "Idraulica Rossi di Rossi Mario", or spelled by its personal codice fiscale) naming
    no legal form, and the other names one ("Idraulica Rossi S.r.l."): a ditta individuale is its owner, and
    never turns into a company; the owner's new company is another legal entity with a partita IVA of its
    own. () otherwise. `names` are the two names as written (inbound, holder)."""
    for (profile, written), (_, other) in itertools.permutations(zip((inbound, holder), names, strict=True)):
        owner = normalise_companies.sole_trader_owner(written) or (profile.get("extra") or {}).get("owner")
        if owner and not legal_form(written) and legal_form(other):
            return written, other
    return ()


def _owner_named(owner: str, name: str, surname_enough: bool) -> bool:
    """Whether an organisation's name names a sole trader's owner ("rossi mario", surname first): all the owner's
    words among its words ("Rossi Mario Impianti"), whatever their order, or with `surname_enough` (a key no
    other firm holds decides) the surname's ("Idraulica Rossi"). A given name one letter off is a relative's
    (Mario, Marco), no typo of it."""
    words, owned = set(name.split()), owner.split()
    return set(owned) <= words or (surname_enough and set(owned[:-1]) <= words)


def other_name_agrees(
    inbound: dict, holder: dict, names: tuple[str, str], below: float, *, surname_enough: bool = False
) -> str:
    """The other name one record gives for itself ("Acme Inc. (formerly Widgets Inc.)", "Acme Ltd t/a
    Widgets": the name it had, or trades under; an Italian sole trader's owner, "Idraulica Rossi di Rossi
    Mario" or the person its codice fiscale spells (`_owner_named`); or in a column of its own,
    `attributes.OTHER_NAMES`: "Also Known As", "Legal Name") when it is the other record's name (not clearly different from it): one company,
    renamed or trading under a second name. "" when neither does. `names` are the two names as written
    (inbound, holder)."""
    left, right = inbound.get("company_name") or "", holder.get("company_name") or ""
    for profile, name, (trader, registered) in ((inbound, right, names), (holder, left, names[::-1])):
        if not name:
            continue
        written = normalise_companies.company_other_name(trader)
        agrees = written and normalise_companies.company_similarity(written, name) >= below
        if agrees and not _trades_as_registered_name(trader, registered):
            return written
        for owner in {
            normalise_companies.sole_trader_owner(trader),
            (profile.get("extra") or {}).get("owner"),
        }:
            if owner and _owner_named(owner, name, surname_enough):
                return owner
        for other in (profile.get("extra") or {}).get("other_names") or ():
            if normalise_companies.company_similarity(other, name) >= below:
                return other
    return ""


_BRACKETED = re.compile(r"^(?P<name>[^()]*\S)\s*\((?P<entity>[^()]+)\)\s*$")


def bracketed_other_entity(written: str, holder_written: str, below: float) -> str:
    """The legal entity an organisation's written name gives in brackets after the name it trades under
    ("Zenlum Dental (Kormar Ventures LLC)": a franchisee's or licensee's company), when the bracket names a
    legal form, another name than the other record's, and that record names a legal form of its own ("Zenlum
    Dental Inc."): two legal entities under one brand. "" otherwise (a city, a former name, "(HQ)", or the
    record's own legal name in brackets: "Acme (Acme Holdings Ltd)")."""
    found = _BRACKETED.match(str(written or ""))
    if not found or not legal_form(found["entity"]) or not legal_form(holder_written):
        return ""
    entity, holder = (
        normalise_companies.company_name(found["entity"]),
        normalise_companies.company_name(holder_written),
    )
    if not entity or normalise_companies.company_similarity(entity, holder) >= below:
        return ""
    if (
        normalise_companies.company_similarity(normalise_companies.company_name(found["name"]), holder)
        < below
    ):
        return ""  # the name it trades under is not the other record's either: names differ anyway
    return found["entity"].strip()


def _trades_as_registered_name(trader: str, registered: str) -> bool:
    """Whether a company registered under one name with its legal form ("Kormar Ventures LLC d/b/a Zenlum
    Dental") trades under the name of another record that names its own legal form ("Zenlum Dental Inc."):
    two legal entities (a franchisee trading under its franchisor's brand, a licensee under its licensor's),
    not one company renamed. A former name ("formerly ...", "f/k/a ...") is the same entity's and still
    agrees, and so does a trading name beside a record that names no legal form ("Widgets")."""
    return (
        normalise_companies.company_name_marker(trader) == "trading"
        and bool(legal_form(normalise_companies.company_registered_part(trader)))
        and bool(legal_form(registered))
    )


def brand_used_elsewhere(names: tuple[str, str], inbound: dict, holder: dict) -> bool:
    """Whether one record is a company registered under a name of its own ("Kormar Ventures LLC d/b/a Zenlum
    Dental") trading under the other record's name in another town, on another line: a franchisee's or
    licensee's location under the brand, which the brand's domain does not make the brand's own record. The
    same company trading under its brand at the brand's premises or on its line still agrees. `names` are the
    two names as written (inbound, holder)."""
    if not any(
        normalise_companies.company_name_marker(name) == "trading"
        and legal_form(normalise_companies.company_registered_part(name))
        for name in names
    ):
        return False
    cities = [normalise_text.latin_folded(profile.get("city") or "") for profile in (inbound, holder)]
    if not all(cities) or cities[0] == cities[1]:
        return False
    numbers = [
        set(profile.get("phones") or [profile.get("phone")]) - {"", None} for profile in (inbound, holder)
    ]
    return all(numbers) and not numbers[0] & numbers[1]


# Words that name a body of its own beside a company, at its address and on its domain ("Acme Foundation",
# "Acme Pension Trust", "Acme Ventures"): never a trading name of the company.
SEPARATE_BODIES = frozenset(
    {
        "foundation",
        "trust",
        "charity",
        "charitable",
        "fund",
        "funds",
        "pension",
        "pensions",
        "institute",
        "association",
        "society",
        "union",
        "club",
        "ventures",
        "nominees",
        "trustees",
        # a public body's or a university's units: "City of Halden Water Department", "Eastbrook School of
        # Medicine" are a part of the body with a record of its own, not a name the body trades under
        "department",
        "school",
        "faculty",
        "college",
        "ministry",
        # a hospital, a press, a library or a museum is run as a body of its own, even on its owner's domain
        "hospital",
        "hospitals",
        "press",
        "library",
        "museum",
    }
)
# A university trades under no second name: its name with words added is one of its units or affiliates
# ("Eastbrook University Medical Center", "Eastbrook University Athletics"), each with a record of its own.
UNIVERSITY_WORDS = frozenset(
    {"university", "universitat", "universite", "universidad", "universita", "universiteit", "universitet"}
)
# Words that make a name a group's ("Acme Group Ltd", "Acme Holdings AG", "Gruppo Acme"): the parent of
# companies that carry its name with a word of their own ("Acme Marine"), at its address, on its domain and
# often on its switchboard. Such a name is the group's companies' shared part, not a name one of them trades
# under; nor does the parent trade under a company's name.
GROUP_WORDS = frozenset(
    {"group", "grp", "holding", "holdings", "hldg", "hldgs", "gruppe", "groupe", "grupo", "gruppo", "groep"}
)


def trading_name_at_premises(inbound: dict, holder: dict, names: tuple[str, str]) -> bool:
    """Whether a name that clearly differs from the name of the record holding the inbound record's domain or
    phone is that company's trading name rather than another company's ("Ostnix Dynamics" for "Ostnix
    Holdings Ltd"). A subsidiary is a legal entity on the group's domain; a trading name is the company
    itself. Told apart only by what a second legal entity would have of its own, so all of:
    - one name is the other with words added after it ("ostnix" / "ostnix dynamics": not two names that
      merely share a word, as two sister companies do), none of which names a body of its own
      (`SEPARATE_BODIES`: "Acme Foundation", "Acme Ventures");
    - the longer name, the trading name, names no legal form ("Ostnix Dynamics Ltd" is registered: a
      company of its own). `names` are the two names as written (inbound, holder);
    - the shorter name is not a group's (`GROUP_WORDS`: "Ostnix Holdings Ltd", "Ostnix Group": a parent
      whose companies carry its name with a word of their own), and the longer one does not set its added
      words off as a unit's label (`unit_of`: "City of Halden - Water Utility");
    - both records are at one address (`same_premises`);
    - both give the company's switchboard, one number they share: a subsidiary or sister company at the
      group's address, on the group's domain, written without its legal form, differs from a trading name
      only by a line of its own, so a record that gives no phone cannot show it is the company itself
      (and a company at its own switchboard is another company, whatever its address);
    - neither names a domain of its own: where both give one, they share it."""
    left, right = inbound.get("company_name") or "", holder.get("company_name") or ""
    if not left or not right or not in_latin_letters(left) or not in_latin_letters(right):
        return False
    left, right = normalise_text.latin_folded(left).split(), normalise_text.latin_folded(right).split()
    (shorter, shorter_written), (longer, longer_written) = sorted(
        zip((left, right), names, strict=True), key=lambda n: len(n[0])
    )
    if len(shorter) == len(longer) or longer[: len(shorter)] != shorter or len(shorter[0]) < 3:
        return False
    if SEPARATE_BODIES.intersection(longer[len(shorter) :]) or UNIVERSITY_WORDS.intersection(shorter):
        return False
    if legal_form(longer_written):
        return False
    if GROUP_WORDS.intersection(normalise_text.plain(shorter_written).split()):
        return False
    if unit_of(longer_written, shorter, holder if longer is right else inbound):
        return False
    if not same_premises(inbound, holder):
        return False
    phones = set(inbound.get("phones") or [inbound.get("phone")]) - {"", None}
    held_phones = set(holder.get("phones") or [holder.get("phone")]) - {"", None}
    if not phones & held_phones:
        return False
    domain, held_domain = inbound.get("email_domain") or "", holder.get("email_domain") or ""
    return not (domain and held_domain and domain != held_domain)


def unit_of(written: str, words: list[str], profile: dict) -> bool:
    """Whether a written name is another name's (`words`, normalised) with a label set off after it ("City of
    Halden - Water Utility", "Eastbrook University | Library", "Acme (Marine)"): a unit or a division of that
    organisation with a record of its own. A label naming the record's own city or only the head office
    ("Acme - Leeds" in Leeds, "Acme (HQ)") is the organisation's office there (`office_name`), not a unit."""
    found = _SET_OFF_PLACE.match(str(written or ""))
    if not found:
        return False
    name = normalise_text.latin_folded(normalise_companies.company_name(found["name"]) or "").split()
    if name != words or normalise_companies.company_name(written) == normalise_companies.company_name(
        found["name"]
    ):
        return False  # not that name, or a legal form set off after it ("Acme Bakery, Inc."): no label
    return not office_name(written, normalise_places.city(profile.get("city") or ""))


def other_premises(left, right) -> bool:
    """Whether two normalised street addresses give one street with other house numbers ("hauptstrasse 12" /
    "hauptstrasse 150", "12 oak avenue" / "150 oak avenue"), which a letter-by-letter similarity rates alike:
    each names a number and they have none in common (a suite beside the house number shares it)."""
    if not isinstance(left, str) or not isinstance(right, str):
        return False
    ours, theirs = set(_HOUSE_NUMBER.findall(left)), set(_HOUSE_NUMBER.findall(right))
    return bool(ours) and bool(theirs) and not ours & theirs


_HOUSE_NUMBER = re.compile(r"\d+")

PREMISES = ("street", "city", "postcode")


def same_premises(inbound: dict, holder: dict) -> bool:
    """Whether two organisation records give one address: at least two of street, city and postcode given on
    both and the same, none given on both and different, and no other country."""
    countries = {inbound.get("country") or "", holder.get("country") or ""}
    if "" not in countries and len(countries) == 2:
        return False
    agreeing = 0
    for attribute in PREMISES:
        ours, theirs = inbound.get(attribute) or "", holder.get(attribute) or ""
        if ours and theirs:
            if ours != theirs:
                return False
            agreeing += 1
    return agreeing >= 2


def vat_number(profile: dict) -> str:
    """The organisation's VAT number (`attributes.VAT_NUMBER`, kept in the profile's `extra`), or ""."""
    return (profile.get("extra") or {}).get("vat_number") or ""


def company_number(profile: dict) -> str:
    """The organisation's company registration number (`attributes.COMPANY_NUMBER`, in the profile's `extra`),
    or ""."""
    return (profile.get("extra") or {}).get("company_number") or ""


def other_company_numbers(inbound: dict, holder: dict) -> tuple[str, str]:
    """(the inbound record's, the holder's) company registration numbers when both records give one and they
    differ, or two French SIRENs (`siren`) that differ: a register numbers each company once and never gives
    its number to another, so the two are two companies (a dissolved one and a newer one that took its name;
    two of a group at one address). A number mistyped by one keystroke is another company's all the same: the
    register's numbers are dense. () otherwise."""
    ours, theirs = company_number(inbound), company_number(holder)
    if ours and theirs and ours != theirs:
        return ours, theirs
    ours, theirs = siren(inbound), siren(holder)
    if ours and theirs and ours != theirs:
        return ours, theirs
    return ()


def main_units_number_here(inbound: dict, holder: dict) -> bool:
    """Whether the holder carries, as its company number, the main unit's number a register's sub-unit names
    (`attributes.MAIN_UNIT`) at the sub-unit's very place (its postcode and street): the company's record of
    that shop or office, under the number its invoices go to. Its other number is then no other company's."""
    main_unit = (inbound.get("extra") or {}).get("main_unit") or ""
    if not main_unit or company_number(holder) != main_unit:
        return False
    streets = [profile.get("street") or "" for profile in (inbound, holder)]
    postcodes = [profile.get("postcode") or "" for profile in (inbound, holder)]
    return all(streets) and all(postcodes) and streets[0] == streets[1] and postcodes[0] == postcodes[1]


def sub_unit_elsewhere(inbound: dict, holder: dict) -> str:
    """The main unit's number a register's sub-unit names (`attributes.MAIN_UNIT`) when the other record is in
    another town at another postcode: the sub-unit is one place of business (a shop, a branch office), and a
    record of the company elsewhere is its head office or another of its places, not this one. "" otherwise
    (the holder at the sub-unit's place, or a record that is no sub-unit)."""
    main_unit = (inbound.get("extra") or {}).get("main_unit") or ""
    if not main_unit:
        return ""
    towns = [normalise_places.city(profile.get("city") or "") for profile in (inbound, holder)]
    postcodes = [profile.get("postcode") or "" for profile in (inbound, holder)]
    if not all(towns) or not all(postcodes) or towns[0] == towns[1] or postcodes[0] == postcodes[1]:
        return ""
    return main_unit


def lei(profile: dict) -> str:
    """The organisation's Legal Entity Identifier (`attributes.LEI`, in the profile's `extra`), or ""."""
    return (profile.get("extra") or {}).get("lei") or ""


def other_leis(inbound: dict, holder: dict) -> tuple[str, str]:
    """(the inbound record's, the holder's) LEIs when both records give one and they differ: GLEIF issues each
    legal entity one code (an international branch, each fund of an umbrella, each company of a group its own),
    and a code that passes its check digits is no slip of another's. () otherwise."""
    ours, theirs = lei(inbound), lei(holder)
    return (ours, theirs) if ours and theirs and ours != theirs else ()


def siren(profile: dict) -> str:
    """The French company's SIREN a profile gives (`attributes.SIREN`), else its SIRET's (a company number of
    fourteen digits), or "". Two SIRENs are two companies, whatever their names and addresses."""
    extra = profile.get("extra") or {}
    number = extra.get("siren") or ""
    if not number and len(found := extra.get("company_number") or "") == 14:
        number = found[:9]
    return number


def company_page(profile: dict) -> str:
    """The organisation's LinkedIn company page (`attributes.COMPANY_PAGE`, kept in the profile's `extra`), or
    ""."""
    return (profile.get("extra") or {}).get("company_page") or ""


def bought_by_holder(inbound: dict, holder: dict, below: float) -> str:
    """The buyer one record names (`attributes.ACQUIRED_BY`: Crunchbase's "Acquired by") when it is the other
    record's name: the bought company, which keeps a record of its own, is not its buyer's. "" otherwise."""
    for profile, other in ((inbound, holder), (holder, inbound)):
        buyer = (profile.get("extra") or {}).get("acquired_by") or ""
        name = other.get("company_name") or ""
        if buyer and name and normalise_companies.company_similarity(buyer, name) >= below:
            return buyer
    return ""


def other_vat_numbers(inbound: dict, holder: dict) -> tuple[str, str]:
    """(the inbound record's, the holder's) VAT numbers when both records give one of the same country and
    they are not one number, nor one keying slip apart (`normalise_text.identifier_slip`): a legal entity has one
    VAT number in a country, so the two are two companies (a group's sister companies at one address on one
    switchboard). Numbers of two countries say nothing: a company registered for VAT abroad holds a number
    there too, and neither does a number that fails its check digit (`normalise_companies.vat_check_digit_fails`):
    mistyped, it is nobody's. () otherwise."""
    ours, theirs = vat_number(inbound), vat_number(holder)
    if not ours or not theirs or ours == theirs or ours[:2] != theirs[:2]:
        return ()
    if normalise_text.identifier_slip(ours, theirs):
        return ()
    if normalise_companies.vat_check_digit_fails(ours) or normalise_companies.vat_check_digit_fails(theirs):
        return ()
    return ours, theirs


def renamed_at_premises(inbound: dict, holder: dict) -> bool:
    """Whether the holder of the record's VAT number, at the record's very address, has a name that shares no
    word with the record's: the company renamed (bought and renamed after its new owner), which keeps its VAT
    number and its premises. Companies of one VAT group at one address share the number too, but carry the
    group's name in theirs ("Velmora Retail", "Velmora Property"): a shared word keeps them apart."""
    ours, theirs = (set((p.get("company_name") or "").split()) for p in (inbound, holder))
    return bool(ours) and bool(theirs) and not ours & theirs and _one_address(inbound, holder)


def placed_alike(inbound: dict, holder: dict) -> bool:
    """Whether two records are placed alike: one postcode where both give one, else one town, and no two
    countries. A postcode or a town alone is many streets; it places a record only beside a key of its own
    (a company number: `resolver_keys`)."""
    countries = {inbound.get("country") or "", holder.get("country") or ""} - {""}
    if len(countries) > 1:
        return False
    postcodes = (inbound.get("postcode") or "", holder.get("postcode") or "")
    if all(postcodes):
        return postcodes[0] == postcodes[1]
    cities = (inbound.get("city") or "", holder.get("city") or "")
    return all(cities) and cities[0] == cities[1]


def _one_address(inbound: dict, holder: dict) -> bool:
    """Whether two records give one street address in one town: the street's words, the house number's place
    aside (an ERP keeps the number apart, "Station Road" + "32", a CRM writes "32 Station Road"), and the
    postcode, in no other country."""
    if (inbound.get("country") or "") != (holder.get("country") or ""):
        return False
    streets = [sorted((p.get("street") or "").split()) for p in (inbound, holder)]
    postcodes = [p.get("postcode") or "" for p in (inbound, holder)]
    return (
        bool(streets[0]) and streets[0] == streets[1] and bool(postcodes[0]) and postcodes[0] == postcodes[1]
    )


# An investment fund's words: the fund itself and its vehicles (a SICAV, an ICAV, a French or Luxembourg FCP, a UK
# OEIC, a UCITS, a specialised or reserved fund: SIF, RAIF). An umbrella's sub-funds are written "<umbrella> -
# <sub-fund>" ("Velmora Funds SICAV - Global Equity Fund"), as GLEIF's register and fund registers name them.
FUND_WORDS = frozenset(
    {"fund", "funds", "fonds", "sicav", "icav", "fcp", "ucits", "oeic", "sicaf", "sif", "raif"}
)
_SUB_FUND_DASH = re.compile(r"\s[-\u2013\u2014]\s")


def sub_fund_part(written) -> str:
    """The normalised name of the sub-fund a fund's name gives after its umbrella's and a dash ("global equity
    fund" of "Velmora Funds SICAV - Global Equity Fund"), "" for a name of no fund or without the dash."""
    text = str(written or "")
    parts = _SUB_FUND_DASH.split(text)
    if len(parts) < 2 or not FUND_WORDS & set(normalise_companies.company_name(text).split()):
        return ""
    return normalise_companies.company_name(parts[-1])


def other_sub_fund(written: str, held_written: str) -> str:
    """The word that makes two written names two funds, when either is a sub-fund written after its umbrella
    (`sub_fund_part`): a word of its sub-fund's own name that the other name lacks ("asian" of "... - Asian
    Equity Fund" beside "... Global Equity Fund"), or a word of the other name that it lacks ("government" of
    "... - Euro Government Bond" beside "... - Euro Bond Fund"). An umbrella's sub-funds share its name, its
    address and its administrator, and differ only there; a rep may leave out the umbrella's words ("Velmora
    Global Equity Fund"), never the sub-fund's. "" otherwise."""
    name, held_name = (
        normalise_companies.company_name(written),
        normalise_companies.company_name(held_written),
    )
    for own, own_name, other_name in ((written, name, held_name), (held_written, held_name, name)):
        part = sub_fund_part(own)
        if not part:
            continue
        others, owns = set(other_name.split()) - FUND_WORDS, set(own_name.split())
        for word in sorted(set(part.split()) - FUND_WORDS):
            if not _word_among(word, others):
                return word
        for word in sorted(others):
            if not _word_among(word, owns):
                return word
    return ""


def _word_among(word: str, words: set) -> bool:
    """Whether `word` is one of `words`, or a typo of one."""
    return word in words or any(
        normalise_companies.company_similarity(word, other) >= FUND_WORD_SIMILARITY for other in words
    )


FUND_WORD_SIMILARITY = 0.8


# The words a group's companies are told apart by after their shared name ("Velmora Holdings Ltd", "Velmora
# Services Ltd", "Velmora (UK) Ltd", "Velmora Group plc"): each is a company of its own, at one address, often
# under one board (the UK register allows names "the same as" one another but for such words only within one
# group). One spelling each: a singular is its plural.
_GROUP_DESIGNATIONS = {
    **dict.fromkeys(("holding", "holdings", "hldg", "hldgs"), "holdings"),
    **dict.fromkeys(("group", "grp"), "group"),
    **dict.fromkeys(("service", "services", "svcs"), "services"),
    **dict.fromkeys(("uk", "gb"), "uk"),
    **dict.fromkeys(("international", "intl"), "international"),
    **dict.fromkeys(("property", "properties"), "properties"),
    **dict.fromkeys(("investment", "investments"), "investments"),
    **dict.fromkeys(("development", "developments"), "developments"),
    "europe": "europe",
    "trading": "trading",
    "enterprises": "enterprises",
    "management": "management",
}
# The legal forms a written name ends with before its group word ("Ltd", "Public Limited Company", "LLP").
_FORM_WORDS = frozenset(
    {
        "ltd",
        "limited",
        "plc",
        "llp",
        "lp",
        "cic",
        "inc",
        "llc",
        "corp",
        "co",
        "company",
        "public",
        "liability",
    }
    | {"partnership", "community", "interest"}
)


def _form_word(word: str) -> bool:
    """Whether a name's last word is (a word of) a legal form: the UK's (`_FORM_WORDS`) or one `legal_forms`
    knows ("as", "ab", "gmbh"), a group word never."""
    if word in _FORM_WORDS:
        return True
    return word not in _GROUP_DESIGNATIONS and legal_forms.split(["name", word])[1] == [word]


def group_designation(written) -> tuple[str, ...]:
    """The group words a written organisation name ends with before its legal form ("Velmora (UK) Holdings
    Limited" -> ("uk", "holdings")), () for none or for a name that is nothing else."""
    words = normalise_text.plain(str(written or "").replace(".", "")).split()  # "N.V." is "nv", not "n v"
    while len(words) > 1 and _form_word(words[-1]):
        words.pop()
    found = []
    while len(words) > 1 and words[-1] in _GROUP_DESIGNATIONS:
        found.append(_GROUP_DESIGNATIONS[words.pop()])
    return tuple(reversed(found))


def other_group_companies(written: str, held_written: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the record's, the holder's) group words when both written names end with group words and those
    differ ("Velmora Holdings Ltd" / "VELMORA GROUP LIMITED"), or when only one of the two names its company a
    holding ("Nordvik Bygg Holding AS" / "Nordvik Bygg AS"): two companies of one group, whose names the legal
    form's normalising makes one. An owner's holding company is a company of its own beside the one it owns,
    at its address, under its name and "Holding" (Norway's register holds tens of thousands so). () otherwise:
    a name without a group word may be the group's or its parent's."""
    ours, theirs = group_designation(written), group_designation(held_written)
    if ours != theirs and ((ours and theirs) or _HOLDING in ours + theirs):
        return ours, theirs
    return ()


_HOLDING = "holdings"


def group_word_choice(inbound_name: str, tied: list[tuple[str, str]]) -> str:
    """The crm id of the one tied record whose name has the inbound record's group words (or, like it, none),
    when every other tied record's name differs from it in them (`other_group_companies`: "Nordvik Bygg Holding
    AS" beside "Nordvik Bygg" at one address); "" when the group words do not decide."""
    same = [crm_id for crm_id, name in tied if not other_group_companies(inbound_name, name)]
    return same[0] if len(same) == 1 else ""


def group_words_written(words: tuple[str, ...]) -> str:
    """A name's group words as a message quotes them ("'holdings'"), or "no group word"."""
    return repr(" ".join(words)) if words else "no group word"
