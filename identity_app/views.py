"""Browser pages of the review queue, validation runs and identity links.

Reads go through `identity_app.selectors`, every decision through `identity_app.services`; the services check
permissions again and raise `ApplicationError`s, which become messages here.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.paging import page_of
from crmhub.core.permissions import capability_check, require_capability
from identity_app import selectors, services, training
from identity_app.filtersets import (
    ALL_STATUSES,
    IdentityLinkPageFilterSet,
    ReviewQueueFilterSet,
    ValidationRunFilterSet,
)
from identity_app.forms import (
    AssignForm,
    BulkActionForm,
    LinkForm,
    NoteForm,
    ValidationRunForm,
)
from identity_app.models import ReviewItem, ReviewStatus, ValidationRun
from mappings_app.models import Flow

MAX_CANDIDATES = 5
VIEW_ITEM = selectors.VIEW_PERMISSION
RESOLVE = services.RESOLVE_PERMISSION
ASSIGN = services.ASSIGN_PERMISSION
VIEW_RUN = "identity_app.view_validationrun"
START_RUN = services.VALIDATE_PERMISSION
VIEW_LINK = "identity_app.view_identitylink"
QUEUE_FILTERS = ("status", "flow", "reason", "age", "assignee")
# Comparison levels that mean "the two sides agree" / "they disagree"; anything else is a partial agreement.
AGREEING_LEVELS = {"exact", "unique key"}
DISAGREEING_LEVELS = {"different"}


# ---------------------------------------------------------------- helpers


def _error_text(exc: ApplicationError) -> str:
    return " ".join([exc.message, *exc.problems])


def _queue_query(params) -> str:
    """The queue filters of a request as a query string, carried from the queue to items and back."""
    return urlencode([(name, params[name]) for name in QUEUE_FILTERS if params.get(name)])


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _queue_filter(request, data=None, assignees=None):
    queryset = selectors.review_queue_items(user=request.user)
    return page_filter(ReviewQueueFilterSet, request, queryset, data, assignees=assignees)


def _filtered_items(request, *, any_status: bool = False):
    """The queue's items under the filters the request carries (of any status, with `any_status`)."""
    data = request.GET.copy()
    if any_status:
        data["status"] = ALL_STATUSES
    return _queue_filter(request, data).rows


