"""The languages of the service: which texts are translated, which languages patients get.

A language here is a short code of MODELTRANSLATION_LANGUAGES ("en", "cy"): the suffix of a
content text's column (`title_cy`), of its key in a published snapshot, and what a
Submission records. Django names English "en-gb" (its LANGUAGE_CODE); `of()` maps either
to the short code. English is the default: every text has it, a snapshot's plain key
(`title`) holds it, and a Welsh text left empty shows the English one.
"""

from django.conf import settings
from django.utils import translation

DEFAULT = "en"

# Each content model's patient-facing texts, one column per language (triage/translation.py
# registers them with django-modeltranslation). Slugs, levels, links, phone numbers and
# sources are the same in every language.
TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "Cause": ("title", "description"),
    "WarningSign": ("title", "explanation"),
    "Recommendation": ("title", "description"),
    "OutcomeText": ("heading", "summary", "call_to_action"),
    "ClinicDetails": ("name",),
    "QuestionnairePage": ("title", "intro"),
    "Question": ("text", "help_text"),
    "AnswerOption": ("label",),
}

# What staff call each language in the admin and the checklist (the admin is English).
NAMES = {"en": "English", "cy": "Welsh"}


def all_languages() -> tuple[str, ...]:
    """Every language the product has a column for, English first."""
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def offered() -> tuple[str, ...]:
    """The languages patients are offered (BACKPOP_LANGUAGES), English first."""
    return tuple(settings.BACKPOP_LANGUAGES)


def others() -> tuple[str, ...]:
    """Every product language besides English: those with a `_<code>` key in a snapshot."""
    return tuple(code for code in all_languages() if code != DEFAULT)


def of(code: str | None) -> str:
    """The short code of a Django language code ("en-gb" -> "en"); English when unknown."""
    if code:
        code = code.lower()
        for short in all_languages():
            if code == short or code.startswith(short + "-"):
                return short
    return DEFAULT


def current() -> str:
    """The language of this request (the URL's), as a short code."""
    return of(translation.get_language())


def django_code(short: str) -> str:
    """Django's code for a short one: what translation.override and <html lang> take."""
    for code, _name in settings.LANGUAGES:
        if of(code) == short:
            return code
    return settings.LANGUAGE_CODE


def local_name(short: str) -> str:
    """The language's name in itself, as the patients' switcher shows it ("Cymraeg")."""
    return dict(settings.LANGUAGES)[django_code(short)]


def column(field: str, language: str) -> str:
    """A text's key in a snapshot: `title` for English, `title_cy` for Welsh."""
    return field if language == DEFAULT else f"{field}_{language}"
