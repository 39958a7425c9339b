"""The resolver's hot modules compiled with Cython, used only while they match their source.

`make compiled` (`manage.py compile_identity`) compiles the modules below, unchanged (Cython's pure
Python mode, type hints not read as C types), into `.build/compiled/identity_app/`, and writes the sha256 of
each source it compiled. At import, `identity_app` puts that folder first on its search path only when every
listed source still has that digest and the build is for this Python: an edited module is never shadowed by
its stale extension, and a tree without a build runs the Python source as it always did. The decisions are
the same either way; a compiled run spends ~15 % less CPU (benchmarks/README.md, sessions 25 and 26).
"""

import hashlib
import json
import logging
import os
import shutil
import sysconfig
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR.parent / ".build" / "compiled" / "identity_app"
MANIFEST = "sources.json"
PURE_PYTHON_ENV = "CRMHUB_PURE_PYTHON"  # "1": ignore any build (profiling, or a test about the source)

# Where a one-process profile of a people run spends ~75 % of its Python time.
COMPILED_MODULES = (
    "scoring",
    "resolver",
    "resolution",
    "resolver_keys",
    "resolver_candidates",
    "resolver_vetoes",
    "resolver_decisions",
    "normalise_text",
    "normalise_names",
    "normalise_places",
    "normalise_emails",
    "normalise_phones",
    "normalise_companies",
    "columns",
    "mirror_index",
    "csv_io",
    "blocking",
    "training",
    "attributes",
    "locale_words",
    "key_checks",
    "em",
    "name_frequency",
    "legal_forms",
    "organisations",
    "shared_identifiers",
    "personal_evidence",
    "level_order",
    "phone_plans",
    "nickname_supplement",
)
# -O1: as fast as -O3 on this code (the calls are Python's), at a third of the compile time.
C_OPTIMISATION = "-O1"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _this_python() -> str:
    return sysconfig.get_config_var("EXT_SUFFIX") or ""


def usable_build(package_dir: Path = PACKAGE_DIR, build_dir: Path = BUILD_DIR) -> Path | None:
    """`build_dir` when its manifest's every module has its compiled file there and the source it was
    compiled from unchanged in `package_dir`; None otherwise (with a warning when a build is stale)."""
    if os.environ.get(PURE_PYTHON_ENV) == "1":
        return None
    try:
        manifest = json.loads((build_dir / MANIFEST).read_text())
        python, modules = manifest["python"], manifest["modules"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if python != _this_python():
        return None
    for module, entry in modules.items():
        source = package_dir / f"{module}.py"
        built = build_dir / entry["file"]
        if not built.is_file() or not source.is_file() or _digest(source) != entry["sha256"]:
            logger.warning(
                "The compiled identity modules are older than the source (%s.py changed); running the "
                "source. `make compiled` builds them again.",
                module,
            )
            return None
    return build_dir


def build(modules=COMPILED_MODULES, build_dir: Path = BUILD_DIR) -> None:
    """Compiles `modules` into `build_dir`, replacing what was there only once every module compiled."""
    from Cython.Build import cythonize  # the `compiled` make target installs it
    from setuptools import Extension, setup

    root = PACKAGE_DIR.parent
    digests = {module: _digest(PACKAGE_DIR / f"{module}.py") for module in modules}
    with tempfile.TemporaryDirectory(prefix="crmhub-compile-") as scratch:
        extensions = [
            Extension(
                f"identity_app.{module}",
                [str(Path("identity_app") / f"{module}.py")],
                extra_compile_args=[C_OPTIMISATION],
            )
            for module in modules
        ]
        here = Path.cwd()
        os.chdir(root)  # cythonize names each module from its path below the project root
        try:
            compiled = cythonize(
                extensions,
                build_dir=str(Path(scratch) / "c"),
                compiler_directives={"language_level": 3, "annotation_typing": False},
                quiet=True,
            )
            setup(
                name="crmhub-compiled-identity",
                ext_modules=compiled,
                script_args=[
                    "-q",
                    "build_ext",
                    "--build-lib",
                    str(Path(scratch) / "lib"),
                    "--build-temp",
                    str(Path(scratch) / "tmp"),
                    "--parallel",
                    str(os.cpu_count() or 1),
                ],
            )
        finally:
            os.chdir(here)
        staged = Path(scratch) / "staged"
        staged.mkdir()
        suffix = _this_python()
        for module in modules:
            shutil.move(Path(scratch) / "lib" / "identity_app" / f"{module}{suffix}", staged)
        manifest = {
            "python": suffix,
            "modules": {
                module: {"file": f"{module}{suffix}", "sha256": digests[module]} for module in modules
            },
        }
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=1))
        shutil.rmtree(build_dir, ignore_errors=True)
        build_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged, build_dir)
