"""The SOQL subset the connectors use: SELECT f, ... FROM Object [WHERE a AND b ...] [ORDER BY ...] [LIMIT n]."""

import re
from dataclasses import dataclass, field

from .wire import parse_datetime_ms

QUERY_RE = re.compile(
    r"^\s*SELECT\s+(?P<fields>.+?)\s+FROM\s+(?P<object>\w+)"
    r"(?:\s+WHERE\s+(?P<where>.+?))?"
    r"(?:\s+ORDER\s+BY\s+(?P<order>.+?))?"
    r"(?:\s+LIMIT\s+(?P<limit>\d+))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
CONDITION_RE = re.compile(
    r"^\s*(?P<field>[A-Za-z_][\w.]*)\s*(?P<op>!=|<>|>=|<=|=|>|<|NOT\s+IN\b|IN\b|LIKE\b)\s*(?P<value>.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SoqlError(ValueError):
    """A query the sandbox cannot parse (-> MALFORMED_QUERY)."""


@dataclass
class Condition:
    field: str
    op: str
    value: object  # str | float | bool | None | DateTimeLiteral | list


@dataclass(frozen=True)
class DateTimeLiteral:
    ms: int


@dataclass(frozen=True)
class DateLiteral:
    text: str


@dataclass
class Query:
    object: str
    fields: list
    conditions: list = field(default_factory=list)
    order: list = field(default_factory=list)  # [(field, descending)]
    limit: int | None = None
    count_only: bool = False


def _split_top_level(text: str, separator: str) -> list:
    """Split on a keyword (" AND ") outside quotes and parentheses."""
    parts, depth, quoted, start, index = [], 0, False, 0, 0
    upper = text.upper()
    while index < len(text):
        char = text[index]
        if char == "'" and (index == 0 or text[index - 1] != "\\"):
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and upper.startswith(separator, index):
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


def parse_literal(text: str):
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return [parse_literal(part) for part in _split_top_level(text[1:-1], ",") if part.strip()]
    if text.startswith("'") and text.endswith("'") and len(text) >= 2:
        return text[1:-1].replace("\\'", "'")
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if DATETIME_RE.match(text):
        return DateTimeLiteral(parse_datetime_ms(text))
    if DATE_RE.match(text):
        return DateLiteral(text)
    try:
        return float(text)
    except ValueError:
        raise SoqlError(f"unexpected token: '{text}'") from None


def parse(soql: str) -> Query:
    found = QUERY_RE.match(soql)
    if not found:
        raise SoqlError("unexpected token: could not parse the query")
    raw_fields = [f.strip() for f in found.group("fields").split(",")]
    count_only = [f.upper() for f in raw_fields] == ["COUNT()"]
    if not all(raw_fields):
        raise SoqlError("unexpected token: ','")
    query = Query(found.group("object"), [] if count_only else raw_fields, count_only=count_only)
    where = found.group("where")
    if where:
        if re.search(r"\bOR\b", where, re.IGNORECASE) and not re.search(
            r"'[^']*\bOR\b[^']*'", where, re.IGNORECASE
        ):
            raise SoqlError("unexpected token: 'OR' (the sandbox supports AND only)")
        for part in _split_top_level(where, " AND "):
            condition = CONDITION_RE.match(part)
            if not condition:
                raise SoqlError(f"unexpected token: '{part.strip()}'")
            op = " ".join(condition.group("op").upper().split())
            query.conditions.append(Condition(condition.group("field"), "!=" if op == "<>" else op,
                                              parse_literal(condition.group("value"))))  # fmt: skip
    if found.group("order"):
        for part in found.group("order").split(","):
            words = part.split()
            if not words or len(words) > 4:
                raise SoqlError(f"unexpected token: '{part.strip()}'")
            query.order.append((words[0], len(words) > 1 and words[1].upper() == "DESC"))
    if found.group("limit"):
        query.limit = int(found.group("limit"))
    return query
