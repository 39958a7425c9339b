"""CSV files in and out: inbound records, CRM mirror exports, resolution results.

Readers stream: a file is read one row at a time, so a file of any size costs the memory of one batch. A
file whose id column cannot be found is refused before anything is read, with the columns it does have.
"""

import ast
import codecs
import csv
import functools
import itertools
import json
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import phonenumbers

from crmhub.core.spreadsheet import safe_cell
from identity_app import normalise_places, normalise_text
from identity_app.attributes import DEFAULT_ATTRIBUTE_MAP, fact_of_column, recognised_columns, unread_columns
from identity_app.resolver import Resolution

INBOUND_ID_COLUMNS = ("external_id", "id", "Id", "ID", "record_id")
# CRM exports name their id column after the CRM or the object: Salesforce `Id`, HubSpot `hs_object_id`,
# or `<object>_id` (contact_id, company_id, deal_id, ...); see `mirror_id_columns`.
MIRROR_ID_COLUMNS = ("id", "Id", "ID", "crm_id", "hs_object_id", "record_id", "object_id")
TRUE_WORDS = {"1", "true", "yes", "y", "t"}
SHOWN_ROWS_WITHOUT_ID = 5
RESULT_COLUMNS = [
    "source_system",
    "external_id",
    "decision",
    "crm_id",
    "score",
    "probability",
    "method",
    "candidate_1",
    "candidate_2",
    "candidate_3",
    "notes",
]


UTF8 = "utf-8-sig"  # a byte-order mark, which Excel's "CSV UTF-8" writes, is not part of the first column
# What Excel on Windows writes for a plain "CSV" (its ANSI code page in western locales), and what reads any
# byte at all when even that fails.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
UTF16 = "utf-16"  # Excel's "Unicode text", always with its byte-order mark
# UTF-16 without a byte-order mark (SQL Server's bcp, PowerShell 5's Out-File -Encoding Unicode, some .NET
# tools): told by the NUL byte beside each Latin letter.
UTF16_NO_BOM = ("utf-16-le", "utf-16-be")
ENCODING_NAMES = {
    UTF8: "UTF-8",
    UTF16: "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
# A UTF-8 file with a few bytes that are not UTF-8 (a row pasted from a Windows-1252 file): read as UTF-8,
# each byte that is not kept as a lone surrogate (Python's "surrogateescape"), so that the rows holding one
# are told (`UNDECODED`) and left out with their reason instead of the whole file read as Windows-1252.
UTF8_DAMAGED = "utf-8 with bytes that are not"
ENCODING_NAMES[UTF8_DAMAGED] = "UTF-8"
UNDECODED = re.compile("[\udc80-\udcff]")
NOT_UTF8 = "bytes that are not UTF-8 in a UTF-8 file (text pasted from a file in another encoding)"
EXACT_ENCODINGS = (UTF8, UTF16, *UTF16_NO_BOM)
HEAD_BYTES = 8192  # what is read of a file to tell its encoding and whether it is text at all


class CsvReadError(ValueError):
    """A file that cannot be read as CSV (not text at all, a NUL byte, a cell over the csv module's field
    limit, a quote never closed); the message says where."""


def _utf16_without_bom(head: bytes) -> str | None:
    """The UTF-16 byte order of a head without a byte-order mark whose every other byte is NUL (Latin
    letters in UTF-16), None otherwise."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for encoding, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.5 * len(zeros) and letters.count(0) == 0:
            return encoding
    return None


def _encodings_to_try(head: bytes) -> tuple[str, ...]:
    """The encodings a file starting with `head` may be in, in the order they are tried: the one that
    reads the whole file is its encoding (`text_encoding` for a file, `decoded` for an upload)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (UTF16, FALLBACK_ENCODINGS[-1])
    if utf16 := _utf16_without_bom(head):
        return (utf16, FALLBACK_ENCODINGS[-1])
    return (UTF8, *FALLBACK_ENCODINGS)


# Files handed over as "the CSV" that are something else, by their first bytes.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook, or a zipped export)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"{\\rtf", "an RTF document"),
)
# Control characters that no CSV text holds (tabs, line ends and form feeds aside; NUL bytes are refused
# with their line when the file is read through).
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


# How JSON and markup begin, and no header row does ("[Deal] Title" and "<id>" may name a column).
_JSON_START = re.compile(r'\{\s*("|\})|\[\s*([\[{"\]\d-]|true|false|null)')
_MARKUP_START = re.compile(r"<(!doctype|\?xml|!--|html|head|body|table|meta|workbook|\w+:)", re.IGNORECASE)


