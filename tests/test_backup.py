"""
Backup and restore (`manage.py backup_site` / `restore_site`): everything comes back, unchanged.

Transactional: the restore runs in a database that was really emptied (flush), as it would be
on a new server.
"""

import io
import json
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from blog.models import Article, ArticleVersion
from faq.models import Entry, EntryVersion, Placement
from invamed.content.models import Notice, NoticeVersion
from invamed.review import services
from invamed.review.models import ReviewEvent, SignOff, verify_audit_chain
from invamed.site import roles
from invamed.site.management.commands.backup_site import backed_up_models

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)

PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def role_groups():
    """The groups migration site/0001_roles writes (a transactional test's flush drops them)."""
    roles.apply_roles(Group, Permission)


def seed(disk_media):
    editor = factories.make_user("edna", role="editor", first_name="Edna")
    reviewer = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    notice = factories.make_notice(Notice.Kind.REGULATORY, reviewer=reviewer)
    factories.make_notice(Notice.Kind.DISCLAIMER, reviewer=reviewer)
    entry = factories.make_entry(editor, tags=["osteoporosis"])
    article = factories.make_article(
        editor,
        title="Balloon kyphoplasty after a fall",
        notice=notice,
        tags=["spine care", "osteoporosis"],
        references=[
            ("Arslan E. Height restoration. Spine J. 2021.", "https://doi.org/10.1000/a"),
            ("Kaya S. Cement leakage. J Spine Res. 2019.", "https://doi.org/10.1000/b"),
        ],
    )
    factories.place(entry, article, editor)
    factories.publish(entry, reviewer)
    factories.publish(Article.objects.get(pk=article.pk), reviewer)
    factories.edit(article, editor, summary="A corrected summary, waiting for review.")
    article.refresh_from_db()
    services.perform(article, "submit", editor)
    (disk_media / "uploads").mkdir(parents=True)
    (disk_media / "uploads" / "figure-1.png").write_bytes(PIXEL)
    return Article.objects.get(pk=article.pk), Entry.objects.get(pk=entry.pk)


def renumber_content_types():
    """A new database may number content types differently from the one backed up."""
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    for app_config in reversed(list(apps.get_app_configs())):
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


def test_a_restored_site_is_the_site_that_was_backed_up(disk_media, tmp_path):
    article, entry = seed(disk_media)
    client = Client()
    page_before = client.get(article.get_absolute_url())
    faq_before = client.get(entry.get_absolute_url())
    assert page_before.status_code == 200 and b"Balloon kyphoplasty" in page_before.content
    search_before = client.get("/en/search/", {"q": "kyphoplasty"})
    assert [r.title for r in search_before.context["results"]] == [article.title]
    counts_before = backed_up_models()
    fingerprints_before = sorted(ArticleVersion.objects.values_list("pk", "fingerprint")) + sorted(
        EntryVersion.objects.values_list("pk", "fingerprint")
    )
    hashes_before = list(ReviewEvent.objects.order_by("pk").values_list("hash", flat=True))
    assert len(hashes_before) >= 8 and SignOff.objects.count() == 4  # two notices too

    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    (disk_media / "uploads" / "figure-1.png").unlink()
    renumber_content_types()
    assert not Article.objects.exists() and not ReviewEvent.objects.exists()

    out = io.StringIO()
    call_command("restore_site", str(archive), stdout=out)

    assert backed_up_models() == counts_before
    restored = Article.objects.get(pk=article.pk)
    assert restored.status == article.status and restored.live_version_id == article.live_version_id
    assert client.get(article.get_absolute_url()).content == page_before.content
    assert client.get(entry.get_absolute_url()).content == faq_before.content
    # Search reads what restore rebuilt (LiveDocument, on PostgreSQL).
    assert client.get("/en/search/", {"q": "kyphoplasty"}).content == search_before.content
    assert all(v.verify() for v in [*ArticleVersion.objects.all(), *EntryVersion.objects.all()])
    assert (
        sorted(ArticleVersion.objects.values_list("pk", "fingerprint"))
        + sorted(EntryVersion.objects.values_list("pk", "fingerprint"))
        == fingerprints_before
    )
    assert list(ReviewEvent.objects.order_by("pk").values_list("hash", flat=True)) == hashes_before
    assert verify_audit_chain() == (len(hashes_before), None)
    check = io.StringIO()
    call_command("verify_audit_chain", stdout=check)
    assert f"audit chain intact: {len(hashes_before)} entries" in check.getvalue()
    assert "audit chain intact" in out.getvalue() and "all versions match" in out.getvalue()
    assert (disk_media / "uploads" / "figure-1.png").read_bytes() == PIXEL


