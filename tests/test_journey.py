"""A patient's whole way through the questionnaire, through Django's test client."""

import pytest
from django.template import Context, Template
from django.utils.html import escape

from tests.patient import outcome_of, warning_signs_in
from triage.content import current_content
from triage.models import Question, Submission
from triage.publishing import publish

pytestmark = pytest.mark.django_db


def test_start_page_explains_the_check_and_the_emergency_number(client):
    page = client.get("/").content.decode()
    assert "not a diagnosis" in page
    assert 'href="tel:999"' in page
    assert 'action="/check/start/"' in page
    assert "/privacy/" in page


def test_privacy_page_says_what_is_kept_and_what_is_not(client):
    page = client.get("/privacy/").content.decode()
    assert "reference code" in page
    assert "IP address" in page
    assert "Your answers are never in a cookie." in page


def test_all_clear_answers_give_a_normal_result_with_self_care_advice(patient):
    result = patient.result()
    assert outcome_of(result) == "normal"
    assert warning_signs_in(result) == []
    page = result.content.decode()
    assert "Your back popping sounds normal" in page
    assert "Keep a good posture" in page
    assert "Get help if" in page


def _question(slug: str):
    return current_content().engine.questions[slug]


def test_moving_less_than_usual_means_seeing_a_doctor(patient):
    result = patient.result(movement="yes")
    assert outcome_of(result) == "see_doctor"
    assert warning_signs_in(result) == ["reduced_motion"]
    question = _question("movement").text
    assert escape(f"You answered yes to: {question}") in result.content.decode()


def test_numbness_in_a_leg_means_getting_advice_today(patient):
    result = patient.result(nerve_symptoms=["numbness", "tingling"])
    assert outcome_of(result) == "urgent"
    assert warning_signs_in(result) == ["nerve_symptoms"]
    question = _question("nerve_symptoms")
    numbness, tingling = (question.option(slug).label for slug in ("numbness", "tingling"))
    quote = f"You answered “{numbness}” and “{tingling}” to: {question.text}"
    assert escape(quote) in result.content.decode()


def test_emergency_answer_ends_questionnaire_at_once(patient, client):
    patient.start()
    assert patient.answer_page({"emergency_signs": ["saddle_numbness"]}) == "/check/result/"
    result = client.get("/check/result/")
    assert outcome_of(result) == "emergency"
    assert warning_signs_in(result) == ["cauda_equina"]
    assert 'href="tel:999"' in result.content.decode()
    # Nobody with emergency symptoms is asked anything more.
    assert client.get("/check/the-popping/")["Location"] == "/check/result/"
    assert client.get("/check/answers/")["Location"] == "/check/result/"


def test_result_lists_the_most_urgent_warning_sign_first(patient):
    result = patient.result(movement="yes", general_health="fever")
    assert outcome_of(result) == "urgent"
    assert warning_signs_in(result) == ["infection_signs", "reduced_motion"]


def test_progress_counts_the_follow_up_page_up_front(patient):
    patient.start()
    assert "Step 1 of 9" in patient.html
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    patient.open(
        patient.answer_page({"popping_when": ["walking"], "popping_duration": ["2_to_6_weeks"]})
    )
    assert "Step 3 of 9" in patient.html
    patient.open(patient.answer_page({"pain": ["sharp"]}))
    assert patient.url == "/check/pain-details/"
    assert "Step 4 of 9" in patient.html


def test_progress_leaves_out_a_follow_up_page_once_an_answer_rules_it_out(patient):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    patient.open(
        patient.answer_page({"popping_when": ["walking"], "popping_duration": ["2_to_6_weeks"]})
    )
    patient.open(patient.answer_page({"pain": ["no_pain"]}))
    assert patient.url == "/check/nerves/"
    assert "Step 4 of 8" in patient.html


def test_follow_up_questions_are_skipped_when_not_relevant(patient):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    patient.open(
        patient.answer_page({"popping_when": ["walking"], "popping_duration": ["2_to_6_weeks"]})
    )
    assert patient.answer_page({"pain": ["no_pain"]}) == "/check/nerves/"


def test_back_keeps_every_answer_including_the_page_being_left(patient, client):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    back = patient.submit({"popping_when": ["bending_twisting"]}, action="back")
    assert back["Location"] == "/check/emergency-check/"
    assert 'value="none" checked' in patient.open("/check/emergency-check/").content.decode()
    page = patient.open("/check/the-popping/").content.decode()
    assert 'value="bending_twisting" checked' in page
    assert "There is a problem" not in page


def test_back_from_the_first_page_returns_to_the_start(patient):
    patient.start()
    assert patient.submit({}, action="back")["Location"] == "/"


def test_change_from_check_your_answers_returns_there(patient, client):
    assert patient.answer_all() == "/check/answers/"
    assert "Check your answers" in client.get("/check/answers/").content.decode()
    patient.open("/check/nerves/")
    assert 'value="none" checked' in patient.html
    assert patient.answer_page({"nerve_symptoms": ["tingling"]}) == "/check/answers/"
    assert "Pins and needles or tingling" in client.get("/check/answers/").content.decode()


