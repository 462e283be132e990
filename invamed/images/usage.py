"""
Which stored files are in use, as the apps that refer to them tell the library.

The library knows which file each of its images shows now. Other apps refer to files too: a
signed version records the file it showed by its content hash, and that file must outlive any
later replacement. Such an app registers a function that returns the hashes it refers to
(usually from its AppConfig.ready()):

    from invamed.images import usage
    usage.register(lambda: ArticleVersion.objects.image_hashes())

`manage.py prune_images` deletes only files that no library image shows and no registered
function returns.
"""

_sources = []


def register(source):
    """Add `source`, a function returning an iterable of SHA-256 hex strings; returns it."""
    if source not in _sources:
        _sources.append(source)
    return source


def unregister(source):
    if source in _sources:
        _sources.remove(source)


def hashes_in_use():
    """Every content hash a library image shows or a registered app refers to."""
    from .models import Image

    used = set(Image.objects.values_list("file__sha256", flat=True))
    for source in _sources:
        used.update(source())
    return used
