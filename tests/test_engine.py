"""The triage engine on small hand-made content, so each rule is seen on its own."""

from triage import engine
from triage.levels import Level

SIGNS = (
    engine.WarningSign("collapse", "Collapse", Level.EMERGENCY),
    engine.WarningSign("spread", "Pain spreads", Level.URGENT),
    engine.WarningSign("fever", "Fever", Level.URGENT),
    engine.WarningSign("sore", "Sore popping", Level.SEE_DOCTOR),
)
CAUSES = (
    engine.Cause("gas", "Gas bubbles"),
    engine.Cause("tendons", "Tendons moving"),
    engine.Cause("shift", "Joints shifting"),
)
ADVICE = (
    engine.Recommendation("posture", "self_care", "Posture", shown_on_normal=True),
    engine.Recommendation("stretch", "self_care", "Stretch"),
    engine.Recommendation("core", "self_care", "Core", shown_on_normal=True),
    engine.Recommendation("water", "self_care", "Water"),
    engine.Recommendation("call_gp", "get_help", "Call your GP if it gets worse"),
    engine.Recommendation("call_999", "get_help", "Call 999 if you collapse"),
)
NONE = engine.Option("none", "None of these", exclusive=True)


def _question(slug, *options, kind="single", shown_if=()):
    return engine.Question(slug, slug, kind, tuple(options), shown_if=frozenset(shown_if))


def _pages() -> tuple[engine.Page, ...]:
    hurts_badly = {("hurts", "badly")}
    return (
        engine.Page(
            "alarm",
            "Right now",
            (
                _question(
                    "alarm",
                    engine.Option("fainted", "I fainted", warning_signs=("collapse",)),
                    engine.Option("fell", "I fell over", warning_signs=("collapse",)),
                    NONE,
                    kind="multiple",
                ),
            ),
        ),
        engine.Page(
            "pain",
            "Pain",
            (
                _question(
                    "hurts",
                    engine.Option("no", "No"),
                    engine.Option("yes", "Yes", warning_signs=("sore",)),
                    engine.Option("badly", "Yes, badly", warning_signs=("sore",)),
                ),
            ),
        ),
        engine.Page(
            "spread",
            "Where it hurts",
            (
                _question(
                    "where",
                    engine.Option("back", "Only my back"),
                    engine.Option(
                        "leg", "Down my leg", warning_signs=("spread",), recommendations=("water",)
                    ),
                    shown_if={("hurts", "yes"), ("hurts", "badly")},
                ),
            ),
        ),
        engine.Page(
            "night",
            "Night",
            (
                _question(
                    "wakes",
                    engine.Option("yes", "Yes", warning_signs=("sore", "spread")),
                    engine.Option("no", "No"),
                    kind="yes_no",
                    shown_if=hurts_badly,
                ),
            ),
        ),
        engine.Page(
            "habits",
            "Habits",
            (
                _question(
                    "when",
                    engine.Option("walking", "When walking", causes=("tendons",)),
                    engine.Option("getting_up", "When getting up", causes=("shift",)),
                    kind="multiple",
                ),
                _question(
                    "health",
                    engine.Option("hot", "Hot and shivery", warning_signs=("fever",)),
                    engine.Option("sweats", "Night sweats", warning_signs=("fever",)),
                    engine.Option("desk", "I sit at a desk", recommendations=("stretch",)),
                    NONE,
                    kind="multiple",
                ),
            ),
        ),
    )


def _content(**overrides) -> engine.Content:
    fields = {
        "pages": _pages(),
        "warning_signs": {sign.slug: sign for sign in SIGNS},
        "causes": CAUSES,
        "recommendations": ADVICE,
    }
    fields.update(overrides)
    return engine.Content(**fields)


def _assess(content: engine.Content | None = None, **answers) -> engine.Assessment:
    chosen = {
        slug: (value,) if isinstance(value, str) else value for slug, value in answers.items()
    }
    return engine.assess(content or _content(), chosen)


def _signs(assessment: engine.Assessment) -> list[str]:
    return [matched.sign.slug for matched in assessment.warning_signs]


def _slugs(items) -> list[str]:
    return [item.slug for item in items]


def test_no_warning_sign_means_normal():
    assessment = _assess(alarm="none", hurts="no", when="walking", health="none")

    assert assessment.level == Level.NORMAL
    assert assessment.warning_signs == ()


def test_no_answers_at_all_means_normal():
    assert _assess().level == Level.NORMAL


def test_level_is_the_most_urgent_matched_sign():
    assessment = _assess(alarm="none", hurts="yes", where="leg")

    assert _signs(assessment) == ["spread", "sore"]
    assert assessment.level == Level.URGENT


def test_one_see_doctor_sign_gives_see_doctor():
    assert _assess(hurts="yes", where="back").level == Level.SEE_DOCTOR


