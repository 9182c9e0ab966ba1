"""Admin for the content patients read on results: causes, warning signs, advice, outcomes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from triage import models
from triage.admin.common import LinkedFromAnswersAdmin, TranslatedContentAdmin, level_badge
from triage.admin.slugs import ShortSlugForm
from triage.levels import Level


@admin.register(models.Cause)
class CauseAdmin(LinkedFromAnswersAdmin):
    answers_relation = "suggested_by"
    list_display = ["title", "slug", "order", "answer_count", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "slug", "description"]


class WarningSignForm(ShortSlugForm):
    class Meta:
        model = models.WarningSign
        fields = "__all__"
        error_messages = {
            "explanation_en": {"required": _("A warning sign needs an explanation for patients.")}
        }


@admin.register(models.WarningSign)
class WarningSignAdmin(LinkedFromAnswersAdmin):
    answers_relation = "triggered_by"
    form = WarningSignForm
    list_display = ["title", level_badge, "slug", "answer_count", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["title", "slug", "explanation", "source"]
    readonly_fields = ["triggering_answers"]

    @admin.display(description=_("triggered by"))
    def triggering_answers(self, sign):
        return self.answer_links(sign)


@admin.register(models.Recommendation)
class RecommendationAdmin(LinkedFromAnswersAdmin):
    answers_relation = "added_by"
    list_display = ["title", "kind", "shown_on_normal", "slug", "answer_count", "is_active"]
    list_filter = ["kind", "shown_on_normal", "is_active"]
    search_fields = ["title", "slug", "description"]


@admin.register(models.OutcomeText)
class OutcomeTextAdmin(TranslatedContentAdmin):
    list_display = ["heading", level_badge, "call_to_action"]
    list_filter = ["level"]
    search_fields = ["heading", "summary", "call_to_action"]

    def has_add_permission(self, request):
        # One text per level, and the levels are fixed in code.
        missing = len(Level) > models.OutcomeText.objects.count()
        return missing and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # Every result page needs its text.


@admin.register(models.ClinicDetails)
class ClinicDetailsAdmin(TranslatedContentAdmin):
    list_display = ["name", "phone", "emergency_number", "booking_url"]

    def has_add_permission(self, request):
        return not models.ClinicDetails.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # Results always name the clinic.
