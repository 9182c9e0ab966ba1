"""Browser tests: Playwright for Python driving the system Chromium against the live server.

One browser for the whole session, a fresh context (cookies, viewport) per test. Without
Chromium the tests are skipped with a clear line, except under CI=true, where they fail.
"""

import os
import shutil
import socket
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

# Debian's chromium (.ci/run installs it); CHROMIUM_PATH names another build of Chromium.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIPPED_LINE = "browser tests skipped: chromium not found"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Actions fail fast: every page here is local and small.
TIMEOUT_MS = 5_000


_missing_key = pytest.StashKey[bool]()


def _chromium_missing() -> bool:
    return not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK))


def _ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    # Browser tests last: Playwright's sync API keeps an event loop running while the browser
    # is open, and Django refuses ORM calls from inside one (see _allow_orm_calls below).
    others = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = others + browser_items
    if _chromium_missing():
        config.stash[_missing_key] = True
        if not _ci():
            for item in browser_items:
                item.add_marker(pytest.mark.skip(reason=SKIPPED_LINE))


def pytest_terminal_summary(terminalreporter, config):
    if not config.stash.get(_missing_key, False):
        return
    if _ci():
        terminalreporter.write_line(
            f"browser tests FAILED: chromium not found at {CHROMIUM}, and CI=true requires them",
            red=True,
        )
    else:
        terminalreporter.write_line(SKIPPED_LINE, yellow=True)


@pytest.fixture(scope="session")
def browser():
    if _chromium_missing():
        pytest.fail(f"chromium not found at {CHROMIUM}; CI=true does not allow skipping them")
    from playwright.sync_api import sync_playwright

    with _allow_orm_calls(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class _allow_orm_calls:
    """Let the test thread use the ORM while Playwright's event loop runs in it.

    The sync API runs its loop in a greenlet of the test's own thread, so Django's
    async-safety check sees a running loop although nothing is concurrent. Set only while
    the browser is open, which is after every other test has run.
    """

    name = "DJANGO_ALLOW_ASYNC_UNSAFE"

    def __enter__(self):
        self.before = os.environ.get(self.name)
        os.environ[self.name] = "true"

    def __exit__(self, *exc):
        if self.before is None:
            os.environ.pop(self.name, None)
        else:
            os.environ[self.name] = self.before


class _NoDelayServer(ThreadedWSGIServer):
    """The live server, answering without Nagle's algorithm.

    wsgiref sends the headers and the body in two writes; with Nagle the second waits for
    the client's delayed ACK, which added some 40 ms to every request and page load.
    """

    def get_request(self):
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


@pytest.fixture(scope="session")
def _quick_live_server():
    before = LiveServerThread.server_class
    LiveServerThread.server_class = _NoDelayServer
    yield
    LiveServerThread.server_class = before


_migrated: dict[str, str] = {}


def _with_migrated_data(connection) -> None:
    """Put back what the migrations made, which emptying the tables after each browser test
    removes. Copied from the database at the first browser test (the unit tests before it
    roll back); pytest-django's serialized rollback cannot do it here, as Playwright's
    greenlet gets a connection object without the copy it keeps."""
    from django.core.management import call_command

    from triage.models import ContentVersion

    if "data" not in _migrated:
        _migrated["data"] = connection.creation.serialize_db_to_string()
    elif not ContentVersion.objects.exists():
        # Empty again, without the content types and permissions the last emptying re-made,
        # and with the id sequences left past the ids the copy brings back.
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(_migrated["data"])


@pytest.fixture
def site_url(browser, _quick_live_server, live_server, transactional_db):
    """The live server's address, with the migrated content (the default, published)."""
    from django.db import connection

    _with_migrated_data(connection)
    return live_server.url


@pytest.fixture
def new_page(browser, site_url):
    """Open a page in a fresh context: `new_page(viewport=PHONE, java_script_enabled=False)`.

    Any console error (a Content-Security-Policy refusal, a missing file, a script error)
    fails the test that caused it.
    """
    contexts, problems = [], []

    def open_page(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=site_url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _console_problem(page, message, problems))
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on("response", lambda response: _response_problem(page, response, problems))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "the browser reported errors:\n" + "\n".join(problems)


def _console_problem(page, message, problems):
    # A failed load is reported, with its address, by _response_problem.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"{page.url}: {message.text}")


def _response_problem(page, response, problems):
    if response.status >= 400 and not response.url.endswith("/favicon.ico"):
        problems.append(f"{page.url}: {response.status} for {response.url}")


@pytest.fixture
def page(new_page):
    return new_page()
