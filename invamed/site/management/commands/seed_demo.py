"""
`manage.py seed_demo`: the demo site of `make run`, written through the real workflow.

Demo users (editor, reviewers, admin) with fixed, printed passwords, then categories, authors,
notices, the editorial policy, INVAblog articles and FAQ entries. Every article and entry is
written by the editor and moved by `services.save_version` and `services.perform`, each step
dated in the past with `when=`: versions, fingerprints, sign-offs, review dates and the audit
chain are the ones a real history would leave. The steps of all items run in date order, so the
audit record reads chronologically.

Refuses to run with DEBUG off (it would create users with published passwords). Running it again
changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from blog.models import Article, Category, Reference
from faq.models import ArticleEntry, Entry, FAQCategory
from invamed.content.models import Author, EditorialPolicy, Notice
from invamed.outbox.models import Mail
from invamed.review import services, workflow
from invamed.review.models import ReviewerProfile, State
from invamed.site import demo_data, roles

GROUPS = {"editor": roles.EDITORS, "reviewer": roles.REVIEWERS}


class Command(BaseCommand):
    help = "Create the demo content and demo users (DEBUG only). Running it twice changes nothing."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates demo users whose passwords "
                "are printed and public. Use it on a development machine (DEBUG=1) only."
            )
        slugs = [spec["slug"] for spec in demo_data.ARTICLES]
        if Article.objects.filter(slug__in=slugs).exists():
            self.stdout.write("Demo content already present: nothing was created.")
            self.print_logins()
            return
        usernames = [spec["username"] for spec in demo_data.USERS]
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
        articles, entries = Article.objects.all(), Entry.objects.all()
        lines = [
            "Demo content created:",
            f"  {articles.count()} articles in {Category.objects.count()} categories: "
            f"{articles.published().count()} live "
            f"({articles.review_overdue().count()} overdue for re-review, "
            f"{self._live_with_changes(articles)} with a newer draft), "
            + ", ".join(self._states(articles)),
            f"  {entries.count()} FAQ entries in {FAQCategory.objects.count()} categories: "
            f"{entries.published().count()} live, " + ", ".join(self._states(entries)),
        ]
        self.stdout.write("\n".join(lines))

    @staticmethod
    def _live_with_changes(items):
        return sum(1 for item in items.published() if item.has_unpublished_changes)

    @staticmethod
    def _states(items):
        unpublished = items.filter(live_version__isnull=True)
        return [
            f"{unpublished.filter(status=state).count()} {label.lower()}"
            for state, label in State.choices
            if unpublished.filter(status=state).exists()
        ]

    def print_logins(self):
        self.stdout.write("Demo logins at /admin/ (development only):")
        for spec in demo_data.USERS:
            self.stdout.write(
                f"  {spec['username']:<10} {spec['password']:<24} {spec['description']}"
            )


class DemoSite:
    """Builds the demo site. `now` anchors every "days ago" of demo_data's histories."""

    def __init__(self, now):
        self.now = now
        self.users = {}
        self.categories = {}
        self.faq_categories = {}
        self.authors = {}
        self.notices = {}
        self.items = {}  # slug -> the current instance of the article or entry

    def build(self):
        self.create_users()
        self.create_site_records()
        self.run_histories()
        self.attach_entries()

    def create_users(self):
        User = get_user_model()
        for spec in demo_data.USERS:
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
                ReviewerProfile.objects.create(user=user, **spec["profile"])
            self.users[spec["username"]] = user

    def create_site_records(self):
        for order, spec in enumerate(demo_data.CATEGORIES, start=1):
            self.categories[spec["slug"]] = Category.objects.create(order=order, **spec)
        for order, spec in enumerate(demo_data.FAQ_CATEGORIES, start=1):
            self.faq_categories[spec["slug"]] = FAQCategory.objects.create(order=order, **spec)
        for spec in demo_data.AUTHORS:
            self.authors[spec["slug"]] = Author.objects.create(**spec)
        for key, spec in demo_data.NOTICES.items():
            self.notices[key] = Notice.objects.create(**spec)
        EditorialPolicy.objects.create(is_published=True, **demo_data.EDITORIAL_POLICY)

    def at(self, days_ago, hour):
        day = self.now - datetime.timedelta(days=days_ago)
        return day.replace(hour=hour, minute=0, second=0, microsecond=0)

    def run_histories(self):
        """Play every item's steps, all items interleaved in date order."""
        timeline = []
        for kind, specs in (("article", demo_data.ARTICLES), ("entry", demo_data.ENTRIES)):
            for spec in specs:
                for step in spec["history"]:
                    when = self.at(step.days_ago, step.hour)
                    timeline.append((when, len(timeline), kind, spec, step))
        timeline.sort(key=lambda row: row[:2])  # by date, then in the order written
        for when, _, kind, spec, step in timeline:
            if when > self.now:
                raise ValueError(f"{spec['slug']}: a demo step is dated in the future.")
            if step.action == "write":
                self.write(kind, spec, when)
            else:
                self.transition(spec, step, when)

    def write(self, kind, spec, when):
        """The editor saves the item: its first version, or the next revision of demo_data."""
        editor = self.users[demo_data.EDITOR]
        item = self.items.get(spec["slug"])
        if item is None:
            item = (
                self.create_article(spec, when)
                if kind == "article"
                else self.create_entry(spec, when)
            )
        else:
            item.refresh_from_db()
            revised = spec["revisions"][item.versions.count() - 1]
            self.revise(item, revised)
        services.save_version(item, editor, when=when)
        item.refresh_from_db()
        self.items[spec["slug"]] = item

    def create_article(self, spec, when):
        article = Article.objects.create(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            body=spec["body"],
            category=self.categories[spec["category"]],
            author=self.authors[spec["author"]],
            notice=self.notices.get(spec["notice"]),
            is_featured=spec.get("featured", False),
            created_by=self.users[demo_data.EDITOR],
            created_at=when,
        )
        article.tags.set(spec["tags"])
        for position, (citation, url) in enumerate(spec.get("references", []), start=1):
            Reference.objects.create(article=article, position=position, citation=citation, url=url)
        return article

    def create_entry(self, spec, when):
        entry = Entry.objects.create(
            question=spec["question"],
            slug=spec["slug"],
            answer=spec["answer"],
            category=self.faq_categories[spec["category"]],
            order=spec["order"],
            created_by=self.users[demo_data.EDITOR],
            created_at=when,
        )
        entry.tags.set(spec["tags"])
        return entry

    def revise(self, item, revised):
        """Apply one revision of demo_data: text appended, title or summary replaced,
        references added (articles only)."""
        body_field = "body" if isinstance(item, Article) else "answer"
        if "append" in revised:
            setattr(item, body_field, getattr(item, body_field) + revised["append"])
        for field in ("title", "summary"):
            if field in revised:
                setattr(item, field, revised[field])
        item.lock_version += 1
        item.save()
        start = item.references.count() + 1 if isinstance(item, Article) else 1
        for position, (citation, url) in enumerate(revised.get("references", []), start=start):
            Reference.objects.create(article=item, position=position, citation=citation, url=url)

    def transition(self, spec, step, when):
        item = self.items[spec["slug"]]
        user = self.users[step.actor]
        if step.action == "schedule":
            item.publish_at = self.now + datetime.timedelta(days=step.publish_in_days)
            item.save(update_fields=["publish_at"])
        signs = workflow.TRANSITIONS[step.action].signature  # approve, reconfirm
        password = demo_data.PASSWORDS[step.actor] if signs else None
        self.items[spec["slug"]] = services.perform(
            item, step.action, user, comment=step.comment, password=password, when=when
        )

    def attach_entries(self):
        for spec in demo_data.ENTRIES:
            for order, article_slug in spec.get("articles", []):
                ArticleEntry.objects.create(
                    article=self.items[article_slug], entry=self.items[spec["slug"]], order=order
                )
