"""The audit record in the admin: readable, exportable, never editable (superusers included)."""

import csv
import io

from django.urls import reverse

from invamed.review.models import ReviewerProfile, ReviewEvent, SignOff, reviewable_models

from . import factories


def test_superusers_cannot_add_change_or_delete_the_audit_record(client, superuser, live_memo):
    event, signoff = ReviewEvent.objects.first(), SignOff.objects.first()
    client.force_login(superuser)

    for obj in (event, signoff):
        opts = obj._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200
        assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
        assert client.get(reverse(f"{name}_add")).status_code == 403
        assert client.post(reverse(f"{name}_change", args=[obj.pk]), {}).status_code == 403
        assert (
            client.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
    event.refresh_from_db()
    assert ReviewEvent.objects.filter(pk=event.pk, hash=event.hash).exists()


def test_the_bulk_delete_action_is_not_offered(client, superuser, live_memo):
    client.force_login(superuser)
    response = client.get(reverse("admin:review_reviewevent_changelist"))
    actions = [choice[0] for choice in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "export_csv" in actions


def test_the_audit_record_exports_as_csv_with_its_hash_chain(client, reviewer, live_memo):
    client.force_login(reviewer)

    response = client.get(reverse("admin:review_reviewevent_export"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    events = list(ReviewEvent.objects.order_by("pk"))
    assert [r["action"] for r in rows] == [e.action for e in events]
    assert {"hash", "prev_hash", "actor_name", "from_state", "to_state", "comment"} <= set(rows[0])
    assert rows[1]["prev_hash"] == rows[0]["hash"] == events[0].hash
    assert rows[-1]["actor_name"] == "Dr Deniz Aksoy"


def test_the_csv_export_follows_the_list_filters(client, superuser, second_reviewer, live_memo):
    factories.publish(factories.make_memo(), second_reviewer)
    client.force_login(superuser)

    response = client.get(reverse("admin:review_reviewevent_export") + "?action=approve")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["action"] for r in rows} == {"approve"}
    assert len(rows) == ReviewEvent.objects.filter(action="approve").count() > 1


def test_the_export_action_exports_the_selected_sign_offs(client, superuser, live_memo):
    signoff = SignOff.objects.get(item_id=live_memo.pk, reviewer=live_memo.live_signoff.reviewer)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:review_signoff_changelist"),
        {"action": "export_csv", "_selected_action": [signoff.pk], "index": 0},
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["fingerprint"] == signoff.fingerprint
    assert rows[0]["meaning"] == "Medically reviewed and approved for publication"


def profile_post(profile, **fields):
    """The profile's change form as posted, with its English texts inline."""
    text = profile.texts.get(language="en")
    data = {
        "texts-TOTAL_FORMS": "1", "texts-INITIAL_FORMS": "1", "texts-MIN_NUM_FORMS": "1",
        "texts-MAX_NUM_FORMS": "1000", "texts-0-id": text.pk, "texts-0-profile": profile.pk,
        "texts-0-language": "en", "texts-0-role": text.role,
        "texts-0-affiliation": text.affiliation,
        "texts-0-bio": text.bio, "texts-0-declaration": text.declaration,
    }  # fmt: skip
    data.update(fields)
    return data


def test_a_reviewer_edits_only_their_own_profile(client, reviewer, second_reviewer):
    own, other = reviewer.reviewer_profile, second_reviewer.reviewer_profile
    client.force_login(reviewer)

    listing = client.get(reverse("admin:review_reviewerprofile_changelist")).content.decode()
    assert own.name in listing and other.name not in listing
    response = client.post(
        reverse("admin:review_reviewerprofile_change", args=[other.pk]),
        profile_post(other, name="Hijacked", credentials=""),
    )
    assert ReviewerProfile.objects.get(pk=other.pk).name == "Dr Selin Kaya"
    assert response.status_code in (302, 403)

    response = client.post(
        reverse("admin:review_reviewerprofile_change", args=[own.pk]),
        profile_post(own, **{"name": "Dr Deniz Aksoy-Yılmaz", "slug": "changed",
                             "credentials": "MD", "texts-0-role": "Lead reviewer",
                             "is_public": "on"}),
    )  # fmt: skip
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Dr Deniz Aksoy-Yılmaz"
    assert own.slug == "dr-deniz-aksoy"  # stable when the name changes; not a reviewer's to change
    assert own.texts.get(language="en").role == "Lead reviewer"
    assert own.user == reviewer


def test_a_site_administrator_edits_every_profile(client, reviewer, second_reviewer):
    client.force_login(factories.make_user(role="site_admin"))

    listing = client.get(reverse("admin:review_reviewerprofile_changelist")).content.decode()
    assert "Dr Deniz Aksoy" in listing and "Dr Selin Kaya" in listing
    profile = second_reviewer.reviewer_profile
    response = client.post(
        reverse("admin:review_reviewerprofile_change", args=[profile.pk]),
        profile_post(profile, user=second_reviewer.pk, name="Dr Selin Kaya", slug=profile.slug,
                     credentials="MD, PhD, FRCR", is_public="on"),
    )  # fmt: skip
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.credentials == "MD, PhD, FRCR"


def test_the_audit_list_speaks_the_workflows_words_and_filters_by_reviewed_types_and_names(
    client, superuser, live_memo
):
    client.force_login(superuser)
    page = client.get(reverse("admin:review_reviewevent_changelist"))
    html, cl = page.content.decode(), page.context["cl"]

    assert "Approve (sign)" in html and ">approve<" not in html
    item_types = [choice["display"] for choice in cl.filter_specs[2].choices(cl)]
    reviewed = sorted(model._meta.verbose_name.capitalize() for model in reviewable_models())
    assert item_types == ["All", *reviewed] and "Memo" in reviewed  # not users, groups...
    actors = [choice["display"] for choice in cl.filter_specs[3].choices(cl)]
    assert "Dr Deniz Aksoy" in actors and "deniz" not in actors


def test_the_csv_keeps_the_action_code_and_adds_its_words(client, superuser, live_memo):
    client.force_login(superuser)
    response = client.get(reverse("admin:review_reviewevent_export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))

    approve = next(row for row in rows if row["action"] == "approve")
    assert approve["action_label"] == "Approve (sign)"
