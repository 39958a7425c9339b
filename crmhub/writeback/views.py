"""Browser pages of governed write-back: inbound records and their timelines, dead letters, field conflicts,
shadow validation and paused connections.

Reads go through `crmhub.writeback.selectors` (plus a few page-shaped queries below), every change through
`crmhub.writeback.services`; the services check permissions again and raise `ApplicationError`s, which
become messages here. Integration accounts are token-only: they get no page, whatever their permissions.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.paging import page_of
from crmhub.core.permissions import require_capability
from crmhub.core.timestamps import moment_in_words, parse_timestamp_or_none
from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.writeback import selectors, services
from crmhub.writeback.filtersets import ConflictFilterSet, DeadLetterFilterSet, InboundRecordPageFilterSet
from crmhub.writeback.forms import (
    ConflictDecisionForm,
    GoLiveForm,
    ReplayForm,
    SampleDrawForm,
    VerdictsForm,
)
from crmhub.writeback.models import (
    FlowWritebackSettings,
    InboundRecord,
    OutcomeStatus,
    ShadowReview,
    ShadowSample,
    WritebackEvent,
    WriteOutcome,
)
from identity_app import selectors as identity_selectors
from mappings_app.models import CatalogVersion, Flow, FlowMode

EVENT_LIMIT = 50
MESSAGE_IDS = 10
VIEW_RECORD = "writeback.view_inboundrecord"
VIEW_OUTCOME = "writeback.view_writeoutcome"
VIEW_SAMPLE = "writeback.view_shadowsample"
VIEW_EVENT = "writeback.view_writebackevent"
DECIDE_OUTCOME = "writeback.change_writeoutcome"
REVIEW_SHADOW = "writeback.review_shadowwrite"
GO_LIVE = "writeback.add_golivedecision"
RESUME_CONNECTION = "crmhub.change_crmconnection"
DEAD_LETTER_FILTERS = ("flow", "failure_kind", "age")


# ---------------------------------------------------------------- helpers


def _error_text(exc: ApplicationError) -> str:
    return " ".join([exc.message, *exc.problems])


def _with_query(url: str, params, names) -> str:
    query = urlencode([(name, params[name]) for name in names if params.get(name)])
    return f"{url}?{query}" if query else url


def _ids_text(ids) -> str:
    ids = list(ids)
    shown = ", ".join(f"#{pk}" for pk in ids[:MESSAGE_IDS])
    return shown + (f" and {len(ids) - MESSAGE_IDS} more" if len(ids) > MESSAGE_IDS else "")


def shown_value(value) -> str:
    """A JSON value as the pipeline saw it: strings quoted, null as null, so '' and null differ."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _crm_text(value) -> str:
    """A value as the CRM holds it (its API returns text for most fields): as is, not JSON-quoted."""
    return "" if value in (None, "") else value if isinstance(value, str) else shown_value(value)


def _moment(text) -> datetime | None:
    return parse_timestamp_or_none(text) if isinstance(text, str) else None


# ---------------------------------------------------------------- inbound records


@require_capability(VIEW_RECORD)
def record_list(request):
    filterset = page_filter(InboundRecordPageFilterSet, request, selectors.inbound_list(user=request.user))
    page = page_of(request, filterset.rows.select_related("flow__connection"))
    counts = _outcome_counts(page)
    rows = [
        (
            record,
            counts[record.pk],
            selectors.inbound_state(record=record, outcome_counts=_by_status(counts[record.pk])),
        )
        for record in page
    ]
    context = {"form": filterset.form, "page": page, "rows": rows}
    return render(request, "writeback/record_list.html", context)


def _by_status(counts: list[tuple[str, str, int]]) -> dict[str, int]:
    return {status: n for status, _label, n in counts}


def _outcome_counts(page) -> dict[int, list[tuple[str, str, int]]]:
    """Per record on the page: (status, label, count) of its field outcomes, in one query."""
    labels = dict(OutcomeStatus.choices)
    counts: dict[int, list] = {record.pk: [] for record in page}
    rows = (
        WriteOutcome.objects.filter(inbound_id__in=list(counts))
        .values_list("inbound_id", "status")
        .annotate(n=Count("id"))
        .order_by("inbound_id", "status")
    )
    for inbound_id, status, n in rows:
        counts[inbound_id].append((status, labels.get(status, status), n))
    return counts


