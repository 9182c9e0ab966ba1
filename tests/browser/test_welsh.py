"""The check in Welsh in a real browser (issue 16): a Welsh-speaking patient's whole journey by
clicking, the switch in the header, axe on every Welsh page, and the README's pictures."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.test_accessibility import Audit
from tests.browser.test_screenshots import shoot
from tests.welsh import english_left
from triage import models

pytestmark = pytest.mark.browser

WELSH_QUESTION_URL = re.compile(r"/cy/check/(?!answers/|result/|expired/|start/)[\w-]+/$")


@pytest.fixture
def welsh_browser(new_page):
    """A browser whose preferred language is Welsh."""
    return new_page(locale="cy-GB", extra_http_headers={"Accept-Language": "cy-GB,cy;q=0.9"})


def _in_welsh(page: Page) -> None:
    snapshot = models.ContentVersion.objects.order_by("-number").first().snapshot
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert english_left(page.content(), snapshot) == [], page.url


def _answer_in_welsh(page: Page, answers: dict, audit=None) -> None:
    """From the current Welsh page to the result, checking each page on the way."""
    for _ in range(len(journey.PAGE_SLUGS) + 2):
        _in_welsh(page)
        if audit:
            audit(page)
        if "/check/result/" in page.url:
            return
        if page.url.endswith("/check/answers/"):
            button = page.get_by_role("button", name="Ymlaen i'ch canlyniad")
        else:
            for question, options in answers.items():
                if question in journey.questions_on(page):
                    for option in options:
                        journey.choose(page, question, option)
            button = page.get_by_role("button", name="Parhau", exact=True)
        journey.click_and_wait(page, button)
    raise AssertionError(f"the questionnaire did not end; stuck at {page.url}")


def test_a_welsh_browser_does_the_whole_check_in_welsh(welsh_browser):
    page = welsh_browser
    audit = Audit()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/cy/$"))
    _in_welsh(page)
    audit(page)

    journey.click_and_wait(page, page.get_by_role("button", name="Dechrau nawr"))
    expect(page).to_have_url(WELSH_QUESTION_URL)
    _answer_in_welsh(page, {**journey.NORMAL, "movement": ["yes"]}, audit)

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Gofynnwch i feddyg neu ffisiotherapydd archwilio eich cefn"
    )
    audit.check()


def test_the_emergency_result_in_welsh_says_whom_to_call(welsh_browser):
    page = welsh_browser
    page.goto("/cy/")
    journey.click_and_wait(page, page.get_by_role("button", name="Dechrau nawr"))

    _answer_in_welsh(page, journey.ANSWERS["emergency"])

    expect(page).to_have_url(re.compile(r"/cy/check/result/$"))
    expect(page.get_by_role("link", name="Ffoniwch 999")).to_have_attribute("href", "tel:999")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mae angen gweithredu ar unwaith: Mynnwch help brys nawr"
    )


def test_switching_to_welsh_mid_journey_keeps_the_answers(page):
    journey.start(page)
    journey.answer_page(page, journey.NORMAL)
    journey.choose(page, "popping_when", "walking")
    journey.choose(page, "popping_when", "getting_up")
    journey.choose(page, "popping_duration", "under_2_weeks")
    journey.click_and_wait(page, journey.continue_button(page))

    journey.click_and_wait(page, page.get_by_role("link", name="Cymraeg"))
    expect(page).to_have_url(re.compile(r"/cy/check/pain/$"))
    journey.click_and_wait(page, page.get_by_role("link", name="Yn ôl", exact=True))

    expect(page).to_have_url(re.compile(r"/cy/check/the-popping/$"))
    expect(page.get_by_label("Wrth gerdded")).to_be_checked()
    expect(page.get_by_label("Wrth sefyll neu godi o'r gwely")).to_be_checked()
    expect(page.get_by_label("Wrth blygu neu droi")).not_to_be_checked()


def test_pictures_of_a_welsh_question_page_and_result(welsh_browser):
    page = welsh_browser
    page.goto("/cy/")
    journey.click_and_wait(page, page.get_by_role("button", name="Dechrau nawr"))
    journey.choose(page, "emergency_signs", "none")
    journey.click_and_wait(page, page.get_by_role("button", name="Parhau", exact=True))
    expect(page).to_have_url(re.compile(r"/cy/check/the-popping/$"))
    shoot(page, "welsh-question")

    _answer_in_welsh(page, {**journey.NORMAL, "nerve_symptoms": ["numbness"]})
    expect(page).to_have_url(re.compile(r"/cy/check/result/$"))
    shoot(page, "welsh-result-urgent")
