"""Submissions as FHIR R4 QuestionnaireResponses (issue 17): what a clinic files, the round
trip back to the same assessment, the wording of the patient's version, and the Bundle."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command, load_command_class
from django.utils import timezone

from tests.fhir import (
    BASE,
    OPTIONS,
    TRIAGE_LEVEL,
    answers_from,
    extensions,
    item,
    parse,
    signs_in,
    validate,
)
from tests.patient import outcome_of, warning_signs_in
from triage import engine, models
from triage.content import version_content
from triage.fhir.responses import for_reference

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 10)
PAINFUL = {"pain": "sharp", "pain_spread": "one_leg", "night_pain": "yes"}


@pytest.fixture(autouse=True)
def clinic_address(settings):
    settings.BACKPOP_BASE_URL = BASE


def _submission(reference: str, day=DAY, **fields) -> models.Submission:
    defaults = {
        "level": "emergency",
        "answers": {"emergency_signs": ["saddle_numbness", "both_legs_weak"]},
        "warning_signs": ["cauda_equina"],
        "content_version": 1,
    }
    return models.Submission.objects.create(
        reference=reference, submitted_on=day, **{**defaults, **fields}
    )


def _bundle(*args: str) -> dict:
    out = StringIO()
    call_command("export_fhir", "responses", *args, stdout=out)
    return parse(out.getvalue())


def test_a_submission_is_a_completed_anonymous_response_to_its_version(patient):
    patient.result(**PAINFUL)
    submission = models.Submission.objects.get()

    response = for_reference(submission.reference)

    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["questionnaire"] == (
        f"{BASE}/fhir/Questionnaire/backpop|{submission.content_version}"
    )
    assert response["status"] == "completed"
    assert response["authored"] == submission.submitted_on.isoformat()  # a date, no time
    assert response["identifier"] == {
        "system": f"{BASE}/fhir/sid/backpop-reference",
        "value": submission.reference,
    }
    assert "subject" not in response and "author" not in response
    validate(response)


def test_answers_are_codings_nested_page_question_answer_with_the_labels_shown(patient):
    patient.result(**PAINFUL, nerve_symptoms=["numbness", "tingling"])
    response = for_reference(models.Submission.objects.get().reference)

    group = item(response, "page.pain-details")
    assert group["text"] == models.QuestionnairePage.objects.get(slug="pain-details").title
    assert [question["linkId"] for question in group["item"]] == ["pain_spread", "night_pain"]
    labels = dict(
        models.AnswerOption.objects.filter(question__slug="nerve_symptoms").values_list(
            "slug", "label"
        )
    )
    assert [answer["valueCoding"] for answer in item(response, "nerve_symptoms")["answer"]] == [
        {"system": OPTIONS, "code": slug, "display": labels[slug]}
        for slug in ("numbness", "tingling")
    ]


def test_the_triage_level_and_matched_warning_signs_are_extensions(patient):
    patient.result(**PAINFUL)
    submission = models.Submission.objects.get()

    response = for_reference(submission.reference)

    (level,) = extensions(response, TRIAGE_LEVEL)
    assert level["valueCoding"]["code"] == submission.level == "urgent"
    signs = models.WarningSign.objects.in_bulk(submission.warning_signs, field_name="slug")
    assert signs_in(response) == [(slug, signs[slug].level) for slug in submission.warning_signs]
    assert "night_pain" in submission.warning_signs


@pytest.mark.parametrize(
    "answers",
    [
        {},
        PAINFUL,
        {"emergency_signs": ["saddle_numbness", "serious_accident"]},
        {"nerve_symptoms": ["numbness", "weakness"], "general_health": ["fever", "weight_loss"]},
        {"pain": "brief_discomfort", "pain_spread": "back_only", "night_pain": "no"},
    ],
    ids=["all clear", "painful", "emergency", "nerves and health", "brief discomfort"],
)
def test_the_answers_rebuilt_from_a_response_give_the_same_assessment(patient, answers):
    result_page = patient.result(**answers)
    submission = models.Submission.objects.get()
    response = for_reference(submission.reference)
    validate(response)

    rebuilt = answers_from(response)
    content = version_content(submission.content_version).engine
    assessment = engine.assess(content, rebuilt)

    assert assessment == engine.assess(content, submission.answers)
    assert assessment.level == outcome_of(result_page)
    assert [m.sign.slug for m in assessment.warning_signs] == warning_signs_in(result_page)


def test_answers_keep_the_wording_of_the_version_the_patient_saw(publish):
    version = models.ContentVersion.objects.order_by("-number").first().number
    label = models.AnswerOption.objects.get(question__slug="emergency_signs", slug="none").label
    _submission("BP-AAAAAA", level="normal", answers={"emergency_signs": ["none"]},
                warning_signs=[], content_version=version)  # fmt: skip
    models.AnswerOption.objects.filter(question__slug="emergency_signs", slug="none").update(
        label="No, none of these"
    )
    publish(note="Reworded an answer.")

    response = for_reference("BP-AAAAAA")

    assert item(response, "emergency_signs")["answer"][0]["valueCoding"]["display"] == label
    assert response["questionnaire"].endswith(f"|{version}")


def test_an_answer_the_content_no_longer_has_is_kept_by_its_slugs():
    _submission("BP-AAAAAA", answers={"emergency_signs": ["none"], "gone": ["x"]},
                level="normal", warning_signs=[], content_version=7)  # fmt: skip

    response = for_reference("BP-AAAAAA")

    assert item(response, "gone")["answer"] == [{"valueCoding": {"system": OPTIONS, "code": "x"}}]
    validate(response)


def test_the_bundle_holds_the_periods_responses_oldest_first():
    _submission("BP-BBBBBB", day=DAY + datetime.timedelta(days=1))
    _submission("BP-AAAAAA")
    _submission("BP-CCCCCC", day=DAY + datetime.timedelta(days=30))  # outside the period

    bundle = _bundle("--since", "2026-11-10", "--until", "2026-11-11")

    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    assert [entry["fullUrl"] for entry in bundle["entry"]] == [
        f"{BASE}/fhir/QuestionnaireResponse/BP-AAAAAA",
        f"{BASE}/fhir/QuestionnaireResponse/BP-BBBBBB",
    ]
    assert bundle["entry"][0]["resource"] == for_reference("BP-AAAAAA")
    validate(bundle)


def test_until_defaults_to_today_and_an_empty_period_is_a_bundle_without_entries():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _submission("BP-AAAAAA", day=yesterday)

    assert len(_bundle("--since", yesterday.isoformat())["entry"]) == 1
    empty = _bundle("--since", "2026-11-11", "--until", "2026-11-12")
    assert "entry" not in empty
    validate(empty)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01"], "'2026-13-01' is not a date"),
        (["--since", "yesterday"], "write it as YYYY-MM-DD"),
        (["--since", "2026-12-02", "--until", "2026-12-01"], "is after --until"),
        (["--since", "2026-12-01", "--version", "99"], "There is no published version 99."),
        ([], "the following arguments are required: --since"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_status_2(args, message, capsys):
    command = load_command_class("triage", "export_fhir")

    with pytest.raises(SystemExit) as exit:
        command.run_from_argv(["manage.py", "export_fhir", "responses", *args])

    assert exit.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""
