"""The triage engine's rules as properties, on generated content and generated answers.

Hypothesis makes small questionnaires (pages without questions, conditions on earlier, the
same and later pages, warning signs at every level, retired signs and causes, labels shared by
several answers) and answer sets (unknown questions and options, repeats, answers to hidden
questions), and checks each rule in triage/engine.py's docstring on thousands of them.
"""

from dataclasses import replace
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine_reference import plain, reference_assess, reference_route
from triage import engine
from triage.levels import URGENCY, Level


def examples(count: int) -> settings:
    # No example database: nothing is written into the working tree; a failure prints its
    # example for reproduction.
    return settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


# Few draws per example, from strategies made once, keep thousands of examples quick: each
# link is one pick from a short list, and the engine never reads `exclusive`, `required` or
# the texts, so they are not drawn. "gone" names content that is retired (not in the content).
SIGN_LEVELS = st.sampled_from(tuple(product(Level, repeat=5)))  # of the five warning signs
ADVICE_KIND = (("self_care", False), ("self_care", True), ("get_help", False))
ADVICE_KINDS = st.sampled_from(tuple(product(ADVICE_KIND, repeat=4)))  # of the four pieces
LABELS = ("Yes", "No", "Sometimes", "Only at night")  # shared by several answers on purpose
SIGN_LINKS = ((), (), (), ("s0",), ("s1",), ("s2",), ("s3",), ("s4",), ("s0", "s3"), ("s4", "s1"))
SIGN_LINKS += (("gone",), ("s2", "gone", "s2"))
CAUSE_LINKS = ((), (), ("c0",), ("c1",), ("c2", "c0"), ("gone",))
ADVICE_LINKS = ((), (), ("r0",), ("r1",), ("r2", "r3"), ("r3", "gone"))
# An option in one draw: its label, warning signs, causes and advice.
OPTION = st.sampled_from(tuple(product(LABELS, SIGN_LINKS, CAUSE_LINKS, ADVICE_LINKS)))
# Mostly always asked or shown by earlier answers, as the admin allows; sometimes shown by
# answers on the same or a later page, or by an answer that does not exist.
CONDITION = st.sampled_from(("always", "always", "earlier", "anywhere"))
# A page in one draw: how many options each of its questions has (at most three questions).
PAGE = st.sampled_from(
    tuple(shape for size in range(4) for shape in product((1, 2, 3), repeat=size))
)
PAGES = st.lists(PAGE, min_size=1, max_size=4)


@st.composite
def contents(draw, first_question_asked: bool = False) -> engine.Content:
    """A questionnaire; with `first_question_asked`, its first question is always asked."""
    signs = {
        f"s{n}": engine.WarningSign(f"s{n}", f"Sign {n}", level)
        for n, level in enumerate(draw(SIGN_LEVELS))
    }
    causes = tuple(engine.Cause(f"c{n}", f"Cause {n}") for n in range(3))
    advice = tuple(
        engine.Recommendation(f"r{n}", kind, f"Advice {n}", "", on_normal)
        for n, (kind, on_normal) in enumerate(draw(ADVICE_KINDS))
    )
    shapes = draw(PAGES)
    if first_question_asked and not shapes[0]:
        shapes[0] = (1,)
    everywhere = [
        (f"q{p}_{k}", f"o{n}")
        for p, page in enumerate(shapes)
        for k, size in enumerate(page)
        for n in range(size)
    ] + [("nowhere", "o0")]
    earlier: list[tuple[str, str]] = []  # (question, option) on earlier pages
    pages = []
    for p, page in enumerate(shapes):
        questions = []
        for k, size in enumerate(page):
            options = []
            for n in range(size):
                label, raises, suggests, adds = draw(OPTION)
                options.append(engine.Option(f"o{n}", label, False, raises, suggests, adds))
            condition = "always" if first_question_asked and p == k == 0 else draw(CONDITION)
            conditions = {"earlier": earlier, "anywhere": everywhere}.get(condition, [])
            shown_if = frozenset()
            if conditions:  # one or two of them
                first = draw(st.integers(0, len(conditions) - 1))
                second = draw(st.integers(-1, len(conditions) - 1))
                shown_if = frozenset(
                    {conditions[first], conditions[second]} if second >= 0 else {conditions[first]}
                )
            kind = list(engine.QuestionKind)[k % 3]  # the engine treats every kind alike
            questions.append(
                engine.Question(f"q{p}_{k}", f"Q{p}.{k}", kind, tuple(options), True, "", shown_if)
            )
        earlier += [(q.slug, o.slug) for q in questions for o in q.options]
        pages.append(engine.Page(f"p{p}", f"Page {p}", tuple(questions)))
    return engine.Content(tuple(pages), signs, causes, advice)


