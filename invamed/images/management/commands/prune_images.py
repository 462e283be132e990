"""
`manage.py prune_images`: delete the stored picture files nothing refers to any more.

A file goes when no library image shows it and no app that registered with usage.py (signed
versions, for one) refers to it: the old pictures of replaced images that no version showed.
Its renditions go with it. `--dry-run` lists them and deletes nothing. Files left in the storage
by an upload that failed half-way (stored, but no row names them) go too, once they are a day
old, so an upload in progress is never touched.
"""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from invamed.images import names
from invamed.images.models import ImageFile, Rendition

STRAY_AGE = datetime.timedelta(days=1)


def stored_names(folder=names.FOLDER):
    """Every file name under `folder` in the media storage."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet (a local folder not made yet)
        return
    for file in files:
        yield f"{folder}/{file}"
    for directory in directories:
        yield from stored_names(f"{folder}/{directory}")


class Command(BaseCommand):
    help = "Delete stored image files that no library image and no registered app refers to."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args, dry_run=False, **options):
        deleted = 0
        for file in ImageFile.objects.unused().prefetch_related("renditions"):
            files = file.stored_names()
            self.stdout.write(
                f"{'Would delete' if dry_run else 'Deleting'} {file} ({len(files)} files)"
            )
            if not dry_run:
                try:
                    with transaction.atomic():
                        file.delete()
                except ProtectedError:
                    continue  # an image started showing it again since it was found unused
                for name in files:
                    default_storage.delete(name)
            deleted += 1
        known = set(ImageFile.objects.values_list("name", flat=True))
        known |= set(Rendition.objects.values_list("name", flat=True))
        cutoff = timezone.now() - STRAY_AGE
        strays = 0
        for name in stored_names():
            if name in known or not names.is_hashed(name):
                continue
            if default_storage.get_modified_time(name) > cutoff:
                continue
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleting'} stray file {name}")
            if not dry_run:
                default_storage.delete(name)
            strays += 1
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {deleted} unused image files and {strays} stray files.")
