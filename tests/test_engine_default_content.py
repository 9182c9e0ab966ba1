"""The triage engine on the default content, checked against docs/content/default-content.md.

Every warning sign and every answer that triggers it has a row in WARNING_SIGN_ROWS; the
guard test fails when the content gains a trigger that has no row here.
"""

from typing import NamedTuple

import pytest

from tests import patient
from tests.patient import GET_HELP
from triage import engine, models
from triage.content import load_content
from triage.levels import Level

pytestmark = pytest.mark.django_db

ALL_CLEAR = {question: tuple(options) for question, options in patient.ALL_CLEAR.items()}
ALL_PAGES = tuple(patient.PAGES_IN_ORDER)
# A harmless answer that shows the pain-details page.
SHOW_PAIN_DETAILS = {"pain": "brief_discomfort"}


class Row(NamedTuple):
    sign: str
    level: Level
    question: str
    option: str
    context: dict[str, str]  # other answers the trigger needs, such as one showing its page


def _row(sign: str, level: Level, question: str, option: str, **context: str) -> Row:
    return Row(sign, level, question, option, context)


E, U, S = Level.EMERGENCY, Level.URGENT, Level.SEE_DOCTOR
WARNING_SIGN_ROWS = [
    _row("cauda_equina", E, "emergency_signs", "saddle_numbness"),
    _row("cauda_equina", E, "emergency_signs", "bladder_bowel_change"),
    _row("cauda_equina", E, "emergency_signs", "both_legs_weak"),
    _row("major_trauma", E, "emergency_signs", "serious_accident"),
    _row("bilateral_leg_symptoms", U, "pain_spread", "both_legs", **SHOW_PAIN_DETAILS),
    _row("nerve_symptoms", U, "nerve_symptoms", "numbness"),
    _row("nerve_symptoms", U, "nerve_symptoms", "tingling"),
    _row("nerve_symptoms", U, "nerve_symptoms", "weakness"),
    _row("after_injury", U, "after_injury", "yes"),
    _row("infection_signs", U, "general_health", "fever"),
    _row("serious_illness_signs", U, "general_health", "weight_loss"),
    _row("serious_illness_signs", U, "general_health", "cancer_history"),
    _row("serious_illness_signs", U, "general_health", "weak_immune"),
    _row("night_pain", U, "night_pain", "yes", **SHOW_PAIN_DETAILS),
    _row("painful_popping", S, "pain", "sharp"),
    _row("painful_popping", S, "pain", "lasting"),
    _row("painful_popping", S, "pain", "worsening"),
    _row("radiating_pain", S, "pain_spread", "one_leg", **SHOW_PAIN_DETAILS),
    _row("swelling_warmth", S, "swelling", "yes"),
    _row("reduced_motion", S, "movement", "yes"),
    _row("daily_life_impact", S, "daily_impact", "stops_activities"),
    _row("daily_life_impact", S, "daily_impact", "affects_sleep"),
    _row("worried", S, "daily_impact", "worried"),
]


def _answers(**overrides: str | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    answers = dict(ALL_CLEAR)
    for question, chosen in overrides.items():
        answers[question] = (chosen,) if isinstance(chosen, str) else chosen
    return answers


def _assess(**overrides: str | tuple[str, ...]) -> engine.Assessment:
    return engine.assess(load_content().engine, _answers(**overrides))


def _signs(assessment: engine.Assessment) -> list[str]:
    return [matched.sign.slug for matched in assessment.warning_signs]


def _slugs(items) -> list[str]:
    return [item.slug for item in items]


def test_all_clear_answers_give_normal():
    assessment = _assess()

    assert assessment.level == Level.NORMAL
    assert assessment.warning_signs == ()
    assert assessment.ended_early is False
    assert assessment.asked_pages == tuple(page for page in ALL_PAGES if page != "pain-details")


@pytest.mark.parametrize(
    "row",
    [pytest.param(row, id=f"{row.sign}-{row.question}={row.option}") for row in WARNING_SIGN_ROWS],
)
def test_each_triggering_answer_matches_its_warning_sign_at_its_level(row: Row):
    content = load_content().engine

    assessment = engine.assess(content, _answers(**row.context, **{row.question: row.option}))

    assert _signs(assessment) == [row.sign]
    assert assessment.level == row.level
    assert content.warning_signs[row.sign].level == row.level
    label = content.questions[row.question].option(row.option).label
    assert assessment.warning_signs[0].because == (label,)
    assert _slugs(assessment.get_help) == GET_HELP


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(row, id=f"{row.sign}-{row.option}")
        for row in WARNING_SIGN_ROWS
        if row.level == E
    ],
)
def test_an_emergency_answer_ends_the_questionnaire_after_the_first_page(row: Row):
    assessment = _assess(**{row.question: row.option})

    assert assessment.asked_pages == ("emergency-check",)
    assert assessment.ended_early is True
    assert set(assessment.answers) == {"emergency_signs"}


def test_answers_without_an_emergency_go_through_every_page_they_show():
    for row in WARNING_SIGN_ROWS:
        if row.level == E:
            continue
        assessment = _assess(**row.context, **{row.question: row.option})

        assert assessment.ended_early is False, row
        assert assessment.asked_pages[-1] == "habits", row


