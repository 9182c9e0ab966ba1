"""Short slugs: staff may leave a slug blank and get one made from the title.

Django's prepopulated fields make long hyphenated sentences of a title
("can-you-move-or-bend-your-back-less-than-usual"); the content's own slugs are a few words
with underscores ("move_or_bend_back"). Made on the server when the form is saved, so it
needs no script and works the same in every browser and in tests.
"""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

# Words a slug does without, so it keeps what the text is about: "Can you move or bend your
# back less than usual?" gives "move_or_bend_back", like the default content's slugs.
SLUG_SKIPS = frozenset(
    re.findall(
        r"\w+",
        "a about am an any are as at be been by can could did do does for from had has have how "
        "i if in is it its me my of on our please should some than that the their there these "
        "they this those to us was we were what when where which who why will with would you "
        "your",
    )
)
SLUG_WORDS = 4
JOINERS = ("and", "or", "but")


def short_slug(text: str, separator: str = "_") -> str:
    """A short, lowercase slug of `text`'s first few meaningful words."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    kept = [word for word in words if word not in SLUG_SKIPS][:SLUG_WORDS] or words[:SLUG_WORDS]
    while len(kept) > 1 and kept[-1] in JOINERS:
        kept.pop()
    while len(kept) > 1 and kept[0] in JOINERS:
        kept.pop(0)
    return separator.join(kept)


def unique_slug(slug: str, taken: set[str], separator: str = "_", max_length: int = 60) -> str:
    """`slug`, or `slug` with the first number from 2 that no other item uses."""
    candidate, number = slug[:max_length], 2
    while candidate in taken:
        suffix = f"{separator}{number}"
        candidate, number = slug[: max_length - len(suffix)] + suffix, number + 1
    return candidate


class ShortSlugForm(forms.ModelForm):
    """A slug left blank is made from the title (or question, or label) on save: short and
    underscored, like the default content's. Staff may still type their own."""

    # The English text, once django-modeltranslation has split each text by language.
    slug_sources = ("title_en", "text_en", "label_en", "title", "text", "label")
    slug_separator = "_"
    slug_filled = False  # whether clean() made the slug

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field, source = self.fields.get("slug"), self._slug_source()
        if field is None or source is None:
            return
        field.required = False
        example = short_slug("Can you move or bend your back less than usual?", self.slug_separator)
        field.help_text = _(
            "%(help)s Leave blank to make a short one from the %(source)s, such as “%(example)s”."
        ) % {
            "help": field.help_text,
            # The text's own name ("question"), not its English column's ("question (English)").
            "source": self._meta.model._meta.get_field(source.removesuffix("_en")).verbose_name,
            "example": example,
        }

    def _slug_source(self) -> str | None:
        return next((name for name in self.slug_sources if name in self.fields), None)

    def clean(self):
        cleaned = super().clean()
        source = self._slug_source()
        self.slug_filled = False
        if "slug" in self.errors or source is None or not cleaned.get(source):
            return cleaned
        if "slug" in self.fields and not cleaned.get("slug"):
            made = short_slug(cleaned[source], self.slug_separator)
            cleaned["slug"] = unique_slug(made, self.taken_slugs(), self.slug_separator)
            self.slug_filled = True
        return cleaned

    def taken_slugs(self) -> set[str]:
        """Slugs another item already has, which this one cannot share."""
        others = self._meta.model.objects.exclude(pk=self.instance.pk)
        return set(others.values_list("slug", flat=True))