def test_each_matched_sign_quotes_the_answers_that_triggered_it():
    assessment = _assess(hurts="badly", where="leg", wakes="yes")
    because = {matched.sign.slug: matched.because for matched in assessment.warning_signs}

    assert because == {"spread": ("Down my leg", "Yes"), "sore": ("Yes, badly", "Yes")}


def test_each_quote_names_its_question_with_the_answers_given_to_it():
    assessment = _assess(hurts="badly", where="leg", wakes="yes")
    quotes = {
        m.sign.slug: [(q.question, q.kind, q.labels) for q in m.quotes]
        for m in assessment.warning_signs
    }

    assert quotes == {
        "spread": [("where", "single", ("Down my leg",)), ("wakes", "yes_no", ("Yes",))],
        "sore": [("hurts", "single", ("Yes, badly",)), ("wakes", "yes_no", ("Yes",))],
    }


def test_a_sign_triggered_by_two_answers_quotes_both_once():
    assessment = _assess(health=("hot", "sweats", "hot"))

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [
        ("fever", ("Hot and shivery", "Night sweats"))
    ]


def test_signs_are_ordered_most_urgent_first_then_in_content_order():
    assessment = _assess(hurts="yes", where="leg", health="hot")

    assert _signs(assessment) == ["spread", "fever", "sore"]


def test_sign_order_follows_content_order_within_a_level():
    reordered = {sign.slug: sign for sign in reversed(SIGNS)}
    assessment = _assess(_content(warning_signs=reordered), hurts="yes", where="leg", health="hot")

    assert _signs(assessment) == ["fever", "spread", "sore"]


def test_causes_suggested_by_answers_come_first_then_the_rest_in_content_order():
    assessment = _assess(when=("getting_up", "walking"))

    assert _slugs(assessment.causes) == ["tendons", "shift", "gas"]
    assert assessment.suggested_causes == {"tendons", "shift"}


def test_all_causes_are_listed_in_content_order_when_none_is_suggested():
    assessment = _assess(when=())

    assert _slugs(assessment.causes) == ["gas", "tendons", "shift"]
    assert assessment.suggested_causes == frozenset()


def test_normal_result_shows_advice_added_by_answers_and_the_shown_on_normal_advice():
    assessment = _assess(health="desk")

    assert assessment.level == Level.NORMAL
    assert _slugs(assessment.self_care) == ["posture", "stretch", "core"]


def test_other_results_show_only_the_advice_added_by_answers():
    assessment = _assess(hurts="yes", where="leg", health="desk")

    assert assessment.level == Level.URGENT
    assert _slugs(assessment.self_care) == ["stretch", "water"]


def test_see_doctor_result_without_advice_from_answers_has_no_self_care():
    assert _assess(hurts="yes", where="back").self_care == ()


def test_every_result_lists_all_get_help_advice():
    for answers in ({}, {"hurts": "yes"}, {"hurts": "yes", "where": "leg"}, {"alarm": "fell"}):
        assessment = _assess(**answers)

        assert _slugs(assessment.get_help) == ["call_gp", "call_999"], answers


def test_a_hidden_question_is_not_asked_and_its_stale_answers_are_ignored():
    assessment = _assess(hurts="no", where="leg")

    assert assessment.warning_signs == ()
    assert assessment.level == Level.NORMAL
    assert "water" not in _slugs(assessment.self_care)
    assert "where" not in assessment.answers
    assert assessment.answers["hurts"] == ("no",)


def test_a_question_shown_by_any_of_its_conditions_is_asked():
    assert _signs(_assess(hurts="badly", where="leg")) == ["spread", "sore"]


def test_a_page_with_no_visible_questions_is_skipped():
    assessment = _assess(hurts="yes", wakes="yes")

    assert assessment.asked_pages == ("alarm", "pain", "spread", "habits")
    assert "wakes" not in assessment.answers
    assert _signs(assessment) == ["sore"]


def test_a_page_is_asked_once_an_earlier_answer_shows_its_question():
    assessment = _assess(hurts="badly")

    assert assessment.asked_pages == ("alarm", "pain", "spread", "night", "habits")


def test_an_emergency_answer_ends_the_questionnaire_after_its_page():
    assessment = _assess(alarm="fainted", hurts="badly", where="leg", wakes="yes", when="walking")

    assert assessment.level == Level.EMERGENCY
    assert assessment.ended_early is True
    assert assessment.asked_pages == ("alarm",)
    assert assessment.answers == {"alarm": ("fainted",)}
    assert _signs(assessment) == ["collapse"]
    assert assessment.suggested_causes == frozenset()


def test_answers_on_the_emergency_page_itself_all_count():
    pages = _pages()
    emergency_page = engine.Page("alarm", "Right now", pages[0].questions + pages[1].questions)
    content = _content(pages=(emergency_page, *pages[2:]))

    assessment = _assess(content, alarm="fell", hurts="yes", when="walking")

    assert _signs(assessment) == ["collapse", "sore"]
    assert assessment.asked_pages == ("alarm",)


