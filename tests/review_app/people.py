"""People in their roles, and the fixtures of the usual four, for the review app's tests and the
site's alike. Each suite says how a role becomes a group (its settings install different apps,
so different permissions); this module imports no model of either."""

import pytest
from django.contrib.auth import get_user_model

from invamed.review.models import ReviewerProfile, ReviewerProfileText

PASSWORD = "correct horse battery staple"


def make_user(username, role, groups, **extra):
    """role: None, "editor", "reviewer", "site_admin" or "superuser"; `groups(role)` is the
    role's group (None for a role without one)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        is_staff=role is not None,
        is_superuser=role == "superuser",
        **extra,
    )
    group = groups(role)
    if group is not None:
        user.groups.add(group)
    return user


def add_profile(user, name, credentials, public, **text):
    """The reviewer's public profile with its English text."""
    profile = ReviewerProfile.objects.create(
        user=user, name=name, credentials=credentials, is_public=public
    )
    ReviewerProfileText.objects.create(profile=profile, language="en", **text)
    return user


def fixtures(factories):
    """The editor, two reviewers and a superuser, made with `factories` (the suite's module):
    assign the result to their names in a conftest."""

    @pytest.fixture
    def editor(db):
        return factories.make_user("edna", role="editor", first_name="Edna", last_name="Editor")

    @pytest.fixture
    def reviewer(db):
        return factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")

    @pytest.fixture
    def second_reviewer(db):
        return factories.make_reviewer(
            name="Dr Selin Kaya", username="selin", credentials="MD, PhD"
        )

    @pytest.fixture
    def superuser(db):
        return factories.make_user("root", role="superuser")

    return editor, reviewer, second_reviewer, superuser
