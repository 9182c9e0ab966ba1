"""The published questionnaire as a FHIR R4 Questionnaire (issue 17): structure, routing as
enableWhen, warning signs per answer, validation, versions and the command."""

from io import StringIO

import pytest
from django.core.management import call_command, load_command_class

from tests.fhir import BASE, OPTIONS, check_links, item, items, parse, signs_in, validate
from tests.patient import PAGES_IN_ORDER
from triage import models
from triage.fhir.questionnaire import published

pytestmark = pytest.mark.django_db

ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
EMERGENCY_ANSWERS = [
    "saddle_numbness",
    "bladder_bowel_change",
    "both_legs_weak",
    "serious_accident",
]


@pytest.fixture(autouse=True)
def clinic_address(settings):
    settings.BACKPOP_BASE_URL = BASE


def _latest() -> int:
    return models.ContentVersion.objects.order_by("-number").first().number


def _questionnaire(*args: str) -> dict:
    return parse(_run(*args))


def _run(*args: str) -> str:
    out = StringIO()
    call_command("export_fhir", "questionnaire", *args, stdout=out)
    return out.getvalue()


def _controls(found: dict) -> list[str]:
    return [
        coding["code"]
        for extension in found.get("extension", [])
        if extension["url"] == ITEM_CONTROL
        for coding in extension["valueCodeableConcept"]["coding"]
    ]


def test_the_latest_version_is_an_active_questionnaire_named_under_the_clinics_address():
    questionnaire = _questionnaire()

    assert questionnaire["resourceType"] == "Questionnaire"
    assert questionnaire["url"] == f"{BASE}/fhir/Questionnaire/backpop"
    assert questionnaire["id"] == questionnaire["version"] == str(_latest())
    assert questionnaire["status"] == "active"
    assert questionnaire["publisher"] == models.ClinicDetails.objects.get().name
    validate(questionnaire)
    check_links(questionnaire)


def test_each_page_is_a_group_of_its_questions_in_questionnaire_order():
    questionnaire = _questionnaire()

    assert [group["linkId"] for group in questionnaire["item"]] == [
        f"page.{slug}" for slug in PAGES_IN_ORDER
    ]
    assert all(group["type"] == "group" for group in questionnaire["item"])
    for page in models.QuestionnairePage.objects.all():
        group = item(questionnaire, f"page.{page.slug}")
        asked = [found["linkId"] for found in group["item"] if found["type"] == "choice"]
        assert asked == list(page.questions.order_by("order", "pk").values_list("slug", flat=True))
        assert group["text"] == page.title


def test_each_answer_is_a_coding_of_its_slug_with_the_label_the_patient_reads():
    first = item(_questionnaire(), "emergency_signs")

    options = models.AnswerOption.objects.filter(question__slug="emergency_signs")
    assert [option["valueCoding"] for option in first["answerOption"]] == [
        {"system": OPTIONS, "code": slug, "display": label}
        for slug, label in options.order_by("order", "pk").values_list("slug", "label")
    ]


def test_multiple_choice_repeats_and_an_optional_question_is_not_required():
    questionnaire = _questionnaire()

    assert item(questionnaire, "emergency_signs")["repeats"] is True
    assert _controls(item(questionnaire, "emergency_signs")) == ["check-box"]
    assert "repeats" not in item(questionnaire, "pain")
    assert _controls(item(questionnaire, "pain")) == ["radio-button"]
    assert item(questionnaire, "pain")["required"] is True
    assert item(questionnaire, "weight_advice")["required"] is False


def test_the_pain_follow_up_questions_are_enabled_by_any_painful_answer():
    questionnaire = _questionnaire()

    for slug in ("pain_spread", "night_pain"):
        follow_up = item(questionnaire, slug)
        assert follow_up["enableBehavior"] == "any"
        assert [
            (c["question"], c["operator"], c["answerCoding"]["code"])
            for c in follow_up["enableWhen"]
        ] == [
            ("pain", "=", "brief_discomfort"),
            ("pain", "=", "sharp"),
            ("pain", "=", "lasting"),
            ("pain", "=", "worsening"),
        ]
    assert "enableWhen" not in item(questionnaire, "pain")


