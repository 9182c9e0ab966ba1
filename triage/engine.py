"""The triage decision: answers and a snapshot of the content in, an assessment out.

Pure and typed: nothing here touches the database or a request, so the rules can be tested
on hand-made content and run anywhere (the wizard, the `triage` command, the benchmark).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from triage.levels import URGENCY, Level

Answers = Mapping[str, tuple[str, ...]]  # question slug -> chosen option slugs


@dataclass(frozen=True)
class Option:
    slug: str
    label: str
    exclusive: bool = False
    warning_signs: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    kind: str  # "single", "multiple" or "yes_no"
    options: tuple[Option, ...]
    required: bool = True
    help_text: str = ""
    shown_if: frozenset[tuple[str, str]] = frozenset()  # (question slug, option slug) pairs

    @property
    def is_multiple(self) -> bool:
        return self.kind == "multiple"

    def option(self, slug: str) -> Option | None:
        return next((option for option in self.options if option.slug == slug), None)

    def is_shown(self, answers: Answers) -> bool:
        return not self.shown_if or any(
            option in answers.get(question, ()) for question, option in self.shown_if
        )


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""

    def visible_questions(self, answers: Answers) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if question.is_shown(answers))


@dataclass(frozen=True)
class WarningSign:
    slug: str
    title: str
    level: Level
    explanation: str = ""
    source: str = ""


@dataclass(frozen=True)
class Cause:
    slug: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Recommendation:
    slug: str
    kind: str  # "self_care" or "get_help"
    title: str
    description: str = ""
    shown_on_normal: bool = False


@dataclass(frozen=True)
class Content:
    """The active content, in order, as the engine needs it."""

    pages: tuple[Page, ...]
    warning_signs: Mapping[str, WarningSign]
    causes: tuple[Cause, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    page_of_question: Mapping[str, Page] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        by_slug = {q.slug: q for page in self.pages for q in page.questions}
        object.__setattr__(self, "questions", by_slug)
        pages = {q.slug: page for page in self.pages for q in page.questions}
        object.__setattr__(self, "page_of_question", pages)

    def page(self, slug: str) -> Page | None:
        return next((page for page in self.pages if page.slug == slug), None)

    def is_emergency(self, option: Option) -> bool:
        return any(
            self.warning_signs[slug].level == Level.EMERGENCY
            for slug in option.warning_signs
            if slug in self.warning_signs
        )


@dataclass(frozen=True)
class Route:
    """The pages this patient is asked, given their answers so far."""

    pages: tuple[Page, ...]
    answers: dict[str, tuple[str, ...]]  # answers to asked questions only, known options only
    ended_early: bool  # an emergency answer ended the questionnaire after the last page


def route(content: Content, answers: Answers) -> Route:
    """Walk the pages in order, skipping hidden questions and stopping at an emergency."""
    asked: list[Page] = []
    kept: dict[str, tuple[str, ...]] = {}
    for page in content.pages:
        visible = page.visible_questions(kept)
        if not visible:
            continue
        asked.append(page)
        emergency = False
        for question in visible:
            chosen = tuple(
                option
                for slug in answers.get(question.slug, ())
                if (option := question.option(slug)) is not None
            )
            if chosen:
                kept[question.slug] = tuple(option.slug for option in chosen)
                emergency = emergency or any(content.is_emergency(option) for option in chosen)
        if emergency:
            return Route(tuple(asked), kept, ended_early=True)
    return Route(tuple(asked), kept, ended_early=False)


@dataclass(frozen=True)
class MatchedSign:
    sign: WarningSign
    because: tuple[str, ...]  # the labels of the answers that triggered it, as the patient saw them


@dataclass(frozen=True)
class Assessment:
    level: Level
    warning_signs: tuple[MatchedSign, ...]
    causes: tuple[Cause, ...]
    suggested_causes: frozenset[str]
    self_care: tuple[Recommendation, ...]
    get_help: tuple[Recommendation, ...]
    asked_pages: tuple[str, ...]
    answers: dict[str, tuple[str, ...]]
    ended_early: bool


def assess(content: Content, answers: Answers) -> Assessment:
    walked = route(content, answers)
    chosen = [
        content.questions[question].option(slug)
        for question, slugs in walked.answers.items()
        for slug in slugs
    ]
    because: dict[str, list[str]] = {}
    causes: set[str] = set()
    advice: set[str] = set()
    for option in chosen:
        for slug in option.warning_signs:
            if slug in content.warning_signs and option.label not in because.setdefault(slug, []):
                because[slug].append(option.label)
        causes.update(option.causes)
        advice.update(option.recommendations)

    order = list(content.warning_signs)
    matched = sorted(
        (
            MatchedSign(content.warning_signs[slug], tuple(labels))
            for slug, labels in because.items()
        ),
        key=lambda m: (-URGENCY[m.sign.level], order.index(m.sign.slug)),
    )
    level = matched[0].sign.level if matched else Level.NORMAL
    normal = level == Level.NORMAL
    return Assessment(
        level=Level(level),
        warning_signs=tuple(matched),
        causes=tuple(sorted(content.causes, key=lambda cause: cause.slug not in causes)),
        suggested_causes=frozenset(causes),
        self_care=tuple(
            r
            for r in content.recommendations
            if r.kind == "self_care" and (r.slug in advice or (normal and r.shown_on_normal))
        ),
        get_help=tuple(r for r in content.recommendations if r.kind == "get_help"),
        asked_pages=tuple(page.slug for page in walked.pages),
        answers=walked.answers,
        ended_early=walked.ended_early,
    )
