"""The RQ worker class (settings.RQ["WORKER_CLASS"]): RQ's forking worker, with the job modules imported once
in the parent process.

RQ forks a work horse per job, and a job's function is imported inside the horse. The write-back pipeline
pulls in the connectors, the identity resolver and their libraries: about a second of CPU per fork on this
machine, as much as planning and writing a 1,000-record batch. Imported in the parent, every horse inherits
them. Nothing here opens a database or network connection, so the horses share no sockets.
"""

import importlib

from rq.worker import Worker

PRELOADED_MODULES = (
    "crmhub.writeback.pipeline",
    "crmhub.connectors.hubspot",
    "crmhub.connectors.salesforce",
    "crmhub.connectors.pipedrive",
    "identity_app.services",
)


def preload_job_modules() -> None:
    for name in PRELOADED_MODULES:
        importlib.import_module(name)


class PreloadedWorker(Worker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preload_job_modules()
