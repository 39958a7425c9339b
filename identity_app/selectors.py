"""Reads for identity reconciliation."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from identity_app import normalise_emails, normalise_names
from identity_app.attributes import (
    display_values,
    displays_name_alike,
    entity_kind_for_object,
    merged_attribute_map,
)
from identity_app.blocking import DEFAULT_BLOCKING_RULES, ORGANISATION_BLOCKING_RULES
from identity_app.models import (
    IdentifierKind,
    IdentityLink,
    IdentityRuleSet,
    MirrorIdentifier,
    MirrorRecord,
    ReviewItem,
    ReviewStatus,
    ValidationRun,
    WeightEstimate,
)
from mappings_app.models import Flow

VIEW_PERMISSION = "identity_app.view_reviewitem"
RESOLVE_PERMISSION = "identity_app.resolve_reviewitem"


def flows_for_object(*, connection, object_name: str) -> QuerySet[Flow]:
    return Flow.objects.filter(connection=connection, crm_object__name=object_name)


def rule_sets_for_object(*, connection, object_name: str) -> list[IdentityRuleSet]:
    return list(
        IdentityRuleSet.objects.filter(
            flow__connection=connection, flow__crm_object__name=object_name
        ).order_by("flow_id")
    )


def mirror_config(*, connection, object_name: str) -> dict:
    """What the mirror must store for this object so that every flow into it can resolve.

    The attribute map merges the flows' extra attributes and their declared types; blocking rules and
    external-id fields are the union over the flows; phone numbers without a country prefix use the first
    flow's region, and the records' kind (person, organisation, deal) is the first flow's, or what the
    object's name says when no flow has rules yet.
    """
    rule_sets = rule_sets_for_object(connection=connection, object_name=object_name)
    kind = rule_sets[0].entity_kind if rule_sets else entity_kind_for_object(object_name)
    extra_fields: dict[str, list[str]] = {}
    attribute_types: dict[str, str] = {}
    defaults = ORGANISATION_BLOCKING_RULES if kind == "organisation" else DEFAULT_BLOCKING_RULES
    blocking = [tuple(rule) for rule in defaults]
    external_id_fields: list[str] = []
    for rule_set in rule_sets:
        for attribute, kind_of_value in rule_set.attribute_types.items():
            attribute_types.setdefault(attribute, kind_of_value)
        for attribute, fields in rule_set.mirror_fields.items():
            extra_fields.setdefault(attribute, [])
            extra_fields[attribute] += [f for f in ([fields] if isinstance(fields, str) else fields)]
        blocking += [tuple(rule) for rule in rule_set.blocking_rules if tuple(rule) not in blocking]
        if rule_set.external_id_field and rule_set.external_id_field not in external_id_fields:
            external_id_fields.append(rule_set.external_id_field)
    return {
        "attribute_map": merged_attribute_map(extra_fields),
        "blocking_rules": blocking,
        "external_id_fields": external_id_fields,
        "region": (rule_sets[0].default_region if rule_sets else "") or "US",
        "kind": kind,
        "attribute_types": attribute_types,
    }


def mirror_record_get(*, connection, object_name: str, crm_id: str) -> MirrorRecord | None:
    return MirrorRecord.objects.filter(connection=connection, object_name=object_name, crm_id=crm_id).first()


def review_items_for(
    *,
    user,
    status: str | None = ReviewStatus.OPEN,
    flow_id: int | None = None,
    reason: str | None = None,
    assignee_id: int | None = None,
) -> QuerySet[ReviewItem]:
    """The review queue as this user may see it, newest first, ready for a list page."""
    if not user.has_perm(VIEW_PERMISSION):
        return ReviewItem.objects.none()
    items = ReviewItem.objects.select_related("flow", "flow__crm_object", "assignee", "resolved_by")
    if status:
        items = items.filter(status=status)
    if flow_id:
        items = items.filter(flow_id=flow_id)
    if reason:
        items = items.filter(reason=reason)
    if assignee_id:
        items = items.filter(assignee_id=assignee_id)
    return items


def validation_runs_for_flow(*, flow) -> QuerySet[ValidationRun]:
    return ValidationRun.objects.filter(flow=flow)


def has_validation_run(*, flow) -> bool:
    return ValidationRun.objects.filter(flow=flow).exists()


def latest_model_problems(*, flow) -> list[str]:
    """What the flow's latest validation run flagged in its weights (none when it has no run)."""
    latest = ValidationRun.objects.filter(flow=flow).order_by("-created_at", "-id").first()
    return list(latest.model_problems) if latest else []


