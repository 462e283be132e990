"""
The roles, as Django groups, and their permissions: the one list the data migration applies.

Editors write, save and submit; they never approve, publish, withdraw or edit the audit record
(they lack review.review_content, and nobody has change/delete on the audit record).
Reviewers may also edit (then four eyes stops them signing what they changed) and hold
review.review_content. Site administrators manage users, roles, categories and standard texts.
"""

from invamed.review.workflow import AUDIT_READ_PERMISSIONS, PROFILE_PERMISSIONS, REVIEW_PERMISSION

EDITORS = "Editors"
REVIEWERS = "Reviewers"
SITE_ADMINS = "Site administrators"

EDITOR_PERMISSIONS = [
    "blog.add_article", "blog.change_article", "blog.view_article",
    "blog.view_articleversion", "blog.view_category",
    "blog.add_reference", "blog.change_reference", "blog.delete_reference", "blog.view_reference",
    "faq.add_entry", "faq.change_entry", "faq.view_entry",
    "faq.view_entryversion", "faq.view_faqcategory",
    "faq.add_placement", "faq.change_placement", "faq.delete_placement", "faq.view_placement",
    "content.view_author", "content.view_notice", "content.view_sitepage",
    "content.add_tag", "content.view_tag",
    *AUDIT_READ_PERMISSIONS,
]  # fmt: skip

REVIEWER_PERMISSIONS = EDITOR_PERMISSIONS + [
    REVIEW_PERMISSION, *PROFILE_PERMISSIONS,
    # Visitors' reports: read them, and resolve them (a resolution is a change).
    "reports.view_report", "reports.change_report",
]  # fmt: skip

# Site administrators write the regulatory texts (notices, site pages), which reviewers sign;
# they manage people through the restricted user admin (invamed/site/admin.py): never users'
# passwords, never superuser status, never groups' or users' permissions.
SITE_ADMIN_PERMISSIONS = [
    "auth.add_user", "auth.change_user", "auth.view_user",
    "auth.view_group",
    "blog.add_category", "blog.change_category", "blog.view_category",
    "faq.add_faqcategory", "faq.change_faqcategory", "faq.view_faqcategory",
    "content.add_author", "content.change_author", "content.view_author",
    "content.add_notice", "content.change_notice", "content.view_notice",
    "content.add_sitepage", "content.change_sitepage", "content.view_sitepage",
    "content.view_tag",
    "review.add_reviewerprofile", *PROFILE_PERMISSIONS,
    *AUDIT_READ_PERMISSIONS,
    "outbox.view_mail", "outbox.retry_mail",
    # The image library (editors and reviewers use it through the content they may change).
    "images.add_image", "images.change_image", "images.view_image",
]  # fmt: skip

# Apps whose first migration may run after review/0002_roles (which grants the roles first).
LATER_APPS = {"images", "reports"}

ROLES = {
    EDITORS: EDITOR_PERMISSIONS,
    REVIEWERS: REVIEWER_PERMISSIONS,
    SITE_ADMINS: SITE_ADMIN_PERMISSIONS,
}


def apply_roles(Group, Permission):
    """Create or update the groups with exactly their permissions (ROLES).

    Takes the model classes so that the data migration can pass its historical models; tests
    that flush the database (live server) call it with the real ones. A permission of an app
    whose tables a migration has not created yet is left for that later migration to grant
    (review/0004 for the image library, site/0002 for visitors' reports).
    """
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None and app_label not in LATER_APPS:
                raise Permission.DoesNotExist(dotted)
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
