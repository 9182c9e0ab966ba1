"""The triage decision: answers and a snapshot of the content in, an assessment out.

Pure and typed: nothing here touches the database or a request, so the rules can be tested
on hand-made content and run anywhere (the wizard, the `triage` command, the benchmark).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

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
    _by_slug: Mapping[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_slug", {option.slug: option for option in self.options})

    @property
    def is_multiple(self) -> bool:
        return self.kind == "multiple"

    def option(self, slug: str) -> Option | None:
        return self._by_slug.get(slug)

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
    _conditional: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_conditional", any(q.shown_if for q in self.questions))

    def visible_questions(self, answers: Answers) -> tuple[Question, ...]:
        if not self._conditional:
            return self.questions
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
    # Lookups derived once per content load, so each assessment is a walk, not a search.
    questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    page_of_question: Mapping[str, Page] = field(init=False, repr=False, compare=False)
    _pages: Mapping[str, Page] = field(init=False, repr=False, compare=False)
    _sign_rank: Mapping[str, tuple[int, int]] = field(init=False, repr=False, compare=False)
    _emergency_signs: frozenset[str] = field(init=False, repr=False, compare=False)
    _emergency_options: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _options_with_effects: Mapping[str, Mapping[str, Option]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self):
        derived = {
            "questions": {q.slug: q for page in self.pages for q in page.questions},
            "page_of_question": {q.slug: page for page in self.pages for q in page.questions},
            "_pages": {page.slug: page for page in self.pages},
            "_sign_rank": {
                slug: (-URGENCY[sign.level], position)
                for position, (slug, sign) in enumerate(self.warning_signs.items())
            },
            "_emergency_signs": frozenset(
                slug for slug, sign in self.warning_signs.items() if sign.level == Level.EMERGENCY
            ),
        }
        derived["_emergency_options"] = {
            question.slug: danger
            for question in derived["questions"].values()
            if (
                danger := frozenset(
                    option.slug
                    for option in question.options
                    if not derived["_emergency_signs"].isdisjoint(option.warning_signs)
                )
            )
        }
        derived["_options_with_effects"] = {
            question.slug: effects
            for question in derived["questions"].values()
            if (
                effects := {
                    option.slug: option
                    for option in question.options
                    if option.warning_signs or option.causes or option.recommendations
                }
            )
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def page(self, slug: str) -> Page | None:
        return self._pages.get(slug)

    def is_emergency(self, option: Option) -> bool:
        return not self._emergency_signs.isdisjoint(option.warning_signs)


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
    dangerous = content._emergency_options
    for page in content.pages:
        visible = page.visible_questions(kept) if page._conditional else page.questions
        if not visible:
            continue
        asked.append(page)
        emergency = False
        for question in visible:
            slug = question.slug
            chosen = answers.get(slug)
            if not chosen:
                continue
            options = question._by_slug
            if len(chosen) == 1 and chosen[0] in options:
                known = tuple(chosen)  # the usual case, without building a filtered copy
            else:
                known = tuple([option for option in chosen if option in options])
                if not known:
                    continue
            kept[slug] = known
            if slug in dangerous and not dangerous[slug].isdisjoint(known):
                emergency = True
        if emergency:
            return Route(tuple(asked), kept, ended_early=True)
    return Route(tuple(asked), kept, ended_early=False)


class MatchedSign(NamedTuple):  # a tuple: made by the thousand on large content
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
    because: dict[str, list[str]] = {}
    causes: set[str] = set()
    advice: set[str] = set()
    for question, slugs in walked.answers.items():
        options = content._options_with_effects.get(question)
        if options is None:
            continue
        for slug in slugs:
            option = options.get(slug)
            if option is None:
                continue
            for sign in option.warning_signs:
                if sign in content.warning_signs:
                    labels = because.setdefault(sign, [])
                    if option.label not in labels:
                        labels.append(option.label)
            causes.update(option.causes)
            advice.update(option.recommendations)

    rank = content._sign_rank
    matched = [
        MatchedSign(content.warning_signs[slug], tuple(labels))
        for slug, labels in sorted(because.items(), key=lambda item: rank[item[0]])
    ]
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
