"""
`manage.py restore_site IN.tar.gz`: put back what `backup_site` wrote, into an empty database.

The database must be migrated (`manage.py migrate`) and hold no content: no user, article, FAQ
entry, version, sign-off, audit row, tag, notice... (the groups, permissions and content types
that migrations create are expected and replaced). Anything else is refused, never merged.

`loaddata` saves rows as they are stored (raw): the models' save() overrides, which keep
versions, sign-offs and the audit record immutable and chain new audit rows, are not run, so
every hash, fingerprint, date and primary key comes back unchanged. Content types and
permissions get their archived ids back, because sign-off digests in the hash chain name content
types by id. Everything happens in one transaction; then the search index is rebuilt
(PostgreSQL), the media files are written through Django's storage API (to disk or to an
S3-compatible bucket, whichever the site uses, whichever the backed-up site used), and the
audit chain and every version's fingerprint are verified. If the chain verified at backup time
and does not now, nothing is kept.
"""

import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from invamed.review.models import LiveDocument, Version, reviewable_models, verify_audit_chain
from invamed.site import compiled

from .backup_site import FORMAT, backed_up_models

# Rows that `migrate` itself writes; replaced by the archive's own.
CREATED_BY_MIGRATIONS = {"contenttypes.ContentType", "auth.Permission", "auth.Group"}


def existing_content():
    """Models that already hold rows of their own, as 'label: count'."""
    return [
        f"{label}: {count}"
        for label, count in backed_up_models().items()
        if count and label not in CREATED_BY_MIGRATIONS
    ]


def version_models():
    return [m for m in apps.get_models() if issubclass(m, Version)]


class Command(BaseCommand):
    help = "Restore a backup_site archive into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by backup_site")

    def handle(self, *args, archive, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"No such archive: {source}")
        present = existing_content()
        if present:
            raise CommandError(
                "Refusing to restore: this database already holds content ("
                + ", ".join(present[:8])
                + (", ..." if len(present) > 8 else "")
                + "). restore_site only restores into an empty database: create a new "
                "database, run `manage.py migrate`, then restore into it."
            )
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as tar:
            names = tar.getnames()
            if "manifest.json" not in names or "data.json" not in names:
                raise CommandError(f"{source} is not a backup_site archive.")
            manifest = json.load(tar.extractfile("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise CommandError(f"Unknown archive format {manifest.get('format')!r}.")
            media = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()]
            for member in media:
                relative = PurePosixPath(member.name).relative_to("media")
                if ".." in relative.parts or relative.is_absolute():
                    raise CommandError(f"Unsafe path in the archive: {member.name}")
                if default_storage.exists(relative.as_posix()):
                    raise CommandError(
                        f"Refusing to restore: media file {relative} already exists."
                    )
            tar.extract("data.json", tmp, filter="data")
            with transaction.atomic():
                self._load(Path(tmp) / "data.json")
                verified, problem = verify_audit_chain()
                if problem is not None and manifest["audit_chain"]["intact"]:
                    raise CommandError(
                        f"Restore rolled back: the audit chain verified at backup time but not "
                        f"after the restore ({problem})."
                    )
                # A version whose rows or preparation differ from what was signed would show
                # visitors unsigned content: an archive changed after it was written.
                broken = [
                    f"{model._meta.label} {version.pk} ({', '.join(mismatches)})"
                    for model in version_models()
                    for version in model.objects.order_by("pk")
                    if (mismatches := version.mismatches())
                ]
                if broken:
                    raise CommandError(
                        "Restore rolled back: these versions no longer match what was signed: "
                        + "; ".join(broken[:5])
                        + (" …" if len(broken) > 5 else "")
                    )
            for member in media:
                name = PurePosixPath(member.name).relative_to("media").as_posix()
                saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
                if saved != name:
                    raise CommandError(f"The media storage stored {name} as {saved}.")

        counts = backed_up_models()
        differ = {
            label: (expected, counts.get(label))
            for label, expected in manifest["counts"].items()
            if counts.get(label) != expected
        }
        self.stdout.write(
            f"Restored {sum(manifest['counts'].values())} rows of {len(manifest['counts'])} "
            f"models and {len(media)} media files from {source}."
        )
        if differ:
            self.stdout.write(f"Row counts that differ from the archive's: {differ}")
        self.stdout.write("Fingerprints: all versions match.")
        if problem is None:
            self.stdout.write(f"audit chain intact: {verified} entries")
        else:
            self.stderr.write(f"audit chain broken (as it was at backup time): {problem}")

    def _load(self, data):
        # The archive's content types, permissions and groups replace those migrate wrote, ids
        # included (nothing refers to them yet: the database holds no content).
        Group.objects.all().delete()
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        call_command("loaddata", str(data), verbosity=0)
        ContentType.objects.clear_cache()
        compiled.forget()
        # Models added since the backup get their content types and permissions as migrate
        # would give them.
        for app_config in apps.get_app_configs():
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
        if connection.vendor == "postgresql":
            for model in version_models():
                for version in model.objects.only("pk", "content").iterator(chunk_size=500):
                    version.store_search_document()
        for model in reviewable_models():  # Search's copy of the live versions (PostgreSQL).
            LiveDocument.refresh(model)
