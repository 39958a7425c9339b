"""Identity reconciliation: the identifier mirror, identity rules, links, review items and validation runs."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.models import CrmConnection
from mappings_app.models import Flow


class MirrorRecord(models.Model):
    """One CRM record as the resolver sees it: its internal id and normalised comparison attributes.

    Filled by `services.mirror_upsert` from the sync reads; never edited by hand.
    """

    # No index of its own: the unique constraint below starts with the connection.
    connection = models.ForeignKey(
        CrmConnection, on_delete=models.CASCADE, related_name="mirror_records", db_index=False
    )
    object_name = models.CharField(max_length=100, help_text="CRM object name, e.g. contacts, Contact.")
    crm_id = models.CharField(max_length=64, help_text="The CRM's internal record id.")
    emails = models.JSONField(default=list, blank=True, help_text="Normalised email addresses.")
    email_domain = models.CharField(
        max_length=253,
        blank=True,
        help_text="Registrable domain of the first work address (never free-mail).",
    )
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    company_name = models.CharField(max_length=200, blank=True, help_text="Without legal suffixes.")
    company_id = models.CharField(max_length=64, blank=True, help_text="CRM id of the company record.")
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    external_ids = models.JSONField(default=dict, blank=True, help_text="External id field -> value.")
    extra = models.JSONField(default=dict, blank=True, help_text="Other attributes a flow configures.")
    display = models.JSONField(
        default=dict, blank=True, help_text="Raw values of the identifying fields, for reviewers."
    )
    is_deleted = models.BooleanField(default=False)
    merged_into = models.CharField(max_length=64, blank=True, help_text="CRM id of the survivor of a merge.")
    crm_modified_at = models.DateTimeField(null=True, blank=True)
    last_human_edit = models.JSONField(
        default=dict, blank=True, help_text="CRM field -> ISO time of the last edit by a person."
    )
    refreshed_at = models.DateTimeField()
    revision = models.BigIntegerField(
        default=0,
        editable=False,
        help_text="Set by the database on every write (see identity_app/mirror_index.py); never by Django.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "object_name", "crm_id"], name="uniq_mirror_record_per_object"
            )
        ]
        indexes = [
            models.Index(fields=["connection", "object_name", "merged_into"], name="mirror_merged_idx"),
            models.Index(fields=["connection", "object_name", "revision"], name="mirror_revision_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id}"


class IdentifierKind:
    """Kinds of `MirrorIdentifier` rows. External ids are `ext:<field>`, blocking keys `block:<rule>`."""

    EMAIL = "email"
    PHONE = "phone"
    EXTERNAL_PREFIX = "ext:"
    BLOCK_PREFIX = "block:"


class MirrorIdentifier(models.Model):
    """A lookup row: one key value of one mirror record (unique-key candidates and blocking keys).

    Role and shared addresses are never stored as `email` keys; a key held by two live records is not unique
    and the resolver treats it so.
    """

    # Lookup rows are derived data, written only with their record (identity_app.mirror) and deleted with
    # it by Django's cascade. They carry no database foreign-key constraints: checking two per row at
    # commit was a quarter of a first mirror load (eight rows per record). The lookup index below starts
    # with the connection, so the connection needs no index of its own either.
    connection = models.ForeignKey(
        CrmConnection, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    object_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=120)
    value = models.CharField(max_length=320)
    record = models.ForeignKey(
        MirrorRecord, on_delete=models.CASCADE, related_name="identifiers", db_constraint=False
    )

    class Meta:
        # The record id closes the key so block reads are index-only scans (no visit to the lookup rows).
        indexes = [
            models.Index(
                fields=["connection", "object_name", "kind", "value", "record"],
                name="mirror_identifier_members_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class KeyName:
    """The deterministic keys, in their default order of precedence."""

    CRM_ID = "crm_id"
    IDENTITY_LINK = "identity_link"
    EXTERNAL_ID = "external_id"
    EMAIL = "email"
    PHONE = "phone"

    ALL = (CRM_ID, IDENTITY_LINK, EXTERNAL_ID, EMAIL, PHONE)


def default_key_precedence() -> list[str]:
    return list(KeyName.ALL)


def default_comparisons() -> list[dict]:
    from identity_app.scoring import DEFAULT_COMPARISONS

    return [dict(comparison) for comparison in DEFAULT_COMPARISONS]


def default_blocking_rules() -> list[list[str]]:
    from identity_app.blocking import DEFAULT_BLOCKING_RULES

    return [list(rule) for rule in DEFAULT_BLOCKING_RULES]


def default_vetoes() -> list[dict]:
    return [{"attribute": "first_name", "require": "no_disagreement"}]


class IdentityRuleSet(models.Model):
    """How one flow's inbound records find their CRM record. Data, edited in the admin (and the API)."""

    flow = models.OneToOneField(Flow, on_delete=models.CASCADE, related_name="identity_rules")
    key_precedence = models.JSONField(
        default=default_key_precedence,
        help_text="Ordered deterministic keys; remove one to stop using it: "
        "crm_id, identity_link, external_id, email, phone.",
    )
    external_id_field = models.CharField(
        max_length=200,
        blank=True,
        help_text="CRM field holding this source's id (mirrored as an external id), e.g. erp_id__c.",
    )
    stop_on_key_conflict = models.BooleanField(
        default=True,
        help_text="Send to review when two data keys (external id, email, phone) point to different records.",
    )
    comparisons = models.JSONField(
        default=default_comparisons,
        blank=True,
        help_text='[{"attribute", "method": exact|jaro_winkler|date|numeric, "thresholds", "m", "u"}]',
    )
    blocking_rules = models.JSONField(
        default=default_blocking_rules,
        blank=True,
        help_text='Lists of attributes, e.g. [["last_name", "postcode"]].',
    )
    vetoes = models.JSONField(
        default=default_vetoes,
        blank=True,
        help_text='[{"attribute": "first_name", "require": "no_disagreement"|"exact"}]',
    )
    mirror_fields = models.JSONField(
        default=dict,
        blank=True,
        help_text="Extra attributes to mirror: attribute -> list of CRM field names.",
    )
    default_region = models.CharField(
        max_length=2, blank=True, default="US", help_text="ISO country for phone numbers without a prefix."
    )
    prior_match_probability = models.FloatField(
        default=0.01, help_text="Share of blocked pairs that are matches (estimated with the weights)."
    )
    probabilistic_enabled = models.BooleanField(
        default=False, help_text="Auto-link above the threshold; needs a validation run first."
    )
    auto_link_threshold = models.FloatField(default=0.99, help_text="Match probability needed to auto-link.")
    candidate_floor = models.FloatField(
        default=0.05, help_text="Below this probability a candidate is not a plausible match."
    )
    ambiguity_margin = models.FloatField(
        default=5.0, help_text="Match weight (bits) the best candidate must lead the next one by."
    )
    max_block_size = models.PositiveIntegerField(
        default=200, help_text="Blocks larger than this (a big shared domain) are not used for candidates."
    )
    weights_estimated_at = models.DateTimeField(null=True, blank=True)
    weights_estimated_pairs = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "identity rule set"

    def __str__(self) -> str:
        return f"Identity rules of {self.flow.name}"


