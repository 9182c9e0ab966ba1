"""Django's compilemessages, which also works where GNU gettext's msgfmt is missing.

With msgfmt (Debian's `gettext`: CI and the image install it) this is Django's own command,
walking the project but not the virtual environment inside it (whose packages ship their
catalogues compiled). Without it, as on a laptop that never installed gettext, the
project's catalogues (LOCALE_PATHS) are compiled with polib, a pure-Python library in the
dev extra, so `make run` and `make test` work anywhere. The .mo files are never committed:
locale/*.po is the source.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import compilemessages
from django.core.management.utils import find_command

# Trees that never hold this project's catalogues, beside the virtual environment.
SKIPPED = [".git", "var", "staticfiles", "node_modules"]


class Command(compilemessages.Command):
    def handle(self, **options):
        if find_command(self.program) is None:
            self._compile_with_polib(options)
            return
        cwd, venv = Path.cwd().resolve(), Path(sys.prefix).resolve()
        skipped = [*SKIPPED, *([str(venv.relative_to(cwd))] if venv.is_relative_to(cwd) else [])]
        options["ignore_patterns"] = [*options["ignore_patterns"], *skipped]
        super().handle(**options)

    def _compile_with_polib(self, options) -> None:
        try:
            import polib
        except ImportError:
            raise CommandError(
                "Cannot compile the translations: install GNU gettext (Debian: apt-get install "
                "gettext) or polib (pip install polib; the dev extra has it)."
            ) from None
        chosen, excluded = set(options["locale"]), set(options["exclude"])
        for base in map(Path, settings.LOCALE_PATHS):
            for po in sorted(base.glob("*/LC_MESSAGES/*.po")):
                language = po.parent.parent.name
                if (chosen and language not in chosen) or language in excluded:
                    continue
                mo = po.with_suffix(".mo")
                if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                    continue
                if options["verbosity"] > 0:
                    self.stdout.write(f"processing file {po.name} in {po.parent} (polib)")
                catalogue = polib.pofile(str(po))
                if options["fuzzy"]:
                    for entry in catalogue.fuzzy_entries():
                        entry.flags.remove("fuzzy")
                catalogue.save_as_mofile(str(mo))