def not_csv(head: bytes, encoding: str) -> str:
    """What a file starting with `head` is if it is plainly not CSV text ("" when it may be): an Excel
    workbook, a ZIP, PDF or gzip file, JSON, HTML or XML, or binary data."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head).lstrip("\ufeff \t\r\n")
    if _JSON_START.match(text):
        return "JSON"
    if _MARKUP_START.match(text):
        return "HTML or XML (a web page, or a spreadsheet saved as XML or as a web page)"
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        return "binary data"
    return ""


def decoded(data: bytes) -> tuple[str, str]:
    """(text, encoding) of an uploaded file, read as `text_encoding` reads a file on disk (and refused as
    it refuses one: `CsvReadError`)."""
    for encoding in _encodings_to_try(data[:HEAD_BYTES]):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_not_csv(data[:HEAD_BYTES], encoding)
        if encoding in FALLBACK_ENCODINGS and _mostly_utf8([data]):
            return data.decode(UTF8, errors="surrogateescape"), UTF8_DAMAGED
        return text, encoding
    raise AssertionError("Latin-1 reads any byte")  # pragma: no cover


def _refuse_not_csv(head: bytes, encoding: str) -> None:
    if what := not_csv(head, encoding):
        raise CsvReadError(
            f"this is {what}, not a CSV file. Save or export it as CSV (UTF-8) and give that file."
        )


def encoding_note(name: str, encoding: str) -> str:
    """What to tell the user about a file read in `encoding` ("" for UTF-8 or UTF-16, which are exact)."""
    if encoding in EXACT_ENCODINGS:
        return ""
    if encoding == UTF8_DAMAGED:
        return (
            f"{name} is UTF-8 but for a few bytes that are not (text pasted from another file): the rows "
            "holding them are not read, each named with its line."
        )
    return (
        f"{name} is not UTF-8: read as {ENCODING_NAMES[encoding]} (a spreadsheet saved as plain CSV). Check a "
        "few names with accents in the results; save as 'CSV UTF-8' to be sure."
    )


def _decodes(path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as handle:
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _mostly_utf8(chunks: Iterable[bytes]) -> bool:
    """Whether text that is not all UTF-8 is UTF-8 with a few bytes that are not: more letters read as UTF-8
    sequences than bytes that are not. (Windows-1252 text holds a UTF-8 sequence only by chance, as "Ã©".)"""
    decoder = codecs.getincrementaldecoder(UTF8)(errors="surrogateescape")
    letters = undecoded = 0
    for chunk in chunks:
        text = decoder.decode(chunk)
        bad = len(UNDECODED.findall(text))
        letters += sum(1 for character in text if character > "\x7f") - bad
        undecoded += bad
    return letters > undecoded


@functools.lru_cache(maxsize=16)
def _encoding_of(path: str, size: int, modified: int) -> str:
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    encoding = next((e for e in _encodings_to_try(head) if _decodes(path, e)), FALLBACK_ENCODINGS[-1])
    _refuse_not_csv(head, encoding)
    if encoding in FALLBACK_ENCODINGS:
        with open(path, "rb") as handle:
            if _mostly_utf8(iter(lambda: handle.read(1 << 20), b"")):
                return UTF8_DAMAGED
    return encoding


def text_encoding(path) -> str:
    """The file's text encoding: UTF-16 when it starts with UTF-16's byte-order mark (or, without one, has
    a NUL beside each Latin letter); else UTF-8 when the whole file is UTF-8, else Windows-1252 (a
    spreadsheet saved as plain "CSV" on Windows: "Müller" as one byte per letter), else Latin-1. Read once
    per file version; a file that is plainly not CSV text (`not_csv`) is refused with `CsvReadError`."""
    stat = os.stat(path)
    return _encoding_of(str(path), stat.st_size, stat.st_mtime_ns)


def open_csv(path):
    """The file opened for the csv module, in its own encoding (`text_encoding`)."""
    encoding = text_encoding(path)
    if encoding == UTF8_DAMAGED:
        return open(path, newline="", encoding=UTF8, errors="surrogateescape")
    return open(path, newline="", encoding=encoding)


class CsvColumnsError(ValueError):
    """A file lacks a column it needs; the message names the columns it has."""


class _CheckedLines:
    """The lines, refusing a NUL byte (not plain text, and no database text column can hold it); `since`
    keeps those read since it was last emptied, to read the last row again (`_unclosed_quote`)."""

    def __init__(self, lines):
        self.lines = enumerate(lines, start=1)
        self.since: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        number, line = next(self.lines)
        if "\x00" in line:
            raise CsvReadError(
                f"line {number} holds a NUL byte: it is not a plain-text CSV. Export it again."
            )
        self.since.append(line)
        return line


def _unclosed_quote(lines: list[str], delimiter: str) -> bool:
    """Whether the `lines` of a file's last row end inside a quoted cell: a quote opened and never closed,
    which the csv module takes to hold every line after it."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def count_rows(lines) -> int:
    """Data rows of a CSV text (quoted line breaks included), read in constant memory and checked to its end
    with the delimiter the readers use, so that a file is refused before anything of it is loaded."""
    return read_through(lines)[0]


# A number Excel shortened: 1.23457E+11 (1,23457E+11 where the comma is the decimal mark).
_SCIENTIFIC = re.compile(r"[+-]?\d(?:[.,]\d+)?E[+-]\d+", re.IGNORECASE)


@dataclass
class ShortenedIds:
    """Ids that a spreadsheet turned into scientific notation (a long numeric id shown as 1.23457E+11 and
    saved so): the digits after the sixth are gone, and two ids may now read the same."""

    column: str
    count: int = 0
    lines: list[int] = field(default_factory=list)
    example: str = ""

    def check(self, value: str, line: int) -> None:
        if "E" not in value and "e" not in value:  # no exponent: most ids, read without the pattern
            return
        if _SCIENTIFIC.fullmatch(value.strip()):
            self.count += 1
            self.example = self.example or value.strip()
            if len(self.lines) < SHOWN_ROWS_WITHOUT_ID:
                self.lines.append(line)

    def __str__(self) -> str:
        more = ", ..." if self.count > len(self.lines) else ""
        return (
            f"{self.count} value(s) in the id column {self.column!r} are in scientific notation, such as "
            f"{self.example!r} (line(s) {', '.join(map(str, self.lines))}{more}): a spreadsheet shortened "
            "long numbers and their last digits are lost, so these ids cannot be trusted. Format the column "
            "as Text in the spreadsheet (or export from the source again) and use that file."
        )


