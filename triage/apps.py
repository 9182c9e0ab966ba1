from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage content")

    def ready(self):
        from triage import signals  # noqa: F401  (connects the content-version bumps)
