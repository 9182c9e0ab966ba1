"""The result page as NHS.UK patterns shape it (issue 15), checked without a browser.

An emergency result says what to do now, why and the reference, and nothing that reassures;
every level offers an action that works with the default content; each quoted answer names
its question; every page has a meta description; the result says when it was produced.
"""

import re
import runpy
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.html import escape

from tests.patient import outcome_of
from triage.content import current_content
from triage.models import ClinicDetails

pytestmark = pytest.mark.django_db

LEVELS = {
    "emergency": {"emergency_signs": "saddle_numbness"},
    "urgent": {"nerve_symptoms": "numbness"},
    "see_doctor": {"movement": "yes"},
    "normal": {},
}


@pytest.fixture
def result_of(patient, client):
    """The result page's HTML for one of LEVELS, reached as a patient reaches it."""

    def result_of(level: str) -> str:
        response = patient.result(**LEVELS[level])
        assert outcome_of(response) == level
        return response.content.decode()

    return result_of


def _main(html: str) -> str:
    return re.search(r"<main.*</main>", html, re.S)[0]


def _reassurance() -> list[str]:
    """Every text that calms a patient down: the causes, self-care and "get help if" lists."""
    engine = current_content().engine
    return [
        *(escape(cause.title) for cause in engine.causes),
        *(escape(advice.title) for advice in engine.recommendations),
        "Common, harmless causes",
        "Get help if",
    ]


def test_an_emergency_result_says_what_to_do_now_why_and_the_reference_and_nothing_else(
    result_of,
):
    main = _main(result_of("emergency"))
    number = current_content().clinic.emergency_number

    assert "Immediate action required:" in main
    assert f'href="tel:{number}"' in main
    assert "You answered “" in main and 'data-warning-sign="cauda_equina"' in main
    assert re.search(r'class="reference-code">BP-\w+<', main)
    found = [text for text in _reassurance() if text in main]
    assert found == [], "an emergency result reassures"


def test_an_urgent_result_decides_like_a_clinician_without_reassurance(result_of):
    main = _main(result_of("urgent"))

    assert "Urgent advice:" in main
    assert "You answered “" in main
    assert "If it gets worse before you are seen" in main
    assert [text for text in _reassurance() if text in main] == []


@pytest.mark.parametrize("level", ["see_doctor", "normal"])
def test_causes_and_safety_netting_stay_on_see_a_doctor_and_normal_results(result_of, level):
    main = _main(result_of(level))
    engine = current_content().engine

    for cause in engine.causes:
        assert escape(cause.title) in main
    for advice in engine.recommendations:
        if advice.kind == "get_help":
            assert escape(advice.title) in main


def test_with_the_default_content_an_urgent_result_offers_nhs_111_online_and_call_111(result_of):
    main = _main(result_of("urgent"))

    assert '<a href="https://111.nhs.uk/">get help from NHS 111 online</a>' in main
    assert '<a href="tel:111">call 111</a>' in main


def test_the_urgent_advice_service_is_configurable(result_of, settings):
    settings.BACKPOP_URGENT_ADVICE_NAME = "NHS 24"
    settings.BACKPOP_URGENT_ADVICE_URL = "https://www.nhs24.scot/"
    settings.BACKPOP_URGENT_ADVICE_PHONE = ""
    main = _main(result_of("urgent"))

    assert '<a href="https://www.nhs24.scot/">get help from NHS 24 online</a>' in main
    assert "tel:111" not in main