def test_change_that_makes_a_follow_up_relevant_asks_it_before_returning(patient, client):
    patient.answer_all()
    client.get("/check/answers/")
    patient.open("/check/pain/")
    assert patient.answer_page({"pain": ["lasting"]}) == "/check/pain-details/"
    patient.open("/check/pain-details/")
    assert patient.answer_page({"pain_spread": ["back_only"], "night_pain": ["no"]}) == (
        "/check/answers/"
    )


def test_stale_answers_to_questions_no_longer_asked_are_ignored(patient, client):
    patient.answer_all(pain="sharp", pain_spread="both_legs", night_pain="yes")
    client.get("/check/answers/")
    patient.open("/check/pain/")
    patient.answer_page({"pain": ["no_pain"]})
    answers = client.get("/check/answers/").content.decode()
    assert "Where do you feel the pain?" not in answers
    patient.confirm()
    result = client.get("/check/result/")
    assert outcome_of(result) == "normal"


def test_check_your_answers_lists_every_asked_question_with_a_change_link(patient, client):
    patient.answer_all(weight_advice="yes")
    page = client.get("/check/answers/").content.decode()
    for question in Question.objects.exclude(page__slug="pain-details"):
        assert question.text in page
    assert "Where do you feel the pain?" not in page
    assert page.count(">Change<") == 14
    assert 'href="/check/habits/"' in page


def test_a_required_question_left_empty_is_explained_at_the_top_and_by_the_question(patient):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    page = patient.submit({"popping_when": ["walking"]}).content.decode()
    assert "There is a problem" in page
    assert 'href="#popping_duration-under_2_weeks"' in page
    assert "How long has it been happening? Select an answer." in page
    assert 'id="popping_duration_error"' in page
    assert 'value="walking" checked' in page  # what they did answer is still ticked


def test_none_of_these_cannot_be_chosen_with_other_answers(patient, client):
    patient.start()
    response = patient.submit({"emergency_signs": ["none", "serious_accident"]})
    assert response.status_code == 200
    assert "“None of these” cannot be chosen with other answers." in response.content.decode()
    assert client.get("/check/result/")["Location"] == "/check/emergency-check/"


def test_an_empty_multiple_choice_question_asks_for_none_of_these(patient):
    patient.start()
    page = patient.submit({}).content.decode()
    assert "Select at least one answer, or “None of these”." in page


def test_start_again_forgets_every_answer(patient, client):
    patient.answer_all(movement="yes")
    client.post("/check/start/")
    assert "checked" not in patient.open("/check/emergency-check/").content.decode()
    assert client.get("/check/result/")["Location"] == "/check/emergency-check/"


def test_a_published_edit_shows_to_patients_who_start_after_it(patient, client, admin_user):
    started_on = current_content().version
    patient.start()
    question = Question.objects.get(slug="emergency_signs")
    question.text = "Do you have any of these symptoms today?"
    question.save()
    assert question.text not in patient.open(patient.url).content.decode()  # still a draft
    publish(admin_user, "Say that the question is about today.")

    # Mid-journey, the patient keeps the version they started on, to their result.
    assert question.text not in patient.open(patient.url).content.decode()
    assert patient.answer_rest() == "/check/answers/"
    patient.confirm()
    assert Submission.objects.get().content_version == started_on
    patient.start()
    assert question.text in patient.html


def test_questionnaire_pages_are_never_cached(patient, client):
    patient.start()
    for url in ("/", patient.url, "/check/expired/"):
        assert "no-store" in client.get(url)["Cache-Control"]
    patient.result()
    for url in ("/check/answers/", "/check/result/"):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_every_page_type_shows_the_emergency_number_outcome_and_call_to_action(patient, client):
    site = current_content()
    number = site.clinic.emergency_number
    pages = {path: client.get(path).content.decode() for path in ["/", "/check/expired/"]}
    for level, answers in {
        "see_doctor": {"movement": "yes"},
        "urgent": {"nerve_symptoms": "numbness"},
        "normal": {},
    }.items():
        pages[level] = patient.result(**answers).content.decode()
    patient.start()
    patient.answer_page({"emergency_signs": ["saddle_numbness"]})
    pages["emergency"] = client.get("/check/result/").content.decode()

    assert number
    for where, html in pages.items():
        assert f"call {number} now" in html.lower() or f"Call {number}" in html, where
        if where in site.outcomes:
            outcome = site.outcomes[where]
            assert f"{escape(outcome.heading)}</h1>" in html
            assert f"<strong>{escape(outcome.call_to_action)}</strong>" in html


def test_a_misspelt_template_variable_fails_instead_of_showing_nothing():
    with pytest.raises(AssertionError, match="emergency_numbr"):
        Template("Call {{ clinic.emergency_numbr }}").render(Context({"clinic": {}}))
