"""Each safety check: a draft that breaks it cannot be published, and the refusal says the fix."""

import pytest

from triage import models, safety
from triage.publishing import PublishRefused
from triage.snapshot import draft_snapshot

pytestmark = pytest.mark.django_db


def _option(question: str, option: str) -> models.AnswerOption:
    return models.AnswerOption.objects.get(question__slug=question, slug=option)


def _sign(slug: str) -> models.WarningSign:
    return models.WarningSign.objects.get(slug=slug)


def _refusal(publish) -> str:
    """Try to publish the draft; return the reasons it was refused, as one text."""
    before = models.ContentVersion.objects.count()
    with pytest.raises(PublishRefused) as refused:
        publish()
    assert models.ContentVersion.objects.count() == before, "nothing may be published"
    return " ".join(refused.value.reasons)


def _codes() -> list[str]:
    return [problem.code for problem in safety.problems(draft_snapshot())]


def test_the_default_content_passes_every_check():
    assert safety.problems(draft_snapshot()) == []


def test_missing_clinic_details_block_publishing(publish):
    models.ClinicDetails.objects.all().delete()

    assert "Add the clinic details (name, phone, emergency number)" in _refusal(publish)


def test_a_blank_emergency_number_blocks_publishing(publish):
    models.ClinicDetails.objects.update(emergency_number=" ")

    reasons = _refusal(publish)

    assert "Clinic details “Your clinic” have no emergency number" in reasons
    assert "Fill in the emergency number." in reasons


def test_a_level_without_outcome_text_blocks_publishing(publish):
    models.OutcomeText.objects.filter(level="urgent").delete()

    reasons = _refusal(publish)

    assert "The “Urgent today” result has no outcome text" in reasons
    assert "Add an outcome text for that level." in reasons


def test_a_questionnaire_without_questions_blocks_publishing(publish):
    models.Question.objects.update(is_active=False)

    assert "No page has an active question. Add one." in _refusal(publish)


def test_a_condition_on_the_first_page_blocks_publishing(publish):
    question = models.Question.objects.get(slug="emergency_signs")
    question.shown_if.add(_option("pain", "sharp"))

    reasons = _refusal(publish)

    assert "Question “Do you have any of these right now?” (emergency_signs) is on the first" in (
        reasons
    )
    assert "Clear its *shown if*, or move it to a later page." in reasons


def test_a_retired_emergency_sign_that_answers_still_raise_blocks_publishing(publish):
    models.WarningSign.objects.filter(slug="cauda_equina").update(is_active=False)

    reasons = _refusal(publish)

    assert "Emergency warning sign “Signs of pressure on the nerves at the base of the spine”" in (
        reasons
    )
    assert "would no longer be sent to emergency care" in reasons
    assert "Tick “active” on the warning sign again." in reasons


def test_an_emergency_sign_no_active_answer_raises_blocks_publishing(publish):
    models.AnswerOption.objects.filter(warning_signs__slug="major_trauma").update(is_active=False)

    reasons = _refusal(publish)

    assert (
        "Emergency warning sign “Severe pain after a serious accident” (major_trauma) is not "
        in (reasons)
    )
    assert "Link it to an active answer (on the first page), or retire it." in reasons


def test_an_emergency_raised_only_after_the_first_page_must_be_acknowledged(publish):
    sign = models.WarningSign.objects.create(
        slug="sudden_weakness",
        title="Sudden leg weakness",
        title_cy="Gwendid sydyn yn y goes",
        level="emergency",
        explanation=".",
        explanation_cy=".",
    )
    _option("nerve_symptoms", "weakness").warning_signs.add(sign)

    reasons = _refusal(publish)
    latest = models.ContentVersion.objects.count()
    version = publish(acknowledged=True)

    assert "Acknowledge the listed warnings before publishing." in reasons
    assert "(sudden_weakness) is raised only after the first page" in reasons
    assert version.number == latest + 1
    assert "Acknowledged: Emergency warning sign “Sudden leg weakness”" in version.note


def test_an_exclusive_answer_that_raises_a_sign_blocks_publishing(publish):
    _option("emergency_signs", "none").warning_signs.add(_sign("cauda_equina"))

    reasons = _refusal(publish)

    assert "Exclusive answer “None of these” to “Do you have any of these right now?” raises" in (
        reasons
    )
    assert "Remove the warning sign from that answer, or untick “exclusive”." in reasons


def test_an_exclusive_answer_to_a_single_choice_question_blocks_publishing(publish):
    models.AnswerOption.objects.filter(question__slug="water", slug="yes").update(exclusive=True)

    reasons = _refusal(publish)

    assert "Only a multiple-choice question can have an exclusive answer." in reasons
    assert "Untick “exclusive”, or make the question multiple choice." in reasons


def test_shown_if_on_the_same_page_blocks_publishing(publish):
    models.Question.objects.get(slug="night_pain").shown_if.add(_option("pain_spread", "one_leg"))

    reasons = _refusal(publish)

    assert "(night_pain) on page “About the pain” depends on" in reasons
    assert "on the same page" in reasons
    assert "remove that answer from its *shown if*" in reasons


def test_shown_if_on_a_retired_answer_blocks_publishing(publish):
    models.AnswerOption.objects.filter(question__slug="pain", slug="worsening").update(
        is_active=False
    )

    reasons = _refusal(publish)

    assert "(pain_spread) on page “About the pain” depends on" in reasons
    assert "which is retired" in reasons


def test_a_question_no_patient_is_ever_asked_blocks_publishing(publish):
    models.Question.objects.get(slug="night_pain").shown_if.set([_option("pain_spread", "one_leg")])
    models.Question.objects.filter(slug="night_pain").update(page=_page("nerves"))
    models.AnswerOption.objects.filter(question__slug="pain_spread").update(is_active=False)

    assert "question_unreachable" in _codes()
    assert "Change its *shown if*, or retire the question." in _refusal(publish)


def test_a_question_without_active_answers_blocks_publishing(publish):
    models.AnswerOption.objects.filter(question__slug="water").update(is_active=False)

    reasons = _refusal(publish)

    assert "(water) has no active answers. Add an active answer, or retire the question." in (
        reasons
    )


def test_an_active_page_without_active_questions_blocks_publishing(publish):
    models.Question.objects.filter(page__slug="habits").update(is_active=False)

    reasons = _refusal(publish)

    assert "Page “Your habits” (habits) has no active questions, so it is never shown." in reasons
    assert "untick “active” to retire the page" in reasons


def test_an_answer_raising_a_retired_sign_blocks_publishing(publish):
    models.WarningSign.objects.filter(slug="night_pain").update(is_active=False)

    reasons = _refusal(publish)

    assert (
        "Retired warning sign “Pain at night or when lying still” (night_pain) is still linked"
        in (reasons)
    )
    assert "remove it from those answers" in reasons


def test_an_active_sign_no_answer_raises_blocks_publishing(publish):
    _option("general_health", "fever").warning_signs.clear()

    reasons = _refusal(publish)

    assert "(infection_signs) is not raised by any active answer" in reasons
    assert "Link it to an answer, or untick “active” to retire it." in reasons


def test_a_retired_sign_no_answer_raises_is_fine():
    sign = _sign("night_pain")
    sign.triggered_by.clear()
    models.WarningSign.objects.filter(pk=sign.pk).update(is_active=False)
    models.ClinicTestCase.objects.filter(expected_signs=sign).delete()

    assert _codes() == []


def _page(slug: str) -> models.QuestionnairePage:
    return models.QuestionnairePage.objects.get(slug=slug)
