"""`make` installs from requirements/*.lock: every dependency pyproject.toml names must be pinned there, at a
version its specifier allows (run `make lock` after editing pyproject.toml)."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins(lock: str) -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("==", 1)
            pinned[canonicalize_name(name.split("[")[0].strip())] = version.split()[0].strip()
    return pinned


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = list(project["dependencies"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "extras"), [("base.lock", ()), ("dev.lock", ("dev",))])
def test_every_dependency_is_pinned_within_its_specifier(lock, extras):
    pinned = pins(lock)
    problems = []
    for requirement in declared(*extras):
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not in {lock}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} in {lock} is outside {requirement.specifier}")
    assert not problems, "run `make lock`: " + "; ".join(problems)
