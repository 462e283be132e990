"""
A realistic data set for the benchmark, made live by the site's own code.

The working copies are written as the admin leaves them (items, tags, references, FAQ
placements; the Turkish items as translations of the English ones, in Turkish categories and
with Turkish tags), in bulk. Everything the workflow makes of them is the site's:
`services.load_live()` gives each item its version 1 (the snapshot, fingerprint, relational
copies and preparation that `save_version` makes), an approval sign-off bound to it, the live
pointers and search row that publishing sets, and the audit record, with the code of
`save_version` and `perform` and a statement per kind of row. The few notices and site pages go
through `save_version`, `perform` and `translate` one by one. No copy of those rules lives here.

Text is generated from word lists (seeded, so every run builds the same site): article bodies
of 800-1,500 words in sections under question headings, 5-8 tags each from a vocabulary of 300,
2-5 references, and FAQ entries each placed on a few articles. Each English item has a Turkish
translation with the same generated text: a benchmark reads what a page costs, not its
language.
"""

import datetime
import random
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from blog.models import Article, Category, Reference
from faq.models import Entry, FAQCategory, Placement
from invamed.content.models import Author, Notice, SitePage, Tag
from invamed.review import services
from invamed.review.models import ReviewerProfile, ReviewerProfileText
from invamed.site import roles

PASSWORD = "bench-only-password"  # noqa: S105 - throwaway accounts in the benchmark database.
LANGUAGES = ("en", "tr")
TRANSLATION = "tr"
# While the data set is made, passwords are hashed with a fast hasher: every approval checks
# the reviewer's password (services.check_signature), and a production hasher is made to be
# slow. The accounts get their real hashes at the end (see fast_password_checks).
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOAD_BATCH = 500  # items made live per services.load_live() call

QUALIFIERS = [
    "lumbar",
    "thoracic",
    "cervical",
    "osteoporotic",
    "minimally invasive",
    "chronic",
    "acute",
    "percutaneous",
    "geriatric",
    "post-operative",
    "image-guided",
    "diagnostic",
    "spinal",
    "vertebral",
    "pelvic",
    "sacral",
    "cement",
    "balloon",
    "radiofrequency",
    "interventional",
]
NOUNS = [
    "fracture",
    "pain",
    "augmentation",
    "kyphoplasty",
    "vertebroplasty",
    "ablation",
    "imaging",
    "rehabilitation",
    "anaesthesia",
    "biopsy",
    "screening",
    "recovery",
    "care",
    "assessment",
    "outcomes",
]
TOPICS = [
    "vertebral compression fractures",
    "balloon kyphoplasty",
    "vertebroplasty",
    "bone cement",
    "osteoporosis",
    "spinal metastases",
    "back pain",
    "sacroiliac joint pain",
    "bone biopsy",
    "radiofrequency ablation",
    "fracture healing",
    "fall prevention",
    "bone density testing",
    "post-procedure recovery",
    "spinal imaging",
    "pain management",
    "spine surgery",
]
QUESTIONS = [
    "What is {t}?",
    "Who is a candidate for {t}?",
    "How is {t} assessed?",
    "What happens during {t}?",
    "What are the risks of {t}?",
    "How long is recovery after {t}?",
    "What does the evidence say about {t}?",
    "When should a specialist be consulted about {t}?",
    "How does {t} compare with conservative care?",
    "What follow-up is needed after {t}?",
]
WORDS = (
    "patient patients clinician procedure fracture vertebra vertebral bone cement balloon pain "
    "relief mobility height restoration imaging fluoroscopy needle access pedicle anaesthesia "
    "local general sedation recovery day days week weeks month months outcome outcomes study "
    "studies trial trials evidence guideline guidelines risk risks leakage infection bleeding "
    "rare common typically usually often may can should will the a an of in on with for to "
    "and or after before during within between among most many some several each treatment "
    "conservative medication brace physiotherapy rehabilitation osteoporosis density screening "
    "assessment diagnosis symptoms onset acute chronic persistent severe moderate mild quality "
    "life function daily activities walking standing sitting sleep specialist team hospital "
    "clinic follow-up review instructions device system kit cannula trocar filler stability "
    "spine spinal segment level levels thoracic lumbar collapse deformity kyphosis posture"
).split()


def sentence(rng, low=10, high=22):
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def article_body(rng, topic):
    """Sections under question headings, 800-1,500 words in all."""
    target = rng.randint(800, 1500)
    parts, words = [], 0
    questions = rng.sample(QUESTIONS, len(QUESTIONS))
    while words < target:
        question = questions[len(parts) % len(questions)].format(t=topic)
        parts.append(f"<h2>{question}</h2>")
        for _ in range(2):
            text = paragraph(rng, rng.randint(3, 6))
            words += len(text.split())
            parts.append(f"<p>{text}</p>")
    return "".join(parts)


