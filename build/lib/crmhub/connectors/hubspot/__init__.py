"""Hubspot: its REST client."""

from crmhub.connectors.hubspot.client import HubSpotConnector

__all__ = ["HubSpotConnector"]
