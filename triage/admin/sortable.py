"""Drag-and-drop ordering with django-admin-sortable2, on the Django version installed."""

import re
from pathlib import Path

import adminsortable2
import django
from adminsortable2.admin import SortableAdminMixin
from django import forms

from triage.admin.common import TranslatedContentAdmin


def _for_this_django(folder: Path, name: str) -> str:
    """The name of django-admin-sortable2's copy of a Django admin file (`name` with "{}" for
    the Django version) for the running Django, or for the latest earlier version it has.

    sortable2 keeps a patched copy of Django's inline templates and actions.js per Django
    version and asks for the running version's by name, so a Django release newer than the
    installed sortable2 (2.3.1 stops at 6.0) breaks the question page and the lists. Django
    6.1's inline template is 6.0's (tests/test_admin_ordering.py compares them) and its
    actions.js differs from 6.0's only in layout and one message's wording, so the 6.0 copies
    serve it.
    """
    pattern = re.compile(re.escape(name).replace(r"\{\}", r"(\d+)\.(\d+)") + "$")
    shipped = sorted(
        (int(found[1]), int(found[2]))
        for path in folder.iterdir()
        if (found := pattern.match(path.name))
    )
    usable = [version for version in shipped if version <= django.VERSION[:2]]
    return name.format("{}.{}".format(*usable[-1]))


SORTABLE2 = Path(adminsortable2.__file__).parent
SORTABLE2_STACKED = "adminsortable2/edit_inline/" + _for_this_django(
    SORTABLE2 / "templates/adminsortable2/edit_inline", "stacked-django-{}.html"
)
# The name sortable2 asks for, and the copy it has.
REQUESTED_ACTIONS = "adminsortable2/js/actions-{}.{}.js".format(*django.VERSION[:2])
SORTABLE2_ACTIONS = "adminsortable2/js/" + _for_this_django(
    SORTABLE2 / "static/adminsortable2/js", "actions-{}.js"
)


class SortableMedia:
    """sortable2's scripts, with its actions.js replaced by the copy this Django can use."""

    @property
    def media(self):
        media = super().media
        js = [SORTABLE2_ACTIONS if path == REQUESTED_ACTIONS else path for path in media._js]
        return forms.Media(css=media._css, js=js)


class SortableContentAdmin(SortableMedia, SortableAdminMixin, TranslatedContentAdmin):
    """Content reordered by dragging its rows in the list (django-admin-sortable2).

    Each moved item is saved on its own, not in one bulk update as sortable2 does, so its
    History records the new order and who moved it; the order field stays on the change form
    for those who prefer typing a number or cannot drag.
    """

    def get_fields(self, request, obj=None):
        # sortable2 takes the order box off the change form; keep it, as the docstring says.
        return super(SortableAdminMixin, self).get_fields(request, obj)

    def _update_order(self, updated_items, extra_model_filters):
        rows = self.model.objects.filter(**extra_model_filters).in_bulk(
            [pk for pk, _order in updated_items]
        )
        for pk, order in updated_items:
            row = rows[int(pk)]
            if row.order != order:
                row.order = order
                row.save(update_fields=["order"])
        return len(updated_items)

    def update_order(self, request):
        response = super().update_order(request)
        if response.status_code == 200:
            self.warn_if_unpublishable(request)  # shown on the next page staff open
        return response
