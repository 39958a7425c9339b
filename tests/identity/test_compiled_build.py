"""`make compiled`'s build is used only while it matches the source it was compiled from."""

import hashlib
import json
import logging
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from identity_app import compiled_build

SUFFIX = compiled_build._this_python()


def _build_of(package, build, modules: dict[str, str], python: str = SUFFIX):
    """A package folder holding `modules` (name -> source) and a build folder whose manifest lists them, each with
    a file standing for its extension."""
    package.mkdir()
    build.mkdir()
    entries = {}
    for name, source in modules.items():
        (package / f"{name}.py").write_text(source)
        (build / f"{name}{python}").write_bytes(b"\x7fELF")
        entries[name] = {"file": f"{name}{python}", "sha256": hashlib.sha256(source.encode()).hexdigest()}
    (build / compiled_build.MANIFEST).write_text(json.dumps({"python": python, "modules": entries}))


@pytest.fixture
def folders(tmp_path, monkeypatch):
    monkeypatch.delenv(compiled_build.PURE_PYTHON_ENV, raising=False)
    return tmp_path / "identity_app", tmp_path / "build"


def test_a_build_that_matches_its_sources_is_used(folders):
    package, build = folders
    _build_of(package, build, {"scoring": "WEIGHT = 1\n", "resolver": "LIMIT = 2\n"})
    assert compiled_build.usable_build(package, build) == build


def test_an_edited_module_makes_the_source_run_and_says_why(folders, caplog):
    package, build = folders
    _build_of(package, build, {"scoring": "WEIGHT = 1\n", "resolver": "LIMIT = 2\n"})
    (package / "resolver.py").write_text("LIMIT = 3\n")
    with caplog.at_level(logging.WARNING, logger=compiled_build.__name__):
        assert compiled_build.usable_build(package, build) is None
    assert "resolver.py changed" in caplog.text
    assert "make compiled" in caplog.text


def test_a_missing_extension_makes_the_source_run(folders):
    package, build = folders
    _build_of(package, build, {"scoring": "WEIGHT = 1\n"})
    (build / f"scoring{SUFFIX}").unlink()
    assert compiled_build.usable_build(package, build) is None


def test_a_build_for_another_python_is_not_used(folders):
    package, build = folders
    _build_of(package, build, {"scoring": "WEIGHT = 1\n"}, python=".cpython-399-x86_64-linux-gnu.so")
    assert compiled_build.usable_build(package, build) is None


@pytest.mark.parametrize("manifest", [None, "not json", '{"python": "x"}', "[]"])
def test_no_build_or_an_unreadable_manifest_means_the_source(folders, manifest):
    package, build = folders
    package.mkdir()
    build.mkdir()
    if manifest is not None:
        (build / compiled_build.MANIFEST).write_text(manifest)
    assert compiled_build.usable_build(package, build) is None


def test_the_pure_python_switch_ignores_a_good_build(folders, monkeypatch):
    package, build = folders
    _build_of(package, build, {"scoring": "WEIGHT = 1\n"})
    monkeypatch.setenv(compiled_build.PURE_PYTHON_ENV, "1")
    assert compiled_build.usable_build(package, build) is None


def test_the_hot_modules_listed_all_exist():
    for module in compiled_build.COMPILED_MODULES:
        assert (compiled_build.PACKAGE_DIR / f"{module}.py").is_file(), module


def test_the_command_without_cython_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "Cython", None)
    monkeypatch.setitem(sys.modules, "Cython.Build", None)
    with pytest.raises(CommandError, match="make compiled"):
        call_command("compile_identity")
