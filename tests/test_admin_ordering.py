"""Reordering pages and answers in the admin with django-admin-sortable2 (issue 15).

The browser tests (tests/browser/test_admin_layout.py) drag and click; these check what the
server does with a move, and that sortable2's copies of Django's admin files fit this Django.
"""

import json
from pathlib import Path

import django
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from triage import models
from triage.admin import sortable

pytestmark = pytest.mark.django_db

UPDATE = reverse("admin:triage_questionnairepage_sortable_update")
PAGES = reverse("admin:triage_questionnairepage_changelist")


def _move(client, **orders: int):
    """What the page list's script posts after a drag: each moved page's new order."""
    ids = dict(models.QuestionnairePage.objects.values_list("slug", "pk"))
    items = [[ids[slug.replace("_", "-")], order] for slug, order in orders.items()]
    return client.post(UPDATE, json.dumps({"updatedItems": items}), "application/json")


def _slugs() -> list[str]:
    return list(models.QuestionnairePage.objects.values_list("slug", flat=True))


def test_a_dragged_page_is_saved_in_its_new_place_with_its_history(client, editor):
    client.force_login(editor)

    response = _move(client, daily_life=7, general_health=8)

    assert response.status_code == 200
    assert _slugs()[6:8] == ["daily-life", "general-health"]
    moved = models.QuestionnairePage.objects.get(slug="daily-life")
    assert (moved.history.first().order, moved.history.first().history_username) == (7, "editor")


def test_a_move_that_breaks_the_questionnaire_is_named_on_the_next_page(client, editor):
    client.force_login(editor)

    _move(client, pain=4, pain_details=3)  # the follow-up page before the question it follows

    page = client.get(PAGES).content.decode()
    assert "Saved to the draft, but the draft cannot be published now:" in page


def test_staff_who_may_only_read_cannot_move_pages(client):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Clinical publisher"))
    client.force_login(viewer)
    before = _slugs()

    assert _move(client, daily_life=7, general_health=8).status_code == 403
    assert _slugs() == before


def test_the_page_list_has_a_drag_handle_per_page_and_the_form_keeps_the_order_box(admin_client):
    page = models.QuestionnairePage.objects.get(slug="pain")

    listing = admin_client.get(PAGES).content.decode()
    form = admin_client.get(reverse("admin:triage_questionnairepage_change", args=[page.pk]))

    assert listing.count('<div class="drag handle"') == models.QuestionnairePage.objects.count()
    assert 'name="order"' in form.content.decode()  # for staff who type rather than drag


def test_each_answer_of_a_question_has_arrows_to_move_it(admin_client):
    question = models.Question.objects.get(slug="pain")

    html = admin_client.get(reverse("admin:triage_question_change", args=[question.pk]))

    assert html.content.decode().count('aria-label="Move to first position"') == 5


def test_sortable2s_inline_template_in_use_is_a_copy_of_this_djangos():
    # sortable2 ships a patched copy of Django's template per Django version, with the
    # original beside it; the one in use must be of a template this Django still has.
    admin_templates = Path(django.__file__).parent / "contrib/admin/templates/admin"
    copied_from = sortable.SORTABLE2 / "templates" / f"{sortable.SORTABLE2_STACKED}.orig"

    assert copied_from.read_text() == (admin_templates / "edit_inline/stacked.html").read_text()


def test_the_page_list_asks_for_an_actions_script_sortable2_has(admin_client):
    html = admin_client.get(PAGES).content.decode()

    assert f"/static/{sortable.SORTABLE2_ACTIONS}" in html
    assert (sortable.SORTABLE2 / "static" / sortable.SORTABLE2_ACTIONS).is_file()
