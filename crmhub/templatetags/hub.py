"""Template filters for plain words: moments without microseconds (the browser shows them in local time), labels
instead of stored enum values, and match strengths in words."""

import json
import math
from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html

from crmhub.models import ConnectionStatus, Provider
from crmhub.writeback.models import FailureKind, InboundStatus, OutcomeStatus
from mappings_app.models import (
    ConflictPolicy,
    ConsentPurpose,
    DataClass,
    FlowMode,
    NullPolicy,
    Owner,
    SourceType,
    Transform,
)

register = template.Library()

CHOICES = {
    "owner": Owner,
    "conflict_policy": ConflictPolicy,
    "transform": Transform,
    "null_policy": NullPolicy,
    "source_type": SourceType,
    "flow_mode": FlowMode,
    "provider": Provider,
    "connection_status": ConnectionStatus,
    "inbound_status": InboundStatus,
    "outcome_status": OutcomeStatus,
    "failure_kind": FailureKind,
    "data_class": DataClass,
    "consent_purpose": ConsentPurpose,
}


@register.filter
def when(value, empty: str = "—") -> str:
    """A moment as `<time>`, the one way every page shows one: UTC to the second in the page, the reader's
    locale and time zone once static/js/hub.js has run, and the full moment (seconds, zone, UTC) on hover.
    `empty` is the text for no moment (`started_at|when:"queued"`)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return empty
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    moment = value.astimezone(UTC).replace(microsecond=0)
    shown = moment.strftime("%Y-%m-%d %H:%M:%S")
    return format_html(
        '<time datetime="{}" title="{} UTC" data-local>{} UTC</time>', moment.isoformat(), shown, shown
    )


@register.filter
def label(value, kind: str = "") -> str:
    """The human label of a stored choice value (`rep_owned|label:"owner"` → "Rep-owned"); an unknown value
    reads with its underscores as spaces."""
    if value in (None, ""):
        return "—"
    choices = CHOICES.get(kind)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return str(value).replace("_", " ").capitalize()


@register.filter
def labels(values, kind: str = "") -> str:
    """A list of stored choice values as their labels, comma separated (empty: "")."""
    return ", ".join(label(value, kind) for value in values or [])


@register.filter
def sent_value(value) -> str:
    """A value as a destination receives it, in JSON's words (true, not True; an object as JSON), "—" for
    none: what the lineage page shows as sent."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


MATCH_WORDS = ((0.97, "strong match"), (0.85, "likely match"), (0.5, "possible match"))


@register.filter
def match_strength(probability) -> str:
    """A match probability (0 to 1) in words with its percentage: 0.993 → "strong match (99 %)"."""
    try:
        p = float(probability)
    except (TypeError, ValueError):
        return "—"
    if math.isnan(p):
        return "—"
    word = next((text for floor, text in MATCH_WORDS if p >= floor), "weak match")
    return f"{word} ({math.floor(p * 100)} %)"


@register.filter
def percent(share, digits: int = 0) -> str:
    """A share (0 to 1) as a percentage: 0.95 → "95 %"."""
    try:
        value = float(share) * 100
    except (TypeError, ValueError):
        return "—"
    return f"{value:.{int(digits)}f} %"