@dataclass
class RepeatedIds:
    """Ids on more than one row of a file (`read_through` fills it): {(scope, id): [rows, whether they
    differ]}, the scope being the row's `scope_column` cell (an inbound file's source_system: one id may name
    a record in each of two systems). While the file is read every id is remembered with a hash of its row;
    only the repeated ones stay."""

    column: str
    scope_column: str = ""
    repeated: dict[tuple[str, str], list] = field(default_factory=dict)
    # Whether the rows of a repeated id are compared (an inbound file's are rejected when they differ); a
    # CRM export's last row wins either way, and hashing every row was a third of reading the file through.
    compare_rows: bool = True
    _first_rows: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def add(self, value: str, row: list[str], scope: str = "") -> None:
        value = value.strip()
        if not value:
            return
        key = (scope.strip(), value)
        digest = hash(tuple(map(str.strip, row))) if self.compare_rows else 0  # csv cells are str
        first = self._first_rows.get(key)
        if first is None:
            self._first_rows[key] = digest
            return
        entry = self.repeated.setdefault(key, [1, False])
        entry[0] += 1
        entry[1] = entry[1] or first != digest

    def done(self) -> None:
        self._first_rows = {}

    def __str__(self) -> str:
        examples = ", ".join(
            repr(value) for _, value in itertools.islice(self.repeated, SHOWN_ROWS_WITHOUT_ID)
        )
        more = ", ..." if len(self.repeated) > SHOWN_ROWS_WITHOUT_ID else ""
        return (
            f"{len(self.repeated)} id(s) in the column {self.column!r} are on several rows ({examples}{more})"
        )


BIRTH_DATE_FIELDS = frozenset(DEFAULT_ATTRIBUTE_MAP["date_of_birth"])
# A file whose unambiguous dates are this many times more often one way than the other writes them that way
# (a typo now and then does not make a US export's dates day first).
_DATE_ORDER_MAJORITY = 20


class DayMonthOrder:
    """Which of the day and the month a file's dates of birth write first, told by the dates only one reading
    makes real ("25/12/1990" is day first, "12/25/1990" month first); `read_through` shows it every row.
    `fieldnames`: the file's columns as its reader names them (`_LabelledColumns`)."""

    def __init__(self, fieldnames):
        self.positions = [at for at, name in enumerate(fieldnames or []) if name in BIRTH_DATE_FIELDS]
        self.written = 0  # dates of birth written day and month first, in either order
        self.day_first = 0
        self.month_first = 0

    def add(self, row: list[str]) -> None:
        for position in self.positions:
            if position < len(row) and (match := normalise_text.DAY_MONTH_YEAR.match(row[position])):
                self.written += 1
                first, second = int(match[1]), int(match[2])
                if first > 12 >= second:
                    self.day_first += 1
                elif second > 12 >= first:
                    self.month_first += 1

    @property
    def written_month_first(self) -> bool | None:
        """True when the file's dates are month first; False when day first, both ways (read day first, as
        `normalise_text.date` reads a date either could be) or never written with the day and month first
        (ISO dates); None when every such date could be either."""
        if not self.written:
            return False
        if not self.day_first and not self.month_first:
            return None
        return self.month_first >= _DATE_ORDER_MAJORITY * self.day_first

    def __str__(self) -> str:
        return (
            f"dates of birth read month first: {self.month_first:,} of them are real only so (a day over 12 "
            f"after the month), {self.day_first:,} only day first"
        )


def read_through(
    lines,
    id_columns: Iterable[str] = (),
    repeats: RepeatedIds | None = None,
    undecoded: set[int] | None = None,
    dates: DayMonthOrder | None = None,
) -> tuple[int, list[ShortenedIds]]:
    """(data rows, the `id_columns` that hold ids in scientific notation) of a CSV text, read to its end as
    `count_rows` reads it; `repeats`, if given, collects the ids its column holds on several rows,
    `undecoded` (for a file read as `UTF8_DAMAGED`) the lines of the rows holding bytes that are not UTF-8,
    and `dates` which of the day and the month its dates of birth write first."""
    rows = 0
    checked = _CheckedLines(lines)
    dict_reader = _dict_reader(checked)
    reader = dict_reader.reader
    try:
        header = dict_reader.fieldnames or []
        checked.since.clear()
        kept = 0
        wanted = dict.fromkeys(column for column in id_columns if column in header)
        checks = [(header.index(column), ShortenedIds(column)) for column in wanted]
        repeat_at = header.index(repeats.column) if repeats and repeats.column in header else None
        scope_at = header.index(repeats.scope_column) if repeats and repeats.scope_column in header else None
        for row in reader:
            del checked.since[:kept]  # the lines of the row before: only the last row's are kept
            kept = len(checked.since)
            if not row:
                continue  # a blank line, which the readers skip too
            rows += 1
            if undecoded is not None and any(UNDECODED.search(cell) for cell in row):
                undecoded.add(reader.line_num)
            for position, check in checks:
                if position < len(row):
                    check.check(row[position], reader.line_num)
            if repeat_at is not None and repeat_at < len(row):
                scope = row[scope_at] if scope_at is not None and scope_at < len(row) else ""
                repeats.add(row[repeat_at], row, scope)
            if dates is not None:
                dates.add(row)
        if len(checked.since) > 1 and _unclosed_quote(checked.since, reader.dialect.delimiter):
            raise CsvReadError(
                f"line {reader.line_num - len(checked.since) + 1}: a quote opens a cell and is never closed, so the {len(checked.since)} "
                "lines from there to the end of the file would be read as one cell. Close the quote (or "
                'double it, "", where it is part of the value) and give the file again.'
            )
        if repeats:
            repeats.done()
        return rows, [check for _, check in checks if check.count]
    except csv.Error as exc:
        raise _read_error(exc, reader.line_num) from None


def _read_error(exc: csv.Error, line: int) -> CsvReadError:
    if "field limit" in str(exc):
        return CsvReadError(f"line {line}: a cell is larger than {csv.field_size_limit():,} characters.")
    return CsvReadError(f"line {line}: {exc}.")


