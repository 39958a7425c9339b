"""manage.py signing_secret_new: print a new Standard Webhooks secret (whsec_...) for a trigger rule or an alert
channel; with --standard-form, read a secret typed before the scheme from stdin (not the command line, which
shell histories keep) and print the whsec_ form a receiver needs for it."""

import sys

from django.core.management.base import BaseCommand, CommandError

from crmhub.core.signing import signing_secret_generate, signing_secret_standard


class Command(BaseCommand):
    help = "Print a new whsec_ signing secret, or (--standard-form) the whsec_ form of one read from stdin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--standard-form",
            action="store_true",
            help="Read an existing secret from stdin; print the whsec_ form a Standard Webhooks library takes.",
        )

    def handle(self, *args, **options):
        if not options["standard_form"]:
            self.stdout.write(signing_secret_generate())
            return
        existing = sys.stdin.readline().rstrip("\r\n")
        if not existing:
            raise CommandError("No secret on stdin.")
        self.stdout.write(signing_secret_standard(existing))
