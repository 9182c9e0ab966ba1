"""The admin side of publishing: the checklist, publishing, versions, history, roles."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from triage import models

pytestmark = pytest.mark.django_db

PUBLISH = reverse("admin:triage_contentversion_publish")
VERSIONS = reverse("admin:triage_contentversion_changelist")
TRY = reverse("admin:triage_contentversion_try")
# The latest version of a fresh install: the default content (1), reworded in plain words (2),
# with its Welsh texts (3).
DEFAULT = 3


def _rollback(number: int) -> str:
    version = models.ContentVersion.objects.get(number=number)
    return reverse("admin:triage_contentversion_rollback", args=[version.pk])


def _restore(number: int) -> str:
    version = models.ContentVersion.objects.get(number=number)
    return reverse("admin:triage_contentversion_restore", args=[version.pk])


def _logged_in(client, user):
    client.force_login(user)
    return client


def _reword(slug: str, text: str):
    models.Question.objects.filter(slug=slug).update(text=text)


def test_the_checklist_shows_every_check_and_each_cases_expected_and_actual_result(client, editor):
    page = _logged_in(client, editor).get(PUBLISH).content.decode()

    assert "Every safety check passes." in page
    assert '<th scope="row">Saddle numbness is an emergency on the first page' in page
    assert "<td>emergency: cauda_equina" in page
    assert page.count('<span class="bp-pass">Passes</span>') == 15
    assert "Publish the draft" not in page  # editors review; publishers publish


def test_the_checklist_names_what_fails_and_why(client, editor):
    models.WarningSign.objects.filter(slug="cauda_equina").update(is_active=False)

    page = _logged_in(client, editor).get(PUBLISH).content.decode()

    assert "(cauda_equina) is retired" in page
    assert "Tick “active” on the warning sign again." in page
    assert '<span class="bp-fail">Fails</span> Its answers do not fit the questionnaire' in page


def test_a_publisher_publishes_from_the_checklist(client, publisher):
    _reword("water", "Do you drink enough water?")

    response = _logged_in(client, publisher).post(PUBLISH, {"note": "Shorter question."})

    assert response.status_code == 302
    version = models.ContentVersion.objects.get(number=DEFAULT + 1)
    assert version.note == "Shorter question."
    assert version.published_by == publisher


def test_a_refused_publish_says_why_on_the_checklist(client, publisher):
    models.WarningSign.objects.filter(slug="cauda_equina").update(is_active=False)

    response = _logged_in(client, publisher).post(PUBLISH, {"note": "Retire cauda equina."})

    assert response.status_code == 200
    assert "(cauda_equina) is retired" in " ".join(response.context["refused"])
    assert models.ContentVersion.objects.count() == DEFAULT


def test_an_editor_cannot_publish_even_by_posting(client, editor):
    _logged_in(client, editor).post(PUBLISH, {"note": "My own change."})

    assert models.ContentVersion.objects.count() == DEFAULT


def test_a_viewer_reads_submissions_but_cannot_open_the_checklist(client):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))
    _logged_in(client, viewer)

    assert client.get(reverse("admin:triage_submission_changelist")).status_code == 200
    assert client.get(PUBLISH).status_code == 403
    assert client.get(reverse("admin:triage_question_changelist")).status_code == 403


def test_the_version_list_shows_what_changed_since_the_version_before(client, publisher):
    _reword("water", "Do you drink enough water?")
    _logged_in(client, publisher).post(PUBLISH, {"note": "Shorter question."})

    page = client.get(VERSIONS).content.decode()

    assert "Question “Do you drink enough water?” (water): text" in page
    assert "Shorter question." in page


def test_rolling_back_in_the_admin_can_restore_the_draft_too(admin_client):
    _reword("water", "Do you drink enough water?")
    admin_client.post(PUBLISH, {"note": "Shorter question."})

    admin_client.post(
        _rollback(DEFAULT), {"note": "Back to the old wording.", "restore_draft": "on"}
    )

    assert models.ContentVersion.objects.get(number=DEFAULT + 2).rolled_back_to.number == DEFAULT
    assert models.Question.objects.get(slug="water").text.startswith("Do you usually drink")


def test_a_publisher_who_cannot_edit_rolls_back_without_touching_the_draft(client, publisher):
    _reword("water", "Do you drink enough water?")
    _logged_in(client, publisher).post(PUBLISH, {"note": "Shorter question."})

    client.post(_rollback(DEFAULT), {"note": "Back to the old wording.", "restore_draft": "on"})

    assert models.ContentVersion.objects.get(number=DEFAULT + 2).rolled_back_to.number == DEFAULT
    assert models.Question.objects.get(slug="water").text == "Do you drink enough water?"


def test_an_editor_can_restore_the_draft_from_a_version_without_publishing(client, editor):
    _reword("water", "Do you drink enough water?")
    models.WarningSign.objects.create(slug="new", title="New", level="urgent", explanation=".")
    _logged_in(client, editor)

    confirm = client.get(_restore(DEFAULT)).content.decode()
    client.post(_restore(DEFAULT))

    assert "(water): text" in confirm
    assert "Warning sign “New” (new): removed" in confirm
    assert models.Question.objects.get(slug="water").text.startswith("Do you usually drink")
    assert not models.WarningSign.objects.filter(slug="new").exists()
    assert models.ContentVersion.objects.count() == DEFAULT


def test_history_keeps_before_and_after_values_and_the_editors_name(client, editor, admin_client):
    sign = models.WarningSign.objects.get(slug="worried")
    change = reverse("admin:triage_warningsign_change", args=[sign.pk])
    data = {
        "slug": "worried",
        "title_en": "Worried about it",
        "title_cy": sign.title_cy,
        "level": "see_doctor",
        "explanation_en": sign.explanation,
        "explanation_cy": sign.explanation_cy,
        "source": sign.source,
        "order": sign.order,
        "is_active": "on",
    }
    assert _logged_in(client, editor).post(change, data).status_code == 302
    editor.delete()

    latest, before = sign.history.all()[:2]
    history = admin_client.get(reverse("admin:triage_warningsign_history", args=[sign.pk]))

    assert (before.title, latest.title) == (sign.title, "Worried about it")
    assert latest.history_user is None
    assert latest.history_username == "editor"
    assert latest.diff_against(before).changed_fields == ["title", "title_en"]
    assert "<td>editor</td>" in history.content.decode()


def test_a_submission_reads_the_same_after_the_content_changes(admin_client, patient, publish):
    patient.result(daily_impact="worried")
    submission = models.Submission.objects.get()
    page = reverse("admin:triage_submission_change", args=[submission.pk])
    before = _submission_text(admin_client.get(page))

    _reword("daily_impact", "Does it stop you?")
    models.WarningSign.objects.filter(slug="worried").update(title="Worry")
    models.OutcomeText.objects.filter(level="see_doctor").update(heading="See someone")
    publish(note="New wording.")

    after = _submission_text(admin_client.get(page))
    assert after == before
    assert "Does the popping or pain do any of these?" in before
    assert f"As the patient saw it: published version {DEFAULT}." in before


def _submission_text(response) -> str:
    """The submission's fields as staff read them, without the page's changing tokens."""
    html = response.content.decode()
    return re.search(r'<fieldset class="module aligned.*?</fieldset>', html, re.S).group(0)


def test_each_answers_history_is_linked_from_its_question(admin_client):
    option = models.AnswerOption.objects.get(question__slug="water", slug="no")
    question = reverse("admin:triage_question_change", args=[option.question.pk])
    history = reverse("admin:triage_answeroption_history", args=[option.pk])

    page = admin_client.get(question).content.decode()

    assert f'<a href="{history}" aria-label="History of “No”">History</a>' in page
    assert admin_client.get(history).status_code == 200


def test_an_editor_tries_answers_on_the_draft_and_nothing_is_stored(client, editor):
    models.WarningSign.objects.filter(slug="major_trauma").update(title="Injury from a fall")
    answers = '{"emergency_signs": ["serious_accident"]}'

    response = _logged_in(client, editor).post(TRY, {"answers": answers})

    page = response.content.decode()
    assert "Preview, not published" in page
    assert '<dl class="bp-answers" data-level="emergency">' in page
    assert "Injury from a fall (major_trauma): You have just had a serious accident" in page
    assert not models.Submission.objects.exists()


def test_trying_answers_that_do_not_fit_says_why(client, editor):
    response = _logged_in(client, editor).post(TRY, {"answers": '{"swelling": ["maybe"]}'})

    errors = response.context["form"].errors["answers"]
    assert errors[0].startswith("Question 'emergency_signs' on page 'emergency-check':")
    assert response.context["assessment"] is None


def test_unticking_active_on_cauda_equina_saves_to_the_draft_with_a_warning(client, editor):
    sign = models.WarningSign.objects.get(slug="cauda_equina")
    change = reverse("admin:triage_warningsign_change", args=[sign.pk])
    data = {
        "slug": sign.slug,
        "title_en": sign.title,
        "title_cy": sign.title_cy,
        "level": sign.level,
        "explanation_en": sign.explanation,
        "explanation_cy": sign.explanation_cy,
        "source": sign.source,
        "order": sign.order,
    }  # "is_active" left out: the box is unticked

    response = _logged_in(client, editor).post(change, data, follow=True)

    [warning] = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warning.startswith("Saved to the draft, but the draft cannot be published now:")
    assert "(cauda_equina) is retired" in warning
    published = models.ContentVersion.objects.get(number=DEFAULT)
    assert published.snapshot["warning_signs"][0]["is_active"]
