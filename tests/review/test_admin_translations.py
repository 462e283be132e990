"""A translation whose source changed since it was made, as the admin shows it: the change lists'
"Translation" filter and column, the front page's queue, and the link from the translation's
page to what changed in the source."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article
from faq.models import Entry
from tests import bilingual, factories

NEW_SOURCE_BODY = "<h2>What is kyphoplasty?</h2><p>Updated guidance on vertebral cement.</p>"


@pytest.fixture
def site(db):
    """The bilingual site, then a newer English version of the kyphoplasty article and of the
    FAQ entry published: their Turkish translations are behind, the second article's is not."""
    site = bilingual.build_site()
    editor = factories.make_user(role="editor")
    factories.edit(site["article"], editor, body=NEW_SOURCE_BODY)
    site["article"] = factories.publish(site["article"], site["reviewer"])
    factories.edit(site["entry"], editor, answer="<p>Usually under local anaesthesia.</p>")
    site["entry"] = factories.publish(site["entry"], site["reviewer"])
    site["editor"] = editor
    return site


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def listed(client, model, query):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(url + query)
    assert response.status_code == 200
    return response, {item.pk for item in response.context["cl"].result_list}


def test_the_translation_filter_lists_the_right_articles(client, site):
    client.force_login(site["editor"])
    expected = {
        "source_changed": {site["article_tr"].pk},
        "up_to_date": {site["second_tr"].pk},
        "original": {site["article"].pk, site["second"].pk},
    }
    for value, pks in expected.items():
        _response, found = listed(client, Article, f"?translation={value}")
        assert found == pks, value

    response, _found = listed(client, Article, "")
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert "translation" in filters
    page = response.content.decode()
    assert "Source changed since translated" in page
    assert "Up to date" in page and "Not a translation" in page


def test_the_translation_filter_lists_the_right_faq_entries(client, site):
    client.force_login(site["editor"])

    assert listed(client, Entry, "?translation=source_changed")[1] == {site["entry_tr"].pk}
    assert listed(client, Entry, "?translation=up_to_date")[1] == set()
    assert listed(client, Entry, "?translation=original")[1] == {site["entry"].pk}


def test_the_list_rule_is_the_item_rule(site, reviewer):
    """The queryset and the instance agree, also on a source edited but not yet published and
    on a translation edited after it was made."""
    factories.edit(site["second"], site["editor"], title="A new title, not live yet")
    factories.edit(site["second_tr"], site["editor"], title="Yeni başlık, henüz yayımda değil")
    behind = set(Article.objects.source_changed().values_list("pk", flat=True))
    up_to_date = set(Article.objects.up_to_date().values_list("pk", flat=True))

    for article in Article.objects.all():
        assert (article.pk in behind) == article.source_changed(), article
        assert (article.pk in up_to_date) == bool(
            article.source_id and not article.source_changed()
        )
    assert behind == {site["article_tr"].pk}


def test_the_front_page_lists_the_translations_behind_their_source(client, site):
    client.force_login(site["editor"])

    response = client.get(reverse("admin:index"))

    page = response.content.decode()
    assert "Translations behind their source" in page
    queue = page.split('id="translations-behind"')[1].split('<div class="module"')[0]
    assert f'href="{change_url(site["article_tr"])}"' in queue
    assert f'href="{change_url(site["entry_tr"])}"' in queue
    assert f'href="{change_url(site["second_tr"])}"' not in queue
    translation = site["article_tr"]
    made_from, live = translation.made_from, site["article"].live_version.number
    assert f"made from version {made_from}; version {live} of the source is live" in queue


def test_the_front_page_says_when_every_translation_is_up_to_date(client, editor):
    bilingual.build_site()
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Every translation is up to date with its source." in page


def test_the_translation_links_to_what_changed_in_its_source(client, site):
    client.force_login(site["editor"])
    article, translation = site["article"], site["article_tr"]
    expected = (
        reverse("admin:blog_article_diff", args=[article.pk, article.live_version.number])
        + f"?against={translation.made_from}"
    )

    page = client.get(change_url(translation)).content.decode()

    assert "What changed in the source since this translation" in page
    assert f'href="{expected}"' in page
    diff = client.get(expected)
    assert diff.status_code == 200
    assert diff.context["base"].number == translation.made_from
    assert diff.context["version"].number == article.live_version.number > translation.made_from
    assert "<ins>Updated guidance on vertebral cement.</ins>" in diff.content.decode()


def test_an_up_to_date_translation_has_no_link_to_its_source_changes(client, site):
    client.force_login(site["editor"])

    page = client.get(change_url(site["second_tr"])).content.decode()

    assert "What changed in the source since this translation" not in page


def behind_translations(count, editor, reviewer):
    """`count` live English articles, each translated into Turkish and then updated in
    English: every translation is behind its source."""
    category = factories.make_category("Spine care", slug=f"spine-care-{count}")
    factories.make_category("Omurga", slug=f"omurga-{count}", language="tr", source=category)
    for n in range(count):
        article = factories.make_article(
            editor, title=f"Vertebral augmentation, part {n}", category=category
        )
        source = factories.publish(article, reviewer)
        factories.publish(factories.translate(source, translator=editor), reviewer)
        factories.edit(source, editor, summary=f"Revised summary {n}.")
        factories.publish(source, reviewer)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:blog_article_changelist"], ids=["front page", "list"]
)
def test_the_translation_state_costs_no_query_per_translation(client, editor, reviewer, url_name):
    """The change list's translation column and the front page's "behind their source" queue
    read each translation's state from the list's own query, not one query per row."""
    client.force_login(editor)
    url = reverse(url_name)
    behind_translations(2, editor, reviewer)
    few = queries_for(client, url)
    behind_translations(4, editor, reviewer)

    assert Article.objects.source_changed().count() == 6
    assert queries_for(client, url) == few