def test_an_emergency_on_a_later_page_keeps_the_earlier_pages():
    pages = _pages()
    content = _content(pages=(pages[1], pages[2], pages[0], pages[4]))

    assessment = _assess(content, hurts="yes", where="back", alarm="fell", when="walking")

    assert assessment.asked_pages == ("pain", "spread", "alarm")
    assert _signs(assessment) == ["collapse", "sore"]
    assert assessment.ended_early is True


def test_a_full_questionnaire_does_not_end_early():
    assessment = _assess(alarm="none", hurts="no", when="walking", health="none")

    assert assessment.ended_early is False
    assert assessment.asked_pages == ("alarm", "pain", "habits")


def test_unknown_option_slugs_are_ignored():
    assessment = _assess(alarm=("fainted-typo", "none"), hurts=("maybe",), health=("hot", "cold"))

    assert assessment.answers == {"alarm": ("none",), "health": ("hot",)}
    assert _signs(assessment) == ["fever"]
    assert assessment.ended_early is False


def test_unknown_question_slugs_are_ignored():
    assessment = _assess(mood="grumpy", hurts="no")

    assert assessment.answers == {"hurts": ("no",)}
    assert assessment.level == Level.NORMAL


def test_a_retired_warning_sign_is_never_matched():
    signs = {sign.slug: sign for sign in SIGNS if sign.slug != "collapse"}

    assessment = _assess(_content(warning_signs=signs), alarm="fainted", hurts="yes")

    assert _signs(assessment) == ["sore"]
    assert assessment.ended_early is False
    assert assessment.asked_pages == ("alarm", "pain", "spread", "habits")


def test_a_retired_page_is_not_asked_and_its_answers_are_ignored():
    content = _content(pages=_pages()[1:])

    assessment = _assess(content, alarm="fainted", hurts="yes")

    assert assessment.asked_pages == ("pain", "spread", "habits")
    assert _signs(assessment) == ["sore"]


def test_retired_causes_and_advice_are_not_shown():
    content = _content(
        causes=CAUSES[:1], recommendations=tuple(r for r in ADVICE if r.slug != "stretch")
    )

    assessment = _assess(content, when="walking", health="desk")

    assert _slugs(assessment.causes) == ["gas"]
    assert _slugs(assessment.self_care) == ["posture", "core"]


def test_a_condition_on_an_answer_on_the_same_page_is_never_met():
    # Conditions look only at earlier pages: the wizard cannot reveal a question mid-page.
    pages = _pages()
    same_page = engine.Page("pain", "Pain", pages[1].questions + pages[2].questions)
    content = _content(pages=(pages[0], same_page, *pages[3:]))

    assessment = _assess(content, hurts="yes", where="leg")

    assert "where" not in assessment.answers
    assert _signs(assessment) == ["sore"]


# Edges: retired signs, signs and labels shared by several answers, many options, conditions.


def _page(slug, *questions):
    return engine.Page(slug, slug, tuple(questions))


def test_an_option_linked_to_a_retired_sign_still_raises_its_other_signs():
    pages = (
        _page(
            "pain",
            _question(
                "hurts", engine.Option("yes", "Yes", warning_signs=("gone", "sore", "gone", "sore"))
            ),
        ),
    )

    assessment = _assess(_content(pages=pages), hurts="yes")

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [("sore", ("Yes",))]
    assert assessment.level == Level.SEE_DOCTOR


def test_signs_from_several_pages_are_ordered_most_urgent_first_then_in_content_order():
    pages = (
        _page("one", _question("a", engine.Option("x", "A", warning_signs=("sore",)))),
        _page("two", _question("b", engine.Option("x", "B", warning_signs=("fever", "sore")))),
        _page("three", _question("c", engine.Option("x", "C", warning_signs=("spread",)))),
    )

    assessment = _assess(_content(pages=pages), a="x", b="x", c="x")

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [
        ("spread", ("C",)),
        ("fever", ("B",)),
        ("sore", ("A", "B")),
    ]


def test_the_same_label_on_answers_to_two_questions_is_quoted_once():
    pages = (
        _page("one", _question("a", engine.Option("yes", "Yes", warning_signs=("sore",)))),
        _page("two", _question("b", engine.Option("yes", "Yes", warning_signs=("sore",)))),
    )

    assessment = _assess(_content(pages=pages), a="yes", b="yes")

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [("sore", ("Yes",))]


def test_options_ticked_in_another_order_are_quoted_in_the_order_they_were_given():
    assessment = _assess(health=("sweats", "desk", "hot"))

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [
        ("fever", ("Night sweats", "Hot and shivery"))
    ]
    assert assessment.answers["health"] == ("sweats", "desk", "hot")
    assert _slugs(assessment.self_care) == ["stretch"]


