"""The log as an operator reads it: a client's malformed request is one warning line without
a traceback, and no line names a client's address (the privacy page promises it)."""

import logging
import runpy

import pytest
from django.conf import settings
from django.test import Client
from gunicorn.config import Config

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    """A client whose forms are CSRF-checked, as a real browser's are, with its cookie set."""
    client = Client(enforce_csrf_checks=True)
    assert client.get("/").status_code == 200
    return client


MALFORMED = {
    "a multipart body without a boundary": lambda c: c.post(
        "/check/start/", b"--x\r\n\r\n", content_type="multipart/form-data"
    ),
    "too many fields": lambda c: c.post(
        "/check/start/", {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    ),
    "a body over the limit": lambda c: c.post(
        "/check/start/", {"a": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    ),
    "an unknown Host": lambda c: c.get("/", headers={"host": "evil.example"}),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_request_is_answered_400_and_logged_as_one_plain_warning(browser, caplog, kind):
    caplog.clear()

    response = MALFORMED[kind](browser)

    assert response.status_code == 400
    logged = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.levelname for r in logged] == ["WARNING"]
    assert logged[0].exc_info is None and logged[0].exc_text is None


def test_a_server_error_keeps_its_traceback_at_error(rf, caplog):
    from backpop_site.logs import QuietClientErrors

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /", exc_info=True, extra={"status_code": 500}
        )
    record = caplog.records[-1]

    assert QuietClientErrors().filter(record)
    assert record.levelname == "ERROR" and record.exc_info is not None


def test_gunicorn_logs_an_invalid_request_without_the_client_address(capsys):
    quiet_logger = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))["QuietLogger"]
    logger = quiet_logger(Config())

    logger.warning("Invalid request from ip=203.0.113.5: Invalid HTTP request line: ''")
    logger.warning("Invalid request from ip=2001:db8::7: Invalid HTTP method")

    logged = capsys.readouterr().err
    assert logged.count("Invalid request from ip=[address]:") == 2
    assert "203.0.113.5" not in logged and "2001:db8::7" not in logged


def test_the_application_log_hides_addresses_but_not_times_or_versions(caplog):
    logging.getLogger("triage").warning(
        "At 12:30:05 the client 198.51.100.4 (fe80::1) hit version 1.2.3"
    )

    assert caplog.records[-1].getMessage() == (
        "At 12:30:05 the client [address] ([address]) hit version 1.2.3"
    )
