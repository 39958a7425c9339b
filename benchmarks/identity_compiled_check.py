"""Whether the compiled build (`make compiled`) decides as the Python source does, on people and organisations.

    python benchmarks/identity_compiled_check.py [--keep DIR]

Generates a small people file pair and a small organisation file pair (`identity_data`), runs
`identity_link --train` on each in fresh processes, once from the source (`CRMHUB_PURE_PYTHON=1`) and once
compiled, and compares the results files byte for byte. Cython compiles the source unchanged, yet it has raised
where Python did not (session 33: a list unpacked reversed, on organisation files only), so `make compiled` runs
this after every build and removes a build that fails it: the source then runs, as without a build.
Exit status: 0 the same results, 1 a difference or a crash of either run, 2 no usable build to check.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve()
FILE_PAIRS = {  # kind -> (generator, its sizes, resolver kind, object, provider)
    "people": ("person_cases", (3000, 800), "person", "contacts", "hubspot"),
    "organisations": ("organisation_cases", (1000, 400), "organisation", "Account", "salesforce"),
}


def run_child(kind: str, directory: Path, out: Path) -> None:
    """In a fresh process: Django on a database of its own, then `identity_link` on the file pair."""
    sys.path.insert(0, str(HERE.parent))
    from identity_django import setup_django

    setup_django(f"identity-compiled-check-{os.getpid()}.sqlite3")
    from django.core.management import call_command

    from identity_app import csv_io

    compiled = not csv_io.__file__.endswith(".py")
    if compiled == (os.environ.get("CRMHUB_PURE_PYTHON") == "1"):
        raise SystemExit(f"expected the {'source' if compiled else 'compiled build'}, got the other")
    _, _, resolver_kind, object_name, provider = FILE_PAIRS[kind]
    call_command(
        "identity_link",
        str(directory / f"{kind}_inbound.csv"),
        mirror_csv=str(directory / f"{kind}_crm.csv"),
        provider=provider,
        object_name=object_name,
        kind=resolver_kind,
        train=True,
        out=str(out),
        workers=1,
        progress=False,
        stdout=open(os.devnull, "w"),  # noqa: SIM115 - the process ends with the command
    )


def write_file_pair(kind: str, directory: Path) -> None:
    sys.path.insert(0, str(HERE.parent))
    import identity_data

    generator, sizes, *_ = FILE_PAIRS[kind]
    identity_data.write_case_files(getattr(identity_data, generator)(*sizes), directory, kind)


def linked(kind: str, directory: Path, pure: bool) -> tuple[Path, str]:
    """The results file of one run, and the end of its error output when it failed ("" when it did not)."""
    out = directory / f"{kind}.results-{'source' if pure else 'compiled'}.csv"
    env = {**os.environ, "CRMHUB_PURE_PYTHON": "1"} if pure else {**os.environ, "CRMHUB_PURE_PYTHON": "0"}
    finished = subprocess.run(
        [sys.executable, str(HERE), "--child", kind, str(directory), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return out, (finished.stderr[-2000:] or f"exit code {finished.returncode}") if finished.returncode else ""


def first_difference(source: Path, compiled: Path) -> str:
    source_lines = source.read_text(encoding="utf-8").splitlines()
    compiled_lines = compiled.read_text(encoding="utf-8").splitlines()
    for number, (one, other) in enumerate(zip(source_lines, compiled_lines, strict=False), start=1):
        if one != other:
            return f"line {number}:\n  source:   {one}\n  compiled: {other}"
    return f"the source's file has {len(source_lines)} lines, the compiled build's {len(compiled_lines)}"


def check(directory: Path) -> int:
    sys.path.insert(0, str(HERE.parent.parent))
    os.environ.pop("CRMHUB_PURE_PYTHON", None)
    from identity_app import compiled_build

    if compiled_build.usable_build() is None:
        print("No usable compiled build (`make compiled` builds one): nothing to check.")
        return 2
    failed = False
    for kind in FILE_PAIRS:
        write_file_pair(kind, directory)
        (source, source_error), (compiled, compiled_error) = (
            linked(kind, directory, pure) for pure in (True, False)
        )
        if source_error or compiled_error:
            print(
                f"{kind}: the {'source' if source_error else 'compiled'} run failed:\n{source_error or compiled_error}"
            )
            failed = True
        elif source.read_bytes() != compiled.read_bytes():
            print(
                f"{kind}: the compiled build decides otherwise than the source, {first_difference(source, compiled)}"
            )
            failed = True
        else:
            print(f"{kind}: the same results from the source and the compiled build")
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", type=Path, help="keep the generated and results files in this folder")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, directory, out = args.child
        run_child(kind, Path(directory), Path(out))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        raise SystemExit(check(args.keep))
    with tempfile.TemporaryDirectory(prefix="identity-compiled-check-") as scratch:
        raise SystemExit(check(Path(scratch)))


if __name__ == "__main__":
    main()
