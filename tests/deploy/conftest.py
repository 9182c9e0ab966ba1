"""The deployment, started for real: bin/start and gunicorn on PostgreSQL, nginx in front.

What the container image runs (collectstatic, then bin/start: check --deploy, migrate,
gunicorn with gunicorn.conf.py) runs here from the checkout with a production environment:
debug off, a generated secret, a database of its own (deploy_*, dropped afterwards) on the
local PostgreSQL, reached through a relay the outage tests can cut. The servers are started
with the benchmark's helpers (bench.server) and walked by its simulated patient
(bench.patient), so the deploy tests and the bench exercise the same requests.

These tests need PostgreSQL and nginx (CI installs them): they run with `-m deploy` (see
.ci/run), and with CI=true a missing one fails the run instead of skipping it.
"""

import http.client
import os
import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from bench import server as bench_server
from bench.patient import Patient
from bench.transport import HTTPTransport, Response
from tests.deploy import proxy as nginx
from tests.deploy.relay import Relay

POSTGRES_URL = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
PORTS = range(8101, 8200)
HOST = "localhost"
ADMIN_PATH = "staff-desk/"


def unavailable(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}, and CI=true requires it.", pytrace=False)
    pytest.skip(what)


_taken: set[int] = set()


def free_port() -> int:
    """A free loopback port in 8101-8199 not handed out before in this run."""
    for port in PORTS:
        if port in _taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _taken.add(port)
        return port
    raise RuntimeError(f"no free port left in {PORTS.start}-{PORTS.stop - 1}")


def database_url(database: str, port: int | None = None) -> str:
    parts = urlsplit(POSTGRES_URL)
    netloc = parts.netloc if port is None else f"{parts.netloc.rsplit(':', 1)[0]}:{port}"
    return parts._replace(netloc=netloc, path=f"/{database}").geturl()


def _admin_sql(statement: str) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True, connect_timeout=5) as db:
        db.execute(statement)


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="backpop-deploy-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def database() -> Iterator[str]:
    """A PostgreSQL database of the run's own; its name."""
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=5).close()
    except psycopg.Error:
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    name = f"deploy_{secrets.token_hex(4)}"
    _admin_sql(f"CREATE DATABASE {name}")
    yield name
    _admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def relay_to_postgres() -> Relay:
    upstream = urlsplit(POSTGRES_URL)
    return Relay(free_port(), (upstream.hostname, upstream.port or 5432))


@pytest.fixture(scope="session")
def production_env(database, workdir) -> Iterator[dict[str, str]]:
    """The production environment of bench.server, with the shipped settings; migrated and
    with static files collected."""
    relay = relay_to_postgres()
    env = bench_server.server_env(
        port=0, workdir=workdir, database_url=database_url(database, port=relay.port)
    )
    env.update(
        DJANGO_SETTINGS_MODULE="backpop_site.settings",
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        DJANGO_ADMIN_PATH=ADMIN_PATH,
        BACKPOP_EMERGENCY_NUMBER="999",
        BACKPOP_BASE_URL="https://triage.example.org",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="1",
    )
    for name in ("DJANGO_DEBUG_TOOLBAR", "DJANGO_STATIC_ROOT", "RUN_MIGRATIONS", "REDIS_URL"):
        env.pop(name, None)
    bench_server.prepare(env)
    yield env
    relay.close()


_started: list[bench_server.Server] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and _started and "deploy" in item.keywords:
        for server in _started:
            report.sections.append((f"server on {server.port}", server.log_tail(60)))
    return report


def start_server(env: dict[str, str], workdir: Path, **overrides) -> bench_server.Server:
    """bin/start on a free port, once it answers /healthz with both workers forked. Another
    program on the machine may take the port between the probe and gunicorn's bind (check
    --deploy runs first): then it tries the next free port."""
    for attempt in range(3):
        port = free_port()
        server = bench_server.start(
            {**env, "PORT": str(port), "BIND": f"127.0.0.1:{port}", **overrides},
            port=port,
            log=workdir / f"server-{port}.log",
        )
        _started.append(server)
        try:
            bench_server.wait_ready(server, path="/healthz", timeout=90, workers=2)
        except Exception:
            bench_server.stop(server)
            if attempt < 2 and "Connection in use" in server.log_tail():
                continue
            raise
        return server
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def server(production_env, workdir) -> Iterator[bench_server.Server]:
    started = start_server(production_env, workdir)
    yield started
    bench_server.stop(started)


@pytest.fixture(scope="session")
def second_server(production_env, workdir) -> Iterator[bench_server.Server]:
    started = start_server(production_env, workdir)
    yield started
    bench_server.stop(started)


@pytest.fixture(scope="session")
def proxy(server, workdir) -> Iterator[nginx.Proxy]:
    if not Path(nginx.NGINX).exists():
        unavailable(f"nginx is not installed at {nginx.NGINX}")
    started = nginx.start(
        workdir / "nginx",
        upstream_port=server.port,
        http_port=free_port(),
        https_port=free_port(),
        admin_path=ADMIN_PATH,
    )
    yield started
    nginx.stop(started)


def patient_of(*ports: int) -> Patient:
    """A simulated patient whose requests go to `ports` in turn, as the TLS proxy forwards
    them; every response it was sent is kept in `patient.responses`."""
    transports = [HTTPTransport("127.0.0.1", port) for port in ports]
    responses = []

    def transport(method, path, body, headers):
        response = transports[len(responses) % len(transports)](method, path, body, headers)
        responses.append(response)
        return response

    patient = Patient(transport, HOST, scheme="https")
    patient.responses = responses
    return patient


def get(port: int, path: str, headers: dict | None = None, https: bool = True) -> Response:
    """One request from a new client, as the proxy would forward it (or plain HTTP).

    http.client rather than the patient's transport: responses made before Django's
    CommonMiddleware (probes, the HTTPS redirect) come chunked."""
    sent = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=sent)
        raw = connection.getresponse()
        found: dict[str, list[str]] = {}
        for name, value in raw.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return Response(raw.status, found, raw.read())
    finally:
        connection.close()


@pytest.fixture
def patient(server) -> Patient:
    return patient_of(server.port)


@pytest.fixture
def question_page(server):
    """A question page's path and the cookies of a patient who has started."""
    patient = patient_of(server.port)
    path = patient.begin()
    return path, {"Cookie": patient.cookie_header()}
