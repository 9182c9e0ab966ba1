"""Shared pieces of the admin: level badges, links to answers, and guarded deletes."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from triage import models, publishing
from triage.admin.languages import TranslatedAdmin
from triage.admin.slugs import ShortSlugForm
from triage.levels import Level
from triage.snapshot import draft_snapshot

RETIRE_INSTEAD = _(
    "Nothing was deleted: other content still uses what you chose (listed below). Remove those "
    "links first, or untick “active” to retire it instead and keep the history."
)
# Content in questionnaire order: pages by (order, pk), then their questions, then answers.
QUESTIONS_IN_ORDER = ["page__order", "page__pk", "order", "pk"]
OPTIONS_IN_ORDER = [f"question__{field}" for field in QUESTIONS_IN_ORDER] + ["order", "pk"]


def page_position(page: models.QuestionnairePage) -> tuple[int, int]:
    """Where a page comes in the questionnaire: pages run in (order, pk) order."""
    return (page.order, page.pk)


def options_before(page: models.QuestionnairePage):
    """Answer options on pages strictly earlier than `page`: the only valid shown-if targets."""
    return models.AnswerOption.objects.filter(
        Q(question__page__order__lt=page.order)
        | Q(question__page__order=page.order, question__page__pk__lt=page.pk)
    )


def option_name(option: models.AnswerOption) -> str:
    return f"{option.question.text}: {option.label}"


def shown_if_error(
    option: models.AnswerOption, page: models.QuestionnairePage, question_id: int | None
) -> str | None:
    """What is wrong with asking a question on `page` only if `option` was chosen, or None.

    Only an answer on a strictly earlier page can decide whether a question is asked.
    """
    name = option_name(option)
    if question_id is not None and option.question_id == question_id:
        return f"an answer to the question itself: “{name}”"
    target, own = page_position(option.question.page), page_position(page)
    if target == own:
        return f"an answer on the same page: “{name}”"
    if target > own:
        return f"an answer on a later page (“{option.question.page}”): “{name}”"
    return None


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
        (change_url(o.question), option_name(o), "" if o.is_active else _(" (retired)"))
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
            option_name(o),
        )
        for o in options.select_related("question").order_by(*OPTIONS_IN_ORDER)
    ]


class StyledAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["admin/css/backpop-admin.css"]}


class ContentAdmin(SimpleHistoryAdmin, StyledAdmin):
    """The draft's content: each object's history of before and after values, deletes that
    would silently unlink content refused, and the checklist's verdict after each save."""

    history_list_display = ["history_username"]

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
        self.warn_if_unpublishable(request)

    def warn_if_unpublishable(self, request) -> None:
        """Say at once when a change leaves a draft that cannot be published, and why."""
        blocking = publishing.checklist(draft_snapshot()).blocking
        if blocking:
            shown = " ".join(blocking[:3])
            more = _(" (%(count)d more: see the checklist.)") % {"count": len(blocking) - 3}
            self.message_user(
                request,
                _("Saved to the draft, but the draft cannot be published now: %(problems)s")
                % {"problems": shown + (more if len(blocking) > 3 else "")},
                messages.WARNING,
            )


class TranslatedContentAdmin(TranslatedAdmin, ContentAdmin):
    """Content patients read: each text in every language, side by side (triage.admin.languages)."""


class LinkedFromAnswersAdmin(TranslatedContentAdmin):
    """Content that answer options link to: listed on its page, and guarded against deletes."""

    answers_relation: str  # the reverse accessor from this content to its answer options
    form = ShortSlugForm
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
