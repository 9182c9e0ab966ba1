"""Patients read the default content easily: plain words first, at school grade 9 or below.

The texts are those of the latest published version after the migrations: what a patient on
a fresh install reads. Each is graded on its own with the Flesch-Kincaid formula
(tests/readability.py). Texts of one to three words ("Yes", "Numbness", "Rarely") are left
out: the formula grades a text by its sentence length and syllables per word, and on one or
two words it only says how long those words are ("Numbness" would be grade 8, "Rarely" 8).
"""

import re

import pytest

from tests.readability import flesch_kincaid_grade, syllables, words
from triage import models

pytestmark = pytest.mark.django_db

HIGHEST_GRADE = 9
SHORTEST_GRADED = 4  # words
# Medical words a patient may meet elsewhere: only ever in brackets, after plain words.
JARGON = ("cavitation", "cauda equina", "sciatica", "tendons", "ligaments", "inflamed")


def patient_texts(snapshot: dict) -> list[tuple[str, str]]:
    """Every text a patient can read in `snapshot`, as (where it is, the text)."""
    found = []

    def add(where: str, item: dict, *fields: str) -> None:
        found.extend((f"{where} {field}", item[field]) for field in fields if item[field])

    for cause in snapshot["causes"]:
        add(f"cause {cause['slug']}", cause, "title", "description")
    for sign in snapshot["warning_signs"]:
        add(f"warning sign {sign['slug']}", sign, "title", "explanation")
    for advice in snapshot["recommendations"]:
        add(f"recommendation {advice['slug']}", advice, "title", "description")
    for outcome in snapshot["outcomes"]:
        add(f"outcome {outcome['level']}", outcome, "heading", "summary", "call_to_action")
    for page in snapshot["pages"]:
        add(f"page {page['slug']}", page, "title", "intro")
        for question in page["questions"]:
            add(f"question {question['slug']}", question, "text", "help_text")
            for option in question["options"]:
                add(f"answer {question['slug']}/{option['slug']}", option, "label")
    return found


def _published() -> dict:
    return models.ContentVersion.objects.order_by("-number").first().snapshot


def test_every_text_a_patient_reads_is_at_grade_9_or_below():
    texts = patient_texts(_published())

    graded = [(where, text) for where, text in texts if len(words(text)) >= SHORTEST_GRADED]
    too_hard = [
        f"{where} (grade {grade:.1f}): {text}"
        for where, text in graded
        if (grade := flesch_kincaid_grade(text)) > HIGHEST_GRADE
    ]

    assert len(graded) > 100  # the questions, answers and results, not only a few titles
    assert not too_hard, "Reword these in plain words:\n" + "\n".join(too_hard)


def test_medical_words_come_only_in_brackets_after_plain_words():
    misplaced = []
    for where, text in patient_texts(_published()):
        outside_brackets = re.sub(r"\([^)]*\)", "", text).lower()
        misplaced += [f"{where}: {term}" for term in JARGON if term in outside_brackets]
        if text.startswith("("):
            misplaced.append(f"{where}: starts with brackets")

    assert not misplaced


def test_the_old_wording_of_the_emergency_sign_was_too_hard_and_the_new_is_not():
    old = (
        "Numbness around your bottom or genitals, new problems controlling your bladder or "
        "bowel, or worsening weakness in both legs can mean the nerves at the base of your "
        "spine are being squashed (cauda equina syndrome). This needs treatment in hospital "
        "straight away to prevent permanent damage."
    )
    new = models.WarningSign.objects.get(slug="cauda_equina").explanation

    assert flesch_kincaid_grade(old) > HIGHEST_GRADE
    assert flesch_kincaid_grade(new) <= HIGHEST_GRADE


def test_the_grade_follows_the_published_formula():
    # 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # 2 sentences, 6 words, 10 syllables: 0.39 * 6 / 2 + 11.8 * 10 / 6 - 15.59
    assert flesch_kincaid_grade("Gentle stretches help. Popping is harmless.") == pytest.approx(
        0.39 * 3 + 11.8 * 10 / 6 - 15.59
    )


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("back", 1),
        ("spine", 1),
        ("bones", 1),
        ("moved", 1),
        ("started", 2),
        ("causes", 2),
        ("ankle", 2),
        ("needles", 2),
        ("being", 2),
        ("peeing", 2),
        ("rarely", 2),
        ("numbness", 2),
        ("emergency", 4),
        ("permanent", 3),
        ("physiotherapist", 6),
        ("A&E", 3),
    ],
)
def test_syllables_are_counted_as_spoken(word, count):
    assert syllables(word) == count
