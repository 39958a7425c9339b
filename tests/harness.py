"""Run the test suite against real servers: a PostgreSQL and a Redis started on loopback for this run.

    python -m tests.harness [--sqlite-too] [pytest args...]

The first pass runs the whole suite on PostgreSQL. With --sqlite-too a second pass runs on SQLite what SQLite could
answer differently: the tests that use the database (pytest-django's django_db mark, its db, transactional_db or
live_server fixtures, or a fixture that unblocks the database: see uses_database() in tests/conftest.py), minus the
browser tests and the tests marked database_neutral, and of a test marked database_neutral_roles only the admin's
case. The others never reach the database (pytest-django refuses them any access) or check what no engine changes
(who may call what, the answers' shapes, a CRM's protocol), so they proved on PostgreSQL all they can prove.

PostgreSQL refuses to run as root, so as root its processes run as the `postgres` user.
Both servers live in a temporary directory and are stopped when the run ends, whatever happens.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "crmhub.test_settings"
PG_TEMPLATE = "crmhub_template"
PG_BIN_CANDIDATES = [Path("/usr/lib/postgresql/15/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name: str) -> str:
    for folder in PG_BIN_CANDIDATES:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"PostgreSQL's {name} is missing: install the postgresql package (make test does).")


def as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextlib.contextmanager
def postgres_server(workdir: Path):
    data = workdir / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(
        as_postgres(
            [pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    log = workdir / "postgres.log"
    subprocess.run(
        as_postgres([pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/crmhub"
    finally:
        subprocess.run(
            as_postgres([pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


@contextlib.contextmanager
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is missing: install the redis-server package (make test does).")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        time.sleep(0.05)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_pytest(args: list[str], env: dict) -> int:
    # One worker more than cores: the suite waits a good part of its time (worker processes, servers, a CRM's rate
    # windows), and a third worker fills those waits (about a tenth off the wall time on 2 cores).
    workers = os.environ.get("CRMHUB_TEST_WORKERS", str((os.cpu_count() or 1) + 1))
    parallel = ["-n", workers, "--dist", "loadfile", "--no-loadscope-reorder"]  # files in conftest's order
    if "-n" in args or workers in ("0", "1"):
        parallel = []
    return subprocess.call([sys.executable, "-m", "pytest", *parallel, *args], cwd=ROOT, env=env)


def migrating(database_url: str, env: dict, **popen) -> subprocess.Popen:
    """`manage.py migrate` on the database at `database_url`, with the test settings, in a process of its own."""
    command = [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v0"]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": SETTINGS},
        **popen,
    )


def migrated_pg_template(database_url: str, env: dict) -> dict[str, str]:
    """Migrate a PostgreSQL template database once, before the passes: each test worker's database starts as a copy
    (crmhub/test_settings.py) instead of running every migration again (~25 s of CPU, mostly Django's model-state
    rebuilds)."""
    template_url = database_url.rsplit("/", 1)[0] + "/" + PG_TEMPLATE
    host = database_url.split("@", 1)[1].split(":", 1)[0]
    port = database_url.rsplit(":", 1)[1].split("/", 1)[0]
    createdb = [pg_bin("createdb"), "-h", host, "-p", port, "-U", "postgres", PG_TEMPLATE]
    subprocess.run(as_postgres(createdb), check=True)
    if migrating(template_url, env).wait() != 0:
        raise SystemExit("migrating the PostgreSQL test template failed (see above)")
    return {"CRMHUB_TEST_PG_TEMPLATE": PG_TEMPLATE}


@contextlib.contextmanager
def sqlite_template_in_the_background(workdir: Path, env: dict):
    """Migrate the SQLite pass's template file beside the PostgreSQL template, then on while the PostgreSQL pass runs
    (that pass leaves the cores idle part of its time). The file appears under its name only once complete; a `.failed` file says the migrate failed.
    tests/conftest.py's `migrated_sqlite_file` waits for one or the other."""
    template = workdir / "migrated.sqlite3"
    partial = workdir / "migrated.sqlite3.partial"
    run = migrating(f"sqlite:///{partial}", env)

    def publish():
        if run.wait() == 0:
            partial.rename(template)
        else:
            template.with_suffix(".failed").touch()

    publisher = threading.Thread(target=publish, daemon=True)
    publisher.start()
    try:
        yield {"CRMHUB_TEST_SQLITE_TEMPLATE": str(template)}
        publisher.join()
        if not template.exists():
            raise SystemExit("migrating the SQLite test template failed (see above)")
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()


def bytecode_cached(environ, cache_dir: Path) -> dict:
    """The environment with compiled bytecode kept in `cache_dir` for the run. The suite starts hundreds of Python
    processes (test workers, rqworkers, sandbox servers, manage.py commands); with PYTHONDONTWRITEBYTECODE set, as
    on this machine, each compiled every module it imported again (and pytest rewrote every test module again in
    each worker: ~12 s of CPU a worker). The cache stays out of the repository and goes with the run."""
    env = {name: value for name, value in environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    return env


def main(argv: list[str]) -> int:
    sqlite_too = "--sqlite-too" in argv
    args = [arg for arg in argv if arg != "--sqlite-too"]
    with tempfile.TemporaryDirectory(prefix="crmhub-test-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o755)
        with postgres_server(workdir) as database_url, redis_server() as redis_url:
            env = {
                **bytecode_cached(os.environ, workdir / "pycache"),
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "CRMHUB_TEST_SERVERS": "1",
            }
            with sqlite_template_in_the_background(workdir, env) as sqlite_template:
                env.update(migrated_pg_template(database_url, env))
                env.update(sqlite_template)
                print(f"== PostgreSQL suite ({database_url}, {redis_url})", flush=True)
                status = run_pytest(args, env)
            if sqlite_too and status == 0:
                sqlite_env = {**env, "DATABASE_URL": f"sqlite:///{workdir / 'sqlite.db'}"}
                print("== SQLite suite: the tests that use the database, browser tests aside", flush=True)
                status = run_pytest([*args, "-m", "not browser", "--second-database-pass"], sqlite_env)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
