"""Every offered language complete before publishing, and translations reviewed.

Part of the checklist (triage.publishing) and of `manage.py check_content`, beside the
safety checks (triage.safety), on the same snapshot:

- an error for each item a patient can meet (active, on an active page and question) with a
  text whose translation into an offered language is empty, naming the item and the texts:
  a version never reaches patients half-translated. A text empty in English needs none.
- a warning per kind of item listing those whose translation nobody has ticked off as
  reviewed yet ("translation reviewed" in the admin). It does not block publishing: the
  default content ships its Welsh this way, for a Welsh-speaking clinician to review.

English alone (BACKPOP_LANGUAGES=en) needs no translation at all.
"""

from collections.abc import Iterator

from triage.languages import DEFAULT, NAMES, TRANSLATED_FIELDS, column, offered
from triage.safety import Problem

# What staff call each kind of item and each text, as the admin names them.
KINDS = {
    "Cause": "Cause",
    "WarningSign": "Warning sign",
    "Recommendation": "Recommendation",
    "OutcomeText": "Outcome text",
    "ClinicDetails": "Clinic details",
    "QuestionnairePage": "Page",
    "Question": "Question",
    "AnswerOption": "Answer",
}
FIELD_NAMES = {
    "explanation": "why this matters",
    "call_to_action": "what to do",
    "name": "clinic name",
    "intro": "introduction",
    "text": "question",
    "help_text": "help text",
}


def _items(snapshot: dict) -> Iterator[tuple[str, str, dict]]:
    """(model, how staff recognise it, its snapshot row) of every item patients can meet."""
    for model, key in (("Cause", "causes"), ("WarningSign", "warning_signs")):
        for row in snapshot[key]:
            if row["is_active"]:
                yield model, f"“{row['title']}” ({row['slug']})", row
    for row in snapshot["recommendations"]:
        if row["is_active"]:
            yield "Recommendation", f"“{row['title']}” ({row['slug']})", row
    for row in snapshot["outcomes"]:
        yield "OutcomeText", f"“{row['heading']}” ({row['level']})", row
    if snapshot["clinic"]:
        yield "ClinicDetails", f"“{snapshot['clinic']['name']}”", snapshot["clinic"]
    for page in snapshot["pages"]:
        if not page["is_active"]:
            continue
        yield "QuestionnairePage", f"“{page['title']}” ({page['slug']})", page
        for question in page["questions"]:
            if not question["is_active"]:
                continue
            yield "Question", f"“{question['text']}” ({question['slug']})", question
            for option in question["options"]:
                if option["is_active"]:
                    name = f"“{option['label']}” ({question['slug']}/{option['slug']})"
                    yield "AnswerOption", name, option


def missing(row: dict, model: str, language: str) -> list[str]:
    """The texts of `row` that have English but no translation into `language`."""
    return [
        field
        for field in TRANSLATED_FIELDS[model]
        if (row.get(field) or "").strip() and not (row.get(column(field, language)) or "").strip()
    ]


def problems(snapshot: dict) -> list[Problem]:
    found: list[Problem] = []
    for language in offered():
        if language == DEFAULT:
            continue
        name = NAMES[language]
        unreviewed: dict[str, list[str]] = {}
        for model, item, row in _items(snapshot):
            if gaps := missing(row, model, language):
                texts = ", ".join(FIELD_NAMES.get(field, field) for field in gaps)
                found.append(
                    Problem(
                        "error",
                        "translation_missing",
                        f"{KINDS[model]} {item} has no {name} {texts}. Patients reading "
                        f"{name} would meet it in English: fill in its {name} text, or retire "
                        "it.",
                    )
                )
            elif not row.get("translation_reviewed", False):
                unreviewed.setdefault(model, []).append(item)
        for model, items in unreviewed.items():
            found.append(
                Problem(
                    "warning",
                    "translation_unreviewed",
                    f"{name} texts not reviewed yet, {KINDS[model].lower()}: {'; '.join(items)}. "
                    f"Have a clinician who reads {name} check each against the English, then "
                    "tick “translation reviewed” on it.",
                )
            )
    return found
