"""`manage.py check_content` and `manage.py test_content`, on the default content and broken copies.

Each safety check has its own test in test_safety.py; these test what the commands print and
how they exit.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from triage import models

pytestmark = pytest.mark.django_db


def _run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _run_failing(command: str, *args) -> tuple[str, CommandError]:
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(command, *args, stdout=out)
    return out.getvalue(), failure.value


def _retire_cauda_equina():
    models.WarningSign.objects.filter(slug="cauda_equina").update(is_active=False)


def test_check_content_passes_the_default_draft_and_the_published_version():
    lines = _run("check_content").splitlines()

    assert "No errors in the draft." in lines
    assert "No errors in published version 3." in lines
    # Only the shipped Welsh, which waits for a Welsh-speaking clinician's review.
    warnings = [line for line in lines if line.startswith("  WARNING")]
    assert warnings
    assert all("translation_unreviewed: Welsh texts not reviewed yet" in w for w in warnings)


def test_quiet_check_content_prints_nothing_on_the_default_content():
    assert _run("check_content", "--verbosity", "0") == ""


def test_check_content_fails_on_an_error_in_the_draft_naming_the_fix():
    _retire_cauda_equina()

    output, failure = _run_failing("check_content")

    assert output.startswith("In the draft:\n  ERROR emergency_sign_retired: Emergency warning")
    assert "Tick “active” on the warning sign again." in output
    assert "No errors in published version 3." in output
    assert str(failure) == "Content check failed (the draft: 1 error)."
    assert failure.returncode == 1


def test_check_content_also_checks_the_published_version():
    version = models.ContentVersion.objects.get(number=3)  # the latest on a fresh install
    version.snapshot["clinic"]["emergency_number"] = ""
    version.save()

    output, failure = _run_failing("check_content")

    assert "In published version 3:\n  ERROR emergency_number_missing" in output
    assert str(failure) == "Content check failed (published version 3: 1 error)."


def test_check_content_fails_when_nothing_is_published():
    models.ContentVersion.objects.all().delete()

    output, failure = _run_failing("check_content")

    assert "ERROR no_published_version: Nothing is published." in output
    assert "no published version" in str(failure)


def test_quiet_check_content_still_prints_errors():
    _retire_cauda_equina()

    output, _failure = _run_failing("check_content", "--verbosity", "0")

    assert output.splitlines()[0] == "In the draft:"
    assert "No errors" not in output


def test_test_content_runs_every_case_on_the_draft():
    output = _run("test_content")

    assert "PASS Saddle numbness is an emergency on the first page: emergency (cauda_equina)" in (
        output
    )
    assert output.splitlines()[-1] == "All 15 test cases pass on the draft."


def test_test_content_fails_naming_the_expected_and_actual_result():
    models.ClinicTestCase.objects.filter(name="Swelling needs a doctor").update(
        expected_level="urgent"
    )

    output, failure = _run_failing("test_content")

    assert "FAIL Swelling needs a doctor: expected urgent (swelling_warmth), got see_doctor" in (
        output
    )
    assert str(failure) == "1 of 15 test cases failed on the draft."
    assert failure.returncode == 1


def test_test_content_reports_answers_that_do_not_fit_the_questionnaire():
    models.ClinicTestCase.objects.filter(name="Swelling needs a doctor").update(
        answers={"swelling": ["maybe"]}
    )

    output, _failure = _run_failing("test_content")

    assert "FAIL Swelling needs a doctor: expected see_doctor (swelling_warmth), got no result" in (
        output
    )
    assert "Its answers do not fit the questionnaire:" in output


def test_test_content_runs_a_published_version_with_its_own_cases():
    _retire_cauda_equina()

    assert "All 15 test cases pass on published version 1." in _run(
        "test_content", "--version", "1"
    )
    assert str(_run_failing("test_content", "--version", "9")[1]) == (
        "There is no published version 9."
    )
