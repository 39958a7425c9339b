"""Identity reconciliation: the identifier mirror, identity rules, links, review items and validation runs."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.models import CrmConnection
from identity_app.attributes import ATTRIBUTE_TYPES, EntityKind
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
    phones = models.JSONField(
        default=list, blank=True, help_text="Every E.164 number of the record (office line, mobile, ...)."
    )
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
    # the national digits of a number a record without a country writes nationally (`attributes.NATIONAL_PHONES`)
    PHONE_NATIONAL = "phone_national"
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
    # the national digits of a number a record without a country writes nationally (`attributes.NATIONAL_PHONES`)
    PHONE_NATIONAL = "phone_national"

    DOMAIN = "domain"  # organisations: the registrable web domain
    VAT = "vat"  # organisations: the VAT registration number (`attributes.VAT_NUMBER`)
    # organisations: the company registration number (`attributes.COMPANY_NUMBER`)
    COMPANY_NUMBER = "company_number"
    LEI = "lei"  # organisations: the Legal Entity Identifier (`attributes.LEI`)
    COMPANY_PAGE = "company_page"  # organisations: the LinkedIn company page (`attributes.COMPANY_PAGE`)
    # A CRM id another system stored for the record, in a column of the inbound file's own (declared or found
    # by `crm_references`): a data key before the others, never absolute like CRM_ID.
    CRM_REFERENCE = "crm_reference"

    ALL = (CRM_ID, IDENTITY_LINK, EXTERNAL_ID, EMAIL, PHONE)
    VALID = (*ALL, DOMAIN, VAT, COMPANY_NUMBER, LEI, COMPANY_PAGE)
    # A company page last: it decides only where no other key does (`Resolver._deterministic`).
    ORGANISATION = (
        *(CRM_ID, IDENTITY_LINK, EXTERNAL_ID, LEI, COMPANY_NUMBER, VAT, DOMAIN, PHONE, EMAIL, COMPANY_PAGE),
    )
    DEAL = (CRM_ID, IDENTITY_LINK, EXTERNAL_ID)
    # The CRM's own id and identity links are absolute; the data keys are evidence that other attributes
    # can contradict.
    ABSOLUTE = (CRM_ID, IDENTITY_LINK)


def default_key_precedence() -> list[str]:
    return list(KeyName.ALL)


class Contradiction:
    """What makes a data key's record doubtful (IdentityRuleSet.contradiction_checks)."""

    NAMES = "names"  # people: the names, or the first names alone, clearly differ; organisations: the names
    COMPANY = "company"  # people, keys not listed as personal: the company clearly differs
    DATE_OF_BIRTH = "date_of_birth"  # people: dates of birth differ (beyond a slip: `date_slip`)

    ALL = (NAMES, COMPANY, DATE_OF_BIRTH)


def default_contradiction_checks() -> list[str]:
    # A date of birth years away is another person (a father and son of one name at one address).
    return [Contradiction.NAMES, Contradiction.COMPANY, Contradiction.DATE_OF_BIRTH]


def default_personal_keys() -> list[str]:
    return [KeyName.EXTERNAL_ID, KeyName.EMAIL]


def default_comparisons() -> list[dict]:
    from identity_app.scoring import DEFAULT_COMPARISONS

    return [dict(comparison) for comparison in DEFAULT_COMPARISONS]


def defaults_for_kind(kind: str) -> dict:
    """The rule-set fields that depend on the entity kind, at their defaults for that kind."""
    from identity_app.blocking import DEFAULT_BLOCKING_RULES, ORGANISATION_BLOCKING_RULES
    from identity_app.scoring import ORGANISATION_COMPARISONS

    if kind == EntityKind.ORGANISATION:
        return {
            "key_precedence": list(KeyName.ORGANISATION),
            "comparisons": [dict(comparison) for comparison in ORGANISATION_COMPARISONS],
            "blocking_rules": [list(rule) for rule in ORGANISATION_BLOCKING_RULES],
            "vetoes": [
                {
                    "attribute": "company_name",
                    "require": "not_clearly_different",
                    "below": DEFAULT_VETO_SIMILARITY,
                },
                # Two companies of one name in two cities are two companies, unless a key (its own
                # domain, its phone) says otherwise: keys are checked by contradictions, not vetoes.
                {"attribute": "city", "require": "no_disagreement"},
            ],
        }
    if kind == EntityKind.DEAL:
        return {"key_precedence": list(KeyName.DEAL), "comparisons": [], "blocking_rules": [], "vetoes": []}
    return {
        "key_precedence": default_key_precedence(),
        "comparisons": default_comparisons(),
        "blocking_rules": [list(rule) for rule in DEFAULT_BLOCKING_RULES],
        "vetoes": default_vetoes(),
    }