def test_an_emergency_answer_disables_every_later_page_as_it_ends_the_questionnaire():
    questionnaire = _questionnaire()
    first, *later = questionnaire["item"]

    assert "enableWhen" not in first
    for group in later:
        assert group["enableBehavior"] == "all"
        assert [
            (c["question"], c["operator"], c["answerCoding"]["code"]) for c in group["enableWhen"]
        ] == [("emergency_signs", "!=", slug) for slug in EMERGENCY_ANSWERS]


def test_each_answer_carries_the_warning_signs_it_raises_with_their_level():
    questionnaire = _questionnaire()
    options = {
        (found["linkId"], option["valueCoding"]["code"]): option
        for found in items(questionnaire)
        for option in found.get("answerOption", [])
    }

    assert signs_in(options[("emergency_signs", "saddle_numbness")]) == [
        ("cauda_equina", "emergency")
    ]
    assert signs_in(options[("pain_spread", "one_leg")]) == [("radiating_pain", "see_doctor")]
    assert signs_in(options[("pain", "no_pain")]) == []
    every = models.AnswerOption.objects.select_related("question").prefetch_related("warning_signs")
    for option in every:
        raised = signs_in(options[(option.question.slug, option.slug)])
        assert sorted(raised) == sorted((s.slug, s.level) for s in option.warning_signs.all())


def test_none_of_these_is_an_exclusive_option():
    none = item(_questionnaire(), "nerve_symptoms")["answerOption"][-1]

    assert none["valueCoding"]["code"] == "none"
    assert {"url": EXCLUSIVE, "valueBoolean": True} in none["extension"]


def test_help_text_is_an_sdc_help_item_under_its_question():
    first = item(_questionnaire(), "emergency_signs")

    (help_item,) = first["item"]
    assert help_item["type"] == "display"
    assert help_item["text"] == models.Question.objects.get(slug="emergency_signs").help_text
    assert _controls(help_item) == ["help"]


def test_an_earlier_version_stays_readable_retired_in_its_own_wording(publish):
    before = _latest()
    wording = models.Question.objects.get(slug="emergency_signs").text
    models.Question.objects.filter(slug="emergency_signs").update(text="Any of these today?")
    publish(note="Reworded the first question.")

    earlier, latest = published(before), published()

    assert (earlier["status"], latest["status"]) == ("retired", "active")
    assert latest["version"] == str(before + 1)
    assert item(earlier, "emergency_signs")["text"] == wording
    assert item(latest, "emergency_signs")["text"] == "Any of these today?"
    assert earlier["url"] == latest["url"]
    validate(earlier)


def test_a_retired_question_is_left_out(publish):
    before = _latest()
    models.Question.objects.filter(slug="weight_advice").update(is_active=False)
    publish(note="Retired the optional question.")

    assert "weight_advice" not in {found["linkId"] for found in items(_questionnaire())}
    assert item(_questionnaire("--version", str(before)), "weight_advice")


def test_an_unknown_version_gets_a_clear_message_and_exit_status_2(capsys):
    command = load_command_class("triage", "export_fhir")

    with pytest.raises(SystemExit) as exit:
        command.run_from_argv(["manage.py", "export_fhir", "questionnaire", "--version", "9"])

    assert exit.value.code == 2
    assert "There is no published version 9." in capsys.readouterr().err


def test_without_a_document_the_command_names_the_choices(capsys):
    command = load_command_class("triage", "export_fhir")

    with pytest.raises(SystemExit) as exit:
        command.run_from_argv(["manage.py", "export_fhir"])

    assert exit.value.code == 2
    assert "questionnaire" in capsys.readouterr().err