def _singular(object_name: str) -> str:
    name = object_name.strip().lower()
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


# Pipedrive's exports label every column with its entity ("Person - ID", "Organization - ID", "Deal - ID"),
# whatever the object is called where the file is used; a persons export may also hold the related
# organisation's "Organization - ID", which is not the record's id.
_PIPEDRIVE_ENTITIES = {
    **dict.fromkeys(("person", "people", "contact"), "Person"),
    **dict.fromkeys(("organization", "organisation", "company", "account", "org"), "Organization"),
    "deal": "Deal",
    "opportunity": "Deal",
    "lead": "Lead",
}


def mirror_id_columns(object_name: str = "") -> tuple[str, ...]:
    """Id columns recognised in an export of `object_name`: the generic ones, `<object>_id` forms and the
    Pipedrive label of the object's entity ("Person - ID")."""
    columns = list(MIRROR_ID_COLUMNS)
    if object_name:
        singular = _singular(object_name)
        columns += [f"{singular}_id", f"{singular}id", f"{singular.title()}Id", f"{singular.title()} ID"]
        if entity := _PIPEDRIVE_ENTITIES.get(singular):
            columns.append(f"{entity} - ID")
    return tuple(columns)


def _column_key(name: str) -> str:
    """A column name compared as CRM UIs write it: HubSpot's "Record ID" is `record_id`, "Contact ID" is
    `contact_id`."""
    return re.sub(r"[^0-9a-z]+", "", name.lower())


# A header cell that is a value, not a column name: an email address, or a number (a file without a header).
_VALUE_CELL = re.compile(r"[^@\s]+@[^@\s]+\.\w+|[+\d][\d ./-]*")


def find_id_column(
    fieldnames, *, recognised: Iterable[str], explicit: str = "", what: str, option: str
) -> str:
    """The file's id column: `explicit` if given (and present), else the first recognised one, both compared
    without regard to case, spaces or punctuation when not written alike. Refuses, naming the columns found,
    when there is none."""
    fieldnames = [name for name in (fieldnames or []) if name]
    if not fieldnames:
        raise CsvColumnsError(f"{what} is empty: it has no header row, so no columns and no records.")
    found = ", ".join(fieldnames)
    by_key: dict[str, list[str]] = {}
    for name in fieldnames:
        by_key.setdefault(_column_key(name), []).append(name)
    if explicit:
        if explicit in fieldnames:
            return explicit
        if len(alike := by_key.get(_column_key(explicit), [])) == 1:
            return alike[0]  # " External ID " for --external-id-column external_id
        raise CsvColumnsError(f"{what} has no column {explicit!r}. Its columns: {found}.")
    for candidate in recognised:
        if (names := by_key.get(_column_key(candidate))) is not None:
            return names[0]
    if any(_VALUE_CELL.fullmatch(name.strip()) for name in fieldnames):
        raise CsvColumnsError(
            f"{what} has no header row: its first row holds values ({found}), not column names. Add a "
            "header row naming the columns (external_id, email, first_name, ...)."
        )
    raise CsvColumnsError(
        f"{what} has no id column that I recognise ({', '.join(dict.fromkeys(recognised))}). "
        f"Its columns: {found}. Name its id column with {option}."
    )


@dataclass
class SkippedRows:
    """Rows skipped for one reason (`what`): their count and first line numbers, to report."""

    what: str = "without an id"
    count: int = 0
    lines: list[int] = field(default_factory=list)

    def add(self, line: int) -> None:
        self.count += 1
        if len(self.lines) < SHOWN_ROWS_WITHOUT_ID:
            self.lines.append(line)

    def __str__(self) -> str:
        more = ", ..." if self.count > len(self.lines) else ""
        return f"{self.count} row(s) {self.what} skipped (lines {', '.join(map(str, self.lines))}{more})"


RowsWithoutId = SkippedRows

REJECTED = "rejected"  # the results file's decision for an inbound row that was not resolved, with its reason


@dataclass
class RejectedRow:
    """An inbound row left unresolved, and where it goes in the results: after `after` resolved records."""

    after: int
    line: int
    source_system: str
    external_id: str
    reason: str


@dataclass
class RejectedRows(SkippedRows):
    """Inbound rows not resolved (no id, more cells than the header, an id on several rows): counted, and
    when `keep`, kept in order for the results file (`ResultsWriter`)."""

    what: str = "rejected"
    keep: bool = False
    waiting: deque = field(default_factory=deque)

    def __str__(self) -> str:
        more = ", ..." if self.count > len(self.lines) else ""
        return f"{self.count} row(s) not resolved (lines {', '.join(map(str, self.lines))}{more})"

    def reject(self, row: RejectedRow) -> None:
        self.add(row.line)
        if self.keep:
            self.waiting.append(row)


def _shifted(row: list[str], width: int) -> bool:
    """Whether a row has values past the header's last column (a comma in an unquoted value shifts every
    column after it); empty cells there (a trailing separator) are harmless."""
    return len(row) > width and any(cell.strip() for cell in row[width:])


def _shifted_reason(row: list[str], width: int) -> str:
    return (
        f"{len(row)} cells under a header of {width} columns: a separator inside an unquoted value shifts "
        "the columns after it, so no cell of this row can be trusted"
    )


def _repeat_reason(id_value: str, entry: list, what: str) -> str:
    rows, differ = entry
    if differ:
        return f"the {what} {id_value!r} is on {rows} rows with different values: which record it names is unclear"
    return f"the {what} {id_value!r} repeats an earlier row with the same values"


_STRUCTURED_START = ("[", "{")


