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


def plans(fragment):
    """(generic plans, custom plans) PostgreSQL made for the prepared statement holding
    `fragment`: how often it planned the statement, once for all values or anew for them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE strpos(statement, %s) > 0",
            [fragment],
        )
        return cursor.fetchone()


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


def test_a_prepared_statement_is_planned_once_whatever_its_values(client, reviewer):
    articles = [
        factories.publish(factories.make_article(title=f"Vertebral fracture {n}"), reviewer)
        for n in range(3)
    ]
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    for _ in range(threshold + 2):
        for article in articles:
            page = client.get(article.get_absolute_url()).content.decode()
            assert article.live_version.title in page
    generic, custom = plans(LOOKUP)
    assert custom == 0 and generic > 0  # never planned again for another address
