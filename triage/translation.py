"""The content's translated texts, found by django-modeltranslation when the app starts.

Each field of triage.languages.TRANSLATED_FIELDS gets a column per language beside it
(`title_en`, `title_cy`) in the same row, so a published snapshot keeps one entry per object
and just carries the Welsh beside the English (triage/snapshot.py).

The history of these models is registered here, after their language columns exist, as
django-simple-history documents for django-modeltranslation: a history model made when the
model class is (`history = HistoricalRecords()` on it) would miss the Welsh columns, and a
Welsh edit would leave no before and after values.
"""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register

from triage import models
from triage.languages import TRANSLATED_FIELDS
from triage.models.content import EditedBy

# The many-to-many links whose changes each model's history keeps.
HISTORY_LINKS = {
    "Question": ["shown_if"],
    "AnswerOption": ["warning_signs", "causes", "recommendations"],
}

for name, fields in TRANSLATED_FIELDS.items():
    model = getattr(models, name)
    translator.register(
        model, type(f"{name}Translation", (TranslationOptions,), {"fields": fields})
    )
    register(model, bases=[EditedBy], m2m_fields=HISTORY_LINKS.get(name, []))
