"""
What visitors get for a figure: <picture> with a source per modern format, srcset and sizes,
an <img> with width, height, alt and lazy loading, and the caption with its credit; the
address for link previews; the reviewer's thumbnail; figures in place of images in rich text.
"""

from html.parser import HTMLParser

import pytest
from django.test import RequestFactory

from invamed.images import rendering
from invamed.images.models import ImageFile
from invamed.images.processing import prepare

from .pictures import library_image, picture, upload


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags, self.text = [], []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]

    def names(self):
        return [tag for tag, _attrs in self.tags]


def widths_in(srcset):
    return [int(part.strip().rsplit(" ", 1)[1].rstrip("w")) for part in srcset.split(",")]


@pytest.fixture
def image(db):
    return library_image(
        size=(2000, 1250),
        alt="Lateral X-ray of a treated vertebra",
        caption="Cement fills the vertebral body.",
        credit="Image: INVAMED Medical Affairs",
    )


def test_a_figure_has_a_source_per_format_and_an_img_with_its_size_and_alt(image):
    html = rendering.figure(image.reference())
    tags = Tags(html)
    assert tags.names()[:2] == ["figure", "picture"]
    sources = tags.all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    for source in sources:
        assert widths_in(source["srcset"]) == [480, 800, 1200, 1600]
        assert source["sizes"] == rendering.SIZES
    (img,) = tags.all("img")
    assert widths_in(img["srcset"]) == [480, 800, 1200, 1600]
    assert img["src"].endswith(".jpg") and "-800w-" in img["src"]
    assert (img["width"], img["height"]) == ("1600", "1000")
    assert img["alt"] == "Lateral X-ray of a treated vertebra"
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert img["sizes"] == rendering.SIZES
    assert tags.names()[-2:] == ["figcaption", "span"]
    assert "".join(tags.text) == "Cement fills the vertebral body. Image: INVAMED Medical Affairs"


def test_the_first_figure_above_the_fold_is_not_lazy(image):
    (img,) = Tags(rendering.figure(image.reference(), eager=True)).all("img")
    assert "loading" not in img and img["fetchpriority"] == "high"


def test_a_figure_without_caption_or_credit_has_no_figcaption(db):
    plain = library_image(size=(500, 300))
    html = rendering.figure(plain.reference())
    assert "figcaption" not in html
    (img,) = Tags(html).all("img")
    assert widths_in(img["srcset"]) == [480, 500]


def test_texts_are_escaped(db):
    hostile = library_image(alt='"><script>alert(1)</script>', caption="<b>bold</b>", credit="&")
    html = rendering.figure(hostile.reference())
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&amp;" in html


def test_rendering_many_figures_reads_the_renditions_in_one_query(db, django_assert_num_queries):
    refs = [library_image(color=(i, 20, 20), alt=f"Picture {i}").reference() for i in range(4)]
    with django_assert_num_queries(1):
        figures = rendering.Figures(refs)
    with django_assert_num_queries(0):
        html = [figures.figure(ref) for ref in refs]
        figures.social_url(refs[0])
        figures.thumbnail(refs[1])
    assert all("<picture>" in figure for figure in html)


def test_a_signed_reference_keeps_showing_its_file_after_the_picture_is_replaced(image):
    signed = image.reference()
    image.file = ImageFile.objects.store(prepare(upload(picture("PNG", (900, 900), (1, 200, 1)))))
    image.save()
    assert image.reference()["sha256"] != signed["sha256"]
    (img,) = Tags(rendering.figure(signed)).all("img")
    assert signed["sha256"] in img["src"]
    assert (img["width"], img["height"]) == ("1600", "1000")


def test_a_reference_to_a_file_that_is_gone_renders_nothing(image):
    gone = {**image.reference(), "sha256": "0" * 64}
    assert rendering.figure(gone) == ""
    assert rendering.social_image_url(gone) is None
    assert "Missing image" in rendering.diff_thumbnail(gone)


