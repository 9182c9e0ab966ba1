"""The patient's way through the questionnaire: every rule of the flow, in one module.

We keep our own small wizard rather than formtools' NamedUrlSessionWizardView: pages and
questions come from the database, are skipped by earlier answers, can end early, and must
survive Back, Change and a second tab, which formtools handles poorly (its issues #126,
#220, #266, #284). Here, and nowhere else:

- the journey's state, kept in the server-side session: its id, the answers, the pages
  submitted, whether the patient has reached "Check your answers", whether the result is
  stored (then the answers are final);
- which pages this patient is asked (the engine's route, worked out once per request, with
  the page being posted counted as answered the way it was posted) and which comes next;
- Back, Continue, Change (from "Check your answers" back to it) and the finished gate in front
  of "Check your answers" and the result;
- the end: the emergency early exit and "Check your answers" store the one result of the
  journey, and the session gets a new key, so an old copy of the cookie opens nothing.

Every view gets the content through `site_content()`. A journey keeps the content version it
started on to its end (its wording, its rules and its result), even when staff publish a new
one meanwhile. Its language is the URL's (/cy/... is Welsh): the answers are kept by slug,
so a patient who switches language mid-journey keeps every one, and the result is stored
with the language the patient finished in.

A staff preview is a journey begun on `PREVIEW` (from the admin, `begin_preview`): it runs on
the draft, read afresh on every page, and stores nothing (no result, no reference; its answers
stay in the session like any journey's). It lasts only while the session's user may preview:
signing out ends the session on the server, and losing the permission ends the preview.
Starting again from the patient pages begins an ordinary journey on the published version.
"""

import secrets
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.urls import reverse
from django.utils import translation

from triage import engine, funnel, languages
from triage.content import PREVIEW, SiteContent, journey_content
from triage.models import Submission
from triage.submissions import record_submission
from triage.validation import answer_errors

SESSION_KEY = "triage"
PREVIEW_PERMISSION = "triage.preview_content"


def site_content(started_on: int | None = None, token: str | None = None) -> SiteContent:
    """The content a journey begun on version `started_on` (whose token is `token`) shows:
    that version, the draft for a PREVIEW, else the latest published one, in the request's
    language. The one place the patient pages get it."""
    return journey_content(started_on, token).in_language(languages.current())


def may_preview(user) -> bool:
    """Staff who may run the questionnaire on the draft."""
    return user.is_active and user.is_staff and user.has_perm(PREVIEW_PERMISSION)


def begin_preview(request) -> str:
    """Start a preview of the draft in this staff member's session; return its first page."""
    site = site_content(PREVIEW)
    Journey.begin(request.session, site)
    return Flow(request, site=site).where_next()


def page_url(slug: str) -> str:
    return _page_url(slug, translation.get_language())


@lru_cache(maxsize=1024)
def _page_url(slug: str, language: str) -> str:
    return reverse("triage:page", args=[slug])  # under /cy/ for Welsh: the active language


@dataclass
class Journey:
    id: str
    answers: dict[str, list[str]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)  # slugs of the pages submitted
    reviewing: bool = False  # reached "Check your answers": a Change returns there
    finished: bool = False  # the result is stored; the answers can no longer change
    version: int | None = None  # the content version it started on, kept to its end
    token: str | None = None  # that version's token: content read once, then no query
    started: float | None = None  # when (epoch seconds), for the time taken to complete

    @classmethod
    def begin(cls, session, site: SiteContent) -> "Journey":
        """A new journey on `site`'s content, under a new session key: the old cookie no
        longer opens anything."""
        session.cycle_key()
        journey = cls(
            id=secrets.token_urlsafe(12),
            version=site.version,
            token=site.token,
            started=time.time(),
        )
        journey.save(session)
        if site.version != PREVIEW:
            funnel.count_step("started")
        return journey

    @classmethod
    def load(cls, session) -> "Journey | None":
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None
        return cls(
            id=data["id"],
            answers=data.get("answers", {}),
            done=data.get("done", []),
            reviewing=data.get("reviewing", False),
            finished=data.get("finished", False),
            version=data.get("version"),
            token=data.get("token"),
            started=data.get("started"),
        )

    def save(self, session) -> None:
        session[SESSION_KEY] = asdict(self)

    def chosen(self) -> dict[str, tuple[str, ...]]:
        return {slug: tuple(options) for slug, options in self.answers.items()}

    def record(self, page: engine.Page, answers: dict[str, tuple[str, ...]], *, submitted: bool):
        """Keep a page's answers; a page Continued from counts as done."""
        for slug, options in answers.items():
            if options:
                self.answers[slug] = list(options)
            else:
                self.answers.pop(slug, None)
        if submitted and page.slug not in self.done:
            self.done.append(page.slug)