def _user_label(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


# ---------------------------------------------------------------- queue


@dataclass
class QueueRow:
    item: ReviewItem
    inbound: dict
    top: dict | None

    @property
    def reason_label(self) -> str:
        return self.item.reason.replace("_", " ")


@require_capability(VIEW_ITEM)
def queue(request):
    assignees = list(selectors.review_assignees())
    filterset = _queue_filter(request, assignees=assignees)
    form = filterset.form
    page = page_of(request, filterset.rows)
    rows = [
        QueueRow(
            item=item,
            inbound=selectors.review_item_inbound_summary(item),
            top=_top_candidate(item.candidates),
        )
        for item in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "queue_query": _queue_query(request.GET),
        "bulk_form": BulkActionForm(assignees=assignees),
        "can_resolve": request.user.has_perm(RESOLVE),
        "can_assign": request.user.has_perm(ASSIGN),
    }
    return render(request, "identity/queue.html", context)


def _bulk_items(ids: list[int]) -> list[ReviewItem]:
    return list(ReviewItem.objects.filter(pk__in=ids).select_related("flow").order_by("pk"))


def _bulk_link_top(request, items, data) -> str:
    with_top = [item for item in items if item.candidates]
    skipped = [f"#{item.pk}" for item in items if not item.candidates]
    result = services.review_items_link_top_candidate(items=with_top, actor=request.user, note=data["note"])
    message = f"Linked {len(result.linked)} item(s) to their top candidate."
    if skipped:
        message += f" Skipped (no candidate): {', '.join(skipped)}."
    if result.tied:
        tied = ", ".join(f"#{pk}" for pk in result.tied)
        message += f" Skipped {len(result.tied)} tied item(s), which a person must decide: {tied}."
    return message


def _bulk_dismiss(request, items, data) -> str:
    count = services.review_items_dismiss(items=items, actor=request.user, note=data["note"])
    return f"Dismissed {count} item(s)."


def _bulk_assign(request, items, data) -> str:
    assignee = None
    if data["action"] == "assign_me":
        assignee = request.user
    elif data["assignee"]:
        assignee = get_user_model().objects.filter(pk=data["assignee"]).first()
    count = services.review_items_assign(items=items, assignee=assignee, actor=request.user)
    return (
        f"Assigned {count} item(s) to {_user_label(assignee)}."
        if assignee
        else f"Unassigned {count} item(s)."
    )


# action -> (handler, permission)
BULK_HANDLERS = {
    "assign_me": (_bulk_assign, ASSIGN),
    "assign": (_bulk_assign, ASSIGN),
    "dismiss": (_bulk_dismiss, RESOLVE),
    "link_top": (_bulk_link_top, RESOLVE),
}


@require_POST
@require_capability(VIEW_ITEM)
def queue_bulk(request):
    # Refused before the form is read: someone who may take no bulk action at all gets a 403, whatever they sent.
    capability_check(request.user, *{permission for _, permission in BULK_HANDLERS.values()}, any_of=True)
    back = _with_query(reverse("identity:queue"), request.GET.urlencode())
    form = BulkActionForm(request.POST, assignees=selectors.review_assignees())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    handler, permission = BULK_HANDLERS[form.cleaned_data["action"]]
    capability_check(request.user, permission)
    items = _bulk_items(form.cleaned_data["ids"])
    if not items:
        messages.error(request, "None of the selected items exists any more.")
        return redirect(back)
    try:
        messages.success(request, handler(request, items, form.cleaned_data))
    except ApplicationError as exc:
        messages.error(request, f"Nothing was changed: {_error_text(exc)}")
    return redirect(back)


# ---------------------------------------------------------------- detail


@dataclass
class Cell:
    value: str
    level: str = ""
    weight: float | None = None
    state: str = "missing"  # agree, partial, differ, missing (not compared)

    @property
    def words(self) -> str:
        """The level as a reviewer reads it ("similar", not "similarity >= 0.9": the label is its title)."""
        if self.level.startswith("similarity >="):
            return "similar"
        return {"exact": "same"}.get(self.level, self.level)


@dataclass
class ComparisonRow:
    attribute: str
    inbound: str
    cells: list[Cell] = field(default_factory=list)


def _state(level: str) -> str:
    if level in AGREEING_LEVELS:
        return "agree"
    if level in DISAGREEING_LEVELS:
        return "differ"
    return "partial"


def _attribute_order(candidates: list[dict]) -> list[str]:
    order: dict[str, None] = {}
    for candidate in candidates:
        for contribution in candidate.get("contributions") or []:
            order.setdefault(contribution["attribute"], None)
    for candidate in candidates:
        for attribute in candidate.get("attributes") or {}:
            order.setdefault(attribute, None)
    return list(order)


def comparison_rows(candidates: list[dict]) -> list[ComparisonRow]:
    """One row per attribute: the inbound value beside each candidate's, with its level and weight."""
    by_candidate = [
        {c["attribute"]: c for c in candidate.get("contributions") or []} for candidate in candidates
    ]
    rows = []
    for attribute in _attribute_order(candidates):
        compared = [contributions[attribute] for contributions in by_candidate if attribute in contributions]
        row = ComparisonRow(attribute=attribute, inbound=_shown(compared[0]["inbound"] if compared else None))
        for candidate, contributions in zip(candidates, by_candidate, strict=True):
            contribution = contributions.get(attribute)
            if contribution is None:
                row.cells.append(Cell(value=_shown((candidate.get("attributes") or {}).get(attribute))))
                continue
            row.cells.append(
                Cell(
                    value=_shown(contribution["candidate"]),
                    level=contribution["level"],
                    weight=contribution["weight"],
                    state=_state(contribution["level"]),
                )
            )
        rows.append(row)
    return rows


def _inbound_attributes(payload) -> list[tuple[str, str]]:
    if not isinstance(payload, dict):
        return []
    values = {k: v for k, v in payload.items() if k not in selectors.INBOUND_META_KEYS}
    if isinstance(payload.get("attributes"), dict):
        values.update(payload["attributes"])
    return [(name, _shown(value)) for name, value in values.items()]


def _top_candidate(candidates: list[dict]) -> dict | None:
    if not candidates:
        return None
    return {**candidates[0], "shown": _candidate_summary(candidates[0])}


def _candidate_summary(candidate: dict) -> dict:
    display = candidate.get("display") or {}
    name = display.get("full_name") or " ".join(
        filter(None, (display.get("first_name"), display.get("last_name")))
    )
    return {"name": name, "email": display.get("emails", ""), "company": display.get("company_name", "")}


def _tied(candidates: list[dict], tie: list[str]) -> list[dict]:
    """The tied CRM records with the name a reviewer knows them by (the id alone when not shown)."""
    shown = {candidate["crm_id"]: candidate["shown"] for candidate in candidates}
    return [
        {
            "crm_id": crm_id,
            "name": (shown.get(crm_id) or {}).get("name") or (shown.get(crm_id) or {}).get("company"),
        }
        for crm_id in tie
    ]


def _item_for_detail(pk: int) -> ReviewItem:
    return get_object_or_404(
        ReviewItem.objects.select_related("flow__connection", "flow__crm_object", "assignee", "resolved_by"),
        pk=pk,
    )


@require_capability(VIEW_ITEM)
def item_detail(request, pk: int):
    item = _item_for_detail(pk)
    assignees = list(selectors.review_assignees())
    previous_id, next_id = selectors.review_item_neighbours(items=_filtered_items(request), item=item)
    candidates = [
        {**candidate, "shown": _candidate_summary(candidate)}
        for candidate in item.candidates[:MAX_CANDIDATES]
    ]
    is_open = item.status == ReviewStatus.OPEN
    query = _queue_query(request.GET)
    find = request.GET.get("find", "")[: selectors.MIRROR_SEARCH_MAX_LENGTH]
    context = {
        "item": item,
        "inbound": selectors.review_item_inbound_summary(item),
        "inbound_attributes": _inbound_attributes(item.payload),
        "candidates": candidates,
        "tie": _tied(candidates, tie := selectors.review_item_tie(item)),
        "tie_alike": selectors.review_item_tie_may_be_duplicates(item, tie),
        "rows": comparison_rows(candidates),
        "queue_query": query,
        "queue_url": _with_query(reverse("identity:queue"), query),
        "previous_url": _with_query(reverse("identity:item", args=[previous_id]), query)
        if previous_id
        else "",
        "next_url": _with_query(reverse("identity:item", args=[next_id]), query) if next_id else "",
        **_creation_preview(item, is_open and item.flow.allow_creates and request.user.has_perm(RESOLVE)),
        "can_resolve": is_open and request.user.has_perm(RESOLVE),
        "can_assign": is_open and request.user.has_perm(ASSIGN),
        "find": find,
        "queue_params": [(name, request.GET[name]) for name in QUEUE_FILTERS if request.GET.get(name)],
        "found": [
            (record, selectors.mirror_record_label(record))
            for record in selectors.mirror_records_find(
                connection_id=item.flow.connection_id, object_name=item.flow.crm_object.name, text=find
            )
        ]
        if find and is_open
        else [],
        "link_form": LinkForm(),
        "note_form": NoteForm(),
        "assign_form": AssignForm(assignees=assignees, initial={"assignee": item.assignee_id or ""}),
    }
    return render(request, "identity/item_detail.html", context)


def _creation_preview(item: ReviewItem, wanted: bool) -> dict:
    """What "create new" would write, or why it cannot, shown before the reviewer decides."""
    if not wanted:
        return {}
    try:
        return {"creation_values": services.creation_values(item)}
    except ApplicationError as exc:
        return {"creation_problem": _error_text(exc)}


def _after_decision(request, item: ReviewItem):
    """The next open item of the same filter, or the queue when none is left."""
    query = _queue_query(request.GET)
    items = _filtered_items(request, any_status=True)
    next_id = selectors.review_item_next_open(items=items, after=item)
    if next_id:
        return redirect(_with_query(reverse("identity:item", args=[next_id]), query))
    messages.info(request, "No open item is left in this filter.")
    return redirect(_with_query(reverse("identity:queue"), query))


def _link(request, item: ReviewItem) -> str:
    form = LinkForm(request.POST)
    if not form.is_valid():
        raise ApplicationError("Say which CRM id to link to.")
    crm_id, note = form.cleaned_data["crm_id"], form.cleaned_data["note"]
    link = services.review_item_resolve(item=item, crm_id=crm_id, actor=request.user, note=note)
    item.refresh_from_db(fields=["resolved_crm_id"])
    where = f" (identity link {link.source_system}:{link.external_id})" if link else ""
    return f"Review #{item.pk} linked to CRM record {item.resolved_crm_id}{where}."


def _note(request) -> str:
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise ApplicationError("The note is longer than 2,000 characters.")
    return form.cleaned_data["note"]


def _dismiss(request, item: ReviewItem) -> str:
    services.review_item_dismiss(item=item, actor=request.user, note=_note(request))
    return f"Review #{item.pk} dismissed."


def _create_new(request, item: ReviewItem) -> str:
    created = services.review_item_create_new(item=item, actor=request.user, note=_note(request))
    return (
        f"Review #{item.pk}: created {item.flow.crm_object.name} record {created.resolved_crm_id} in the CRM "
        "and linked it; the writes held for this record continue."
    )


def _assign(request, item: ReviewItem) -> str:
    form = AssignForm(request.POST, assignees=selectors.review_assignees())
    if not form.is_valid():
        raise ApplicationError("Choose someone who may resolve review items.")
    choice = form.cleaned_data["assignee"]
    assignee = request.user if choice == "me" else get_user_model().objects.filter(pk=choice or None).first()
    services.review_item_assign(item=item, assignee=assignee, actor=request.user)
    return (
        f"Review #{item.pk} assigned to {_user_label(assignee)}."
        if assignee
        else f"Review #{item.pk} unassigned."
    )


# action -> (handler, permission, goes on to the next item)
ITEM_ACTIONS = {
    "link": (_link, RESOLVE, True),
    "dismiss": (_dismiss, RESOLVE, True),
    "create-new": (_create_new, RESOLVE, True),
    # Assigning is taking the item (or handing it over), not deciding it: stay on it.
    "assign": (_assign, ASSIGN, False),
}


@require_POST
@require_capability(VIEW_ITEM)
def item_action(request, pk: int, action: str):
    if action not in ITEM_ACTIONS:
        raise Http404("Unknown action.")
    handler, permission, moves_on = ITEM_ACTIONS[action]
    capability_check(request.user, permission)
    item = _item_for_detail(pk)
    try:
        messages.success(request, handler(request, item))
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
        moves_on = False
    if moves_on:
        return _after_decision(request, item)
    return redirect(_with_query(reverse("identity:item", args=[item.pk]), _queue_query(request.GET)))


# ---------------------------------------------------------------- validation runs


@require_capability(VIEW_RUN)
def validation_run_list(request):
    filterset = page_filter(ValidationRunFilterSet, request, selectors.validation_runs_list())
    flow_id = filterset.form.cleaned_data.get("flow")
    flow = Flow.objects.filter(pk=flow_id).first() if flow_id else None
    context = {
        "latest_estimate": selectors.latest_weight_estimate(flow=flow) if flow else None,
        "form": filterset.form,
        "page": page_of(request, filterset.rows),
        "can_start": request.user.has_perm(START_RUN),
    }
    return render(request, "identity/validation_run_list.html", context)


@require_capability(VIEW_RUN, START_RUN)
def validation_run_create(request):
    form = ValidationRunForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        flow = form.cleaned_data["flow"]
        upload = form.cleaned_data["csv_file"]
        records = list(form.inbound_file(flow.source_system))
        try:
            run = services.validation_run_create(
                flow=flow,
                records=records,
                actor=request.user,
                sample_size=form.cleaned_data["sample_size"],
                source_label=upload.name,
                estimate_weights=form.cleaned_data["estimate_weights"],
            )
        except ApplicationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            if run.weight_estimate and not run.weight_estimate.accepted:
                messages.error(request, run.weight_estimate.summary)
            elif run.weight_estimate:
                messages.success(request, run.weight_estimate.summary)
            messages.success(
                request, f"Validation run #{run.pk}: {run.total} record(s) resolved, nothing written."
            )
            for warning in form.warnings:
                messages.warning(request, warning)
            return redirect("identity:validation-run", pk=run.pk)
    status = 400 if form.is_bound else 200
    return render(request, "identity/validation_run_create.html", {"form": form}, status=status)


@dataclass
class ExampleGroup:
    outcome: str
    examples: list[dict]


def _example_groups(run: ValidationRun) -> list[ExampleGroup]:
    groups = []
    for outcome, examples in sorted((run.examples or {}).items()):
        shown = []
        for example in examples:
            summary = selectors.review_item_inbound_summary(ReviewItem(payload=example.get("inbound") or {}))
            shown.append({**example, "summary": summary})
        groups.append(ExampleGroup(outcome=outcome, examples=shown))
    return groups


@require_capability(VIEW_RUN)
def validation_run_detail(request, pk: int):
    run = get_object_or_404(
        ValidationRun.objects.select_related("flow__connection", "created_by", "weight_estimate"), pk=pk
    )
    report = run.model_report or {}
    context = {
        "run": run,
        "model_figures": training.report_lines(report)[1] if report else "",
        "by_method": sorted((run.by_method or {}).items()),
        "by_reason": sorted((run.by_reason or {}).items()),
        "groups": _example_groups(run),
        "share": {
            name: (100 * getattr(run, name) / run.total if run.total else 0)
            for name in ("matched", "ambiguous", "no_match", "other")
        },
    }
    return render(request, "identity/validation_run_detail.html", context)


# ---------------------------------------------------------------- identity links


@require_capability(VIEW_LINK)
def identity_link_list(request):
    filterset = page_filter(IdentityLinkPageFilterSet, request, selectors.identity_links_search())
    context = {"form": filterset.form, "page": page_of(request, filterset.rows)}
    return render(request, "identity/link_list.html", context)
