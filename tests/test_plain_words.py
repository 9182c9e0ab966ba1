"""The plain-words migration (0012): new wording for the default content, never a clinic's.

A fresh install publishes the reworded content as version 2. A clinic whose content was
still the untouched default gets the same; a clinic that edited its content keeps its edits
and gets the new wording only in its draft, to review and publish itself.

The migration ran before the content had languages (0013; 0014 then published the Welsh as
version 3), so it is run here as then: for patients reading English only, on a draft that
matches version 1 as today's tables store it.
"""

import importlib

import pytest
from django.apps import apps

from bench.textbook import content as textbook
from triage import models
from triage.content import current_content
from triage.snapshot import draft_snapshot, restore_draft

pytestmark = pytest.mark.django_db

migration = importlib.import_module("triage.migrations.0012_plain_words")
TEXT_FIELDS = {"title", "description", "explanation", "heading", "summary", "call_to_action"}
TEXT_FIELDS |= {"intro", "text", "help_text", "label"}


@pytest.fixture(autouse=True)
def _english_only(settings):
    settings.BACKPOP_LANGUAGES = ("en",)


def _version(number: int) -> models.ContentVersion:
    return models.ContentVersion.objects.get(number=number)


def _back_to_the_old_default() -> None:
    """The database as it was before 0012 ran: version 1 published, the draft matching it."""
    models.ContentVersion.objects.filter(number__gt=1).delete()
    restore_draft(_version(1).snapshot)
    models.ContentVersion.objects.filter(number=1).update(snapshot=draft_snapshot())


def _without_texts(value):
    """A snapshot with every patient-facing text left out: its rules and structure."""
    if isinstance(value, dict):
        return {k: _without_texts(v) for k, v in value.items() if k not in TEXT_FIELDS}
    if isinstance(value, list):
        return [_without_texts(item) for item in value]
    return value


def test_a_fresh_install_publishes_the_plain_words_as_version_2():
    reworded = _version(2)

    assert reworded.note.startswith("Plain words first (issue 15)")
    assert reworded.published_by_name == "backpop"
    emergency = current_content().outcomes["emergency"]
    assert emergency.call_to_action == "Call the emergency number or go to A&E now."


def test_version_1_keeps_the_wording_patients_saw_then():
    signs = {sign["slug"]: sign for sign in _version(1).snapshot["warning_signs"]}

    assert signs["daily_life_impact"]["title"] == "Affects daily activities or sleep"


def test_only_texts_change_so_every_rule_stays_as_it_was():
    before, after = _version(1).snapshot, _version(2).snapshot

    assert _without_texts(after) == _without_texts(before)
    assert before != after


def test_every_rewording_replaces_a_text_the_default_content_had():
    old = migration.old_wording()

    for model, rows in migration.PLAIN_WORDS.items():
        for key, fields in rows.items():
            for field, new in fields.items():
                assert old[model][key][field] != new, (model, key, field)


def test_an_untouched_default_is_reworded_and_published():
    _back_to_the_old_default()

    migration.reword(apps, None)

    assert _version(2).note.startswith("Plain words first (issue 15)")
    sign = models.WarningSign.objects.get(slug="daily_life_impact")
    assert sign.title == "Gets in the way of daily life or sleep"
    assert current_content().version == 2
    assert sign.history.first().history_change_reason == "Plain words first (issue 15)"


def test_a_clinic_edit_is_kept_and_the_rest_waits_in_the_draft():
    _back_to_the_old_default()
    sign = models.WarningSign.objects.get(slug="worried")
    sign.explanation = "Our physiotherapists are happy to check any back that worries you."
    sign.save()

    migration.reword(apps, None)

    assert models.WarningSign.objects.get(slug="worried").explanation == sign.explanation
    other = models.WarningSign.objects.get(slug="daily_life_impact")
    assert other.title == "Gets in the way of daily life or sleep"
    assert models.ContentVersion.objects.count() == 1  # the clinic reviews and publishes it


def test_a_clinic_that_published_its_own_version_publishes_the_new_wording_itself(publish):
    _back_to_the_old_default()
    clinic = models.ClinicDetails.objects.get()
    clinic.name = "Riverside Physio"
    clinic.save()
    publish(note="Our clinic's name.")

    migration.reword(apps, None)

    assert models.ContentVersion.objects.count() == 2
    outcome = models.OutcomeText.objects.get(level="urgent")
    assert outcome.heading == "Get medical help today"
    assert current_content().outcomes["urgent"].heading == "Get medical advice today"


def test_running_it_again_changes_nothing():
    migration.reword(apps, None)

    assert models.ContentVersion.objects.count() == 3


def test_the_textbook_benchmark_app_shows_the_same_texts_as_the_published_version():
    published = _version(2).snapshot
    questions = {q["slug"]: q for page in published["pages"] for q in page["questions"]}

    assert [(p.slug, p.title, p.intro) for p in textbook.PAGES] == [
        (p["slug"], p["title"], p["intro"]) for p in published["pages"]
    ]
    for slug, question in textbook.QUESTIONS.items():
        assert question.text == questions[slug]["text"]
        assert [o.label for o in question.options] == [
            o["label"] for o in questions[slug]["options"]
        ]
    signs = {s["slug"]: (s["title"], s["explanation"]) for s in published["warning_signs"]}
    assert {s.slug: (s.title, s.explanation) for s in textbook.WARNING_SIGNS.values()} == signs
    outcomes = {o["level"]: o["heading"] for o in published["outcomes"]}
    assert {level: o.heading for level, o in textbook.OUTCOMES.items()} == outcomes
