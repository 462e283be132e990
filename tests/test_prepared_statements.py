"""
PostgreSQL only: parameters are bound on the server and a statement run a few times on a
connection is prepared there (DATABASES' OPTIONS in invamed/settings.py), so PostgreSQL plans a
page's queries once per connection rather than on every request that renders the page.
"""

import pytest
from django.conf import settings
from django.db import connection

from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statements"),
]

# The article's lookup by address (invamed/site/pages.py, by_address).
LOOKUP = '"review_address"."slug" = $'


def prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_page_rendered_again_and_again_is_planned_once_per_connection(client, reviewer):
    article = factories.publish(factories.make_article(tags=["spine"]), reviewer)
    url = article.get_absolute_url()
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]

    assert client.get(url).status_code == 200
    assert not [s for s in prepared() if LOOKUP in s]  # once is not yet worth preparing

    for _ in range(threshold):
        assert client.get(url).status_code == 200
    assert [s for s in prepared() if LOOKUP in s]
    # Another article's page runs the same statement with its own parameters.
    other = factories.publish(factories.make_article(title="Another article"), reviewer)
    response = client.get(other.get_absolute_url())
    assert response.status_code == 200
    assert "Another article" in response.content.decode()