def tag_vocabulary():
    return [f"{q} {n}" for q in QUALIFIERS for n in NOUNS]  # 300 tags


@contextmanager
def fast_password_checks(accounts):
    """Passwords checked with FAST_HASHERS inside the block; the production hash after it."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield
    hashed = make_password(PASSWORD)  # one slow hash, each account salted alike: throwaway
    get_user_model().objects.filter(pk__in=[user.pk for user in accounts]).update(password=hashed)


def make_users():
    User = get_user_model()

    def account(username, group, **extra):
        user = User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True, **extra
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    editors = [
        account(f"editor{i}", roles.EDITORS, first_name="Editor", last_name=str(i))
        for i in range(3)
    ]
    site_admin = account("siteadmin", roles.SITE_ADMINS, first_name="Site", last_name="Admin")
    reviewers = []
    names = ["Dr Elif Arslan", "Dr Murat Çelik", "Dr Zeynep Yıldız", "Dr Kemal Öztürk"]
    for i, name in enumerate(names):
        user = account(f"reviewer{i}", roles.REVIEWERS)
        profile = ReviewerProfile.objects.create(
            user=user, name=name, credentials="MD, interventional radiology"
        )
        ReviewerProfileText.objects.bulk_create(
            ReviewerProfileText(
                profile=profile,
                language=language,
                role="Medical reviewer",
                affiliation="INVAMED Medical Affairs",
                bio="Reviews spine and pain-management content.",
                declaration="None declared.",
            )
            for language in LANGUAGES
        )
        reviewers.append(user)
    return editors, site_admin, reviewers


class Publisher:
    """Takes items through the site's own workflow: a version, submit, approve, publish; one
    by one (publish, translate) or a batch at once (load)."""

    def __init__(self, reviewers):
        self.reviewers = reviewers

    def reviewer_for(self, item):
        return self.reviewers[item.pk % len(self.reviewers)]

    def publish(self, item, writer, published):
        """Keep `item`'s first version (written by `writer`) and make it live at `published`."""
        services.save_version(item, writer, when=published - datetime.timedelta(days=3))
        self.review(item, writer, published)

    def review(self, item, writer, published):
        reviewer = self.reviewer_for(item)
        signed = published - datetime.timedelta(hours=2)
        services.perform(item, "submit", writer, when=signed - datetime.timedelta(hours=1))
        services.perform(item, "approve", reviewer, password=PASSWORD, when=signed)
        return services.perform(item, "publish", reviewer, when=published)

    def translate(self, item, translator, published):
        """The Turkish translation of the live `item`, made from its live version, live."""
        draft = services.translate(
            item, TRANSLATION, translator, when=published - datetime.timedelta(days=1)
        )
        return self.review(draft, translator, published)

    def load(self, model, items, dates, log=None):
        """`items` (saved, with their tags and parts) live at `dates`, a batch at a time."""
        plans = [
            (item, item.created_by, self.reviewer_for(item), when)
            for item, when in zip(items, dates, strict=True)
        ]
        for start in range(0, len(plans), LOAD_BATCH):
            services.load_live(model, plans[start : start + LOAD_BATCH])
            if log:
                log(f"  {min(start + LOAD_BATCH, len(plans))} of {len(plans)} live")


