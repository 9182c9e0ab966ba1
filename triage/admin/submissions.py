"""Read-only admin for anonymous submissions, found by the reference the patient quotes."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from triage import integrity, models
from triage.admin.common import StyledAdmin, badge, level_badge


@admin.register(models.Submission)
class SubmissionAdmin(StyledAdmin):
    """Completed questionnaires, for looking one up by the reference the patient quotes."""

    list_display = ["reference", "submitted_on", level_badge, "content_version"]
    list_filter = ["level", "submitted_on"]
    search_fields = ["reference"]
    search_help_text = _("Type the whole reference as the patient sees it, e.g. BP-7K3F9Q.")
    date_hierarchy = "submitted_on"
    fields = readonly_fields = [
        "reference",
        "submitted_on",
        level_badge,
        "content_version",
        "answer_list",
        "warning_sign_list",
    ]

    def get_search_results(self, request, queryset, search_term):
        # Exact match on the stored capitals, in any case the staff type it; uses the index.
        reference = search_term.strip().upper()
        return (queryset.filter(reference=reference) if reference else queryset), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("answers (in today's wording)"))
    def answer_list(self, submission):
        answers = {s: c if isinstance(c, list) else [c] for s, c in submission.answers.items()}
        questions = (
            models.Question.objects.select_related("page")
            .prefetch_related("options")
            .in_bulk(list(answers), field_name="slug")
        )
        in_order = sorted(
            questions.values(), key=lambda q: (integrity.page_position(q.page), q.order, q.pk)
        )
        rows = [(q.text, _chosen_labels(q, answers[q.slug])) for q in in_order]
        # A question deleted since is still shown, by its slugs.
        rows += [(s, ", ".join(map(str, c))) for s, c in answers.items() if s not in questions]
        if not rows:
            return "—"
        items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        return format_html('<dl class="bp-answers">{}</dl>', items)

    @admin.display(description=_("matched warning signs"))
    def warning_sign_list(self, submission):
        slugs = submission.warning_signs
        signs = models.WarningSign.objects.in_bulk(slugs, field_name="slug")
        rows = [(badge(signs[s].level), signs[s].title) if s in signs else ("", s) for s in slugs]
        if not rows:
            return _("None")
        items = format_html_join("", "<li>{} {}</li>", rows)
        return format_html('<ul class="bp-links">{}</ul>', items)


def _chosen_labels(question: models.Question, chosen: list) -> str:
    labels = {option.slug: option.label for option in question.options.all()}
    return ", ".join(labels.get(str(slug), str(slug)) for slug in chosen) or "—"
