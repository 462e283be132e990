"""
A change of an image in the library is a change of every item that shows it: saving the image's
change form gives each a new version to review, recorded in its history as that change, by the
person who made it, while visitors keep the signed version.
"""

import pytest
from django.urls import reverse

from blog.models import Article
from faq.models import Entry
from invamed.images import reviewed
from invamed.review import services
from tests import factories
from tests.review.test_admin_changeform import change_form_data

from .pictures import library_image, picture, upload
from .test_signed_figures import body_with


@pytest.fixture
def image(db):
    return library_image(
        title="Vertebra, side view",
        texts={"en": ("Side view of a vertebra", "A caption"), "tr": ("Bir omur", "Açıklama")},
    )


@pytest.fixture
def live_items(editor, reviewer, notices, image):
    """A live article showing the image in its body, one showing it as its lead image, a live
    FAQ entry showing it in its answer, and a live article that does not show it."""
    in_body = factories.make_article(editor, body=body_with(image))
    as_lead = factories.make_article(editor, lead_image=image)
    entry = factories.make_entry(editor, answer=body_with(image))
    other = factories.make_article(editor)
    return [factories.publish(item, reviewer) for item in (in_body, as_lead, entry, other)]


def change_image(client, image, **changes):
    url = reverse("admin:images_image_change", args=[image.pk])
    data = change_form_data(client, url, "image_form", **changes)
    return client.post(url, data, follow=True)


def fresh(item):
    return type(item).objects.get(pk=item.pk)


def test_replacing_the_picture_gives_every_item_showing_it_a_version_to_review(
    client, editor, live_items, image
):
    client.force_login(editor)
    response = change_image(client, image, picture=upload(picture("PNG", (900, 600)), "n.png"))

    assert response.status_code == 200
    assert "3 item(s) show this image and now have a new version to review" in (
        response.content.decode()
    )
    *showing, other = [fresh(item) for item in live_items]
    for item, signed in zip(showing, live_items, strict=False):
        assert item.status == "draft" and item.live_version_id == signed.live_version_id
        assert item.head_version.number == signed.live_version.number + 1
        event = services.history(item).first()
        assert (event.action, event.actor, event.to_state) == ("edit", editor, "draft")
        assert event.comment == "Image library: “Vertebra, side view” changed: picture replaced."
    assert other.status == "published" and other.versions.count() == 1


def test_an_alt_text_or_caption_change_is_named_in_the_history(client, editor, live_items, image):
    client.force_login(editor)
    change_image(client, image, **{"texts-0-alt": "A vertebra", "texts-1-caption": "Yeni"})
    event = services.history(fresh(live_items[0])).first()
    assert event.comment.endswith("changed: alt text (en), caption (tr).")


def test_a_change_no_version_records_gives_no_item_a_new_version(client, editor, live_items, image):
    """The title and keywords are for editors only: nothing visitors see changed."""
    client.force_login(editor)
    response = change_image(client, image, title="Renamed", keywords="spine")
    assert "new version to review" not in response.content.decode()
    assert all(fresh(item).status == "published" for item in live_items)


def test_a_caption_change_in_another_language_gives_only_that_languages_items_a_version(
    editor, reviewer, notices, image
):
    english = factories.publish(factories.make_article(editor, body=body_with(image)), reviewer)
    image.texts.filter(language="tr").update(caption="Başka")
    assert reviewed.image_changed(image, editor, "caption (tr)") == []
    assert fresh(english).status == "published"


def test_the_working_copies_showing_an_image_are_found_in_every_kind_of_item(
    editor, image, live_items
):
    found = {(type(item), item.pk) for item in reviewed.items_showing(image)}
    in_body, as_lead, entry, _other = live_items
    assert found == {(Article, in_body.pk), (Article, as_lead.pk), (Entry, entry.pk)}


def test_an_image_is_not_confused_with_one_whose_id_starts_with_its_own(editor, image):
    other_address = f"/images/{image.pk}0/"
    factories.make_article(editor, body=f'<p><img src="{other_address}" alt="Another"></p>')
    assert list(reviewed.items_showing(image)) == []
