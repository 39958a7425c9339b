"""Run the whole product locally under one supervisor: Redis (if none answers), an RQ worker, RQ cron, the CRM
sandbox and the web server, then the demo traffic.

Ports are checked before anything starts. SIGTERM, Ctrl-C (SIGINT) or SIGHUP stop every child, newest first,
without tracebacks; so does the death of any child, which is reported with the end of its log.
"""

import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import redis
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from knox.models import AuthToken

from crm_sandbox.demo.command import DemoCommand
from crm_sandbox.demo.management.commands.seed_demo import DEMO_PASSWORD
from crm_sandbox.demo.supervisor import ChildDied, StopRequested, Supervisor, busy_ports, port_answers

ROOT = Path(settings.BASE_DIR)
SANDBOX_ADMIN_KEY = "sandbox-admin"
WRITEBACK_QUEUE = "writeback"
WRITEBACK_WORKER = ["--worker-class", "crmhub.writeback.worker.PipelineWorker", "--with-scheduler"]
STARTUP_SECONDS = 60
LOGINS = {
    "alice": "sales-ops admin (drafts and applies mapping changes)",
    "bob": "second sales-ops admin (approves alice's changes)",
    "rita": "reviewer (identity review queue, shadow samples)",
    "victor": "viewer (reads everything)",
}


