"""Run the whole product locally: Redis (if none answers), an RQ worker, RQ cron and the web server."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import redis
from django.conf import settings
from django.core.management.base import CommandError

from crm_sandbox.demo.command import DemoCommand
from crm_sandbox.demo.management.commands.seed_demo import DEMO_PASSWORD

ROOT = Path(settings.BASE_DIR)
WRITEBACK_QUEUE = "writeback"
FORKED_QUEUES = [name for name in settings.RQ_QUEUES if name != WRITEBACK_QUEUE]
WRITEBACK_WORKER = ["--worker-class", "crmhub.writeback.worker.PipelineWorker", "--with-scheduler"]


class Command(DemoCommand):
    help = "Start Redis (when needed), two rqworkers (write-back apart), rqcron and the web server; Ctrl-C stops them all."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--sandbox-port", type=int, default=8765)

    def handle(self, *args, port, sandbox_port, **options):
        processes: list[subprocess.Popen] = []
        hub_url = f"http://127.0.0.1:{port}"
        try:
            if not self._redis_answers():
                processes.append(self._start_redis())
            manage = [sys.executable, str(ROOT / "manage.py")]
            processes.append(subprocess.Popen([*manage, "rqworker", *FORKED_QUEUES, "--with-scheduler"]))
            processes.append(subprocess.Popen([*manage, "rqworker", WRITEBACK_QUEUE, *WRITEBACK_WORKER]))
            processes.append(subprocess.Popen([*manage, "rqcron", "crmhub.cron"]))
            if (ROOT / "crmhub" / "management" / "commands" / "crm_sandbox.py").exists():
                sandbox = [*manage, "crm_sandbox", "--port", str(sandbox_port), "--hub-url", hub_url]
                processes.append(subprocess.Popen(sandbox))
            web = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}", "--noreload"])
            processes.append(web)
            self._wait_for_web(port)
            traffic = [
                "demo_traffic",
                "--hub-url",
                hub_url,
                "--sandbox-url",
                f"http://127.0.0.1:{sandbox_port}",
            ]
            subprocess.run([*manage, *traffic], check=False)
            self._banner(port)
            web.wait()
        except KeyboardInterrupt:
            self.stdout.write("\nStopping…")
        finally:
            for process in reversed(processes):
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _wait_for_web(self, port: int) -> None:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise CommandError("The web server did not start.")

    def _redis_answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    def _start_redis(self) -> subprocess.Popen:
        binary = shutil.which("redis-server")
        if binary is None:
            raise CommandError("No Redis answers at REDIS_URL and redis-server is not installed.")
        url = urlparse(settings.REDIS_URL)
        workdir = ROOT / "var"
        workdir.mkdir(exist_ok=True)
        process = subprocess.Popen(
            [
                binary,
                "--port",
                str(url.port or 6379),
                "--bind",
                url.hostname or "127.0.0.1",
                "--dir",
                str(workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            if self._redis_answers():
                return process
            time.sleep(0.1)
        raise CommandError("redis-server did not start.")

    def _banner(self, port: int) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nCRM Hub is running at http://127.0.0.1:{port}/"))
        self.stdout.write(f"  alice / {DEMO_PASSWORD}  sales-ops admin (drafts and applies mapping changes)")
        self.stdout.write(f"  bob / {DEMO_PASSWORD}    second sales-ops admin (approves alice's changes)")
        self.stdout.write(f"  rita / {DEMO_PASSWORD}   reviewer      victor / {DEMO_PASSWORD}   viewer")
        self.stdout.write(
            f"  API docs: http://127.0.0.1:{port}/api/docs/   Admin: http://127.0.0.1:{port}/admin/"
        )
        self.stdout.write("  Press Ctrl-C to stop everything.\n")
