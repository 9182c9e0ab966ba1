"""The `triage` management command: answers in as JSON, the assessment out as JSON."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.patient import GET_HELP

ALL_CLEAR = {
    "emergency_signs": "none",
    "popping_when": ["walking"],
    "popping_duration": "under_2_weeks",
    "pain": "no_pain",
    "nerve_symptoms": ["none"],
    "after_injury": "no",
    "swelling": "no",
    "movement": "no",
    "general_health": ["none"],
    "daily_impact": ["none"],
    "sitting": "no",
    "exercise": "regularly",
    "water": "yes",
}


def _payload(**overrides) -> dict:
    answers = {**ALL_CLEAR, **overrides}
    return {question: chosen for question, chosen in answers.items() if chosen is not None}


def _triage(*args: str, **options) -> dict:
    out = StringIO()
    call_command("triage", *args, stdout=out, **options)
    return json.loads(out.getvalue())


def _failure(*args: str, **options) -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("triage", *args, stdout=StringIO(), **options)
    assert excinfo.value.returncode == 2
    return str(excinfo.value)


@pytest.mark.django_db
class TestAssessment:
    def test_all_clear_answers_print_a_normal_assessment(self):
        result = _triage(answers=json.dumps(_payload()))

        assert result == {
            "level": "normal",
            "warning_signs": [],
            "causes": ["tendons_ligaments", "gas_release", "alignment_shift"],
            "recommendations": ["posture", "exercise_stretching", "back_stretches", *GET_HELP],
            "asked_pages": [
                "emergency-check",
                "the-popping",
                "pain",
                "nerves",
                "injury-and-movement",
                "general-health",
                "daily-life",
                "habits",
            ],
        }

    def test_warning_signs_are_listed_most_urgent_first(self):
        payload = _payload(pain="sharp", pain_spread="both_legs", night_pain="no", movement="yes")

        result = _triage(answers=json.dumps(payload))

        assert result["level"] == "urgent"
        assert result["warning_signs"] == [
            "bilateral_leg_symptoms",
            "painful_popping",
            "reduced_motion",
        ]
        assert "pain-details" in result["asked_pages"]

    def test_an_emergency_answer_alone_is_enough_and_ends_the_questionnaire(self):
        result = _triage(answers='{"emergency_signs": ["saddle_numbness", "serious_accident"]}')

        assert result["level"] == "emergency"
        assert result["warning_signs"] == ["cauda_equina", "major_trauma"]
        assert result["asked_pages"] == ["emergency-check"]
        assert result["recommendations"] == GET_HELP

    def test_recommendations_list_self_care_then_get_help(self):
        payload = _payload(movement="yes", sitting="yes", water="no")

        result = _triage(answers=json.dumps(payload))

        assert result["recommendations"] == ["posture", "hydration", "ergonomics", *GET_HELP]

    def test_causes_suggested_by_the_answers_come_first(self):
        result = _triage(answers=json.dumps(_payload(popping_when="getting_up")))

        assert result["causes"] == ["alignment_shift", "gas_release", "tendons_ligaments"]

    def test_answers_to_questions_that_are_not_asked_are_ignored(self):
        payload = _payload(pain="no_pain", pain_spread="both_legs", night_pain="yes")

        result = _triage(answers=json.dumps(payload))

        assert result["level"] == "normal"
        assert "pain-details" not in result["asked_pages"]

    def test_answers_can_be_read_from_a_file(self, tmp_path):
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(_payload(after_injury="yes")), encoding="utf-8")

        result = _triage("--answers-file", str(path))

        assert result["level"] == "urgent"
        assert result["warning_signs"] == ["after_injury"]

    def test_the_same_option_twice_counts_once(self):
        result = _triage(answers=json.dumps(_payload(sitting=["yes", "yes"])))

        assert result["level"] == "normal"


@pytest.mark.django_db
class TestInvalidAnswers:
    def test_invalid_json_is_refused(self):
        assert "not valid JSON" in _failure(answers="{emergency_signs: none}")

    def test_json_that_is_not_an_object_is_refused(self):
        assert "must be a JSON object" in _failure(answers='["none"]')

    def test_an_answer_that_is_not_a_slug_or_a_list_of_slugs_is_refused(self):
        message = _failure(answers=json.dumps(_payload(pain=3)))

        assert "'pain'" in message
        assert "a number" in message

    def test_an_unknown_question_is_named(self):
        message = _failure(answers=json.dumps(_payload(mood="grumpy")))

        assert "Unknown question 'mood'" in message

    def test_an_unknown_option_is_named_with_its_question(self):
        message = _failure(answers=json.dumps(_payload(pain="agony")))

        assert "Question 'pain' on page 'pain': Choose one of the answers shown." in message
        assert "Given: agony." in message
        assert "Options: no_pain, brief_discomfort," in message  # what the caller could have meant

    def test_two_options_for_a_single_choice_question_are_refused(self):
        message = _failure(answers=json.dumps(_payload(exercise=["rarely", "regularly"])))

        assert "Question 'exercise' on page 'habits': Choose one of the answers shown." in message
        assert "Given: rarely, regularly." in message

    def test_two_options_for_a_yes_no_question_are_refused(self):
        message = _failure(answers=json.dumps(_payload(swelling=["yes", "no"])))

        assert "Question 'swelling' on page 'injury-and-movement': Choose one of" in message

    def test_an_exclusive_option_combined_with_another_is_refused(self):
        message = _failure(answers=json.dumps(_payload(nerve_symptoms=["none", "tingling"])))

        assert (
            "Question 'nerve_symptoms' on page 'nerves': “None of these” cannot be chosen with "
            "other answers." in message
        )

    def test_a_missing_required_answer_is_named_with_its_page(self):
        message = _failure(answers=json.dumps(_payload(water=None)))

        assert "Question 'water' on page 'habits': Select an answer. Given: nothing." in message

    def test_a_missing_answer_on_a_page_shown_by_an_earlier_answer_is_named(self):
        message = _failure(answers=json.dumps(_payload(pain="sharp", night_pain="no")))

        assert "Question 'pain_spread' on page 'pain-details': Select an answer." in message
        assert "night_pain" not in message

    def test_an_empty_list_for_a_required_question_counts_as_missing(self):
        message = _failure(answers=json.dumps(_payload(popping_when=[])))

        assert "Question 'popping_when' on page 'the-popping': Select at least one" in message

    def test_a_missing_optional_answer_is_accepted(self):
        assert _triage(answers=json.dumps(_payload(weight_advice=None)))["level"] == "normal"

    def test_every_problem_is_listed_at_once(self):
        message = _failure(answers=json.dumps(_payload(mood="grumpy", pain="agony", water=None)))

        assert "Unknown question 'mood'." in message
        assert "Given: agony." in message
        assert "Question 'water'" in message

    def test_an_unreadable_answers_file_is_refused(self, tmp_path):
        message = _failure("--answers-file", str(tmp_path / "missing.json"))

        assert "Cannot read the answers file" in message
        assert "missing.json" in message


def test_exactly_one_source_of_answers_is_required(tmp_path):
    with pytest.raises(CommandError, match="one of the arguments --answers --answers-file"):
        call_command("triage", stdout=StringIO())
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command("triage", "--answers", "{}", "--answers-file", str(tmp_path / "a.json"))


def test_the_command_line_exits_2_with_the_problem_on_stderr_and_prints_json(tmp_path):
    # A real process against a freshly migrated SQLite file, so the exit status is the real one.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backpop_site.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrated = manage("migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr

    invalid = manage("triage", "--answers", json.dumps(_payload(pain="agony")))
    assert invalid.returncode == 2
    assert "Question 'pain' on page 'pain': Choose one of the answers shown." in invalid.stderr
    assert invalid.stdout == ""

    valid = manage("triage", "--answers", json.dumps(_payload(movement="yes")))
    assert valid.returncode == 0, valid.stderr
    assert json.loads(valid.stdout)["warning_signs"] == ["reduced_motion"]
