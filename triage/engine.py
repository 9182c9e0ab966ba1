"""The triage decision: answers and a snapshot of the content in, an assessment out.

Pure and typed: nothing here touches the database or a request, so the rules can be tested
on hand-made content and run anywhere (the wizard, the `triage` command, the benchmark).

Content is loaded once and assessed many times, so `Content` works out when it is built what
every answer adds to an assessment; `route` and `assess` then walk the questions once, looking
each answer up (see "What the walk reads" below).
"""

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations, compress
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


class MatchedSign(NamedTuple):  # a tuple: most are made once per content load, see _Effect
    sign: WarningSign
    because: tuple[str, ...]  # the labels of the answers that triggered it, as the patient saw them


# What the walk reads, worked out once per content load by Content.__post_init__. They are
# plain tuples and dicts: Python unpacks a plain tuple in a loop several times faster than a
# NamedTuple, and content grown 100 times makes every step of the walk count.

# What an answer adds to an assessment, as (key, value) pairs that a dict keeps once each. The
# key orders them: first the warning signs, most urgent first then in content order (value: the
# sign, quoting the answer), then the causes it suggests, then its advice (value: their slug).
# So an assessment sorts ints, and reuses the signs made here when one answer raised them.
_Effect = tuple[int, MatchedSign | str]
_Effects = tuple[_Effect, ...]

# Up to how many options of a multiple-choice question every combination is looked up at once
# (2**8 answers); other answers, and options sent in another order, are read option by option.
_COMBINED_OPTIONS = 8

# The options of earlier questions that show a question: (question slug, option slugs) pairs.
# Answers on the same or a later page are left out: they are never in when the page is reached.
_ShownIf = tuple[tuple[str, frozenset[str]], ...]

# One question, in questionnaire order: (
#   slug,
#   each answer the form sends -> its effects or None (most answers: one lookup),
#   each option -> its effects (the other answers, such as unknown options),
#   None if always shown, else _ShownIf,
#   the position of its page among the pages with questions,
# )
_Step = tuple[
    str, Mapping[tuple[str, ...], _Effects | None], Mapping[str, _Effects], _ShownIf | None, int
]