@dataclass
class LogEntry:
    at: datetime | None
    event: str
    detail: str


@dataclass
class FieldStory:
    """Everything the timeline shows about one value: from the plan to its final outcome."""

    outcome: WriteOutcome
    version_pk: int | None
    log: list[LogEntry] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return shown_value(self.outcome.raw_value)

    @property
    def planned(self) -> str:
        return shown_value(self.outcome.planned_value)

    @property
    def edited_after_observed(self) -> bool | None:
        observed, edited = self.outcome.inbound.observed_at, self.outcome.last_human_edit_at
        if observed is None or edited is None:
            return None
        return edited > observed

    @property
    def request_items(self) -> list[tuple[str, str]]:
        """The request summary as readable pairs: lists joined, yes/no for flags."""
        items = []
        for key, value in (self.outcome.request_summary or {}).items():
            if isinstance(value, bool):
                text = "yes" if value else "no"
            elif isinstance(value, list):
                text = ", ".join(str(part) for part in value)
            elif key.endswith("_at") and _moment(value) is not None:
                text = moment_in_words(_moment(value))
            else:
                text = str(value)
            items.append((key.replace("_", " "), text))
        return items

    @property
    def reason_beyond_status(self) -> str:
        """The outcome's reason, unless it only restates the status ("Written and verified.")."""
        reason = self.outcome.reason or ""
        return "" if reason.rstrip(".") == self.outcome.get_status_display() else reason

    @property
    def response_field_errors(self) -> list[dict]:
        return (self.outcome.response_summary or {}).get("field_errors") or []

    @property
    def verification_value(self) -> str:
        return shown_value((self.outcome.verification or {}).get("crm_value"))


def _event_in_words(event: str) -> str:
    """A log event as people read it: an outcome status by its label ("Written and verified"), any other event
    with spaces ("conflict decided")."""
    if event in OutcomeStatus.values:
        return str(OutcomeStatus(event).label)
    return event.replace("_", " ")


def _log_entries(outcome: WriteOutcome) -> list[LogEntry]:
    entries = [
        LogEntry(
            _moment(entry.get("at")),
            _event_in_words(str(entry.get("event", ""))),
            str(entry.get("detail", "")),
        )
        for entry in outcome.log or []
        if isinstance(entry, dict)
    ]
    # Entries are appended in order; a stable sort keeps that order for equal or missing times.
    return sorted(entries, key=lambda e: e.at.timestamp() if e.at else float("-inf"))


def _version_pks(record: InboundRecord, outcomes: list[WriteOutcome]) -> dict[int, int]:
    numbers = {o.catalog_version for o in outcomes if o.catalog_version} | {record.catalog_version}
    numbers.discard(None)
    if record.flow is None or not numbers:
        return {}
    versions = CatalogVersion.objects.filter(connection_id=record.flow.connection_id, number__in=numbers)
    return dict(versions.values_list("number", "pk"))


def _retention_days(record: InboundRecord) -> int | None:
    if record.flow is None:
        return None
    settings = FlowWritebackSettings.objects.filter(flow_id=record.flow_id).first()
    return settings.payload_retention_days if settings else None


def _record_events(record: InboundRecord) -> list[LogEntry]:
    """The record's own milestones, before its fields take over."""
    events = [LogEntry(record.received_at, "received", f"idempotency key {record.idempotency_key}")]
    identity = record.identity or {}
    if identity:
        detail = f"{identity.get('outcome', '?')} by {identity.get('decided_by') or 'resolver'}"
        events.append(LogEntry(_moment(identity.get("decided_at")), "identity decided", detail))
    if record.payload_purged_at:
        events.append(LogEntry(record.payload_purged_at, "payload purged", "retention"))
    return sorted(events, key=lambda e: e.at.timestamp() if e.at else float("-inf"))


def _identity_lines(identity: dict) -> list[str]:
    """The resolver's explanation (attribute comparisons) and notes as sentences."""
    lines = []
    for entry in identity.get("explanation") or []:
        if not isinstance(entry, dict):
            lines.append(str(entry))
            continue
        lines.append(_key_line(entry) if entry.get("method") == "key" else _comparison_line(entry))
    return lines + [str(note) for note in identity.get("notes") or []]


