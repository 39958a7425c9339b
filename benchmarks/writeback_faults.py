"""Write-back through a fault storm, with real workers: does every value end verified in the CRM or
dead-lettered with a reason, and do the outcomes agree with the CRM field by field? What does verification
cost in API calls?

    python benchmarks/writeback_faults.py [--records 3000] [--batch 100] [--workers 2] [--kills 5]

Two runs on one PostgreSQL + Redis, each against its own HubSpot sandbox served over HTTP:
1. the storm: 429 storms, 5xx, timeouts answered after the write was applied (lost responses), bursts of
   lost write answers after each kill, 20 % of the ai_score writes silently dropped, 5 x kill -9 of workers;
2. the same records on a healthy CRM, no kills: the verification cost of normal operation.
Sync cycles of the object run every few seconds (their read verifies earlier writes at no extra call) and the
recovery sweep every second, from this process. Prints, per run, values by outcome, disagreements with the
CRM, and API requests counted at the sandbox, with verification reads as a share of the write requests.
"""

import argparse
import os
import tempfile
from pathlib import Path

from writeback_common import load_average, servers, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--drop", type=float, default=0.2)
    parser.add_argument("--sample-rate", type=float, default=0.1)
    args = parser.parse_args()
    with servers(), tempfile.TemporaryDirectory(prefix="wb-faults-") as tmp:
        setup_django()
        import django_rq

        from tests.writeback.fault_storm import StormConfig, storm_run

        django_rq.get_queue("writeback").connection.flushdb()
        env = {**os.environ}
        log_path = str(Path(tmp) / "workers.log")
        common = dict(
            records=args.records,
            batch=args.batch,
            workers=args.workers,
            sample_rate=args.sample_rate,
            deadline_s=1800.0,
        )
        storm = StormConfig(
            **common, kills=args.kills, kill_window_s=30.0, drop_share=args.drop, name="storm", seed=14
        )
        healthy = StormConfig(**common, kills=0, faults=False, name="healthy", seed=15)
        for title, config in (("fault storm", storm), ("healthy CRM", healthy)):
            report = storm_run(config, env=env, log_path=log_path)
            print(f"\n## {title}\n")
            print(report.table())
            for line in report.disagreements[:20]:
                print("  disagreement:", line)
        print(f"\nload average at the end: {load_average()}")


if __name__ == "__main__":
    main()
