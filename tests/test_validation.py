"""triage.validation: what a valid answer, an exclusive option and a page slug are, with the
one message each rule gives."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import get_resolver

from triage import engine, models
from triage.validation import (
    RESERVED_PAGE_SLUGS,
    answer_errors,
    answers_problems,
    exclusive_option_error,
    page_slug_error,
    parse_answers,
)

NONE_OF_THESE = engine.Option("none", "None of these", exclusive=True)
SINGLE = engine.Question(
    "pain", "Does it hurt?", "single", (engine.Option("no", "No"), engine.Option("yes", "Yes"))
)
YES_NO = engine.Question(
    "swelling", "Swollen?", "yes_no", (engine.Option("yes", "Yes"), engine.Option("no", "No"))
)
MULTIPLE = engine.Question(
    "nerves",
    "Any of these?",
    "multiple",
    (engine.Option("numb", "Numbness"), engine.Option("tingle", "Tingling"), NONE_OF_THESE),
)
MULTIPLE_WITHOUT_NONE = engine.Question(
    "when", "When?", "multiple", (engine.Option("walking", "Walking"), engine.Option("up", "Up"))
)
OPTIONAL = engine.Question("water", "Water?", "single", SINGLE.options, required=False)
SPREAD = engine.Question(
    "spread", "Where?", "single", (engine.Option("leg", "Leg"),), shown_if={("pain", "yes")}
)
CONTENT = engine.Content(
    pages=(
        engine.Page("pain-page", "Pain", (SINGLE,)),
        engine.Page("spread-page", "Spread", (SPREAD,)),
        engine.Page("nerves-page", "Nerves", (MULTIPLE, OPTIONAL)),
    ),
    warning_signs={},
)
VALID = {"pain": ("no",), "nerves": ("none",)}


class TestAnswerErrors:
    def test_one_answer_shown_is_valid(self):
        assert answer_errors(SINGLE, ["yes"]) == []
        assert answer_errors(YES_NO, ["no"]) == []

    def test_several_answers_to_a_multiple_choice_question_are_valid(self):
        assert answer_errors(MULTIPLE, ["numb", "tingle"]) == []

    def test_none_of_these_alone_is_valid(self):
        assert answer_errors(MULTIPLE, ["none"]) == []

    def test_a_required_single_choice_or_yes_no_question_left_blank_asks_for_an_answer(self):
        assert answer_errors(SINGLE, []) == ["Select an answer."]
        assert answer_errors(YES_NO, ()) == ["Select an answer."]

    def test_a_required_multiple_choice_question_left_blank_offers_none_of_these(self):
        assert answer_errors(MULTIPLE, []) == ["Select at least one answer, or “None of these”."]

    def test_a_multiple_choice_question_without_none_of_these_asks_for_one_answer_or_more(self):
        assert answer_errors(MULTIPLE_WITHOUT_NONE, []) == ["Select at least one answer."]

    def test_an_optional_question_may_be_left_blank(self):
        assert answer_errors(OPTIONAL, []) == []

    def test_an_option_the_question_does_not_have_is_refused(self):
        assert answer_errors(SINGLE, ["maybe"]) == ["Choose one of the answers shown."]
        assert answer_errors(MULTIPLE, ["numb", "drop_table"]) == [
            "Choose one of the answers shown."
        ]

    def test_two_answers_to_a_single_choice_or_yes_no_question_are_refused(self):
        assert answer_errors(SINGLE, ["no", "yes"]) == ["Choose one of the answers shown."]
        assert answer_errors(YES_NO, ["yes", "no"]) == ["Choose one of the answers shown."]

    def test_none_of_these_with_another_answer_is_refused_by_its_label(self):
        assert answer_errors(MULTIPLE, ["numb", "none"]) == [
            "“None of these” cannot be chosen with other answers. Untick it, or untick the others."
        ]

    def test_the_same_option_sent_twice_is_one_answer(self):
        assert answer_errors(SINGLE, ["yes", "yes"]) == []
        assert answer_errors(MULTIPLE, ["none"] * 190) == []

    def test_only_the_first_problem_is_given(self):
        assert answer_errors(MULTIPLE, ["none", "numb", "nope"]) == [
            "Choose one of the answers shown."
        ]


class TestAnswersProblems:
    def test_answers_the_questionnaire_could_have_given_have_no_problems(self):
        assert answers_problems(CONTENT, VALID) == []

    def test_an_unknown_question_is_named(self):
        assert answers_problems(CONTENT, {**VALID, "mood": ("grumpy",)}) == [
            "Unknown question 'mood'."
        ]

    def test_a_problem_names_the_question_its_page_the_message_the_answer_and_the_options(self):
        assert answers_problems(CONTENT, {**VALID, "pain": ("agony",)}) == [
            "Question 'pain' on page 'pain-page': Choose one of the answers shown. "
            "Given: agony. Options: no, yes."
        ]

    def test_a_required_question_asked_on_this_route_must_be_answered(self):
        assert answers_problems(CONTENT, {**VALID, "pain": ("yes",)}) == [
            "Question 'spread' on page 'spread-page': Select an answer. Given: nothing. "
            "Options: leg."
        ]

    def test_a_question_not_asked_on_this_route_is_not_required_but_its_answer_is_checked(self):
        assert answers_problems(CONTENT, VALID) == []
        assert answers_problems(CONTENT, {**VALID, "spread": ("arm",)}) == [
            "Question 'spread' on page 'spread-page': Choose one of the answers shown. "
            "Given: arm. Options: leg."
        ]

    def test_every_problem_is_listed_in_questionnaire_order(self):
        problems = answers_problems(CONTENT, {"mood": ("x",), "nerves": ("none", "numb")})

        assert [problem.split(":")[0] for problem in problems] == [
            "Unknown question 'mood'.",
            "Question 'pain' on page 'pain-page'",
            "Question 'nerves' on page 'nerves-page'",
        ]


class TestParseAnswers:
    def test_an_option_slug_or_a_list_of_them_becomes_a_tuple_each_option_once(self):
        assert parse_answers({"pain": "no", "nerves": ["numb", "tingle", "numb"]}) == {
            "pain": ("no",),
            "nerves": ("numb", "tingle"),
        }

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (["no"], "Answers must be a JSON object"),
            ({"pain": 3}, "The answer to 'pain' must be an option slug or a list of option slugs"),
            ({"pain": None}, "not null"),
            ({"nerves": ["numb", True]}, "must list option slugs (strings), not true or false"),
        ],
    )
    def test_anything_else_is_refused_saying_what_was_given(self, raw, message):
        with pytest.raises(ValueError, match=re.escape(message)):
            parse_answers(raw)


class TestExclusiveOption:
    def test_only_a_multiple_choice_question_may_have_an_exclusive_answer(self):
        message = "Only a multiple-choice question can have an exclusive answer."

        assert exclusive_option_error("multiple", True) is None
        assert exclusive_option_error("single", True) == message
        assert exclusive_option_error(engine.QuestionKind.YES_NO, True) == message

    def test_an_answer_that_is_not_exclusive_fits_every_kind(self):
        assert {exclusive_option_error(kind, False) for kind in engine.QuestionKind} == {None}

    @pytest.mark.django_db
    def test_the_answer_option_model_refuses_an_exclusive_answer_on_a_single_choice_question(
        self,
    ):
        option = models.AnswerOption.objects.get(question__slug="pain", slug="no_pain")
        option.exclusive = True

        with pytest.raises(ValidationError) as refused:
            option.clean()
        assert refused.value.message_dict == {
            "exclusive": ["Only a multiple-choice question can have an exclusive answer."]
        }


class TestPageSlugs:
    def test_a_slug_the_questionnaires_own_pages_use_is_refused_naming_them_all(self):
        assert page_slug_error("result") == (
            "“result” is reserved for the questionnaire's own pages "
            "(answers, expired, result, start). Choose another slug."
        )

    def test_any_other_slug_is_accepted(self):
        assert page_slug_error("pain-details") is None

    def test_the_page_model_refuses_a_reserved_slug(self):
        with pytest.raises(ValidationError) as refused:
            models.QuestionnairePage(slug="answers", title="Answers").clean()
        assert "“answers” is reserved" in refused.value.message_dict["slug"][0]

    def test_every_fixed_address_under_check_is_reserved(self):
        fixed = {
            str(pattern.pattern).removeprefix("check/").strip("/")
            for pattern in get_resolver("triage.urls").url_patterns
            if str(pattern.pattern).startswith("check/") and "<" not in str(pattern.pattern)
        }

        assert fixed
        assert fixed <= RESERVED_PAGE_SLUGS
