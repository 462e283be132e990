import pytest
from django.utils import translation

from invamed.content.models import Notice

from . import factories
from .review_app import people


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language. A request for a /tr/ page leaves
    Turkish active in the test's thread (the locale middleware activates the page's language
    and nothing deactivates it), and a later test's reverse() would give /tr/ addresses."""
    translation.deactivate()
    yield
    translation.deactivate()


editor, reviewer, second_reviewer, superuser = people.fixtures(factories)


@pytest.fixture
def notices(db):
    return {
        "regulatory": factories.make_notice(Notice.Kind.REGULATORY),
        "disclaimer": factories.make_notice(Notice.Kind.DISCLAIMER),
    }


@pytest.fixture
def live_article(editor, reviewer, notices):
    article = factories.make_article(
        editor, notice=notices["regulatory"], tags=["spine care", "osteoporosis"],
        references=[("Doe J. A study. Spine J. 2020.", "https://doi.org/10.1000/1")],
    )  # fmt: skip
    return factories.publish(article, reviewer)


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3-compatible server on loopback (moto), for the whole session: its base URL."""
    from tests.s3 import s3_server

    with pytest.MonkeyPatch.context() as environment, s3_server() as endpoint:
        # boto3 reads its credentials from the environment, as in production; moto takes any.
        environment.setenv("AWS_ACCESS_KEY_ID", "testing")
        environment.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        yield endpoint


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """The default storage in a fresh bucket of the S3 server: the bucket's name."""
    from tests.s3 import new_bucket, storages_for

    bucket = new_bucket(s3_endpoint)
    settings.STORAGES = storages_for(settings, s3_endpoint, bucket)
    return bucket


@pytest.fixture
def disk_media(settings, tmp_path):
    """Media on local disk, in a folder of this test's own, as in development."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(items):
    """Mark the tests that touch no database: CI's PostgreSQL pass leaves them to the SQLite one,
    where they run the same."""
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        if not uses_database:
            item.add_marker(pytest.mark.no_database)
