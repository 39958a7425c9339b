"""RQ cron configuration: `manage.py rqcron crmhub.cron`.

Each app lists its periodic jobs in a `CRON_JOBS` sequence of (callable path, queue, interval seconds);
they are registered here so that one scheduler process runs them all.
"""

from importlib import import_module

from django.utils.module_loading import import_string
from rq import cron

# Every module here exists: an import error must stop the scheduler, not drop its jobs silently.
APPS_WITH_CRON = (
    "crmhub.writeback.jobs",
    "crmhub.sync.jobs",
    "monitoring_app.jobs",
)


def registered_jobs() -> list[tuple[str, str, int]]:
    jobs = []
    for module_name in APPS_WITH_CRON:
        jobs.extend(import_module(module_name).CRON_JOBS)
    return jobs


for func_path, queue_name, interval in registered_jobs():
    cron.register(import_string(func_path), queue_name=queue_name, interval=interval, name=func_path)