def _key_line(entry: dict) -> str:
    """A key names the CRM record it leads to: its value is not compared with the record's id."""
    attribute = str(entry.get("attribute") or "key").replace("_", " ")
    return (
        f"{attribute} {shown_value(entry.get('inbound'))} leads to CRM record "
        f"{shown_value(entry.get('candidate'))} ({entry.get('level') or 'key'})"
    )


def _comparison_line(entry: dict) -> str:
    attribute = str(entry.get("attribute") or "?").replace("_", " ")
    line = (
        f"{attribute}: {shown_value(entry.get('inbound'))} vs "
        f"{shown_value(entry.get('candidate'))}, {entry.get('level') or entry.get('method') or 'compared'}"
    )
    if isinstance(entry.get("weight"), int | float):
        line += f" ({_evidence_words(entry['weight'])})"
    return line


def _evidence_words(weight: float) -> str:
    """A comparison's weight (log2 of how much likelier a match makes it) as a reviewer reads it."""
    if abs(weight) < 1:
        return "says little either way"
    side = "for" if weight > 0 else "against"
    return f"{'strong' if abs(weight) >= 4 else 'some'} evidence {side} a match"


@require_capability(VIEW_RECORD)
def record_detail(request, pk: int):
    try:
        record = selectors.inbound_detail(user=request.user, pk=pk)
    except InboundRecord.DoesNotExist as exc:
        raise Http404("No such inbound record.") from exc
    outcomes = list(record.outcomes.all())
    versions = _version_pks(record, outcomes)
    stories = [
        FieldStory(outcome=o, version_pk=versions.get(o.catalog_version), log=_log_entries(o))
        for o in outcomes
    ]
    identity = record.identity or {}
    context = {
        "record": record,
        "state": selectors.inbound_state(record=record, outcome_counts=Counter(o.status for o in outcomes)),
        "stories": stories,
        "identity": identity,
        "identity_lines": _identity_lines(identity),
        "record_events": _record_events(record),
        "record_version_pk": versions.get(record.catalog_version),
        "retention_days": _retention_days(record) if record.payload_purged_at else None,
        "payload": {
            "values": json.dumps(record.values, indent=2, ensure_ascii=False, default=str),
            "identifiers": json.dumps(record.identifiers, indent=2, ensure_ascii=False, default=str),
            "attributes": json.dumps(record.attributes, indent=2, ensure_ascii=False, default=str),
            "raw": json.dumps(record.raw, indent=2, ensure_ascii=False, default=str) if record.raw else "",
        },
        "can_see_review": request.user.has_perm("identity_app.view_reviewitem"),
    }
    return render(request, "writeback/record_detail.html", context)


# ---------------------------------------------------------------- dead letters


def _dead_letters(request) -> DeadLetterFilterSet:
    return page_filter(DeadLetterFilterSet, request, selectors.dead_letters())


def _dead_letter_back(request) -> str:
    return _with_query(reverse("writeback:dead-letters"), request.GET, DEAD_LETTER_FILTERS)


@require_capability(VIEW_OUTCOME)
def dead_letter_list(request):
    filterset = _dead_letters(request)
    page = page_of(request, filterset.rows.select_related("flow__connection"))
    context = {
        "form": filterset.form,
        "page": page,
        "filter_query": urlencode([(n, request.GET[n]) for n in DEAD_LETTER_FILTERS if request.GET.get(n)]),
        "can_replay": request.user.has_perm(DECIDE_OUTCOME),
    }
    return render(request, "writeback/dead_letter_list.html", context)


def _replay_messages(request, summary: services.ReplaySummary) -> None:
    statuses = dict(WriteOutcome.objects.filter(pk__in=summary.replayed).values_list("pk", "status"))
    queued = [
        pk for pk in summary.replayed if statuses.get(pk) in (OutcomeStatus.PENDING, OutcomeStatus.IN_FLIGHT)
    ]
    settled = [pk for pk in summary.replayed if pk not in queued]
    if queued:
        messages.success(request, f"Re-queued {len(queued)} value(s) for writing: {_ids_text(queued)}.")
    if settled:
        labels = dict(OutcomeStatus.choices)
        shown = ", ".join(
            f"#{pk} {labels.get(statuses.get(pk), statuses.get(pk))}" for pk in settled[:MESSAGE_IDS]
        )
        messages.warning(
            request,
            f"{len(settled)} value(s) were planned again with the active catalog and settled at once: {shown}.",
        )
    if summary.refused:
        refused = "; ".join(f"#{pk}: {why}" for pk, why in list(summary.refused.items())[:MESSAGE_IDS])
        messages.error(request, f"Not replayed ({len(summary.refused)}): {refused}")
    if not summary.replayed and not summary.refused:
        messages.info(request, "Nothing to replay: no dead letter matched.")