def structured(value: str):
    """A cell holding a JSON or Python list or object (an API export: Pipedrive's
    `[{"value": "a@b.io", "primary": true}]`, pandas' `['a@b.io', 'c@d.io']`) as that list or object, as the
    connector would hand it over; any other cell as written."""
    text = value.strip()
    if not text.startswith(_STRUCTURED_START):
        return value
    try:
        parsed = json.loads(text)
    except ValueError:
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return value
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items or not all(
        isinstance(item, str) or (isinstance(item, dict) and ("value" in item or "id" in item))
        for item in items
    ):
        return value
    return parsed


_STRUCTURED_FIRST = "[{"


def _value(value: str):
    return structured(value) if value[0] in _STRUCTURED_FIRST else value


MIRROR_FLAG_COLUMNS = ("deleted", "merged_into", "modified_at")
# Salesforce's own columns for the same flags (an "Export All" holds deleted and merged-away rows: IsDeleted,
# MasterRecordId), and a converted Lead: IsConverted with the Contact it became, ConvertedContactId. Compared
# without regard to case: Data Loader writes them in capitals.
SALESFORCE_DELETED = "isdeleted"
SALESFORCE_MERGED_INTO = ("masterrecordid",)
SALESFORCE_CONVERTED = "isconverted"
SALESFORCE_CONVERTED_INTO = "convertedcontactid"
INBOUND_FLAG_COLUMNS = ("source_system", "crm_id")


DELIMITERS = (",", ";", "\t", "|")
# Excel's first line naming the delimiter ("sep=;"), which it writes for other locales and reads itself.
_EXCEL_SEPARATOR = re.compile(r"sep=(.)", re.IGNORECASE)


def _dict_reader(lines) -> csv.DictReader:
    """A reader of a file's rows, its header read: blank lines (or rows of empty cells) before the header
    are passed over, an Excel "sep=;" line names the delimiter, and else a header with more semicolons, tabs
    or bars than commas (a European spreadsheet's export) is split on that. Line numbers stay the file's."""
    lines = iter(lines)
    before, delimiter = [], None
    header = ""
    for line in lines:
        if separator := _EXCEL_SEPARATOR.fullmatch(line.strip("\r\n")):
            delimiter = separator.group(1)
        elif line.strip("".join(DELIMITERS) + " \r\n"):
            header = line
            break
        before.append(line)
    if delimiter is None:
        delimiter = max(DELIMITERS, key=header.count)  # the first, a comma, when none is more frequent
    reader = csv.DictReader(itertools.chain(before, [header], lines), delimiter=delimiter)
    try:
        for _ in before:
            next(reader.reader)  # one row each: neither holds a quote
        _ = reader.fieldnames  # reads the header row
    except csv.Error as exc:
        raise _read_error(exc, reader.line_num) from None
    if any(UNDECODED.search(name) for name in reader.fieldnames or []):
        raise CsvReadError(f"line {reader.line_num}, the header, holds {NOT_UTF8}: no column can be named.")
    return reader


def _distinct(fieldnames: list[str]) -> list[str]:
    """Repeated column names made distinct, so no column's value overwrites another's: a repeat of a field
    the attribute map reads takes another free field of its attribute (a second "Email" is read as another
    address), any other repeat becomes "name (2)"."""
    seen: set[str] = set()
    distinct = []
    for name in fieldnames:
        if name and name in seen:
            attribute = next((a for a, fields in DEFAULT_ATTRIBUTE_MAP.items() if name in fields), "")
            free = [
                f for f in DEFAULT_ATTRIBUTE_MAP.get(attribute, []) if f not in seen and f not in fieldnames
            ]
            count = 2
            while f"{name} ({count})" in seen:
                count += 1
            name = free[0] if free else f"{name} ({count})"
        seen.add(name)
        distinct.append(name)
    return distinct


class _LabelledColumns:
    """Reads labelled columns ("First Name", "Person - Email - Work") under the field names the attribute
    map knows, renaming the header once; `renamed` and `unread` say what was done, for the user. With
    `month_first` (`DayMonthOrder`), dates of birth written month first are handed on as ISO dates."""

    month_first = False

    def _with_iso_dates(self, records: Iterator[dict], values_key: str) -> Iterator[dict]:
        if not self.month_first:
            return records
        fields = [name for name in self.reader.fieldnames or [] if name in BIRTH_DATE_FIELDS]
        return (_iso_dates(record, values_key, fields) for record in records)

    def _recognise(self, keep: tuple[str, ...]) -> None:
        fieldnames = _distinct(list(self.reader.fieldnames or []))
        self.renamed = recognised_columns(fieldnames, keep=keep)
        self.reader.fieldnames = [self.renamed.get(name, name) for name in fieldnames]
        self.unread = unread_columns(self.reader.fieldnames, keep=keep)

    def columns_report(
        self, declared: dict[str, str] | None = None, declare_option: str = "", kind: str = ""
    ) -> str:
        """What the file's columns were read as, in words ("" when every column was read as named).
        `declared`: columns an offline run compares as custom attributes ({column: type}); `declare_option`:
        how such a run declares one, named beside the columns nothing reads; `kind`: the records' entity
        kind, whose own columns (an organisation's LEI, its other names) are read, so not listed as unread."""
        declared = declared or {}
        parts = []
        if self.renamed:
            parts.append(
                "read " + ", ".join(f"{label!r} as {field}" for label, field in self.renamed.items())
            )
        if facts := {label: fact for label in self.unread if (fact := fact_of_column(label, kind))}:
            parts.append("read " + ", ".join(f"{label!r} as its {fact}" for label, fact in facts.items()))
        if found := [label for label in declared if label in (self.reader.fieldnames or [])]:
            parts.append("compared " + ", ".join(f"{label!r} as {declared[label]}" for label in found))
        if unread := [label for label in self.unread if label not in declared and label not in facts]:
            how = f", or declared with {declare_option}" if declare_option else ""
            parts.append(
                "columns no built-in attribute reads (kept with the record, not compared unless the flow "
                f"maps them{how}): " + ", ".join(repr(label) for label in unread)
            )
        return "; ".join(parts)


