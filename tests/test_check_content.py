"""`manage.py check_content` and the checks behind it, on the default content and broken copies."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from triage import models
from triage.integrity import content_problems

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("check_content", *args, stdout=out)
    return out.getvalue()


def _run_failing(*args) -> tuple[str, CommandError]:
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("check_content", *args, stdout=out)
    return out.getvalue(), failure.value


def _codes() -> list[str]:
    return [problem.code for problem in content_problems()]


def _option(question: str, option: str) -> models.AnswerOption:
    return models.AnswerOption.objects.get(question__slug=question, slug=option)


def test_default_content_has_no_problems():
    assert content_problems() == []
    assert _run().strip() == "No content problems found."


def test_quiet_run_prints_nothing_on_the_default_content():
    assert _run("--verbosity", "0") == ""


def test_warning_sign_no_active_answer_triggers_is_a_warning_and_still_passes():
    _option("general_health", "fever").warning_signs.clear()

    output = _run()

    assert "WARNING warning_sign_not_triggered" in output
    assert "Fever or feeling unwell with back pain" in output
    assert "0 errors, 1 warning" in output


def test_sign_triggered_only_by_a_retired_answer_counts_as_untriggered():
    models.AnswerOption.objects.filter(warning_signs__slug="night_pain").update(is_active=False)

    assert _codes() == ["warning_sign_not_triggered"]


def test_retired_warning_sign_is_not_reported():
    sign = models.WarningSign.objects.get(slug="night_pain")
    sign.triggered_by.clear()
    sign.is_active = False
    sign.save()

    assert content_problems() == []


def test_active_question_without_active_answers_is_an_error():
    models.AnswerOption.objects.filter(question__slug="water").update(is_active=False)

    output, failure = _run_failing()

    assert "ERROR question_without_options" in output
    assert "Do you usually drink plenty of water" in output
    assert failure.returncode == 1
    assert "1 error" in str(failure)


def test_active_page_without_active_questions_is_a_warning():
    models.Question.objects.filter(page__slug="daily-life").update(is_active=False)

    output = _run()

    assert "WARNING page_without_questions" in output
    assert "Daily life" in output
    # The daily-life question was the only trigger of these two signs.
    assert _codes().count("warning_sign_not_triggered") == 2


def test_shown_if_on_the_same_page_is_an_error():
    models.Question.objects.get(slug="night_pain").shown_if.add(_option("pain_spread", "one_leg"))

    output, failure = _run_failing()

    assert "ERROR shown_if_not_earlier" in output
    assert "same page" in output
    assert "It spreads into my buttock or down one leg" in output
    assert failure.returncode == 1


def test_shown_if_on_a_later_page_is_an_error():
    models.Question.objects.get(slug="pain").shown_if.add(_option("sitting", "yes"))

    output, _ = _run_failing()

    assert "later page (“Your habits”)" in output


def test_shown_if_on_the_question_itself_is_an_error():
    models.Question.objects.get(slug="water").shown_if.add(_option("water", "yes"))

    output, _ = _run_failing()

    assert "an answer to the question itself" in output


def test_shown_if_follows_page_order_not_creation_order():
    pain_details = models.QuestionnairePage.objects.get(slug="pain-details")
    pain_details.order = 99
    pain_details.save()
    assert content_problems() == []

    models.QuestionnairePage.objects.filter(slug="pain").update(order=100)

    # Both pain-details questions now depend on the four pain answers of a later page.
    assert _codes() == ["shown_if_not_earlier"] * 8


def test_follow_up_shown_only_after_retired_answers_is_an_error_as_no_one_is_asked_it():
    models.AnswerOption.objects.filter(
        question__slug="pain", slug__in=["brief_discomfort", "sharp", "lasting", "worsening"]
    ).update(is_active=False)

    output, failure = _run_failing()

    assert _codes().count("shown_if_never_met") == 2  # where the pain spreads; pain at night
    assert "so no patient is ever asked it" in output
    assert failure.returncode == 1


def test_follow_up_also_shown_after_a_retired_answer_is_a_warning_and_still_passes():
    models.AnswerOption.objects.filter(question__slug="pain", slug="sharp").update(is_active=False)

    output = _run()

    assert _codes() == ["shown_if_retired_answer"] * 2
    assert "WARNING shown_if_retired_answer" in output
    assert "only its other conditions can show it now" in output


def test_missing_outcome_text_is_an_error():
    models.OutcomeText.objects.filter(level="urgent").delete()

    output, failure = _run_failing()

    assert "ERROR outcome_text_missing" in output
    assert "“Urgent today” outcome has no text" in output
    assert failure.returncode == 1


def test_exclusive_answer_on_a_single_choice_question_is_an_error():
    models.AnswerOption.objects.filter(question__slug="pain", slug="no_pain").update(exclusive=True)

    output, _ = _run_failing()

    assert "ERROR exclusive_not_multiple" in output
    assert "Does it hurt when your back pops?: No" in output


def test_missing_clinic_details_is_an_error():
    models.ClinicDetails.objects.all().delete()

    output, failure = _run_failing()

    assert "ERROR clinic_details_missing" in output
    assert failure.returncode == 1


def test_quiet_run_still_prints_errors_but_not_warnings():
    models.ClinicDetails.objects.all().delete()
    _option("general_health", "fever").warning_signs.clear()

    output, _ = _run_failing("--verbosity", "0")

    assert "clinic_details_missing" in output
    assert "warning_sign_not_triggered" not in output


def test_every_problem_is_listed_once_with_a_summary():
    models.ClinicDetails.objects.all().delete()
    models.OutcomeText.objects.filter(level="normal").delete()
    _option("general_health", "fever").warning_signs.clear()

    output, failure = _run_failing()

    assert len(output.strip().splitlines()) == 3
    assert "2 errors, 1 warning" in str(failure)
