"""CDP delivery rate: Segment-spec messages through our batch client into the CDP emulator, against its limits.

    python benchmarks/exports_cdp.py [--events 100000] [--storm 0.05]

A child process serves the sandbox (with its CDP emulator) over real HTTP on 127.0.0.1, so this process holds
only the sender. Three runs:

1. pack: building and encoding the messages and packing them into batches, no network (the sender's CPU bound);
2. deliver: the same messages sent to `/v1/batch` as fast as the emulator takes them; printed beside the
   documented bounds: 500 KB per request (how full our batches are) and 2,500 events per request;
3. storm: the same with a share of requests answered 429 (`Retry-After: 1`), which the sender waits out;
4. paced: the sender held to Segment Engage's inbound limit (1,000 events/s): the share of that bound reached.

The suppression lag (a rep's opt-out to the CDP) is measured by benchmarks/exports_cdp_lag.py.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITE_KEY = "wk_benchmark"
ENGAGE_EVENTS_PER_SECOND = 1000  # Segment Engage's inbound limit, from the HTTP API page
KB = 1024


def serve(port_queue, stop_event) -> None:
    from crm_sandbox import Sandbox
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=1)
    sandbox.cdp.add_source(WRITE_KEY)
    running = serve_in_thread(sandbox, port=0)
    port_queue.put(running.port)
    stop_event.wait()
    running.shutdown()


def messages(count: int) -> list[dict]:
    from crmhub.exports import segment

    now = datetime.now(UTC)
    built = []
    for number in range(count):
        subject = f"hubspot-prod:contacts:{1_000_000 + number}"
        key = ("bench", number)
        if number % 4 == 3:
            built.append(
                segment.track(
                    user_id=subject,
                    event="Deal Stage Changed",
                    properties={"from_stage": "qualified", "to_stage": "closedwon", "amount": 1200 + number},
                    timestamp=now,
                    message_key=key,
                )
            )
        else:
            traits = {
                "email": f"person{number}@example.com",
                "first_name": "Ann",
                "last_name": f"Person {number}",
                "lifecycle_stage": "customer",
                "ai_score": 0.73,
                "crm_suppressed": False,
                "crm_consent": {"email_marketing": "opt_in"},
            }
            built.append(segment.identify(user_id=subject, traits=traits, timestamp=now, message_key=key))
    return built


def admin(base_url: str, method: str, path: str, payload=None) -> dict:
    import httpx

    answer = httpx.request(
        method,
        f"{base_url}/_sandbox/cdp/sources/{WRITE_KEY}{path}",
        json=payload,
        headers={"X-Sandbox-Admin-Key": "sandbox-admin"},
        timeout=60,
    )
    answer.raise_for_status()
    return answer.json()


def run_pack(batch_messages: list[dict]) -> dict:
    from crmhub.exports import segment

    client = segment.SegmentBatchClient(endpoint="http://127.0.0.1:9", write_key="unused", transport=None)
    report = segment.DeliveryReport()
    started = time.perf_counter()
    batches = list(client.pack(batch_messages, report))
    elapsed = time.perf_counter() - started
    client.close()
    return {"seconds": elapsed, "batches": len(batches), "sizes": [b.size for b in batches]}


def run_deliver(
    base_url: str, batch_messages: list[dict], *, storm: float, pace: float | None = None
) -> dict:
    import httpx

    from crmhub.exports import segment

    admin(base_url, "DELETE", "/messages")
    admin(base_url, "DELETE", "/faults")
    if storm:
        admin(base_url, "POST", "/faults", {"rate_limit_storm": storm, "retry_after_s": 1})
    client = segment.SegmentBatchClient(
        endpoint=f"{base_url}/cdp",
        write_key=WRITE_KEY,
        transport=httpx.HTTPTransport(),
        max_attempts=20,
        events_per_second=pace,
    )
    started = time.perf_counter()
    report = client.deliver(batch_messages)
    elapsed = time.perf_counter() - started
    client.close()
    summary = admin(base_url, "GET", "")
    return {"seconds": elapsed, "report": report, "summary": summary}


def print_pack(count: int, packed: dict) -> None:
    sizes = packed["sizes"]
    print(f"pack     {count:,} events in {packed['seconds']:.2f} s = {count / packed['seconds']:,.0f} events/s "
          f"(CPU bound of the sender), {packed['batches']} batches")  # fmt: skip
    print(f"         batch size mean {statistics.mean(sizes) / KB:,.1f} KB, max {max(sizes) / KB:,.1f} KB "
          f"vs the 500 KB limit; events per batch {count / packed['batches']:,.0f} vs the 2,500 cap")  # fmt: skip


def print_deliver(name: str, count: int, result: dict, bound: float | None = None) -> None:
    report, summary = result["report"], result["summary"]
    rate = count / result["seconds"]
    versus = f" = {rate / bound:.3f} of the {bound:,.0f} events/s bound" if bound else ""
    print(f"{name:8} {count:,} events in {result['seconds']:.2f} s = {rate:,.0f} events/s{versus}; "
          f"{report.requests} requests ({report.retries} retried after 429), "
          f"{len(report.failed)} failed, {len(report.refused)} refused")  # fmt: skip
    print(f"         CDP stored {summary['accepted']:,} (duplicates {summary['duplicates']}), "
          f"statuses {sorted(set(summary['statuses']))}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--storm", type=float, default=0.05, help="share of requests answered 429 in run 3")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()

    context = multiprocessing.get_context("spawn")
    port_queue, stop_event = context.Queue(), context.Event()
    child = context.Process(target=serve, args=(port_queue, stop_event), daemon=True)
    child.start()
    base_url = f"http://127.0.0.1:{port_queue.get(timeout=60)}"
    try:
        batch_messages = messages(options.events)
        size = sum(len(json.dumps(m, separators=(",", ":"))) for m in batch_messages[:1000]) / 1000
        print(
            f"{options.events:,} messages, {size:,.0f} bytes each on average; load {os.getloadavg()[0]:.1f}"
        )
        print_pack(options.events, run_pack(batch_messages))
        print_deliver("deliver", options.events, run_deliver(base_url, batch_messages, storm=0))
        if options.storm:
            storm_count = min(options.events, 20_000)
            result = run_deliver(base_url, batch_messages[:storm_count], storm=options.storm)
            print_deliver(f"storm{options.storm:.0%}", storm_count, result)
        paced_count = min(options.events, 10_000)
        paced = run_deliver(base_url, batch_messages[:paced_count], storm=0, pace=ENGAGE_EVENTS_PER_SECOND)
        print_deliver("paced", paced_count, paced, bound=ENGAGE_EVENTS_PER_SECOND)
    finally:
        stop_event.set()
        child.join(timeout=10)


if __name__ == "__main__":
    main()