def _iso_dates(record: dict, values_key: str, fields: list[str]) -> dict:
    values = record[values_key]
    for name in fields:
        if name in values:
            values[name] = normalise_text.month_first_iso(values[name])
    return record


class MirrorFile(_LabelledColumns):
    """A CRM export: an id column, optional deleted / merged_into / modified_at, every other column a field.
    Iterating yields connector-shaped records; rows without an id are skipped and counted."""

    def __init__(
        self,
        lines,
        *,
        object_name: str = "",
        id_column: str = "",
        undecoded: set[int] | None = None,
        month_first: bool = False,
    ):
        self.reader = _dict_reader(lines)
        self.undecoded = undecoded or set()
        self.month_first = month_first
        self.id_column = find_id_column(
            self.reader.fieldnames,
            recognised=mirror_id_columns(object_name),
            explicit=id_column,
            what="The CRM export",
            option="--id-column",
        )
        self.salesforce_flags = _salesforce_flag_columns(self.reader.fieldnames)
        self._width = len(self.reader.fieldnames or [])
        self._recognise(keep=(self.id_column, *MIRROR_FLAG_COLUMNS, *self.salesforce_flags.values()))
        self.without_id = RowsWithoutId()
        self.shifted = SkippedRows(
            "with more cells than the header (a separator inside an unquoted value shifts the columns after "
            "it, so no cell of such a row can be trusted)"
        )
        self.not_utf8 = SkippedRows(f"with {NOT_UTF8}")

    def skipped(self) -> list[SkippedRows]:
        """What was skipped, for the user: each reason with its count and first lines."""
        return [rows for rows in (self.without_id, self.shifted, self.not_utf8) if rows.count]

    def __iter__(self) -> Iterator[dict]:
        return self._with_iso_dates(self._records(), "values")

    def _records(self) -> Iterator[dict]:
        flags = (*MIRROR_FLAG_COLUMNS, *self.salesforce_flags.values())
        if _plain_rows_read(self.reader, (self.id_column,), flags):
            yield from self._from_lists(flags)
            return
        for row in self.reader:
            crm_id = (row.get(self.id_column) or "").strip()
            if not crm_id:
                self.without_id.add(self.reader.line_num)
                continue
            if _shifted([""] * self._width + (row.pop(None, None) or []), self._width):
                self.shifted.add(self.reader.line_num)
                continue
            if self.reader.line_num in self.undecoded:
                self.not_utf8.add(self.reader.line_num)
                continue
            deleted = (row.pop("deleted", "") or "").strip().lower() in TRUE_WORDS
            merged_into = (row.pop("merged_into", "") or "").strip()
            if self.salesforce_flags:
                flagged_deleted, flagged_into = _salesforce_flags(row, self.salesforce_flags)
                deleted, merged_into = deleted or flagged_deleted, merged_into or flagged_into
            yield {
                "id": crm_id,
                "deleted": deleted,
                "merged_into": merged_into if merged_into != crm_id else "",
                "modified_at": (row.pop("modified_at", "") or "").strip() or None,
                "values": {k: _value(v) for k, v in row.items() if k and v not in ("", None)},
            }

    def _from_lists(self, flags: tuple[str, ...]) -> Iterator[dict]:
        """`__iter__` read from the csv module's lists: the same records, without a dict per row first."""
        rows, fieldnames = self.reader.reader, self.reader.fieldnames
        id_at = fieldnames.index(self.id_column)
        at = {name: fieldnames.index(name) for name in flags if name in fieldnames}
        deleted_at, merged_at, modified_at = (at.get(name) for name in MIRROR_FLAG_COLUMNS)
        salesforce = {name: at.get(column) for name, column in self.salesforce_flags.items()}
        kept = [name if name and name not in at else "" for name in fieldnames]
        undecoded = self.undecoded
        for row in rows:
            if not row:
                continue  # a blank line, which DictReader skips too
            width = len(row)
            crm_id = row[id_at].strip() if id_at < width else ""
            if not crm_id:
                self.without_id.add(rows.line_num)
                continue
            if width > self._width and _shifted(row, self._width):
                self.shifted.add(rows.line_num)
                continue
            if undecoded and rows.line_num in undecoded:
                self.not_utf8.add(rows.line_num)
                continue
            deleted = _cell(row, deleted_at, width).strip().lower() in TRUE_WORDS
            merged_into = _cell(row, merged_at, width).strip()
            if salesforce:
                cells = {name: _cell(row, position, width).strip() for name, position in salesforce.items()}
                flagged_deleted, flagged_into = _salesforce_flag_values(cells)
                deleted, merged_into = deleted or flagged_deleted, merged_into or flagged_into
            yield {
                "id": crm_id,
                "deleted": deleted,
                "merged_into": merged_into if merged_into != crm_id else "",
                "modified_at": _cell(row, modified_at, width).strip() or None,
                # A short row lacks its last cells; a long row's extra cells are empty (else it is skipped).
                "values": {
                    # inline: the per-cell call would cost more than the test
                    name: structured(value) if value[0] in _STRUCTURED_FIRST else value
                    for name, value in zip(kept, row, strict=False)
                    if name and value
                },
            }


def _cell(row: list[str], position: int | None, width: int) -> str:
    return row[position] if position is not None and position < width else ""


def _plain_rows_read(reader: csv.DictReader, ids: tuple[str, ...], flags: tuple[str, ...]) -> bool:
    """Whether a file's rows can be read from the csv module's lists instead of the DictReader's dicts with
    the same result: distinct column names (else a later column's value replaces an earlier one's), and no
    id column that is also a flag column (read, then taken out of the values, in that order)."""
    fieldnames = reader.fieldnames or []
    return len(set(fieldnames)) == len(fieldnames) and not set(ids) & set(flags)