def latest_weight_estimate(*, flow):
    return WeightEstimate.objects.filter(flow=flow).order_by("-created_at", "-id").first()


# -- review queue pages and API (added by the review queue helper) -------------------------------------------

REVIEW_ITEM_ORDER = ("-created_at", "-id")
INBOUND_META_KEYS = ("source_system", "external_id", "crm_id", "attributes")


def review_queue_items(*, user) -> QuerySet[ReviewItem]:
    """The review items `user` may see, newest first (filtered by identity_app.filtersets)."""
    if not user.has_perm(VIEW_PERMISSION):
        return ReviewItem.objects.none()
    return ReviewItem.objects.select_related("flow", "assignee").order_by(*REVIEW_ITEM_ORDER)


def _after(item: ReviewItem) -> Q:
    """Items that come after `item` in the queue order (older, or as old with a smaller id)."""
    return Q(created_at__lt=item.created_at) | Q(created_at=item.created_at, id__lt=item.pk)


def review_item_neighbours(*, items: QuerySet[ReviewItem], item: ReviewItem) -> tuple[int | None, int | None]:
    """Ids of the items just before and just after `item` in the (filtered) queue order."""
    before = Q(created_at__gt=item.created_at) | Q(created_at=item.created_at, id__gt=item.pk)
    previous_id = items.filter(before).order_by("created_at", "id").values_list("id", flat=True).first()
    next_id = items.filter(_after(item)).order_by(*REVIEW_ITEM_ORDER).values_list("id", flat=True).first()
    return previous_id, next_id


def review_item_next_open(*, items: QuerySet[ReviewItem], after: ReviewItem) -> int | None:
    """The next open item after `after` in the queue order, wrapping to the newest; None when none is left."""
    open_items = items.filter(status=ReviewStatus.OPEN).exclude(pk=after.pk).order_by(*REVIEW_ITEM_ORDER)
    following = open_items.filter(_after(after)).values_list("id", flat=True).first()
    return following or open_items.values_list("id", flat=True).first()


def review_assignees() -> QuerySet:
    """Active users who may resolve review items (directly, through a group, or as superusers)."""
    user_model = get_user_model()
    app_label, codename = RESOLVE_PERMISSION.split(".")
    through_group = Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label
    )
    direct = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return (
        user_model.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | through_group | direct)
        .distinct()
        .order_by("username")
    )


def review_item_tie(item: ReviewItem) -> list[str]:
    """CRM ids of the candidates tied with the best one (within the flow's tie margin when the item was
    made), or [] when the best candidate stands alone. Items stored before ties were flagged count
    candidates of exactly the best score."""
    candidates = item.candidates or []
    if len(candidates) < 2:
        return []
    if any("tied" in candidate for candidate in candidates):
        tied = [candidate["crm_id"] for candidate in candidates if candidate.get("tied")]
        return tied if candidates[0].get("tied") and len(tied) > 1 else []
    best = candidates[0].get("score")
    tied = [candidate["crm_id"] for candidate in candidates if candidate.get("score") == best]
    return tied if len(tied) > 1 else []


def review_item_tie_may_be_duplicates(item: ReviewItem, tie: list[str]) -> bool:
    """Whether the tied CRM records (`review_item_tie`) could be one record written twice: their names do not
    clearly differ (`attributes.displays_name_alike`). Colleagues who tie are different records."""
    tied = set(tie)
    return displays_name_alike(
        [candidate.get("display") for candidate in item.candidates or [] if candidate.get("crm_id") in tied]
    )


