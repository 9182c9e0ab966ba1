"""Admin for releases: the draft's checklist, publishing, the version list and rolling back.

Staff edit the draft in the other admin pages. Here a clinical publisher reviews the
checklist (safety checks and test cases) and what changed, writes a change note and
publishes; every version stays listed, with what changed since the one before it.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from triage import engine, models, publishing, validation, wizard
from triage.admin.common import StyledAdmin
from triage.content import load_content
from triage.fhir import questionnaire
from triage.fhir import views as fhir_views
from triage.snapshot import changes, draft_snapshot, restore_draft

EDIT_DRAFT = "triage.change_question"  # content editors and the clinic's administrators
EXPORT = "triage.export_submissions"


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Change note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed and why, for the release record."),
    )
    acknowledged = forms.BooleanField(
        label=_("I have read the warnings above and accept them for this version."),
        required=False,
    )
    restore_draft = forms.BooleanField(
        label=_("Also make the draft match this version."), required=False
    )

    def __init__(self, *args, must_acknowledge: bool, rolling_back: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if must_acknowledge:
            self.fields["acknowledged"].required = True
        else:
            del self.fields["acknowledged"]
        if not rolling_back:
            del self.fields["restore_draft"]


class TryAnswersForm(forms.Form):
    answers = forms.JSONField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        help_text=_(
            'Question slug to option slugs, as in a test case, e.g. {"emergency_signs": '
            '["saddle_numbness"]}.'
        ),
    )

    def __init__(self, *args, content, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content

    def clean_answers(self):
        try:
            answers = validation.parse_answers(self.cleaned_data["answers"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        problems = validation.answers_problems(self.content, answers)
        if problems:
            raise forms.ValidationError(problems)
        return answers


def change_list(found) -> str:
    if not found:
        return _("No changes.")
    items = format_html_join("", "<li>{}</li>", ((str(change),) for change in found))
    return format_html('<ul class="bp-changes">{}</ul>', items)


@admin.register(models.ContentVersion)
class ContentVersionAdmin(StyledAdmin):
    list_display = ["__str__", "published_at", "published_by_name", "note", "changes_summary"]
    list_per_page = 20
    change_list_template = "admin/triage/contentversion/change_list.html"
    change_form_template = "admin/triage/contentversion/change_form.html"
    fields = readonly_fields = [
        "number",
        "published_at",
        "published_by_name",
        "rolled_back_to",
        "note",
        "changes_summary",
    ]

    def has_add_permission(self, request):
        return False  # versions are made by publishing

    def has_change_permission(self, request, obj=None):
        return False  # a published version never changes

    def has_delete_permission(self, request, obj=None):
        return False  # the release record is kept whole

    @admin.display(description=_("changes since the version before"))
    def changes_summary(self, version):
        before = models.ContentVersion.objects.filter(number__lt=version.number).first()
        return change_list(changes(before.snapshot if before else None, version.snapshot))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("publish/", view(self.publish_view), name="triage_contentversion_publish"),
            path("try/", view(self.try_view), name="triage_contentversion_try"),
            path("preview/", view(self.preview_view), name="triage_contentversion_preview"),
            path(
                "<int:pk>/rollback/",
                view(self.rollback_view),
                name="triage_contentversion_rollback",
            ),
            path(
                "<int:pk>/restore/", view(self.restore_view), name="triage_contentversion_restore"
            ),
            path("<int:pk>/fhir/", view(self.fhir_view), name="triage_contentversion_fhir"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_review": _can_review(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "can_publish": request.user.has_perm("triage.publish_content"),
            "can_edit_draft": request.user.has_perm(EDIT_DRAFT),
            "can_export": request.user.has_perm(EXPORT),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def publish_view(self, request):
        """The draft's checklist and what changed; publishers publish from here."""
        if not _can_review(request.user):
            raise PermissionDenied
        return self._release(request, draft_snapshot(), None)

    def try_view(self, request):
        """Try a set of answers on the draft and see the assessment. Nothing is stored."""
        if not _can_review(request.user):
            raise PermissionDenied
        content = load_content().engine
        form = TryAnswersForm(request.POST or None, content=content)
        assessment = (
            engine.assess(content, form.cleaned_data["answers"]) if form.is_valid() else None
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try answers on the draft"),
            "can_preview": wizard.may_preview(request.user),
            "form": form,
            "assessment": assessment,
        }
        return TemplateResponse(request, "admin/triage/contentversion/try.html", context)

    @method_decorator(require_POST)
    def preview_view(self, request):
        """Open the patient questionnaire on the draft in this session: nothing is stored."""
        if not wizard.may_preview(request.user):
            raise PermissionDenied
        return redirect(wizard.begin_preview(request))

    def rollback_view(self, request, pk):
        """Publish an earlier version's snapshot again, as a new version."""
        if not request.user.has_perm("triage.publish_content"):
            raise PermissionDenied
        version = get_object_or_404(models.ContentVersion, pk=pk)
        return self._release(request, version.snapshot, version)

    def _release(self, request, snapshot, rolling_back):
        result = publishing.checklist(snapshot)
        latest = publishing.latest_version()
        must_acknowledge = bool(result.of("acknowledge"))
        can_publish = request.user.has_perm("triage.publish_content")
        # Only someone who may edit the draft is offered to reset it along with a rollback.
        may_restore = bool(rolling_back) and request.user.has_perm(EDIT_DRAFT)
        form_kwargs = {"must_acknowledge": must_acknowledge, "rolling_back": may_restore}
        form = PublishForm(**form_kwargs)
        refused = []
        if request.method == "POST":
            form = PublishForm(request.POST, **form_kwargs)
            if form.is_valid():
                try:
                    version = publishing.publish(
                        request.user,
                        form.cleaned_data["note"],
                        acknowledged=form.cleaned_data.get("acknowledged", False),
                        rolling_back=rolling_back,
                    )
                except publishing.PublishRefused as refusal:
                    refused = refusal.reasons
                else:
                    if form.cleaned_data.get("restore_draft"):
                        restore_draft(version.snapshot)
                    self.message_user(
                        request,
                        _("Published %(version)s: patients get it from now on.")
                        % {"version": version},
                        messages.SUCCESS,
                    )
                    return redirect("admin:triage_contentversion_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Roll back to %(version)s") % {"version": rolling_back}
            if rolling_back
            else _("Review the draft and publish"),
            "rolling_back": rolling_back,
            "latest": latest,
            "checklist": result,
            "errors": result.of("error"),
            "to_acknowledge": result.of("acknowledge"),
            "warnings": result.of("warning"),
            "changes": changes(latest.snapshot if latest else None, snapshot),
            "form": form,
            "can_publish": can_publish,
            "can_preview": not rolling_back and wizard.may_preview(request.user),
            "refused": refused,
        }
        return TemplateResponse(request, "admin/triage/contentversion/checklist.html", context)

    def fhir_view(self, request, pk):
        """This version as a FHIR Questionnaire, downloaded as a JSON file."""
        if not request.user.has_perm(EXPORT):
            raise PermissionDenied
        number = get_object_or_404(models.ContentVersion, pk=pk).number
        response = fhir_views.document(questionnaire.published(number))
        response["Content-Disposition"] = f'attachment; filename="questionnaire-v{number}.json"'
        return response

    def restore_view(self, request, pk):
        """Make the draft match a published version (after confirming), to edit from there."""
        if not request.user.has_perm(EDIT_DRAFT):
            raise PermissionDenied
        version = get_object_or_404(models.ContentVersion, pk=pk)
        if request.method == "POST":
            restore_draft(version.snapshot)
            self.message_user(
                request,
                _("The draft now matches %(version)s. Nothing was published.")
                % {"version": version},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:triage_contentversion_publish"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Restore the draft from %(version)s") % {"version": version},
            "version": version,
            "changes": changes(draft_snapshot(), version.snapshot),
        }
        return TemplateResponse(request, "admin/triage/contentversion/restore.html", context)


def _can_review(user) -> bool:
    return user.has_perm("triage.preview_content") or user.has_perm("triage.publish_content")
