"""The benchmark's baseline asks what backpop asks, and its patient presses the right button.

`make bench-smoke` (CI runs it) starts both apps over HTTP; these checks need no server or
port: the textbook build (bench/textbook/) reads its questions from the default-content
migration, so it must walk the same pages and reach the same level as backpop's engine on the
published default content, or `make bench` would compare different questionnaires.
"""

import pytest

from bench.patient import ANSWER_SETS, parse_forms
from bench.textbook import content as textbook
from triage import engine
from triage.content import current_content


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_textbook_asks_the_pages_backpop_asks(name):
    answers = ANSWER_SETS[name]
    asked = engine.route(current_content().engine, answers).pages
    assert [page.slug for page in textbook.route(answers)] == [page.slug for page in asked]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_textbook_reaches_the_level_backpop_reaches(name):
    answers = ANSWER_SETS[name]
    expected = engine.assess(current_content().engine, answers).level
    assert textbook.assess({k: list(v) for k, v in answers.items()}).level == expected


def test_patient_presses_continue_and_never_the_wizards_back_button():
    page = """
    <form method="post" action="">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input type="hidden" name="questionnaire-current_step" value="pain">
      <input type="radio" name="pain-pain" value="no_pain">
      <input type="radio" name="pain-pain" value="sharp">
      <button name="wizard_goto_step" type="submit" value="the-popping">Back</button>
      <button type="submit">Continue</button>
    </form>"""
    (form,) = parse_forms(page)
    assert form.fields == {"csrfmiddlewaretoken": "t", "questionnaire-current_step": "pain"}
    assert form.choices == {"pain-pain": ["no_pain", "sharp"]}
    assert form.submit == {}  # the unnamed Continue button, not wizard_goto_step


def test_patient_sends_the_name_of_a_named_continue_button():
    page = """<form method="post" action="/check/pain/">
      <button type="submit" name="action" value="continue">Continue</button>
      <button type="submit" name="action" value="back">Back</button></form>"""
    (form,) = parse_forms(page)
    assert form.action == "/check/pain/"
    assert form.submit == {"action": "continue"}


@pytest.fixture
def connections_kept_open():
    """Calling the WSGI application itself, as the benchmark does, closes the database
    connection after each request (request_finished), and with it the test's transaction;
    Django's test client keeps it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_bench_patient_walks_backpop_in_welsh(connections_kept_open):
    """BENCH_LANGUAGE=cy: the benchmark's patient answers at /cy/ and reaches the Welsh result."""
    from django.core.wsgi import get_wsgi_application

    from bench.patient import Patient
    from bench.transport import WSGITransport

    patient = Patient(
        WSGITransport(get_wsgi_application(), "testserver"), "testserver", prefix="/cy"
    )

    assert patient.journey() == 8
    assert patient.reached == "/cy/check/result/"
    assert "Mae&#x27;r clecian yn eich cefn yn swnio&#x27;n normal" in patient.page
