"""CRM connectors: one module per CRM behind one small interface (see base.py).

connector = get_connector(connection)            # Redis-backed rate budget by default
for page in connector.iter_changes("contacts", since=watermark, fields=["email"]):
    ...
results = connector.create("contacts", [RecordCreate(key="crmhub-review-7", values={"email": "a@b.example"})])
task = connector.task_create(TaskSpec(subject="Call", about_object="contacts", about_id="1001"), key="crmhub-trigger-9")
connector.create(connector.task_object, [task], lookup_first=True)   # a retry: finds the task if it exists
"""

from crmhub.connectors.base import (
    Association,
    CreateResult,
    CrmConnector,
    CrmRecord,
    DeletedRecord,
    FieldEdit,
    FieldError,
    FieldSchema,
    ObjectSchema,
    RecordCreate,
    RecordUpdate,
    TaskSpec,
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
    from crmhub.connectors.hubspot.client import HubSpotConnector
    from crmhub.connectors.pipedrive.client import PipedriveConnector
    from crmhub.connectors.salesforce.client import SalesforceConnector

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
    "Association",
    "CreateResult",
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
    "RecordCreate",
    "RecordUpdate",
    "TaskSpec",
    "WriteResult",
    "WriteStatus",
    "connector_class",
    "get_connector",
]