def test_the_link_preview_image_is_the_absolute_1200_pixel_fallback(image, settings):
    settings.SITE_URL = "https://knowledge.example.com"
    url = rendering.social_image_url(image.reference())
    assert url.startswith("https://knowledge.example.com/media/images/")
    assert "-1200w-" in url and url.endswith(".jpg")
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert rendering.social_image_url(image.reference(), request).startswith("http://testserver/")


def test_the_reviewers_thumbnail_is_small_and_shows_the_alt_text(image):
    tags = Tags(rendering.diff_thumbnail({**image.reference(), "alt": "A <new> alt"}))
    (img,) = tags.all("img")
    assert img["width"] == "160" and img["height"] == "100" and "-480w-" in img["src"]
    assert "Alt text: A <new> alt" in "".join(tags.text)


# Rich text with library images.


def body_with(*images, before="", after=""):
    tags = "".join(f'<img src="{i.get_reference_url()}" alt="In this text">' for i in images)
    return f"<h2>Title</h2><p>{before}{tags}{after}</p>"


def test_an_image_alone_in_its_paragraph_becomes_a_figure_in_its_place(image):
    html = rendering.render_with_figures(body_with(image), [image.reference()])
    assert html.startswith("<h2>Title</h2><figure")
    assert html.endswith("</figure>")
    assert "<p>" not in html


def test_a_figure_splits_the_paragraph_it_stood_in(image):
    html = rendering.render_with_figures(
        body_with(image, before="Before <strong>it</strong> ", after=" and after."),
        [image.reference()],
    )
    assert html.startswith("<h2>Title</h2><p>Before <strong>it</strong> </p><figure")
    assert html.endswith("</figure><p> and after.</p>")


def test_two_figures_in_one_paragraph_follow_each_other(image, db):
    other = library_image(color=(9, 9, 9), alt="Second")
    html = rendering.render_with_figures(
        body_with(image, other), [image.reference(), other.reference()], eager_first=True
    )
    assert html.count("<figure") == 2 and "<p>" not in html
    first, second = Tags(html).all("img")
    assert first.get("fetchpriority") == "high" and second["loading"] == "lazy"


def test_an_image_the_references_do_not_list_is_left_out(image):
    """It was not signed: a later edit of the text cannot slip an unreviewed image in."""
    html = rendering.render_with_figures(body_with(image, after="Text."), [])
    assert html == "<h2>Title</h2><p>Text.</p>"


def test_the_references_of_rich_text_come_from_the_library_in_one_language(
    db, django_assert_num_queries
):
    """The library's alt text and caption in the item's language win: they are what a library
    change re-reviews. The alt typed in the text stands in where the library has none."""
    first = library_image(
        alt="Library alt",
        texts={"en": ("Library alt", "English caption"), "tr": ("Türkçe alt", "Türkçe açıklama")},
        credit="Credit",
    )
    second = library_image(color=(7, 7, 7), alt="Only English", caption="English only")
    html = (
        f'<p><img src="{second.get_reference_url()}" alt=""></p>'
        f'<p><img src="{first.get_reference_url()}" alt="Chosen for this text"></p>'
        f'<p><img src="{second.get_reference_url()}" alt="x"></p><p><img src="/images/999/"></p>'
    )
    with django_assert_num_queries(2):
        refs = rendering.references_in(html, "tr")
    assert [ref["image_id"] for ref in refs] == [second.pk, first.pk]
    assert refs[1] == {
        "image_id": first.pk,
        "sha256": first.file.sha256,
        "alt": "Türkçe alt",
        "caption": "Türkçe açıklama",
        "credit": "Credit",
        "width": 1000,
        "height": 600,
    }
    # No Turkish text: the first alt given in the text, and the default language's caption.
    assert refs[0]["caption"] == "English only" and refs[0]["alt"] == "x"
    english = rendering.references_in(html, "en")
    assert [ref["alt"] for ref in english] == ["Only English", "Library alt"]
