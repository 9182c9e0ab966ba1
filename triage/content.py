"""The published content patients are assessed with, read once per process per version.

Staff edit the draft tables; patients get the latest published version (triage.models
ContentVersion). Starting a journey costs one small query (the latest version's number);
the journey's later pages none, as it carries its version's token. A version's snapshot is
read and parsed once per process.

A snapshot holds every language. The content is built in English when the version is read,
and in another language the first time a page asks for it (`in_language`), then kept with
it: a Welsh page costs no query more than an English one.
"""

import threading
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import connection

from triage import engine, models
from triage.languages import DEFAULT, column
from triage.levels import Level
from triage.snapshot import draft_snapshot


@dataclass(frozen=True)
class Outcome:
    heading: str
    summary: str
    call_to_action: str


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    booking_url: str
    emergency_number: str


@dataclass(frozen=True)
class SiteContent:
    engine: engine.Content
    outcomes: Mapping[str, Outcome]
    clinic: Clinic
    version: int
    token: str
    language: str = DEFAULT
    # The snapshot it was built from, to build the other languages from when asked.
    snapshot: Mapping | None = field(default=None, repr=False, compare=False)
    _translations: dict = field(default_factory=dict, repr=False, compare=False)

    def in_language(self, language: str) -> "SiteContent":
        """The same version in `language` (built once, then kept), its texts falling back to
        English where a translation is empty; the same slugs, levels and rules."""
        if language == self.language or self.snapshot is None:
            return self
        translated = self._translations.get(language)
        if translated is None:
            translated = site_content(self.snapshot, self.version, self.token, language)
            self._translations[language] = translated
        return translated

    @property
    def cache_key(self) -> str:
        """What caches of rendered pages are keyed by: the version and the language."""
        return self.token if self.language == DEFAULT else f"{self.token}@{self.language}"


# The version number of a staff preview of the draft: never a published number. The wizard
# marks such a journey "Preview, not published" and stores no result.
PREVIEW = -1
# A preview's token: a new one per request, so nothing keyed by the token can show a stale
# draft, and never a published version's token (those are UUIDs without a prefix).
PREVIEW_TOKEN_PREFIX = "preview-"

_lock = threading.Lock()
_cached: SiteContent | None = None
_versions: deque[SiteContent] = deque(maxlen=8)  # earlier versions staff looked at lately