def make_site_records(site_admin, publisher, now):
    when = now - datetime.timedelta(days=400)
    notices = {}
    for kind, name, heading, text, key in [
        (
            Notice.Kind.REGULATORY,
            "Regulatory (benchmark)",
            "Regulatory notice",
            "<p>Availability and regulatory status of devices differ between countries. Ask "
            "the company or its authorised distributor in your country.</p>",
            "regulatory",
        ),
        (
            Notice.Kind.DISCLAIMER,
            "Disclaimer (benchmark)",
            "For healthcare professionals",
            "<p>Educational content, not medical advice. Follow clinical guidelines and the "
            "instructions for use.</p>",
            "disclaimer",
        ),
    ]:
        notice = Notice.objects.create(
            kind=kind, name=name, heading=heading, text=text, is_default=True,
            created_by=site_admin, created_at=when,
        )  # fmt: skip
        publisher.publish(notice, site_admin, when)
        notices["en", key] = notice = Notice.objects.get(pk=notice.pk)
        notices[TRANSLATION, key] = publisher.translate(notice, site_admin, when)
    for language in LANGUAGES:
        page = SitePage.objects.create(
            kind=SitePage.Kind.EDITORIAL_POLICY, language=language, title="Editorial policy",
            summary="How we write and review content.",
            body="<h2>How we write</h2><p>How we write and review content.</p>",
            created_by=site_admin, created_at=when,
        )  # fmt: skip
        publisher.publish(page, site_admin, when)
    authors = [
        Author.objects.create(name="INVAMED Medical Affairs", slug="medical-affairs", is_team=True),
        Author.objects.create(name="Aylin Demir", slug="aylin-demir", job_title="Medical writer"),
        Author.objects.create(name="Can Aydın", slug="can-aydin", job_title="Medical writer"),
    ]
    categories = translated_categories(
        Category,
        [
            "Pain Management and Spine",
            "Orthopaedics",
            "Interventional Radiology",
            "Oncology",
            "Neurology",
            "Rehabilitation",
            "Geriatrics",
            "Patient Education",
        ],
    )
    faq_categories = translated_categories(
        FAQCategory,
        [
            "Before the procedure",
            "The procedure",
            "After the procedure",
            "Devices",
            "Evidence",
            "Ordering and support",
        ],
    )
    return notices, authors, categories, faq_categories


def translated_categories(model, names):
    """The English categories, each with its translation (services.translate needs it)."""
    english = []
    for order, name in enumerate(names):
        category = model.objects.create(name=name, slug=slugify(name), order=order)
        model.objects.create(
            language=TRANSLATION, source=category, name=f"{name} (tr)",
            slug=slugify(name), order=order,
        )  # fmt: skip
        english.append(category)
    return english


def topic_sequence(rng, count):
    """`count` topics, each TOPICS entry once per round in a shuffled order.

    Every topic then has its share (1 in len(TOPICS)) of the items at every size, to within
    one: the 100-article site is a miniature of the 10,000-article one, so a page compared at
    both sizes shows the same kind of content. Drawn independently (rng.choice), "balloon
    kyphoplasty" titled 2 of the first 100 articles instead of about 6, and the search page
    compared 6 results at 100 articles with 10 at 10,000.
    """
    topics = []
    while len(topics) < count:
        round_ = list(TOPICS)
        rng.shuffle(round_)
        topics += round_
    return topics[:count]


def generate(size, seed=7, log=print):
    """`size` live English articles and size // 5 live FAQ entries (at least 40), each with a
    live Turkish translation."""
    rng = random.Random(seed)
    now = timezone.now()
    with fast_password_checks(accounts := []), transaction.atomic():
        editors, site_admin, reviewers = make_users()
        accounts += [*editors, site_admin, *reviewers]
        publisher = Publisher(reviewers)
        notices, authors, categories, faq_categories = make_site_records(site_admin, publisher, now)
        tags = {
            language: Tag.objects.bulk_create(
                Tag(name=name, slug=slugify(name), language=language) for name in tag_vocabulary()
            )
            for language in LANGUAGES
        }
        log(f"  {len(tags['en'])} tags and {len(categories)} categories per language")
        entries = make_entries(rng, size, editors, faq_categories, tags, publisher, now)
        log(f"  {len(entries)} FAQ entries per language")
        articles = make_articles(
            rng, size, editors, categories, authors, notices, tags, entries, publisher, now, log
        )
        log(f"  {len(articles)} articles per language")
    # The tables as autovacuum leaves them on a site that grew over time (the benchmark's server
    # runs with autovacuum off): planner statistics, without which PostgreSQL plans the public
    # queries for empty tables, and a vacuum, which clears the dead rows the updates above
    # leave and sets the visibility map, so that the lists' counts and page ids are index-only
    # scans as they are in production. VACUUM cannot run in a transaction.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    return {
        "articles": articles,
        "entries": entries,
        "tags": tags["en"],
        "categories": categories,
        "faq_categories": faq_categories,
        "reviewers": reviewers,
    }


def tag_working_copies(model, items, plans):
    """The working copies' tags, as the admin's form leaves them, in one statement."""
    through = model.tags.through
    through.objects.bulk_create(
        [through(content_object=item, tag=tag) for item, ts in zip(items, plans, strict=True)
         for tag in ts],
        batch_size=2000,
    )  # fmt: skip


def translations(model, items, **fields):
    """The Turkish working copy of each English item: its text, linked to it and to its
    version 1, with the related records that exist per language given in `fields` (a function
    of the English item each)."""
    copies = []
    for item in items:
        copy = model(
            language=TRANSLATION,
            source=item,
            translated_from=1,
            created_by=item.created_by,
            created_at=item.created_at,
        )
        for name in model.snapshot_fields:
            attname = model._meta.get_field(name).attname
            setattr(copy, attname, getattr(item, attname))
        for name, value in fields.items():
            setattr(copy, name, value(item))
        copies.append(copy)
    return model.objects.bulk_create(copies, batch_size=500)


