"""Local emulator of the Salesforce, HubSpot and Pipedrive API subsets the connectors use.

See notes/sandbox_interface.md for the interface.
"""

from .account import Account, Faults, FieldDef, Limits
from .clock import Clock, ManualClock
from .core import Sandbox
from .store import Actor, HistoryEntry

__all__ = [
    "Account",
    "Actor",
    "Clock",
    "Faults",
    "FieldDef",
    "HistoryEntry",
    "Limits",
    "ManualClock",
    "Sandbox",
]
