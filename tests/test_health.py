"""The probes: /healthz (the process answers) and /readyz (the database answers)."""

import pytest
from django.db import OperationalError, connection


def _unreachable(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: timeout expired")


def test_liveness_answers_without_the_database(client):
    # No django_db mark: any query would fail this test.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readiness_asks_the_database_one_trivial_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readiness_is_503_when_the_database_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(connection, "cursor", _unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_a_container_address_over_plain_http(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(path, HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_reveal_nothing_and_are_never_cached(client, path):
    response = client.get(path)

    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Length"] == "3"  # whole, never chunked by gunicorn
    assert not response.cookies
    assert "Server" not in response and "X-Powered-By" not in response


def test_a_database_lost_outside_a_view_still_gets_the_friendly_503(rf):
    from backpop_site.errors import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/check/emergency-check/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.content.decode()
