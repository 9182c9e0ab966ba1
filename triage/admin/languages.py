"""The content's languages in the admin: each text's English and Welsh side by side.

django-modeltranslation's TranslationAdmin replaces each translated field of a form by one
field per language (`title (English)`, `title (Welsh)`); here each pair shares a row, so a
translator reads the English beside the Welsh they check. The forms need no script, so the
Content-Security-Policy holds (modeltranslation's tabbed admin would load jQuery from a CDN).

Translations are reviewed like any clinical text: a reviewer ticks "translation reviewed".
An English text changed on its own (its Welsh untouched, the tick not set in the same save)
makes the Welsh stale, so the tick is taken off again and the checklist lists it.
"""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationInlineModelAdmin

from triage.languages import DEFAULT, TRANSLATED_FIELDS, others

REVIEWED = "translation_reviewed"
REVIEW_AGAIN = _(
    "The English of “%(item)s” changed but not its Welsh, so its translation is marked for "
    "review again: update the Welsh, then tick “translation reviewed”."
)


def pair_languages(fields):
    """A fieldset's fields with each text's languages on one row: ("title_en", "title_cy"),
    and the review mark last, after the texts it is about."""
    rows = []
    for field in [f for f in fields if f != REVIEWED] + [f for f in fields if f == REVIEWED]:
        if isinstance(field, list | tuple):
            rows.append(tuple(field))
        elif rows and isinstance(rows[-1], str) and _same_text(rows[-1], field):
            rows[-1] = (rows[-1], field)
        elif rows and isinstance(rows[-1], tuple) and _same_text(rows[-1][0], field):
            rows[-1] = (*rows[-1], field)
        else:
            rows.append(field)
    return rows


def _same_text(english: str, other: str) -> bool:
    stem = english.removesuffix(f"_{DEFAULT}")
    return stem != english and any(other == f"{stem}_{code}" for code in others())


def english_changed_alone(form) -> bool:
    """Whether a saved form changed an English text of an existing item but not its other
    languages, without ticking "translation reviewed" itself."""
    if form.instance.pk is None or not form.has_changed():
        return False
    changed = set(form.changed_data)
    if "translation_reviewed" in changed or not form.instance.translation_reviewed:
        return False
    fields = TRANSLATED_FIELDS.get(form.instance._meta.object_name, ())
    return any(
        f"{field}_{DEFAULT}" in changed
        and not any(f"{field}_{code}" in changed for code in others())
        for field in fields
    )


class TranslatedAdmin(TranslationAdmin):
    """A content admin with its languages side by side and the review mark kept honest."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": pair_languages(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "translation_reviewed"]

    def save_model(self, request, obj, form, change):
        if english_changed_alone(form):
            obj.translation_reviewed = False
            self.message_user(request, REVIEW_AGAIN % {"item": obj}, messages.WARNING)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if english_changed_alone(inline_form):
                inline_form.instance.translation_reviewed = False
                item = inline_form.instance
                self.message_user(request, REVIEW_AGAIN % {"item": item}, messages.WARNING)
        super().save_formset(request, form, formset, change)


class TranslatedInline(TranslationInlineModelAdmin):
    """An inline of translated content (the answers on a question's page), paired likewise."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": pair_languages(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
