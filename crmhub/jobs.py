"""Periodic jobs of the crmhub app, registered by crmhub.cron."""

from crmhub.writeback.jobs import CRON_JOBS

__all__ = ["CRON_JOBS"]