def test_every_active_warning_sign_and_trigger_has_a_row():
    content = load_content().engine
    triggers = {
        (sign, question.slug, option.slug)
        for question in content.questions.values()
        for option in question.options
        for sign in option.warning_signs
    }

    assert set(content.warning_signs) == {row.sign for row in WARNING_SIGN_ROWS}
    assert triggers == {(row.sign, row.question, row.option) for row in WARNING_SIGN_ROWS}
    assert len(content.warning_signs) == 14


def test_every_level_is_reached():
    reached = {_assess().level} | {
        _assess(**row.context, **{row.question: row.option}).level for row in WARNING_SIGN_ROWS
    }

    assert reached == set(Level)


def test_a_combination_gives_the_most_urgent_level_with_signs_most_urgent_first():
    assessment = _assess(
        pain="sharp", pain_spread="both_legs", movement="yes", daily_impact="worried"
    )

    assert assessment.level == Level.URGENT
    assert _signs(assessment) == [
        "bilateral_leg_symptoms",
        "painful_popping",
        "reduced_motion",
        "worried",
    ]


def test_an_emergency_combined_with_later_signs_shows_only_the_emergency_page_signs():
    assessment = _assess(
        emergency_signs=("saddle_numbness", "both_legs_weak", "serious_accident"),
        pain="sharp",
        nerve_symptoms="weakness",
    )

    assert assessment.level == Level.EMERGENCY
    assert _signs(assessment) == ["cauda_equina", "major_trauma"]
    assert assessment.warning_signs[0].because == (
        "Numbness or tingling around your bottom, genitals or inner thighs",
        "Weakness or numbness in both legs that is getting worse",
    )


def test_no_pain_skips_the_pain_details_page_and_ignores_its_stale_answers():
    assessment = _assess(pain="no_pain", pain_spread="both_legs", night_pain="yes")

    assert "pain-details" not in assessment.asked_pages
    assert "pain_spread" not in assessment.answers
    assert "night_pain" not in assessment.answers
    assert assessment.level == Level.NORMAL


def test_any_pain_asks_the_pain_details_page():
    assessment = _assess(pain="brief_discomfort", pain_spread="back_only", night_pain="no")

    assert assessment.asked_pages == ALL_PAGES
    assert assessment.level == Level.NORMAL


@pytest.mark.parametrize(
    ("overrides", "self_care"),
    [
        ({}, ["posture", "exercise_stretching", "back_stretches"]),
        ({"sitting": "yes"}, ["posture", "exercise_stretching", "back_stretches", "ergonomics"]),
        (
            {"exercise": "rarely", "water": "no", "weight_advice": "yes"},
            [
                "posture",
                "exercise_stretching",
                "back_stretches",
                "core_strength",
                "hydration",
                "healthy_weight",
            ],
        ),
        ({"movement": "yes"}, []),
        ({"movement": "yes", "sitting": "yes"}, ["posture", "ergonomics"]),
        ({"movement": "yes", "exercise": "rarely"}, ["exercise_stretching", "core_strength"]),
        ({"movement": "yes", "exercise": "sometimes"}, ["core_strength"]),
        ({"movement": "yes", "water": "no"}, ["hydration"]),
        ({"movement": "yes", "weight_advice": "yes"}, ["healthy_weight"]),
        ({"movement": "yes", "weight_advice": "no", "water": "yes"}, []),
        ({"general_health": "fever", "sitting": "yes"}, ["posture", "ergonomics"]),
    ],
)
def test_self_care_advice_follows_the_answers_and_the_level(overrides, self_care):
    assessment = _assess(**overrides)

    assert _slugs(assessment.self_care) == self_care
    assert _slugs(assessment.get_help) == GET_HELP


def test_an_emergency_result_still_lists_every_get_help_item():
    assessment = _assess(emergency_signs="serious_accident")

    assert _slugs(assessment.get_help) == GET_HELP
    assert assessment.self_care == ()


@pytest.mark.parametrize(
    ("popping_when", "causes"),
    [
        ("walking", ["tendons_ligaments", "gas_release", "alignment_shift"]),
        ("bending_twisting", ["gas_release", "tendons_ligaments", "alignment_shift"]),
        ("stretching", ["gas_release", "tendons_ligaments", "alignment_shift"]),
        ("getting_up", ["alignment_shift", "gas_release", "tendons_ligaments"]),
        (("walking", "getting_up"), ["tendons_ligaments", "alignment_shift", "gas_release"]),
    ],
)
def test_causes_suggested_by_when_the_popping_happens_come_first(popping_when, causes):
    assessment = _assess(popping_when=popping_when)

    assert _slugs(assessment.causes) == causes
    suggested = 1 if isinstance(popping_when, str) else len(popping_when)
    assert assessment.suggested_causes == set(causes[:suggested])


def test_a_retired_warning_sign_is_no_longer_matched():
    models.WarningSign.objects.filter(slug="worried").update(is_active=False)

    assessment = _assess(daily_impact="worried")

    assert assessment.level == Level.NORMAL
    assert assessment.warning_signs == ()


def test_a_retired_page_is_no_longer_asked():
    models.QuestionnairePage.objects.filter(slug="emergency-check").update(is_active=False)

    assessment = _assess(emergency_signs="serious_accident")

    assert assessment.asked_pages[0] == "the-popping"
    assert assessment.level == Level.NORMAL
