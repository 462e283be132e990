"""
Library images are reviewed content: a version signs each image it shows (its file's hash, its
alt text in the item's language, caption and credit), visitors see the figures of the signed
version, and a change in the library needs a new review before visitors see it.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from blog.models import Article, Category
from invamed.images import rendering, reviewed, usage
from invamed.images.models import ImageFile, ImageText
from invamed.images.processing import prepare
from invamed.review import services
from invamed.review.models import fingerprint, renderer
from tests import factories

from .pictures import library_image, picture, upload
from .test_rendering import Tags


def img(image, alt="Typed in the editor"):
    return f'<img src="{image.get_reference_url()}" alt="{alt}">'


def body_with(*images):
    figures = "".join(f"<p>{img(image)}</p>" for image in images)
    return f"<p>Opening text.</p><h2>Why</h2>{figures}<p>After the figures.</p>"


@pytest.fixture
def spine(db):
    return library_image(
        size=(2000, 1250),
        texts={
            "en": ("Lateral X-ray of a treated vertebra", "Cement fills the vertebral body."),
            "tr": ("Tedavi edilmiş bir omurun yan röntgeni", "Çimento omur cismini doldurur."),
        },
        credit="Image: INVAMED Medical Affairs",
    )


@pytest.fixture
def lead(db):
    return library_image(
        size=(1600, 900), color=(200, 180, 20), alt="Diagram of the lumbar spine",
        caption="The lumbar spine.", credit="Illustration: INVAMED",
    )  # fmt: skip


@pytest.fixture
def illustrated(editor, reviewer, notices, spine, lead):
    """A live article with `spine` in its body and `lead` as its lead image."""
    article = factories.make_article(editor, body=body_with(spine), lead_image=lead)
    return factories.publish(article, reviewer)


def page_of(client, article):
    response = client.get(Article.objects.get(pk=article.pk).get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def replace_picture(image, color=(0, 120, 0)):
    image.file = ImageFile.objects.store(prepare(upload(picture("PNG", (1200, 800), color))))
    image.save()
    return image


# The signed snapshot.


def test_the_snapshot_carries_each_images_hash_alt_caption_and_credit(illustrated, spine, lead):
    """What the reviewer signs names the exact picture and the texts readers get."""
    images = illustrated.live_version.content["images"]
    assert images == {
        "body": [
            {
                "image_id": spine.pk,
                "sha256": spine.file.sha256,
                "alt": "Lateral X-ray of a treated vertebra",
                "caption": "Cement fills the vertebral body.",
                "credit": "Image: INVAMED Medical Affairs",
                "width": 2000,
                "height": 1250,
            }
        ],
        "lead_image": [lead.reference("en")],
    }
    assert illustrated.live_version.content["lead_image"] == lead.pk
    assert illustrated.live_version.fingerprint == fingerprint(illustrated.live_version.content)


def test_a_translation_signs_the_image_texts_of_its_own_language(illustrated, spine, editor):
    """The Turkish article's reviewer signs the Turkish alt text and caption."""
    category = illustrated.category
    Category.objects.create(name="Omurga", slug="omurga", language="tr", source=category)
    translation = services.translate(illustrated, "tr", editor)
    (ref,) = translation.head_version.content["images"]["body"]
    assert ref["alt"] == "Tedavi edilmiş bir omurun yan röntgeni"
    assert ref["caption"] == "Çimento omur cismini doldurur."
    assert ref["sha256"] == spine.file.sha256


def test_an_item_that_shows_no_library_image_has_no_images_entry(editor):
    """Its snapshot, and so its fingerprint, is what it was before images were signed."""
    article = factories.make_article(editor)
    assert "images" not in article.head_version.content


def test_the_image_references_are_plain_data_for_the_diff(illustrated):
    """Lists of flat dicts of strings and numbers: JSON as stored, nothing to look up."""
    for refs in illustrated.live_version.content["images"].values():
        for ref in refs:
            assert set(ref) == {"image_id", "sha256", "alt", "caption", "credit", "width",
                                "height"}  # fmt: skip
            assert all(isinstance(value, str | int) for value in ref.values())


# What visitors get.


def test_the_article_shows_a_signed_image_as_a_responsive_figure(client, illustrated, spine):
    tags = Tags(page_of(client, illustrated))
    body_img = next(a for a in tags.all("img") if spine.file.sha256 in a.get("src", ""))
    assert rendering.SIZES == body_img["sizes"]
    assert [int(p.rsplit(" ", 1)[1][:-1]) for p in body_img["srcset"].split(", ")] == [
        480, 800, 1200, 1600,
    ]  # fmt: skip
    assert (body_img["width"], body_img["height"]) == ("1600", "1000")
    assert body_img["alt"] == "Lateral X-ray of a treated vertebra"
    assert body_img["loading"] == "lazy"
    text = "".join(tags.text)
    assert "Cement fills the vertebral body. Image: INVAMED Medical Affairs" in text
    assert len(tags.all("figcaption")) == 2  # the lead image's and the body's
    assert 'src="/images/' not in page_of(client, illustrated)  # never the library's address


