"""
`manage.py prune_images`: only files nothing refers to are deleted, and the apps that refer to
files (signed versions) say so through invamed.images.usage.
"""

import io
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from invamed.images import names, processing, usage
from invamed.images.models import ImageFile, Rendition

from .pictures import library_image, picture, upload

pytestmark = pytest.mark.django_db


def replace(image, color):
    image.file = ImageFile.objects.store(
        processing.prepare(upload(picture("PNG", (600, 400), color)))
    )
    image.save()


def prune(*options):
    out = io.StringIO()
    call_command("prune_images", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def signed_hashes():
    """An app that refers to files, as signed versions will: the hashes it returns."""
    hashes = set()
    source = usage.register(lambda: hashes)
    yield hashes
    usage.unregister(source)


def test_a_replaced_file_nothing_refers_to_is_deleted_with_its_renditions(signed_hashes):
    image = library_image()
    old = image.file
    old_names = old.stored_names()
    replace(image, (0, 0, 0))

    assert "Deleted 1 unused image files" in prune()

    assert not ImageFile.objects.filter(pk=old.pk).exists()
    assert not Rendition.objects.filter(file_id=old.pk).exists()
    assert not any(default_storage.exists(name) for name in old_names)
    assert all(default_storage.exists(name) for name in image.file.stored_names())


def test_a_file_a_signed_version_refers_to_is_kept(signed_hashes):
    image = library_image()
    old = image.file
    signed_hashes.add(old.sha256)
    replace(image, (0, 0, 0))

    assert "Deleted 0 unused image files" in prune()
    assert all(default_storage.exists(name) for name in old.stored_names())


def test_a_dry_run_deletes_nothing(signed_hashes):
    image = library_image()
    old = image.file
    replace(image, (0, 0, 0))
    assert "Would delete 1 unused image files" in prune("--dry-run")
    assert ImageFile.objects.filter(pk=old.pk).exists()
    assert all(default_storage.exists(name) for name in old.stored_names())


def test_a_file_no_row_names_goes_once_it_is_a_day_old(disk_media):
    """What an upload that failed half-way left in the storage; a recent one may be an upload
    still in progress."""
    library_image()
    old = names.original("a" * 64, "jpg")
    recent = names.original("b" * 64, "jpg")
    for name in (old, recent):
        default_storage.save(name, io.BytesIO(picture("JPEG")))
    a_week_ago = time.time() - 7 * 24 * 3600
    os.utime(disk_media / old, (a_week_ago, a_week_ago))
    (disk_media / "notes.txt").write_text("not ours")

    assert "1 stray files" in prune()

    assert not default_storage.exists(old)
    assert default_storage.exists(recent) and (disk_media / "notes.txt").exists()
