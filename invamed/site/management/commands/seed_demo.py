"""
`manage.py seed_demo`: the demo site of `make run`, in English and Turkish, written through the
real workflow.

Demo users (an editor, reviewers, a site administrator, a superuser) with fixed, printed
passwords; categories in both languages and authors; then every reviewed item of demo_data:
notices and site pages written by the site administrator, articles and FAQ entries written by
the editor, Turkish translations started with `services.translate` and then written in Turkish.
Each step is played by `services.save_version`, `services.translate` or `services.perform`,
dated in the past with `when=`: versions, fingerprints, sign-offs, review dates and the audit
chain are the ones a real history would leave. The steps of all items run in date order, so the
audit record reads chronologically.

Refuses to run with DEBUG off (it would create users with published passwords). Running it again
changes nothing.
"""

import datetime
from collections import Counter
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from blog.models import Article, Category, Reference
from faq.models import Entry, FAQCategory, Placement
from invamed.content.models import Author, Notice, SitePage
from invamed.images.demo import illustrate
from invamed.outbox.models import Mail
from invamed.review import services, workflow
from invamed.review.models import ReviewerProfile, ReviewerProfileText, SignOff, State
from invamed.site import roles
from invamed.site.demo_data import english, history, people, turkish
from invamed.text import slugify

GROUPS = {"editor": roles.EDITORS, "reviewer": roles.REVIEWERS, "site_admin": roles.SITE_ADMINS}
MODELS = {"notice": Notice, "page": SitePage, "article": Article, "entry": Entry}
# The rich-text field a revision's "append" adds to.
BODIES = {"notice": "text", "page": "body", "article": "body", "entry": "answer"}


class Story(NamedTuple):
    """A reviewed item of demo_data: its kind, its language, the key that names it in every
    language (its English address, site page kind or notice name) and its spec."""

    kind: str
    language: str
    key: str
    spec: dict

    @property
    def id(self):
        return (self.kind, self.language, self.key)


def stories():
    """Every reviewed item of demo_data, English first (a translation's source comes first)."""
    for language, data in (("en", english), ("tr", turkish)):
        for key, spec in data.NOTICES.items():
            yield Story("notice", language, key, spec)
        for spec in data.SITE_PAGES:
            yield Story("page", language, spec.get("source", spec.get("kind")), spec)
        for spec in data.ARTICLES:
            yield Story("article", language, spec.get("source", spec.get("slug")), spec)
        for spec in data.ENTRIES:
            yield Story("entry", language, spec.get("source", spec.get("slug")), spec)


class Command(BaseCommand):
    help = "Create the demo content and demo users (DEBUG only). Running it twice changes nothing."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates demo users whose passwords "
                "are printed and public. Use it on a development machine (DEBUG=1) only."
            )
        slugs = [spec["slug"] for spec in english.ARTICLES]
        if Article.objects.filter(language="en", slug__in=slugs).exists():
            self.stdout.write("Demo content already present: nothing was created.")
            self.print_summary()
            self.print_logins()
            return
        usernames = [spec["username"] for spec in people.USERS]
        taken = get_user_model().objects.filter(username__in=usernames)
        if taken.exists():
            names = ", ".join(sorted(taken.values_list("username", flat=True)))
            raise CommandError(
                f"Users {names} already exist but the demo content does not: seed_demo will not "
                "take over existing accounts. Use a fresh database."
            )
        self.stdout.write(
            "Writing the demo content through the review workflow (each sign-off checks its "
            "reviewer's password, so this takes a little while)..."
        )
        with transaction.atomic():
            started = timezone.now()
            DemoSite(timezone.localtime()).build()
            # The demo's past notifications are news to nobody: the scheduler would print dozens.
            Mail.objects.filter(created_at__gte=started).delete()
        self.print_summary()
        self.print_logins()

    def print_summary(self):
        """Per language: the articles and FAQ entries by state, the notices and site pages."""
        lines = ["Demo content:"]
        for language, name in settings.LANGUAGES:
            lines.append(f"  {name} ({language}):")
            for model, category_model in [(Article, Category), (Entry, FAQCategory)]:
                items = model.objects.in_language(language)
                categories = category_model.objects.filter(language=language).count()
                lines.append(
                    f"    {items.count()} {model._meta.verbose_name_plural} in {categories} "
                    f"categories: " + ", ".join(self._states(items))
                )
            notices = Notice.objects.in_language(language)
            pages = SitePage.objects.in_language(language)
            lines.append(
                f"    {notices.count()} notices ({notices.published().count()} live), "
                f"{pages.count()} site pages ({pages.published().count()} live)"
            )
        self.stdout.write("\n".join(lines))

    @staticmethod
    def _states(items):
        """ "9 live (1 overdue for re-review, …)", then the other states that occur."""
        live = items.published()
        details = {
            "overdue for re-review": live.review_overdue().count(),
            "with a newer draft": sum(1 for item in live if item.has_unpublished_changes),
            "translated": live.filter(source__isnull=False).count(),
            "whose source changed since": sum(1 for item in live if item.source_changed()),
        }
        noted = [f"{count} {label}" for label, count in details.items() if count]
        states = [f"{live.count()} live" + (f" ({', '.join(noted)})" if noted else "")]
        unpublished = items.filter(live_version__isnull=True)
        for state, label in State.choices:
            count = unpublished.filter(status=state).count()
            if count:
                states.append(f"{count} {label.lower()}")
        return states

    def print_logins(self):
        self.stdout.write("Demo logins at /admin/ (development only):")
        for spec in people.USERS:
            self.stdout.write(
                f"  {spec['username']:<10} {spec['password']:<24} {spec['description']}"
            )