# A question with an emergency option, and how far the walk goes when one is chosen: (
#   slug,
#   its options that raise an emergency-level warning sign,
#   the number of steps up to the end of its page,
#   the number of pages with questions up to its page,
# )
_Danger = tuple[str, frozenset[str], int, int]


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
    _emergency_signs: frozenset[str] = field(init=False, repr=False, compare=False)
    # The pages with questions (the others are never asked), and their slugs.
    _asked_pages: tuple[Page, ...] = field(init=False, repr=False, compare=False)
    _asked_slugs: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # Whether each of those is asked whatever the answers, having a question without a
    # condition; the others are asked once one of their questions is shown.
    _always_asked: tuple[bool, ...] = field(init=False, repr=False, compare=False)
    _steps: tuple[_Step, ...] = field(init=False, repr=False, compare=False)
    _dangers: tuple[_Danger, ...] = field(init=False, repr=False, compare=False)  # in order
    # Where causes, then advice, start among effect keys.
    _causes_from: int = field(init=False, repr=False, compare=False)
    _advice_from: int = field(init=False, repr=False, compare=False)
    # The keys of signs that answers to two questions can raise: only they need merging.
    _shared_signs: frozenset[int] = field(init=False, repr=False, compare=False)
    _self_care: tuple[Recommendation, ...] = field(init=False, repr=False, compare=False)
    _get_help: tuple[Recommendation, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        asked_pages = tuple(page for page in self.pages if page.questions)
        emergency_signs = frozenset(
            slug for slug, sign in self.warning_signs.items() if sign.level == Level.EMERGENCY
        )
        derived = {
            "questions": {q.slug: q for page in self.pages for q in page.questions},
            "page_of_question": {q.slug: page for page in self.pages for q in page.questions},
            "_pages": {page.slug: page for page in self.pages},
            "_emergency_signs": emergency_signs,
            "_asked_pages": asked_pages,
            "_asked_slugs": tuple(page.slug for page in asked_pages),
            "_always_asked": tuple(
                not all(q.shown_if for q in page.questions) for page in asked_pages
            ),
            "_dangers": _dangers(asked_pages, emergency_signs),
            "_self_care": tuple(r for r in self.recommendations if r.kind == "self_care"),
            "_get_help": tuple(r for r in self.recommendations if r.kind == "get_help"),
            **_lookups(asked_pages, self.warning_signs),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def page(self, slug: str) -> Page | None:
        return self._pages.get(slug)

    def is_emergency(self, option: Option) -> bool:
        return not self._emergency_signs.isdisjoint(option.warning_signs)


def _lookups(pages: tuple[Page, ...], signs: Mapping[str, WarningSign]) -> dict[str, object]:
    """The steps of the walk, where causes and advice start among effect keys, and the keys
    of signs that answers to more than one question can raise."""
    options = [option for page in pages for q in page.questions for option in q.options]
    by_urgency = sorted(signs, key=lambda slug: -URGENCY[signs[slug].level])  # a stable sort
    rank = {slug: key for key, slug in enumerate(by_urgency)}
    causes = dict.fromkeys(slug for option in options for slug in option.causes)
    cause_key = {slug: key for key, slug in enumerate(causes, start=len(rank))}
    advice = dict.fromkeys(slug for option in options for slug in option.recommendations)
    advice_key = {slug: key for key, slug in enumerate(advice, start=len(rank) + len(causes))}

    def effects(option: Option) -> _Effects:
        # Each sign once; a sign that is not in the content (retired) is never matched.
        linked = dict.fromkeys(slug for slug in option.warning_signs if slug in signs)
        return (
            *((rank[slug], MatchedSign(signs[slug], (option.label,))) for slug in linked),
            *((cause_key[slug], slug) for slug in option.causes),
            *((advice_key[slug], slug) for slug in option.recommendations),
        )

    steps: list[_Step] = []
    earlier: set[str] = set()  # the questions on earlier pages
    raised_by: dict[int, int] = {}  # sign key -> how many questions can raise it
    for number, page in enumerate(pages):
        for question in page.questions:
            by_option = {option.slug: effects(option) for option in question.options}
            for key in {key for pairs in by_option.values() for key, _ in pairs if key < len(rank)}:
                raised_by[key] = raised_by.get(key, 0) + 1
            shown_if = None
            if question.shown_if:
                wanted: dict[str, set[str]] = {}
                for asked, option in sorted(question.shown_if):
                    if asked in earlier:
                        wanted.setdefault(asked, set()).add(option)
                shown_if = tuple((asked, frozenset(chosen)) for asked, chosen in wanted.items())
            by_answer = _by_answer(question, by_option)
            steps.append((question.slug, by_answer, by_option, shown_if, number))
        earlier.update(question.slug for question in page.questions)
    return {
        "_steps": tuple(steps),
        "_causes_from": len(rank),
        "_advice_from": len(rank) + len(causes),
        "_shared_signs": frozenset(key for key, count in raised_by.items() if count > 1),
    }


def _by_answer(
    question: Question, by_option: Mapping[str, _Effects]
) -> dict[tuple[str, ...], _Effects | None]:
    """The effects of each answer the form sends, None if it has none: one option or, to a
    multiple-choice question, some of its non-exclusive options in the order they are listed."""
    by_answer = {(slug,): effects or None for slug, effects in by_option.items()}
    combinable = [option.slug for option in question.options if not option.exclusive]
    if question.is_multiple and len(combinable) <= _COMBINED_OPTIONS:
        for size in range(2, len(combinable) + 1):
            for answer in combinations(combinable, size):
                merged = _merged([pair for slug in answer for pair in by_option[slug]])
                by_answer[answer] = tuple(merged.items()) or None
    return by_answer


def _dangers(pages: tuple[Page, ...], emergency_signs: frozenset[str]) -> tuple[_Danger, ...]:
    dangers, steps = [], 0
    for number, page in enumerate(pages, start=1):
        steps += len(page.questions)
        for question in page.questions:
            options = frozenset(
                option.slug
                for option in question.options
                if not emergency_signs.isdisjoint(option.warning_signs)
            )
            if options:
                dangers.append((question.slug, options, steps, number))
    return tuple(dangers)


@dataclass(frozen=True)
class Route:
    """The pages this patient is asked, given their answers so far."""

    pages: tuple[Page, ...]
    answers: dict[str, tuple[str, ...]]  # answers to asked questions only, known options only
    ended_early: bool  # an emergency answer ended the questionnaire after the last page


def route(content: Content, answers: Answers) -> Route:
    """Walk the pages in order, skipping hidden questions and stopping at an emergency."""
    asked, kept, _, ended_early = _walk(content, answers)
    return Route(tuple(compress(content._asked_pages, asked)), kept, ended_early)


def _walk(
    content: Content, answers: Answers
) -> tuple[list[bool], dict[str, tuple[str, ...]], list[_Effect], bool]:
    """Which pages are asked, the kept answers, their effects, and whether it ended early."""
    asked, kept, effects = _answer(content._steps, content._always_asked, answers)
    for slug, options, steps, pages in content._dangers:
        chosen = kept.get(slug)
        if chosen and not options.isdisjoint(chosen):
            # The first emergency ends the walk after its page: answer again up to there.
            asked, kept, effects = _answer(
                content._steps[:steps], content._always_asked[:pages], answers
            )
            return asked, kept, effects, True
    return asked, kept, effects, False


def _answer(
    steps: tuple[_Step, ...], always_asked: tuple[bool, ...], answers: Answers
) -> tuple[list[bool], dict[str, tuple[str, ...]], list[_Effect]]:
    """Keep the answers to the shown questions, known options only, and collect their effects.

    Every step is walked: _walk looks for an emergency afterwards.
    """
    asked = list(always_asked)
    kept: dict[str, tuple[str, ...]] = {}
    collected: list[_Effect] = []
    get = answers.get
    for slug, by_answer, by_option, shown_if, page in steps:
        if shown_if is not None:
            for question, options in shown_if:  # inline: a call per question would show
                shown = kept.get(question)
                if shown is not None and not options.isdisjoint(shown):
                    break
            else:
                continue
            asked[page] = True
        chosen = get(slug)
        if chosen is None:
            continue
        try:
            effects = by_answer[chosen]
        except (KeyError, TypeError):  # unknown or repeated options, another order, a list...
            chosen = tuple([option for option in chosen if option in by_option])
            if not chosen:
                continue
            merged = _merged([pair for option in chosen for pair in by_option[option]])
            effects = tuple(merged.items()) or None
        kept[slug] = chosen
        if effects is not None:
            collected += effects
    return asked, kept, collected


def _merged(effects: list[_Effect]) -> dict[int, MatchedSign | str]:
    """Each effect once; a sign quotes every answer that raised it, in order, each label once."""
    found: dict[int, MatchedSign | str] = {}
    for key, value in effects:
        seen = found.get(key)
        if seen is None:
            found[key] = value
        elif isinstance(seen, MatchedSign):  # then value is one too; a cause or advice is kept
            new = tuple([label for label in value.because if label not in seen.because])
            if new:
                found[key] = MatchedSign(seen.sign, seen.because + new)
    return found


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
    asked, kept, effects, ended_early = _walk(content, answers)
    found = dict(effects)  # each sign, cause and advice once
    if not found.keys().isdisjoint(content._shared_signs):
        found = _merged(effects)  # so a sign raised by answers to two questions quotes both
    keys = sorted(found)
    causes_at = bisect_left(keys, content._causes_from)
    advice_at = bisect_left(keys, content._advice_from, causes_at)
    matched: tuple[MatchedSign, ...] = tuple(map(found.__getitem__, keys[:causes_at]))
    causes = frozenset(map(found.__getitem__, keys[causes_at:advice_at]))
    advice = frozenset(map(found.__getitem__, keys[advice_at:]))

    level = Level(matched[0].sign.level) if matched else Level.NORMAL
    normal = level == Level.NORMAL
    return Assessment(
        level=level,
        warning_signs=matched,
        causes=_suggested_first(content.causes, causes),
        suggested_causes=causes,
        self_care=tuple(
            r for r in content._self_care if r.slug in advice or (normal and r.shown_on_normal)
        ),
        get_help=content._get_help,
        asked_pages=tuple(compress(content._asked_slugs, asked)),
        answers=kept,
        ended_early=ended_early,
    )


def _suggested_first(causes: tuple[Cause, ...], suggested: frozenset[str]) -> tuple[Cause, ...]:
    if not suggested:
        return causes
    return tuple(sorted(causes, key=lambda cause: cause.slug not in suggested))
