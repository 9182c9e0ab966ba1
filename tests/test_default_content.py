"""The data migration loads the default content of docs/content/default-content.md."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from tests.patient import PAGES_IN_ORDER
from triage import models

pytestmark = pytest.mark.django_db

load_default_content = importlib.import_module(
    "triage.migrations.0002_default_content"
).load_default_content

SIGN_LEVELS = {
    "cauda_equina": "emergency",
    "major_trauma": "emergency",
    "bilateral_leg_symptoms": "urgent",
    "nerve_symptoms": "urgent",
    "after_injury": "urgent",
    "infection_signs": "urgent",
    "serious_illness_signs": "urgent",
    "night_pain": "urgent",
    "painful_popping": "see_doctor",
    "radiating_pain": "see_doctor",
    "swelling_warmth": "see_doctor",
    "reduced_motion": "see_doctor",
    "daily_life_impact": "see_doctor",
    "worried": "see_doctor",
}


def _option(question: str, option: str) -> models.AnswerOption:
    return models.AnswerOption.objects.get(question__slug=question, slug=option)


def _linked(question: str, option: str, relation: str) -> set[str]:
    return set(getattr(_option(question, option), relation).values_list("slug", flat=True))


def _row_counts() -> dict[str, int]:
    tables = [
        models.Cause,
        models.WarningSign,
        models.Recommendation,
        models.OutcomeText,
        models.ClinicDetails,
        models.QuestionnairePage,
        models.Question,
        models.AnswerOption,
        models.ContentVersion,
        models.Question.shown_if.through,
        models.AnswerOption.warning_signs.through,
        models.AnswerOption.causes.through,
        models.AnswerOption.recommendations.through,
    ]
    return {table.__name__: table.objects.count() for table in tables}


def test_fresh_database_holds_the_documented_amount_of_content():
    assert models.Cause.objects.count() == 3
    assert models.WarningSign.objects.count() == 14
    assert models.Recommendation.objects.count() == 12
    assert models.OutcomeText.objects.count() == 4
    assert models.ClinicDetails.objects.count() == 1
    assert models.QuestionnairePage.objects.count() == 9
    assert models.Question.objects.count() == 16
    assert models.AnswerOption.objects.count() == 50


def test_everything_starts_active():
    for model in (models.Cause, models.WarningSign, models.Recommendation, models.Question):
        assert not model.objects.filter(is_active=False).exists(), model
    assert not models.AnswerOption.objects.filter(is_active=False).exists()


def test_warning_signs_have_their_documented_levels_in_order():
    assert dict(models.WarningSign.objects.values_list("slug", "level")) == SIGN_LEVELS
    assert list(models.WarningSign.objects.values_list("slug", flat=True)) == list(SIGN_LEVELS)


def test_every_warning_sign_explains_itself_and_names_its_source():
    for sign in models.WarningSign.objects.all():
        assert sign.explanation.strip(), sign.slug
        assert sign.source.startswith("[A]") or sign.source.startswith("[N]"), sign.slug


def test_there_is_an_outcome_text_for_each_level():
    assert set(models.OutcomeText.objects.values_list("level", flat=True)) == {
        "normal",
        "see_doctor",
        "urgent",
        "emergency",
    }
    emergency = models.OutcomeText.objects.get(level="emergency")
    assert emergency.heading == "Get emergency help now"


def test_pages_come_in_the_documented_order():
    assert list(models.QuestionnairePage.objects.values_list("slug", flat=True)) == PAGES_IN_ORDER


def test_questions_sit_on_their_pages_in_order():
    habits = models.QuestionnairePage.objects.get(slug="habits")
    assert list(habits.questions.values_list("slug", flat=True)) == [
        "sitting",
        "exercise",
        "water",
        "weight_advice",
    ]
    assert not models.Question.objects.get(slug="weight_advice").required


def test_emergency_answers_trigger_their_emergency_signs():
    assert _linked("emergency_signs", "saddle_numbness", "warning_signs") == {"cauda_equina"}
    assert _linked("emergency_signs", "serious_accident", "warning_signs") == {"major_trauma"}


def test_leg_pain_answers_trigger_the_matching_signs():
    assert _linked("pain_spread", "one_leg", "warning_signs") == {"radiating_pain"}
    assert _linked("pain_spread", "both_legs", "warning_signs") == {"bilateral_leg_symptoms"}
    assert _linked("pain_spread", "back_only", "warning_signs") == set()


def test_popping_when_walking_suggests_tendons_or_ligaments():
    assert _linked("popping_when", "walking", "causes") == {"tendons_ligaments"}


def test_sitting_a_lot_adds_posture_and_ergonomics_advice():
    assert _linked("sitting", "yes", "recommendations") == {"posture", "ergonomics"}
    assert _linked("sitting", "no", "recommendations") == set()


def test_none_of_these_is_exclusive_on_every_multiple_choice_question_that_has_it():
    exclusive = models.AnswerOption.objects.filter(exclusive=True)
    assert set(exclusive.values_list("question__slug", "slug")) == {
        ("emergency_signs", "none"),
        ("nerve_symptoms", "none"),
        ("general_health", "none"),
        ("daily_impact", "none"),
    }
    assert set(exclusive.values_list("question__kind", flat=True)) == {"multiple"}


def test_pain_details_are_asked_only_when_the_back_hurts():
    any_pain = {("pain", s) for s in ("brief_discomfort", "sharp", "lasting", "worsening")}
    for slug in ("pain_spread", "night_pain"):
        question = models.Question.objects.get(slug=slug)
        assert set(question.shown_if.values_list("question__slug", "slug")) == any_pain
    assert not models.Question.objects.exclude(page__slug="pain-details").filter(
        shown_if__isnull=False
    )


def test_loading_the_default_content_again_adds_nothing():
    before = _row_counts()

    load_default_content(apps, None)

    assert _row_counts() == before


def test_loading_the_default_content_again_keeps_staff_edits():
    sign = models.WarningSign.objects.get(slug="night_pain")
    sign.title = "Pain that wakes you up"
    sign.save()
    clinic = models.ClinicDetails.objects.get()
    clinic.name = "Riverside Physio"
    clinic.save()
    _option("sitting", "yes").recommendations.remove(
        models.Recommendation.objects.get(slug="ergonomics")
    )

    load_default_content(apps, None)

    assert models.WarningSign.objects.get(slug="night_pain").title == "Pain that wakes you up"
    assert models.ClinicDetails.objects.get().name == "Riverside Physio"
    assert _linked("sitting", "yes", "recommendations") == {"posture"}


def test_version_1_publishes_the_default_content_and_its_test_cases():
    version = models.ContentVersion.objects.get(number=1)

    assert [page["slug"] for page in version.snapshot["pages"]] == PAGES_IN_ORDER
    assert len(version.snapshot["test_cases"]) == models.ClinicTestCase.objects.count()


def test_test_cases_cover_every_warning_sign_and_every_level():
    cases = models.ClinicTestCase.objects.all()

    expected = {
        slug for case in cases for slug in case.expected_signs.values_list("slug", flat=True)
    }
    assert expected == set(SIGN_LEVELS)
    assert {case.expected_level for case in cases} == {
        "normal",
        "see_doctor",
        "urgent",
        "emergency",
    }


def test_staff_roles_are_shipped_with_their_permissions():
    roles = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }

    assert {"change_warningsign", "add_clinictestcase", "preview_content"} <= roles[
        "Content editor"
    ]
    assert "publish_content" not in roles["Content editor"]
    assert {"publish_content", "view_question"} <= roles["Clinical publisher"]
    assert "change_question" not in roles["Clinical publisher"]
    assert roles["Viewer"] == {"view_submission", "view_contentversion"}


def test_every_row_starts_with_a_history_record():
    sign = models.WarningSign.objects.get(slug="cauda_equina")
    option = models.AnswerOption.objects.get(
        question__slug="emergency_signs", slug="saddle_numbness"
    )

    assert sign.history.last().history_type == "+"  # its first; 0012 reworded it since
    first = option.history.last()  # 0014 added its Welsh since
    assert first.history_type == "+"
    assert [link.warningsign.slug for link in first.warning_signs.all()] == ["cauda_equina"]
