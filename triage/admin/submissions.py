"""Read-only admin for anonymous submissions, found by the reference the patient quotes.

A submission is shown in the wording of the version the patient was assessed with: in English
for staff, and, when the patient answered in another language, with the words they read
beside it.
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from triage import engine, languages, models
from triage.admin.common import StyledAdmin, badge, level_badge
from triage.content import SiteContent, load_content, version_content


@admin.register(models.Submission)
class SubmissionAdmin(StyledAdmin):
    """Completed questionnaires, for looking one up by the reference the patient quotes."""

    list_display = ["reference", "submitted_on", level_badge, "content_version", "language"]
    list_filter = ["level", "language", "submitted_on"]
    search_fields = ["reference"]
    search_help_text = _("Type the whole reference as the patient sees it, e.g. BP-7K3F9Q.")
    date_hierarchy = "submitted_on"
    fields = readonly_fields = [
        "reference",
        "submitted_on",
        level_badge,
        "content_version",
        "language",
        "wording",
        "outcome",
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

    @admin.display(description=_("wording"))
    def wording(self, submission):
        if self._content(submission).version == submission.content_version:
            return _("As the patient saw it: published version %(number)d.") % {
                "number": submission.content_version
            }
        return _("Version %(number)d is not kept, so this is today's draft wording.") % {
            "number": submission.content_version
        }

    @admin.display(description=_("answers"))
    def answer_list(self, submission):
        content = self._content(submission).engine
        answers = {s: c if isinstance(c, list) else [c] for s, c in submission.answers.items()}
        questions = [q for page in content.pages for q in page.questions if q.slug in answers]
        rows = [(q.text, _chosen_labels(q, answers[q.slug])) for q in questions]
        patients = self._patients_content(submission)
        if patients is not None:  # what the patient read, under the English
            rows = [
                (
                    text,
                    format_html(
                        '{}<br><span lang="{}" class="bp-patient-wording">{}</span>',
                        labels,
                        patients.language,
                        _patients_words(patients, q, answers[q.slug]),
                    ),
                )
                for (text, labels), q in zip(rows, questions, strict=True)
            ]
        # A question not in that content is still shown, by its slugs.
        known = {q.slug for q in questions}
        rows += [(s, ", ".join(map(str, c))) for s, c in answers.items() if s not in known]
        if not rows:
            return "—"
        items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        return format_html('<dl class="bp-answers">{}</dl>', items)

    @admin.display(description=_("result"))
    def outcome(self, submission):
        text = self._content(submission).outcomes.get(submission.level)
        if text is None:
            return badge(submission.level)
        shown = format_html("{} {}: {}", badge(submission.level), text.heading, text.summary)
        patients = self._patients_content(submission)
        theirs = patients and patients.outcomes.get(submission.level)
        if theirs:
            return format_html(
                '{}<br><span lang="{}" class="bp-patient-wording">{}: {}</span>',
                shown,
                patients.language,
                theirs.heading,
                theirs.summary,
            )
        return shown

    @admin.display(description=_("matched warning signs"))
    def warning_sign_list(self, submission):
        signs = self._content(submission).engine.warning_signs
        rows = [
            (badge(signs[s].level), signs[s].title) if s in signs else ("", s)
            for s in submission.warning_signs
        ]
        if not rows:
            return _("None")
        items = format_html_join("", "<li>{} {}</li>", rows)
        return format_html('<ul class="bp-links">{}</ul>', items)

    def _patients_content(self, submission) -> SiteContent | None:
        """The same content in the patient's language, when it was not English."""
        if submission.language == languages.DEFAULT:
            return None
        return self._content(submission).in_language(submission.language)

    def _content(self, submission) -> SiteContent:
        """The content the patient was assessed with; today's draft if it is not kept."""
        if not hasattr(submission, "_content"):  # once per page, for all its fields
            submission._content = version_content(submission.content_version) or load_content()
        return submission._content


def _chosen_labels(question: engine.Question, chosen: list) -> str:
    labels = {option.slug: option.label for option in question.options}
    return ", ".join(labels.get(str(slug), str(slug)) for slug in chosen) or "—"


def _patients_words(site: SiteContent, question: engine.Question, chosen: list) -> str:
    """The question and the answers as a patient reading the site's language saw them."""
    theirs = site.engine.questions.get(question.slug)
    if theirs is None:
        return ""
    return f"{theirs.text} {_chosen_labels(theirs, chosen)}"
