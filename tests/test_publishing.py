"""Draft and published content: patients get only published versions; publishing is guarded."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from tests.patient import ALL_CLEAR, outcome_of, warning_signs_in
from triage import models
from triage.content import PREVIEW, current_content, journey_content
from triage.publishing import PublishRefused, publish
from triage.snapshot import draft_snapshot, restore_draft

pytestmark = pytest.mark.django_db

FIRST_QUESTION = "Do you have any of these right now?"
# The latest version of a fresh install: the default content (1), reworded in plain words (2),
# with its Welsh texts (3).
DEFAULT = 3


def _option(question: str, option: str) -> models.AnswerOption:
    return models.AnswerOption.objects.get(question__slug=question, slug=option)


def _reword_first_question(text: str = "Do you have any of these symptoms today?"):
    models.Question.objects.filter(slug="emergency_signs").update(text=text)


def _emergency_result(patient, client, option: str = "saddle_numbness"):
    patient.start()
    assert patient.answer_page({"emergency_signs": [option]}) == "/check/result/"
    return client.get("/check/result/")


def test_the_default_content_is_published():
    version = models.ContentVersion.objects.first()  # the latest: versions run newest first

    assert version.number == DEFAULT
    assert version.snapshot == draft_snapshot()
    assert current_content().version == DEFAULT


def test_a_draft_edit_reaches_patients_only_once_published(patient, publish):
    _reword_first_question()

    assert FIRST_QUESTION in patient.start().content.decode()

    version = publish(note="Clearer first question.")

    assert version.number == DEFAULT + 1
    assert "Do you have any of these symptoms today?" in patient.start().content.decode()


def test_a_version_records_its_publisher_and_note_even_after_the_account_goes(publish, publisher):
    version = publish(note="Clearer first question.")
    publisher.delete()
    version.refresh_from_db()

    assert version.note == "Clearer first question."
    assert version.published_by is None
    assert version.published_by_name == "publisher"


def test_publishing_needs_the_publisher_role(editor):
    with pytest.raises(PublishRefused) as refused:
        publish(editor, "My own change.")

    assert refused.value.reasons == ["Publishing needs the “Clinical publisher” role."]


def test_publishing_needs_a_change_note(publish):
    with pytest.raises(PublishRefused) as refused:
        publish(note="  ")

    assert refused.value.reasons == ["Write a change note: what changed and why."]


def test_the_publisher_can_be_required_to_differ_from_the_last_editor(settings, publisher):
    settings.BACKPOP_PUBLISHER_MUST_DIFFER = True
    both = User.objects.create_user("sam", is_staff=True)
    both.groups.add(*Group.objects.filter(name__in=["Content editor", "Clinical publisher"]))
    question = models.Question.objects.get(slug="water")
    question.text = "Do you drink enough water?"
    question._history_user = both
    question.save()

    with pytest.raises(PublishRefused) as refused:
        publish(both, "My own change.")

    assert "another clinical publisher must review and publish it" in refused.value.reasons[0]
    assert publish(publisher, "Reviewed sam's change.").number == DEFAULT + 1


def test_unticking_active_on_cauda_equina_is_refused_while_patients_keep_the_emergency(
    patient, client, publish
):
    models.WarningSign.objects.filter(slug="cauda_equina").update(is_active=False)

    with pytest.raises(PublishRefused) as refused:
        publish()

    assert "(cauda_equina) is retired" in " ".join(refused.value.reasons)
    result = _emergency_result(patient, client)
    assert outcome_of(result) == "emergency"
    assert warning_signs_in(result) == ["cauda_equina"]


def test_none_of_these_raising_an_emergency_is_refused_while_patients_keep_the_normal_route(
    patient, client, publish
):
    _option("emergency_signs", "none").warning_signs.add(
        models.WarningSign.objects.get(slug="cauda_equina")
    )

    with pytest.raises(PublishRefused) as refused:
        publish()

    assert "Exclusive answer “None of these”" in " ".join(refused.value.reasons)
    patient.start()
    assert patient.answer_page({"emergency_signs": ["none"]}) == "/check/the-popping/"


def test_a_failing_test_case_blocks_publishing(publish):
    case = models.ClinicTestCase.objects.get(name="Swelling needs a doctor")
    case.expected_level = "urgent"
    case.save()

    with pytest.raises(PublishRefused) as refused:
        publish()

    assert refused.value.reasons == [
        "Test case “Swelling needs a doctor” fails: Expected level “urgent”, got “see_doctor”."
    ]


def test_rolling_back_publishes_the_earlier_snapshot_as_a_new_version(patient, publish):
    _reword_first_question()
    publish(note="Clearer first question.")
    first = models.ContentVersion.objects.get(number=DEFAULT)

    version = publish(note="The old wording tested better.", rolling_back=first)

    assert version.number == DEFAULT + 2
    assert version.rolled_back_to == first
    assert version.snapshot == first.snapshot
    assert FIRST_QUESTION in patient.start().content.decode()
    assert models.Question.objects.get(slug="emergency_signs").text != FIRST_QUESTION  # draft kept


def test_each_submission_records_the_version_it_was_assessed_with(patient, publish):
    publish()

    patient.result()

    assert models.Submission.objects.get().content_version == DEFAULT + 1


def test_triage_command_assesses_with_an_earlier_version(publish, capsys):
    _option("daily_impact", "stops_activities").warning_signs.add(
        models.WarningSign.objects.get(slug="worried")
    )
    publish(note="Stopping everyday things is also a worry.")
    answers = '{"emergency_signs": "none", "daily_impact": ["stops_activities"]}'

    call_command("triage", "--version", "1", "--answers", _all_clear(answers))
    earlier = capsys.readouterr().out
    call_command("triage", "--answers", _all_clear(answers))
    latest = capsys.readouterr().out

    assert '"worried"' not in earlier
    assert '"worried"' in latest


def test_patients_pay_one_small_query_for_the_content_once_it_is_loaded(
    publish, django_assert_num_queries
):
    current_content()
    publish()

    with django_assert_num_queries(2):  # the latest number, then that version's snapshot
        assert current_content().version == DEFAULT + 1
    with django_assert_num_queries(1):
        assert current_content().version == DEFAULT + 1


def _all_clear(extra: str) -> str:
    return json.dumps({**ALL_CLEAR, **json.loads(extra)})


def test_a_journey_begun_on_an_earlier_version_keeps_it_until_the_end(publish):
    _reword_first_question()
    publish(note="Clearer first question.")

    started_before = journey_content(DEFAULT)
    started_after = journey_content(DEFAULT + 1)

    assert started_before.version == DEFAULT
    assert started_before.engine.questions["emergency_signs"].text == FIRST_QUESTION
    assert started_after is current_content()
    assert journey_content(None) is current_content()


def test_restoring_the_draft_from_a_version_makes_it_match_exactly():
    version = models.ContentVersion.objects.get(number=DEFAULT)
    models.WarningSign.objects.create(slug="new", title="New", level="urgent", explanation=".")
    models.WarningSign.objects.filter(slug="worried").update(title="Worry", is_active=False)
    _option("pain", "sharp").delete()
    _option("water", "no").recommendations.clear()
    models.Question.objects.get(slug="night_pain").shown_if.set([_option("pain", "lasting")])
    models.Question.objects.filter(slug="exercise").update(page=_page("daily-life"))
    models.ClinicTestCase.objects.filter(name="Swelling needs a doctor").delete()
    models.ClinicDetails.objects.update(name="Riverside Physio")

    restore_draft(version.snapshot)

    assert draft_snapshot() == version.snapshot


def _page(slug: str) -> models.QuestionnairePage:
    return models.QuestionnairePage.objects.get(slug=slug)


def test_a_patient_mid_journey_finishes_on_the_version_they_started_with(patient, publish):
    patient.start()
    patient.answer_page(ALL_CLEAR)
    models.Question.objects.filter(slug="popping_when").update(text="When does it pop?")
    publish(note="Shorter question.")

    location = "/check/the-popping/"
    assert "When do you notice the popping?" in patient.open(location).content.decode()
    while location != "/check/answers/":
        location = patient.answer_page(ALL_CLEAR)
        patient.open(location)
    patient.confirm()
    patient.start()
    patient.answer_page(ALL_CLEAR)

    assert models.Submission.objects.get().content_version == DEFAULT
    assert "When does it pop?" in patient.open("/check/the-popping/").content.decode()


def test_a_preview_journey_runs_on_the_draft():
    _reword_first_question()

    preview = journey_content(PREVIEW)

    assert preview.version == PREVIEW
    assert (
        preview.engine.questions["emergency_signs"].text
        == "Do you have any of these symptoms today?"
    )
    assert current_content().engine.questions["emergency_signs"].text == FIRST_QUESTION


def test_a_journey_carrying_its_versions_token_costs_no_query_once_the_version_is_read(
    django_assert_num_queries,
):
    site = current_content()

    with django_assert_num_queries(0):
        assert journey_content(site.version, site.token) is site


def test_a_token_that_does_not_name_the_journeys_version_is_not_trusted(
    publish, django_assert_num_queries
):
    first = current_content()
    publish()

    with django_assert_num_queries(2):  # the latest number, then its snapshot
        assert journey_content(first.version + 1, first.token).version == first.version + 1
