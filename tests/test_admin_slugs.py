"""Slugs left blank in the admin are made short and underscored, like the content's own."""

import pytest

from tests.admin_pages import admin_url, form_data
from triage import models
from triage.admin.slugs import short_slug

pytestmark = pytest.mark.django_db


def _add_question(client, text: str, slug: str = "", **answers) -> models.Question:
    page = models.QuestionnairePage.objects.get(slug="habits")
    data = form_data(client.get(admin_url(models.Question, "add") + f"?page={page.pk}&order=9"))
    data.update({"text_en": text, "slug": slug, "kind": "single", **answers})
    response = client.post(admin_url(models.Question, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return models.Question.objects.filter(text_en=text).latest("pk")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Can you move or bend your back less than usual?", "move_or_bend_back"),
        ("Does the pain wake you at night, or stay when you lie still?", "pain_wake_night"),
        ("Numbness or tingling around your bottom", "numbness_or_tingling_around"),
        ("None of these", "none"),
        ("Do you?", "do_you"),  # nothing but small words: keep them rather than nothing
        ("Café au lait spots", "cafe_au_lait_spots"),
    ],
)
def test_a_slug_keeps_the_first_few_words_that_say_what_it_is_about(text, slug):
    assert short_slug(text) == slug


def test_a_question_saved_without_a_slug_gets_a_short_one(admin_client):
    # The default content asks the same question as "movement"; staff might ask it again.
    question = _add_question(admin_client, "Can you move or bend your back less than usual?")

    assert question.slug == "move_or_bend_back"


def test_a_second_question_with_the_same_words_gets_a_numbered_slug(admin_client):
    _add_question(admin_client, "Do you sleep badly most nights?")

    question = _add_question(admin_client, "Do you sleep badly most nights this month?")

    assert question.slug == "sleep_badly_most_nights_2"


def test_a_slug_staff_type_is_kept(admin_client):
    question = _add_question(admin_client, "How do you sleep?", slug="sleep_position")

    assert question.slug == "sleep_position"


def test_the_slug_field_says_it_may_be_left_blank(admin_client):
    page = admin_client.get(admin_url(models.Question, "add")).content.decode()

    assert "Leave blank to make a short one from the question, such as" in page
    assert "move_or_bend_back" in page


def test_answers_without_slugs_get_short_distinct_ones_within_their_question(admin_client):
    question = _add_question(
        admin_client,
        "How firm is your mattress?",
        **{"options-0-label_en": "Very firm", "options-0-order": "1"},
        **{"options-1-label_en": "Very firm, like a board", "options-1-order": "2"},
    )

    assert list(question.options.values_list("slug", flat=True)) == [
        "very_firm",
        "very_firm_like_board",
    ]


def test_two_answers_whose_labels_give_the_same_slug_are_told_apart(admin_client):
    question = _add_question(
        admin_client,
        "Is your mattress soft?",
        **{"options-0-label_en": "Yes", "options-0-order": "1"},
        **{"options-1-label_en": "Yes!", "options-1-order": "2"},
    )

    assert list(question.options.values_list("slug", flat=True)) == ["yes", "yes_2"]


def test_a_new_answer_does_not_take_the_slug_of_an_answer_already_saved(admin_client):
    water = models.Question.objects.get(slug="water")
    data = form_data(admin_client.get(admin_url(models.Question, "change", water.pk)))
    data.update({"options-2-label_en": "Yes, always", "options-2-order": "3"})
    data.update({"options-3-label_en": "No", "options-3-order": "4"})

    response = admin_client.post(admin_url(models.Question, "change", water.pk), data)

    assert response.status_code == 302
    assert list(water.options.values_list("slug", flat=True)) == ["yes", "no", "yes_always", "no_2"]


def test_a_page_slug_is_short_with_hyphens_as_it_is_the_pages_address(admin_client):
    data = {"title_en": "Sleep and rest", "slug": "", "order": 10, "is_active": "on"}

    response = admin_client.post(admin_url(models.QuestionnairePage, "add"), data)

    assert response.status_code == 302
    assert models.QuestionnairePage.objects.filter(slug="sleep-and-rest").exists()


def test_a_page_slug_never_takes_an_address_the_questionnaire_uses(admin_client):
    data = {"title_en": "Start", "slug": "", "order": 10, "is_active": "on"}

    admin_client.post(admin_url(models.QuestionnairePage, "add"), data)

    assert models.QuestionnairePage.objects.filter(slug="start-2").exists()


def test_a_warning_sign_saved_without_a_slug_gets_a_short_one(admin_client):
    data = {
        "title_en": "Sudden weakness in one leg",
        "slug": "",
        "level": "urgent",
        "explanation_en": "Sudden weakness needs checking today.",
        "order": 20,
        "is_active": "on",
    }

    response = admin_client.post(admin_url(models.WarningSign, "add"), data)

    assert response.status_code == 302
    assert models.WarningSign.objects.filter(slug="sudden_weakness_one_leg").exists()
