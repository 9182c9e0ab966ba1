"""Admin for the clinic's test cases: answers and the result the clinic expects of them."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from triage import models, publishing, validation
from triage.admin.common import ContentAdmin, badge
from triage.content import load_content, site_content
from triage.snapshot import draft_snapshot


class ClinicTestCaseForm(forms.ModelForm):
    class Meta:
        model = models.ClinicTestCase
        fields = "__all__"
        widgets = {"answers": forms.Textarea(attrs={"rows": 8, "cols": 80})}

    def clean(self):
        cleaned = super().clean()
        if "answers" in cleaned:
            try:
                answers = validation.parse_answers(cleaned["answers"])
            except ValueError as error:
                self.add_error("answers", str(error))
            else:
                problems = validation.answers_problems(load_content().engine, answers)
                if problems:
                    self.add_error("answers", [*problems])
        both = set(cleaned.get("expected_signs") or ()) & set(cleaned.get("excluded_signs") or ())
        if both:
            names = ", ".join(sign.slug for sign in both)
            self.add_error(
                "excluded_signs",
                _("A sign cannot be both expected and excluded: %(names)s.") % {"names": names},
            )
        return cleaned


@admin.register(models.ClinicTestCase)
class ClinicTestCaseAdmin(ContentAdmin):
    form = ClinicTestCaseForm
    list_display = ["name", "expected", "order"]
    list_filter = ["expected_level"]
    search_fields = ["name", "note"]
    autocomplete_fields = ["expected_signs", "excluded_signs"]
    fields = [
        "name",
        "answers",
        "expected_level",
        "expected_signs",
        "excluded_signs",
        "note",
        "order",
        "draft_result",
    ]
    readonly_fields = ["draft_result"]

    @admin.display(description=_("expected level"), ordering="expected_level")
    def expected(self, case):
        return badge(case.expected_level)

    @admin.display(description=_("result on the draft"))
    def draft_result(self, case):
        if not case.pk:
            return _("Save the case to run it.")
        snapshot = draft_snapshot()
        [wanted] = [c for c in snapshot["test_cases"] if c["name"] == case.name]
        result = publishing.run_case(site_content(snapshot).engine, wanted)
        if result.passed:
            return _("Passes: %(level)s %(signs)s") % {
                "level": result.level,
                "signs": ", ".join(result.signs),
            }
        return _("Fails: %(why)s") % {"why": " ".join(result.failures)}
