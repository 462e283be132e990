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
- `media/`: the uploaded files (MEDIA_ROOT).
- `manifest.json`: when, from which database, the row count of every model, and whether the
  audit chain verified at backup time (restore_site compares).
"""

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
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
            media_root = Path(settings.MEDIA_ROOT)
            media_files = (
                sorted(p for p in media_root.rglob("*") if p.is_file())
                if media_root.is_dir()
                else []
            )
            manifest["media_files"] = len(media_files)
            partial = target.with_name(target.name + ".partial")
            with tarfile.open(partial, "w:gz") as tar:
                payload = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
                tar.add(data, arcname="data.json")
                for path in media_files:
                    tar.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
            partial.replace(target)
        rows = sum(counts.values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(counts)} models and {len(media_files)} media files "
            f"to {target}."
        )
        if problem is not None:
            self.stderr.write(f"Warning: the audit chain was already broken: {problem}")
