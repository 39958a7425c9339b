"""Batch throughput against Splink, paired round by round on one generated file pair (issue 13's 3x target).

    python benchmarks/identity_throughput.py [--rounds 10] [--kind people|organisations] [--workers 2,1]
                                             [--keep DIR]

One run is too noisy on a shared machine to decide a ratio (one tree against itself varied ~8 % a run), so this
runs both tools again and again, side by side: each round runs ours once per worker count, then Splink once
(DuckDB, 2 threads), and prints each run's wall and CPU time. The medians and the ratio of Splink's median wall to
ours come last. When `make compiled` has built the resolver's modules, ours runs twice a round, from the Python
source (`CRMHUB_PURE_PYTHON=1`) and compiled, alternating which goes first, so the build's gain is measured in the
same rounds. Every run of ours must give the same results (their digest is printed); a difference stops the run.

Each side is a long-lived process that has set Django up and imported the command once (neither tool's imports are
timed); each run of ours is a forked child running `identity_link --train`, as `identity_quality.run_ours` runs it.
Splink runs in a process of its own: a fork taken after DuckDB started its threads can crash.
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
FILE_PAIRS = {  # kind -> (generator arguments, resolver kind, object, provider)
    "people": ({"people": 20000, "inbound": 5000, "seed": 13}, "person", "contacts", "hubspot"),
    "organisations": ({"orgs": 4000, "inbound": 1200, "seed": 17}, "organisation", "Account", "salesforce"),
}


# -- a side: one process answering "ours N" or "splink" on stdin with one JSON line each ----------------------


def serve(directory: Path, kind: str) -> None:
    sys.path.insert(0, str(HERE.parent))
    from identity_django import setup_django

    setup_django(f"identity-throughput-{os.getpid()}.sqlite3")
    import identity_quality

    paths = _file_pair(directory, kind)
    _, resolver_kind, object_name, provider = FILE_PAIRS[kind]
    print(json.dumps({"ready": _compiled()}), flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[0] == "ours":
            run = identity_quality.run_ours(
                paths, kind=resolver_kind, object_name=object_name, provider=provider, workers=int(command[1])
            )
        else:
            run = identity_quality.run_splink(paths, kind=resolver_kind)
        print(json.dumps({"wall": run.seconds, "cpu": run.cpu, "digest": _digest(run)}), flush=True)


def _file_pair(directory: Path, kind: str) -> dict:
    from identity_data import organisation_cases, person_cases, write_case_files

    paths = {part: directory / f"{kind}_{part}.csv" for part in ("crm", "inbound", "truth")}
    if not paths["crm"].exists():
        sizes = FILE_PAIRS[kind][0]
        if kind == "people":
            cases = person_cases(sizes["people"], sizes["inbound"], seed=sizes["seed"])
        else:
            cases = organisation_cases(sizes["orgs"], sizes["inbound"], seed=sizes["seed"])
        write_case_files(cases, directory, kind)
    return paths


def _compiled() -> bool:
    from identity_app import csv_io

    return not csv_io.__file__.endswith(".py")


def _digest(run) -> str:
    answers = sorted((external_id, d.linked, d.candidates) for external_id, d in run.decisions.items())
    return hashlib.sha256(json.dumps(answers).encode()).hexdigest()[:16]


# -- the rounds ------------------------------------------------------------------------------------------------


class Side:
    def __init__(self, name: str, directory: Path, kind: str, pure: bool = False):
        env = {**os.environ, "CRMHUB_PURE_PYTHON": "1"} if pure else dict(os.environ)
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(HERE), "--serve", str(directory), kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        self.compiled = self._answer()["ready"]
        self.runs: dict[str, list[dict]] = {}

    def _answer(self) -> dict:
        for line in self.process.stdout:
            if line.startswith("{"):
                return json.loads(line)
        raise SystemExit(f"{self.name} stopped (run it with --serve to see why)")

    def run(self, command: str, label: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        self.runs.setdefault(label, []).append(answer)
        return answer

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _summary(label: str, runs: list[dict]) -> str:
    walls, cpus = [r["wall"] for r in runs], [r["cpu"] for r in runs]
    return (
        f"{label:<22} wall median {statistics.median(walls):6.2f} s ({min(walls):.2f}-{max(walls):.2f}), "
        f"CPU median {statistics.median(cpus):6.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--kind", choices=sorted(FILE_PAIRS), default="people")
    parser.add_argument("--workers", type=lambda text: [int(n) for n in text.split(",")], default=[2, 1])
    parser.add_argument("--keep", type=Path, help="Write the generated files here (and read them from here).")
    parser.add_argument("--serve", nargs=2, metavar=("DIR", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(Path(args.serve[0]), args.serve[1])
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-throughput-"))
    directory.mkdir(parents=True, exist_ok=True)
    ours = [Side("ours", directory, args.kind)]  # the first side writes the file pair
    if ours[0].compiled:
        ours = [Side("pure", directory, args.kind, pure=True), ours[0]]
        ours[1].name = "compiled"
    splink = Side("splink", directory, args.kind)
    for side in ours:  # a warm-up run each: the page cache, the first fork
        side.run(f"ours {args.workers[0]}", "warm-up")
    digests = set()
    for number in range(args.rounds):
        order = ours if number % 2 == 0 else ours[::-1]
        figures = []
        for workers in args.workers:
            for side in order:
                answer = side.run(f"ours {workers}", f"{side.name}, {workers} worker(s)")
                digests.add(answer["digest"])
                figures.append(f"{side.name} {workers}w {answer['wall']:.2f}/{answer['cpu']:.2f}")
        answer = splink.run("splink", "splink, 2 threads")
        figures.append(f"splink {answer['wall']:.2f}/{answer['cpu']:.2f}")
        load = os.getloadavg()[0]
        print(
            f"round {number + 1} ({time.strftime('%H:%M:%S')}, load {load:.1f}): {', '.join(figures)}",
            flush=True,
        )
        if len(digests) > 1:
            raise SystemExit(f"our runs gave different results: {sorted(digests)}")
    print(f"\n{args.kind}: files in {directory}; every run of ours gave results {digests.pop()}")
    splink_median = statistics.median(r["wall"] for r in splink.runs["splink, 2 threads"])
    for side in ours:
        for label, runs in side.runs.items():
            if label != "warm-up":
                ratio = splink_median / statistics.median(r["wall"] for r in runs)
                print(f"{_summary(label, runs)}; Splink's median wall / this: {ratio:.2f}x")
    print(_summary("splink, 2 threads", splink.runs["splink, 2 threads"]))
    for side in [*ours, splink]:
        side.close()


if __name__ == "__main__":
    main()