class Command(DemoCommand):
    help = (
        "Seed the demo, start Redis (when needed), two rqworkers (write-back apart), rqcron, the CRM sandbox and the web server, send "
        "demo traffic; Ctrl-C or SIGTERM stops them all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Port of the web server (make demo PORT=…)."
        )
        parser.add_argument(
            "--sandbox-port",
            type=int,
            default=8765,
            help="Port of the CRM sandbox (make demo SANDBOX_PORT=…).",
        )
        parser.add_argument("--scale", default="demo", choices=["tiny", "demo", "full"])
        parser.add_argument(
            "--no-traffic", action="store_true", help="Start everything but send no demo traffic."
        )
        parser.add_argument(
            "--log-dir", type=Path, default=ROOT / "var" / "demo", help="Where each part writes its log."
        )

    def handle(self, *args, port, sandbox_port, scale, no_traffic, log_dir, **options):
        redis_port = self._redis_port_to_start()
        self._check_ports(port=port, sandbox_port=sandbox_port, redis_port=redis_port)
        hub_url = f"http://127.0.0.1:{port}"
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        call_command("seed_demo", sandbox_url=sandbox_url, no_token=True, stdout=self.stdout)
        manage = [sys.executable, str(ROOT / "manage.py")]
        try:
            with Supervisor(log_dir=log_dir) as supervisor:
                self._start_children(
                    supervisor, manage, redis_port, port, sandbox_port, hub_url, scale, log_dir
                )
                if not no_traffic:
                    self._send_traffic(supervisor, manage, hub_url, sandbox_url, scale)
                self._banner(port=port, sandbox_url=sandbox_url, log_dir=log_dir)
                supervisor.watch()
        except StopRequested as stop:
            self.stdout.write(
                f"\n{stop.signal_name}: stopped the web server, sandbox, cron, worker and Redis."
            )
        except ChildDied as died:
            tail = "\n    ".join(died.child.last_log_lines())
            where = f" (log: {died.child.log_path})" if died.child.log_path else ""
            raise CommandError(f"{died}{where}; stopped everything else.\n    {tail}".rstrip()) from None

    def _check_ports(self, *, port: int, sandbox_port: int, redis_port: int | None) -> None:
        wanted = {"web server (PORT)": port, "CRM sandbox (SANDBOX_PORT)": sandbox_port}
        if redis_port is not None:
            wanted["Redis (REDIS_URL)"] = redis_port
        if len(set(wanted.values())) < len(wanted):
            raise CommandError(f"Two parts of the demo would share a port: {wanted}.")
        busy = busy_ports(wanted)
        if busy:
            lines = [
                f"  port {number} for the {purpose} is already in use" for purpose, number in busy.items()
            ]
            raise CommandError(
                "The demo cannot start:\n"
                + "\n".join(lines)
                + "\nStop what listens there (e.g. an earlier demo: `ss -ltnp` shows it) or choose other ports: "
                f"make demo PORT={port + 1} SANDBOX_PORT={sandbox_port + 1}"
            )

    def _redis_port_to_start(self) -> int | None:
        """None when a Redis already answers at REDIS_URL; otherwise the port the demo's own Redis will take."""
        try:
            if redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping():
                return None
        except redis.RedisError:
            pass
        if shutil.which("redis-server") is None:
            raise CommandError("No Redis answers at REDIS_URL and redis-server is not installed.")
        return urlparse(settings.REDIS_URL).port or 6379

    def _start_children(self, supervisor, manage, redis_port, port, sandbox_port, hub_url, scale, log_dir):
        if redis_port is not None:
            log_dir.mkdir(parents=True, exist_ok=True)
            redis_cmd = [shutil.which("redis-server"), "--port", str(redis_port), "--bind", "127.0.0.1"]
            supervisor.start("Redis", [*redis_cmd, "--dir", str(log_dir)], log_name="redis")
            self._await(supervisor, "Redis", lambda: port_answers(redis_port))
        forked_queues = [name for name in settings.RQ_QUEUES if name != WRITEBACK_QUEUE]
        supervisor.start(
            "the RQ worker", [*manage, "rqworker", *forked_queues, "--with-scheduler"], log_name="worker"
        )
        supervisor.start(
            "the write-back worker",
            [*manage, "rqworker", WRITEBACK_QUEUE, *WRITEBACK_WORKER],
            log_name="writeback-worker",
        )
        supervisor.start("RQ cron", [*manage, "rqcron", "crmhub.cron"], log_name="cron")
        sandbox = [
            *manage,
            "crm_sandbox",
            "--port",
            str(sandbox_port),
            "--hub-url",
            hub_url,
            "--scale",
            scale,
        ]
        supervisor.start("the CRM sandbox", sandbox, log_name="sandbox")
        supervisor.start("the web server", [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                         log_name="web")  # fmt: skip
        self._await(supervisor, "the CRM sandbox", lambda: port_answers(sandbox_port))
        self._await(supervisor, "the web server", lambda: _login_page_answers(port))

    def _await(self, supervisor: Supervisor, label: str, ready) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not ready():
            supervisor.check()
            if time.monotonic() > deadline:
                raise CommandError(f"{label} did not answer within {STARTUP_SECONDS} s (see the logs).")
            time.sleep(0.2)

    def _send_traffic(self, supervisor, manage, hub_url, sandbox_url, scale) -> None:
        self.stdout.write("Sending demo traffic (sync, rep edits, lead scores, monitoring history)…")
        traffic = [
            *manage,
            "demo_traffic",
            "--hub-url",
            hub_url,
            "--sandbox-url",
            sandbox_url,
            "--scale",
            scale,
        ]
        code = supervisor.wait_for(supervisor.start("the demo traffic", traffic))
        if code != 0:
            self.stderr.write(f"The demo traffic failed (exit code {code}); the hub runs without it.")

    def _banner(self, *, port: int, sandbox_url: str, log_dir: Path) -> None:
        token = _fresh_integration_token()
        url = f"http://127.0.0.1:{port}"
        write = self.stdout.write
        write(self.style.SUCCESS(f"\nCRM Hub is running at {url}/"))
        for username, role in LOGINS.items():
            write(f"  {username:<7}/ {DEMO_PASSWORD}   {role}")
        write(f"  API token (lead-scorer integration): {token}")
        write(f"  API docs: {url}/api/docs/   Admin: {url}/admin/")
        write(
            f"  CRM sandbox: {sandbox_url}/_sandbox/accounts  (header X-Sandbox-Admin-Key: {SANDBOX_ADMIN_KEY})"
        )
        write(f"  Logs of every part: {log_dir}/")
        write("  Ctrl-C (or SIGTERM) stops everything.\n")
        self.stdout.flush()


def _login_page_answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _fresh_integration_token() -> str:
    """Tokens are stored hashed, so the banner issues a fresh one for the lead-scorer integration (and revokes
    the earlier ones) to show it."""
    integration = User.objects.get(username="lead-scorer")
    AuthToken.objects.filter(user=integration).delete()
    return AuthToken.objects.create(user=integration)[1]
