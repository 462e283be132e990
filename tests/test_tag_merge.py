"""Tags on signed pages: merged only by reviewers, as new versions of the items they touch; never
renamed or deleted in place while a version carries them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from invamed.content.models import Tag
from invamed.review import services
from tests import factories

pytestmark = pytest.mark.django_db


def merge(client, tags, target):
    ids = [str(tag.pk) for tag in tags]
    response = client.post(
        reverse("admin:content_tag_changelist"), {"action": "merge", ACTION_CHECKBOX_NAME: ids}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client.post(response["Location"], {"target": target}, follow=True)


def test_a_reviewer_merges_tags_into_new_versions_and_live_pages_keep_their_signed_tags(
    client, second_reviewer, reviewer, editor
):
    first = factories.publish(factories.make_article(editor, tags=["kyphoplasty"]), reviewer)
    second = factories.publish(
        factories.make_article(editor, tags=["balloon kyphoplasty", "kyphoplasty"]), reviewer
    )
    entry = factories.publish(factories.make_entry(editor, tags=["balloon kyphoplasty"]), reviewer)
    synonym = Tag.objects.get(name="balloon kyphoplasty")
    client.force_login(second_reviewer)

    response = merge(client, Tag.objects.filter(name__icontains="kyphoplasty"), "kyphoplasty")

    assert "2 item(s) have a new version to review" in response.content.decode()
    second.refresh_from_db()
    entry.refresh_from_db()
    for item in (second, entry):
        assert list(item.tags.names()) == ["kyphoplasty"]
        assert item.status == "draft" and item.has_unpublished_changes
        assert sorted(item.live_version.tags.names())[0] == "balloon kyphoplasty"
        event = services.history(item).first()
        assert (event.action, event.actor) == ("edit", second_reviewer)
        assert "Tags merged" in event.comment
    assert first.head_version == first.live_version  # it carried only the target: untouched
    # The synonym stays while signed versions show it: its page still lists them.
    assert Tag.objects.filter(pk=synonym.pk).exists()
    page = client.get(synonym.get_absolute_url()).content.decode()
    assert second.live_version.title in page and entry.live_version.question in page


def test_an_editor_can_neither_merge_rename_nor_delete_a_tag(client, editor, reviewer):
    """Editors (and site administrators) used to merge, rename and delete tags on live pages."""
    factories.publish(factories.make_article(editor, tags=["spine care", "spine-care"]), reviewer)
    tags = list(Tag.objects.all())
    for user in (editor, factories.make_user(role="site_admin")):
        client.force_login(user)
        response = client.post(
            reverse("admin:content_tag_changelist"),
            {"action": "merge", ACTION_CHECKBOX_NAME: [t.pk for t in tags]},
        )
        assert response.status_code in (200, 302, 403)
        assert client.get(reverse("admin:content_tag_merge") + "?ids=1").status_code == 403
        change = reverse("admin:content_tag_change", args=[tags[0].pk])
        client.post(change, {"name": "renamed", "slug": "renamed", "language": "en"})
        client.post(reverse("admin:content_tag_delete", args=[tags[0].pk]), {"post": "yes"})
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["spine care", "spine-care"]


def test_a_tag_that_a_signed_version_shows_cannot_be_renamed_or_deleted(
    client, superuser, live_article
):
    tag = live_article.live_version.tags.first()
    client.force_login(superuser)
    page = client.get(reverse("admin:content_tag_change", args=[tag.pk])).content.decode()
    assert 'name="name"' not in page  # read only
    response = client.post(reverse("admin:content_tag_delete", args=[tag.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_merging_tags_of_two_languages_is_refused(client, reviewer, editor):
    english = Tag.objects.create(name="spine", language="en")
    turkish = Tag.objects.create(name="omurga", language="tr")
    client.force_login(reviewer)
    response = client.get(
        reverse("admin:content_tag_merge") + f"?ids={english.pk},{turkish.pk}", follow=True
    )
    assert "Select two or more tags of one language" in response.content.decode()
