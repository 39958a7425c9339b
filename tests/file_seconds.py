"""Writes tests/file_seconds.json, the seconds each long test file took, from pytest's `--durations=0` report:

    python -m tests.harness --durations=0 | python -m tests.file_seconds

tests/conftest.py hands the files out longest first (see `longest_files_first`). Files under two seconds are left
out: they are costed at the suite's average a test."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

TARGET = Path(__file__).with_name("file_seconds.json")
DURATION = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+((tests/[^:\s]+\.py)::\S+)")
SHORTEST_KEPT = 2.0


def seconds_by_file(lines) -> dict[str, float]:
    # A test with subtests is listed once a subtest and once whole, under one id: its whole (longest) call counts.
    phases: dict[tuple[str, str], float] = {}
    for line in lines:
        found = DURATION.match(line)
        if found:
            key = (found[3], found[2])
            phases[key] = max(phases.get(key, 0.0), float(found[1]))
    seconds = Counter()
    for (test, _), taken in phases.items():
        seconds[test.split("::", 1)[0]] += taken
    return {path: round(total, 1) for path, total in sorted(seconds.items()) if total >= SHORTEST_KEPT}


if __name__ == "__main__":
    measured = seconds_by_file(sys.stdin)
    if not measured:
        raise SystemExit("no durations read: pipe in the output of a run with --durations=0")
    TARGET.write_text(json.dumps(measured, indent=1) + "\n")
    print(f"{len(measured)} files written to {TARGET}")
