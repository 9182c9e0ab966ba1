"""Staff preview the questionnaire on the draft: marked on every page, stored nowhere (issue 12).

An editor starts it from the admin; it runs in their own session on the draft, read afresh on
each page, while every other patient keeps the published version.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.patient import ALL_CLEAR, Patient, outcome_of, warning_signs_in
from triage import forms, models

pytestmark = pytest.mark.django_db

PREVIEW = reverse("admin:triage_contentversion_preview")
REVIEW = reverse("admin:triage_contentversion_publish")
TRY = reverse("admin:triage_contentversion_try")
BANNER = '<h2 class="h5" id="preview-banner-heading">Preview, not published</h2>'
PUBLISHED_QUESTION = "Do you have any of these right now?"
DRAFT_QUESTION = "Do you have any of these symptoms today?"


def _reword_first_question(text: str) -> None:
    models.Question.objects.filter(slug="emergency_signs").update(text=text)


@pytest.fixture
def previewing(client, editor) -> Patient:
    """The editor, signed in, has started a preview and is on its first page."""
    client.force_login(editor)
    response = client.post(PREVIEW)
    assert response.status_code == 302
    staff = Patient(client)
    staff.open(response["Location"])
    return staff


def _result_sections(html: str) -> str:
    """The result as a patient reads it: level, signs, advice and causes (not the reference)."""
    found = re.search(
        r'<section class="care-card.*?(?=<section class="result-section reference)',
        html,
        re.S,
    )
    return found[0]


def test_the_review_page_and_the_try_page_offer_the_preview(client, editor):
    client.force_login(editor)
    for url in (REVIEW, TRY):
        page = client.get(url).content.decode()
        assert f'action="{PREVIEW}"' in page
        assert 'value="Preview the questionnaire on the draft"' in page


def test_an_editor_previews_an_edited_question_while_patients_keep_the_published_wording(
    client, editor
):
    _reword_first_question(DRAFT_QUESTION)
    client.force_login(editor)

    response = client.post(PREVIEW)
    assert response["Location"] == "/check/emergency-check/"
    staff_page = client.get("/check/emergency-check/").content.decode()
    patient = Patient(Client())
    patient.start()

    assert DRAFT_QUESTION in staff_page and BANNER in staff_page
    assert PUBLISHED_QUESTION in patient.html
    assert DRAFT_QUESTION not in patient.html and "Preview, not published" not in patient.html


def test_an_edit_to_the_draft_shows_in_the_preview_on_the_next_page_view(previewing):
    assert PUBLISHED_QUESTION in previewing.html

    _reword_first_question(DRAFT_QUESTION)

    assert DRAFT_QUESTION in previewing.open(previewing.url).content.decode()


def test_the_draft_never_enters_the_patients_cached_pages(previewing):
    _reword_first_question(DRAFT_QUESTION)
    previewing.open(previewing.url)
    previewing.submit({"emergency_signs": ["nothing_at_all"]})  # an error: rendered bound

    tokens = {key[0] for key in (*forms._form_classes, *forms._rendered)}
    assert not any(token.startswith("preview-") for token in tokens)


def test_every_page_of_a_preview_shows_the_banner_the_result_included(previewing, client):
    location = previewing.url
    while location != "/check/answers/":
        assert BANNER in previewing.open(location).content.decode(), location
        location = previewing.answer_page(ALL_CLEAR)
    previewing.open("/check/answers/")
    assert BANNER in previewing.html

    assert client.post("/check/answers/", {"journey": previewing.journey})["Location"] == (
        "/check/result/"
    )
    result = client.get("/check/result/")
    assert outcome_of(result) == "normal"
    assert BANNER in result.content.decode()


def test_a_preview_result_reads_as_a_patients_and_stores_nothing(previewing, client):
    assert previewing.answer_page({"emergency_signs": ["saddle_numbness"]}) == "/check/result/"
    preview = client.get("/check/result/")

    assert outcome_of(preview) == "emergency"
    assert warning_signs_in(preview) == ["cauda_equina"]
    assert "A preview stores nothing, so it has none." in preview.content.decode()
    assert not models.Submission.objects.exists()
    assert not models.JourneyCount.objects.exists()

    patient = Patient(Client())
    patient.start()
    patient.answer_page({"emergency_signs": ["saddle_numbness"]})
    stored = patient.client.get("/check/result/").content.decode()
    assert _result_sections(preview.content.decode()) == _result_sections(stored)


def test_a_preview_shows_the_drafts_warning_sign_wording_in_the_result(previewing, client):
    models.WarningSign.objects.filter(slug="cauda_equina").update(title="Saddle numbness (new)")

    previewing.answer_page({"emergency_signs": ["saddle_numbness"]})

    assert "Saddle numbness (new)" in client.get("/check/result/").content.decode()
    assert not models.Submission.objects.exists()


def test_staff_without_the_preview_permission_cannot_start_a_preview(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))
    client.force_login(viewer)

    assert client.post(PREVIEW).status_code == 403
    assert client.get("/check/emergency-check/")["Location"] == "/check/expired/"
    assert 'value="Preview the questionnaire on the draft"' not in client.get(TRY).content.decode()


def test_a_visitor_who_is_not_signed_in_gets_the_admin_login(client):
    response = client.post(PREVIEW)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_preview_is_started_by_a_post_only(client, editor):
    client.force_login(editor)

    assert client.get(PREVIEW).status_code == 405


def test_signing_out_ends_the_preview(previewing, client):
    client.post(reverse("admin:logout"))

    assert client.get(previewing.url)["Location"] == "/check/expired/"
    assert client.get("/check/answers/")["Location"] == "/check/expired/"


def test_losing_the_permission_ends_the_preview(previewing, client, editor):
    editor.groups.clear()

    assert client.get(previewing.url)["Location"] == "/check/expired/"


def test_starting_again_leaves_the_preview_for_the_published_questionnaire(previewing, client):
    _reword_first_question(DRAFT_QUESTION)

    previewing.start()

    assert PUBLISHED_QUESTION in previewing.html
    assert "Preview, not published" not in previewing.html
    assert outcome_of(previewing.result()) == "normal"
    published = models.ContentVersion.objects.first()  # the latest: versions run newest first
    assert models.Submission.objects.get().content_version == published.number


def test_the_preview_keeps_the_staff_members_sign_in(previewing, client):
    admin = "/" + settings.ADMIN_PATH
    assert client.get(admin).status_code == 200


def test_retiring_an_answer_mid_preview_sends_the_editor_back_to_its_question(previewing):
    assert previewing.answer_rest() == "/check/answers/"

    models.AnswerOption.objects.filter(question__slug="popping_when", slug="walking").update(
        is_active=False
    )

    assert previewing.client.get("/check/answers/")["Location"] == "/check/the-popping/"
