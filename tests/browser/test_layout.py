"""Layout on real screens and paper: phones, zoom, keyboard focus and print."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

SITE_TITLE = " - Back popping check"
# 320 CSS px is WCAG's reflow width; 640 is a 1280 px wide window at 200% zoom.
WIDTHS = (320, PHONE["width"], 640)

PAGE_FACTS = """() => {
  const root = document.documentElement;
  const tooSmall = [];
  for (const el of document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary")) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if ((box.width === 0 && box.height === 0) || style.visibility === "hidden") continue;
    if (el.matches(".visually-hidden-focusable")) continue;  // the skip link, until focused
    // WCAG 2.5.8 exempts a link inside a sentence.
    const inSentence = el.tagName === "A" && style.display === "inline"
      && el.parentElement.textContent.trim().length > el.textContent.trim().length;
    if (!inSentence && (box.width < 24 || box.height < 24)) {
      const name = (el.textContent.trim() || el.name || el.id).slice(0, 40);
      tooSmall.push(`${el.tagName.toLowerCase()} "${name}" ${box.width}x${box.height}`);
    }
  }
  const inline = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      if (attribute.name === "style" || attribute.name.startsWith("on")) {
        inline.push(`${el.tagName.toLowerCase()} ${attribute.name}`);
      }
    }
    if ((el.tagName === "SCRIPT" && !el.src) || el.tagName === "STYLE") {
      inline.push(`<${el.tagName.toLowerCase()}> element`);
    }
  }
  const resources = [...document.querySelectorAll("link[href], script[src], img[src]")]
    .map(el => el.href || el.src);
  return {
    title: document.title,
    lang: root.lang,
    tooSmall,
    inline,
    elsewhere: resources.filter(url => new URL(url).origin !== location.origin),
  };
}"""


def horizontal_overflow(page: Page) -> dict[int, int]:
    """Pixels of horizontal scroll at each width (none is 0)."""
    overflow = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        overflow[width] = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    page.set_viewport_size(PHONE)
    return overflow


class PageSurvey:
    """Facts gathered from every page, each rule checked at the end with all its failures."""

    def __init__(self):
        self.titles: dict[str, str] = {}
        self.problems: dict[str, list[str]] = {}

    def note(self, rule: str, where: str, detail) -> None:
        self.problems.setdefault(rule, []).append(f"{where}: {detail}")

    def __call__(self, page: Page, *, ours: bool = True) -> None:
        where = journey.path_of(page)
        expect(page.locator("body")).to_be_visible()
        for width, pixels in horizontal_overflow(page).items():
            if pixels > 0:
                self.note("scrolls sideways", where, f"{pixels}px at {width}px wide")
        if not ours:  # the Django admin's login page: only the reflow rule is ours to keep
            return
        facts = page.evaluate(PAGE_FACTS)
        title = facts["title"]
        if not title.endswith(SITE_TITLE) or title == SITE_TITLE.lstrip(" -"):
            self.note("title", where, repr(title))
        key = where
        if page.get_by_role("alert").count():
            key += " with errors"
        if page.locator("[data-outcome]").count():
            key += " " + journey.outcome(page)
        if title in self.titles.values():
            self.note("title not unique", key, repr(title))
        self.titles[key] = title
        if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", facts["lang"].lower()):
            self.note("lang", where, repr(facts["lang"]))
        for detail in facts["tooSmall"]:
            self.note("tap target under 24x24 px", where, detail)
        for detail in facts["inline"]:
            self.note("inline script or style", where, detail)
        for url in facts["elsewhere"]:
            self.note("loads from another site", where, url)

    def check(self) -> None:
        report = [f"{rule}:\n  " + "\n  ".join(found) for rule, found in self.problems.items()]
        assert not report, "\n".join(report)


def test_every_page_reflows_on_a_phone_with_its_own_title_and_no_inline_code(new_page):
    page = new_page(viewport=PHONE)
    survey = PageSurvey()
    for path in ["/", "/privacy/", "/check/expired/"]:
        page.goto(path)
        survey(page)
    page.goto("/" + getattr(settings, "ADMIN_PATH", "admin/") + "login/")
    survey(page, ours=False)

    journey.start(page)
    journey.click_and_wait(page, journey.continue_button(page))  # nothing chosen: errors
    expect(page.get_by_role("alert")).to_be_visible()
    survey(page)
    for _ in journey.each_question_page(page):
        survey(page)
    for level in journey.ANSWERS:
        journey.open_result(page, level)
        survey(page)

    survey.check()
    assert len(survey.titles) == 3 + 1 + len(journey.PAGE_SLUGS) + 1 + 4


def test_emergency_advice_is_above_the_fold_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    journey.open_result(page, "emergency")

    card = page.locator("[data-outcome=emergency]")
    for part in [
        card.get_by_role("heading", level=1),
        card.get_by_text("Call the emergency number"),
        card.get_by_role("link", name=re.compile(r"^Call \d+")),
    ]:
        box = part.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            f"{part} ends at {box and box['y'] + box['height']}px, below the fold"
        )


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_each_result_prints_on_at_most_two_pages_without_the_site_chrome(page):
    pages = {}
    for level in journey.ANSWERS:
        journey.open_result(page, level)
        page.emulate_media(media="print")
        for chrome in ["header", "footer", "form", ".skip-link"]:
            expect(page.locator(chrome).first).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        pages[level] = pdf_page_count(page.pdf(format="A4", print_background=True))
        page.emulate_media(media="screen")

    assert all(1 <= count <= 2 for count in pages.values()), pages


def around(page: Page, selector: str) -> bytes:
    """A picture of an element with a margin, where a focus ring would show."""
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    clip = {
        "x": box["x"] - 8,
        "y": box["y"] - 8,
        "width": box["width"] + 16,
        "height": box["height"] + 16,
    }
    return page.screenshot(clip=clip, animations="disabled", caret="hide")


def test_skip_link_goes_to_the_content_and_keyboard_focus_is_visible(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    box = skip.bounding_box()
    assert box["width"] > 100 and box["height"] >= 24, box
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    journey.start(page)
    for selector in [
        'input[name="emergency_signs"][value="none"]',
        "button[value=continue]",
        ".site-footer a",
    ]:
        unfocused = around(page, selector)
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                break
        else:
            raise AssertionError(f"Tab never reached {selector}")
        assert around(page, selector) != unfocused, f"focus on {selector} does not show"