@st.composite
def answer_sets(draw, content: engine.Content) -> dict[str, tuple[str, ...]]:
    """Answers to some questions: known options and unknown ones, in any order."""
    answers = {}
    for question in content.questions.values():
        slugs = [option.slug for option in question.options] + ["unknown"]
        # One draw a question: -1 unanswered, else a bit mask of the options chosen.
        mask = draw(st.integers(-1, 2 ** len(slugs) - 1))
        if mask >= 0:
            chosen = tuple(slug for bit, slug in enumerate(slugs) if mask >> bit & 1)
            answers[question.slug] = chosen[::-1] if mask % 3 == 0 else chosen
    if draw(st.booleans()):
        answers["not_a_question"] = ("o0",)
    return answers


@st.composite
def content_and_answers(
    draw, first_question_asked: bool = False
) -> tuple[engine.Content, dict[str, tuple[str, ...]]]:
    content = draw(contents(first_question_asked))
    return content, draw(answer_sets(content))


@examples(2000)
@given(content_and_answers())
def test_the_engine_agrees_with_the_simple_reference_implementation(case):
    content, answers = case
    walked = engine.route(content, answers)
    expected_route = reference_route(content, answers)

    assert plain(engine.assess(content, answers)) == reference_assess(content, answers)
    assert [page.slug for page in walked.pages] == expected_route["pages"]
    assert [question.slug for question in walked.questions] == expected_route["questions"]
    assert walked.answers == expected_route["answers"]
    assert walked.ended_early is expected_route["ended_early"]


@examples(800)
@given(content_and_answers(first_question_asked=True), st.data())
def test_adding_a_symptom_never_lowers_the_level(case, data):
    # Any extra answer, whether it raises a warning sign or not (or shows more questions).
    content, answers = case
    question = data.draw(st.sampled_from(list(content.questions.values())))
    option = data.draw(st.sampled_from(question.options))
    before = engine.assess(content, answers)
    asked = question in engine.route(content, answers).questions
    chosen = (*answers.get(question.slug, ()), option.slug)

    after = engine.assess(content, {**answers, question.slug: chosen})

    assert URGENCY[after.level] >= URGENCY[before.level]
    if asked:  # then the new answer counts, and so does each sign it raises
        for sign in content.signs_raised_by(option):
            assert URGENCY[after.level] >= URGENCY[sign.level]
            assert sign in [matched.sign for matched in after.warning_signs]


@examples(800)
@given(content_and_answers(first_question_asked=True), st.data())
def test_an_emergency_answer_to_an_asked_question_gives_an_emergency_and_ends_after_its_page(
    case, data
):
    content, answers = case
    walked = engine.route(content, answers)
    question = data.draw(st.sampled_from(walked.questions))
    option = data.draw(st.sampled_from(question.options))
    # Make that answer an emergency: only its own page changes, so the walk still reaches it.
    emergency = engine.WarningSign("collapse", "Collapse", Level.EMERGENCY)
    alarming = replace(option, warning_signs=(*option.warning_signs, emergency.slug))
    page = content.page_of_question[question.slug]
    changed = replace(
        page,
        questions=tuple(
            replace(q, options=tuple(alarming if o == option else o for o in q.options))
            if q == question
            else q
            for q in page.questions
        ),
    )
    content = engine.Content(
        tuple(changed if p == page else p for p in content.pages),
        {**content.warning_signs, emergency.slug: emergency},
        content.causes,
        content.recommendations,
    )
    chosen = (*answers.get(question.slug, ()), option.slug)

    assessment = engine.assess(content, {**answers, question.slug: chosen})

    pages_up_to_it = [p.slug for p in walked.pages][: walked.pages.index(page) + 1]
    assert assessment.level == Level.EMERGENCY
    assert assessment.ended_early is True
    assert list(assessment.asked_pages) == pages_up_to_it
    assert "collapse" in [matched.sign.slug for matched in assessment.warning_signs]


@examples(800)
@given(content_and_answers(), st.data())
def test_answers_to_questions_that_are_not_asked_never_count(case, data):
    content, answers = case
    asked = {question.slug for question in engine.route(content, answers).questions}
    hidden = [q for q in content.questions.values() if q.slug not in asked]
    other = dict(answers)
    for question in hidden:
        slugs = [option.slug for option in question.options]
        other[question.slug] = tuple(data.draw(st.lists(st.sampled_from(slugs), max_size=3)))

    assert engine.assess(content, other) == engine.assess(content, answers)


@examples(800)
@given(content_and_answers(), st.data())
def test_unknown_options_and_repeated_answers_never_count(case, data):
    content, answers = case
    unknown = st.lists(st.sampled_from(["x", "o9", ""]), max_size=2)
    noisy = {slug: (*chosen, *chosen, *data.draw(unknown)) for slug, chosen in answers.items()}

    assert engine.assess(content, noisy) == engine.assess(content, answers)