@require_POST
@require_capability(VIEW_OUTCOME, DECIDE_OUTCOME)
def dead_letter_replay(request):
    """Replay one (its row's button) or the ticked selection."""
    form = ReplayForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_dead_letter_back(request))
    outcomes = list(
        WriteOutcome.objects.filter(pk__in=form.selected_ids(), status=OutcomeStatus.DEAD_LETTERED).only(
            "pk", "flow_id"
        )
    )
    missing = set(form.selected_ids()) - {o.pk for o in outcomes}
    if missing:
        messages.warning(request, f"No longer dead-lettered, left alone: {_ids_text(sorted(missing))}.")
    if outcomes:
        try:
            _replay_messages(request, services.dead_letters_replay(outcomes=outcomes, actor=request.user))
        except ApplicationError as exc:
            messages.error(request, f"Nothing was replayed: {_error_text(exc)}")
    return redirect(_dead_letter_back(request))


@require_capability(VIEW_OUTCOME, DECIDE_OUTCOME)
def dead_letter_replay_all(request):
    """Every dead letter matching the filters: a confirmation page, then the replay."""
    filterset = _dead_letters(request)
    outcomes = filterset.rows
    values = filterset.form.cleaned_data
    flow = (
        Flow.objects.select_related("connection").filter(pk=values["flow"]).first()
        if values.get("flow")
        else None
    )
    if request.method != "POST":
        filters = {"flow": flow, "failure_kind": values.get("failure_kind"), "age": values.get("age")}
        context = {"form": filterset.form, "count": outcomes.count(), "filters": filters}
        return render(request, "writeback/dead_letter_replay_all.html", context)
    try:
        # A flow id that names no flow matches nothing: never read it as "every flow".
        if filterset.narrows_beyond_flow() or (values.get("flow") and flow is None):
            summary = services.dead_letters_replay(
                outcomes=list(outcomes.select_related(None).only("pk", "flow_id")), actor=request.user
            )
        else:
            summary = services.dead_letters_replay_all(actor=request.user, flow=flow)
    except ApplicationError as exc:
        messages.error(request, f"Nothing was replayed: {_error_text(exc)}")
    else:
        _replay_messages(request, summary)
    return redirect(_dead_letter_back(request))


# ---------------------------------------------------------------- field conflicts


@require_capability(VIEW_OUTCOME)
def conflict_list(request):
    filterset = page_filter(ConflictFilterSet, request, selectors.open_conflicts())
    page = page_of(
        request, filterset.rows.select_related("flow__connection", "flow__crm_object", "crm_field", "inbound")
    )
    rep_sides = selectors.conflict_rep_sides(outcomes=list(page))
    context = {
        "form": filterset.form,
        "page": page,
        "rows": [(outcome, rep_sides.get(outcome.pk)) for outcome in page],
        "can_decide": request.user.has_perm(DECIDE_OUTCOME),
        "filter_query": urlencode([("flow", request.GET["flow"])]) if request.GET.get("flow") else "",
    }
    return render(request, "writeback/conflict_list.html", context)


@require_POST
@require_capability(VIEW_OUTCOME, DECIDE_OUTCOME)
def conflict_resolve(request, pk: int):
    outcome = get_object_or_404(WriteOutcome, pk=pk)
    form = ConflictDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Decide 'overwrite' or 'keep'.")
    else:
        decision = form.cleaned_data["decision"]
        try:
            services.write_conflict_resolve(outcome=outcome, decision=decision, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, _error_text(exc))
        else:
            what = (
                "the AI's value will be written over the rep's edit"
                if decision == "overwrite"
                else "the rep's value stays"
            )
            messages.success(request, f"Conflict #{outcome.pk} ({outcome.target_name}) decided: {what}.")
    return redirect(_with_query(reverse("writeback:conflicts"), request.GET, ("flow",)))


# ---------------------------------------------------------------- shadow validation