def test_the_lead_image_is_the_articles_first_figure_and_loads_eagerly(client, illustrated, lead):
    page = page_of(client, illustrated)
    header_end = page.index("</header>", page.index('class="article__header"'))
    first_figure = page.index('<figure class="figure">')
    assert header_end < first_figure < page.index('class="article__body')
    (first, *others) = [a for a in Tags(page[first_figure:]).all("img")]
    assert lead.file.sha256 in first["src"] and first["fetchpriority"] == "high"
    assert "loading" not in first
    assert all(other.get("loading") == "lazy" for other in others)


def test_without_a_lead_image_a_figure_in_the_opening_text_loads_eagerly(
    client, editor, reviewer, notices, spine
):
    article = factories.make_article(editor, body=f"<p>{img(spine)}</p><h2>Why</h2><p>Text.</p>")
    article = factories.publish(article, reviewer)
    (figure_img,) = [a for a in Tags(page_of(client, article)).all("img") if "srcset" in a]
    assert figure_img["fetchpriority"] == "high"


def test_an_image_replaced_in_the_library_is_not_public_until_re_reviewed(
    client, illustrated, spine, editor, reviewer
):
    """Visitors keep the signed picture; the article has a new version to review, and once it
    is signed and published visitors get the new one."""
    old = spine.file.sha256
    replace_picture(spine)
    changed = reviewed.image_changed(spine, editor, "picture replaced")

    assert [item.pk for item in changed] == [illustrated.pk]
    article = Article.objects.get(pk=illustrated.pk)
    assert article.status == "draft" and article.live_version_id == illustrated.live_version_id
    assert article.head_version.content["images"]["body"][0]["sha256"] == spine.file.sha256
    page = page_of(client, article)
    assert old in page and spine.file.sha256 not in page

    factories.publish(article, reviewer)
    page = page_of(client, article)
    assert spine.file.sha256 in page and old not in page


def test_an_alt_text_changed_in_the_library_is_not_public_until_re_reviewed(
    client, illustrated, spine, editor, reviewer
):
    ImageText.objects.filter(image=spine, language="en").update(alt="A new description")
    reviewed.image_changed(spine, editor, "alt text (en)")

    assert "A new description" not in page_of(client, illustrated)
    article = Article.objects.get(pk=illustrated.pk)
    assert article.head_version.content["images"]["body"][0]["alt"] == "A new description"
    factories.publish(article, reviewer)
    assert 'alt="A new description"' in page_of(client, article)


def test_the_old_file_is_still_served_to_visitors_until_the_new_version_is_live(
    client, disk_media, editor, reviewer, notices
):
    image = library_image(caption="A caption")
    article = factories.publish(factories.make_article(editor, body=body_with(image)), reviewer)
    (src,) = [a["src"] for a in Tags(page_of(client, article)).all("img") if "srcset" in a]
    replace_picture(image)
    reviewed.image_changed(image, editor, "picture replaced")

    call_command("prune_images", stdout=io.StringIO())

    response = client.get(src)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # the old JPEG
    assert src in page_of(client, article)


def test_the_files_that_versions_show_are_registered_as_in_use(illustrated, spine, lead):
    old = spine.file.sha256
    replace_picture(spine)
    in_use = usage.hashes_in_use()
    assert {old, spine.file.sha256, lead.file.sha256} <= in_use
    assert not ImageFile.objects.unused().filter(sha256=old).exists()


def test_an_anonymous_request_never_writes_a_file(client, disk_media, illustrated):
    """Not on a page with figures, nor when the stored figures are made again (another
    renderer made them), nor for the media themselves."""
    before = sorted((path, path.stat().st_mtime_ns) for path in disk_media.rglob("*"))
    type(illustrated.live_version).objects.update(prepared={"renderer": "an older one"})

    page = page_of(client, illustrated)
    for src in {a["src"] for a in Tags(page).all("img") if "srcset" in a}:
        assert client.get(src).status_code == 200
    assert client.get(reverse("home")).status_code == 200

    assert sorted((path, path.stat().st_mtime_ns) for path in disk_media.rglob("*")) == before


# Tampering.


def test_verify_fails_when_a_versions_image_references_are_changed_behind_its_back(illustrated):
    version = illustrated.live_version
    content = version.content
    content["images"]["body"][0]["alt"] = "Something the reviewer never read"
    type(version).objects.filter(pk=version.pk).update(content=content)
    version.refresh_from_db()
    assert not version.verify() and version.mismatches() == ["content"]


def test_verify_fails_when_a_versions_prepared_figures_are_changed_behind_its_back(illustrated):
    version = illustrated.live_version
    prepared = version.preparation()
    prepared["body"]["html"] = prepared["body"]["html"].replace(
        "Cement fills", "Nothing to worry about:"
    )
    prepared["lead_image"]["figure"] = "<figure>another picture</figure>"
    type(version).objects.filter(pk=version.pk).update(prepared=prepared)
    version.refresh_from_db()
    assert version.mismatches() == ["prepared"]


def test_a_new_media_address_makes_the_stored_figures_again(client, illustrated, settings):
    """Moving the media to a bucket or a CDN is no tampering: the figures follow."""
    settings.MEDIA_URL = "https://media.example.com/"
    page = page_of(client, illustrated)
    assert 'src="https://media.example.com/images/' in page
    version = type(illustrated.live_version).objects.get(pk=illustrated.live_version_id)
    assert version.prepared["renderer"] == renderer() and version.verify()
