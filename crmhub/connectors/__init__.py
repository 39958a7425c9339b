"""CRM connectors: one module per CRM behind one small interface (see base.py).

connector = get_connector(connection)            # Redis-backed rate budget by default
for page in connector.iter_changes("contacts", since=watermark, fields=["email"]):
    ...
"""

from crmhub.connectors.base import (
    CrmConnector,
    CrmRecord,
    DeletedRecord,
    FieldEdit,
    FieldError,
    FieldSchema,
    ObjectSchema,
    RecordUpdate,
    WriteResult,
    WriteStatus,
)
from crmhub.connectors.errors import (
    CrmAuthError,
    CrmBudgetExhausted,
    CrmCursorExpired,
    CrmError,
    CrmNotFound,
    CrmRateLimited,
    CrmUnavailable,
    CrmValidationError,
)


def connector_class(provider: str) -> type[CrmConnector]:
    from crmhub.connectors.hubspot import HubSpotConnector
    from crmhub.connectors.pipedrive import PipedriveConnector
    from crmhub.connectors.salesforce import SalesforceConnector

    classes = {
        SalesforceConnector.provider: SalesforceConnector,
        HubSpotConnector.provider: HubSpotConnector,
        PipedriveConnector.provider: PipedriveConnector,
    }
    try:
        return classes[provider]
    except KeyError:
        raise CrmError(f"No connector for provider {provider!r}") from None


def get_connector(connection, **kwargs) -> CrmConnector:
    """The connector for `connection.provider`; kwargs go to CrmConnector (transport, rate_budget, ...)."""
    return connector_class(connection.provider)(connection, **kwargs)


__all__ = [
    "CrmAuthError",
    "CrmBudgetExhausted",
    "CrmConnector",
    "CrmCursorExpired",
    "CrmError",
    "CrmNotFound",
    "CrmRateLimited",
    "CrmRecord",
    "CrmUnavailable",
    "CrmValidationError",
    "DeletedRecord",
    "FieldEdit",
    "FieldError",
    "FieldSchema",
    "ObjectSchema",
    "RecordUpdate",
    "WriteResult",
    "WriteStatus",
    "connector_class",
    "get_connector",
]
