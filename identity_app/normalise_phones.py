"""Phone numbers: E.164 from what people write (national or international, with an extension or a
lost plus), the number's country and type, numbers a national writing could stand for, and caller ID displays
read as names.
"""

import re
from functools import lru_cache

import phonenumbers

from identity_app import phone_plans
from identity_app.normalise_places import COUNTRY_NAMES
from identity_app.normalise_text import as_text, cached_for_text, plain, words_of

_E164 = re.compile(r"^\+[1-9]\d{7,14}$")


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
    text = as_text(value)
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
    text = as_text(caller_id)
    if len(text) != CALLER_ID_LENGTH or not company:
        return False
    written = " ".join(words_of(text))
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


# Brazil's mobiles gained a ninth digit, a 9 before their eight (São Paulo's in 2012, the whole country's by
# November 2016, Anatel's plan): a mobile written before then ("(11) 8765-4321", kept in an old CRM record or
# address book) is "(11) 98765-4321" today. Eight digits after the area code that start 6 to 9 are no landline's
# (those start 2 to 5) and no longer anybody's mobile: they are that mobile, written as it was.
_BRAZIL_EIGHT_DIGIT_MOBILE = re.compile(r"\+55([1-9][1-9])([6-9]\d{7})")


def with_ninth_digit(e164: str) -> str:
    """A Brazilian mobile written with its eight old digits as it is dialled today, else the number as is."""
    if not e164.startswith("+55") or not (old := _BRAZIL_EIGHT_DIGIT_MOBILE.fullmatch(e164)):
        return e164
    return f"+55{old[1]}9{old[2]}"


# Vietnam's mobiles lost a digit in 2018 (the Ministry's renumbering, September to November): every 11-digit
# mobile, 01xx and seven digits, became 0 and a new two-digit prefix before the same seven (0168 123 4567 is
# 038 123 4567 today). A number written before then, kept in an old CRM record or a shop's customer list, is
# that mobile as it was; no number of the old shape is anybody else's.
_VIETNAM_RENUMBERED_MOBILES = {
    **{f"16{n}": f"3{n}" for n in range(2, 10)},  # Viettel: 0162-0169 -> 032-039
    **{"120": "70", "121": "79", "122": "77", "126": "76", "128": "78"},  # MobiFone
    **{"123": "83", "124": "84", "125": "85", "127": "81", "129": "82"},  # VinaPhone
    **{"186": "56", "188": "58", "199": "59"},  # Vietnamobile, Gmobile
}
_VIETNAM_OLD_MOBILE = re.compile(r"\+84(1\d\d)(\d{7})")


def with_new_vietnamese_prefix(e164: str) -> str:
    """A Vietnamese mobile written with its 11 old digits as it is dialled today, else the number as is."""
    if not e164.startswith("+841") or not (old := _VIETNAM_OLD_MOBILE.fullmatch(e164)):
        return e164
    new = _VIETNAM_RENUMBERED_MOBILES.get(old[1])
    return f"+84{new}{old[2]}" if new else e164


# Mexico's ten-digit plan (IFT; in force 3 August 2019, the old dialling refused from 3 August 2020) dropped
# the prefixes a mobile was dialled with: "044" (local, from a landline), "045" (long distance), "1" after +52
# (from abroad), and "01" before a long-distance landline. Address books and CRM records kept them, and
# WhatsApp still gives a Mexican mobile as 521 and ten digits. Colombia's (CRC Resolution 5826; from 1
# September 2021, the old national dialling ending 30 November 2021) put "60" before a landline's one-digit
# zone: "(1) 234 5678", "031 2345678" (the old prefix from a mobile) and "+57 1 2345678" are 601 234 5678.
_MEXICO_OLD_INTERNATIONAL = re.compile(r"(?:\+|00)?521(\d{10})")
_MEXICO_OLD_NATIONAL = re.compile(r"(?:04[45]|01)(\d{10})")
_COLOMBIA_OLD_INTERNATIONAL = re.compile(r"(?:\+|00)57([1-8]\d{7})")
_COLOMBIA_OLD_NATIONAL = re.compile(r"(?:03)?([1-8]\d{7})")
_NOT_DIALLED = re.compile(r"[\s().\-/]")


def _before_ten_digit_plans(text: str, region: str) -> str:
    """A Mexican or Colombian number written as it was dialled before the country's ten-digit plan, as it is
    dialled today; "" for any other writing."""
    written = _NOT_DIALLED.sub("", text)
    if written[:3].upper() == "PBX":  # a Colombian firm's switchboard, as its letterhead writes it
        written = written[3:].lstrip(":")
    if not written or not (written[0] == "+" or written[0].isdigit()):
        return ""
    if old := _MEXICO_OLD_INTERNATIONAL.fullmatch(written):
        today = f"+52{old[1]}"
    elif old := _COLOMBIA_OLD_INTERNATIONAL.fullmatch(written):
        today = f"+5760{old[1]}"
    elif region == "MX" and (old := _MEXICO_OLD_NATIONAL.fullmatch(written)):
        today = f"+52{old[1]}"
    elif region == "CO" and (old := _COLOMBIA_OLD_NATIONAL.fullmatch(written)):
        today = f"+5760{old[1]}"
    else:
        return ""
    return today if phonenumbers.is_valid_number(phonenumbers.parse(today)) else ""


@lru_cache(maxsize=131072)
def phone(value: str, region: str = "US") -> str:
    """E.164, or "" when the number is not plausible."""
    return with_new_vietnamese_prefix(with_ninth_digit(_phone(value, region)))


def _phone(value: str, region: str = "US") -> str:
    text = as_text(value)
    if not text:
        return ""
    if (region in ("MX", "CO") or text.lstrip("+0 ").startswith(("52", "57"))) and (
        today := _before_ten_digit_plans(text, region)
    ):
        return today
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
    text = as_text(value)
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
    text = as_text(value)
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
    return bool(_E164.match(as_text(value)))


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
    text = as_text(value)
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
