"""The default questionnaire as plain data, read from the migration that loads it into backpop.

The textbook app builds its forms and its result from these, so the two apps the bench
compares ask the same questions, branch the same way and reach the same level. The texts are
those of the latest default content: 0002's, as 0012 (plain words first) rewords them.
"""

import importlib
from dataclasses import dataclass

_DEFAULT = importlib.import_module("triage.migrations.0002_default_content")
# Its wording as later migrations changed it: what backpop publishes on a fresh install.
_PLAIN_WORDS = importlib.import_module("triage.migrations.0012_plain_words").PLAIN_WORDS

LEVELS = ("normal", "see_doctor", "urgent", "emergency")  # least to most urgent
EMERGENCY = "emergency"


@dataclass(frozen=True)
class Option:
    slug: str
    label: str
    exclusive: bool
    warning_signs: tuple[str, ...]
    causes: tuple[str, ...]
    recommendations: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    slug: str
    kind: str  # "single", "multiple" or "yes_no"
    required: bool
    text: str
    help_text: str
    shown_if: tuple[tuple[str, str], ...]  # (question slug, option slug): any one shows it
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class WarningSign:
    slug: str
    title: str
    level: str
    explanation: str


@dataclass(frozen=True)
class Recommendation:
    slug: str
    kind: str  # "self_care" or "get_help"
    title: str
    shown_on_normal: bool
    description: str


@dataclass(frozen=True)
class Outcome:
    heading: str
    summary: str
    call_to_action: str


def _option(slug: str, label: str, links: dict) -> Option:
    return Option(
        slug,
        label,
        bool(links.get("exclusive")),
        tuple(links.get("warning_signs", ())),
        tuple(links.get("causes", ())),
        tuple(links.get("recommendations", ())),
    )


def _question(slug, kind, required, text, help_text, shown_if, options) -> Question:
    return Question(
        slug,
        kind,
        required,
        text,
        help_text,
        tuple(shown_if),
        tuple(_option(*option) for option in options),
    )


def _text(model: str, key: str, field: str, default: str) -> str:
    """`default` (0002's wording), or the wording 0012 gave it."""
    return _PLAIN_WORDS.get(model, {}).get(key, {}).get(field, default)


PAGES = tuple(
    Page(
        slug,
        _text("QuestionnairePage", slug, "title", title),
        _text("QuestionnairePage", slug, "intro", intro),
        tuple(_question(*q) for q in questions),
    )
    for slug, title, intro, questions in _DEFAULT.PAGES
)
QUESTIONS = {q.slug: q for page in PAGES for q in page.questions}
PAGE_OF = {q.slug: page for page in PAGES for q in page.questions}
WARNING_SIGNS = {
    slug: WarningSign(
        slug,
        _text("WarningSign", slug, "title", title),
        level,
        _text("WarningSign", slug, "explanation", explanation),
    )
    for slug, title, level, explanation, _source in _DEFAULT.WARNING_SIGNS
}
CAUSES = {
    slug: (_text("Cause", slug, "title", title), _text("Cause", slug, "description", description))
    for slug, title, description in _DEFAULT.CAUSES
}
RECOMMENDATIONS = {
    slug: Recommendation(
        slug,
        kind,
        _text("Recommendation", slug, "title", title),
        on_normal,
        _text("Recommendation", slug, "description", description),
    )
    for slug, kind, title, on_normal, description in _DEFAULT.RECOMMENDATIONS
}
OUTCOMES = {
    level: Outcome(
        *(
            _text("OutcomeText", level, field, text)
            for field, text in zip(("heading", "summary", "call_to_action"), texts, strict=True)
        )
    )
    for level, *texts in _DEFAULT.OUTCOMES
}


def raises_emergency(option: Option) -> bool:
    return any(WARNING_SIGNS[slug].level == EMERGENCY for slug in option.warning_signs)


@dataclass(frozen=True)
class Assessment:
    level: str
    warning_signs: tuple[WarningSign, ...]
    causes: tuple[tuple[str, str], ...]
    self_care: tuple[Recommendation, ...]
    get_help: tuple[Recommendation, ...]


def assess(answers: dict[str, list[str]]) -> Assessment:
    """The most urgent level among the warning signs the chosen answers raise."""
    chosen = [
        option
        for slug, values in answers.items()
        for option in QUESTIONS[slug].options
        if option.slug in values
    ]
    raised = {s for option in chosen for s in option.warning_signs}
    signs = sorted(
        (sign for slug, sign in WARNING_SIGNS.items() if slug in raised),
        key=lambda sign: -LEVELS.index(sign.level),
    )
    level = signs[0].level if signs else "normal"
    suggested = {c for option in chosen for c in option.causes}
    advised = {r for option in chosen for r in option.recommendations}
    return Assessment(
        level,
        tuple(signs),
        tuple(CAUSES[slug] for slug in CAUSES if slug in suggested) or tuple(CAUSES.values()),
        tuple(
            r
            for r in RECOMMENDATIONS.values()
            if r.kind == "self_care" and (r.slug in advised or r.shown_on_normal)
        ),
        tuple(r for r in RECOMMENDATIONS.values() if r.kind == "get_help"),
    )


def route(answers: dict[str, tuple[str, ...]]) -> list[Page]:
    """The pages a patient giving `answers` is asked: follow-up pages only when an answer asks
    for them, and nothing after an emergency answer."""
    asked = []
    for page in PAGES:
        follow_up = all(q.shown_if for q in page.questions)
        if follow_up and not any(
            option in answers.get(q, ())
            for question in page.questions
            for q, option in question.shown_if
        ):
            continue
        asked.append(page)
        if any(
            raises_emergency(option)
            for question in page.questions
            for option in question.options
            if option.slug in answers.get(question.slug, ())
        ):
            break
    return asked
