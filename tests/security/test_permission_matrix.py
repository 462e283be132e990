"""
The permission matrix: every role against every admin and workflow action, by direct requests.

Each cell of the tables below is one test. It sends the request a browser would send (the
admin's own form data for saves, a POST to the transition URL for workflow actions), whatever
buttons the page shows, and checks the effect on the database as well as the answer: a refused
save leaves the object as it was, a refused transition moves no status, records no sign-off and
changes no live version.

Outcomes:
  ok      allowed, and the effect happened
  read    a read-only page (200, nothing to save)
  no      refused with a message on the item's page (the workflow said no), nothing changed
  403     refused by the admin (permission denied), nothing changed
  hidden  the object is outside what the user may see: the admin says it does not exist
  404     no such action
  login   anonymous: sent to the login page, nothing changed
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import Author, Notice, SitePage, Tag
from invamed.reports.models import Report
from invamed.review import services
from invamed.review.models import ReviewerProfile, ReviewEvent, SignOff
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer", "site_admin", "superuser"]

# The admin's pages for each kind of object. "profile (own)" is the acting user's own reviewer
# profile, "profile (other)" another reviewer's.
ADMIN_MATRIX = """
model              action       anonymous  editor  reviewer  site_admin  superuser
article            changelist   login      ok      ok        403         ok
article            add_get      login      ok      ok        403         ok
article            add_post     login      ok      ok        403         ok
article            change_get   login      ok      ok        403         ok
article            change_post  login      ok      ok        403         ok
article            delete_post  login      403     403       403         ok
entry              changelist   login      ok      ok        403         ok
entry              add_get      login      ok      ok        403         ok
entry              add_post     login      ok      ok        403         ok
entry              change_get   login      ok      ok        403         ok
entry              change_post  login      ok      ok        403         ok
entry              delete_post  login      403     403       403         ok
category           changelist   login      ok      ok        ok          ok
category           add_get      login      403     403       ok          ok
category           add_post     login      403     403       ok          ok
category           change_get   login      read    read      ok          ok
category           change_post  login      403     403       ok          ok
category           delete_post  login      403     403       403         ok
faqcategory        changelist   login      ok      ok        ok          ok
faqcategory        add_get      login      403     403       ok          ok
faqcategory        add_post     login      403     403       ok          ok
faqcategory        change_get   login      read    read      ok          ok
faqcategory        change_post  login      403     403       ok          ok
faqcategory        delete_post  login      403     403       403         ok
notice             changelist   login      ok      ok        ok          ok
notice             add_get      login      403     403       ok          ok
notice             add_post     login      403     403       ok          ok
notice             change_get   login      read    read      ok          ok
notice             change_post  login      403     403       ok          ok
notice             delete_post  login      403     403       403         ok
sitepage           changelist   login      ok      ok        ok          ok
sitepage           add_get      login      403     403       ok          ok
sitepage           add_post     login      403     403       ok          ok
sitepage           change_get   login      read    read      ok          ok
sitepage           change_post  login      403     403       ok          ok
sitepage           delete_post  login      403     403       403         ok
author             changelist   login      ok      ok        ok          ok
author             add_get      login      403     403       ok          ok
author             add_post     login      403     403       ok          ok
author             change_get   login      read    read      ok          ok
author             change_post  login      403     403       ok          ok
author             delete_post  login      403     403       403         ok
profile_own        changelist   login      403     ok        ok          ok
profile_own        add_get      login      403     403       ok          ok
profile_own        add_post     login      403     403       ok          ok
profile_own        change_get   login      403     ok        ok          ok
profile_own        change_post  login      403     ok        ok          ok
profile_own        delete_post  login      403     403       403         ok
profile_other      changelist   login      403     hidden    ok          ok
profile_other      change_get   login      403     hidden    ok          ok
profile_other      change_post  login      403     hidden    ok          ok
profile_other      delete_post  login      403     403       403         ok
tag                changelist   login      ok      ok        ok          ok
tag                add_get      login      ok      ok        403         ok
tag                add_post     login      ok      ok        403         ok
tag                change_get   login      read    read      read        ok
tag                change_post  login      403     403       403         ok
tag                delete_post  login      403     403       403         ok
user               changelist   login      403     403       ok          ok
user               add_get      login      403     403       ok          ok
user               add_post     login      403     403       ok          ok
user               change_get   login      403     403       ok          ok
user               change_post  login      403     403       ok          ok
user               delete_post  login      403     403       403         ok
superuser_account  changelist   login      403     403       hidden      ok
superuser_account  change_get   login      403     403       hidden      ok
superuser_account  change_post  login      403     403       hidden      ok
superuser_account  delete_post  login      403     403       403         ok
group              changelist   login      403     403       ok          ok
group              add_get      login      403     403       403         ok
group              add_post     login      403     403       403         ok
group              change_get   login      403     403       read        ok
group              change_post  login      403     403       403         ok
group              delete_post  login      403     403       403         ok
reviewevent        changelist   login      ok      ok        ok          ok
reviewevent        add_get      login      403     403       403         403
reviewevent        add_post     login      403     403       403         403
reviewevent        change_get   login      read    read      read        read
reviewevent        change_post  login      403     403       403         403
reviewevent        delete_post  login      403     403       403         403
signoff            changelist   login      ok      ok        ok          ok
signoff            add_get      login      403     403       403         403
signoff            add_post     login      403     403       403         403
signoff            change_get   login      read    read      read        read
signoff            change_post  login      403     403       403         403
signoff            delete_post  login      403     403       403         403
report             changelist   login      403     ok        403         ok
report             add_get      login      403     403       403         403
report             add_post     login      403     403       403         403
report             change_get   login      403     ok        403         ok
report             change_post  login      403     ok        403         ok
report             delete_post  login      403     403       403         403
"""

# Workflow actions: a POST to <item>/transition/<name>/ on an item in state `from`, with a
# comment and the actor's password. `to` is the state after an allowed action.
TRANSITION_MATRIX = """
transition         from             to                 anonymous  editor  reviewer  site_admin  superuser
submit             draft            in_review          login      ok      ok        403         ok
request_changes    in_review        changes_requested  login      no      ok        403         ok
approve            in_review        approved           login      no      ok        403         ok
publish            approved         published          login      no      ok        403         ok
schedule           approved         scheduled          login      no      ok        403         ok
unschedule         scheduled        approved           login      no      ok        403         ok
withdraw           published        withdrawn          login      no      ok        403         ok
reconfirm          published        published          login      no      ok        403         ok
edit               published        -                  login      404     404       403         404
publish_scheduled  scheduled_due    -                  login      404     404       403         404
no_such_action     draft            -                  login      404     404       403         404
"""  # noqa: E501

# The item's own pages: preview and diff of a version, restore of an older version, and the
# audit record's CSV export (the whole record, and the changelist's "Export selected" action).
ITEM_VIEW_MATRIX = """
view                 anonymous  editor  reviewer  site_admin  superuser
preview_get          login      ok      ok        403         ok
diff_get             login      ok      ok        403         ok
restore_get          login      ok      ok        403         ok
restore_post         login      ok      ok        403         ok
"""
EXPORT_MATRIX = """
export                    anonymous  editor  reviewer  site_admin  superuser
reviewevent_export        login      ok      ok        ok          ok
reviewevent_action        login      ok      ok        ok          ok
signoff_export            login      ok      ok        ok          ok
signoff_action            login      ok      ok        ok          ok
"""


def cells(table, keys):
    """One (row keys..., role, outcome) tuple per cell of a whitespace-aligned table."""
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[keys:] == ROLES, header
    return [
        pytest.param(*row[:keys], role, outcome, id="-".join([*row[:keys], role]))
        for row in rows
        for role, outcome in zip(ROLES, row[keys:], strict=True)
    ]


# People and requests.


@pytest.fixture
def people(db):
    return {
        "editor": factories.make_user("edna", role="editor"),
        "reviewer": factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz"),
        "site_admin": factories.make_user("sam", role="site_admin"),
        "superuser": factories.make_user("root", role="superuser"),
        # Signs off in the set-ups, so the acting reviewer never signed or wrote anything.
        "setup_reviewer": factories.make_reviewer(name="Dr Selin Kaya", username="selin"),
    }


def client_for(people, role):
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


def admin_url(model, name, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


def assert_refused(response, outcome):
    """The answer of a refused request (the effect is checked by the caller)."""
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login")), response["Location"]
    elif outcome == "hidden":
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
    else:
        assert response.status_code == int(outcome), response.status_code


# The admin's objects: how to make one, what to post to add or change one, how to see the effect.


@dataclass
class Spec:
    model: type
    make: object  # (people, role) -> instance
    add: object  # (marker) -> form changes
    change: dict  # form changes
    changed: object  # (instance) -> True when the change was saved
    lookup: str = "name"  # field that holds the marker after an add


def _article(people, role):
    return factories.make_article(people["editor"], title="Matrix article")


def _entry(people, role):
    return factories.make_entry(people["editor"], question="Matrix question?")


def _own_profile(people, role):
    user = people["setup_reviewer"] if role == "anonymous" else people[role]
    profile = getattr(user, "reviewer_profile", None)
    if profile is None:
        profile = ReviewerProfile.objects.create(user=user, name=f"Profile of {user}")
        profile.texts.create(language="en", declaration="None declared.")
    return profile


def _other_profile(people, role):
    return people["setup_reviewer"].reviewer_profile


def _new_user_pk():
    return factories.make_user("profileless").pk


def _event(people, role):
    article = factories.make_article(people["editor"], title="Audited article")
    return ReviewEvent.objects.filter(item_id=article.pk).latest("pk")


def _signoff(people, role):
    article = factories.make_article(people["editor"], title="Signed article")
    factories.approve(article, people["setup_reviewer"])
    return SignOff.objects.get(item_id=article.pk)


def _report(people, role):
    """A visitor's report on a live article, unresolved: a reviewer resolves it with a note."""
    from invamed.reports import services as reports

    article = factories.publish(factories.make_article(people["editor"]), people["setup_reviewer"])
    return reports.submit(article, message="Matrix report: a dose reads wrong.")


