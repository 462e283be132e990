from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.review_app.testapp"
    label = "testapp"
    verbose_name = "Memos (the review app's tests)"