def translated_tags(plans, tags):
    """The same tags, in Turkish (the vocabularies are made in the same order)."""
    position = {tag.pk: n for n, tag in enumerate(tags["en"])}
    return [[tags[TRANSLATION][position[tag.pk]] for tag in ts] for ts in plans]


def make_entries(rng, size, editors, faq_categories, tags, publisher, now):
    entries, plans, dates = [], [], []
    for i, topic in enumerate(topic_sequence(rng, max(40, size // 5))):
        published = now - datetime.timedelta(hours=i)
        entries.append(
            Entry(
                question=f"{rng.choice(QUESTIONS).format(t=topic)[:-1]} ({i + 1})?",
                slug=f"faq-{slugify(topic)}-{i + 1}",
                answer="".join(f"<p>{paragraph(rng, rng.randint(2, 4))}</p>" for _ in range(2)),
                category=faq_categories[i % len(faq_categories)],
                order=i,
                created_by=editors[i % len(editors)],
                created_at=published - datetime.timedelta(days=3),
            )
        )
        plans.append(rng.sample(tags["en"], rng.randint(2, 4)))
        dates.append(published)
    Entry.objects.bulk_create(entries, batch_size=500)
    tag_working_copies(Entry, entries, plans)
    publisher.load(Entry, entries, dates)
    turkish = translations(Entry, entries, category=lambda e: in_turkish(e.category))
    tag_working_copies(Entry, turkish, translated_tags(plans, tags))
    publisher.load(Entry, turkish, dates)
    return list(zip(entries, turkish, strict=True))


def in_turkish(category):
    return type(category).objects.get(source=category, language=TRANSLATION)


def make_articles(rng, size, editors, categories, authors, notices, tags, entries, publisher,
                  now, log):  # fmt: skip
    articles, plans, references, dates = [], [], [], []
    for i, topic in enumerate(topic_sequence(rng, size)):
        title = f"{rng.choice(QUESTIONS).format(t=topic)[:-1]}: notes {i + 1}"
        published = now - datetime.timedelta(hours=size - i, minutes=rng.randint(0, 59))
        articles.append(
            Article(
                title=title,
                slug=f"{slugify(topic)}-{i + 1}",
                summary=paragraph(rng, 2),
                body=article_body(rng, topic),
                category=categories[i % len(categories)],
                author=authors[i % len(authors)],
                notice=notices["en", "regulatory"],
                is_featured=i % 97 == 0,
                created_by=editors[i % len(editors)],
                created_at=published - datetime.timedelta(days=3),
            )
        )
        dates.append(published)
        plans.append(rng.sample(tags["en"], rng.randint(5, 8)))
        references.append(
            [
                (
                    f"{sentence(rng, 6, 10)[:-1]}. J Spine Res. {rng.randint(2005, 2024)}.",
                    f"https://doi.org/10.1000/bench.{i}.{n}",
                )
                for n in range(rng.randint(2, 5))
            ]
        )
    # Each entry sits on 3-6 articles, so a typical article carries 0-3 FAQ entries.
    placed = {}
    for pair in entries:
        for n in rng.sample(range(len(articles)), rng.randint(3, 6)):
            placed.setdefault(n, []).append(pair)
    categories_tr = {c.pk: in_turkish(c) for c in categories}
    Article.objects.bulk_create(articles, batch_size=500)
    turkish = translations(
        Article,
        articles,
        category=lambda a: categories_tr[a.category_id],
        notice=lambda a: notices[TRANSLATION, "regulatory"],
    )
    for language, items, item_tags in [
        ("en", articles, plans),
        (TRANSLATION, turkish, translated_tags(plans, tags)),
    ]:
        tag_working_copies(Article, items, item_tags)
        Reference.objects.bulk_create(
            [
                Reference(item=a, position=n, citation=citation, url=url)
                for a, refs in zip(items, references, strict=True)
                for n, (citation, url) in enumerate(refs, start=1)
            ],
            batch_size=2000,
        )
        side = 0 if language == "en" else 1
        Placement.objects.bulk_create(
            [
                Placement(item=items[n], entry=pair[side], position=position)
                for n, pairs in placed.items()
                for position, pair in enumerate(pairs, start=1)
            ],
            batch_size=2000,
        )
        log(f"  {language}: {len(items)} articles written; making them live")
        publisher.load(Article, items, dates, log)
    return articles
