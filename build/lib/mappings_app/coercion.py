"""Run-time transform and coercion of one source value into a CRM field's type.

A value that does not fit raises `ValueRejected` with a reason a sales-ops person can read;
it is never sent to the CRM.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.dateparse import parse_date, parse_datetime

from mappings_app.models import FieldType, NullPolicy, Transform

TRUE_WORDS = {"true", "yes", "y", "1", "on"}
FALSE_WORDS = {"false", "no", "n", "0", "off"}


class ValueRejected(ValueError):
    """The value cannot be written to the target field; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MappedValue:
    write: bool
    value: object = None
    only_if_empty: bool = False
    skip_reason: str = ""


def map_value(*, raw, transform: str, transform_params: dict, null_policy: str, target) -> MappedValue:
    """Apply a mapping's transform, null policy and the target's type to one raw value."""
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and target.field_type != FieldType.STRING):
        return _null_decision(null_policy, target)
    value = apply_transform(raw, transform, transform_params or {})
    if value is None:
        return _null_decision(null_policy, target)
    return MappedValue(
        write=True, value=coerce_to_field(value, target), only_if_empty=null_policy == NullPolicy.IF_EMPTY
    )


def mapping_map_value(mapping, raw) -> MappedValue:
    """Apply one field mapping (its transform, null policy and target field) to a raw value."""
    return map_value(
        raw=raw,
        transform=mapping.transform,
        transform_params=mapping.transform_params,
        null_policy=mapping.null_policy,
        target=mapping.crm_field,
    )


def _null_decision(null_policy: str, target) -> MappedValue:
    if null_policy == NullPolicy.WRITE:
        if not target.nillable:
            raise ValueRejected(f"{target.name} cannot be emptied: the CRM requires a value.")
        return MappedValue(write=True, value=None)
    return MappedValue(write=False, skip_reason="the source value is empty")


def apply_transform(value, transform: str, params: dict):
    if transform in ("", Transform.NONE):
        return value
    if transform == Transform.TRIM:
        return _each_string(value, str.strip)
    if transform == Transform.LOWERCASE:
        return _each_string(value, str.lower)
    if transform == Transform.VALUE_MAP:
        return _value_map(value, params)
    if transform == Transform.ROUND:
        return _round(value, int(params.get("digits", 0)))
    if transform == Transform.TO_UTC:
        return _to_utc(value, params.get("assume_tz"))
    if transform == Transform.PARSE_DATE:
        return _parse_date_text(value, params)
    raise ValueRejected(f"Unknown transform {transform!r}.")


def _each_string(value, func):
    if isinstance(value, list):
        return [func(item) if isinstance(item, str) else item for item in value]
    return func(value) if isinstance(value, str) else value


def _value_map(value, params):
    table = {str(key): mapped for key, mapped in params.get("map", {}).items()}

    def lookup(item):
        key = str(item).lower() if isinstance(item, bool) else str(item)
        if key in table:
            return table[key]
        if "default" in params:
            return params["default"]
        raise ValueRejected(f"{item!r} is not in the mapping's value map.")

    if isinstance(value, list):
        return [lookup(item) for item in value]
    return lookup(value)


def _round(value, digits: int):
    number = _to_decimal(value)
    rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    return int(rounded) if digits == 0 else float(rounded)


def _to_utc(value, assume_tz):
    moment = _to_datetime(value, assume_tz=assume_tz)
    return moment.astimezone(UTC)


def _parse_date_text(value, params):
    if not isinstance(value, str):
        raise ValueRejected(f"Cannot parse a date from {value!r}: not text.")
    text = value.strip()
    fmt = params.get("format")
    if fmt:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError as exc:
            raise ValueRejected(f"{text!r} does not match the date format {fmt!r}.") from exc
    parsed = _parse_date(text)
    if parsed is None:
        moment = _parse_datetime(text)
        parsed = moment.date() if moment else None
    if parsed is None:
        raise ValueRejected(f"{text!r} is not a date (expected YYYY-MM-DD).")
    return parsed