def _salesforce_flag_columns(fieldnames) -> dict[str, str]:
    """Salesforce flag columns the export has: {lower-case name: the column as written}."""
    wanted = {SALESFORCE_DELETED, *SALESFORCE_MERGED_INTO, SALESFORCE_CONVERTED, SALESFORCE_CONVERTED_INTO}
    return {
        name.strip().lower(): name for name in fieldnames or [] if name and name.strip().lower() in wanted
    }


def _salesforce_flags(row: dict, columns: dict[str, str]) -> tuple[bool, str]:
    """(deleted, the record it now lives on) from Salesforce's columns, which leave the row's values. A
    merged-away record names its master; a converted Lead lives on as the Contact it became."""
    return _salesforce_flag_values(
        {name: (row.pop(column, "") or "").strip() for name, column in columns.items()}
    )


def _salesforce_flag_values(values: dict[str, str]) -> tuple[bool, str]:
    """`_salesforce_flags` of the flag cells, stripped, by lower-case column name."""
    deleted = values.get(SALESFORCE_DELETED, "").lower() in TRUE_WORDS
    merged_into = next((values[name] for name in SALESFORCE_MERGED_INTO if values.get(name)), "")
    if values.get(SALESFORCE_CONVERTED, "").lower() in TRUE_WORDS and values.get(SALESFORCE_CONVERTED_INTO):
        merged_into = merged_into or values[SALESFORCE_CONVERTED_INTO]
    return deleted, merged_into


class InboundFile(_LabelledColumns):
    """Inbound records: an id column (external_id, id, ... or the one named), optional crm_id and
    source_system, every other column an attribute."""

    def __init__(
        self,
        lines,
        *,
        source_system: str = "",
        id_column: str = "",
        repeated: dict | None = None,
        keep_rejected: bool = False,
        undecoded: set[int] | None = None,
        id_attribute: str = "",
        month_first: bool = False,
    ):
        self.reader = _dict_reader(lines)
        self.source_system = source_system
        self.month_first = month_first
        # The label under which each record's attributes also carry its id: a registry's own number (an
        # NPPES file's `NPI`) is both the row's id and the person's identifier a CRM column holds.
        self.id_attribute = id_attribute
        self.id_column = find_id_column(
            self.reader.fieldnames,
            recognised=INBOUND_ID_COLUMNS,
            explicit=id_column,
            what="The inbound file",
            option="--external-id-column",
        )
        self._width = len(self.reader.fieldnames or [])
        self._recognise(keep=(self.id_column, *INBOUND_FLAG_COLUMNS))
        # Rows that are not resolved, each with its reason; `repeated` (`RepeatedIds.repeated`) names the ids
        # on several rows: an id on rows with different values is rejected on every one of them.
        self.repeated = repeated or {}
        self.undecoded = undecoded or set()  # lines of rows holding bytes that are not UTF-8 (`read_through`)
        self._repeats_kept: set[tuple[str, str]] = set()
        self.rejected = RejectedRows(keep=keep_rejected)
        self._yielded = 0

    def repeated_ids(self) -> RepeatedIds:
        """What `read_through` fills with this file's repeated ids, for `repeated`."""
        return RepeatedIds(self.id_column, scope_column="source_system")

    def _rejection(self, external_id: str, cells: list[str], scope: str, line: int) -> str:
        """Why a row is not resolved ("" when it is); `scope` is its own source_system cell."""
        if line in self.undecoded:
            return f"it holds {NOT_UTF8}, so its values cannot be read as written"
        if not external_id:
            return f"no id in its {self.id_column!r} column: its result could not be told from another's"
        if _shifted(cells, self._width):
            return _shifted_reason(cells, self._width)
        key = (scope, external_id)
        if (entry := self.repeated.get(key)) is None:
            return ""
        if not entry[1] and key not in self._repeats_kept:
            self._repeats_kept.add(key)
            return ""
        return _repeat_reason(external_id, entry, "id")

    def _reject(self, source_system: str, external_id: str, reason: str, line: int) -> None:
        source_system, external_id = (
            UNDECODED.sub("\ufffd", value) for value in (source_system, external_id)
        )
        self.rejected.reject(RejectedRow(self._yielded, line, source_system, external_id, reason))

    def __iter__(self) -> Iterator[dict]:
        return self._with_iso_dates(self._records(), "attributes")

    def _records(self) -> Iterator[dict]:
        if _plain_rows_read(self.reader, (self.id_column,), INBOUND_FLAG_COLUMNS):
            yield from self._from_lists()
            return
        for row in self.reader:
            external_id = (row.pop(self.id_column, "") or "").strip()
            scope = (row.pop("source_system", "") or "").strip()
            source_system = scope or self.source_system
            extra = row.pop(None, None) or []
            if reason := self._rejection(
                external_id, [""] * self._width + extra, scope, self.reader.line_num
            ):
                self._reject(source_system, external_id, reason, self.reader.line_num)
                continue
            self._yielded += 1
            crm_id = (row.pop("crm_id", "") or "").strip()  # the CRM id column is no attribute
            attributes = {k: _value(v) for k, v in row.items() if k and v not in ("", None)}
            if self.id_attribute:
                attributes[self.id_attribute] = external_id
            yield {
                "source_system": source_system,
                "external_id": external_id,
                "crm_id": crm_id,
                "attributes": attributes,
            }

    def _from_lists(self) -> Iterator[dict]:
        """`__iter__` read from the csv module's lists: the same records, without a dict per row first."""
        rows, fieldnames = self.reader.reader, self.reader.fieldnames
        id_at = fieldnames.index(self.id_column)
        source_at, crm_id_at = (
            fieldnames.index(name) if name in fieldnames else None for name in INBOUND_FLAG_COLUMNS
        )
        taken = {id_at, source_at, crm_id_at}
        kept = [name if name and position not in taken else "" for position, name in enumerate(fieldnames)]
        check_all = bool(self.repeated or self.undecoded)
        for row in rows:
            if not row:
                continue  # a blank line, which DictReader skips too
            width = len(row)
            scope = _cell(row, source_at, width).strip()
            source_system = scope or self.source_system
            external_id = row[id_at].strip() if id_at < width else ""
            if (check_all or not external_id or width > self._width) and (
                reason := self._rejection(external_id, row, scope, rows.line_num)
            ):
                self._reject(source_system, external_id, reason, rows.line_num)
                continue
            self._yielded += 1
            attributes = {
                # inline: the per-cell call would cost more than the test
                name: structured(value) if value[0] in _STRUCTURED_FIRST else value
                for name, value in zip(kept, row, strict=False)
                if name and value
            }
            if self.id_attribute:
                attributes[self.id_attribute] = external_id
            yield {
                "source_system": source_system,
                "external_id": external_id,
                "crm_id": _cell(row, crm_id_at, width).strip(),
                "attributes": attributes,
            }


