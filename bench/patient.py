"""A simulated patient: a browser's cookies, forms and redirects, answering from an answer set.

It knows no app's markup. It reads the forms each page gives it (hidden fields and CSRF, the
radio buttons and checkboxes offered, where the form posts, its main button), answers the
questions it recognises by slug, follows redirects, and on "Check your answers" submits the
form there if there is one, else opens the result. So the same patient walks backpop and the
textbook formtools build, over HTTP (the load) or straight through a WSGI application.
"""

import html
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from bench.transport import Response

Answers = Mapping[str, tuple[str, ...]]

# The answers that raise no warning sign, by question slug (the journey contract of issue #6).
ALL_CLEAR: Answers = {
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
# Pain asks the follow-up page about it; an emergency answer ends the questions at once.
PAIN: Answers = {
    **ALL_CLEAR,
    "pain": ("sharp",),
    "pain_spread": ("back_only",),
    "night_pain": ("no",),
}
EMERGENCY: Answers = {"emergency_signs": ("saddle_numbness",)}
ANSWER_SETS = {"all_clear": ALL_CLEAR, "pain": PAIN, "emergency": EMERGENCY}

START = "/"
ANSWERS = "/check/answers/"
RESULT = "/check/result/"
# The language backpop's patients answer in (BENCH_LANGUAGE=cy: at /cy/, in Welsh); the
# textbook build has English only. Its pages' paths are these under the language's prefix.
LANGUAGE = os.environ.get("BENCH_LANGUAGE", "en").strip() or "en"
MAX_REQUESTS = 80  # a loop guard: an all-clear journey takes about twenty
REDIRECTS = {301, 302, 303, 307, 308}
BACK = {"back", "previous", "prev"}

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_CONTROL = re.compile(r"<(input|button)\b([^>]*)>", re.I)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_BUTTON_LINK = re.compile(r"<a\b([^>]*\bclass=\"[^\"]*\bbtn-primary\b[^>]*)>", re.I)

# The transports of bench.transport: (method, path, body, headers) -> Response.
Transport = Callable[[str, str, bytes | None, dict[str, str]], Response]


class JourneyError(Exception):
    pass


@dataclass
class Form:
    action: str
    fields: dict[str, str]  # hidden inputs and the like: name -> value
    choices: dict[str, list[str]]  # radio and checkbox names -> the values offered
    submit: dict[str, str] = field(default_factory=dict)  # the main button's name -> value


def parse_forms(page: str) -> list[Form]:
    """Every POST form of a page, with its fields, choices and main (not Back) button."""
    forms = []
    for form_attrs, inner in _FORM.findall(page):
        attrs = _attrs(form_attrs)
        if attrs.get("method", "get").lower() != "post":
            continue
        form = Form(html.unescape(attrs.get("action", "")), {}, {})
        pressed = False
        for tag, source in _CONTROL.findall(inner):
            a = _attrs(source)
            kind = a.get("type", "submit" if tag.lower() == "button" else "text").lower()
            name = a.get("name", "")
            if kind in ("submit", "image"):
                is_back = name == "wizard_goto_step" or a.get("value", "").lower() in BACK
                if not pressed and not is_back:
                    pressed = True
                    if name:
                        form.submit[name] = a.get("value", "")
            elif not name or kind in ("button", "reset"):
                continue
            elif kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(a.get("value", "on"))
            else:
                form.fields[name] = a.get("value", "")
        forms.append(form)
    return forms


def _attrs(source: str) -> dict[str, str]:
    return {
        name.lower(): html.unescape(double if double or not single else single)
        for name, double, single in _ATTR.findall(source)
    }


def _path(url: str) -> str:
    return urlsplit(url).path


class Patient:
    """One browser tab: a cookie jar, and the requests a person answering `answers` sends."""

    def __init__(
        self,
        transport: Transport,
        host_header: str,
        scheme: str = "http",
        answers: Answers = ALL_CLEAR,
        prefix: str = "",
    ):
        self.transport = transport
        # Where the journey starts and ends: "/", "/check/answers/", ... under `prefix`.
        self.start, self.answers_path, self.result_path = (
            prefix + START,
            prefix + ANSWERS,
            prefix + RESULT,
        )
        self.host_header = host_header
        self.answers = answers
        # Behind the TLS proxy every request carries its header, and Django checks that a
        # POST's Referer names this site over https.
        self.extra_headers = {"X-Forwarded-Proto": "https"} if scheme == "https" else {}
        self.referer_base = f"{scheme}://{host_header}" if scheme == "https" else ""
        self.cookies: dict[str, str] = {}
        self.requests = 0
        self.results = 0  # result pages reached
        self.latencies: list[float] = []  # seconds, per request, when timed
        self.clock: Callable[[], float] | None = None
        self.begin_action = ""  # where the start page's form posts ("Start again" too)
        self.visited: list[str] = []  # the question pages of the current journey
        self.page = ""  # the last page's HTML
        self.reached = ""  # the first page without questions the journey came to

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

    def get(self, path: str, expect: int | None = 200) -> Response:
        return _expect(self.request("GET", path), expect, "GET", path)

    def post(self, path: str, data: dict, expect: int | None = 302) -> Response:
        referer = self.referer_base + path if self.referer_base else ""
        response = self.request("POST", path, data, referer=referer)
        return _expect(response, expect, "POST", path)

    def open(self, path: str) -> tuple[str, Response]:
        """GET `path` and follow its redirects; return where it ended and the page."""
        for _ in range(5):
            response = self.get(path, expect=None)
            if response.status not in REDIRECTS:
                _expect(response, 200, "GET", path)
                self.page = response.text
                return path, response
            path = response.location
        raise JourneyError(f"GET {path}: more than 5 redirects")

    # The steps of a journey, each usable on its own to prepare a session for a measurement.

    def begin(self) -> str:
        """Open the start page and press Start; return the first question page (not opened)."""
        self.visited = []
        self.page = self.get(self.start).text
        forms = parse_forms(self.page)
        if forms:
            form = forms[0]
            self.begin_action = _action(form, self.start)
            return self.post(self.begin_action, {**form.fields, **form.submit}).location
        link = _BUTTON_LINK.search(self.page)
        if link is None or "href" not in _attrs(link.group(1)):
            raise JourneyError(f"GET {self.start}: neither a start form nor a start button")
        start = _attrs(link.group(1))["href"]
        response = self.get(start, expect=None)
        return response.location if response.status in REDIRECTS else _path(start)

    def question_form(self, page: str) -> Form | None:
        return next((f for f in parse_forms(page) if f.choices), None)

    def fill(self, form: Form, path: str) -> tuple[str, dict[str, object]]:
        """Where a question form posts, and its data answered from this patient's answers."""
        data: dict[str, object] = {**form.fields, **form.submit}
        for name, offered in form.choices.items():
            slug = name.rsplit("-", 1)[-1]  # formtools prefixes each field with its step
            wanted = self.answers.get(name) or self.answers.get(slug)
            if wanted is None:
                continue  # optional questions (weight_advice) stay unanswered; a required
                # one the patient does not know makes the POST re-show the page, an error
            missing = [v for v in wanted if v not in offered]
            if missing:
                raise JourneyError(f"GET {path}: {name!r} does not offer {missing} ({offered})")
            data[name] = list(wanted)
        return _action(form, path), data

    def page_answers(self, path: str) -> tuple[str, dict[str, object]]:
        """GET a question page; return where its form posts and the answers to send."""
        page = self.get(path).text
        form = self.question_form(page)
        if form is None:
            raise JourneyError(f"GET {path}: no questionnaire form on the page")
        return self.fill(form, path)

    def answer_all(self, first: str) -> int:
        """Answer every question page from `first` on; return the pages answered.

        Stops at the first page without questions ("Check your answers", or the result after
        an emergency answer), which it has opened; its path is kept in `self.reached`.
        """
        path = first
        while True:
            path, response = self.open(path)
            form = self.question_form(response.text)
            if form is None:
                self.reached = path
                return len(self.visited)
            if len(self.visited) >= MAX_REQUESTS // 2:
                raise JourneyError(f"more than {MAX_REQUESTS // 2} question pages")
            self.visited.append(path)
            action, data = self.fill(form, path)
            path = self.post(action, data).location

    def finish(self) -> int:
        """From "Check your answers" (opened last) to the result; return the requests made."""
        before = self.requests
        forms = [
            f for f in parse_forms(self.page) if _action(f, self.answers_path) != self.begin_action
        ]
        if forms:
            action = _action(forms[0], self.answers_path)
            location = self.post(action, {**forms[0].fields, **forms[0].submit}).location
        else:
            location = self.result_path
        self.reached, _ = self.open(location)
        self._check_result()
        return self.requests - before

    def _check_result(self) -> None:
        if _path(self.reached) in (self.start, self.answers_path) or "expired" in self.reached:
            raise JourneyError(f"ended on {self.reached}, not on the result")
        if self.question_form(self.page) is not None:
            raise JourneyError(f"ended on a question page {self.reached}")
        self.results += 1

    def journey(self) -> int:
        """Start to result, as a new patient would; return the question pages answered."""
        self.cookies.clear()
        self.page = ""
        pages = self.answer_all(self.begin())
        if _path(self.reached) == self.answers_path:
            self.finish()
        else:  # ended early: the result came straight after the last question page
            self._check_result()
        return pages


def _expect(response: Response, expect: int | None, method: str, path: str) -> Response:
    if expect is not None and response.status != expect:
        where = f" -> {response.location}" if response.header("location") else ""
        raise JourneyError(f"{method} {path}: status {response.status}{where}, not {expect}")
    return response


def _action(form: Form, current: str) -> str:
    if not form.action:
        return current
    parts = urlsplit(form.action)
    if not parts.path.startswith("/"):
        raise JourneyError(f"a form posts to a relative URL {form.action!r}")
    return parts.path + (f"?{parts.query}" if parts.query else "")
