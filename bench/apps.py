"""The two apps the bench compares, the databases it makes for them, and their servers.

backpop runs as in production (bin/start, gunicorn.conf.py, backpop_site.settings, debug off,
its sessions in Redis when REDIS_URL is honoured); the textbook app the same way through
bench/textbook/start. Each gets a database of its own that the bench creates and drops:
PostgreSQL (`bench_<app>_<pid>` at 127.0.0.1:5432) or SQLite in a temporary folder.
"""

import contextlib
import os
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench import server
from bench.patient import LANGUAGE, Patient
from bench.transport import HTTPTransport

PORTS = range(8201, 8230)  # the ports this project may use for benchmarks
POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS = ("127.0.0.1", 6379)


@dataclass(frozen=True)
class App:
    name: str
    label: str
    settings: str
    start_script: Path
    table: str  # where a finished journey's one row is stored
    languages: bool = False  # serves BENCH_LANGUAGE's pages (backpop's /cy/)

    @property
    def prefix(self) -> str:
        """Where its patients' pages are: under /cy/ with BENCH_LANGUAGE=cy, for backpop."""
        return f"/{LANGUAGE}" if self.languages and LANGUAGE != "en" else ""


BACKPOP = App(
    "backpop",
    "backpop",
    "backpop_site.settings",
    server.START_SCRIPT,
    "triage_submission",
    languages=True,
)
TEXTBOOK = App(
    "textbook",
    "textbook (formtools)",
    "bench.textbook.settings",
    server.ROOT / "bench" / "textbook" / "start",
    "textbook_result",
)
APPS = (BACKPOP, TEXTBOOK)


@dataclass
class Running:
    app: App
    env: dict[str, str]
    srv: server.Server
    port: int
    database: str
    results: int = 0  # result pages the bench's patients reached, to compare with the rows
    notes: dict = field(default_factory=dict)
    _backends: dict = field(default_factory=dict)  # PostgreSQL backend pid -> CPU seen
    _database_total: float = 0.0

    def patient(self, answers=None) -> Patient:
        transport = HTTPTransport("127.0.0.1", self.port)
        patient = Patient(
            transport, f"127.0.0.1:{self.port}", scheme="https", prefix=self.app.prefix
        )
        if answers is not None:
            patient.answers = answers
        return patient

    def cpu(self) -> float:
        return server.cpu_seconds(self.srv)

    def database_cpu(self) -> float:
        """PostgreSQL's CPU for this app's database so far (none apart for SQLite, which runs
        in the app's processes): a running total of each backend's growth since the last
        look, so a connection that closes does not take its past CPU out of the total."""
        if not self.env["DATABASE_URL"].startswith("postgres"):
            return 0.0
        now = server.database_cpu_seconds(self.database)
        self._database_total += sum(cpu - self._backends.get(pid, 0.0) for pid, cpu in now.items())
        self._backends = now
        return self._database_total

    def rows(self) -> int:
        return server.count_submissions(self.env, self.app.table)


def free_ports(count: int) -> list[int]:
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError(f"not {count} free ports in {PORTS.start}-{PORTS.stop - 1}")


def redis_reachable() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(REDIS, timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")
    return False


def flush_redis(db: int) -> None:
    """Forget the sessions backpop kept in the bench's own Redis database number."""
    with contextlib.suppress(OSError), socket.create_connection(REDIS, timeout=2) as sock:
        sock.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        sock.recv(64)


def create_database(kind: str, app: App, workdir: Path) -> tuple[str, str]:
    """A new empty database for `app`: (its name, its DATABASE_URL)."""
    if kind == "sqlite":
        path = workdir / f"{app.name}.sqlite3"
        return str(path), f"sqlite:///{path}"
    import psycopg

    name = f"bench_{app.name}_{os.getpid()}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=10) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def drop_database(kind: str, name: str) -> None:
    if kind != "postgres":
        return
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=10) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(app: App, *, port: int, workdir: Path, url: str, redis_db: int | None) -> dict:
    env = server.server_env(port=port, workdir=workdir, database_url=url, settings=app.settings)
    env.pop("REDIS_URL", None)
    if app is BACKPOP and redis_db is not None:
        env["REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db}"
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_CMD_ARGS", "WEB_CONCURRENCY"):
        env.pop(name, None)  # both apps with gunicorn.conf.py's defaults
    return env


def session_engine(env: dict[str, str]) -> str:
    """The session store the app's settings choose in this environment."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_ENGINE.rsplit('.', 1)[-1], settings.CACHES['default']"
        "['BACKEND'].rsplit('.', 1)[-1])"
    )
    done = subprocess.run(
        [server.PYTHON, "-c", code],
        env=env,
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        return "unknown"
    engine, cache = done.stdout.split()
    return f"{engine} ({cache})" if engine == "cache" else engine