def inbound_records(lines, *, source_system: str = "") -> Iterator[dict]:
    """Each row is one inbound record: external_id (or id), optional crm_id and source_system, attributes."""
    return iter(InboundFile(lines, source_system=source_system))


def mirror_records(lines, *, object_name: str = "") -> Iterator[dict]:
    return iter(MirrorFile(lines, object_name=object_name))


class ResultsWriter:
    """Writes resolutions as they come (header first), so a run never holds the whole file's results. Given
    the inbound file's `rejected` rows (kept), each is written where it stood in the file, decision
    `rejected` and its reason in the notes."""

    def __init__(self, handle, rejected: RejectedRows | None = None):
        self.writer = csv.DictWriter(handle, fieldnames=RESULT_COLUMNS)
        self.writer.writeheader()
        self.rejected = rejected
        self.written = 0

    def write(self, resolutions: Iterable[Resolution]) -> None:
        if self.rejected is None or not self.rejected.keep:
            self.writer.writerows(_result_row(resolution) for resolution in resolutions)
            return
        for resolution in resolutions:
            self._write_rejected(self.written)
            self.writer.writerow(_result_row(resolution))
            self.written += 1

    def finish(self) -> None:
        """Writes the rejected rows after the last resolved one."""
        if self.rejected is not None:
            self._write_rejected(None)

    def _write_rejected(self, upto: int | None) -> None:
        waiting = self.rejected.waiting if self.rejected is not None else ()
        while waiting and (upto is None or waiting[0].after <= upto):
            row = waiting.popleft()
            self.writer.writerow(
                {
                    "source_system": safe_cell(row.source_system),
                    "external_id": safe_cell(row.external_id),
                    "decision": REJECTED,
                    "notes": safe_cell(f"Line {row.line} not resolved: {row.reason}."),
                }
            )


def write_results(handle, resolutions: list[Resolution]) -> None:
    ResultsWriter(handle).write(resolutions)


def _result_row(resolution: Resolution) -> dict:
    candidates = [f"{c['crm_id']} ({c['score']})" for c in resolution.candidates[:3]]
    candidates += [""] * (3 - len(candidates))
    # Ids and notes come from the input file: quoted where a spreadsheet would run them as formulas.
    return {
        "source_system": safe_cell(resolution.source_system),
        "external_id": safe_cell(resolution.external_id),
        "decision": resolution.outcome,
        "crm_id": safe_cell(resolution.crm_id),
        "score": "" if resolution.score is None else round(resolution.score, 2),
        "probability": "" if resolution.probability is None else round(resolution.probability, 6),
        "method": resolution.method,
        "candidate_1": safe_cell(candidates[0]),
        "candidate_2": safe_cell(candidates[1]),
        "candidate_3": safe_cell(candidates[2]),
        "notes": safe_cell(" ".join(resolution.notes)),
    }


# A file whose rows name a country nearly all name one: its exporter works in that country, and the rows that
# name none (a form's country field left empty, a CRM's address half filled) are there too. A Brazilian
# company's Pipedrive export writes "Brasil" on some persons and "(11) 98765-4321" on all of them.
REGION_SAMPLED_ROWS = 5000
REGION_NAMED_AT_LEAST = 20
REGION_SHARE = 0.95


def named_region(path) -> str:
    """The region (ISO code with a numbering plan) that at least `REGION_SHARE` of the first
    `REGION_SAMPLED_ROWS` rows naming a country in a country column name, when `REGION_NAMED_AT_LEAST` do;
    else ""."""
    with open_csv(path) as handle:
        reader = _dict_reader(handle)
        fieldnames = list(reader.fieldnames or [])
        renamed = recognised_columns(fieldnames)
        read_as_country = set(DEFAULT_ATTRIBUTE_MAP["country"])
        columns = [label for label in fieldnames if renamed.get(label, label) in read_as_country]
        if not columns:
            return ""
        named: dict[str, int] = {}
        for row in itertools.islice(reader, REGION_SAMPLED_ROWS):
            code = next((c for label in columns if (c := normalise_places.country(row.get(label) or ""))), "")
            if code:
                named[code] = named.get(code, 0) + 1
    total = sum(named.values())
    code, most = max(named.items(), key=lambda item: item[1], default=("", 0))
    if total < REGION_NAMED_AT_LEAST or most < REGION_SHARE * total:
        return ""
    return code if code in phonenumbers.SUPPORTED_REGIONS else ""
