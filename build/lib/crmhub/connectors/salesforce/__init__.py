"""Salesforce: its REST client, Bulk API 2.0 jobs."""

from crmhub.connectors.salesforce.client import SalesforceConnector

__all__ = ["SalesforceConnector"]
