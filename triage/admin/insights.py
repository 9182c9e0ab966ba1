"""The staff dashboard in the admin: results over time, warning signs, the funnel, CSV export.

Listed on the admin index as "Insights" for anyone who may read submissions (the Viewer role
and up); the download also needs the export permission. Each chart is SVG drawn by a
template from the numbers in triage.insights, with the same numbers in a table beside it.
"""

from datetime import timedelta
from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from triage import charts, exports, insights, models
from triage.admin.common import StyledAdmin
from triage.content import current_content, version_content
from triage.fhir import responses as fhir_responses
from triage.fhir import views as fhir_views
from triage.levels import Level

VIEW = "triage.view_submission"
EXPORT = "triage.export_submissions"
LONGEST_PERIOD = timedelta(days=366)
ALL_VERSIONS = ""


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=DateInput)
    until = forms.DateField(label=_("To"), widget=DateInput)
    version = forms.TypedChoiceField(
        label=_("Content version"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, data, *, versions: list[int], default: insights.Filters):
        data = data if any(name in data for name in self.base_fields) else None
        initial = {"since": default.since, "until": default.until, "version": ALL_VERSIONS}
        super().__init__(data, initial=initial)
        self.default = default
        self.fields["version"].choices = [(ALL_VERSIONS, _("All versions"))] + [
            (n, _("Version %(number)d") % {"number": n}) for n in versions
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # a GET form: nothing to protect
        # The pack's field.html is overridden for the patient questions; these are plain fields.
        self.helper.field_template = "admin/triage/insights/field.html"
        self.helper.layout = Layout("since", "until", "version")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("“From” must be on or before “To”."))
        if since and until and until - since >= LONGEST_PERIOD:
            raise forms.ValidationError(_("Choose a period of at most a year."))
        return cleaned

    def filters(self) -> insights.Filters:
        """The filters chosen, or the default period when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return self.default
        data = self.cleaned_data
        return insights.Filters(data["since"], data["until"], data["version"])


@admin.register(models.Insights)
class InsightsAdmin(StyledAdmin):
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(VIEW)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="triage_insights_export"),
            path("export/fhir/", view(self.fhir_view), name="triage_insights_fhir"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """One submission: the submissions admin's page, in the wording the patient saw."""
        submissions = self.admin_site.get_model_admin(models.Submission)
        return submissions.change_view(request, object_id, form_url, extra_context)

    def _form(self, request) -> FilterForm:
        versions = list(models.ContentVersion.objects.values_list("number", flat=True))
        return FilterForm(request.GET, versions=versions, default=insights.Filters.default())

    def changelist_view(self, request, extra_context=None):
        """The dashboard."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = self._form(request)
        filters = form.filters()
        return TemplateResponse(
            request,
            "admin/triage/dashboard.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Insights"),
                "form": form,
                "filters": filters,
                "can_export": request.user.has_perm(EXPORT),
                "export_query": urlencode(_query(filters)),
                **dashboard(filters),
            },
            status=400 if form.errors else 200,
        )

    def export_view(self, request):
        """The submissions of the chosen period as a CSV download, streamed."""
        return self._download(request, exports.csv_lines, "text/csv; charset=utf-8", "csv")

    def fhir_view(self, request):
        """The same submissions as a FHIR Bundle of QuestionnaireResponses, streamed."""
        lines = fhir_responses.bundle_lines
        return self._download(request, lines, fhir_views.CONTENT_TYPE, "fhir.json")

    def _download(self, request, lines, content_type: str, extension: str):
        if not request.user.has_perm(EXPORT):
            raise PermissionDenied
        form = self._form(request)
        if not form.is_bound or not form.is_valid():
            return self.changelist_view(request)  # the dashboard, naming what to correct
        filters = form.filters()
        response = StreamingHttpResponse(lines(filters), content_type=content_type)
        name = f"submissions-{filters.since}-to-{filters.until}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _query(filters: insights.Filters) -> dict:
    query = {"since": filters.since.isoformat(), "until": filters.until.isoformat()}
    if filters.version is not None:
        query["version"] = filters.version
    return query


def dashboard(filters: insights.Filters) -> dict:
    """Every number on the dashboard, and each chart's geometry."""
    site = (filters.version and version_content(filters.version)) or current_content()
    weeks = insights.weekly_levels(filters)
    totals = insights.totals(weeks)
    signs = site.engine.warning_signs
    top_signs = [
        (signs[slug].title if slug in signs else slug, n) for slug, n in insights.top_signs(filters)
    ]
    funnel = insights.funnel(filters, site.engine.pages)
    median = insights.median_seconds(filters)
    return {
        "levels": [(level, Level(level).label) for level in insights.LEVELS],
        "weeks": weeks,
        "totals": totals,
        "week_chart": charts.stacked_bars(
            [f"W{week.start.isocalendar()[1]:02d}" for week in weeks],
            insights.LEVELS,
            [week.per_level for week in weeks],
        ),
        "top_signs": top_signs,
        "sign_chart": charts.horizontal_bars(top_signs),
        "funnel": funnel,
        "funnel_chart": charts.horizontal_bars([(step.label, step.journeys) for step in funnel]),
        "median": None if median is None else _duration(round(median)),
    }


def _duration(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    return _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": seconds}
