"""Tampered, stale or strange requests get a clear page, a redirect or a 4xx, never a 500."""

import pytest
from django.conf import settings
from django.test import Client

from triage.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_the_first_page(patient):
    patient.start()


def test_an_option_that_does_not_exist_gets_a_form_error(patient):
    response = patient.submit({"emergency_signs": ["drop_table"]})
    assert response.status_code == 200
    assert "Choose one of the answers shown." in response.content.decode()


def test_a_single_choice_question_given_two_answers_gets_a_form_error(patient):
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    response = patient.submit(
        {"popping_when": ["walking"], "popping_duration": ["under_2_weeks", "over_6_weeks"]}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_post_without_the_journey_field_is_sent_to_the_expired_page(patient, client):
    response = client.post(patient.url, {"emergency_signs": "none", "action": "continue"})
    assert response["Location"] == "/check/expired/"
    assert "checked" not in patient.open(patient.url).content.decode()


def test_a_page_that_does_not_exist_is_not_found(patient, client):
    assert client.get("/check/no-such-page/").status_code == 404
    assert client.post("/check/no-such-page/", {"journey": patient.journey}).status_code == 404


def test_a_page_not_reached_yet_redirects_to_the_first_unanswered_page(patient, client):
    assert client.get("/check/habits/")["Location"] == "/check/emergency-check/"
    response = client.post("/check/habits/", {"journey": patient.journey, "sitting": "yes"})
    assert response["Location"] == "/check/emergency-check/"


def test_the_result_before_the_last_page_redirects_to_the_questionnaire(patient, client):
    assert client.get("/check/result/")["Location"] == "/check/emergency-check/"
    assert client.get("/check/answers/")["Location"] == "/check/emergency-check/"
    assert Submission.objects.count() == 0


def test_a_huge_body_is_refused_with_400(patient, client):
    response = client.post(
        patient.url, {"journey": patient.journey, "emergency_signs": "x" * 200_000}
    )
    assert response.status_code == 400


def test_too_many_fields_are_refused_with_400(patient, client):
    response = client.post(patient.url, {f"field{n}": "x" for n in range(500)})
    assert response.status_code == 400


def test_the_wrong_method_is_refused_with_405(client):
    assert client.put("/check/start/").status_code == 405
    assert client.post("/check/result/").status_code == 405


def test_an_expired_session_gets_the_friendly_expired_page():
    client = Client()  # a browser whose session has gone
    response = client.get("/check/the-popping/", follow=True)
    assert response.redirect_chain == [("/check/expired/", 302)]
    assert "Your answers have expired" in response.content.decode()
    assert client.get("/check/result/")["Location"] == "/check/expired/"
    assert client.get("/check/answers/")["Location"] == "/check/expired/"


def test_a_second_tab_on_an_old_page_gets_the_expired_page(patient, client):
    old_tab_journey = patient.journey
    client.post("/check/start/")  # started again in another tab
    response = client.post(
        patient.url, {"journey": old_tab_journey, "emergency_signs": "none", "action": "continue"}
    )
    assert response["Location"] == "/check/expired/"


def test_a_corrupted_session_is_treated_as_expired(patient, client):
    session = client.session
    session["triage"] = "not a journey"
    session.save()
    assert client.get(patient.url)["Location"] == "/check/expired/"


def test_a_forged_session_cookie_opens_nothing(patient, client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "forged-or-guessed-session-key-0123"
    assert client.get(patient.url)["Location"] == "/check/expired/"


def test_the_same_answer_posted_many_times_is_stored_once(patient, client):
    patient.submit({"emergency_signs": ["none"] * 190})
    assert client.session["triage"]["answers"] == {"emergency_signs": ["none"]}


def test_get_on_the_start_action_is_not_allowed(client):
    assert client.get("/check/start/").status_code == 405
