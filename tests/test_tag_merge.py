"""Merging a synonym tag in the admin keeps every article, FAQ entry and version tagged."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from tests import factories

pytestmark = pytest.mark.django_db


def test_merging_tags_in_the_admin_keeps_every_item_tagged(client, superuser, reviewer, editor):
    first = factories.publish(factories.make_article(editor, tags=["kyphoplasty"]), reviewer)
    second = factories.publish(
        factories.make_article(editor, tags=["balloon kyphoplasty", "kyphoplasty"]), reviewer
    )
    entry = factories.publish(factories.make_entry(editor, tags=["balloon kyphoplasty"]), reviewer)
    ids = [str(t.pk) for t in Tag.objects.filter(name__in=["kyphoplasty", "balloon kyphoplasty"])]
    client.force_login(superuser)

    response = client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", ACTION_CHECKBOX_NAME: ids},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:taggit_tag_merge_tags")).status_code == 200
    response = client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "kyphoplasty"})
    assert response.status_code == 302

    assert list(Tag.objects.values_list("name", flat=True)) == ["kyphoplasty"]
    for item in (first, second, entry):
        item.refresh_from_db()
        assert list(item.tags.names()) == ["kyphoplasty"]
        assert list(item.live_version.tags.names()) == ["kyphoplasty"]
    page = client.get(reverse("tag", args=["kyphoplasty"])).content.decode()
    assert first.title in page and second.title in page and entry.question in page


def test_merge_without_a_selection_says_so(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:taggit_tag_merge_tags"), follow=True)
    assert "Select the tags to merge first." in response.content.decode()
