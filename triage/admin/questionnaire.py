"""Admin for the questionnaire: pages, their questions, and answer options inline."""

from urllib.parse import urlencode

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableStackedInline
from django import forms
from django.contrib import admin
from django.db.models import Count, Max, Q
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from triage import models
from triage.admin.common import (
    OPTIONS_IN_ORDER,
    QUESTIONS_IN_ORDER,
    TranslatedContentAdmin,
    change_url,
    option_name,
    options_before,
    shown_if_error,
)
from triage.admin.languages import TranslatedInline
from triage.admin.slugs import ShortSlugForm, unique_slug
from triage.admin.sortable import SORTABLE2_STACKED, SortableContentAdmin, SortableMedia
from triage.validation import RESERVED_PAGE_SLUGS, exclusive_option_error


class PageQuestionsInline(admin.TabularInline):
    """The page's questions in order, each linking to its own change page (read-only)."""

    model = models.Question
    fields = readonly_fields = ["order", "question_link", "kind", "required", "is_active"]
    ordering = ["order", "pk"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("questions on this page, in order")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("edit"))
    def question_link(self, question):
        # Each row already starts with the question's text, so the link says what it does.
        label = _("Edit “%(question)s”") % {"question": question.text}
        return format_html(
            '<a href="{}" aria-label="{}">{}</a>', change_url(question), label, _("Edit question")
        )


class PageForm(ShortSlugForm):
    # A page's slug is its address (/check/injury-and-movement/), so hyphens, as in the
    # default content's page slugs.
    slug_separator = "-"

    def taken_slugs(self) -> set[str]:
        return super().taken_slugs() | RESERVED_PAGE_SLUGS


@admin.register(models.QuestionnairePage)
class QuestionnairePageAdmin(SortableContentAdmin):
    """Pages in questionnaire order; drag a row in the list to move a page."""

    form = PageForm
    list_display = ["order", "title", "slug", "question_count", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "slug", "intro"]
    fields = [
        "title",
        "slug",
        "order",
        "intro",
        "is_active",
        "translation_reviewed",
        "add_question_link",
    ]
    readonly_fields = ["add_question_link"]

    def get_inlines(self, request, obj):
        return [PageQuestionsInline] if obj else []  # A new page has no questions yet.

    def get_queryset(self, request):
        # Ordered again: a count drops the model's default ordering, which paging relies on.
        pages = super().get_queryset(request).annotate(question_count=Count("questions"))
        return pages.order_by("order", "pk")

    @admin.display(description=_("questions"), ordering="question_count")
    def question_count(self, page):
        return page.question_count

    @admin.display(description=_("add a question"))
    def add_question_link(self, page):
        if not page.pk:
            return _("Save the page first, then add its questions.")
        last = page.questions.aggregate(last=Max("order"))["last"]
        query = urlencode({"page": page.pk, "order": 1 if last is None else last + 1})
        url = f"{reverse('admin:triage_question_add')}?{query}"
        return format_html(
            '<a class="addlink" href="{}">{}</a>', url, _("Add question to this page")
        )


class AnswerOptionForm(ShortSlugForm):
    def taken_slugs(self) -> set[str]:
        """Answer slugs are unique within their question only."""
        question = self.instance.question if self.instance.question_id else None
        if question is None:
            return set()
        others = question.options.exclude(pk=self.instance.pk)
        return set(others.values_list("slug", flat=True))


class AnswerOptionFormSet(CustomInlineFormSet):
    """Validates the answers against the question as submitted (its kind may change too)."""

    def clean(self):
        self._distinct_made_slugs()
        super().clean()
        refused = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                refused.extend(self._delete_refusals(form.instance))
            elif "exclusive" not in form.errors:
                exclusive = form.cleaned_data.get("exclusive", False)
                error = exclusive_option_error(self.instance.kind, exclusive)
                if error:
                    form.add_error("exclusive", error)
        if refused:
            raise forms.ValidationError(refused)

    def _distinct_made_slugs(self) -> None:
        """Two new answers whose slugs were made from similar labels get distinct ones."""
        forms_ = [form for form in self.forms if hasattr(form, "cleaned_data")]
        typed = {form.cleaned_data.get("slug") for form in forms_ if not form.slug_filled}
        taken = {slug for slug in typed if slug}
        for form in forms_:
            if form.slug_filled:
                slug = unique_slug(form.cleaned_data["slug"], taken)
                form.cleaned_data["slug"] = form.instance.slug = slug
                taken.add(slug)

    def _delete_refusals(self, option):
        if not option.pk:
            return []
        revealed = option.reveals.exclude(pk=self.instance.pk)
        return [
            _(
                "“%(option)s” cannot be deleted: “%(question)s” is shown only if it was chosen. "
                "Remove it from that question's “shown if” first, or untick “active” instead."
            )
            % {"option": option.label, "question": question.text}
            for question in revealed
        ]


