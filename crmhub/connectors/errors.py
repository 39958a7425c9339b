"""Our own exceptions for everything a CRM API can do wrong; httpx never leaks past the connectors."""


class CrmError(Exception):
    """A CRM call failed. Carries the HTTP status and the provider's error code when there was one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        provider_code: str = "",
        body: object = None,
    ):
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.provider_code = provider_code
        self.body = body


class CrmAuthError(CrmError):
    """Credentials are missing, expired beyond refresh, or lack a permission."""


class CrmRateLimited(CrmError):
    """The CRM (or our own budget) refused the call for now; retry after `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class CrmUnavailable(CrmError):
    """A transient failure: 5xx, timeout, connection error, a locked row. Worth retrying later."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class CrmValidationError(CrmError):
    """The CRM rejected the request as invalid (bad field, bad value, malformed query)."""


class CrmNotFound(CrmError):
    """The record or resource does not exist."""


class CrmCursorExpired(CrmError):
    """A paging cursor is no longer valid; the reader restarts from its last position."""


class CrmBudgetExhausted(CrmRateLimited):
    """Our own shared budget (not the CRM) had no room within the allowed wait; not retried in-call."""


class CrmBudgetReserved(CrmBudgetExhausted):
    """A speculative call (a page read ahead) was refused so that the budget's last calls stay with the caller."""