def _refresh(obj):
    return type(obj).objects.get(pk=obj.pk)


SPECS = {
    "article": Spec(
        Article,
        _article,
        lambda m: {
            "title": m,
            "slug": m.lower(),
            "summary": "Added.",
            "body": "<p>Added.</p>",
            "category": factories.make_category().pk,
            "author": factories.make_author().pk,
            "tags": "matrix",
        },  # fmt: skip
        {"title": "Changed title"},
        lambda obj: _refresh(obj).title == "Changed title" and obj.versions.count() == 2,
        lookup="title",
    ),
    "entry": Spec(
        Entry,
        _entry,
        lambda m: {
            "question": m,
            "slug": m.lower(),
            "answer": "<p>Added.</p>",
            "category": FAQCategory.objects.create(name="Q", slug="q-added").pk,
            "order": "0",
        },  # fmt: skip
        {"question": "Changed question?"},
        lambda obj: _refresh(obj).question == "Changed question?" and obj.versions.count() == 2,
        lookup="question",
    ),
    "category": Spec(
        Category,
        lambda p, r: factories.make_category("Matrix category"),
        lambda m: {"name": m, "slug": m.lower(), "order": "0", "review_interval_months": "12"},
        {"name": "Changed name"},
        lambda obj: _refresh(obj).name == "Changed name",
    ),
    "faqcategory": Spec(
        FAQCategory,
        lambda p, r: FAQCategory.objects.create(name="Matrix FAQ category", slug="matrix-faq"),
        lambda m: {"name": m, "slug": m.lower(), "order": "0", "review_interval_months": "12"},
        {"name": "Changed name"},
        lambda obj: _refresh(obj).name == "Changed name",
    ),
    "notice": Spec(
        Notice,
        lambda p, r: factories.make_notice(default=False, live=False),
        lambda m: {
            "language": "en",
            "kind": "regulatory",
            "name": m,
            "heading": "H",
            "text": "<p>Added.</p>",
        },  # fmt: skip
        {"heading": "Changed heading"},
        lambda obj: _refresh(obj).heading == "Changed heading" and obj.versions.count() == 2,
    ),
    "sitepage": Spec(
        SitePage,
        lambda p, r: factories.make_site_page(SitePage.Kind.LEGAL, live=False),
        lambda m: {"language": "en", "kind": "privacy", "title": m, "body": "<p>Added.</p>"},
        {"title": "Changed title"},
        lambda obj: _refresh(obj).title == "Changed title" and obj.versions.count() == 2,
        lookup="title",
    ),
    "author": Spec(
        Author,
        lambda p, r: factories.make_author("Matrix author"),
        lambda m: {"name": m, "slug": m.lower()},
        {"name": "Changed name"},
        lambda obj: _refresh(obj).name == "Changed name",
    ),
    "profile_own": Spec(
        ReviewerProfile,
        _own_profile,
        lambda m: {
            "user": _new_user_pk(),
            "name": m,
            "is_public": "on",
            "texts-TOTAL_FORMS": "1",
            "texts-0-language": "en",
            "texts-0-declaration": "None declared.",
        },  # fmt: skip
        {"credentials": "MD, changed"},
        lambda obj: _refresh(obj).credentials == "MD, changed",
    ),
    "profile_other": Spec(
        ReviewerProfile,
        _other_profile,
        None,
        {"credentials": "MD, changed"},
        lambda obj: _refresh(obj).credentials == "MD, changed",
    ),
    "tag": Spec(
        Tag,
        lambda p, r: Tag.objects.create(name="matrix tag", slug="matrix-tag"),
        lambda m: {"name": m, "language": "en"},
        {"name": "changed tag"},
        lambda obj: _refresh(obj).name == "changed tag",
    ),
    "user": Spec(
        User,
        lambda p, r: factories.make_user("plain-editor", role="editor"),
        lambda m: {
            "username": m,
            "first_name": "New",
            "email": f"{m}@example.org",
            "is_active": "on",
            "usable_password": "true",
            "password1": "a new long passphrase 42",
            "password2": "a new long passphrase 42",
            "groups": [Group.objects.get(name="Editors").pk],
        },  # fmt: skip
        {"first_name": "Changed"},
        lambda obj: _refresh(obj).first_name == "Changed",
        lookup="username",
    ),
    "superuser_account": Spec(
        User,
        lambda p, r: factories.make_user("other-root", role="superuser"),
        None,
        {"email": "taken-over@example.org"},
        lambda obj: _refresh(obj).email == "taken-over@example.org",
    ),
    "group": Spec(
        Group,
        lambda p, r: Group.objects.create(name="Matrix group"),
        lambda m: {"name": m},
        {"name": "Changed group"},
        lambda obj: _refresh(obj).name == "Changed group",
    ),
    "reviewevent": Spec(
        ReviewEvent,
        _event,
        lambda m: {"comment": m, "action": "approve", "item_repr": m},
        {"comment": "Rewritten history", "action": "approve"},
        lambda obj: _refresh(obj).comment == "Rewritten history",
        lookup="comment",
    ),
    "report": Spec(
        Report,
        _report,
        lambda m: {"message": m, "resolution_note": m},
        {"resolution_note": "Corrected in a new version."},
        lambda obj: (
            _refresh(obj).resolution_note == "Corrected in a new version."
            and _refresh(obj).is_resolved
        ),
        lookup="message",
    ),
    "signoff": Spec(
        SignOff,
        _signoff,
        lambda m: {"comment": m, "signer_name": m, "meaning": m},
        {"comment": "Rewritten signature", "signer_name": "Somebody else"},
        lambda obj: _refresh(obj).signer_name == "Somebody else",
        lookup="comment",
    ),
}