class DemoSite:
    """Builds the demo site. `now` anchors every "days ago" of demo_data's histories."""

    def __init__(self, now):
        self.now = now
        self.users = {}
        self.categories = {}  # (language, English slug) -> blog.Category
        self.faq_categories = {}  # (language, English slug) -> faq.FAQCategory
        self.authors = {}
        self.items = {}  # (kind, language, key) -> the item as it is now
        self.revisions = Counter()  # (kind, language, key) -> revisions of demo_data applied

    def build(self):
        self.create_users()
        self.create_site_records()
        self.run_histories()
        self.add_figures()

    def add_figures(self):
        """Figures in the newest articles that exist in English only (a figure added to an
        article with a translation would leave the translation behind its source), as a
        revision signed off and published two weeks ago. Not in those that show the demo's other
        cases: overdue, re-reviewed, or with a newer draft."""
        candidates = (
            Article.objects.published()
            .in_language("en")
            .filter(source__isnull=True, translations__isnull=True)
            .filter(live_signoff__kind=SignOff.Kind.APPROVAL)
            .exclude(pk__in=Article.objects.review_overdue(self.now.date()).values("pk"))
            .order_by("-first_published_at")
        )
        articles = [article for article in candidates if not article.has_unpublished_changes]
        illustrate(
            articles[:4],
            self.users[history.EDITOR],
            reviewer=self.users[history.REVIEWER2],
            password=people.PASSWORDS[history.REVIEWER2],
            when=self.at(14, 10),
        )

    def create_users(self):
        User = get_user_model()
        for spec in people.USERS:
            user = User.objects.create_user(
                username=spec["username"],
                email=f"{spec['username']}@demo.invamed.example",
                password=spec["password"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                is_staff=True,
                is_superuser=spec["role"] == "superuser",
            )
            if spec["role"] in GROUPS:
                user.groups.add(Group.objects.get(name=GROUPS[spec["role"]]))
            if "profile" in spec:
                texts = spec["profile"]["texts"]
                profile = ReviewerProfile.objects.create(
                    user=user,
                    name=spec["profile"]["name"],
                    credentials=spec["profile"]["credentials"],
                    is_public=spec["profile"].get("is_public", True),
                )
                for language, text in texts.items():
                    ReviewerProfileText.objects.create(profile=profile, language=language, **text)
            self.users[spec["username"]] = user

    def create_site_records(self):
        """Categories in English, their Turkish translations, and the authors: what a site
        administrator sets up by hand."""
        for records, model, specs, translations in [
            (self.categories, Category, english.CATEGORIES, turkish.CATEGORIES),
            (self.faq_categories, FAQCategory, english.FAQ_CATEGORIES, turkish.FAQ_CATEGORIES),
        ]:
            for order, spec in enumerate(specs, start=1):
                records["en", spec["slug"]] = model.objects.create(order=order, **spec)
            for spec in translations:
                source = records["en", spec["source"]]
                # No slug: the category makes it from its name, as the admin prefills it.
                records["tr", spec["source"]] = model.objects.create(
                    language="tr",
                    source=source,
                    order=source.order,
                    name=spec["name"],
                    description=spec["description"],
                )
        for spec in english.AUTHORS:
            self.authors[spec["slug"]] = Author.objects.create(**spec)

    def at(self, days_ago, hour):
        day = self.now - datetime.timedelta(days=days_ago)
        return day.replace(hour=hour, minute=0, second=0, microsecond=0)

    def run_histories(self):
        """Play every item's steps, all items interleaved in date order."""
        timeline = []
        for story in stories():
            for step in story.spec["history"]:
                when = self.at(step.days_ago, step.hour)
                timeline.append((when, len(timeline), story, step))
        timeline.sort(key=lambda row: row[:2])  # by date, then in the order written
        for when, _, story, step in timeline:
            if when > self.now:
                raise ValueError(f"{story.key}: a demo step is dated in the future.")
            user = self.users[step.actor]
            if step.action == "translate":
                self.translate(story, user, when)
            elif step.action == "write":
                self.write(story, user, when)
            else:
                self.transition(story, step, user, when)

    def translate(self, story, user, when):
        """Start the translation from the English item's live version, as the admin's
        "translate" link does: a draft holding the English text, in the new language."""
        source = self.items[story.kind, "en", story.key]
        self.items[story.id] = services.translate(source, story.language, user, when=when)

    def write(self, story, user, when):
        """`user` saves the item: its first version, or its next revision of demo_data."""
        item = self.items.get(story.id)
        if item is None:
            item = self.create(story, user, when)
        else:
            item.refresh_from_db()
            self.revise(story, item, self.next_revision(story))
        services.save_version(item, user, when=when)
        item.refresh_from_db()
        self.items[story.id] = item

    def next_revision(self, story):
        """The revision the next "write" applies. A translation's first one replaces the source's
        text with the translated text, and its address with the one the admin would prefill."""
        revisions = list(story.spec.get("revisions", []))
        if story.language != "en":
            translated = {
                name: value
                for name, value in story.spec.items()
                if name not in ("source", "history", "revisions")
            }
            model = MODELS[story.kind]
            if "slug" in model.snapshot_fields:
                translated["slug"] = slugify(translated[model.heading_field])
            revisions.insert(0, translated)
        number = self.revisions[story.id]
        self.revisions[story.id] += 1
        return revisions[number]

    def create(self, story, user, when):
        spec, language = story.spec, story.language
        if story.kind == "notice":
            fields = {name: spec[name] for name in ("kind", "name", "heading", "text")}
            fields["is_default"] = spec.get("is_default", False)
        elif story.kind == "page":
            fields = {name: spec[name] for name in ("kind", "title", "summary", "body")}
        elif story.kind == "article":
            fields = {name: spec[name] for name in ("title", "slug", "summary", "body")}
            fields["category"] = self.categories[language, spec["category"]]
            fields["author"] = self.authors[spec["author"]]
            fields["notice"] = self.items["notice", language, spec["notice"]]
            fields["is_featured"] = spec.get("featured", False)
        else:
            fields = {name: spec[name] for name in ("question", "slug", "answer", "order")}
            fields["category"] = self.faq_categories[language, spec["category"]]
        item = MODELS[story.kind].objects.create(
            language=language, created_by=user, created_at=when, **fields
        )
        self.relate(story, item, spec)
        return item

    def revise(self, story, item, revised):
        """Apply a revision of demo_data to the working copy: its fields replaced, text appended
        to its body, and its related records changed (see relate)."""
        for name, value in revised.items():
            if name not in ("append", "tags", "references", "faq"):
                setattr(item, name, value)
        if "append" in revised:
            body = BODIES[story.kind]
            setattr(item, body, getattr(item, body) + revised["append"])
        item.lock_version += 1
        item.save()
        self.relate(story, item, revised)

    def relate(self, story, item, changes):
        """The item's related records as `changes` says: its tags replaced, references added,
        its FAQ block replaced (articles)."""
        if "tags" in changes:
            item.tags.set(changes["tags"], tag_kwargs={"language": item.language})
        if changes.get("references"):
            start = item.references.count() + 1
            for position, (citation, url) in enumerate(changes["references"], start=start):
                Reference.objects.create(item=item, position=position, citation=citation, url=url)
        if changes.get("faq"):
            item.faq_placements.all().delete()
            for position, key in enumerate(changes["faq"], start=1):
                entry = self.items.get(("entry", item.language, key))
                if entry is None:
                    raise ValueError(f"{story.key}: FAQ entry {key} is placed before it exists.")
                Placement.objects.create(item=item, entry=entry, position=position)

    def transition(self, story, step, user, when):
        signs = workflow.TRANSITIONS[step.action].signature  # approve, reconfirm
        publish_at = None
        if step.action == "schedule":
            publish_at = self.now + datetime.timedelta(days=step.publish_in_days)
        self.items[story.id] = services.perform(
            self.items[story.id],
            step.action,
            user,
            comment=step.comment,
            password=people.PASSWORDS[step.actor] if signs else None,
            publish_at=publish_at,
            when=when,
        )
