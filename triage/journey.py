"""A patient's way through the questionnaire, kept in their session.

We keep our own small wizard rather than formtools' NamedUrlSessionWizardView: pages and
questions come from the database, are skipped by earlier answers, can end early, and must
survive Back, Change and a second tab, which formtools handles poorly (its issues #126,
#220, #266, #284). The state is plain JSON: the answers, which pages were submitted, and
whether the patient has reached "Check your answers".
"""

import secrets
from dataclasses import dataclass, field

from triage import engine

SESSION_KEY = "triage"


@dataclass
class Journey:
    id: str
    answers: dict[str, list[str]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    reviewing: bool = False
    reference: str = ""

    @classmethod
    def begin(cls, session) -> "Journey":
        journey = cls(id=secrets.token_urlsafe(12))
        journey.save(session)
        return journey

    @classmethod
    def load(cls, session) -> "Journey | None":
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict) or not data.get("id"):
            return None
        return cls(
            id=data["id"],
            answers=data.get("answers", {}),
            done=data.get("done", []),
            reviewing=data.get("reviewing", False),
            reference=data.get("reference", ""),
        )

    def save(self, session) -> None:
        session[SESSION_KEY] = {
            "id": self.id,
            "answers": self.answers,
            "done": self.done,
            "reviewing": self.reviewing,
            "reference": self.reference,
        }

    def chosen(self) -> dict[str, tuple[str, ...]]:
        return {slug: tuple(options) for slug, options in self.answers.items()}

    def record(self, page: engine.Page, answers: dict[str, tuple[str, ...]], *, submitted: bool):
        """Keep a page's answers; a submitted page counts as done and voids an old result."""
        for slug, options in answers.items():
            if options:
                self.answers[slug] = list(options)
            else:
                self.answers.pop(slug, None)
        if submitted:
            if page.slug not in self.done:
                self.done.append(page.slug)
            self.reference = ""


def is_answered(question: engine.Question, chosen: tuple[str, ...]) -> bool:
    """Whether a stored answer still satisfies the question as the content now stands."""
    known = [slug for slug in chosen if question.option(slug) is not None]
    if not known:
        return not question.required
    if not question.is_multiple:
        return len(known) == 1
    exclusive = [slug for slug in known if question.option(slug).exclusive]
    return not exclusive or len(known) == 1


@dataclass(frozen=True)
class Progress:
    """Where the patient stands: the pages they will see and the first still to answer."""

    route: engine.Route
    next_to_answer: engine.Page | None  # None: every asked page is answered

    @property
    def finished(self) -> bool:
        return self.next_to_answer is None

    def position(self, page: engine.Page) -> int:
        return self.route.pages.index(page) + 1

    def page_after(self, page: engine.Page) -> engine.Page | None:
        pages = self.route.pages
        index = pages.index(page)
        return pages[index + 1] if index + 1 < len(pages) else None

    def page_before(self, page: engine.Page) -> engine.Page | None:
        pages = self.route.pages
        index = pages.index(page) if page in pages else len(pages)
        return pages[index - 1] if index > 0 else None


def progress(content: engine.Content, journey: Journey) -> Progress:
    chosen = journey.chosen()
    route = engine.route(content, chosen)
    for page in route.pages:
        complete = page.slug in journey.done and all(
            is_answered(question, chosen.get(question.slug, ()))
            for question in page.visible_questions(route.answers)
        )
        if not complete:
            return Progress(route, page)
    return Progress(route, None)
