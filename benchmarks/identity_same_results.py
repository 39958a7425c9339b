"""Whether a change of the identity code changed any decision: our results files on the three generators.

    python benchmarks/identity_same_results.py --out DIR [--compare OTHER_DIR] [--workers 1]

Runs `identity_quality.py`, `identity_adversarial.py` and `identity_holdout.py` at their default seeds and
sizes, ours only (`--skip-splink`), keeping the generated files and our results files in DIR. With
--compare it says, file by file, whether the results files are byte for byte those of an earlier run (made
with other code, e.g. before a speed change) and shows the first differing lines of any that are not.
Speed work must leave every byte alone.
"""

import argparse
import difflib
import hashlib
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("identity_quality", "identity_adversarial", "identity_holdout")


def run_sets(out: Path, workers: str) -> None:
    for name in SETS:
        command = [sys.executable, str(HERE / f"{name}.py"), "--skip-splink", "--keep", str(out / name)]
        if name == "identity_quality":
            command += ["--workers", workers]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode:
            sys.stderr.write(finished.stdout[-3000:] + finished.stderr[-3000:])
            raise SystemExit(f"{name} failed (exit code {finished.returncode})")
        lines = [line for line in finished.stdout.splitlines() if line.startswith(("crmhub", "throughput"))]
        print(f"{name}: " + "; ".join(lines))


def results_files(directory: Path) -> dict[str, Path]:
    return {str(path.relative_to(directory)): path for path in sorted(directory.glob("*/*.results*.csv"))}


def compare(new: Path, old: Path) -> bool:
    ours, theirs = results_files(new), results_files(old)
    same = True
    for name in sorted(set(ours) | set(theirs)):
        if name not in ours or name not in theirs:
            print(f"{name}: only in {'the new run' if name in ours else 'the earlier run'}")
            same = False
            continue
        new_bytes, old_bytes = ours[name].read_bytes(), theirs[name].read_bytes()
        digest = hashlib.sha256(new_bytes).hexdigest()[:16]
        if new_bytes == old_bytes:
            print(f"{name}: identical ({digest})")
            continue
        same = False
        diff = difflib.unified_diff(
            old_bytes.decode().splitlines(),
            new_bytes.decode().splitlines(),
            "earlier",
            "new",
            lineterm="",
            n=0,
        )
        print(f"{name}: DIFFERENT")
        for line in list(diff)[:12]:
            print(f"    {line}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="An earlier run's --out directory.")
    parser.add_argument("--workers", default="1", help="Our runs on identity_quality's files (e.g. 1,2).")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    run_sets(args.out, args.workers)
    if args.compare:
        if not compare(args.out, args.compare):
            raise SystemExit("decisions changed")
        print("every results file is byte for byte the earlier run's")


if __name__ == "__main__":
    main()
