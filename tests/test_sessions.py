"""Sessions on the server: the cookie is a random id, and an old copy of it opens nothing."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from tests.patient import ALL_CLEAR

pytestmark = pytest.mark.django_db


def session_cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_cookie_holds_a_random_id_and_the_answers_stay_on_the_server(patient, client):
    patient.answer_all()
    cookie = session_cookie(client)
    assert cookie.isalnum() and len(cookie) == 32
    for slug in ["emergency_signs", "popping_when", "walking"]:
        assert slug not in cookie
    stored = Session.objects.get(session_key=cookie).get_decoded()
    assert stored["triage"]["answers"]["popping_when"] == ALL_CLEAR["popping_when"]


def test_after_starting_again_an_old_copy_of_the_cookie_shows_nothing(patient, client):
    patient.answer_all(movement="yes")
    old_cookie = session_cookie(client)
    client.post("/check/start/")
    assert session_cookie(client) != old_cookie

    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = client.get("/check/answers/")
    assert response["Location"] == "/check/expired/"
    assert not Session.objects.filter(session_key=old_cookie).exists()


def test_after_the_result_an_old_copy_of_the_cookie_shows_nothing(patient, client):
    patient.answer_all()
    patient.open("/check/answers/")
    old_cookie = session_cookie(client)
    patient.confirm()
    assert "Your reference" in client.get("/check/result/").content.decode()

    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert client.get("/check/result/")["Location"] == "/check/expired/"
    assert client.get("/check/answers/")["Location"] == "/check/expired/"


def test_signing_out_ends_a_staff_session_on_the_server(client, admin_user):
    client.force_login(admin_user)
    admin = "/" + settings.ADMIN_PATH
    assert client.get(admin).status_code == 200
    copied = session_cookie(client)

    client.post(admin + "logout/")
    client.cookies[settings.SESSION_COOKIE_NAME] = copied
    response = client.get(admin)
    assert response.status_code == 302
    assert response["Location"].startswith(admin + "login/")


def test_sessions_in_a_cache_carry_a_whole_journey(patient, client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    result = patient.result(movement="yes")
    assert 'data-outcome="see_doctor"' in result.content.decode()
    assert not Session.objects.exists()


def _session_settings(**environment) -> list[str]:
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="backpop_site.settings", **environment)
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return run.stdout.split()


def test_redis_keeps_the_sessions_when_redis_url_is_set():
    assert _session_settings(DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3") == [
        "django.contrib.sessions.backends.cache",
        "backpop_site.cache.RedisCache",
    ]


def test_the_redis_cache_keeps_values_and_makes_one_client_per_pool():
    from backpop_site.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "test"})
    cache.set("answer", {"emergency_signs": ["none"]}, 30)

    assert cache.get("answer") == {"emergency_signs": ["none"]}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=False)
    cache.delete("answer")
    assert cache.get("answer") is None


def test_the_database_keeps_the_sessions_without_redis():
    assert _session_settings(DJANGO_DEBUG="1") == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache",
    ]