def review_item_inbound_summary(item: ReviewItem) -> dict:
    """Name, email, company and phone of the inbound record as received, for the queue and the API."""
    payload = item.payload if isinstance(item.payload, dict) else {}
    values = {key: value for key, value in payload.items() if key not in INBOUND_META_KEYS}
    if isinstance(payload.get("attributes"), dict):
        values.update(payload["attributes"])
    shown = display_values(values)
    name = shown.get("full_name") or " ".join(filter(None, (shown.get("first_name"), shown.get("last_name"))))
    return {
        "name": name,
        "email": shown.get("emails", ""),
        "company": shown.get("company_name", ""),
        "phone": shown.get("phone", ""),
    }


def identity_links_search() -> QuerySet[IdentityLink]:
    """Identity links, newest first (filtered by identity_app.filtersets)."""
    return IdentityLink.objects.select_related("connection", "created_by").order_by("-created_at", "-id")


def mirror_records_search(
    *,
    connection_id: int | None = None,
    object_name: str = "",
    crm_id: str = "",
    email: str = "",
    name: str = "",
    domain: str = "",
) -> QuerySet[MirrorRecord]:
    """Mirror records for a reviewer looking for "another CRM id": by exact CRM id, email, name or the
    registrable domain of the work address."""
    records = MirrorRecord.objects.select_related("connection").order_by("object_name", "crm_id")
    if connection_id:
        records = records.filter(connection_id=connection_id)
    if object_name:
        records = records.filter(object_name=object_name)
    if crm_id:
        records = records.filter(crm_id=crm_id.strip())
    if email:
        address = normalise_emails.email(email)
        matching = MirrorIdentifier.objects.filter(kind=IdentifierKind.EMAIL, value=address).values(
            "record_id"
        )
        records = records.filter(id__in=matching)
    if name:
        for word in normalise_names.name(name).split():
            records = records.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if domain:
        records = records.filter(email_domain=normalise_emails.registrable_domain(domain.strip().lower()))
    return records


MIRROR_FIND_LIMIT = 10
# The longest search term read: no name, email or CRM id is longer, and a longer one costs the database a
# pattern per word (SQLite refuses a LIKE pattern over 50,000 bytes).
MIRROR_SEARCH_MAX_LENGTH = 200


def mirror_records_find(*, connection_id: int, object_name: str, text: str) -> list[MirrorRecord]:
    """What a reviewer typed into the review item's search box, read as an email ("@"), a domain (a dot and no
    space), a CRM id, or a name; live records of the item's object only, at most MIRROR_FIND_LIMIT."""
    text = text.strip()
    if not text:
        return []
    scope = {"connection_id": connection_id, "object_name": object_name}
    if "@" in text:
        found = mirror_records_search(**scope, email=text)
    elif "." in text and " " not in text:
        found = mirror_records_search(**scope, domain=text)
    else:
        found = mirror_records_search(**scope, crm_id=text)
        if not found.exists():
            found = mirror_records_search(**scope, name=text)
    live = found.filter(is_deleted=False, merged_into="")
    return list(live[:MIRROR_FIND_LIMIT])


def validation_runs_list() -> QuerySet[ValidationRun]:
    """Validation runs, newest first (filtered by identity_app.filtersets)."""
    return ValidationRun.objects.select_related("flow", "flow__connection", "created_by").order_by(
        "-created_at", "-id"
    )


def mirror_people(*, connection_id: int, object_name: str, crm_ids: list[str]) -> dict[str, str]:
    """CRM id -> who the mirror says the record is ("Jane Doe <jane@acme.com>"), for pages that list records."""
    found = MirrorRecord.objects.filter(
        connection_id=connection_id, object_name=object_name, crm_id__in=crm_ids
    ).only("crm_id", "first_name", "last_name", "company_name", "emails", "display")
    return {record.crm_id: mirror_record_label(record) for record in found}


def mirror_record_label(record: MirrorRecord) -> str:
    """ "Jane Doe <jane@acme.com>" as the CRM spells it (the display values), else from the normalised ones."""
    display = record.display or {}
    name = display.get("full_name") or " ".join(
        filter(
            None,
            (display.get("first_name") or record.first_name, display.get("last_name") or record.last_name),
        )
    )
    name = name or display.get("company_name") or record.company_name
    email = display.get("emails") or (record.emails[0] if record.emails else "")
    if isinstance(email, list):
        email = email[0] if email else ""
    return f"{name} <{email}>" if name and email else (name or email)
