"""One production server over real HTTP: what a patient's browser and the platform see."""

import gzip
import re
import secrets
import subprocess
from pathlib import Path

import brotli
import pytest

from bench import server as bench_server
from bench.patient import RESULT
from tests.deploy.conftest import get

pytestmark = pytest.mark.deploy
YEAR = 365 * 24 * 60 * 60


def test_check_deploy_passes_with_the_production_environment(production_env):
    done = subprocess.run(
        [bench_server.PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=bench_server.ROOT,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_ok_over_plain_http_without_versions(server, path):
    answer = get(server.port, path, https=False)

    assert (answer.status, answer.text) == (200, "ok\n")
    assert not re.search(r"\d", answer.header("server"))


def test_plain_http_is_redirected_to_https(server):
    answer = get(server.port, "/", https=False)

    assert answer.status == 301
    assert answer.header("location").startswith("https://")


def test_a_whole_questionnaire_stores_one_submission(server, production_env, patient):
    before = bench_server.count_submissions(production_env)

    pages = patient.journey()
    patient.get(RESULT)  # seeing the result again

    assert pages >= 5
    assert bench_server.count_submissions(production_env) == before + 1


def test_questionnaire_pages_carry_the_security_headers(patient):
    page = patient.get(patient.begin())

    hsts = re.search(r"max-age=(\d+)", page.header("strict-transport-security"))
    assert hsts and int(hsts.group(1)) >= YEAR
    csp = page.header("content-security-policy")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in csp
    assert page.header("referrer-policy") == "same-origin"
    assert page.header("x-content-type-options") == "nosniff"
    assert page.header("cross-origin-opener-policy") == "same-origin"
    assert page.header("x-frame-options") == "DENY"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in page.header("permissions-policy")


def test_cookies_are_host_only_secure_and_the_session_is_http_only(patient):
    patient.journey()

    set_cookies = [c for r in patient.responses for c in r.headers.get("set-cookie", [])]
    assert set_cookies
    for header in set_cookies:
        attributes = {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}
        assert header.startswith("__Host-"), header
        assert {"secure", "path"} <= attributes, header
        assert "domain" not in attributes, header
    sessions = [h for h in set_cookies if h.startswith("__Host-sessionid=")]
    assert sessions and all("HttpOnly" in h for h in sessions)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_the_stylesheet_is_hashed_compressed_and_cached_for_a_year(
    server, production_env, encoding
):
    start = get(server.port, "/").text
    href = re.search(r'<link[^>]+href="(/static/css/backpop\.[0-9a-f]{12}\.css)"', start)
    assert href, "the start page links no hashed backpop stylesheet"
    static_root = production_env["DJANGO_STATIC_ROOT"]
    on_disk = (Path(static_root) / href.group(1).removeprefix("/static/")).read_bytes()

    served = get(server.port, href.group(1), {"Accept-Encoding": encoding})

    assert served.status == 200
    assert served.header("content-encoding") == encoding
    decode = brotli.decompress if encoding == "br" else gzip.decompress
    assert decode(served.body) == on_disk
    assert len(served.body) < len(on_disk)
    cache = served.header("cache-control")
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR
    assert "immutable" in cache


def test_an_unknown_page_gets_the_friendly_404(server):
    answer = get(server.port, "/nonexistent")

    assert answer.status == 404
    assert "<title>Page not found" in answer.text
    assert 'href="/"' in answer.text
    for leak in ("Traceback", "URLconf", "DEBUG"):
        assert leak not in answer.text


def test_the_access_log_records_paths_without_query_strings(server):
    probe = secrets.token_hex(8)

    assert get(server.port, f"/readyz?probe={probe}").status == 200

    log = server.log.read_text()
    assert "/readyz" in log
    assert probe not in log