def test_a_link_that_is_not_a_web_address_is_refused_at_start_up(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("BACKPOP_URGENT_ADVICE_URL", "javascript:alert(1)")
    with pytest.raises(ImproperlyConfigured, match="BACKPOP_URGENT_ADVICE_URL"):
        runpy.run_path(str(settings.BASE_DIR / "backpop_site" / "settings.py"))


def test_an_urgent_result_without_any_advice_service_is_refused_at_start_up(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("BACKPOP_URGENT_ADVICE_URL", "")
    monkeypatch.setenv("BACKPOP_URGENT_ADVICE_PHONE", "")
    with pytest.raises(ImproperlyConfigured, match="cannot both be empty"):
        runpy.run_path(str(settings.BASE_DIR / "backpop_site" / "settings.py"))


def test_the_clinics_own_phone_and_booking_link_join_the_actions_once_set(result_of, publish):
    ClinicDetails.objects.update(
        name="Riverside Clinic", phone="020 7946 0000", booking_url="https://book.example.org/"
    )
    publish(note="Our clinic's details.")

    urgent = _main(result_of("urgent"))
    assert 'Call Riverside Clinic today on <a href="tel:020 7946 0000">' in urgent
    assert '<a href="https://book.example.org/">Book an appointment with Riverside Clinic</a>' in (
        urgent
    )
    assert "Or you can" in urgent and "https://111.nhs.uk/" in urgent
    see_doctor = _main(result_of("see_doctor"))
    assert '<a href="https://book.example.org/">' in see_doctor
    assert 'href="tel:020 7946 0000"' in see_doctor
    emergency = _main(result_of("emergency"))
    assert "Riverside" not in emergency.split("</section>")[0], "one action in an emergency card"


def test_with_the_default_content_see_a_doctor_says_to_contact_a_gp(result_of):
    assert "Contact your GP surgery and ask for an appointment." in _main(result_of("see_doctor"))


def test_a_normal_result_points_to_when_to_get_help(result_of):
    main = _main(result_of("normal"))
    assert '<a href="#get-help-heading">When to get help</a>' in main
    assert 'id="get-help-heading"' in main


def test_a_yes_no_answer_is_quoted_with_its_question(result_of):
    question = current_content().engine.questions["movement"].text
    assert escape(f"You answered yes to: {question}") in result_of("see_doctor")


def test_a_chosen_answer_is_quoted_with_its_question(result_of):
    question = current_content().engine.questions["emergency_signs"]
    label = question.option("saddle_numbness").label
    quote = f"You answered “{label}” to: {question.text}"
    assert escape(quote) in result_of("emergency")


def test_two_questions_raising_one_sign_are_each_quoted(patient):
    questions = current_content().engine.questions
    html = patient.result(pain="sharp", pain_spread="one_leg", night_pain="yes").content.decode()
    pain, spread = questions["pain"], questions["pain_spread"]
    assert escape(f"You answered “{pain.option('sharp').label}” to: {pain.text}") in html
    assert escape(f"to: {spread.text}") in html
    night = questions["night_pain"].text
    assert escape(f"You answered yes to: {night}") in html


def test_the_result_says_when_it_was_produced_in_the_clinics_time(result_of, monkeypatch):
    july = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)  # 14:05 in London, summer time
    monkeypatch.setattr(timezone, "now", lambda: july)

    html = result_of("normal")

    assert '<p class="produced">Result produced on <time datetime="2026-07-14T14:05:00+01:00">' in (
        html
    )
    assert "14 July 2026 at 14:05 BST</time>" in html


def _description(html: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, f"{len(found)} meta descriptions"
    return found[0]


def test_every_patient_page_has_its_own_meta_description(patient, client):
    pages = {path: client.get(path) for path in ["/", "/privacy/", "/check/expired/"]}
    pages["a page not found"] = client.get("/no-such-page/")
    patient.start()
    pages["a question"] = patient.page
    pages["a question with errors"] = patient.submit({})
    patient.answer_all()
    pages["check your answers"] = client.get("/check/answers/")
    for level in LEVELS:
        pages[level] = patient.result(**LEVELS[level])

    descriptions = {where: _description(page.content.decode()) for where, page in pages.items()}
    assert all(len(text) > 40 for text in descriptions.values()), descriptions
    assert len(set(descriptions.values())) >= len(descriptions) - 1  # errors share their page's
