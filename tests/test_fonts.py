"""The reading face: Source Serif 4, served from the site itself, as the pinned npm package ships
it and under its licence, covering Turkish, swapped in without hiding text, and preloaded only
on the pages that read in it."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tests import factories

FONTS = settings.BASE_DIR / "static" / "fonts"
PACKAGE = settings.BASE_DIR / "node_modules" / "@fontsource" / "source-serif-4"
CSS = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
FACES = re.findall(r"@font-face \{([^}]*)\}", CSS)
TURKISH = "ÇçĞğİıÖöŞşÜü"
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>')


def covers(unicode_range, character):
    for part in unicode_range.replace("U+", "").split(","):
        low, _, high = part.strip().partition("-")
        if int(low, 16) <= ord(character) <= int(high or low, 16):
            return True
    return False


def test_the_font_files_are_the_pinned_packages_with_its_licence():
    assert PACKAGE.exists(), "node_modules missing: run `npm ci`"
    files = sorted(FONTS.glob("*.woff2"))
    assert len(files) == 6
    for path in files:
        assert path.read_bytes() == (PACKAGE / "files" / path.name).read_bytes(), path.name
    licence = (FONTS / "OFL.txt").read_text()
    assert licence == (PACKAGE / "LICENSE").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_each_face_swaps_and_every_turkish_letter_has_a_face_in_each_style():
    assert len(FACES) == 6
    styles = {}
    for face in FACES:
        assert "font-display: swap" in face
        (source,) = re.findall(r"url\(\.\./fonts/([^)]+)\)", face)
        assert (FONTS / source).exists(), source
        key = re.search(r"font-style: (\w+); font-weight: (\d+)", face).groups()
        styles.setdefault(key, []).append(re.search(r"unicode-range: ([^;]+);", face)[1])
    assert set(styles) == {("normal", "400"), ("italic", "400"), ("normal", "700")}
    for key, ranges in styles.items():
        missing = [c for c in TURKISH if not any(covers(r, c) for r in ranges)]
        assert not missing, (key, missing)
    assert re.search(r'--font-serif: "Source Serif 4",', CSS)


@pytest.mark.django_db
def test_pages_that_read_in_it_preload_its_regular_and_others_do_not(client, editor, reviewer):
    article = factories.publish(factories.make_article(editor), reviewer)

    article_page = client.get(article.get_absolute_url()).content.decode()
    faq_page = client.get(reverse("faq:index")).content.decode()
    home = client.get(reverse("home")).content.decode()

    regular = static("fonts/source-serif-4-latin-400-normal.woff2")
    assert PRELOAD.findall(article_page) == [regular]
    assert PRELOAD.findall(faq_page) == [regular]
    assert PRELOAD.findall(home) == []
    assert finders.find("fonts/source-serif-4-latin-400-normal.woff2")
