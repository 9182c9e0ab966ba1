"""Fuzzing every route and method: whatever a client sends, the answer is never a 500 and the
log never holds a traceback or an ERROR.

Hypothesis drives Django's test client with CSRF checks on, as a browser is checked: every
route (patient pages, Check your answers, the result, start, privacy, the admin's sign-in,
the probes) with any method, known and unknown fields, duplicated and huge values, and the
session and CSRF cookies kept, dropped, tampered with or replaced by junk. The client keeps
its cookies between requests, so a run walks real journeys as well as broken ones.
"""

import logging
import random
import string
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bench.patient import ALL_CLEAR, parse_forms
from triage.content import current_content

pytestmark = pytest.mark.django_db

REQUESTS_PER_EXAMPLE = 5
EXAMPLES = 2_100  # 10,500 requests
METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]
FIXED_PATHS = [
    "/",
    "/privacy/",
    "/check/start/",
    "/check/answers/",
    "/check/result/",
    "/check/expired/",
    "/healthz",
    "/readyz",
    f"/{django_settings.ADMIN_PATH}",
    f"/{django_settings.ADMIN_PATH}login/",
    f"/{django_settings.ADMIN_PATH}logout/",
    f"/{django_settings.ADMIN_PATH}triage/",
    "/static/css/backpop.css",
]
HUGE = "x" * 70_000
# Short: hypothesis spends more time drawing long strings than Django takes to answer them.
ODD_TEXT = st.text(max_size=10)
JUNK_NAMES = ["", "x", "a[]", "journey[0]", "__proto__", "a" * 300, "csrfmiddlewaretoken "]
JUNK_VALUES = ["", " ", "\x00", "%00", "<script>alert(1)</script>", "9" * 40, HUGE, "é" * 3000]


def _content_words():
    content = current_content().engine
    pages = [page.slug for page in content.pages]
    questions = sorted(content.questions)
    options = sorted({o.slug for q in content.questions.values() for o in q.options})
    return pages, questions, options


def requests(pages, questions, options):
    """One request: method, path, form fields (a list of pairs, names may repeat), what
    happens to the cookies first, and whether the page's CSRF token goes with it."""
    paths = st.one_of(
        st.sampled_from(FIXED_PATHS + [f"/check/{slug}/" for slug in pages]),
        st.builds(lambda s: f"/check/{quote(s)}/", ODD_TEXT),
        st.builds(lambda s: "/" + quote(s), ODD_TEXT),
    )
    names = st.sampled_from(
        [*questions, "action", "journey", "username", "password", "next", *JUNK_NAMES]
    )
    values = (
        st.sampled_from([*options, *ALL_CLEAR["pain"], "continue", "back", "change", *JUNK_VALUES])
        | ODD_TEXT
    )
    fields = st.lists(st.tuples(names, values), max_size=8)
    cookie_moves = st.sampled_from(["keep", "keep", "keep", "drop", "tamper", "junk", "huge"])
    bodies = st.sampled_from(["form", "form", "form", "multipart", "broken", "many"])
    return st.tuples(st.sampled_from(METHODS), paths, fields, cookie_moves, st.booleans(), bodies)


def _move_cookies(client: Client, move: str, rng: random.Random) -> None:
    for name in (django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME):
        if move == "drop":
            client.cookies.pop(name, None)
        elif move == "tamper" and name in client.cookies:
            value = list(client.cookies[name].value) or ["x"]
            value[rng.randrange(len(value))] = rng.choice(string.ascii_letters)
            client.cookies[name] = "".join(value)
        elif move == "junk":
            client.cookies[name] = "".join(rng.choices(string.printable[:90], k=40))
        elif move == "huge":
            client.cookies[name] = "a" * 5_000


def _send(client: Client, method: str, path: str, fields, token: str, body: str):
    """Fields go in the query string of a GET-like request and the body of the others:
    url-encoded, multipart, a multipart body that is broken, or far too many fields."""
    fields = list(fields) + ([("csrfmiddlewaretoken", token)] if token else [])
    if body == "many":
        fields += [(f"f{i}", "1") for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)]
    encoded = urlencode(fields)
    if method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return client.generic(method, f"{path}?{encoded}" if encoded else path)
    if body == "multipart":
        grouped: dict[str, list[str]] = {}
        for name, value in fields:
            grouped.setdefault(name, []).append(value)
        data = encode_multipart(BOUNDARY, grouped)
        return client.generic(method, path, data, MULTIPART_CONTENT)
    if body == "broken":
        return client.generic(method, path, b"--x\r\nnot a part", "multipart/form-data")
    return client.generic(method, path, encoded, "application/x-www-form-urlencoded")


def test_no_request_gets_a_server_error_or_a_traceback(caplog):
    pages, questions, options = _content_words()
    client = Client(enforce_csrf_checks=True)
    rng = random.Random(13)
    sent = {"requests": 0, "token": ""}
    failures = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(requests(pages, questions, options), min_size=REQUESTS_PER_EXAMPLE,
                    max_size=REQUESTS_PER_EXAMPLE))  # fmt: skip
    def fuzz(batch):
        for method, path, fields, move, with_token, body in batch:
            _move_cookies(client, move, rng)
            token = sent["token"] if with_token else ""
            response = _send(client, method, path, fields, token, body)
            sent["requests"] += 1
            if response.status_code >= 500:
                failures.append((method, path, fields[:3], response.status_code))
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                for form in parse_forms(response.content.decode(errors="replace")):
                    sent["token"] = form.fields.get("csrfmiddlewaretoken", sent["token"])

    caplog.set_level(logging.INFO)
    fuzz()

    assert sent["requests"] >= 10
    assert failures == []
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert [f"{r.levelname} {r.name}: {r.getMessage()[:200]}" for r in loud] == []
