"""Addresses: streets and house numbers, cities and metropolitan areas, postcodes, countries and
their subdivisions by any of their names, an address written in one cell, and the country a record's writing
gives away.
"""

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import phonenumbers
import pytz
from rapidfuzz.distance import OSA

from identity_app.normalise_text import as_text, cached_for_text, plain, words_of

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
    # French streets' types as addresses and SIRENE write them ("av.", "bd", "rte", "ch.", "imp", "all")
    "av": "ave",
    "bd": "blvd",
    "bld": "blvd",
    "route": "rte",
    "chemin": "ch",
    "che": "ch",
    "impasse": "imp",
    "allee": "all",
    "faubourg": "fg",
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
    # the same in Russian, as Russian and Kazakh forms give them ("Российская Федерация", "РФ", "Республика
    # Казахстан"); `plain` folds й to и
    "россииская федерация": "RU",
    "рф": "RU",
    "республика казахстан": "KZ",
    # short names newer than the libraries' data (ISO's "Czechia" since 2016; LinkedIn's "Hong Kong SAR")
    "czechia": "CZ",
    "cesko": "CZ",
    "tschechien": "CZ",
    "czechy": "CZ",  # Polish: what Polish writers call it (libphonenumber's Polish name is "Republika Czeska")
    "hong kong sar": "HK",
}


# A French address's repetition index after its number ("12 bis", "12 ter", "12B"): one house number, "12b".
_REPETITION_WORDS = {"bis": "b", "ter": "t", "quater": "q"}
# A French business address's postal box beside its street ("BP 45", "CS 70012", "TSA 30001"): the box is the
# post office's, no part of where the street is.
_POSTAL_BOXES = frozenset({"bp", "cs", "tsa"})


def _without_postal_boxes(words: list[str]) -> list[str]:
    """The words without a French postal box and its number, a repetition index joined to its number."""
    kept: list[str] = []
    skip = False
    for position, word in enumerate(words):
        if skip:
            skip = False
            continue
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in _POSTAL_BOXES and following.isdigit():
            skip = True
        elif word in _REPETITION_WORDS and kept and kept[-1].isdigit():
            kept[-1] += _REPETITION_WORDS[word]
        else:
            kept.append(word)
    return kept


# A French business address's activity zone, on a line or before a comma of its own ("ZI des Platanes", "ZAC des
# Portes", "Parc d'activités de la Gare", "Zone artisanale Sud"): the area, which SIRENE keeps apart from the street
# (`complementAdresseEtablissement`), no part of the street line.
_ACTIVITY_ZONE = re.compile(
    r"^\s*(?:zi|za|zac|zae|zone\s+(?:industrielle|artisanale|commerciale|d.activit[eé]s?)|parc\s+d.activit[eé]s?)\b",
    re.IGNORECASE,
)
_ADDRESS_LINES = re.compile(r"\s*[,\n]\s*")


def _without_activity_zone(value):
    """A street line without the line or comma-set part that names an activity zone, when another part is left."""
    if type(value) is not str or ("," not in value and "\n" not in value):
        return value
    parts = [part for part in _ADDRESS_LINES.split(value) if part]
    kept = [part for part in parts if not _ACTIVITY_ZONE.match(part)]
    return ", ".join(kept) if kept and len(kept) < len(parts) else value


@cached_for_text
def street(value) -> str:
    words = _without_postal_boxes(words_of(_without_activity_zone(value)))
    return " ".join(STREET_ABBREVIATIONS.get(word, _street_suffix_shortened(word)) for word in words)


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


# "New York City" is New York, "Salt Lake City" Salt Lake, "Ho Chi Minh City" Ho Chi Minh: after a name of two
# words or more the word "City" only says what the place is. After one word it is part of the name: Kansas
# City, Carson City and Union City are not Kansas, Carson and Union.
_CITY_WORD = re.compile(r"^(\S+(?: \S+)+) city$")


# A French business address delivered by CEDEX (a sorting office's service for big mail receivers) writes the town
# with "CEDEX" and the office's number after it ("Rennes Cedex 9") and a CEDEX code in the postcode's place
# ("35908"), which is the sorting office's, no place's: the town is the town, the code says nothing of where.
_CEDEX = re.compile(r"\s+cedex(?:\s+\d{1,2})?$")


# A city's postal district after its name ("Dublin 2", "Paris 9", as GLEIF's register writes BNP Paribas's
# "PARIS 9", "Lyon 3e"): the city.
_POSTAL_DISTRICT = re.compile(r"^(\D+?) \d{1,2}(?:e|er|eme)?$")
# German writes an umlaut as its letter and an e where it cannot type it ("Muenchen", "Duesseldorf", "Zuerich"):
# the city is the one written with the umlaut, which `plain` writes without its dots ("munchen").
_UMLAUT_WRITTEN = re.compile(r"(?<=[a-z])([aou])e")
# Å written "aa", as Norway and Denmark wrote it before 1917 and 1948 and as a keyboard without it types it
# ("Aalesund", "Aas"): the vowel, as "Ålesund" and "Ås" are read.
_NORDIC_AA_WRITTEN = re.compile(r"aa")


