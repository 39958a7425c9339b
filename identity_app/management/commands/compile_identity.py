"""Compile the resolver's hot modules with Cython (`make compiled`); see identity_app/compiled_build.py.

    manage.py compile_identity

Optional: the source runs when there is no build, and whenever a module changed after it was compiled.
"""

from django.core.management.base import BaseCommand, CommandError

from identity_app import compiled_build


class Command(BaseCommand):
    help = "Compile the identity resolver's hot modules with Cython (the same decisions, less CPU)."

    def handle(self, *args, **options):
        try:
            compiled_build.build()
        except ImportError as error:
            raise CommandError(f"Cython is not installed ({error}): `make compiled` installs it.") from error
        except Exception as error:  # no C compiler, say: the Python source keeps running, as before
            raise CommandError(f"The identity modules were not compiled: {error}") from error
        self.stdout.write(
            f"Compiled {len(compiled_build.COMPILED_MODULES)} identity modules into {compiled_build.BUILD_DIR}."
        )
