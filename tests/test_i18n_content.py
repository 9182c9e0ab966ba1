"""The content in English and Welsh (issue 16): published together, never half-translated,
shipped in Welsh for review, and the Welsh a patient read kept with their result."""

import importlib
import json
from html import unescape
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tests.patient import Patient
from triage import models
from triage.content import current_content
from triage.publishing import PublishRefused, checklist
from triage.snapshot import draft_snapshot, restore_draft

pytestmark = pytest.mark.django_db

welsh_migration = importlib.import_module("triage.migrations.0014_welsh_default_content")


def _refusal(publish) -> str:
    with pytest.raises(PublishRefused) as refused:
        publish()
    return " ".join(refused.value.reasons)


def _new_sign(**texts) -> models.WarningSign:
    """An urgent warning sign raised by the answer "Affects my sleep"."""
    sign = models.WarningSign.objects.create(
        slug="poor_sleep", level="urgent", **{"title": "Poor sleep", "explanation": ".", **texts}
    )
    option = models.AnswerOption.objects.get(question__slug="daily_impact", slug="affects_sleep")
    option.warning_signs.add(sign)
    return sign


def test_the_published_version_holds_both_languages():
    version = models.ContentVersion.objects.order_by("-number").first()
    [sign] = [s for s in version.snapshot["warning_signs"] if s["slug"] == "cauda_equina"]
    welsh = current_content().in_language("cy")

    assert sign["title"] == "Signs of pressure on the nerves at the base of the spine"
    assert sign["title_cy"] == "Arwyddion o bwysau ar y nerfau ar waelod yr asgwrn cefn"
    assert welsh.outcomes["emergency"].heading == "Mynnwch help brys nawr"
    assert welsh.clinic.emergency_number == current_content().clinic.emergency_number == "999"
    assert welsh.engine.warning_signs.keys() == current_content().engine.warning_signs.keys()


def test_a_text_without_welsh_blocks_publishing_and_names_the_item_and_field(publish):
    _new_sign(title_cy="Cwsg gwael")

    reasons = _refusal(publish)

    assert "Warning sign “Poor sleep” (poor_sleep) has no Welsh why this matters." in reasons


def test_every_missing_text_of_an_answer_question_and_page_is_listed(publish):
    models.AnswerOption.objects.filter(question__slug="water", slug="no").update(label_cy="")
    models.Question.objects.filter(slug="water").update(text_cy=None)

    reasons = _refusal(publish)

    assert "Answer “No” (water/no) has no Welsh label." in reasons
    assert "Question “Do you usually drink plenty of water through the day?” (water)" in reasons


def test_a_retired_item_and_an_empty_english_text_need_no_welsh(publish):
    _new_sign(title_cy="Cwsg gwael", explanation_cy="Mae angen ei archwilio.")
    models.Question.objects.filter(slug="pain").update(help_text_en="Think of the last week.")
    models.Question.objects.filter(slug="pain").update(is_active=True)
    models.Question.objects.filter(slug="weight_advice").update(is_active=False, text_cy="")

    with pytest.raises(PublishRefused) as refused:
        publish()

    assert refused.value.reasons == [
        "Question “Does it hurt when your back pops?” (pain) has no Welsh help text. Patients "
        "reading Welsh would meet it in English: fill in its Welsh text, or retire it."
    ]


def test_english_alone_needs_no_welsh(publish, settings):
    settings.BACKPOP_LANGUAGES = ("en",)
    _new_sign()

    signs = {s["slug"]: s for s in publish(note="English only.").snapshot["warning_signs"]}

    assert signs["poor_sleep"]["title_cy"] == ""


def test_welsh_waiting_for_review_is_listed_but_does_not_block(publish):
    result = checklist(draft_snapshot())
    unreviewed = [p for p in result.problems if p.code == "translation_unreviewed"]

    assert not result.blocking
    assert all(problem.severity == "warning" for problem in unreviewed)
    assert any("“Get emergency help now” (emergency)" in p.message for p in unreviewed)
    assert publish(note="Reviewed later.").number == 4


def test_ticking_every_translation_reviewed_clears_the_warning():
    for name in ("Cause", "WarningSign", "Recommendation", "OutcomeText", "ClinicDetails"):
        getattr(models, name).objects.update(translation_reviewed=True)
    for name in ("QuestionnairePage", "Question", "AnswerOption"):
        getattr(models, name).objects.update(translation_reviewed=True)

    codes = [problem.code for problem in checklist(draft_snapshot()).problems]

    assert "translation_unreviewed" not in codes


def test_rolling_back_to_a_version_from_before_welsh_is_refused_while_welsh_is_offered(
    publish, settings
):
    first = models.ContentVersion.objects.get(number=1)

    reasons = _refusal(lambda: publish(note="Back.", rolling_back=first))
    settings.BACKPOP_LANGUAGES = ("en",)

    assert "Version 1 was published before the content had languages" in reasons
    assert publish(note="Back.", rolling_back=first).rolled_back_to == first


