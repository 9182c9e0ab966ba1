"""What "this page is in Welsh" means in the tests: no English a patient could read on it.

A page passes when its visible text holds none of the English the service could have shown
in its place: no interface string of the Welsh catalogue (locale/cy) and no English content
text of the published version that has a Welsh translation. Text inside an element with its
own `lang` (the switcher's "English") is another language on purpose, and skipped.
"""

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# Words too short or too common to tell the languages apart on their own.
TOO_SHORT = 12


class _VisibleText(HTMLParser):
    """The text a reader sees, leaving out scripts, styles and parts in another language."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is its text skipped?

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        skipped = tag in ("script", "style", "title") or any(
            name == "lang" and not (value or "").startswith("cy") for name, value in attrs
        )
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    body = html.split("<body", 1)[-1]
    parser = _VisibleText()
    parser.feed("<body" + body)
    return " ".join(" ".join(parser.parts).split())


@cache
def _interface_english() -> tuple[str, ...]:
    """The catalogue's English strings that differ from their Welsh, without placeholders."""
    found = []
    for entry in polib.pofile(str(CATALOGUE)):
        if "%(" in entry.msgid or "<" in entry.msgid or entry.msgstr == entry.msgid:
            continue
        if len(entry.msgid) >= TOO_SHORT:
            found.append(entry.msgid.replace("&amp;", "&"))
    return tuple(found)


def _content_english(snapshot: dict) -> list[str]:
    """Every English text of a snapshot whose Welsh differs."""
    found = []

    def visit(value):
        if isinstance(value, dict):
            for key, text in value.items():
                welsh = value.get(f"{key}_cy")
                if isinstance(text, str) and welsh and welsh != text and len(text) >= TOO_SHORT:
                    found.append(text)
                visit(text)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(snapshot)
    return found


def english_left(html: str, snapshot: dict) -> list[str]:
    """The English a patient reading this page would meet, [] for a page wholly in Welsh."""
    text = visible_text(html)
    return [s for s in (*_interface_english(), *_content_english(snapshot)) if s in text]
