import pytest


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A fresh InMemoryStorage for each test (setting STORAGES again resets default_storage)."""
    settings.STORAGES = {**settings.STORAGES}


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client