def test_restoring_the_draft_from_a_version_from_before_welsh_keeps_the_welsh():
    restore_draft(models.ContentVersion.objects.get(number=1).snapshot)

    sign = models.WarningSign.objects.get(slug="daily_life_impact")
    assert sign.title == "Affects daily activities or sleep"  # version 1's English
    assert sign.title_cy == "Yn amharu ar fywyd bob dydd neu ar gwsg"


def test_restoring_the_draft_brings_back_the_welsh_of_that_version():
    version = models.ContentVersion.objects.order_by("-number").first()
    models.OutcomeText.objects.filter(level="urgent").update(heading_cy="Rhywbeth arall")

    restore_draft(version.snapshot)

    assert (
        models.OutcomeText.objects.get(level="urgent").heading_cy == "Mynnwch help meddygol heddiw"
    )
    assert draft_snapshot() == version.snapshot


class TestTheWelshDefaultContent:
    """Migration 0014: Welsh beside the default English, for review; a clinic's own texts kept."""

    def test_every_default_text_has_its_welsh_marked_for_review(self):
        snapshot = draft_snapshot()
        options = [o for p in snapshot["pages"] for q in p["questions"] for o in q["options"]]

        assert all(option["label_cy"] for option in options)
        assert not any(option["translation_reviewed"] for option in options)
        assert snapshot["clinic"]["name_cy"] == "Eich clinig"

    def test_it_fills_only_empty_welsh_beside_the_default_english(self):
        models.Cause.objects.filter(slug="gas_release").update(title_cy="")
        models.Cause.objects.filter(slug="alignment_shift").update(title_cy="Ein geiriad ni")
        edited = models.Cause.objects.get(slug="tendons_ligaments")
        edited.title, edited.title_cy = "Our own wording", ""
        edited.save()

        welsh_migration.add_welsh(apps, None)

        titles = dict(models.Cause.objects.values_list("slug", "title_cy"))
        assert titles["gas_release"] == "Swigod nwy yn yr hylif yn y cymalau (ceudodiad)"
        assert titles["alignment_shift"] == "Ein geiriad ni"  # the clinic's Welsh
        assert titles["tendons_ligaments"] == ""  # not a translation of the clinic's English
        assert models.ContentVersion.objects.count() == 3  # an edited draft is not published

    def test_it_publishes_only_an_untouched_default(self):
        assert models.ContentVersion.objects.latest("number").note.startswith(
            "Welsh texts for the default content (issue 16)"
        )
        welsh_migration.add_welsh(apps, None)

        assert models.ContentVersion.objects.count() == 3  # nothing new to publish

    def test_every_welsh_text_translates_the_english_the_content_ships(self):
        snapshot = models.ContentVersion.objects.get(number=2).snapshot
        texts = welsh_migration.TEXTS

        for sign in snapshot["warning_signs"]:
            assert texts["WarningSign"][sign["slug"]]["title"]["en"] == sign["title"]
        for page in snapshot["pages"]:
            for question in page["questions"]:
                for option in question["options"]:
                    key = f"{question['slug']}/{option['slug']}"
                    assert texts["AnswerOption"][key]["label"]["en"] == option["label"]

    def test_the_emergency_number_and_111_stay_as_they_are_in_welsh(self):
        for model in welsh_migration.TEXTS.values():
            for fields in model.values():
                for text in fields.values():
                    for number in ("999", "111"):
                        assert (number in text["en"]) == (number in text["cy"]), text


def test_each_submission_records_its_language(client):
    Patient(client, prefix="/cy").result()
    Patient(client).result()

    assert list(models.Submission.objects.order_by("pk").values_list("language", flat=True)) == [
        "cy",
        "en",
    ]


def test_staff_see_a_welsh_submission_in_english_with_the_welsh_the_patient_read(
    admin_client, client
):
    Patient(client, prefix="/cy").result(movement="yes")
    submission = models.Submission.objects.get()

    response = admin_client.get(f"/admin/triage/submission/{submission.pk}/change/")
    page = unescape(response.content.decode())

    assert "Welsh" in page
    assert "<dt>Can you move or bend your back less than usual?</dt><dd>Yes<br>" in page
    assert (
        '<span lang="cy" class="bp-patient-wording">'
        "Ydy eich cefn yn symud neu'n plygu llai nag arfer? Ydy</span>"
    ) in page
    assert "Gofynnwch i feddyg neu ffisiotherapydd archwilio eich cefn" in page


def _triage(*args) -> dict:
    out = StringIO()
    call_command("triage", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_triage_command_words_the_result_in_the_language_asked():
    answers = json.dumps({"emergency_signs": ["both_legs_weak"]})

    welsh = _triage("--language", "cy", "--answers", answers)
    english = _triage("--language", "en", "--answers", answers)
    plain = _triage("--answers", answers)

    assert welsh["level"] == english["level"] == "emergency"
    assert welsh["wording"]["heading"] == "Mynnwch help brys nawr"
    assert welsh["wording"]["emergency_number"] == "999"
    assert english["wording"]["heading"] == "Get emergency help now"
    assert "wording" not in plain
    assert {k: v for k, v in welsh.items() if k != "wording"} == plain


def test_the_triage_command_refuses_an_unknown_language():
    with pytest.raises(CommandError, match="invalid choice: 'fr'"):
        call_command("triage", "--language", "fr", "--answers", "{}")