def _flows_with_writeback():
    """Every flow with its shadow-write count and its latest go-live decision time."""
    return (
        Flow.objects.select_related("connection", "crm_object")
        .annotate(
            shadow_count=Count("write_outcomes", filter=Q(write_outcomes__status=OutcomeStatus.SHADOW)),
        )
        .annotate(last_decision_at=Max("go_live_decisions__decided_at"))
        .order_by("connection__name", "name")
    )


@require_capability(VIEW_SAMPLE)
def flow_list(request):
    return render(request, "writeback/flow_list.html", {"flows": list(_flows_with_writeback())})


@dataclass
class SampleProgress:
    sample: ShadowSample
    reviewed: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.reviewed if self.reviewed else None

    @property
    def lower_bound(self) -> float:
        return services.wilson_lower_bound(self.correct, self.reviewed)


def _samples_with_progress(flow: Flow) -> list[SampleProgress]:
    samples = ShadowSample.objects.filter(flow=flow).select_related("created_by")
    samples = samples.annotate(
        reviewed=Count("reviews", filter=~Q(reviews__verdict="")),
        correct=Count("reviews", filter=Q(reviews__verdict="correct")),
    )
    return [SampleProgress(s, s.reviewed, s.correct) for s in samples]


def _shadow_flow(pk: int) -> Flow:
    return get_object_or_404(Flow.objects.select_related("connection", "crm_object"), pk=pk)


@require_capability(VIEW_SAMPLE)
def flow_detail(request, pk: int):
    flow = _shadow_flow(pk)
    settings = selectors.writeback_settings_for(flow)
    backlog = selectors.go_live_backlog_answers(flow=flow)
    context = {
        "flow": flow,
        "settings": settings,
        "shadow_count": flow.write_outcomes.filter(status=OutcomeStatus.SHADOW).count(),
        "samples": _samples_with_progress(flow),
        "decisions": [
            (decision, backlog.get(decision.pk, "")) for decision in selectors.go_live_decisions(flow=flow)
        ],
        "draw_form": SampleDrawForm(initial={"size": settings.min_sample_size}),
        "can_draw": flow.mode == FlowMode.SHADOW and request.user.has_perm(REVIEW_SHADOW),
    }
    return render(request, "writeback/flow_detail.html", context)


@require_POST
@require_capability(VIEW_SAMPLE, REVIEW_SHADOW)
def sample_draw(request, pk: int):
    flow = _shadow_flow(pk)
    form = SampleDrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a sample size between 1 and 1,000.")
        return redirect("writeback:flow", pk=flow.pk)
    try:
        sample = services.shadow_sample_draw(flow=flow, actor=request.user, size=form.cleaned_data["size"])
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("writeback:flow", pk=flow.pk)
    messages.success(
        request, f"Sample #{sample.pk}: {sample.size} shadow write(s) drawn at random for review."
    )
    return redirect("writeback:sample", pk=sample.pk)


def _sample(pk: int) -> ShadowSample:
    try:
        return selectors.shadow_sample_detail(pk=pk)
    except ShadowSample.DoesNotExist as exc:
        raise Http404("No such sample.") from exc


@dataclass
class SampleRow:
    review: ShadowReview
    person: str
    raw: str
    now_in_crm: str
    planned: str


@require_capability(VIEW_SAMPLE)
def sample_detail(request, pk: int):
    sample = _sample(pk)
    settings = selectors.writeback_settings_for(sample.flow)
    reviews = list(sample.reviews.all())
    progress = SampleProgress(sample, sample.reviewed, sample.correct)
    approved = any(decision.approved for decision in sample.decisions.all())
    flow = sample.flow
    pairs = [(review.outcome.inbound.crm_id, review.outcome.target_name) for review in reviews]
    current, crm_error = selectors.crm_current_values(
        connection=flow.connection, object_name=flow.crm_object.name, pairs=pairs
    )
    people = identity_selectors.mirror_people(
        connection_id=flow.connection_id, object_name=flow.crm_object.name, crm_ids=[p[0] for p in pairs]
    )
    gate_size = max(settings.min_sample_size, progress.reviewed)
    context = {
        "sample": sample,
        "flow": sample.flow,
        "settings": settings,
        "reviews": reviews,
        "progress": progress,
        "rows": [
            SampleRow(
                review=review,
                person=people.get(crm_id, ""),
                raw=shown_value(review.outcome.raw_value),
                now_in_crm=_crm_text(current.get((crm_id, field))),
                planned=shown_value(review.outcome.planned_value),
            )
            for review, (crm_id, field) in zip(reviews, pairs, strict=True)
        ],
        "crm_error": crm_error,
        "gate_size": gate_size,
        "mistakes_allowed": services.mistakes_allowed(
            reviewed=gate_size, threshold=settings.accuracy_threshold
        ),
        "mistakes_so_far": progress.reviewed - progress.correct,
        "backlog_count": len(services.shadow_backlog_ids(flow=flow)) if flow.mode == FlowMode.SHADOW else 0,
        "locked": approved,
        "can_review": request.user.has_perm(REVIEW_SHADOW) and not approved,
        "can_go_live": request.user.has_perm(GO_LIVE) and sample.flow.mode == FlowMode.SHADOW,
        "go_live_ready": progress.reviewed >= settings.min_sample_size
        and progress.lower_bound > settings.accuracy_threshold,
        "go_live_form": GoLiveForm(),
    }
    return render(request, "writeback/sample_detail.html", context)


