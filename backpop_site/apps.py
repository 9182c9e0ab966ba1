from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "backpop_site"
    verbose_name = "backpop site"

    def ready(self):
        from backpop_site import checks  # noqa: F401  (registers the backpop.* checks)