@cached_for_text
def city(value) -> str:
    """A city as `plain` writes it, without the word "City" after a name of two words or more, without a
    CEDEX mark (`_CEDEX`) or a postal district's number, and with an umlaut written as a vowel and an e read as
    the vowel ("muenchen" is "munchen", as "München" is), and a Nordic å written "aa" as the vowel ("aalesund" is
    "alesund", as "Ålesund" is)."""
    text = _CEDEX.sub("", plain(value))
    text = match.group(1) if (match := _CITY_WORD.match(text)) else text
    text = match.group(1) if (match := _POSTAL_DISTRICT.match(text)) else text
    return _NORDIC_AA_WRITTEN.sub("a", _UMLAUT_WRITTEN.sub(r"\1", text))


def cedex_written(value) -> bool:
    """Whether a town or postcode is written with a CEDEX mark, its postcode then a CEDEX code."""
    return type(value) is str and "cedex" in value.lower()


_POSTCODE_SEPARATORS = re.compile(r"[\s-]")
# A postcode written after its country's letters and a dash, as Europe's mail long wrote it and Luxembourg still
# does ("L-1855", "D-60311", "CH-8001", "NL-1082"): the postcode is the digits.
_COUNTRY_LETTERS_BEFORE = re.compile(r"^[A-Z]{1,3}\s?-\s?(\d{4,5})$")


@cached_for_text
def postcode(value) -> str:
    text = as_text(value).strip().upper()
    if found := _COUNTRY_LETTERS_BEFORE.match(text):
        return found[1]
    return _POSTCODE_SEPARATORS.sub("", text)


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
    text = " ".join(as_text(value).split())
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


# An address a CRM keeps in one field, its parts between commas, the postcode before the town as continental Europe
# writes it: Pipedrive's "Address" as Google's suggestion fills it ("Storgata 12, 8006 Bodø, Norway"), a line a rep
# typed ("Hauptstraße 5, 10115 Berlin"). The postcode's shapes: digits (Norway, Denmark, Germany, France...), a
# Dutch "1012 LG", a Swedish "114 55", a country's letters before digits ("L-1855", "D-80331").
_POSTCODE_BEFORE_TOWN = re.compile(
    r"^(\d{4} ?[A-Z]{2}|\d{3} \d{2}|(?:[A-Z]{1,2}-)?\d{4,5})\s+([^\d,]*[^\W\d_][^\d,]*)$"
)


def comma_address(value) -> dict[str, str] | None:
    """The parts of an address written in one field with commas between its parts and the postcode before the town
    ("Storgata 12, 8006 Bodø, Norway"): {"street", "postcode", "city"} and "country" when the last part names one.
    None for any other text: a street alone, a town without its postcode, a postcode after its town."""
    if type(value) is not str or "," not in value:
        return None
    parts = [" ".join(part.split()) for part in value.split(",") if part.strip()]
    if len(parts) < 2 or len(parts) > 4:
        return None
    found = {}
    if len(parts) > 2 and _names_country(parts[-1]):
        found["country"] = parts.pop()
    if len(parts) != 2 or not (written := _POSTCODE_BEFORE_TOWN.match(parts[1])):
        return None
    found.update(street=parts[0], postcode=written.group(1), city=written.group(2).strip())
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
# Hangul is written in Korea alone: a record whose names or company are in it was written there.
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


_JAPANESE_FORMS = ("株式会社", "有限会社", "合同会社", "(株)", "(有)")


def country_by_writing(postcode, company, names=()) -> str:
    """ "JP" where a record's postcode is written as Japan's, its company carries a Japanese legal form, or
    its company or names are written in kana; "KR" where they are written in Hangul; else ""."""
    code = as_text(postcode)
    if code and not code.isascii():
        code = unicodedata.normalize("NFKC", code)
    if code and (code.startswith("〒") or _JAPANESE_POSTCODE.fullmatch(code.strip())):
        return "JP"
    texts = [
        text
        for value in (company, *names)
        # an ASCII text reads as ASCII (most values, each read without `as_text`)
        if not (type(value) is str and value.isascii()) and (text := as_text(value)) and not text.isascii()
    ]
    if texts and any(form in unicodedata.normalize("NFKC", texts[0]) for form in _JAPANESE_FORMS):
        return "JP"
    if any(_KANA.search(text) for text in texts):
        return "JP"
    return "KR" if any(_HANGUL.search(text) for text in texts) else ""
