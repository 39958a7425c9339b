"""The demo's process supervisor: it checks its ports before starting anything, starts each child in a session of
its own (a terminal's Ctrl-C reaches the supervisor only, so no child prints a traceback), watches them, and stops
them all, newest first, on SIGTERM, SIGINT or SIGHUP, or when one of them dies."""

import contextlib
import errno
import os
import signal
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class StopRequested(Exception):
    """A stop signal arrived; `signal_name` says which."""

    def __init__(self, signal_name: str):
        super().__init__(signal_name)
        self.signal_name = signal_name


class ChildDied(Exception):
    def __init__(self, child: "Child", code: int):
        super().__init__(f"{child.label} stopped unexpectedly (exit code {code})")
        self.child = child
        self.code = code


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port. SO_REUSEADDR as the servers themselves use it, so a socket in
    TIME_WAIT does not count as busy."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def busy_ports(ports: dict[str, int]) -> dict[str, int]:
    """The {purpose: port} entries whose port something already listens on."""
    return {purpose: port for purpose, port in ports.items() if not port_is_free(port)}


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Child:
    label: str
    process: subprocess.Popen
    log_path: Path | None = None

    def last_log_lines(self, count: int = 8) -> list[str]:
        if self.log_path is None or not self.log_path.exists():
            return []
        with self.log_path.open(errors="replace") as log:
            return [line.rstrip() for line in deque(log, maxlen=count)]


@dataclass
class Supervisor:
    log_dir: Path
    children: list[Child] = field(default_factory=list)
    _previous_handlers: dict = field(default_factory=dict)

    def __enter__(self) -> "Supervisor":
        for number in STOP_SIGNALS:
            self._previous_handlers[number] = signal.signal(number, self._on_signal)
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop_all()
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)

    @staticmethod
    def _on_signal(number, _frame):
        raise StopRequested(signal.Signals(number).name)

    def start(self, label: str, command: list[str], *, log_name: str | None = None, env=None) -> Child:
        """Start a child in its own session. With `log_name` its output goes to <log_dir>/<log_name>.log,
        otherwise to this terminal."""
        log_path = None
        output = None
        if log_name:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            log_path = self.log_dir / f"{log_name}.log"
            output = log_path.open("w")
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
                start_new_session=True,
                env=env,
            )
        finally:
            if output:
                output.close()
        child = Child(label=label, process=process, log_path=log_path)
        self.children.append(child)
        return child

    def check(self, *, ignore: tuple[Child, ...] = ()) -> None:
        """Raise ChildDied when a supervised child has exited."""
        for child in self.children:
            if child in ignore:
                continue
            code = child.process.poll()
            if code is not None:
                raise ChildDied(child, code)

    def wait_for(self, child: Child, *, poll_seconds: float = 0.3) -> int:
        """Wait until `child` exits, watching the others meanwhile; return its exit code."""
        while True:
            code = child.process.poll()
            if code is not None:
                self.children.remove(child)
                return code
            self.check(ignore=(child,))
            time.sleep(poll_seconds)

    def watch(self, *, poll_seconds: float = 0.5) -> None:
        """Block until a stop signal (StopRequested) or a child's death (ChildDied)."""
        while True:
            self.check()
            time.sleep(poll_seconds)

    def stop_all(self, *, grace_seconds: float = 10.0) -> None:
        """Stop the children newest first: SIGTERM to the child's whole process group (a worker's work horse
        too), then SIGKILL after the grace period. Further stop signals are ignored meanwhile."""
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        while self.children:
            child = self.children.pop()
            _signal_group(child.process, signal.SIGTERM)
            try:
                child.process.wait(timeout=grace_seconds)
            except subprocess.TimeoutExpired:
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait()
            _signal_group(child.process, signal.SIGKILL)  # whatever of its group outlived it


def _signal_group(process: subprocess.Popen, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, number)
