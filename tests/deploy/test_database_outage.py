"""A database that is lost or stops answering: quick friendly answers, and recovery by the
same processes, without a restart."""

import threading
import time

import pytest

from bench import server as bench_server
from tests.deploy.conftest import database_url, get, patient_of, relay_to_postgres, start_server

pytestmark = pytest.mark.deploy


@pytest.fixture
def outage(production_env, database, workdir):
    """Two servers of their own, reaching the database through a relay the test controls."""
    relay = relay_to_postgres()
    env = {**production_env, "DATABASE_URL": database_url(database, port=relay.port)}
    servers = []
    try:
        servers = [start_server(env, workdir) for _ in range(2)]
        yield relay, servers
    finally:
        for server in servers:
            bench_server.stop(server)
        relay.close()


def _wait_until_ready(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while get(port, "/readyz").status != 200:
        assert time.monotonic() < deadline, f"/readyz still fails {seconds:g} s after the restore"
        time.sleep(0.5)


def _timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def _assert_friendly_503(answer) -> None:
    assert answer.status == 503
    assert "Sorry, the service is unavailable" in answer.text
    assert "999" in answer.text  # the emergency number, without the database
    for leak in ("Traceback", "OperationalError", "psycopg"):
        assert leak not in answer.text


@pytest.mark.parametrize("failure", ["cut", "silence"])
def test_a_lost_database_gets_quick_friendly_answers_and_recovers(outage, production_env, failure):
    relay, servers = outage
    ports = [server.port for server in servers]
    patient = patient_of(*ports)
    first_page = patient.begin()
    liveness: list[tuple[int, float]] = []
    stop = threading.Event()

    def probe_liveness():
        while not stop.is_set():
            answer, seconds = _timed(lambda: get(ports[0], "/healthz"))
            liveness.append((answer.status, seconds))
            time.sleep(0.2)

    getattr(relay, failure)()
    prober = threading.Thread(target=probe_liveness, daemon=True)
    prober.start()
    try:
        for port in ports:
            ready, ready_seconds = _timed(lambda port=port: get(port, "/readyz"))
            assert ready.status == 503
            assert ready_seconds < 5
            page, page_seconds = _timed(lambda: patient.request("GET", first_page))
            _assert_friendly_503(page)
            assert page_seconds < 5
    finally:
        stop.set()
        prober.join(timeout=10)
    assert liveness and {status for status, _ in liveness} == {200}
    assert max(seconds for _, seconds in liveness) < 1

    relay.restore()
    for port in ports:
        _wait_until_ready(port)
    patient.answer_all(first_page)  # the interrupted patient carries on where they were
    before = bench_server.count_submissions(production_env)
    patient_of(*ports).journey()
    assert bench_server.count_submissions(production_env) == before + 1
    for server in servers:
        assert server.process.poll() is None, "gunicorn restarted or died"
