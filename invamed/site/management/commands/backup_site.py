"""
`manage.py backup_site OUT.tar.gz`: the whole site in one archive, for `restore_site`.

The archive holds:
- `data.json`: Django's serialization of every model (what `dumpdata` writes, in its order)
  except sessions and django-axes' login attempts (short-lived state, not content): content,
  versions, sign-offs, the audit record, tags, notices, users, groups, permissions and content
  types, the admin's history. Foreign keys to users, groups, permissions and content types are
  written by natural key; every row keeps its primary key, content types and permissions
  included, because sign-off digests in the audit hash chain name content types by id. Dates
  keep their microseconds (`dumpdata`'s JSON rounds them to milliseconds, which would break
  every audit hash that covers a date), so `loaddata` reads the file back exactly.
- `media/`: every file of the media storage (the image library's pictures and renditions),
  read through Django's storage API, so a site whose media are in an S3-compatible bucket is
  backed up like one whose media are on disk, and either restores into the other.
- `manifest.json`: when, from which database, the row count of every model, and whether the
  audit chain verified at backup time (restore_site compares).
"""

import datetime
import io
import json
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from invamed.review.models import verify_audit_chain

FORMAT = 1
EXCLUDED = ["sessions", "axes"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its rounding of times to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dump(stream):
    """Every backed-up row, models in dependency order, as loaddata reads them."""
    app_list = [(c, None) for c in apps.get_app_configs() if c.label not in EXCLUDED]
    models = serializers.sort_dependencies(app_list, allow_cycles=True)

    def rows():
        for model in models:
            if not model._meta.proxy:
                yield from model._base_manager.order_by(model._meta.pk.name).iterator()

    serializers.serialize(
        "json", rows(), stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
    )


def media_names(folder=""):
    """Every file name in the media storage, sorted, folders first-level first."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # on disk: MEDIA_ROOT not made yet, nothing stored
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in sorted(files)]
    for directory in sorted(directories):
        names += media_names(prefix + directory)
    return names


def backed_up_models():
    """Every model the archive holds, by label, with its current row count."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED and not model._meta.proxy
    }


class Command(BaseCommand):
    help = "Write all content, versions, sign-offs, audit records, users and media to a .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="where to write the archive, e.g. site.tar.gz")

    def handle(self, *args, archive, **options):
        target = Path(archive)
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a folder.")
        verified, problem = verify_audit_chain()
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data.json"
            with data.open("w", encoding="utf-8") as stream:
                dump(stream)
            counts = backed_up_models()
            manifest = {
                "format": FORMAT,
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "database_vendor": connection.vendor,
                "counts": counts,
                "audit_chain": {"intact": problem is None, "entries": verified},
            }
            media_files = media_names()
            manifest["media_files"] = len(media_files)
            partial = target.with_name(target.name + ".partial")
            with tarfile.open(partial, "w:gz") as tar:
                payload = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
                tar.add(data, arcname="data.json")
                for name in media_files:
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = default_storage.size(name)
                    info.mtime = int(time.time())
                    with default_storage.open(name) as stored:
                        tar.addfile(info, stored)
            partial.replace(target)
        rows = sum(counts.values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(counts)} models and {len(media_files)} media files "
            f"to {target}."
        )
        if problem is not None:
            self.stderr.write(f"Warning: the audit chain was already broken: {problem}")
