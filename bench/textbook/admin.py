"""The stored results in the admin, as a textbook project would show them to staff."""

from django.contrib import admin

from bench.textbook.models import Result


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("created", "level")
    list_filter = ("level",)
