"""Staff sign-in throttling (django-axes) and the admin's configurable path."""

import importlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, reverse

from backpop_site import urls
from tests.patient import Patient

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff():
    return User.objects.create_user("nurse", password=PASSWORD, is_staff=True)


def _sign_in(client, username="nurse", password=PASSWORD, address="198.51.100.7", **headers):
    data = {"username": username, "password": password, "next": reverse("admin:index")}
    return client.post(
        reverse("admin:login"),
        data,
        HTTP_USER_AGENT="Firefox/140",
        REMOTE_ADDR=address,
        headers=headers,
    )


def _fail_until_locked(client, username="nurse", address="198.51.100.7", **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(client, username, "wrong", address, **headers)
    return response


def test_a_right_password_signs_in(client, staff):
    assert _sign_in(client).status_code == 302


def test_repeated_failures_pause_the_username_with_a_clear_message(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, password="wrong").status_code == 200

    locked = _sign_in(client, password="wrong")

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "<h1>Sign-in paused</h1>" in html
    assert "Too many failed sign-in attempts from here." in html
    assert "Signing in is paused for 15 minutes" in html
    assert _sign_in(client).status_code == 429  # even with the right password


def test_the_lock_is_per_username_so_colleagues_can_still_sign_in(client, staff):
    User.objects.create_user("doctor", password=PASSWORD, is_staff=True)
    _fail_until_locked(client)

    assert _sign_in(client, "doctor").status_code == 302


def test_the_lock_is_per_address_so_nobody_locks_a_colleague_out_from_elsewhere(client, staff):
    _fail_until_locked(client, address="203.0.113.66")

    assert _sign_in(client, address="198.51.100.7").status_code == 302


def test_attempts_during_the_pause_do_not_extend_it(client, staff):
    _fail_until_locked(client)
    locked = AccessAttempt.objects.get()

    assert _sign_in(client, password="still wrong").status_code == 429

    again = AccessAttempt.objects.get()
    assert again.attempt_time == locked.attempt_time
    assert again.failures_since_start == locked.failures_since_start


def test_one_address_trying_many_usernames_is_paused(client, staff, settings):
    settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(7):
        assert _sign_in(client, f"guess{number}", "wrong").status_code == 200

    assert _sign_in(client, "guess7", "wrong").status_code == 429
    assert _sign_in(client).status_code == 429  # the right password, from that address
    assert _sign_in(client, address="198.51.100.8").status_code == 302


def test_behind_the_proxy_the_address_is_the_one_it_forwards(client, staff):
    _fail_until_locked(client, address="127.0.0.1", x_real_ip="203.0.113.66")

    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    assert _sign_in(client, address="127.0.0.1", x_real_ip="198.51.100.7").status_code == 302


def test_a_forwarded_address_from_an_untrusted_client_is_ignored(client, staff):
    _sign_in(client, password="wrong", address="198.51.100.9", x_real_ip="203.0.113.66")

    assert AccessAttempt.objects.get().ip_address == "198.51.100.9"


def test_sign_in_logs_name_the_username_but_no_address(client, staff, caplog):
    _fail_until_locked(client)

    logged = [record.getMessage() for record in caplog.records if record.name.startswith("axes")]
    assert any("'nurse'" in message for message in logged)
    assert not [message for message in logged if "198.51.100.7" in message]


def test_the_lock_lifts_after_the_cool_off(client, staff):
    _fail_until_locked(client)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )

    assert _sign_in(client).status_code == 302


def test_failed_attempts_keep_the_username_but_no_browser_details_or_password(client, staff):
    _sign_in(client, password="hunter2-wrong")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "nurse"
    assert attempt.user_agent == ""
    assert "hunter2" not in attempt.post_data


def test_patient_pages_never_touch_axes(client):
    with CaptureQueriesContext(connection) as queries:
        result = Patient(client).result()

    assert result.status_code == 200
    assert not [q["sql"] for q in queries if "axes_" in q["sql"]]
    assert not AccessAttempt.objects.exists()


@pytest.fixture
def admin_at_staff_desk(settings):
    settings.ADMIN_PATH = "staff/desk/"
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.ADMIN_PATH = "admin/"
    importlib.reload(urls)
    clear_url_caches()


def test_the_admin_lives_at_the_configured_path(client, staff, admin_at_staff_desk):
    assert reverse("admin:index") == "/staff/desk/"
    assert client.get("/admin/").status_code == 404

    _fail_until_locked(client)

    assert _sign_in(client).status_code == 429  # still throttled at the new path
