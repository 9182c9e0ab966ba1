"""API tokens for the FHIR endpoints: created here, the key shown once, revoked by unticking.

Only the key's digest is stored. The new key goes from the save to the next page through the
server-side session (never the messages cookie, which the browser would keep) and is shown
there once, as a message, then forgotten.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from triage import models
from triage.admin.common import StyledAdmin

NEW_KEY = "triage_new_api_key"


@admin.register(models.ApiToken)
class ApiTokenAdmin(StyledAdmin):
    list_display = ["name", "prefix", "is_active", "last_used_on", "created_at", "created_by"]
    list_filter = ["is_active"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_on"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name"]  # a new token is active; its key is made on saving
        return ["name", "is_active", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # untick "active" instead: the list stays a record of every key issued

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.issue()
            obj.created_by = request.user.get_username()
            super().save_model(request, obj, form, change)
            request.session[NEW_KEY] = {"pk": obj.pk, "key": key}
            return
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        self._show_new_key(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET":
            self._show_new_key(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _show_new_key(self, request) -> None:
        """Show a key just made, once. The page renders the message it is added to, so the
        message is never stored in a cookie."""
        new = request.session.pop(NEW_KEY, None)
        if not new:
            return
        token = models.ApiToken.objects.filter(pk=new["pk"]).first()
        if token is None:
            return
        self.message_user(
            request,
            _(
                "The key for “%(name)s” is %(key)s. Copy it now into the record system: it "
                "is not shown again. Send it as the header 'Authorization: Bearer <key>'."
            )
            % {"name": token.name, "key": new["key"]},
            messages.WARNING,
        )
