"""The patient pages follow NHS.UK patterns (issue 15), seen in a real browser.

Care cards in NHS.UK colours with an action at every level, an emergency result that only
says what to do now and why, quotes that name their question on screen and on paper, steady
progress, a back link at the top, the error summary focused, a meta description everywhere
and the time on a printed result.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.journey import click_and_wait, continue_button
from triage.content import current_content

pytestmark = pytest.mark.browser

NHS_BLUE = "rgb(0, 94, 184)"
NHS_RED = "rgb(213, 40, 27)"
NHS_BLACK = "rgb(33, 43, 50)"
NHS_GREEN = "rgb(0, 127, 59)"
# Through "About the pain", which only a patient whose popping hurts is asked.
WITH_FOLLOW_UP = {
    **journey.NORMAL,
    "pain": ["sharp"],
    "pain_spread": ["back_only"],
    "night_pain": ["no"],
}


def style(locator, prop: str) -> str:
    return locator.evaluate(f"el => getComputedStyle(el)[{prop!r}]")


def card_part(page: Page, part: str):
    return page.locator(f"[data-outcome] .care-card__{part}")


@pytest.mark.parametrize(
    ("level", "band", "body"),
    [
        ("emergency", NHS_RED, NHS_BLACK),
        ("urgent", NHS_RED, "rgb(255, 255, 255)"),
        ("see_doctor", NHS_BLUE, "rgb(255, 255, 255)"),
    ],
)
def test_each_care_card_has_the_nhs_colours_and_says_its_level_in_words(page, level, band, body):
    journey.open_result(page, level)

    expect(page.get_by_role("heading", level=1)).to_have_text(journey.heading(level))
    assert style(card_part(page, "heading-container"), "backgroundColor") == band
    content_background = style(card_part(page, "content"), "backgroundColor")
    assert content_background in (body, "rgba(0, 0, 0, 0)")
    if level == "emergency":
        assert content_background == NHS_BLACK
        assert style(card_part(page, "content"), "color") == "rgb(255, 255, 255)"


def test_a_normal_result_is_a_green_inset_rather_than_a_care_card(page):
    journey.open_result(page, "normal")

    card = page.locator("[data-outcome=normal]")
    assert style(card, "borderLeftColor") == NHS_GREEN
    assert style(card_part(page, "heading-container"), "backgroundColor") == "rgba(0, 0, 0, 0)"
    expect(page.get_by_role("heading", level=1)).to_have_text(journey.heading("normal"))


def visible_headings(page: Page) -> list[str]:
    return [h.strip() for h in page.locator("main h2:visible").all_inner_texts()]


def test_the_emergency_result_only_says_what_to_do_now_why_and_the_reference(page):
    journey.open_result(page, "emergency")

    number = current_content().clinic.emergency_number
    card = page.locator("[data-outcome=emergency]")
    expect(card.get_by_role("link", name=f"Call {number}")).to_have_attribute(
        "href", f"tel:{number}"
    )
    assert card.get_by_role("link").count() == 1, "an emergency card holds one thing to press"
    assert visible_headings(page) == ["Why we are giving this advice", "Your reference"]
    expect(page.get_by_text("harmless")).to_have_count(0)


def test_the_urgent_result_gives_the_action_the_reason_and_worsening_advice_only(page):
    journey.open_result(page, "urgent")

    card = page.locator("[data-outcome=urgent]")
    expect(card.get_by_role("link", name="get help from NHS 111 online")).to_have_attribute(
        "href", "https://111.nhs.uk/"
    )
    expect(card.get_by_role("link", name="call 111")).to_have_attribute("href", "tel:111")
    assert visible_headings(page) == [
        "Why we are giving this advice",
        "If it gets worse before you are seen",
        "Your reference",
    ]


def test_see_a_doctor_and_normal_results_keep_their_action_causes_and_safety_netting(page):
    journey.open_result(page, "see_doctor")
    card = page.locator("[data-outcome=see_doctor]")
    expect(card).to_contain_text("Contact your GP surgery and ask for an appointment.")
    assert "Get help if" in visible_headings(page)

    journey.open_result(page, "normal")
    page.locator("[data-outcome=normal]").get_by_role("link", name="When to get help").click()
    expect(page).to_have_url(re.compile(r"/check/result/#get-help-heading$"))
    expect(page.locator("#get-help-heading")).to_be_in_viewport()


def test_a_quote_names_its_question_on_screen_and_on_paper(page):
    journey.open_result(page, "see_doctor")
    question = current_content().engine.questions["movement"].text
    quote = page.locator("[data-warning-sign=reduced_motion] .you-answered")

    expect(quote).to_have_text(f"You answered yes to: {question}")
    page.emulate_media(media="print")
    expect(quote).to_be_visible()
    expect(quote).to_have_text(f"You answered yes to: {question}")


def test_the_printed_result_shows_when_it_was_produced(page):
    journey.open_result(page, "urgent")
    page.emulate_media(media="print")

    produced = page.locator(".produced")
    expect(produced).to_be_visible()
    expect(produced).to_have_text(re.compile(r"^Result produced on \d{1,2} \w+ \d{4} at \d\d:\d\d"))


def progress_label(page: Page) -> tuple[int, int]:
    found = re.fullmatch(r"Step (\d+) of (\d+)", page.locator(".progress-label").inner_text())
    assert found, page.locator(".progress-label").inner_text()
    return int(found[1]), int(found[2])


def test_progress_never_changes_its_total_through_a_journey_that_opens_the_follow_up(page):
    seen = []
    journey.start(page)
    journey.answer_all(page, WITH_FOLLOW_UP, on_page=lambda page: seen.append(progress_label(page)))

    assert [number for number, _ in seen] == list(range(1, len(journey.PAGE_SLUGS) + 1))
    assert {total for _, total in seen} == {len(journey.PAGE_SLUGS)}


def test_the_back_link_is_at_the_top_and_keeps_what_is_ticked_on_the_page(page):
    journey.start(page)
    journey.answer_page(page, journey.NORMAL)
    journey.choose(page, "popping_when", "stretching")
    back = journey.back_link(page)
    assert back.evaluate("a => a.compareDocumentPosition(document.querySelector('h1')) & 4"), (
        "the back link comes before the heading"
    )
    click_and_wait(page, back)

    expect(page).to_have_url(re.compile(r"/check/emergency-check/$"))
    expect(journey.back_link(page)).to_have_attribute("href", "/")
    click_and_wait(page, continue_button(page))
    expect(page.locator('input[name="popping_when"][value="stretching"]')).to_be_checked()


def test_the_back_link_works_without_javascript_and_on_check_your_answers(new_page):
    page = new_page(java_script_enabled=False)
    journey.start(page)
    journey.answer_all(page, journey.NORMAL)
    expect(page).to_have_url(journey.ANSWERS_URL)

    click_and_wait(page, journey.back_link(page))
    expect(page).to_have_url(re.compile(f"/check/{journey.PAGE_SLUGS[-1]}/$"))
    click_and_wait(page, journey.back_link(page))
    expect(page).to_have_url(re.compile(f"/check/{journey.PAGE_SLUGS[-2]}/$"))
    expect(page.locator('input[name="daily_impact"][value="none"]')).to_be_checked()
    expect(page.get_by_role("button", name="Back")).to_have_count(0)


def test_after_a_failed_continue_the_error_summary_has_focus_and_reads_as_the_messages(page):
    journey.start(page)
    journey.answer_page(page, journey.NORMAL)
    click_and_wait(page, continue_button(page))

    assert page.title().startswith("Error: ")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    links = [text.strip() for text in summary.get_by_role("link").all_inner_texts()]
    messages = [
        text.removeprefix("Error:").strip()
        for text in page.locator(".error-message").all_text_contents()
    ]
    assert links == messages and len(links) == 2


def test_every_page_has_a_meta_description(page):
    def description() -> str:
        return page.locator('meta[name="description"]').get_attribute("content") or ""

    found = {}
    for path in ["/", "/privacy/", "/check/expired/"]:  # error pages: tests/test_result_page.py
        page.goto(path)
        found[path] = description()
    for _ in journey.each_question_page(page):
        found[journey.path_of(page)] = description()
    for level in journey.ANSWERS:
        journey.open_result(page, level)
        found[level] = description()

    assert all(len(text) > 40 for text in found.values()), found
    assert len(set(found.values())) == len(found)