def test_a_question_with_many_options_quotes_every_ticked_answer():
    options = [
        engine.Option(f"o{n}", f"Option {n}", warning_signs=("sore",) if n % 2 else ("fever",))
        for n in range(12)
    ]
    pages = (_page("many", _question("many", *options, kind="multiple")),)
    ticked = tuple(option.slug for option in options)

    assessment = _assess(_content(pages=pages), many=ticked)

    assert [(m.sign.slug, m.because) for m in assessment.warning_signs] == [
        ("fever", tuple(f"Option {n}" for n in range(0, 12, 2))),
        ("sore", tuple(f"Option {n}" for n in range(1, 12, 2))),
    ]


def test_answers_given_as_lists_count_like_tuples():
    assessment = engine.assess(_content(), {"hurts": ["yes"], "health": ["hot", "desk"]})

    assert assessment.answers == {"hurts": ("yes",), "health": ("hot", "desk")}
    assert _signs(assessment) == ["fever", "sore"]


def test_causes_and_advice_suggested_by_several_answers_are_listed_once():
    pages = (
        _page(
            "one",
            _question(
                "a",
                engine.Option("x", "X", causes=("gas", "gas"), recommendations=("water",)),
                engine.Option("y", "Y", causes=("gas", "shift"), recommendations=("water",)),
                kind="multiple",
            ),
        ),
        _page("two", _question("b", engine.Option("x", "X", causes=("gas",)))),
    )

    assessment = _assess(_content(pages=pages), a=("x", "y"), b="x")

    assert _slugs(assessment.causes) == ["gas", "shift", "tendons"]
    assert assessment.suggested_causes == {"gas", "shift"}
    assert _slugs(assessment.self_care) == ["posture", "core", "water"]


def test_a_condition_on_an_answer_on_a_later_page_is_never_met():
    pages = (
        _page("one", _question("a", engine.Option("x", "X"), shown_if={("b", "x")})),
        _page("two", _question("b", engine.Option("x", "X"))),
    )

    assessment = _assess(_content(pages=pages), a="x", b="x")

    assert assessment.asked_pages == ("two",)
    assert assessment.answers == {"b": ("x",)}


def test_a_page_with_one_question_always_shown_is_asked_when_the_others_are_hidden():
    pain = _pages()[1]
    mixed = _page(
        "mixed",
        _question("where", engine.Option("leg", "Leg"), shown_if={("hurts", "yes")}),
        _question("often", engine.Option("daily", "Daily")),
    )

    assessment = _assess(_content(pages=(pain, mixed)), hurts="no", where="leg", often="daily")

    assert assessment.asked_pages == ("pain", "mixed")
    assert assessment.answers == {"hurts": ("no",), "often": ("daily",)}


def test_an_emergency_answer_to_a_question_shown_by_a_condition_ends_the_questionnaire():
    pain = _pages()[1]
    alarm = _page(
        "alarm",
        _question(
            "alarm",
            engine.Option("fainted", "I fainted", warning_signs=("collapse",)),
            shown_if={("hurts", "badly")},
        ),
    )
    content = _content(pages=(pain, alarm, *_pages()[4:]))

    shown = _assess(content, hurts="badly", alarm="fainted", health="hot")
    hidden = _assess(content, hurts="yes", alarm="fainted", health="hot")

    assert shown.level == Level.EMERGENCY
    assert shown.ended_early is True
    assert shown.asked_pages == ("pain", "alarm")
    assert _signs(shown) == ["collapse", "sore"]
    assert hidden.ended_early is False
    assert hidden.asked_pages == ("pain", "habits")
    assert _signs(hidden) == ["fever", "sore"]


def test_route_agrees_with_the_assessment_on_pages_and_answers():
    answers = {"alarm": ("none",), "hurts": ("yes",), "where": ("leg",), "wakes": ("yes",)}

    walked = engine.route(_content(), answers)
    assessment = engine.assess(_content(), answers)

    assert tuple(page.slug for page in walked.pages) == assessment.asked_pages
    assert walked.answers == assessment.answers
    assert walked.ended_early is assessment.ended_early is False


def test_route_lists_the_questions_asked_in_order():
    walked = engine.route(_content(), {"hurts": ("yes",)})

    assert [question.slug for question in walked.questions] == [
        "alarm",
        "hurts",
        "where",
        "when",
        "health",
    ]


def test_a_question_kind_stored_as_text_reads_as_the_enum():
    question = engine.Question("when", "When?", "multiple", (NONE,))

    assert question.kind is engine.QuestionKind.MULTIPLE
    assert question.kind == "multiple"
    assert question.is_multiple
    assert not _question("hurts", NONE, kind="yes_no").is_multiple