def default_blocking_rules() -> list[list[str]]:
    from identity_app.blocking import DEFAULT_BLOCKING_RULES

    return [list(rule) for rule in DEFAULT_BLOCKING_RULES]


DEFAULT_VETO_SIMILARITY = 0.75


# Veto requirement: another personal mailbox at the same company domain (see normalise).
ONE_MAILBOX_PER_DOMAIN = "one_mailbox_per_domain"


def default_vetoes() -> list[dict]:
    # Both names: a colleague at the same company with the same first name (or surname) is not the person,
    # however much the company evidence adds (benchmarks/identity_quality.py, not_in_crm and job_change).
    # A date of birth years away, and another personal mailbox at the same company, are another person of
    # the same name: a father and son at one address, namesake colleagues (benchmarks/identity_adversarial.py).
    return [
        *(
            {"attribute": attribute, "require": "not_clearly_different", "below": DEFAULT_VETO_SIMILARITY}
            for attribute in ("first_name", "last_name")
        ),
        {"attribute": "date_of_birth", "require": "no_disagreement"},
        {"attribute": "emails", "require": ONE_MAILBOX_PER_DOMAIN},
    ]


class IdentityRuleSet(models.Model):
    """How one flow's inbound records find their CRM record. Data, edited in the admin (and the API)."""

    flow = models.OneToOneField(Flow, on_delete=models.CASCADE, related_name="identity_rules")
    entity_kind = models.CharField(
        max_length=20,
        choices=EntityKind.CHOICES,
        default=EntityKind.PERSON,
        help_text="What the records are: people are compared by names, organisations by name, domain and "
        "address, deals only by CRM id or external id.",
    )
    key_precedence = models.JSONField(
        default=default_key_precedence,
        help_text="Ordered deterministic keys; remove one to stop using it: "
        "crm_id, identity_link, external_id, email, phone (organisations also: domain).",
    )
    contradiction_checks = models.JSONField(
        default=default_contradiction_checks,
        blank=True,
        help_text="What stops a data key (external id, email, phone, domain) from linking on its own: "
        "names (people: the names clearly differ, or the first name is another person's even beside the same "
        "last name; organisations: the names clearly differ), company (the company clearly differs, for keys "
        "not listed as personal), date_of_birth (the dates of birth are years apart). The CRM id and identity "
        "links are never second-guessed.",
    )
    contradiction_similarity = models.FloatField(
        default=0.75,
        help_text="Below this similarity (0-1, after nicknames, initials and swapped names) two names or "
        "companies clearly differ.",
    )
    personal_keys = models.JSONField(
        default=default_personal_keys,
        blank=True,
        help_text="Keys that identify a person wherever they work (a job change keeps them): the company "
        "check does not apply to them. Phones are left out by default: a number can be a switchboard.",
    )
    attribute_types = models.JSONField(
        default=dict,
        blank=True,
        help_text="Type of each extra attribute (mirror_fields): " + ", ".join(ATTRIBUTE_TYPES) + "; "
        "values are normalised by it (a URL is compared as its registrable domain).",
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
        help_text='[{"attribute", "method": exact|jaro_winkler|name|company|date|numeric, "thresholds", "m", "u"}]',
    )
    blocking_rules = models.JSONField(
        default=default_blocking_rules,
        blank=True,
        help_text='Lists of attributes, e.g. [["last_name", "postcode"]].',
    )
    vetoes = models.JSONField(
        default=default_vetoes,
        blank=True,
        help_text='[{"attribute": "first_name", "require": "not_clearly_different", "below": 0.75}]: '
        "not_clearly_different fires below the similarity `below`; no_disagreement on the lowest level; "
        "exact on anything but exact agreement.",
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
        default=5.0,
        help_text="Tie margin: candidates within this match weight (bits) of the best are a tie, which "
        "nothing links on its own (not even the bulk link).",
    )
    max_block_size = models.PositiveIntegerField(
        default=200, help_text="Blocks larger than this (a big shared domain) are not used for candidates."
    )
    narrow_block_size = models.PositiveIntegerField(
        default=30,  # blocking.NARROW_BLOCK_SIZE (blocking imports the models)
        help_text="Blocks larger than this (a common name) give only the members that also agree with the "
        "record on something else (company, postcode, city, domain, phone, email, birth date).",
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
    KEY_CONTRADICTED = "key_contradicted", "A key points to a record that other attributes contradict"


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
