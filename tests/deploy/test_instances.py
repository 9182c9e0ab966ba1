"""Several instances share nothing but the database (and Redis, when sessions live there) and
the secret key: a patient's requests may go to any of them."""

import os

import pytest
import redis

from bench import server as bench_server
from tests.deploy.conftest import get, patient_of, start_server, unavailable

pytestmark = pytest.mark.deploy
REDIS_URL = os.environ.get("CI_REDIS_URL", "redis://127.0.0.1:6379/0")


def _alternate_and_count(ports: tuple[int, int], env: dict[str, str]) -> None:
    for order in (ports, ports[::-1]):
        before = bench_server.count_submissions(env)

        patient_of(*order).journey()

        assert bench_server.count_submissions(env) == before + 1


def test_questionnaires_alternating_between_two_instances_store_one_row_each(
    server, second_server, production_env
):
    _alternate_and_count((server.port, second_server.port), production_env)


def test_with_sessions_in_redis_too(production_env, workdir):
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=5).ping()
    except redis.RedisError:
        unavailable(f"Redis is not reachable at {REDIS_URL}")
    servers = []
    try:
        for _ in range(2):
            servers.append(start_server(production_env, workdir, REDIS_URL=REDIS_URL))
        _alternate_and_count((servers[0].port, servers[1].port), production_env)
    finally:
        for started in servers:
            bench_server.stop(started)


def test_a_server_finishes_and_stops_cleanly_on_sigterm(production_env, workdir):
    server = start_server(production_env, workdir)
    assert get(server.port, "/readyz").status == 200

    bench_server.stop(server)  # SIGTERM to gunicorn, as `docker stop` sends it

    assert server.process.returncode == 0, server.log_tail()
