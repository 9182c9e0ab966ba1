"""Whole patient journeys in a real browser: by mouse, by keyboard, and without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.journey import (
    NORMAL,
    WARNING_SIGNS,
    back_link,
    choose,
    click_and_wait,
    continue_button,
)

pytestmark = pytest.mark.browser


def expect_result(page: Page, level: str) -> None:
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(journey.heading(level))
    assert journey.outcome(page) == level
    signs = page.locator("[data-warning-sign]")
    assert [signs.nth(i).get_attribute("data-warning-sign") for i in range(signs.count())] == (
        WARNING_SIGNS[level]
    )


@pytest.mark.parametrize("level", ["normal", "see_doctor", "urgent", "emergency"])
def test_clicking_labels_leads_to_each_outcome(page, level):
    seen = []
    journey.to_result(page, level, on_page=lambda page: seen.append(journey.path_of(page)))

    expect_result(page, level)
    if level == "emergency":  # nobody with emergency symptoms answers further pages
        assert seen == ["/check/emergency-check/"]
    else:
        asked = [slug for slug in journey.PAGE_SLUGS if slug != "pain-details"]  # no pain
        assert seen == [f"/check/{slug}/" for slug in asked] + ["/check/answers/"]


def test_back_keeps_the_answers_of_both_pages(page):
    journey.start(page)
    journey.answer_page(page, NORMAL)  # emergency-check
    choose(page, "popping_when", "stretching")
    choose(page, "popping_duration", "over_6_weeks")
    click_and_wait(page, back_link(page))

    expect(page).to_have_url(re.compile(r"/check/emergency-check/$"))
    expect(page.locator('input[name="emergency_signs"][value="none"]')).to_be_checked()
    click_and_wait(page, continue_button(page))
    expect(page).to_have_url(re.compile(r"/check/the-popping/$"))
    expect(page.locator('input[name="popping_when"][value="stretching"]')).to_be_checked()
    expect(page.locator('input[name="popping_duration"][value="over_6_weeks"]')).to_be_checked()


def test_change_from_check_your_answers_returns_there_with_the_new_answer(page):
    journey.start(page)
    journey.answer_all(page, NORMAL)
    expect(page).to_have_url(re.compile(r"/check/answers/$"))

    click_and_wait(
        page, page.get_by_role("link", name="Change your answer to: Can you move or bend")
    )
    expect(page).to_have_url(re.compile(r"/check/injury-and-movement/$"))
    expect(page.locator('input[name="movement"][value="no"]')).to_be_checked()
    choose(page, "movement", "yes")
    click_and_wait(page, continue_button(page))

    expect(page).to_have_url(re.compile(r"/check/answers/$"))
    row = page.locator(".answers-row", has_text="Can you move or bend your back less than usual?")
    expect(row.locator("dd").first).to_have_text("Yes")
    click_and_wait(page, journey.continue_to_result(page))
    expect_result(page, "see_doctor")


# Keyboard only. With nothing chosen in a radio group, Tab stops on its first radio only
# (arrow keys move within a group), so this journey picks answers Tab can reach: any
# checkbox, and the first option of each single choice. Those add up to "urgent".
KEYBOARD_ANSWERS = {
    "emergency_signs": ["none"],
    "popping_when": ["walking", "getting_up"],
    "popping_duration": ["under_2_weeks"],
    "pain": ["no_pain"],
    "nerve_symptoms": ["none"],
    "after_injury": ["yes"],
    "swelling": ["yes"],
    "movement": ["yes"],
    "general_health": ["none"],
    "daily_impact": ["none"],
    "sitting": ["yes"],
    "exercise": ["rarely"],
    "water": ["yes"],
    "weight_advice": ["yes"],
}


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def test_whole_journey_with_the_keyboard_only(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link"), "the skip link is the first Tab stop"
    page.keyboard.press("Enter")
    tab_to(page, "button[type=submit]")
    expect(page.locator(":focus")).to_have_text("Start now")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for _ in range(len(journey.PAGE_SLUGS)):
        if not journey.QUESTION_URL.search(page.url):
            break
        for question, options in KEYBOARD_ANSWERS.items():
            for option in options:
                field = f'input[name="{question}"][value="{option}"]'
                if page.locator(field).count():
                    tab_to(page, field)
                    page.keyboard.press("Space")
                    expect(page.locator(field)).to_be_checked()
        tab_to(page, "button[value=continue]")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/check/answers/$"))
    tab_to(page, "form[action$='/check/answers/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(journey.heading("urgent"))
    assert journey.outcome(page) == "urgent"


def test_whole_journey_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    journey.to_result(page, "see_doctor")

    expect_result(page, "see_doctor")
    # The Print button needs JavaScript, so without it the page does not offer it.
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()


def test_questionnaire_errors_without_javascript_link_to_the_question(new_page):
    page = new_page(java_script_enabled=False)
    journey.start(page)
    click_and_wait(page, continue_button(page))

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert summary.evaluate(
        "el => !!(el.compareDocumentPosition(document.querySelector('h1'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    ), "the error summary comes before the heading"
    # The question says what is wrong too, and screen readers hear it with the question.
    question = page.get_by_role("group", name="Do you have any of these right now?")
    expect(question).to_have_accessible_description(re.compile("Select at least one answer"))
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    assert page.locator(target).count() == 1, f"{target} is on the page"
    link.click()
    expect(page.locator(target)).to_be_focused()
