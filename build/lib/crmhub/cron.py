"""RQ cron configuration: `manage.py rqcron crmhub.cron`.

Each app of the project that has periodic jobs lists them in its `jobs` module, as a `CRON_JOBS` sequence of
(callable path, queue, interval seconds). They are found here, not listed by hand, so that a new app's jobs
cannot be forgotten and no listed module can be missing; a jobs module that fails to import, or a job path
that does not resolve, stops the scheduler with its error instead of dropping the jobs silently.
"""

import logging
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils.module_loading import import_string
from rq import cron

logger = logging.getLogger(__name__)

PROJECT_PACKAGES = ("crmhub", "identity_app", "mappings_app", "monitoring_app")


def project_app_names() -> list[str]:
    return [config.name for config in apps.get_app_configs() if config.name.split(".")[0] in PROJECT_PACKAGES]


def registered_jobs(app_names: list[str] | None = None) -> list[tuple[str, str, int]]:
    """Every (callable path, queue, interval) of the apps' `jobs` modules; import errors propagate."""
    jobs = []
    for app_name in project_app_names() if app_names is None else app_names:
        module_name = f"{app_name}.jobs"
        if find_spec(module_name) is None:
            continue  # this app has no jobs module; a broken one is found, and fails to import below
        jobs.extend(getattr(import_module(module_name), "CRON_JOBS", ()))
    return jobs


def register_all() -> int:
    jobs = registered_jobs()
    for func_path, queue_name, interval in jobs:
        cron.register(import_string(func_path), queue_name=queue_name, interval=interval, name=func_path)
    logger.info("registered %d cron jobs: %s", len(jobs), ", ".join(path for path, _, _ in jobs))
    return len(jobs)


register_all()
