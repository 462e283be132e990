"""
Who may use the image library (upload, edit, pick images for rich text).

Anyone who may change a reviewed item of any kind (the review app's registry says which kinds
there are, so a new kind needs no change here), and anyone granted this app's own
`images.add_image` (site administrators, through their group; superusers).
"""

from django.contrib.auth import get_permission_codename

from invamed.review.models import reviewable_models

UPLOAD_PERMISSION = "images.add_image"


def may_use_library(user):
    if not (user.is_active and user.is_staff):
        return False
    if user.has_perm(UPLOAD_PERMISSION):
        return True
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
        for opts in (model._meta for model in reviewable_models())
    )
