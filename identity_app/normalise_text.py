"""Plain values, and what every normaliser shares: text as read (invisible characters, placeholders
such as "n/a" or "-" that mean nothing), identifiers, numbers, dates (with the slips people make typing them),
and the bounded cache for text arguments.

Every normaliser in the `normalise_*` modules takes a raw value (any type, possibly None or blank) and returns a
normalised value, or "" (None for a date) when there is nothing usable. The mirror and the inbound side use the
same ones, so two records compare on equal terms.
"""

import datetime as dt
import re
import unicodedata
from functools import lru_cache

import tldextract
from anyascii import anyascii

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


_SPACES = re.compile(r"\s+")


EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d")


# The bundled public suffix list only: no suffix_list_urls means no fetch, no cache_dir means no disk.
DOMAIN_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


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


def as_text(value) -> str:
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


def words_of(value) -> list[str]:
    text = strip_accents(as_text(value)).lower().replace("ß", "ss")
    text = _PUNCTUATION.sub(" ", text.replace("'", "").replace("\u2019", "").replace("_", " "))
    return text.split()


def romanised(value):
    """A name in Latin letters: other scripts transliterated (`anyascii`: Ольга Попова -> Ol'ga Popova,
    Γιώργος -> Giorgos), and letters that carry no accent to strip written as their base letters (Bjørn ->
    Bjorn, the dotless i -> i, Łukasz -> Lukasz): the forms a person writing the name in ASCII would use."""
    text = as_text(value)
    return text if text.isascii() else anyascii(text)


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


@cached_for_text
def plain(value) -> str:
    """City, state and other free text: case, accents, punctuation; Latin letters that carry no accent to
    strip folded as company names are ("Tromsø" is "tromso", `latin_folded`)."""
    return " ".join(latin_folded(word) for word in words_of(value))


def identifier(value) -> str:
    """An external id: trimmed; numbers as integers ("42.0" from a spreadsheet is 42)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return as_text(value)


_IDENTIFIER_SEPARATORS = re.compile(r"[\s./-]+")


def personal_identifier(value) -> str:
    """A person's own number as written with or without its separators ("123-45-6789", "123 45 6789"), upper
    case, a number of digits without its leading zeros (a spreadsheet that read the column as numbers wrote
    CPF 090.382.482-53 as 9038248253); "" for a placeholder of one repeated character ("000-00-0000",
    "XXXXXXXX")."""
    text = _IDENTIFIER_SEPARATORS.sub("", identifier(value)).upper()
    if len(set(text)) <= 1:
        return ""
    return text.lstrip("0") if text.isdigit() else text


@cached_for_text
def date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)[:10] if "T" in as_text(value) else as_text(value)
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


# A date written with its day and month as numbers before a four-digit year ("3/4/1985", "25.12.1990"):
# which of the two comes first is the writer's convention, not the value's (`DayMonthOrder`).
DAY_MONTH_YEAR = re.compile(r"^\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*$")


def month_first_iso(value: str) -> str:
    """A date written month first ("3/4/1985", a US export's) as ISO 8601 ("1985-03-04"), which `date` reads
    as written; any other value as it is."""
    match = DAY_MONTH_YEAR.match(value) if isinstance(value, str) else None
    if not match:
        return value
    month, day, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return value


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
