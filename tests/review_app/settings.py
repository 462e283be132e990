"""
Settings of the review app's own tests (tests/review_app/): the review app with the foundations
it builds on and a small app of the tests' own (testapp: memos), and neither INVAblog, the FAQ
nor the site layer. `make test` runs them with

    pytest --ds=tests.review_app.settings --confcutdir=tests/review_app tests/review_app

(--confcutdir keeps tests/conftest.py, which builds the site's articles, from being loaded).
"""

from invamed.settings_test import *  # noqa: F403

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "taggit",
    "ckeditor",
    "axes",
    # The foundations: the review app and what it builds on (e-mail, the rich-text editor's
    # image library, the content generation that its transitions move).
    "invamed.outbox",
    "invamed.review",
    "invamed.images",
    "invamed.content",
    "tests.review_app.testapp",
]

ROOT_URLCONF = "tests.review_app.urls"