class LinkMethod(models.TextChoices):
    LEARNED = "learned", "Learned from a deterministic key"
    CONFIRMED = "confirmed", "Confirmed by a reviewer"


class IdentityLink(models.Model):
    """(source system, external id) -> CRM id. The next record from that source matches by this key."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="identity_links")
    object_name = models.CharField(max_length=100)
    source_system = models.CharField(max_length=100)
    external_id = models.CharField(max_length=200)
    crm_id = models.CharField(max_length=64)
    method = models.CharField(max_length=10, choices=LinkMethod.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "object_name", "source_system", "external_id"],
                name="uniq_identity_link",
            )
        ]
        indexes = [models.Index(fields=["connection", "object_name", "crm_id"], name="identity_link_crm_idx")]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.external_id} -> {self.crm_id}"


class ReviewReason(models.TextChoices):
    AMBIGUOUS = "ambiguous", "Two or more candidates"
    NO_MATCH = "no_match", "No match"
    LOW_SCORE = "low_score", "Candidate below the auto-link threshold"
    VETO = "veto", "Vetoed by a rule"
    KEY_CONFLICT = "key_conflict", "Keys point to different records"
    DELETED_TARGET = "deleted_target", "Target deleted in the CRM"
    MERGED_TARGET = "merged_target", "Target merged; survivor unknown"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    LINKED = "linked", "Linked"
    CREATE_REQUESTED = "create_requested", "Created in the CRM"
    DISMISSED = "dismissed", "Dismissed"


class RowBoundJSONField(models.JSONField):
    """A JSONField that Django's PostgreSQL bulk insert binds as one parameter per row instead of one UNNEST
    array per column. psycopg escapes every quote of every document in a text array with a regular
    expression: for review items (ranked candidates with their contributions) that cost ten times the
    insert itself. Same column type; only the statement Django writes changes."""

    def get_placeholder(self, value, compiler, connection) -> str:
        return "%s"


class ReviewItem(models.Model):
    """An inbound record that could not be matched safely, with up to five ranked candidates."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="review_items")
    source_system = models.CharField(max_length=100)
    external_id = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=20, choices=ReviewReason.choices)
    payload = RowBoundJSONField(help_text="The inbound record as received.")
    candidates = RowBoundJSONField(
        default=list,
        blank=True,
        help_text="Ranked: [{crm_id, score, probability, display, contributions: [...]}], at most five.",
    )
    top_score = models.FloatField(null=True, blank=True)
    explanation = RowBoundJSONField(default=list, blank=True, help_text="Why the resolver stopped.")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    occurrences = models.PositiveIntegerField(default=1, help_text="Times this record arrived while open.")
    resolved_crm_id = models.CharField(max_length=64, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)

    # The history is the audit of decisions (status, assignee, who resolved it). It leaves out the inbound
    # payload and the candidates: copying personal data into every history row would outlive the item's
    # own data, and those documents were most of the cost of writing review items.
    history = HistoricalRecords(excluded_fields=["payload", "candidates"])

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("resolve_reviewitem", "Can link, create or dismiss review items")]
        constraints = [
            models.UniqueConstraint(
                fields=["flow", "external_id"],
                condition=models.Q(status="open") & ~models.Q(external_id=""),
                name="one_open_review_item_per_record",
            )
        ]
        indexes = [
            models.Index(fields=["status", "flow", "reason"], name="review_queue_idx"),
            models.Index(fields=["status", "assignee"], name="review_assignee_idx"),
            models.Index(fields=["status", "created_at"], name="review_age_idx"),
        ]

    def __str__(self) -> str:
        return f"Review #{self.pk} {self.source_system}:{self.external_id} ({self.reason})"


