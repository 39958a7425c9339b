"""The base of the demo commands: they publish a known password and rewrite users, so they run only with DEBUG."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class DemoCommand(BaseCommand):
    def execute(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                f"{self.__module__.rsplit('.', 1)[-1]} is a demo command and refuses to run without DEBUG=true: "
                "it creates users with the published demo password."
            )
        return super().execute(*args, **options)
