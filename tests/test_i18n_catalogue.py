"""The Welsh interface strings (locale/cy/LC_MESSAGES/django.po): complete, faithful to their
placeholders, up to date with the templates, and compiled with or without GNU gettext."""

import gettext
import re
from io import StringIO

import polib
import pytest
from django.core.management import call_command

from tests.welsh import CATALOGUE

PLACEHOLDER = re.compile(r"%\(\w+\)s|<[^>]+>")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def _translations(entry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_string_is_translated_and_none_is_fuzzy(catalogue):
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy


def test_each_translation_keeps_the_placeholders_and_markup_of_its_english(catalogue):
    for entry in catalogue:
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for translation in _translations(entry):
            assert sorted(PLACEHOLDER.findall(translation)) == wanted, entry.msgid


def test_the_catalogue_has_every_string_the_patient_pages_use_and_no_other():
    out = StringIO()
    call_command("update_messages", "--check", stdout=out)

    assert out.getvalue() == "The catalogues match the sources.\n"


def test_the_catalogue_compiles_without_gnu_gettext(tmp_path, settings, monkeypatch):
    """A laptop without msgfmt: `make run` compiles the catalogue with polib."""
    (tmp_path / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "cy" / "LC_MESSAGES" / "django.po").write_bytes(CATALOGUE.read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    monkeypatch.setattr(
        "backpop_site.management.commands.compilemessages.find_command", lambda name: None
    )

    call_command("compilemessages", verbosity=0)

    with (tmp_path / "cy" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        welsh = gettext.GNUTranslations(compiled)
    assert welsh.gettext("Start now") == "Dechrau nawr"
    assert welsh.gettext("There is a problem") == "Mae problem"
