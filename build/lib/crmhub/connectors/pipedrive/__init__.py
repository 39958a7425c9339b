"""Pipedrive: its REST client."""

from crmhub.connectors.pipedrive.client import PipedriveConnector

__all__ = ["PipedriveConnector"]