def _latest() -> tuple[int, str]:
    # Asked on every request, so plain SQL: the ORM spent longer building this query than
    # the database took to answer it. The unique index on number answers it.
    table = connection.ops.quote_name(models.ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, token FROM {table} ORDER BY number DESC LIMIT 1")
        row = cursor.fetchone()
    # As str(UUID), as the ORM gives it, whether the backend returns a UUID or hex text.
    return (row[0], str(uuid.UUID(str(row[1])))) if row else (0, "")


def current_content() -> SiteContent:
    """Return the latest published version, reading its snapshot once per process."""
    global _cached
    number, token = _latest()
    cached = _cached
    if cached is not None and token and cached.token == token:
        return cached
    with _lock:
        if not token:
            # Nothing was ever published (a database emptied by a test, or migrated without
            # the default content): the draft is all there is.
            _cached = load_content()
            return _cached
        snapshot = models.ContentVersion.objects.values_list("snapshot", flat=True).get(
            number=number
        )
        _cached = site_content(snapshot, number, token)
        return _cached


def version_content(number: int) -> SiteContent | None:
    """A published version by number (staff pages, commands), or None if there is none."""
    versions = models.ContentVersion.objects.filter(number=number)
    token = versions.values_list("token", flat=True).first()
    if token is None:
        return None
    token = str(token)
    known = _known(token)
    if known is not None:
        return known
    site = site_content(versions.values_list("snapshot", flat=True).get(), number, token)
    _versions.appendleft(site)
    return site


def _known(token: str) -> SiteContent | None:
    """A version this process has already read, by its token."""
    for known in (_cached, *_versions):
        if known is not None and known.token == token:
            return known
    return None


def journey_content(started_on: int | None, token: str | None = None) -> SiteContent:
    """The content for a patient who began on version `started_on`: that version to the end.

    Versions are never deleted, so a journey begun before a publish finishes on the wording
    and rules it started with. A journey that carries its version's `token` costs no query
    at all once this process has read that version: a token names one published snapshot
    forever (a number could name another after a database restore), so the copy in memory
    cannot be stale. Without it, one small query finds the latest version.
    A journey staff begin on PREVIEW runs on the draft, read afresh on every page.
    """
    if started_on == PREVIEW:
        return site_content(draft_snapshot(), PREVIEW, f"{PREVIEW_TOKEN_PREFIX}{uuid.uuid4()}")
    if started_on and started_on > 0 and token:  # a published version
        known = _known(token)
        if known is not None and known.version == started_on:
            return known
    latest = current_content()
    if not started_on or started_on == latest.version:
        return latest
    return version_content(started_on) or latest


def is_preview(token: str) -> bool:
    """Content made for one preview request: the draft, read afresh, never worth caching."""
    return token.startswith(PREVIEW_TOKEN_PREFIX)


def load_content() -> SiteContent:
    """The draft, as patients would see it if it were published now (version 0)."""
    return site_content(draft_snapshot(), 0, f"draft-{uuid.uuid4()}")


def site_content(
    snapshot: Mapping, number: int = 0, token: str = "", language: str = DEFAULT
) -> SiteContent:
    """Build what the views and the engine read from a snapshot: active content only, with
    its texts in `language` (English where a translation is empty)."""

    def text(row: Mapping, name: str) -> str:
        return (language != DEFAULT and row.get(column(name, language))) or row[name]

    signs = {
        row["slug"]: engine.WarningSign(
            row["slug"],
            text(row, "title"),
            Level(row["level"]),
            text(row, "explanation"),
            row["source"],
        )
        for row in snapshot["warning_signs"]
        if row["is_active"]
    }
    causes = {
        row["slug"]: engine.Cause(row["slug"], text(row, "title"), text(row, "description"))
        for row in snapshot["causes"]
        if row["is_active"]
    }
    advice = {
        row["slug"]: engine.Recommendation(
            row["slug"],
            row["kind"],
            text(row, "title"),
            text(row, "description"),
            row["shown_on_normal"],
        )
        for row in snapshot["recommendations"]
        if row["is_active"]
    }
    live = {
        (question["slug"], option["slug"])
        for page in snapshot["pages"]
        if page["is_active"]
        for question in page["questions"]
        if question["is_active"]
        for option in question["options"]
        if option["is_active"]
    }
    pages = []
    for page in snapshot["pages"]:
        if not page["is_active"]:
            continue
        questions = []
        for question in page["questions"]:
            if not question["is_active"]:
                continue
            options = tuple(
                engine.Option(
                    slug=option["slug"],
                    label=text(option, "label"),
                    exclusive=option["exclusive"],
                    warning_signs=tuple(s for s in option["warning_signs"] if s in signs),
                    causes=tuple(s for s in option["causes"] if s in causes),
                    recommendations=tuple(s for s in option["recommendations"] if s in advice),
                )
                for option in question["options"]
                if option["is_active"]
            )
            # A condition on a retired answer can never match; keep it so the question stays
            # hidden rather than suddenly being asked of everyone.
            shown_if = frozenset(
                tuple(pair) if tuple(pair) in live else ("", "") for pair in question["shown_if"]
            )
            questions.append(
                engine.Question(
                    slug=question["slug"],
                    text=text(question, "text"),
                    kind=question["kind"],
                    options=options,
                    required=question["required"],
                    help_text=text(question, "help_text"),
                    shown_if=shown_if,
                )
            )
        pages.append(
            engine.Page(page["slug"], text(page, "title"), tuple(questions), text(page, "intro"))
        )
    clinic = snapshot["clinic"] or {"name": "", "phone": "", "booking_url": ""}
    return SiteContent(
        engine=engine.Content(
            pages=tuple(pages),
            warning_signs=signs,
            causes=tuple(causes.values()),
            recommendations=tuple(advice.values()),
        ),
        outcomes={
            row["level"]: Outcome(
                text(row, "heading"), text(row, "summary"), text(row, "call_to_action")
            )
            for row in snapshot["outcomes"]
        },
        clinic=Clinic(
            text(clinic, "name"),
            clinic["phone"],
            clinic["booking_url"],
            clinic.get("emergency_number", "999"),
        ),
        version=number,
        token=token,
        language=language,
        snapshot=snapshot,
    )
