"""
The image library: pictures uploaded once (stripped of metadata, content-addressed, with their
renditions) and reused anywhere, with alt text and caption per language and a credit line.

A foundation app: it imports no app but the review app (its registry of reviewed models, and
its services for the versions a library change makes). What other apps use:
- rich text refers to an image as <img src="/images/<id>/" alt="…"> (references.py);
- `rendering.references_in(html, language)` gives what a signed version should record for the
  images a text shows, and `rendering.render_with_figures(html, refs)`, `Figures(refs)`
  (`figure`, `card`, `social`, `thumbnail`) render from that record;
- reviewed items sign the images they show in their snapshot and are rendered from it
  (reviewed.py, registered with the review app below), and the files those versions refer to
  are kept (usage.py);
- `demo.add_demo_figures()` puts the demo figures into the library, `demo.illustrate()` into
  articles.
"""

from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "invamed.images"
    label = "images"
    verbose_name = "Image library"

    def ready(self):
        # The review app knows no app: the library tells it what its images are in a snapshot.
        from invamed.review.models import register_media

        from . import reviewed, usage

        register_media(reviewed.LIBRARY_IMAGES)
        usage.register(reviewed.signed_hashes)
