"""Periodic monitoring jobs (registered by crmhub.cron). Thin: they call services."""

from django.utils import timezone

from monitoring_app import services

CYCLE_SECONDS = 900
WEEK_SECONDS = 7 * 24 * 3600
DAY_SECONDS = 24 * 3600

CRON_JOBS = (
    ("monitoring_app.jobs.monitoring_cycle_job", "monitoring", CYCLE_SECONDS),
    ("monitoring_app.jobs.weekly_report_job", "monitoring", WEEK_SECONDS),
    ("monitoring_app.jobs.points_purge_job", "monitoring", DAY_SECONDS),
)


def monitoring_cycle_job() -> dict:
    summary = services.monitoring_cycle()
    return {
        "points": summary.points,
        "opened": summary.evaluation.opened,
        "resolved": summary.evaluation.resolved,
        "notices_sent": summary.notices_sent,
    }


def weekly_report_job() -> int:
    return services.weekly_report_send()


def points_purge_job() -> int:
    return services.metric_points_purge(now=timezone.now())
