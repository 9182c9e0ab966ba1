"""Screenshots for the README (docs/readme/screenshots.md), taken at phone and desktop sizes.

Each picture is optimised with `optipng` (.ci/run installs it) and keeps the SHA-256 of the
browser's own PNG in a tEXt chunk: when a later run renders the same pixels the file is left
alone (no optipng run, no change in git). Without optipng, a changed picture goes to
var/screenshots/ instead, so only optimised files are ever committed.
"""

import hashlib
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

DOCS = Path(settings.BASE_DIR) / "docs" / "screenshots"
SCRATCH = Path(settings.BASE_DIR) / "var" / "screenshots"
SIZES = {"phone": PHONE, "desktop": {"width": 1024, "height": 720}}
SOURCE_KEY = b"backpop-source-sha256"
MAX_BYTES = 150_000


def source_digest(png: bytes) -> str | None:
    found = re.search(re.escape(b"tEXt" + SOURCE_KEY + b"\0") + rb"([0-9a-f]{64})", png)
    return found[1].decode() if found else None


def with_source_digest(png: bytes, digest: str) -> bytes:
    """Add a tEXt chunk before IEND, which is always a PNG's last 12 bytes."""
    data = SOURCE_KEY + b"\0" + digest.encode()
    chunk = b"tEXt" + data
    chunk = struct.pack(">I", len(data)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return png[:-12] + chunk + png[-12:]


def optimised(png: bytes, optipng: str) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "shot.png"
        path.write_bytes(png)
        subprocess.run([optipng, "-quiet", "-o2", "-strip", "all", str(path)], check=True)
        return path.read_bytes()


def save(png: bytes, name: str) -> Path:
    digest = hashlib.sha256(png).hexdigest()
    target = DOCS / f"{name}.png"
    if target.exists() and source_digest(target.read_bytes()) == digest:
        return target  # the same picture as committed
    optipng = shutil.which("optipng")
    if optipng:
        png = with_source_digest(optimised(png, optipng), digest)
    else:
        target = SCRATCH / target.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return target


def shoot(page: Page, name: str) -> None:
    """Save the page at each size, as `<size>-<name>.png`."""
    # The reference code is random and the time the result was produced changes: fixed ones
    # keep the picture the same from run to run.
    page.evaluate(
        "() => { document.querySelectorAll('.reference-code')"
        ".forEach(code => { code.textContent = 'BP-7KQ2MX'; });"
        " document.querySelectorAll('.produced time')"
        ".forEach(time => { time.textContent = '2 December 2026 at 14:05 GMT'; }); }"
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        png = page.screenshot(animations="disabled", caret="hide", scale="css")
        target = save(png, f"{size}-{name}")
        assert target.stat().st_size < MAX_BYTES, f"{target}: {target.stat().st_size} bytes"


def test_screenshots_of_the_main_pages_at_phone_and_desktop_sizes(page):
    page.goto("/")
    shoot(page, "start")

    journey.start(page)
    journey.click_and_wait(page, journey.continue_button(page))
    expect(page.get_by_role("alert")).to_be_visible()
    shoot(page, "errors")

    journey.answer_page(page, journey.NORMAL)
    expect(page).to_have_url(journey.QUESTION_URL)
    shoot(page, "question")

    page.goto(journey.fast_forward(page, journey.NORMAL))
    expect(page).to_have_url(journey.ANSWERS_URL)
    shoot(page, "check-answers")

    for level in ["emergency", "urgent", "see_doctor", "normal"]:
        journey.open_result(page, level)
        shoot(page, "result-" + level.replace("_", "-"))


def test_a_saved_picture_remembers_the_browser_png_it_came_from():
    png = b"\x89PNG\r\n\x1a\n" + b"IHDR-and-IDAT" + struct.pack(">I", 0) + b"IEND\xaeB`\x82"
    tagged = with_source_digest(png, "ab" * 32)

    assert source_digest(tagged) == "ab" * 32
    assert tagged.endswith(png[-12:]) and source_digest(png) is None
