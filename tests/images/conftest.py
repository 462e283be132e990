import pytest


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A fresh InMemoryStorage for each test (setting STORAGES again resets default_storage)."""
    settings.STORAGES = {**settings.STORAGES}


@pytest.fixture
def disk_media(settings, tmp_path):
    """Media on local disk, in a folder of this test's own, as in development."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client
