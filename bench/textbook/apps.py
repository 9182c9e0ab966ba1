from django.apps import AppConfig


class TextbookConfig(AppConfig):
    name = "bench.textbook"
    label = "textbook"
    default_auto_field = "django.db.models.BigAutoField"