def form_data(people, url, model, changes):
    """What the admin's form at `url` posts (read as a superuser would see it), with changes.

    Where even a superuser gets no form (the audit record), only the changes are posted.
    """
    reader = client_for(people, "superuser")
    if reader.get(url).status_code != 200:
        return dict(changes)
    return change_form_data(reader, url, f"{model._meta.model_name}_form", **changes)


@pytest.mark.parametrize("key, action, role, outcome", cells(ADMIN_MATRIX, 2))
def test_admin_action(people, key, action, role, outcome):
    spec = SPECS[key]
    obj = spec.make(people, role)
    client = client_for(people, role)
    model = spec.model

    if action == "changelist":
        response = client.get(admin_url(model, "changelist"))
        link = f'href="{admin_url(model, "change", obj.pk)}"'
        if outcome == "ok":
            assert response.status_code == 200
            assert link in response.content.decode()
        elif outcome == "hidden":  # The list opens, without the other's object.
            assert response.status_code == 200
            assert link not in response.content.decode()
        else:
            assert_refused(response, outcome)

    elif action == "add_get":
        response = client.get(admin_url(model, "add"))
        if outcome == "ok":
            assert response.status_code == 200
            assert f'id="{model._meta.model_name}_form"' in response.content.decode()
        else:
            assert_refused(response, outcome)

    elif action == "add_post":
        marker = f"Matrix-added-{role}"
        url = admin_url(model, "add")
        data = form_data(people, url, model, spec.add(marker))
        count = model.objects.count()
        response = client.post(url, data)
        added = model.objects.filter(**{spec.lookup: marker})
        if outcome == "ok":
            assert response.status_code == 302, _errors(response)
            assert added.count() == 1 and model.objects.count() == count + 1
            if model in (Article, Entry):  # The admin keeps the first version.
                assert added.get().versions.count() == 1
        else:
            assert_refused(response, outcome)
            assert not added.exists() and model.objects.count() == count

    elif action == "change_get":
        response = client.get(admin_url(model, "change", obj.pk))
        if outcome in ("ok", "read"):
            assert response.status_code == 200
            page = response.content.decode()
            saves = 'name="_save"' in page or 'name="_continue"' in page
            assert saves == (outcome == "ok")
        else:
            assert_refused(response, outcome)

    elif action == "change_post":
        url = admin_url(model, "change", obj.pk)
        data = form_data(people, url, model, spec.change)
        response = client.post(url, data)
        if outcome == "ok":
            assert response.status_code == 302, _errors(response)
            assert spec.changed(obj)
        else:
            assert_refused(response, outcome)
            assert not spec.changed(obj)

    elif action == "delete_post":
        response = client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
        gone = not model.objects.filter(pk=obj.pk).exists()
        if outcome == "ok":
            assert response.status_code == 302
            assert gone
        else:
            assert_refused(response, outcome)
            assert not gone


