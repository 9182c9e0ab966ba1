"""The settings as a deployment reads them: debug off, everything from the environment."""

import os
import runpy
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from backpop_site import checks
from triage import checks as content_checks

SETTINGS_FILE = settings.BASE_DIR / "backpop_site" / "settings.py"
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-0123456789abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "triage.example.org",
    "DATABASE_URL": "postgres://backpop@db.internal:5432/backpop",
    "BACKPOP_EMERGENCY_NUMBER": "999",
    "DJANGO_ADMIN_PATH": "staff-desk/",
    "BACKPOP_BASE_URL": "https://triage.example.org",
}
# Every variable the settings read, so the caller's shell cannot leak into a test.
READ = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_STATEMENT_TIMEOUT",
    "DJANGO_ADMIN_PATH",
    "DJANGO_STATIC_ROOT",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_PROXY_SSL_HEADER",
    "DJANGO_LOG_LEVEL",
    "BACKPOP_EMERGENCY_NUMBER",
    "BACKPOP_BASE_URL",
    "SUBMISSION_RETENTION_DAYS",
    "ADMIN_LOGIN_FAILURE_LIMIT",
    "ADMIN_LOGIN_COOLOFF_MINUTES",
    "ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT",
    "FORWARDED_ALLOW_IPS",
]


@pytest.fixture
def production(monkeypatch):
    """Read the settings file afresh with the production environment plus `overrides`."""

    def read(**overrides) -> dict:
        for name in READ:
            monkeypatch.delenv(name, raising=False)
        for name, value in {**PRODUCTION, **overrides}.items():
            if value is not None:
                monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))

    return read