@require_POST
@require_capability(VIEW_SAMPLE, REVIEW_SHADOW)
def sample_review(request, pk: int):
    sample = get_object_or_404(ShadowSample, pk=pk)
    reviews = ShadowReview.objects.filter(sample=sample).order_by("id")
    form = VerdictsForm(request.POST, reviews=reviews)
    if not form.is_valid():
        messages.error(request, "Some verdicts could not be read; nothing was saved.")
        return redirect("writeback:sample", pk=sample.pk)
    saved = 0
    try:
        for review, verdict, note in form.changed_marks():
            services.shadow_review_mark(review=review, verdict=verdict, actor=request.user, note=note)
            saved += 1
    except ApplicationError as exc:
        messages.error(request, f"{_error_text(exc)} ({saved} verdict(s) saved before this.)")
    else:
        messages.success(request, f"Saved {saved} verdict(s)." if saved else "No verdict changed.")
    return redirect("writeback:sample", pk=sample.pk)


@require_POST
@require_capability(VIEW_SAMPLE, GO_LIVE)
def go_live(request, pk: int):
    sample = get_object_or_404(ShadowSample.objects.select_related("flow"), pk=pk)
    form = GoLiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("writeback:sample", pk=sample.pk)
    try:
        decision = services.flow_go_live(
            flow=sample.flow,
            sample=sample,
            actor=request.user,
            note=form.cleaned_data["note"],
            backlog=form.cleaned_data["backlog"],
        )
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("writeback:sample", pk=sample.pk)
    evidence = (
        f"{decision.correct} of {decision.reviewed} correct, Wilson lower bound {decision.wilson_lower:.3f} "
        f"against a threshold of {decision.threshold:.3f}, at least {decision.min_sample_size} reviewed"
    )
    if decision.approved:
        backlog = (
            "the shadow backlog is being sent"
            if form.cleaned_data["backlog"] == services.SHADOW_BACKLOG_SEND
            else "the shadow backlog was discarded"
        )
        messages.success(request, f"{sample.flow.name} is live: {evidence}; {backlog}.")
    else:
        messages.error(request, f"{sample.flow.name} stays in shadow mode: {evidence}.")
    return redirect("writeback:flow", pk=sample.flow_id)


# ---------------------------------------------------------------- paused connections and events


@require_capability(VIEW_EVENT)
def connection_list(request):
    paused = CrmConnection.objects.filter(status=ConnectionStatus.PAUSED).order_by("name")
    events = WritebackEvent.objects.select_related("connection", "flow").order_by("-created_at", "-id")
    context = {
        "paused": list(paused),
        "events": list(events[:EVENT_LIMIT]),
        "can_resume": request.user.has_perm(RESUME_CONNECTION),
    }
    return render(request, "writeback/connection_list.html", context)


@require_POST
@require_capability(VIEW_EVENT, RESUME_CONNECTION)
def connection_resume(request, pk: int):
    connection = get_object_or_404(CrmConnection, pk=pk)
    if connection.status != ConnectionStatus.PAUSED:
        messages.info(request, f"{connection.name} is not paused.")
        return redirect("writeback:connections")
    try:
        records = services.connection_resume(connection=connection, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, f"{connection.name} resumed; the waiting writes of {records} record(s) were sent on."
        )
    return redirect("writeback:connections")
