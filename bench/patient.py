"""A simulated patient: cookies, CSRF and the all-clear answers, over any transport.

The same patient walks the questionnaire over HTTP (the load) and straight through the WSGI
application (the profiler), so both exercise exactly the requests a browser sends.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from bench.transport import Response

# The answers that raise no warning sign, by question slug (the journey contract of issue #6).
ALL_CLEAR: dict[str, tuple[str, ...]] = {
    "emergency_signs": ("none",),
    "popping_when": ("walking",),
    "popping_duration": ("under_2_weeks",),
    "pain": ("no_pain",),
    "nerve_symptoms": ("none",),
    "after_injury": ("no",),
    "swelling": ("no",),
    "movement": ("no",),
    "general_health": ("none",),
    "daily_impact": ("none",),
    "sitting": ("no",),
    "exercise": ("regularly",),
    "water": ("yes",),
}
START = "/"
ANSWERS = "/check/answers/"
RESULT = "/check/result/"
MAX_PAGES = 40  # a loop guard: the default questionnaire has nine pages

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_INPUT = re.compile(r"<input\b([^>]*)>", re.I)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


# The transports of bench.transport: (method, path, body, headers) -> Response.
Transport = Callable[[str, str, bytes | None, dict[str, str]], Response]


class JourneyError(Exception):
    pass


@dataclass
class Form:
    action: str
    fields: dict[str, str]  # hidden inputs and the like: name -> value
    choices: dict[str, list[str]]  # radio and checkbox names -> the values offered


def parse_forms(page: str) -> list[Form]:
    forms = []
    for form_attrs, inner in _FORM.findall(page):
        attrs = _attrs(form_attrs)
        if attrs.get("method", "get").lower() != "post":
            continue
        fields: dict[str, str] = {}
        choices: dict[str, list[str]] = {}
        for tag in _INPUT.findall(inner):
            a = _attrs(tag)
            name = a.get("name")
            if not name:
                continue
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                choices.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                fields[name] = a.get("value", "")
        forms.append(Form(html.unescape(attrs.get("action", "")), fields, choices))
    return forms


def _attrs(source: str) -> dict[str, str]:
    return {
        name.lower(): html.unescape(double if double or not single else single)
        for name, double, single in _ATTR.findall(source)
    }


class Patient:
    """One browser: a cookie jar and the requests a person answering 'all clear' sends."""

    def __init__(self, transport: Transport, host_header: str, scheme: str = "http"):
        self.transport = transport
        self.host_header = host_header
        # Behind the TLS proxy every request carries its header, and Django checks that a
        # POST's Referer names this site over https.
        self.extra_headers = {"X-Forwarded-Proto": "https"} if scheme == "https" else {}
        self.referer_base = f"{scheme}://{host_header}" if scheme == "https" else ""
        self.cookies: dict[str, str] = {}
        self.requests = 0
        self.latencies: list[float] = []  # seconds, per request, when timed
        self.clock: Callable[[], float] | None = None

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, data: dict | None = None, referer: str = ""):
        headers = {"Host": self.host_header, **self.extra_headers}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if referer:
            headers["Referer"] = referer
        begun = self.clock() if self.clock else 0.0
        response = self.transport(method, path, body, headers)
        if self.clock:
            self.latencies.append(self.clock() - begun)
        self.requests += 1
        for value in response.headers.get("set-cookie", ()):
            self._set_cookie(value)
        return response

    def _set_cookie(self, header: str) -> None:
        """Keep or forget one Set-Cookie, as a browser would (Django deletes with Max-Age=0)."""
        pair, *attributes = header.split(";")
        name, _, value = pair.strip().partition("=")
        value = value.strip().strip('"')
        expired = any(a.strip().lower() == "max-age=0" for a in attributes)
        if expired or not value:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def get(self, path: str, expect: int = 200) -> Response:
        return _expect(self.request("GET", path), expect, "GET", path)

    def post(self, path: str, data: dict, expect: int = 302) -> Response:
        referer = self.referer_base + path if self.referer_base else ""
        response = self.request("POST", path, data, referer=referer)
        return _expect(response, expect, "POST", path)

    # The steps of a journey, each usable on its own to prepare a session for wrk.

    def begin(self) -> str:
        """Open the start page and press Start; return the first questionnaire page."""
        start = self.get(START)
        form = _form_to(start.text, "/check/start/", START)
        return self.post(_action(form, START), form.fields).location

    def page_answers(self, path: str) -> tuple[str, dict[str, object]]:
        """GET a questionnaire page; return where its form posts and the all-clear answers."""
        page = self.get(path)
        forms = parse_forms(page.text)
        form = next((f for f in forms if f.choices or "journey" in f.fields), None)
        if form is None:
            raise JourneyError(f"GET {path}: no questionnaire form on the page")
        data: dict[str, object] = dict(form.fields)
        for name, offered in form.choices.items():
            slug = name.rsplit("-", 1)[-1]
            wanted = ALL_CLEAR.get(name) or ALL_CLEAR.get(slug)
            if wanted is None:
                continue  # optional questions (weight_advice) stay unanswered; a required
                # one the bench does not know makes the POST re-show the page, an error
            missing = [v for v in wanted if v not in offered]
            if missing:
                raise JourneyError(f"GET {path}: {name!r} does not offer {missing} ({offered})")
            data[name] = list(wanted)
        data["action"] = "continue"
        return _action(form, path), data

    def answer_all(self, first: str) -> int:
        """Answer every page from `first` until Check your answers; return the pages answered."""
        path, pages = first, 0
        while urlsplit(path).path != ANSWERS:
            pages += 1
            if pages > MAX_PAGES:
                raise JourneyError(f"more than {MAX_PAGES} pages without reaching {ANSWERS}")
            if not path.startswith("/check/"):
                raise JourneyError(f"redirected out of the questionnaire to {path!r}")
            action, data = self.page_answers(path)
            path = self.post(action, data).location
        return pages

    def journey(self) -> int:
        """Start to result, as a new patient would; return the pages answered."""
        self.cookies.clear()
        pages = self.answer_all(self.begin())
        self.get(ANSWERS)
        self.get(RESULT)
        return pages


def _expect(response: Response, expect: int, method: str, path: str) -> Response:
    if response.status != expect:
        where = f" -> {response.location}" if response.header("location") else ""
        raise JourneyError(f"{method} {path}: status {response.status}{where}, not {expect}")
    return response


def _form_to(page: str, wanted: str, path: str) -> Form:
    for form in parse_forms(page):
        if urlsplit(_action(form, path)).path == wanted:
            return form
    raise JourneyError(f"GET {path}: no form that posts to {wanted}")


def _action(form: Form, current: str) -> str:
    if not form.action:
        return current
    parts = urlsplit(form.action)
    if not parts.path.startswith("/"):
        raise JourneyError(f"a form posts to a relative URL {form.action!r}")
    return parts.path + (f"?{parts.query}" if parts.query else "")
