"""
The interface's catalogues (locale/<language>/LC_MESSAGES/django.po), committed with their
compiled .mo files so that the site runs without GNU gettext.

Each message is translated, its placeholders kept; each .mo holds exactly what its .po says (a
.po edited without `make messages` fails here: the .mo is stale); and, where GNU gettext is
installed (CI installs it), the catalogues hold every message the code and templates mark, no
more. polib (pinned in requirements-dev.txt) reads both files.
"""

import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

from invamed.site.management.commands.makemessages import IGNORED

ROOT = settings.BASE_DIR
LOCALE = ROOT / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%[sd]")


def catalogues():
    """{language: polib.POFile} of every language of the site except the default one."""
    return {
        code: polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }


def messages(catalogue):
    """{(context, message, plural): translation(s)} of the messages a catalogue translates."""
    found = {}
    for entry in catalogue:
        if entry.msgid_plural:
            translation = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
        else:
            translation = entry.msgstr
        # What msgfmt compiles: neither obsolete, fuzzy nor (wholly or partly) untranslated.
        if entry.obsolete or "fuzzy" in entry.flags or not all(translation):
            continue
        found[(entry.msgctxt, entry.msgid, entry.msgid_plural or None)] = translation
    return found


def keys(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural or None) for e in catalogue if not e.obsolete}


def test_every_language_of_the_site_has_a_complete_catalogue():
    """No message of the interface is left in English (untranslated or fuzzy), and each
    translation keeps the placeholders of its message, so no page shows a raw %(name)s."""
    for code, catalogue in catalogues().items():
        assert catalogue.metadata["Language"] == code
        assert not catalogue.untranslated_entries(), (code, catalogue.untranslated_entries())
        assert not catalogue.fuzzy_entries(), (code, catalogue.fuzzy_entries())
        for entry in catalogue:
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for translated in translations:
                expected = sorted(PLACEHOLDER.findall(entry.msgid))
                assert sorted(PLACEHOLDER.findall(translated)) == expected, (code, entry.msgid)


def test_turkish_plural_forms_are_one_for_one_and_another_for_the_rest():
    """Turkish has two plural forms, the singular for exactly one (CLDR, GNU gettext)."""
    assert catalogues()["tr"].metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_compiled_catalogues_hold_exactly_their_sources():
    """The committed .mo is the compiled .po: same messages, same translations, same plural
    rule. Edited the .po? Run `make messages` (it compiles), or
    `python manage.py compilemessages --ignore=.venv --ignore=node_modules`."""
    for code, source in catalogues().items():
        compiled = polib.mofile(str(LOCALE / code / "LC_MESSAGES" / "django.mo"))
        assert messages(compiled) == messages(source), f"locale/{code}: the .mo is stale"
        assert compiled.metadata["Plural-Forms"] == source.metadata["Plural-Forms"]


def test_catalogues_hold_every_message_of_the_code_and_no_other(tmp_path):
    """What makemessages finds in a copy of the code is what the catalogues hold: a new
    {% translate %} or gettext() not yet in them, or one removed from the code, fails here.
    Needs GNU gettext (CI installs it); without it the test says so and is skipped."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext not installed: apt-get install gettext")
    copy = tmp_path / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".*", "__pycache__", *IGNORED, "db.sqlite3"),
    )
    languages = [arg for code in catalogues() for arg in ("-l", code)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "-v", "0"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    for code, committed in catalogues().items():
        fresh = polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po"))
        missing, stale = keys(fresh) - keys(committed), keys(committed) - keys(fresh)
        assert not missing and not stale, (
            f"locale/{code} is out of date: run `make messages` and translate.\n"
            f"Not in the catalogue: {sorted(missing, key=str)}\nNo longer used: "
            f"{sorted(stale, key=str)}"
        )