class AnswerOptionInline(TranslatedInline, SortableStackedInline):
    """Each answer stacked, so its links fit a laptop screen; drag its heading, or use the
    arrows beside it, to move it."""

    model = models.AnswerOption
    form = AnswerOptionForm
    formset = AnswerOptionFormSet
    template = SORTABLE2_STACKED
    autocomplete_fields = ["warning_signs", "causes", "recommendations"]
    fields = [
        ("label", "slug"),
        ("exclusive", "is_active", "translation_reviewed", "history"),
        tuple(autocomplete_fields),
    ]
    readonly_fields = ["history"]
    ordering = ["order", "pk"]
    extra = 2

    class Media:
        css = {"all": ["admin/css/answer-options.css"]}

    @admin.display(description=_("history"))
    def history(self, option):
        if not option.pk:
            return "—"
        url = reverse("admin:triage_answeroption_history", args=[option.pk])
        label = _("History of “%(label)s”") % {"label": option.label}
        return format_html('<a href="{}" aria-label="{}">{}</a>', url, label, _("History"))


@admin.register(models.AnswerOption)
class AnswerOptionAdmin(TranslatedContentAdmin):
    """Each answer's own history; answers are edited on their question's page."""

    list_display = ["label", "question", "is_active"]
    list_select_related = ["question"]
    search_fields = ["label", "slug"]

    def get_model_perms(self, request):
        return {}  # not listed on the admin index: answers belong to their question

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def dependants(self, option):
        return [
            format_html('{}: <a href="{}">{}</a>', _("Question"), change_url(q), q)
            for q in option.reveals.all()
        ]


class QuestionForm(ShortSlugForm):
    class Meta:
        model = models.Question
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("shown_if")
        if field is None:
            return
        field.queryset = models.AnswerOption.objects.select_related("question__page").order_by(
            *OPTIONS_IN_ORDER
        )
        field.label_from_instance = option_name
        page = self._page()
        if page is not None:
            # Offer only valid answers. Keep those already chosen, so an invalid one is
            # reported by clean() rather than silently dropped from the selection.
            chosen = self.instance.shown_if.all() if self.instance.pk else []
            offered = ModelChoiceIterator(field)
            offered.queryset = field.queryset.filter(
                Q(pk__in=options_before(page)) | Q(pk__in=chosen)
            )
            field.widget.choices = offered

    def _page(self):
        page_id = self.data.get(self.add_prefix("page")) if self.is_bound else None
        page_id = page_id or self.initial.get("page") or self.instance.page_id
        try:
            return models.QuestionnairePage.objects.get(pk=page_id)
        except (models.QuestionnairePage.DoesNotExist, ValueError, TypeError):
            return None

    def clean(self):
        cleaned = super().clean()
        page = cleaned.get("page")
        if page is None:
            return cleaned
        errors = [
            _("Only answers on earlier pages can be chosen, not %(reason)s.") % {"reason": reason}
            for option in cleaned.get("shown_if") or ()
            if (reason := shown_if_error(option, page, self.instance.pk))
        ]
        if errors:
            self.add_error("shown_if", errors)
        return cleaned


@admin.register(models.Question)
class QuestionAdmin(SortableMedia, SortableAdminBase, TranslatedContentAdmin):
    form = QuestionForm
    list_display = ["text", "page", "order", "kind", "required", "option_count", "is_active"]
    list_select_related = ["page"]
    list_filter = ["page", "kind", "required", "is_active"]
    search_fields = ["text", "slug", "help_text", "options__label"]
    ordering = QUESTIONS_IN_ORDER
    filter_horizontal = ["shown_if"]
    inlines = [AnswerOptionInline]
    fieldsets = [
        (None, {"fields": ["page", "order", "text", "slug", "help_text", "kind", "required"]}),
        (_("When to ask"), {"fields": ["shown_if", "is_active"]}),
        (_("Translation"), {"fields": ["translation_reviewed"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(option_count=Count("options"))

    @admin.display(description=_("answers"), ordering="option_count")
    def option_count(self, question):
        return question.option_count

    def dependants(self, question):
        revealed = models.Question.objects.filter(shown_if__question=question)
        return [
            format_html('{}: <a href="{}">{}</a>', _("Question"), change_url(q), q)
            for q in revealed.exclude(pk=question.pk).distinct()
        ]