def _parse_date(text: str) -> date | None:
    """Django's parse_date, with an impossible date ("2024-02-30") rejected instead of raising ValueError."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValueRejected(f"{text!r} is not a real date: {exc}.") from exc


def _parse_datetime(text: str) -> datetime | None:
    try:
        return parse_datetime(text)
    except ValueError as exc:
        raise ValueRejected(f"{text!r} is not a real date and time: {exc}.") from exc


def coerce_to_field(value, target):
    """Turn a transformed value into the JSON-ready value for the target's type, or reject it."""
    coercer = _COERCERS[target.field_type]
    return coercer(value, target)


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueRejected(f"{value!r} is a boolean, not a number.")
    try:
        number = Decimal(str(value).strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueRejected(f"{value!r} is not a number.") from exc
    if not number.is_finite():
        raise ValueRejected(f"{value!r} is not a finite number.")
    return number


def _coerce_number(value, target):
    number = float(_to_decimal(value))
    if math.isinf(number):
        raise ValueRejected(f"{value!r} is too large.")
    return number


def _coerce_integer(value, target):
    number = _to_decimal(value)
    if number != number.to_integral_value():
        raise ValueRejected(f"{value!r} is not a whole number; add a rounding transform to write it.")
    return int(number)


def _coerce_boolean(value, target):
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueRejected(f"{value!r} is not true or false.")


def _coerce_text(value, target):
    if isinstance(value, datetime):
        text = value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, list):
        text = "; ".join(str(item) for item in value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    if target.max_length and len(text) > target.max_length:
        raise ValueRejected(f"{len(text)} characters do not fit {target.name} (at most {target.max_length}).")
    return text


def _coerce_email(value, target):
    text = _coerce_text(value, target).strip()
    try:
        validate_email(text)
    except ValidationError as exc:
        raise ValueRejected("The value is not a valid email address.") from exc
    return text


def _coerce_url(value, target):
    text = _coerce_text(value, target).strip()
    try:
        URLValidator()(text)
    except ValidationError as exc:
        raise ValueRejected(f"{text!r} is not a valid URL.") from exc
    return text


def _coerce_phone(value, target):
    text = _coerce_text(value, target).strip()
    if sum(ch.isdigit() for ch in text) < 5:
        raise ValueRejected("The value is not a phone number.")
    return text


def _to_datetime(value, assume_tz=None) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = _parse_datetime(value.strip().replace("+0000", "+00:00"))
        if moment is None:
            day = _parse_date(value.strip())
            if day is None:
                raise ValueRejected(f"{value!r} is not a date and time (expected ISO 8601).")
            moment = datetime(day.year, day.month, day.day)
    else:
        raise ValueRejected(f"{value!r} is not a date and time.")
    if moment.tzinfo is None:
        if isinstance(value, date) and not isinstance(value, datetime):
            return moment.replace(tzinfo=UTC)
        if not assume_tz:
            raise ValueRejected(f"{value!r} has no time zone; set 'assume_tz' on a to_utc transform.")
        moment = moment.replace(tzinfo=ZoneInfo(assume_tz))
    return moment


def _coerce_datetime(value, target):
    return _to_datetime(value).astimezone(UTC).isoformat().replace("+00:00", "Z")


def _coerce_date(value, target):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueRejected(f"{value!r} has no time zone, so its date is ambiguous.")
        return value.astimezone(UTC).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        day = _parse_date(value.strip())
        if day is None:
            return _coerce_date(_to_datetime(value), target)
        return day.isoformat()
    raise ValueRejected(f"{value!r} is not a date.")


def _check_option(option: str, target) -> str:
    if target.external_options or option in (target.picklist_options or []):
        return option
    raise ValueRejected(f"{option!r} is not an allowed option of {target.name}.")


def _coerce_picklist(value, target):
    if isinstance(value, list | dict):
        raise ValueRejected(f"{target.name} takes a single option, not {type(value).__name__}.")
    option = _coerce_text(value, target)
    return _check_option(option, target)


def _coerce_multipicklist(value, target):
    items = value if isinstance(value, list) else [part.strip() for part in str(value).split(";")]
    return [_check_option(str(item), target) for item in items if str(item) != ""]


def _coerce_reference(value, target):
    text = _coerce_text(value, target).strip()
    if not text:
        raise ValueRejected("A reference needs a record id.")
    return text


_COERCERS = {
    FieldType.STRING: _coerce_text,
    FieldType.TEXT: _coerce_text,
    FieldType.EMAIL: _coerce_email,
    FieldType.PHONE: _coerce_phone,
    FieldType.URL: _coerce_url,
    FieldType.NUMBER: _coerce_number,
    FieldType.INTEGER: _coerce_integer,
    FieldType.BOOLEAN: _coerce_boolean,
    FieldType.DATE: _coerce_date,
    FieldType.DATETIME: _coerce_datetime,
    FieldType.PICKLIST: _coerce_picklist,
    FieldType.MULTIPICKLIST: _coerce_multipicklist,
    FieldType.REFERENCE: _coerce_reference,
}
