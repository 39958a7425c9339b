"""Read-after-write checks: does the CRM now hold the value we planned?"""

import math
import random
from datetime import datetime

from django.utils.dateparse import parse_datetime

from mappings_app.coercion import ValueRejected, coerce_to_field
from mappings_app.models import FieldType, Owner


def needs_verification(*, outcome_id: int, owner: str, sample_rate: float) -> bool:
    """Hybrid fields always; others by a sample that is stable per outcome (a retry draws the same)."""
    if owner == Owner.HYBRID or sample_rate >= 1:
        return True
    if sample_rate <= 0:
        return False
    return random.Random(outcome_id).random() < sample_rate  # noqa: S311 - sampling, not crypto


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def values_match(planned, actual, field) -> bool:
    """True when the CRM's value (as the connector read it, often text) equals the planned value."""
    if is_empty(planned) or is_empty(actual):
        return is_empty(planned) and is_empty(actual)
    try:
        normalised = coerce_to_field(actual, field)
    except ValueRejected:
        return False
    if field.field_type in (FieldType.NUMBER, FieldType.INTEGER):
        return math.isclose(float(normalised), float(planned), rel_tol=1e-9, abs_tol=1e-9)
    if field.field_type == FieldType.DATETIME:
        return _moment(normalised) == _moment(planned)
    if field.field_type == FieldType.MULTIPICKLIST:
        return sorted(normalised) == sorted(planned)
    return normalised == planned


def _moment(value) -> datetime | None:
    return parse_datetime(value.replace("Z", "+00:00")) if isinstance(value, str) else value