def test_cookies_are_secure_and_host_prefixed(production):
    s = production()

    assert s["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert s["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_HTTPONLY"]


def test_hsts_lasts_a_year_and_plain_http_is_redirected(production):
    s = production()

    assert s["SECURE_HSTS_SECONDS"] == 31_536_000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and s["SECURE_HSTS_PRELOAD"]
    assert s["SECURE_SSL_REDIRECT"] is True
    assert "security.W008" not in s["SILENCED_SYSTEM_CHECKS"]


def test_redirect_can_be_left_to_a_tls_proxy_only_explicitly(production):
    s = production(DJANGO_SECURE_SSL_REDIRECT="0")

    assert s["SECURE_SSL_REDIRECT"] is False
    assert "security.W008" in s["SILENCED_SYSTEM_CHECKS"]


def test_proxy_ssl_header_comes_from_the_environment(production):
    assert "SECURE_PROXY_SSL_HEADER" not in production()
    s = production(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")

    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_malformed_proxy_header_stops_the_start(production):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECURE_PROXY_SSL_HEADER"):
        production(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https")


def test_content_security_policy_is_strict(production):
    csp = production()["SECURE_CSP"]

    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


def test_postgres_connections_give_up_after_a_few_seconds(production):
    assert production()["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 3
    tuned = production(DATABASE_CONNECT_TIMEOUT="4")
    assert tuned["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 4
    in_url = production(DATABASE_URL=PRODUCTION["DATABASE_URL"] + "?connect_timeout=10")
    assert in_url["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 10


def test_a_silent_database_is_bounded_by_statement_read_and_tcp_timeouts(production):
    s = production(DATABASE_STATEMENT_TIMEOUT="2")
    database = s["DATABASES"]["default"]

    assert database["ENGINE"] == "backpop_site.postgresql"
    assert database["OPTIONS"]["options"] == "-c statement_timeout=2000"
    assert s["DATABASE_READ_TIMEOUT"] == 3
    assert database["OPTIONS"]["keepalives"] == 1
    assert database["OPTIONS"]["tcp_user_timeout"] == 3000
    # A page waits at most for a reused connection's check plus a new connection, or for
    # one query: both within the five seconds a patient may wait for the friendly 503.
    default = production()
    options = default["DATABASES"]["default"]["OPTIONS"]
    assert max(1 + options["connect_timeout"], default["DATABASE_READ_TIMEOUT"]) < 5


def test_static_files_are_hashed_and_compressed(production):
    storage = production()["STORAGES"]["staticfiles"]["BACKEND"]

    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_a_missing_secret_key_stops_the_start(production):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        production(DJANGO_SECRET_KEY=None)


def test_debug_runs_with_nothing_set(production):
    s = production(**dict.fromkeys(PRODUCTION), DJANGO_DEBUG="1")

    assert s["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert "OPTIONS" not in s["DATABASES"]["default"]
    assert "SESSION_COOKIE_NAME" not in s and not s.get("SESSION_COOKIE_SECURE")
    assert not s.get("SECURE_SSL_REDIRECT")


def test_admin_path_comes_from_the_environment(production):
    assert production(DJANGO_ADMIN_PATH=None)["ADMIN_PATH"] == "admin/"
    assert production(DJANGO_ADMIN_PATH="/staff/backpop")["ADMIN_PATH"] == "staff/backpop/"


@pytest.mark.parametrize("path", ["check/", "privacy", "static/admin/", "../x/", "/"])
def test_an_admin_path_that_would_shadow_a_page_is_refused(production, path):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ADMIN_PATH"):
        production(DJANGO_ADMIN_PATH=path)


def test_staff_logins_are_locked_by_username_and_address_together(production):
    s = production(
        ADMIN_LOGIN_FAILURE_LIMIT="3",
        ADMIN_LOGIN_COOLOFF_MINUTES="30",
        ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT="12",
    )

    assert s["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    assert s["AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT"] is False
    assert s["AXES_ONLY_ADMIN_SITE"] and s["AXES_DISABLE_ACCESS_LOG"]
    assert s["AXES_FAILURE_LIMIT"] == 3
    assert s["ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT"] == 12
    assert s["AXES_COOLOFF_TIME"].total_seconds() == 30 * 60


def test_check_deploy_passes_with_the_production_environment(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "backpop_site.settings",
        "DJANGO_STATIC_ROOT": str(tmp_path),
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        **PRODUCTION,
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stdout + done.stderr


def test_a_missing_emergency_number_is_a_deploy_warning(settings):
    settings.EMERGENCY_NUMBER = ""

    assert [w.id for w in checks.emergency_number_is_set(None)] == ["backpop.W001"]
    settings.EMERGENCY_NUMBER = "999"
    assert checks.emergency_number_is_set(None) == []


@pytest.mark.django_db
def test_placeholder_clinic_details_are_a_warning_when_migrating(settings):
    from triage.models import ClinicDetails

    settings.EMERGENCY_NUMBER = "999"
    assert content_checks.clinic_details_are_set(None) == []  # only with a database to read
    warned = content_checks.clinic_details_are_set(None, databases=["default"])
    assert [w.id for w in warned] == ["backpop.W002"]

    ClinicDetails.objects.update(name="Riverside Physio", phone="020 7946 0000")
    assert content_checks.clinic_details_are_set(None, databases=["default"]) == []
    settings.EMERGENCY_NUMBER = "112"
    warned = content_checks.clinic_details_are_set(None, databases=["default"])
    assert [w.id for w in warned] == ["backpop.W003"]


def test_the_default_admin_path_is_a_deploy_warning_with_a_hint(settings):
    settings.ADMIN_PATH = "admin/"

    warned = checks.admin_path_is_not_the_default(None)

    assert [w.id for w in warned] == ["backpop.W004"]
    assert "DJANGO_ADMIN_PATH=" in warned[0].hint
    settings.ADMIN_PATH = "staff-desk/"
    assert checks.admin_path_is_not_the_default(None) == []


def test_start_refuses_with_one_clear_line_when_static_files_were_not_collected(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "backpop_site.settings",
        "DJANGO_STATIC_ROOT": str(tmp_path / "never-collected"),
        **PRODUCTION,
    }
    done = subprocess.run(
        [str(settings.BASE_DIR / "bin" / "start")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert "static files are not collected" in lines[0]
    assert "collectstatic" in lines[0]


def test_a_base_url_on_this_machine_is_a_deploy_warning(settings):
    settings.BACKPOP_BASE_URL = "http://127.0.0.1:8000"  # the default

    assert [w.id for w in checks.base_url_is_public(None)] == ["backpop.W005"]
    settings.BACKPOP_BASE_URL = "https://triage.example.org"
    assert checks.base_url_is_public(None) == []
