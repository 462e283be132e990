"""
Media on S3-compatible object storage (django-storages), chosen by settings.py from the
environment (README, "Configuration").

The bucket serves the files itself (through its public address or a CDN in front of it), so each
object carries the headers a browser needs: its exact Content-Type (AVIF and WebP included,
which Python's mimetypes does not know everywhere) and, for the library's content-addressed
names, far-future caching.
"""

from storages.backends.s3 import S3Storage

from . import names, processing


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        extension = name.rsplit(".", 1)[-1].lower()
        if extension in processing.MIME_BY_EXTENSION:
            parameters["ContentType"] = processing.MIME_BY_EXTENSION[extension]
        if names.is_hashed(name):
            parameters["CacheControl"] = names.IMMUTABLE
        return parameters