class ValidationRun(models.Model):
    """A stored dry run of the resolver over a sample of inbound records."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="validation_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source_label = models.CharField(max_length=200, blank=True, help_text="File name or 'records'.")
    sample_size = models.PositiveIntegerField()
    total = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    ambiguous = models.PositiveIntegerField(default=0)
    no_match = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(
        default=0, help_text="Stopped for another reason (veto, conflict, ...)."
    )
    by_method = models.JSONField(default=dict, blank=True, help_text="Matched counts per method.")
    by_reason = models.JSONField(default=dict, blank=True, help_text="Stopped counts per reason.")
    examples = models.JSONField(default=dict, blank=True, help_text="Outcome -> up to five example results.")
    probabilistic_would_link = models.PositiveIntegerField(
        default=0, help_text="Records the probabilistic rule would auto-link at the flow's threshold."
    )
    model_report = models.JSONField(
        default=dict,
        blank=True,
        help_text="The flow's weights checked on this sample: each comparison in plain words, the figures.",
    )
    model_problems = models.JSONField(
        default=list, blank=True, help_text="What makes the flow's current weights unsafe to use."
    )
    weight_estimate = models.ForeignKey(
        "WeightEstimate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The fit made from the same file just before this run, if one was asked for.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Validation run #{self.pk} of {self.flow.name}"


class WeightEstimate(models.Model):
    """One fit of a flow's comparison weights and its check. Only an accepted fit changes the flow's rules;
    a refused one is kept with its reasons, and the flow stays on its previous weights."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="weight_estimates")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source_label = models.CharField(max_length=200, blank=True, help_text="File name or 'records'.")
    accepted = models.BooleanField(help_text="Passed the checks and now in use by the flow.")
    summary = models.TextField(help_text="Accepted, or refused and why, in plain words.")
    report = models.JSONField(
        default=dict,
        blank=True,
        help_text="Each comparison's weights in words, the checks and their figures.",
    )
    records = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return (
            f"Weight estimate #{self.pk} of {self.flow.name} ({'accepted' if self.accepted else 'refused'})"
        )
