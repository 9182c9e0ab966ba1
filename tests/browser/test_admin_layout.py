"""The admin as clinic staff use it on a laptop (issue 15): the question form fits a 1280 px
window, pages move by dragging them in the list, answers by their arrows."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import journey
from tests.browser.conftest import DESKTOP
from triage import models

pytestmark = pytest.mark.browser

PAGES = reverse("admin:triage_questionnairepage_changelist")


def _sign_in(page, user) -> None:
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("password")
    journey.click_and_wait(page, page.get_by_role("button", name="Log in"))


def _question_form(page, slug: str) -> None:
    question = models.Question.objects.get(slug=slug)
    page.goto(reverse("admin:triage_question_change", args=[question.pk]))


def _page_slugs() -> list[str]:
    return list(models.QuestionnairePage.objects.values_list("slug", flat=True))


def test_the_question_form_fits_a_1280_px_window_with_every_answers_links(page, admin_user):
    _sign_in(page, admin_user)

    _question_form(page, "emergency_signs")

    assert page.viewport_size == DESKTOP
    width = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    scroll_width, client_width = page.evaluate(width)
    assert scroll_width <= client_width  # no sideways scrolling
    answer = page.locator(".inline-related.has_original").first
    for field in ("warning_signs", "causes", "recommendations"):  # Triggers, Causes, Advice
        box = answer.locator(f".fieldBox.field-{field}").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], field


def test_dragging_a_page_in_the_list_moves_it_and_saves_the_order(page, admin_user):
    _sign_in(page, admin_user)
    page.goto(PAGES)
    rows = page.locator("#result_list tbody tr")
    expect(rows.nth(7)).to_contain_text("Daily life")

    with page.expect_response(lambda response: "adminsortable2_update" in response.url) as saved:
        rows.nth(7).locator(".handle").drag_to(rows.nth(6).locator(".handle"))

    assert saved.value.status == 200
    assert _page_slugs()[6:8] == ["daily-life", "general-health"]
    page.reload()
    expect(rows.nth(6)).to_contain_text("Daily life")
    moved = models.QuestionnairePage.objects.get(slug="daily-life")
    assert moved.history.first().history_username == admin_user.username


def test_an_answer_moves_to_the_top_with_its_arrow_and_keeps_its_place_on_save(page, admin_user):
    _sign_in(page, admin_user)
    _question_form(page, "pain")
    last = page.locator(".inline-related.has_original").last
    expect(last).to_contain_text("Yes, and the pain is getting worse")

    last.get_by_role("button", name="Move to first position").click()
    journey.click_and_wait(page, page.get_by_role("button", name="Save", exact=True))

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    options = models.AnswerOption.objects.filter(question__slug="pain")
    assert list(options.values_list("slug", flat=True)) == [
        "worsening",
        "no_pain",
        "brief_discomfort",
        "sharp",
        "lasting",
    ]
