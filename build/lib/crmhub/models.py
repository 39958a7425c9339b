from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.encryption import EncryptedJSONField


class Provider(models.TextChoices):
    SALESFORCE = "salesforce", "Salesforce"
    HUBSPOT = "hubspot", "HubSpot"
    PIPEDRIVE = "pipedrive", "Pipedrive"


class ConnectionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    BROKEN = "broken", "Broken"


class CrmConnection(models.Model):
    """One CRM account: where it is, how to authenticate, how much of its API budget we may use."""

    provider = models.CharField(max_length=20, choices=Provider.choices)
    name = models.CharField(max_length=100, unique=True)
    base_url = models.URLField(
        help_text="API root, e.g. https://acme.my.salesforce.com or https://api.hubapi.com"
    )
    api_version = models.CharField(
        max_length=20, blank=True, help_text="e.g. v67.0 (Salesforce), v3 (HubSpot)"
    )
    credentials = EncryptedJSONField(
        blank=True,
        default=dict,
        help_text="Tokens and client secrets as JSON; encrypted at rest, never shown again after saving.",
    )
    status = models.CharField(
        max_length=10, choices=ConnectionStatus.choices, default=ConnectionStatus.ACTIVE
    )
    status_reason = models.CharField(max_length=500, blank=True)
    rate_limit_requests = models.PositiveIntegerField(
        default=100, help_text="Requests allowed by the CRM per rate-limit window."
    )
    rate_limit_window_seconds = models.PositiveIntegerField(default=10)
    rate_limit_reserve_percent = models.PositiveSmallIntegerField(
        default=20,
        validators=[MaxValueValidator(90)],
        help_text="Share of the budget left for the customer's other integrations.",
    )
    daily_request_budget = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Daily API calls or tokens, if any.",
    )
    catalog_version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Number of the active mapping catalog version."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["credentials"])

    class Meta:
        ordering = ["name"]
        permissions = [("manage_credentials", "Can set and rotate CRM credentials")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_provider_display()})"

    @property
    def usable_requests_per_window(self) -> int:
        return max(1, self.rate_limit_requests * (100 - self.rate_limit_reserve_percent) // 100)
