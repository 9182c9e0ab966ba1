"""Translating in the admin (issue 16): English and Welsh side by side, the review mark, and
an admin that stays in English whatever the browser prefers."""

import re

import pytest

from tests.admin_pages import admin_url, form_data
from triage import models

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    """The class attribute of each row of the change form."""
    return re.findall(r'<div class="(form-row[^"]*)"', html)


def test_each_text_shows_its_english_and_welsh_on_one_row(admin_client):
    sign = models.WarningSign.objects.get(slug="worried")

    html = admin_client.get(admin_url(models.WarningSign, "change", sign.pk)).content.decode()
    rows = _rows(html)

    assert any("field-title_en" in row and "field-title_cy" in row for row in rows)
    assert any("field-explanation_en" in row and "field-explanation_cy" in row for row in rows)
    assert "Title (Welsh)" in html and "Why this matters (English)" in html
    assert "Rydych chi&#x27;n poeni neu&#x27;n ansicr" in html


def test_a_questions_answers_show_their_labels_in_both_languages(admin_client):
    question = models.Question.objects.get(slug="water")

    html = admin_client.get(admin_url(models.Question, "change", question.pk)).content.decode()

    assert any("field-text_en" in row and "field-text_cy" in row for row in _rows(html))
    assert 'name="options-0-label_cy" value="Ydw"' in html
    assert 'name="options-0-translation_reviewed"' in html


def test_a_reviewer_ticks_off_a_translation(admin_client):
    sign = models.WarningSign.objects.get(slug="worried")
    data = form_data(admin_client.get(admin_url(models.WarningSign, "change", sign.pk)))

    admin_client.post(
        admin_url(models.WarningSign, "change", sign.pk), {**data, "translation_reviewed": "on"}
    )

    assert models.WarningSign.objects.get(slug="worried").translation_reviewed


def test_changing_the_english_alone_puts_the_welsh_up_for_review_again(admin_client):
    models.WarningSign.objects.filter(slug="worried").update(translation_reviewed=True)
    sign = models.WarningSign.objects.get(slug="worried")
    url = admin_url(models.WarningSign, "change", sign.pk)
    data = form_data(admin_client.get(url))

    response = admin_client.post(url, {**data, "title_en": "Worried about it"}, follow=True)

    sign.refresh_from_db()
    assert (sign.title, sign.translation_reviewed) == ("Worried about it", False)
    assert any("marked for review again" in str(m) for m in response.context["messages"])


def test_changing_both_languages_together_keeps_the_review(admin_client):
    models.WarningSign.objects.filter(slug="worried").update(translation_reviewed=True)
    sign = models.WarningSign.objects.get(slug="worried")
    url = admin_url(models.WarningSign, "change", sign.pk)
    data = form_data(admin_client.get(url))

    admin_client.post(url, {**data, "title_en": "Worried about it", "title_cy": "Yn poeni"})

    assert models.WarningSign.objects.get(slug="worried").translation_reviewed


def test_an_answers_english_changed_alone_needs_review_again(admin_client):
    models.AnswerOption.objects.filter(question__slug="water").update(translation_reviewed=True)
    question = models.Question.objects.get(slug="water")
    url = admin_url(models.Question, "change", question.pk)
    data = form_data(admin_client.get(url))

    admin_client.post(url, {**data, "options-0-label_en": "Yes, most days"})

    reviewed = dict(question.options.values_list("slug", "translation_reviewed"))
    assert reviewed == {"yes": False, "no": True}


def test_the_lists_filter_by_whether_the_translation_is_reviewed(admin_client):
    models.Cause.objects.filter(slug="gas_release").update(translation_reviewed=True)

    html = admin_client.get(
        admin_url(models.Cause, "changelist") + "?translation_reviewed__exact=0"
    )

    assert "By translation reviewed" in html.content.decode()
    assert [c.slug for c in html.context["cl"].result_list] == [
        "tendons_ligaments",
        "alignment_shift",
    ]


def test_the_admin_stays_in_english_for_a_welsh_browser(admin_client):
    response = admin_client.get("/admin/", headers={"Accept-Language": "cy"})

    assert response["Content-Language"] == "en-gb"
    assert "Site administration" in response.content.decode()
