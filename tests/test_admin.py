"""The admin clinic staff use: every page renders, bad content is refused, links are kept."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User

from tests.admin_pages import admin_url, form_data
from triage import models

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# One clinic record and one text per level already exist; submissions come from patients,
# versions from publishing; answers are added on their question's page.
ADD_REFUSED = {
    "triage.AnswerOption",
    "triage.ClinicDetails",
    "triage.ContentVersion",
    "triage.Insights",
    "triage.OutcomeText",
    "triage.Submission",
}


def _errors(response) -> str:
    """Every error message on an admin form page, inline formsets included, as plain text."""
    assert response.status_code == 200, "expected the form again, with errors"
    error_lists = [*response.context["adminform"].form.errors.values()]
    for inline in response.context["inline_admin_formsets"]:
        error_lists.append(inline.formset.non_form_errors())
        error_lists += [e for form_errors in inline.formset.errors for e in form_errors.values()]
    return " ".join(message for errors in error_lists for message in errors)


def _question(slug: str) -> models.Question:
    return models.Question.objects.get(slug=slug)


def _option(question: str, option: str) -> models.AnswerOption:
    return models.AnswerOption.objects.get(question__slug=question, slug=option)


def _edit_question(client, slug: str, **changes):
    question = _question(slug)
    data = form_data(client.get(admin_url(models.Question, "change", question.pk)))
    data.update(changes)
    return client.post(admin_url(models.Question, "change", question.pk), data)


def _new_question(client, page_slug: str, **changes):
    page = models.QuestionnairePage.objects.get(slug=page_slug)
    data = form_data(client.get(admin_url(models.Question, "add") + f"?page={page.pk}"))
    data.update({"text_en": "How is your mood?", "slug": "mood", "kind": "single", **changes})
    return client.post(admin_url(models.Question, "add"), data)


@pytest.fixture
def submission():
    return models.Submission.objects.create(
        reference="BP-7K3F9Q",
        submitted_on=datetime.date(2026, 11, 20),
        level="see_doctor",
        answers={"pain": ["sharp"], "popping_when": ["walking", "stretching"]},
        warning_signs=["painful_popping"],
        content_version=3,
    )


@pytest.fixture
def api_token():
    token = models.ApiToken(name="The clinic's record system")
    token.issue()
    token.save()
    return token


@pytest.mark.parametrize("model", REGISTERED, ids=[model._meta.label for model in REGISTERED])
def test_every_admin_list_add_and_change_page_renders(admin_client, submission, api_token, model):
    Group.objects.get_or_create(name="Clinic staff")

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    add_status = 403 if model._meta.label in ADD_REFUSED else 200
    assert admin_client.get(admin_url(model, "add")).status_code == add_status
    assert admin_client.get(admin_url(model, "change", model.objects.first().pk)).status_code == 200


def test_clinic_details_cannot_be_added_twice_or_deleted(admin_client):
    clinic = models.ClinicDetails.objects.get()

    assert admin_client.get(admin_url(models.ClinicDetails, "add")).status_code == 403
    assert (
        admin_client.post(admin_url(models.ClinicDetails, "delete", clinic.pk)).status_code == 403
    )
    assert models.ClinicDetails.objects.count() == 1


def test_missing_clinic_details_or_outcome_text_can_be_added_again(admin_client):
    models.ClinicDetails.objects.all().delete()
    models.OutcomeText.objects.filter(level="urgent").delete()

    assert admin_client.get(admin_url(models.ClinicDetails, "add")).status_code == 200
    assert admin_client.get(admin_url(models.OutcomeText, "add")).status_code == 200


def test_warning_sign_list_shows_levels_as_labelled_badges(admin_client):
    page = admin_client.get(admin_url(models.WarningSign, "changelist")).content.decode()

    assert '<span class="bp-level bp-level--emergency">Emergency</span>' in page
    assert "admin/css/backpop-admin.css" in page


def test_warning_sign_page_lists_the_answers_that_trigger_it(admin_client):
    sign = models.WarningSign.objects.get(slug="radiating_pain")

    page = admin_client.get(admin_url(models.WarningSign, "change", sign.pk)).content.decode()

    pain_spread = admin_url(models.Question, "change", _question("pain_spread").pk)
    assert f'<a href="{pain_spread}">Where do you feel the pain?: It spreads into my' in page


def test_page_lists_its_questions_in_order_with_links_and_an_add_link(admin_client):
    page = models.QuestionnairePage.objects.get(slug="habits")

    html = admin_client.get(admin_url(models.QuestionnairePage, "change", page.pk)).content.decode()

    links = [admin_url(models.Question, "change", q.pk) for q in page.questions.order_by("order")]
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert f"{admin_url(models.Question, 'add')}?page={page.pk}&amp;order=5" in html


def test_add_question_link_preselects_the_page(admin_client):
    page = models.QuestionnairePage.objects.get(slug="habits")

    response = admin_client.get(admin_url(models.Question, "add") + f"?page={page.pk}&order=5")

    assert response.context["adminform"].form.initial["page"] == str(page.pk)


def test_exclusive_answer_is_refused_on_a_single_choice_question(admin_client):
    response = _new_question(
        admin_client,
        "habits",
        **{"options-0-label_en": "Fine", "options-0-slug": "fine", "options-0-exclusive": "on"},
    )

    assert "Only a multiple-choice question can have an exclusive answer." in _errors(response)
    assert not models.Question.objects.filter(slug="mood").exists()


def test_changing_kind_away_from_multiple_is_refused_while_an_answer_is_exclusive(admin_client):
    response = _edit_question(admin_client, "nerve_symptoms", kind="single")

    assert "Only a multiple-choice question can have an exclusive answer." in _errors(response)
    assert _question("nerve_symptoms").kind == "multiple"


def test_exclusive_answer_is_accepted_when_the_kind_becomes_multiple_in_the_same_save(
    admin_client,
):
    exercise = _question("exercise")
    data = form_data(admin_client.get(admin_url(models.Question, "change", exercise.pk)))
    index = next(k for k, v in data.items() if v == "regularly" and k.endswith("-slug"))
    data.update({"kind": "multiple", index.replace("-slug", "-exclusive"): "on"})

    response = admin_client.post(admin_url(models.Question, "change", exercise.pk), data)

    assert response.status_code == 302
    assert _option("exercise", "regularly").exclusive


@pytest.mark.parametrize(
    ("question", "condition", "reason"),
    [
        ("night_pain", ("pain_spread", "one_leg"), "an answer on the same page"),
        ("pain_spread", ("sitting", "yes"), "an answer on a later page (“Your habits”)"),
        ("water", ("water", "yes"), "an answer to the question itself"),
    ],
)
def test_shown_if_refuses_answers_not_on_an_earlier_page(admin_client, question, condition, reason):
    option = _option(*condition)

    response = _edit_question(admin_client, question, shown_if=[option.pk])

    message = f"Only answers on earlier pages can be chosen, not {reason}: “{option.question.text}"
    assert message in _errors(response)
    assert option not in _question(question).shown_if.all()


def test_shown_if_offers_only_answers_on_earlier_pages(admin_client):
    night_pain = _question("night_pain")

    response = admin_client.get(admin_url(models.Question, "change", night_pain.pk))

    offered = {
        value for value, _ in response.context["adminform"].form.fields["shown_if"].widget.choices
    }
    offered_ids = {int(str(value)) for value in offered}
    earlier = models.AnswerOption.objects.filter(question__page__order__lt=night_pain.page.order)
    assert offered_ids == set(earlier.values_list("pk", flat=True))
    assert f'value="{_option("pain", "sharp").pk}"' in response.content.decode()
    assert f'value="{_option("sitting", "yes").pk}"' not in response.content.decode()


def test_shown_if_on_an_earlier_page_is_saved(admin_client):
    response = _edit_question(admin_client, "water", shown_if=[_option("pain", "sharp").pk])

    assert response.status_code == 302
    assert list(_question("water").shown_if.all()) == [_option("pain", "sharp")]


def test_moving_a_page_after_the_questions_that_depend_on_it_warns_that_it_blocks_publishing(
    admin_client,
):
    pain = models.QuestionnairePage.objects.get(slug="pain")
    data = form_data(admin_client.get(admin_url(models.QuestionnairePage, "change", pain.pk)))

    response = admin_client.post(
        admin_url(models.QuestionnairePage, "change", pain.pk), {**data, "order": 50}, follow=True
    )

    [message] = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert message.startswith("Saved to the draft, but the draft cannot be published now:")
    assert (
        "Question “Where do you feel the pain?” (pain_spread) on page “About the pain”" in message
    )
    assert "more: see the checklist.)" in message


def test_a_clean_save_brings_no_warning(admin_client):
    pain = models.QuestionnairePage.objects.get(slug="pain")
    data = form_data(admin_client.get(admin_url(models.QuestionnairePage, "change", pain.pk)))

    response = admin_client.post(
        admin_url(models.QuestionnairePage, "change", pain.pk),
        {**data, "title_en": "Pain?"},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_warning_sign_needs_an_explanation(admin_client):
    sign = models.WarningSign.objects.get(slug="worried")
    data = form_data(admin_client.get(admin_url(models.WarningSign, "change", sign.pk)))

    response = admin_client.post(
        admin_url(models.WarningSign, "change", sign.pk), {**data, "explanation_en": "   "}
    )

    assert "A warning sign needs an explanation for patients." in _errors(response)


def test_answer_slugs_must_be_unique_within_a_question(admin_client):
    response = _new_question(
        admin_client,
        "habits",
        **{
            **{"options-0-label_en": "Good", "options-0-slug": "good"},
            **{"options-1-label_en": "Very good", "options-1-slug": "good"},
        },
    )

    assert "Please correct the duplicate data for slug" in _errors(response)


def test_question_slugs_must_be_unique(admin_client):
    response = _new_question(admin_client, "habits", slug="water")

    assert "Question with this Slug already exists." in _errors(response)


@pytest.mark.parametrize("slug", ["start", "answers", "result", "expired"])
def test_page_slug_may_not_clash_with_the_questionnaire_routes(admin_client, slug):
    response = admin_client.post(
        admin_url(models.QuestionnairePage, "add"), {"title_en": "Extra", "slug": slug, "order": 10}
    )

    assert "is reserved for the questionnaire's own pages" in _errors(response)
    assert not models.QuestionnairePage.objects.filter(slug=slug).exists()


def test_deleting_a_warning_sign_that_answers_trigger_is_refused(admin_client):
    sign = models.WarningSign.objects.get(slug="night_pain")

    response = admin_client.post(admin_url(models.WarningSign, "delete", sign.pk), {"post": "yes"})

    html = response.content.decode()
    assert "Cannot delete warning sign" in html
    assert "Does the pain wake you at night, or stay when you lie still?: Yes" in html
    assert "untick “active” to retire it instead" in html
    assert models.WarningSign.objects.filter(slug="night_pain").exists()


def test_bulk_deleting_linked_causes_is_refused(admin_client):
    data = {
        "action": "delete_selected",
        "_selected_action": list(models.Cause.objects.values_list("pk", flat=True)),
        "post": "yes",
    }

    response = admin_client.post(admin_url(models.Cause, "changelist"), data)

    assert "Cannot delete" in response.content.decode()
    assert models.Cause.objects.count() == 3


def test_an_unused_warning_sign_can_be_deleted(admin_client):
    sign = models.WarningSign.objects.get(slug="night_pain")
    sign.triggered_by.clear()

    response = admin_client.post(admin_url(models.WarningSign, "delete", sign.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not models.WarningSign.objects.filter(slug="night_pain").exists()


def test_deleting_a_question_other_questions_depend_on_is_refused(admin_client):
    pain = _question("pain")

    response = admin_client.post(admin_url(models.Question, "delete", pain.pk), {"post": "yes"})

    assert "Where do you feel the pain?" in response.content.decode()
    assert models.Question.objects.filter(slug="pain").exists()


def test_deleting_a_page_with_questions_is_refused(admin_client):
    page = models.QuestionnairePage.objects.get(slug="habits")

    admin_client.post(admin_url(models.QuestionnairePage, "delete", page.pk), {"post": "yes"})

    assert models.QuestionnairePage.objects.filter(slug="habits").exists()


def test_deleting_an_answer_used_in_shown_if_is_refused(admin_client):
    pain = _question("pain")
    data = form_data(admin_client.get(admin_url(models.Question, "change", pain.pk)))
    index = next(k for k, v in data.items() if v == "sharp" and k.endswith("-slug"))

    response = admin_client.post(
        admin_url(models.Question, "change", pain.pk),
        {**data, index.replace("-slug", "-DELETE"): "on"},
    )

    assert "“Yes, a sharp pain” cannot be deleted" in _errors(response)
    assert _option("pain", "sharp")


def test_submissions_are_read_only(admin_client, submission):
    change = admin_url(models.Submission, "change", submission.pk)

    assert admin_client.get(admin_url(models.Submission, "add")).status_code == 403
    assert admin_client.post(change, {"level": "normal"}).status_code == 403
    submission.refresh_from_db()
    assert submission.level == "see_doctor"


def test_submission_shows_its_answers_in_the_patients_words(admin_client, submission):
    html = admin_client.get(admin_url(models.Submission, "change", submission.pk)).content.decode()

    assert "<dt>When do you notice the popping?</dt>" in html
    assert "<dd>When walking, When stretching or arching my back</dd>" in html
    assert "Sharp, lasting or worsening pain with the popping" in html


def test_submission_is_found_by_its_reference_typed_in_any_case(admin_client, submission):
    models.Submission.objects.create(
        reference="BP-2222AA",
        submitted_on=submission.submitted_on,
        level="normal",
        answers={},
        content_version=3,
    )
    changelist = admin_url(models.Submission, "changelist")

    found = admin_client.get(changelist, {"q": " bp-7k3f9q "})

    assert list(found.context["cl"].result_list) == [submission]
    assert list(admin_client.get(changelist, {"q": "7K3F9Q"}).context["cl"].result_list) == []


def test_only_a_superuser_can_delete_a_submission(client, submission):
    staff = User.objects.create_user("nurse", password="pw", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_submission"))
    client.force_login(staff)

    response = client.post(admin_url(models.Submission, "delete", submission.pk), {"post": "yes"})

    assert response.status_code == 403
    assert models.Submission.objects.filter(pk=submission.pk).exists()