def _errors(response):
    context = getattr(response, "context", None)
    if not context or "adminform" not in context:
        return response.status_code
    inlines = [f.formset.errors for f in context["inline_admin_formsets"]]
    return context["adminform"].form.errors, inlines


def test_a_reviewer_cannot_take_over_a_profile_by_posting_its_user(people):
    """The profile's user is read-only for a reviewer: a posted `user` is ignored."""
    profile = people["reviewer"].reviewer_profile
    client = client_for(people, "reviewer")
    url = admin_url(ReviewerProfile, "change", profile.pk)
    data = form_data(people, url, ReviewerProfile, {"user": people["editor"].pk})

    client.post(url, data)

    assert _refresh(profile).user == people["reviewer"]


def test_the_tables_cover_every_role_and_model():
    """Guard against a matrix that silently shrinks."""
    assert len(cells(ADMIN_MATRIX, 2)) == 5 * (14 * 6 + 4 + 4)
    assert len(cells(TRANSITION_MATRIX, 3)) == 5 * 11
    assert {row[0] for row in (line.split() for line in ADMIN_MATRIX.strip().splitlines()[1:])} == (
        set(SPECS)
    )


# Workflow actions by direct POST.


def item_in_state(make, people, state):
    """An item written by the editor, taken to `state` by the editor and the set-up reviewer."""
    editor, signer = people["editor"], people["setup_reviewer"]
    item = make(editor)
    model = type(item)
    if state == "draft":
        return item
    services.perform(item, "submit", editor)
    if state == "in_review":
        return _refresh(item)
    services.perform(item, "approve", signer, password=factories.PASSWORD)
    if state == "approved":
        return _refresh(item)
    if state == "published":
        services.perform(item, "publish", signer)
        return _refresh(item)
    services.perform(item, "schedule", signer, publish_at=timezone.now() + timedelta(days=3))
    if state == "scheduled_due":
        model.objects.filter(pk=item.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    return _refresh(item)


def action_data(item):
    """What a transition's form on the item's page posts: the version it shows, a comment, the
    password and, for a schedule, a time."""
    item = _refresh(item)
    version = item.live_version if item.status == "published" else item.head_version
    later = timezone.localtime() + timedelta(days=3)
    return {
        "comment": "Matrix comment.", "password": factories.PASSWORD, "version": version.number,
        "fingerprint": version.fingerprint, "publish_at": later.strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip


def snapshot(item):
    """What a transition may change: status, live version and sign-off, the audit record."""
    item = _refresh(item)
    return {
        "status": item.status,
        "live_version": item.live_version_id,
        "live_signoff": item.live_signoff_id,
        "signoffs": factories.signoffs(item).count(),
        "events": services.history(item).count(),
    }


MAKERS = {"article": factories.make_article, "entry": factories.make_entry}


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("name, state, target, role, outcome", cells(TRANSITION_MATRIX, 3))
def test_workflow_action(people, kind, name, state, target, role, outcome):
    item = item_in_state(MAKERS[kind], people, state)
    before = snapshot(item)
    client = client_for(people, role)

    response = client.post(admin_url(type(item), "transition", item.pk, name), action_data(item))
    after = snapshot(item)

    if outcome in ("ok", "no"):
        assert response.status_code == 302
        assert response["Location"] == admin_url(type(item), "change", item.pk)
    else:
        assert_refused(response, outcome)
    if outcome != "ok":
        assert after == before
        return
    item = _refresh(item)
    assert after["status"] == target
    assert after["events"] == before["events"] + 1
    signs = name in ("approve", "reconfirm")
    assert after["signoffs"] == before["signoffs"] + signs
    if name == "publish":
        assert item.live_version == item.head_version and item.is_published()
    elif name == "withdraw":
        assert not item.is_published()
    elif name == "reconfirm":
        assert after["live_signoff"] != before["live_signoff"]
        assert after["live_version"] == before["live_version"]
    else:
        assert after["live_version"] == before["live_version"]


def test_a_get_to_a_transition_url_changes_nothing(people):
    item = item_in_state(factories.make_article, people, "in_review")
    before = snapshot(item)

    response = client_for(people, "reviewer").get(
        admin_url(Article, "transition", item.pk, "approve")
    )

    assert response.status_code == 405
    assert snapshot(item) == before


# Four eyes, by direct POST: who wrote or changed a version cannot sign it, superusers included.

FOUR_EYES = """
transition  writer     signer      outcome
approve     reviewer   reviewer    no
approve     superuser  superuser   no
approve     reviewer   superuser   ok
approve     superuser  reviewer    ok
reconfirm   reviewer   reviewer    no
reconfirm   superuser  superuser   no
reconfirm   reviewer   superuser   ok
"""


def four_eyes_cases():
    rows = [line.split() for line in FOUR_EYES.strip().splitlines()[1:]]
    return [pytest.param(*row, id="-".join(row)) for row in rows]


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("name, writer, signer, outcome", four_eyes_cases())
def test_four_eyes(people, kind, name, writer, signer, outcome):
    item = MAKERS[kind](people["editor"])
    changes = {"summary": "Changed."} if kind == "article" else {"answer": "<p>Changed.</p>"}
    factories.edit(item, people[writer], **changes)
    services.perform(item, "submit", people["editor"])
    if name == "reconfirm":  # The writer's version, signed by someone else and live.
        services.perform(item, "approve", people["setup_reviewer"], password=factories.PASSWORD)
        services.perform(item, "publish", people["setup_reviewer"])
    before = snapshot(item)

    response = client_for(people, signer).post(
        admin_url(type(item), "transition", item.pk, name), action_data(item), follow=True
    )

    after = snapshot(item)
    if outcome == "ok":
        assert after["signoffs"] == before["signoffs"] + 1
        assert factories.signoffs(item).first().reviewer == people[signer]
    else:
        assert "Four eyes" in response.content.decode()
        assert after == before


# The item's own pages.


def item_with_two_versions(make, people):
    item = make(people["editor"])
    changes = {"title": "Second title"} if make is factories.make_article else {}
    changes = changes or {"question": "Second question?"}
    factories.edit(item, people["editor"], **changes)
    return _refresh(item)


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("view, role, outcome", cells(ITEM_VIEW_MATRIX, 1))
def test_item_view(people, kind, view, role, outcome):
    item = item_with_two_versions(MAKERS[kind], people)
    model = type(item)
    client = client_for(people, role)
    first = item.versions.get(number=1)
    first_text = first.title if kind == "article" else first.question

    if view == "preview_get":
        response = client.get(admin_url(model, "preview", item.pk, 1))
        if outcome == "ok":
            assert response.status_code == 200
            page = response.content.decode()
            assert first_text in page and "Preview" in page
    elif view == "diff_get":
        response = client.get(admin_url(model, "diff", item.pk, 2))
        if outcome == "ok":
            assert response.status_code == 200
            assert "Changes in version 2" in response.content.decode()
    elif view == "restore_get":
        response = client.get(admin_url(model, "restore", item.pk, 1))
        if outcome == "ok":
            assert response.status_code == 200
            assert "Restore version 1?" in response.content.decode()
    else:
        response = client.post(admin_url(model, "restore", item.pk, 1))
    if outcome != "ok":
        assert_refused(response, outcome)

    restored = item.versions.count() == 3
    assert restored == (view == "restore_post" and outcome == "ok")
    if restored:
        assert response.status_code == 302
        head = _refresh(item).head_version
        assert head.content == first.content and head.created_by == people[role]


@pytest.mark.parametrize("export, role, outcome", cells(EXPORT_MATRIX, 1))
def test_audit_export(people, export, role, outcome):
    article = factories.make_article(people["editor"], title="Exported article")
    factories.approve(article, people["setup_reviewer"])
    model_name, how = export.split("_")
    model = {"reviewevent": ReviewEvent, "signoff": SignOff}[model_name]
    client = client_for(people, role)

    if how == "export":
        response = client.get(reverse(f"admin:review_{model_name}_export"))
    else:
        response = client.post(
            admin_url(model, "changelist"),
            {
                "action": "export_csv",
                "_selected_action": list(model.objects.values_list("pk", flat=True)),
            },
        )

    if outcome == "ok":
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        lines = response.content.decode().strip().splitlines()
        assert len(lines) == model.objects.count() + 1
    else:
        assert_refused(response, outcome)


def test_audit_export_is_not_for_users_without_staff_access(people):
    """A logged-in user who is not staff is sent to the admin's login page like a visitor."""
    plain = User.objects.create_user("visitor", password=factories.PASSWORD)
    client = Client()
    client.force_login(plain)

    response = client.get(reverse("admin:review_reviewevent_export"))

    assert_refused(response, "login")


@pytest.mark.parametrize("model", [Article, Entry])
def test_even_a_superuser_cannot_delete_a_live_item_and_gets_no_error(people, model):
    """A published item is protected by its live version: the admin explains, nothing is lost."""
    item = item_in_state(MAKERS[model._meta.model_name], people, "published")
    client = client_for(people, "superuser")

    response = client.post(admin_url(model, "delete", item.pk), {"post": "yes"})

    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert model.objects.filter(pk=item.pk).exists()


def test_a_category_in_use_cannot_be_deleted_even_by_a_superuser(people):
    article = factories.make_article(people["editor"])
    client = client_for(people, "superuser")

    response = client.post(admin_url(Category, "delete", article.category_id), {"post": "yes"})

    assert response.status_code == 200
    assert Category.objects.filter(pk=article.category_id).exists()


# People: what a site administrator may never do to an account.


def test_a_site_administrator_cannot_make_anyone_a_superuser_or_give_other_roles(people):
    """Their group held auth.change_user with Django's full user form: they could tick
    is_superuser on themselves or anyone, or put someone in any group."""
    target = factories.make_user("plain", role="editor")
    site_admins = Group.objects.get(name="Site administrators")
    url = admin_url(User, "change", target.pk)
    data = form_data(people, url, User, {"is_superuser": "on", "is_staff": "on"})
    data["groups"] = [site_admins.pk, Group.objects.get(name="Reviewers").pk]

    client_for(people, "site_admin").post(url, data)

    target = _refresh(target)
    assert not target.is_superuser
    assert not target.groups.filter(pk=site_admins.pk).exists()
    own = admin_url(User, "change", people["site_admin"].pk)
    client_for(people, "site_admin").post(own, form_data(people, own, User, {"is_superuser": "on"}))
    assert not _refresh(people["site_admin"]).is_superuser


def test_a_site_administrator_never_sets_a_password(people, mailoutbox):
    """Setting a reviewer's password let a site administrator sign in that reviewer's name. A
    person they create chooses their own password from an e-mailed link."""
    reviewer = people["reviewer"]
    client = client_for(people, "site_admin")
    password_url = reverse("admin:auth_user_password_change", args=[reviewer.pk])
    assert client.get(password_url).status_code == 403
    client.post(password_url, {"password1": "taken over 1234", "password2": "taken over 1234"})
    assert _refresh(reviewer).check_password(factories.PASSWORD)

    url = admin_url(User, "add")
    data = form_data(people, url, User, SPECS["user"].add("newcomer"))
    response = client.post(url, data)
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert not newcomer.check_password("a new long passphrase 42")
    assert newcomer.is_staff and not newcomer.is_superuser
    assert [m.to for m in mailoutbox] == [["newcomer@example.org"]]
    assert "/admin/reset/" in mailoutbox[0].body
