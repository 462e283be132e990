import pytest
from django.utils import translation

from invamed.content.models import Notice

from . import factories


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A request to /tr/… leaves Turkish active in
    the thread (LocaleMiddleware activates the address's language for the rest of the
    request, and the test client runs requests in the test's thread): the next test's
    reverse() would give /tr/ addresses."""
    translation.deactivate()


@pytest.fixture
def editor(db):
    return factories.make_user("edna", role="editor", first_name="Edna", last_name="Editor")


@pytest.fixture
def reviewer(db):
    return factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")


@pytest.fixture
def second_reviewer(db):
    return factories.make_reviewer(name="Dr Selin Kaya", username="selin", credentials="MD, PhD")


@pytest.fixture
def superuser(db):
    return factories.make_user("root", role="superuser")


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
