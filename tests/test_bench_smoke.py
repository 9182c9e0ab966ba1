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
