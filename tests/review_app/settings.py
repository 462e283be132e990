"""
Settings of the review app's own tests (tests/review_app/): the review app with the foundations
it builds on and a small app of the tests' own (testapp: memos), and neither INVAblog, the FAQ
nor the site layer. `make test` runs them with

    pytest --ds=tests.review_app.settings --confcutdir=tests/review_app tests/review_app

(--confcutdir keeps tests/conftest.py, which builds the site's articles, from being loaded).
"""

from invamed.settings_test import *  # noqa: F403

# The foundations stay: the review app and what it builds on (e-mail, the rich-text editor's
# image library, the content generation that its transitions move).
ABOVE_THE_REVIEW_APP = {
    "whitenoise.runserver_nostatic", "django.contrib.sitemaps", "invamed.reports",
    "blog", "faq", "invamed.site",
}  # fmt: skip
INSTALLED_APPS = [
    *(app for app in INSTALLED_APPS if app not in ABOVE_THE_REVIEW_APP),  # noqa: F405
    "tests.review_app.testapp",
]

ROOT_URLCONF = "tests.review_app.urls"
