"""The friendly error pages: each says what happened and links back to the start."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import path

from backpop_site.errors import error_page, server_error
from backpop_site.urls import handler400, handler403, handler404, handler500  # noqa: F401
from backpop_site.urls import urlpatterns as site_urlpatterns


def _raise(exception):
    def fail(*args, **kwargs):
        raise exception

    return fail


urlpatterns = [
    path("boom/", _raise(RuntimeError("secret internals"))),
    path("forbidden/", _raise(PermissionDenied("secret reason"))),
    path("db-down/", _raise(OperationalError("server at 10.1.2.3 is down"))),
    path("db-gone/", _raise(InterfaceError("connection already closed"))),
    *site_urlpatterns,
]
with_failing_views = pytest.mark.urls("tests.test_errors")

TEMPLATES = ["400.html", "403.html", "404.html", "500.html", "503.html"]
LEAKS = ["Traceback", "secret", "10.1.2.3", "Django", "URLconf"]


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _assert_friendly(response, status: int, heading: str):
    html = response.content.decode()
    assert response.status_code == status
    assert _title(response) == f"{heading} - Back popping check"
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/"' in html
    for leak in LEAKS:
        assert leak not in html


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def test_every_error_page_has_its_own_title():
    titles = [_title(error_page(template, 200)) for template in TEMPLATES]

    assert len(set(titles)) == len(TEMPLATES)


def test_server_error_page_renders_without_a_request():
    response = server_error(None)

    _assert_friendly(response, 500, "Sorry, there is a problem with the service")


@pytest.mark.django_db
def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/nonexistent")

    _assert_friendly(response, 404, "Page not found")
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_request_for_an_unknown_host_gets_the_friendly_400(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    _assert_friendly(response, 400, "Sorry, we could not read that request")


@with_failing_views
def test_crash_gets_the_friendly_500_with_no_internals(quiet_client, settings):
    settings.EMERGENCY_NUMBER = "999"

    response = quiet_client.get("/boom/")

    _assert_friendly(response, 500, "Sorry, there is a problem with the service")
    assert "call 999 now" in response.content.decode()


@with_failing_views
def test_forbidden_gets_the_friendly_403(quiet_client):
    _assert_friendly(quiet_client.get("/forbidden/"), 403, "You cannot open this page")


@pytest.mark.django_db
def test_a_form_without_its_security_token_explains_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/check/start/")

    _assert_friendly(response, 403, "You cannot open this page")
    assert "Allow cookies for this site, then start again." in response.content.decode()


@with_failing_views
@pytest.mark.parametrize("url", ["/db-down/", "/db-gone/"])
def test_database_errors_get_the_friendly_503(quiet_client, settings, url):
    settings.EMERGENCY_NUMBER = "112"

    response = quiet_client.get(url)

    _assert_friendly(response, 503, "Sorry, the service is unavailable")
    assert response["Retry-After"] == "30"
    assert "call 112 now" in response.content.decode()


@pytest.mark.django_db
def test_a_questionnaire_page_during_a_database_outage_gets_the_503(patient, client, monkeypatch):
    patient.start()
    monkeypatch.setattr(connection, "cursor", _raise(OperationalError("server is down")))

    response = client.get(patient.url)

    _assert_friendly(response, 503, "Sorry, the service is unavailable")
    assert "call the emergency services now" in response.content.decode()


@pytest.mark.django_db
def test_a_questionnaire_page_while_the_session_store_is_down_gets_the_503(quiet_client, settings):
    # Sessions in a Redis that refuses connections (nothing listens on port 1).
    settings.CACHES = {
        "default": {
            "BACKEND": "backpop_site.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"

    response = quiet_client.post("/check/start/")

    _assert_friendly(response, 503, "Sorry, the service is unavailable")
