"""Gunicorn reads this file from the working directory: its error and access logs go through the same
redaction as the application's (request lines carry webhook URL tokens and `?secret=` values)."""

from gunicorn.glogging import Logger

from crmhub.logging import RedactSecretsFilter


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactSecretsFilter) for f in log.filters):
                log.addFilter(RedactSecretsFilter())


logger_class = RedactingLogger
