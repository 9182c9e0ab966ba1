"""Refresh locale/<language>/LC_MESSAGES/django.po from the patient-facing sources.

Only what patients read is translated: the patient pages' templates, the error pages, the
form templates and the validation messages (SOURCES). The admin and the staff messages are
English only, so Django's makemessages, which reads every file it finds, runs on a copy of
SOURCES alone. New strings arrive untranslated, changed ones fuzzy: translate them, then
`make test` (tests/test_i18n_catalogue.py fails on any left). With --check nothing is
written: the command fails, naming them, when a source has strings the catalogue lacks or
the catalogue has strings no source uses any more. Needs GNU gettext (xgettext, msgmerge).
"""

import shutil
import tempfile
from contextlib import chdir
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from triage import languages

SOURCES = (
    "templates/base.html",
    "templates/[0-9]*.html",
    "templates/triage",
    "templates/bootstrap5",
    "triage/validation.py",
    "backpop_site/errors.py",
)


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if the catalogues do not match the sources.",
        )

    def handle(self, *args, check: bool = False, **options):
        import polib

        base = Path(settings.BASE_DIR)
        stale = []
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            for pattern in SOURCES:
                for source in base.glob(pattern):
                    copy = work / source.relative_to(base)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copier = shutil.copytree if source.is_dir() else shutil.copy2
                    copier(source, copy)
            (work / "locale").mkdir()
            shutil.copytree(
                base / "locale",
                work / "locale",
                ignore=shutil.ignore_patterns("*.mo"),
                dirs_exist_ok=True,
            )
            # makemessages writes to ./locale when LOCALE_PATHS names nothing.
            with override_settings(LOCALE_PATHS=[]), chdir(work):
                call_command(
                    "makemessages",
                    locale=list(languages.others()),
                    no_obsolete=True,
                    add_location="file",
                    verbosity=0,
                )
            for code in languages.others():
                relative = Path("locale", code, "LC_MESSAGES", "django.po")
                made = polib.pofile(str(work / relative))
                kept = polib.pofile(str(base / relative)) if (base / relative).exists() else []
                if _entries(made) == _entries(kept):
                    continue  # only the header's date differs: leave the file alone
                stale.append(str(relative))
                if not check:
                    shutil.copyfile(work / relative, base / relative)
                    self.stdout.write(f"Updated {relative}: translate its new or fuzzy entries.")
                else:
                    self._report(relative, made, kept)
        if check and stale:
            raise CommandError(
                f"{', '.join(stale)} out of date with the templates: run `make messages`, "
                "then translate the new entries."
            )
        if not stale and options["verbosity"] > 0:
            self.stdout.write("The catalogues match the sources.")

    def _report(self, relative, made, kept) -> None:
        new, old = _ids(made), _ids(kept)
        for msgid in sorted(new - old):
            self.stderr.write(f"{relative}: not in the catalogue: {msgid!r}")
        for msgid in sorted(old - new):
            self.stderr.write(f"{relative}: no longer in any source: {msgid!r}")
        if new == old:
            self.stderr.write(f"{relative}: where the strings are used changed")


def _ids(catalogue) -> set[str]:
    return {entry.msgid for entry in catalogue if not entry.obsolete}


def _entries(catalogue) -> list[tuple]:
    return sorted(
        (
            e.msgctxt or "",
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted(e.msgstr_plural.items())),
            tuple(e.flags),
            tuple(e.occurrences),
        )
        for e in catalogue
    )
