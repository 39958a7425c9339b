"""`run_demo` checks its ports before starting anything and fails loudly; one supervisor stops every child it
started (Redis, worker, cron, sandbox, web server) on SIGTERM or a terminal's Ctrl-C, quietly."""

import contextlib
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from crm_sandbox.demo.supervisor import port_is_free

ROOT = Path(__file__).resolve().parent.parent
BANNER_END = "stops everything"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def listening():
    """A port something already listens on."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


@pytest.mark.parametrize("busy", ["web", "sandbox"])
def test_run_demo_refuses_a_busy_port_before_starting_anything(db, settings, listening, busy):
    settings.DEBUG = True
    ports = {"port": free_port(), "sandbox_port": free_port()}
    ports["port" if busy == "web" else "sandbox_port"] = listening

    with pytest.raises(CommandError) as refused:
        call_command("run_demo", no_traffic=True, stdout=StringIO(), **ports)

    message = str(refused.value)
    purpose = "web server (PORT)" if busy == "web" else "CRM sandbox (SANDBOX_PORT)"
    assert f"port {listening} for the {purpose} is already in use" in message
    assert "make demo PORT=" in message and "SANDBOX_PORT=" in message
    assert not User.objects.filter(username="alice").exists()  # nothing seeded, nothing started


def test_make_demo_passes_its_ports_to_run_demo():
    makefile = (ROOT / "Makefile").read_text()
    assert "run_demo --port $(PORT) --sandbox-port $(SANDBOX_PORT)" in makefile
    assert "PORT ?= 8000" in makefile and "SANDBOX_PORT ?= 8765" in makefile


# ------------------------------------------------------------------ the supervisor, as a real process tree


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def descendants(root: int) -> set[int]:
    parents = {int(name): _parent_of(int(name)) for name in os.listdir("/proc") if name.isdigit()}
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= children
        frontier = children
    return found


def _command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl-C"])
def test_one_signal_stops_every_child_quietly(tmp_path, migrated_sqlite_file, stop):
    database = tmp_path / "demo.sqlite3"
    shutil.copy(migrated_sqlite_file, database)
    port, sandbox_port, redis_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "crmhub.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",  # nothing answers: the demo starts its own Redis
        "OUTBOUND_ALLOWED_NETWORKS": "127.0.0.1",
    }
    command = [
        sys.executable, str(ROOT / "manage.py"), "run_demo", "--port", str(port), "--sandbox-port",
        str(sandbox_port), "--scale", "tiny", "--no-traffic", "--log-dir", str(tmp_path / "logs"),
    ]  # fmt: skip
    # Its own session, as a shell's foreground job: a terminal's Ctrl-C is SIGINT to that whole group.
    demo = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in demo.stdout], daemon=True)
    reader.start()
    output = []
    try:
        deadline = time.monotonic() + 240
        while not any(BANNER_END in line for line in output):
            assert time.monotonic() < deadline and demo.poll() is None, "".join(output)
            with contextlib.suppress(queue.Empty):
                output.append(lines.get(timeout=1))
        children = descendants(demo.pid)
        commands = " | ".join(_command_of(pid) for pid in children)
        for part in ("redis-server", "rqworker", "rqcron", "crm_sandbox", "runserver"):
            assert part in commands, commands

        if stop == "SIGTERM":
            demo.send_signal(signal.SIGTERM)
        else:
            os.killpg(demo.pid, signal.SIGINT)
        code = demo.wait(timeout=90)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
    reader.join(timeout=10)  # its last lines, up to the end of its output
    while not lines.empty():
        output.append(lines.get())
    text = "".join(output)

    assert code == 0, text
    survivors = [(pid, _command_of(pid)) for pid in children if _alive(pid)]
    assert survivors == []
    assert "Traceback" not in text
    assert "stopped the web server, sandbox, cron, worker and Redis" in text
    assert "API token (lead-scorer integration): " in text and "alice" in text.split("API token")[0][-400:]
    assert all(port_is_free(p) for p in (port, sandbox_port, redis_port))
