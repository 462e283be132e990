"""
The library's addresses outside the admin: an image's stable address, and media on local disk.

Neither ever writes a file: renditions are made when an image is stored (models.py), so a
request, anonymous or not, only reads.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import names, processing
from .models import Image
from .permissions import may_use_library
from .rendering import nearest


@require_safe
@never_cache
def image(request, pk):
    """The stable address rich text refers to an image by (references.py): for the people who
    edit content, a redirect to the picture the image shows now (CKEditor shows that). Public
    pages show figures instead; for anyone else the address does not exist."""
    if not may_use_library(request.user):
        raise Http404
    library_image = get_object_or_404(Image.objects.select_related("file"), pk=pk)
    renditions = [
        (r.width, r.height, r.name)
        for r in library_image.file.renditions.all()
        if r.format in ("JPEG", "PNG")
    ]
    if not renditions:
        raise Http404
    return redirect(default_storage.url(nearest(renditions, processing.SOCIAL_WIDTH)[2]))


@require_safe
def media(request, name):
    """A stored file of the library, from local disk, with far-future cache headers.

    Only the library's content-addressed names are served (names.py): they never change, and
    nothing else in MEDIA_ROOT (a stray file, a backup) is ever exposed.
    """
    if not names.is_hashed(name) or not default_storage.exists(name):
        raise Http404
    extension = name.rsplit(".", 1)[1]
    response = FileResponse(
        default_storage.open(name), content_type=processing.MIME_BY_EXTENSION[extension]
    )
    response["Cache-Control"] = names.IMMUTABLE
    return response
