from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage content")

    def ready(self):
        # Registers the clinic-detail checks; names staff in history records.
        from triage import checks, signals  # noqa: F401