def test_restored_site_keeps_working_users_and_workflow(disk_media, tmp_path):
    """Passwords, groups and the next audit row chain on after a restore."""
    article, _ = seed(disk_media)
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    (disk_media / "uploads" / "figure-1.png").unlink()
    call_command("restore_site", str(archive), stdout=io.StringIO())

    reviewer = Group.objects.get(name=roles.REVIEWERS).user_set.get(username="deniz")
    assert reviewer.check_password(factories.PASSWORD)
    assert reviewer.has_perm("review.review_content")
    services.perform(
        Article.objects.get(pk=article.pk), "approve", reviewer, password=factories.PASSWORD
    )
    assert verify_audit_chain()[1] is None


def test_restore_refuses_a_database_that_holds_content(disk_media, tmp_path):
    article, _ = seed(disk_media)
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert Article.objects.get(pk=article.pk).live_version_id is not None


def test_a_restored_site_keeps_its_old_addresses_notice_versions_and_placements(
    disk_media, tmp_path
):
    """What the signature covers outside the article's own row comes back too: the addresses
    that redirect, the notices' signed versions, the FAQ placements of each version."""
    article, entry = seed(disk_media)
    old = article.get_absolute_url()
    factories.edit(article, factories.make_user(role="editor"), slug="balloon-kyphoplasty-fall")
    factories.publish(Article.objects.get(pk=article.pk), factories.make_reviewer(name="Dr N K"))
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    (disk_media / "uploads" / "figure-1.png").unlink()
    call_command("restore_site", str(archive), stdout=io.StringIO())

    client = Client()
    response = client.get(old)
    assert response.status_code == 301
    page = client.get(response["Location"]).content.decode()
    assert entry.question in page  # placed in the live version
    assert NoticeVersion.objects.count() >= 2
    assert Notice.objects.published().count() == 2
    assert Placement.objects.filter(version__isnull=False).exists()


def test_a_tampered_backup_is_refused_and_nothing_is_kept(disk_media, tmp_path):
    """A live version's title changed inside the archive would show visitors unsigned text."""
    article, _ = seed(disk_media)
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":
                rows = json.loads(content)
                for row in rows:
                    if row["model"] == "blog.articleversion" and row["fields"]["title"]:
                        row["fields"]["title"] = "Use twice the usual cement volume"
                content = json.dumps(rows).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content) if content is not None else None)
    call_command("flush", interactive=False, verbosity=0)
    (disk_media / "uploads" / "figure-1.png").unlink()

    with pytest.raises(CommandError, match="no longer match what was signed"):
        call_command("restore_site", str(tampered), stdout=io.StringIO())
    assert not Article.objects.exists() and not ArticleVersion.objects.exists()


def read_media(names):
    from django.core.files.storage import default_storage

    contents = {}
    for name in names:
        with default_storage.open(name) as stored:
            contents[name] = stored.read()
    return contents


@pytest.mark.parametrize("direction", ["from S3 to disk", "from disk to S3"])
def test_a_backup_restores_between_disk_and_s3_storage(settings, tmp_path, s3_endpoint, direction):
    """Media are read and written through the storage API: a site whose pictures are in a
    bucket restores onto a server that keeps them on disk, and back, every byte the same and
    every figure served from its new home."""
    import urllib.request

    from invamed.images import rendering
    from invamed.images.models import Image
    from tests.images.pictures import library_image
    from tests.s3 import new_bucket, storages_for

    settings.MEDIA_ROOT = tmp_path / "media"
    disk = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    s3 = storages_for(settings, s3_endpoint, new_bucket(s3_endpoint))
    source, target = (s3, disk) if direction == "from S3 to disk" else (disk, s3)

    settings.STORAGES = source
    image = library_image(size=(900, 600), alt="Lateral view", caption="A figure", credit="INVAMED")
    reference = image.reference()
    before = read_media(image.file.stored_names())
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)

    settings.STORAGES = target
    out = io.StringIO()
    call_command("restore_site", str(archive), stdout=out)

    assert f"{len(before)} media files" in out.getvalue()
    assert read_media(before) == before
    restored = Image.objects.get(pk=image.pk)
    assert restored.reference() == reference
    url = restored.file.renditions.get(format="WEBP", width=480).url
    assert url in rendering.figure(reference)
    if target is disk:
        response = Client().get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == before[url.split("/media/", 1)[1]]
    else:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            assert response.status == 200 and response.read() in before.values()