class Flow:
    """One request's place in a journey: the content, the state and the route, worked out once.

    `page_slug` names the questionnaire page asked for (`page` is None when there is none).
    When it is posted, the route counts its answers as posted: that is the route once they
    are recorded, and it changes nothing before that page.
    """

    def __init__(self, request, page_slug: str | None = None, site: SiteContent | None = None):
        self.session = request.session
        self.journey = Journey.load(self.session)
        # Only a preview looks at the user: a patient's pages never query for one.
        self.preview = self.journey is not None and self.journey.version == PREVIEW
        if self.preview and not may_preview(request.user):
            self.session.pop(SESSION_KEY, None)  # signed out, or no longer allowed
            self.journey, self.preview = None, False
        journey = self.journey
        self.site = site or site_content(*((journey.version, journey.token) if journey else ()))
        self.page = self.site.engine.page(page_slug) if page_slug else None
        answers = self.journey.chosen() if self.journey else {}
        if self.page is not None and request.method == "POST":
            for question in self.page.questions:
                answers[question.slug] = tuple(dict.fromkeys(request.POST.getlist(question.slug)))
        self.route = engine.route(self.site.engine, answers)

    def accepts(self, journey_id: str | None) -> bool:
        """A POST belongs to this journey (not a tab left open from one started again)."""
        return self.journey is not None and journey_id == self.journey.id

    def next_to_answer(self) -> engine.Page | None:
        """The first page on the route not yet answered as the content now stands."""
        chosen = self.journey.chosen()
        for page in self.route.pages:
            if page.slug not in self.journey.done or any(
                answer_errors(question, chosen.get(question.slug, ()))
                for question in page.visible_questions(self.route.answers)
            ):
                return page
        return None

    def url_of(self, page: engine.Page | None) -> str:
        return page_url(page.slug) if page else reverse("triage:check_answers")

    def where_next(self) -> str:
        """Where a patient goes who may not see the page they asked for."""
        if self.journey is None:
            return reverse("triage:expired")
        if self.journey.finished:
            return reverse("triage:result")
        return self.url_of(self.next_to_answer())

    def may_open(self, page: engine.Page) -> bool:
        """On this patient's route, and every page before it answered."""
        if self.journey is None or self.journey.finished or page not in self.route.pages:
            return False
        first_open = self.next_to_answer()
        pages = self.route.pages
        return first_open is None or pages.index(page) <= pages.index(first_open)

    def progress(self, page: engine.Page) -> tuple[int, int]:
        """The progress label's "Step n of total": the total counts the pages asked before
        this one, this one, and every later page that an answer not yet given could open.

        A follow-up page is counted up front, so the total never grows as the patient answers
        (it only shrinks when an answer rules a page out): a patient should never be told
        there is more to do than they were first told. Answers on this page and later ones
        are not settled yet, so a question shown if one of them is given is counted."""
        before = self.route.pages[: self.route.pages.index(page)]
        pages = self.site.engine.pages
        later = pages[pages.index(page) + 1 :]
        settled = {q.slug for earlier in pages[: pages.index(page)] for q in earlier.questions}
        given = self.route.answers

        def may_ask(question: engine.Question) -> bool:
            return not question.shown_if or any(
                slug not in settled or option in given.get(slug, ())
                for slug, option in question.shown_if
            )

        still_possible = [p for p in later if any(may_ask(q) for q in p.questions)]
        number = len(before) + 1
        return number, number + len(still_possible)

    def back_url(self, page: engine.Page | None = None) -> str:
        """The back link: the page before `page` on the route (before "Check your answers"
        when None), or the start page before the first."""
        index = self.route.pages.index(page) if page else len(self.route.pages)
        return self.url_of(self.route.pages[index - 1]) if index else reverse("triage:start")

    def visible_questions(self, page: engine.Page) -> tuple[engine.Question, ...]:
        return page.visible_questions(self.route.answers)

    def back_from(self, page: engine.Page, kept: dict[str, tuple[str, ...]]) -> str:
        """Back: keep what is valid on this page, then the page before (or the start)."""
        self.journey.record(page, kept, submitted=False)
        self.journey.save(self.session)
        return self.back_url(page)

    def continue_from(self, page: engine.Page, answers: dict[str, tuple[str, ...]]) -> str:
        """Continue: record the page, then the next page, "Check your answers" or the end."""
        if not self.preview and page.slug not in self.journey.done:
            funnel.count_step("page", page.slug)  # the funnel: once per journey and page
        self.journey.record(page, answers, submitted=True)
        first_open = self.next_to_answer()
        if self.route.ended_early and first_open is None:
            return self.finish()  # the emergency early exit
        self.journey.save(self.session)
        if self.journey.reviewing:
            return self.url_of(first_open)
        index = self.route.pages.index(page) + 1
        return self.url_of(self.route.pages[index] if index < len(self.route.pages) else None)

    def review(self) -> None:
        """The patient has reached "Check your answers": a Change now returns there."""
        if not self.journey.reviewing:
            self.journey.reviewing = True
            self.journey.save(self.session)

    def finish(self) -> str:
        """Store the journey's one result (none in a preview) and give the session a new key."""
        if not self.preview:
            assessment = engine.assess(self.site.engine, self.journey.chosen())
            started = self.journey.started
            _, created = record_submission(
                self.journey.id,
                assessment,
                self.site.version,
                language=self.site.language,
                seconds_to_complete=round(time.time() - started) if started else None,
            )
            if created:  # a replayed POST is not a second patient
                funnel.count_step("emergency_exit" if self.route.ended_early else "finished")
        self.journey.finished = True
        self.journey.save(self.session)
        self.session.cycle_key()
        return reverse("triage:result")

    def stored_result(self) -> Submission | None:
        """The result stored for this journey, if it has finished."""
        if self.journey is None or not self.journey.finished or self.preview:
            return None
        stored = Submission.objects.filter(journey=self.journey.id).first()
        if stored is None:  # deleted by staff: the patient can see their answers again
            self.journey.finished = False
            self.journey.save(self.session)
        return stored

    def final_answers(self) -> tuple[dict[str, tuple[str, ...]], str] | None:
        """A finished journey's answers and reference: the stored ones, or a preview's own
        (assessed afresh on the draft, with no reference), else None."""
        if self.preview:
            return (self.journey.chosen(), "") if self.journey.finished else None
        submission = self.stored_result()
        if submission is None:
            return None
        answers = {slug: tuple(options) for slug, options in submission.answers.items()}
        return answers, submission.reference

    def summary(self) -> list[dict]:
        """Check your answers: each page asked, its questions and the labels chosen."""
        answered = self.route.answers
        return [
            {
                "page": page,
                "change_url": page_url(page.slug),
                "answers": [
                    {
                        "question": question,
                        "labels": [
                            question.option(slug).label for slug in answered.get(question.slug, ())
                        ],
                    }
                    for question in page.visible_questions(answered)
                ],
            }
            for page in self.route.pages
        ]
