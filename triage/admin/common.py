"""Shared pieces of the admin: level badges, links to answers, and guarded deletes."""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from triage import integrity, models
from triage.levels import Level

EXCLUSIVE_ONLY_ON_MULTIPLE = _("Only a multiple-choice question can have an exclusive answer.")
RETIRE_INSTEAD = _(
    "Nothing was deleted: other content still uses what you chose (listed below). Remove those "
    "links first, or untick “active” to retire it instead and keep the history."
)
# Content in questionnaire order: pages by (order, pk), then their questions, then answers.
QUESTIONS_IN_ORDER = ["page__order", "page__pk", "order", "pk"]
OPTIONS_IN_ORDER = [f"question__{field}" for field in QUESTIONS_IN_ORDER] + ["order", "pk"]


def badge(level: str) -> str:
    label = dict(Level.choices).get(level, level)
    return format_html('<span class="bp-level bp-level--{}">{}</span>', level, label)


@admin.display(description=_("level"), ordering="level")
def level_badge(obj) -> str:
    return badge(obj.level)


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def option_links(options) -> str:
    """Each option as 'question text: option label', linking to the question it belongs to."""
    rows = [
        (change_url(o.question), integrity.option_name(o), "" if o.is_active else _(" (retired)"))
        for o in options.select_related("question__page").order_by(*OPTIONS_IN_ORDER)
    ]
    if not rows:
        return _("No answer uses it.")
    items = format_html_join("", '<li><a href="{}">{}</a>{}</li>', rows)
    return format_html('<ul class="bp-links">{}</ul>', items)


def option_dependants(options):
    """Answer options that link to a piece of content, as protected-list entries."""
    return [
        format_html(
            '{}: <a href="{}">{}</a>',
            capfirst(models.AnswerOption._meta.verbose_name),
            change_url(o.question),
            integrity.option_name(o),
        )
        for o in options.select_related("question").order_by(*OPTIONS_IN_ORDER)
    ]


class StyledAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["admin/css/backpop-admin.css"]}


class ContentAdmin(StyledAdmin):
    """Refuses deletes that would silently unlink content, and checks the content after saves."""

    def dependants(self, obj) -> list[str]:
        """Content that relies on `obj` and would quietly change if it were deleted."""
        return []

    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        blocking = [entry for obj in objs for entry in self.dependants(obj)]
        if blocking:
            protected = [*protected, *blocking]
            self.message_user(request, RETIRE_INSTEAD, messages.WARNING)
        return to_delete, counts, perms_needed, protected

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        errors = [p for p in integrity.content_problems() if p.severity == "error"]
        if errors:
            shown = " ".join(p.message for p in errors[:3])
            more = _(" (%(count)d more: see check_content.)") % {"count": len(errors) - 3}
            self.message_user(
                request,
                _("Saved, but the questionnaire content now has problems: %(problems)s")
                % {"problems": shown + (more if len(errors) > 3 else "")},
                messages.WARNING,
            )


class LinkedFromAnswersAdmin(ContentAdmin):
    """Content that answer options link to: listed on its page, and guarded against deletes."""

    answers_relation: str  # the reverse accessor from this content to its answer options
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["answer_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count(self.answers_relation))

    @admin.display(description=_("answers linking here"), ordering="answer_count")
    def answer_count(self, obj):
        return obj.answer_count

    @admin.display(description=_("linked from answers"))
    def answer_links(self, obj):
        return option_links(getattr(obj, self.answers_relation).all())

    def dependants(self, obj):
        return option_dependants(getattr(obj, self.answers_relation).all())
