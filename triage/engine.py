"""The triage decision: the content and a patient's answers in, an assessment out.

Pure and typed: nothing here touches the database or a request, so the rules can be checked on
hand-made content (tests/test_engine.py), against a deliberately simple second implementation
(tests/engine_reference.py), and run anywhere: the wizard, the `triage` command, the bench.

The rules, each marked in the code by its number:

1. Pages are asked in order. A question is asked when it has no "shown if" answers, or one of
   them was given on an earlier page. A page is asked when one of its questions is.
2. Answers to questions that are not asked, and options a question does not have, never
   count. The same option given twice counts once.
3. An emergency-level answer ends the questionnaire after its page: later pages are not asked.
4. The result level is the most urgent level among the matched warning signs; normal when none.
5. Warning signs are listed most urgent first, then in content order.
6. Each warning sign quotes the answers that raised it, question by question in questionnaire
   order: the question as the patient read it, with the labels of its answers that raised the
   sign in the order they were given, each once.
7. Causes suggested by the answers come first, then the others, each in content order.
   Self-care advice is what the answers add, plus the advice "shown on every normal result"
   when the level is normal; the get-help advice is always given. Both in content order.
   (The result page shows causes and advice only on see-a-doctor and normal results: a
   patient told to get help now is given nothing that reassures.)

Content that is not in `Content` (a retired warning sign, cause or piece of advice that an
option still names) is never matched or shown.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from triage.levels import URGENCY, Level

Answers = Mapping[str, Sequence[str]]  # question slug -> chosen option slugs


class QuestionKind(StrEnum):
    """A str, so it compares equal to the kind stored on the model."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Option:
    slug: str
    label: str
    exclusive: bool = False  # "None of these": chosen alone
    warning_signs: tuple[str, ...] = ()  # slugs of the warning signs this answer raises
    causes: tuple[str, ...] = ()  # slugs of the causes it suggests
    recommendations: tuple[str, ...] = ()  # slugs of the self-care advice it adds


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    kind: QuestionKind
    options: tuple[Option, ...]
    required: bool = True
    help_text: str = ""
    shown_if: frozenset[tuple[str, str]] = frozenset()  # (question slug, option slug) pairs
    _options: Mapping[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # Content loaded from the database gives the kind as the stored string.
        object.__setattr__(self, "kind", QuestionKind(self.kind))
        object.__setattr__(self, "_options", {option.slug: option for option in self.options})

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE

    def option(self, slug: str) -> Option | None:
        return self._options.get(slug)

    def is_shown(self, answers: Answers) -> bool:
        """Rule 1, given the answers on earlier pages."""
        if not self.shown_if:
            return True
        return any(option in answers.get(question, ()) for question, option in self.shown_if)


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""

    def visible_questions(self, answers: Answers) -> tuple[Question, ...]:
        """The questions asked on this page, given the answers on earlier pages."""
        return tuple([question for question in self.questions if question.is_shown(answers)])


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
    """The live content, in order, as the engine needs it."""

    pages: tuple[Page, ...]
    warning_signs: Mapping[str, WarningSign]  # slug -> sign, in content order
    causes: tuple[Cause, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    # Lookups by slug, made once per content load for the wizard and the validation.
    questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    page_of_question: Mapping[str, Page] = field(init=False, repr=False, compare=False)
    _pages: Mapping[str, Page] = field(init=False, repr=False, compare=False)
    _emergency_signs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        derived = {
            "questions": {q.slug: q for page in self.pages for q in page.questions},
            "page_of_question": {q.slug: page for page in self.pages for q in page.questions},
            "_pages": {page.slug: page for page in self.pages},
            "_emergency_signs": frozenset(
                slug for slug, sign in self.warning_signs.items() if sign.level == Level.EMERGENCY
            ),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def page(self, slug: str) -> Page | None:
        return self._pages.get(slug)

    def signs_raised_by(self, option: Option) -> list[WarningSign]:
        """The warning signs this answer raises, each once, leaving out retired ones."""
        slugs = dict.fromkeys(option.warning_signs)
        return [self.warning_signs[slug] for slug in slugs if slug in self.warning_signs]

    def is_emergency(self, option: Option) -> bool:
        """Whether this answer raises an emergency-level warning sign (rule 3)."""
        return not self._emergency_signs.isdisjoint(option.warning_signs)


@dataclass(frozen=True)
class Route:
    """The pages this patient is asked, given their answers so far."""

    pages: tuple[Page, ...]
    answers: dict[str, tuple[str, ...]]  # the answers that count (rule 2), in question order
    ended_early: bool  # an emergency answer ended the questionnaire (rule 3)
    questions: tuple[Question, ...]  # the questions asked on those pages, in order


def route(content: Content, answers: Answers) -> Route:
    """The pages asked and the answers that count: rules 1 to 3."""
    pages: list[Page] = []
    questions: list[Question] = []
    counted: dict[str, tuple[str, ...]] = {}  # so far: the answers on earlier pages
    for page in content.pages:  # rule 1: in order
        asked = page.visible_questions(counted)
        if not asked:
            continue
        pages.append(page)
        questions.extend(asked)
        on_page = {}
        emergency = False
        for question in asked:
            chosen = _known_options(question, answers.get(question.slug, ()))  # rule 2
            if chosen:
                on_page[question.slug] = chosen
            for slug in chosen:
                if content.is_emergency(question.option(slug)):
                    emergency = True
        counted.update(on_page)  # only now: a condition never looks at its own page
        if emergency:  # rule 3: after its page
            return Route(tuple(pages), counted, True, tuple(questions))
    return Route(tuple(pages), counted, False, tuple(questions))


def _known_options(question: Question, chosen: Sequence[str]) -> tuple[str, ...]:
    """Rule 2: the options of `question` among `chosen`, each once, in the order given."""
    return tuple([slug for slug in dict.fromkeys(chosen) if slug in question._options])


@dataclass(frozen=True)
class Quote:
    """Rule 6: one question and the answers to it that raised a sign, as the patient saw them.

    A quote names its question: "Yes" alone means nothing on a result or on paper. The kind
    lets a page say "You answered yes to: ..." for a yes/no question."""

    question: str  # the question's text
    kind: QuestionKind
    labels: tuple[str, ...]


@dataclass(frozen=True)
class MatchedSign:
    sign: WarningSign
    quotes: tuple[Quote, ...]  # the answers that raised it, question by question

    @property
    def because(self) -> tuple[str, ...]:
        """The labels alone, each once: for lists where the questions would not fit."""
        return tuple(dict.fromkeys(label for quote in self.quotes for label in quote.labels))


@dataclass(frozen=True)
class Assessment:
    level: Level
    warning_signs: tuple[MatchedSign, ...]
    causes: tuple[Cause, ...]  # every cause, the suggested ones first
    suggested_causes: frozenset[str]
    self_care: tuple[Recommendation, ...]
    get_help: tuple[Recommendation, ...]
    asked_pages: tuple[str, ...]
    answers: dict[str, tuple[str, ...]]  # the answers that count
    ended_early: bool


def assess(content: Content, answers: Answers) -> Assessment:
    """The result of the answers that count: rules 4 to 7."""
    walked = route(content, answers)
    # Rule 6: warning sign slug -> question slug -> labels of the answers raising it.
    quotes: dict[str, dict[str, list[str]]] = {}
    suggested: set[str] = set()
    added_advice: set[str] = set()
    for question_slug, chosen in walked.answers.items():  # in questionnaire order
        question = content.questions[question_slug]
        for slug in chosen:  # in the order given, each once (rule 2)
            option = question.option(slug)
            for sign in content.signs_raised_by(option):
                quotes.setdefault(sign.slug, {}).setdefault(question_slug, []).append(option.label)
            suggested.update(option.causes)
            added_advice.update(option.recommendations)

    matched = [
        MatchedSign(sign, tuple([_quote(content, q, labels) for q, labels in quotes[slug].items()]))
        for slug, sign in content.warning_signs.items()  # rule 5: in content order...
        if slug in quotes
    ]
    matched.sort(key=lambda m: -URGENCY[m.sign.level])  # ...then most urgent first (stable)
    levels = [m.sign.level for m in matched]
    level = max(levels, key=URGENCY.__getitem__, default=Level.NORMAL)  # rule 4

    # Rule 7.
    causes = (
        *[cause for cause in content.causes if cause.slug in suggested],
        *[cause for cause in content.causes if cause.slug not in suggested],
    )
    normal = level == Level.NORMAL
    self_care = tuple(
        [
            advice
            for advice in content.recommendations
            if advice.kind == "self_care"
            and (advice.slug in added_advice or (normal and advice.shown_on_normal))
        ]
    )
    get_help = tuple([advice for advice in content.recommendations if advice.kind == "get_help"])

    return Assessment(
        level=level,
        warning_signs=tuple(matched),
        causes=causes,
        suggested_causes=frozenset(suggested),
        self_care=self_care,
        get_help=get_help,
        asked_pages=tuple(page.slug for page in walked.pages),
        answers=walked.answers,
        ended_early=walked.ended_early,
    )


def _quote(content: Content, question_slug: str, labels: list[str]) -> Quote:
    """Rule 6: the question with its labels, each once (two options may share a label)."""
    question = content.questions[question_slug]
    return Quote(question.text, question.kind, tuple(dict.fromkeys(labels)))
