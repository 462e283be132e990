"""
A realistic data set for the benchmark, written straight to the database with bulk_create.

What the public pages read is real: every article and FAQ entry has a working copy, a version 1
with its JSON snapshot and SHA-256 fingerprint, an approval SignOff bound to that fingerprint,
and `live_version` / `live_signoff` pointing at them, exactly the rows
`invamed.review.services.perform()` leaves after submit, approve and publish. Going through
`perform()` item by item is far slower than writing the rows at once, so they are built here in
bulk. Left out, because no public page reads them: the audit record (ReviewEvent,
hash-chained) and the e-mails.

Text is generated from word lists (seeded, so every run builds the same site): article bodies
of 800-1,500 words in sections under question headings, 5-8 tags each from a vocabulary of 300,
2-5 references, and FAQ entries each placed on a few articles.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from blog.models import (
    Article,
    ArticleVersion,
    Category,
    Reference,
    TaggedArticle,
    TaggedArticleVersion,
)
from faq.models import (
    ArticleEntry,
    Entry,
    EntryVersion,
    FAQCategory,
    TaggedEntry,
    TaggedEntryVersion,
)
from invamed.content.models import Author, EditorialPolicy, Notice
from invamed.review.models import LiveDocument, ReviewerProfile, SignOff, State, fingerprint
from invamed.site import roles

PASSWORD = "bench-only-password"  # noqa: S105 - throwaway accounts in the benchmark database.

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


def make_users():
    User = get_user_model()
    editors_group = Group.objects.get(name=roles.EDITORS)
    reviewers_group = Group.objects.get(name=roles.REVIEWERS)
    editors = []
    for i in range(3):
        user = User.objects.create_user(
            f"editor{i}",
            f"editor{i}@example.org",
            PASSWORD,
            is_staff=True,
            first_name="Editor",
            last_name=str(i),
        )
        user.groups.add(editors_group)
        editors.append(user)
    reviewers = []
    names = ["Dr Elif Arslan", "Dr Murat Çelik", "Dr Zeynep Yıldız", "Dr Kemal Öztürk"]
    for i, name in enumerate(names):
        user = User.objects.create_user(
            f"reviewer{i}", f"reviewer{i}@example.org", PASSWORD, is_staff=True
        )
        user.groups.add(reviewers_group)
        ReviewerProfile.objects.create(
            user=user,
            name=name,
            credentials="MD, interventional radiology",
            role="Medical reviewer",
            bio="Reviews spine and pain-management content.",
        )
        reviewers.append(user)
    return editors, reviewers


def make_site_records():
    regulatory = Notice.objects.create(
        kind=Notice.Kind.REGULATORY,
        name="Regulatory (benchmark)",
        heading="Regulatory notice",
        text="<p>Availability and regulatory status of devices differ between countries. Ask "
        "the company or its authorised distributor in your country.</p>",
        is_default=True,
    )
    Notice.objects.create(
        kind=Notice.Kind.DISCLAIMER,
        name="Disclaimer (benchmark)",
        heading="For healthcare professionals",
        text="<p>Educational content, not medical advice. Follow clinical guidelines and the "
        "instructions for use.</p>",
        is_default=True,
    )
    EditorialPolicy.objects.create(
        title="Editorial policy", body="<p>How we write and review content.</p>", is_published=True
    )
    authors = [
        Author.objects.create(name="INVAMED Medical Affairs", slug="medical-affairs", is_team=True),
        Author.objects.create(name="Aylin Demir", slug="aylin-demir", job_title="Medical writer"),
        Author.objects.create(name="Can Aydın", slug="can-aydin", job_title="Medical writer"),
    ]
    categories = [
        Category.objects.create(name=name, slug=slugify(name), order=i)
        for i, name in enumerate(
            [
                "Pain Management and Spine",
                "Orthopaedics",
                "Interventional Radiology",
                "Oncology",
                "Neurology",
                "Rehabilitation",
                "Geriatrics",
                "Patient Education",
            ]
        )
    ]
    faq_categories = [
        FAQCategory.objects.create(name=name, slug=slugify(name), order=i)
        for i, name in enumerate(
            [
                "Before the procedure",
                "The procedure",
                "After the procedure",
                "Devices",
                "Evidence",
                "Ordering and support",
            ]
        )
    ]
    return regulatory, authors, categories, faq_categories


def _signoffs(items, content_type, reviewers, versions, now):
    rows = []
    for item, version in zip(items, versions, strict=True):
        reviewer = reviewers[item.pk % len(reviewers)]
        profile = reviewer.reviewer_profile
        signed = item.published_at - datetime.timedelta(hours=2)
        rows.append(
            SignOff(
                item_type=content_type,
                item_id=item.pk,
                version_number=1,
                fingerprint=version.fingerprint,
                kind=SignOff.Kind.APPROVAL,
                reviewer=reviewer,
                signer_name=profile.name,
                signer_credentials=profile.credentials,
                meaning=SignOff.MEANING,
                signed_at=signed,
                next_review_due=(signed + datetime.timedelta(days=365)).date(),
            )
        )
    return SignOff.objects.bulk_create(rows)


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


@transaction.atomic
def generate(size, seed=7, log=print):
    """Create `size` live articles and size // 5 live FAQ entries (at least 40)."""
    rng = random.Random(seed)
    now = timezone.now()
    editors, reviewers = make_users()
    regulatory, authors, categories, faq_categories = make_site_records()
    tags = Tag.objects.bulk_create(
        [Tag(name=name, slug=slugify(name)) for name in tag_vocabulary()]
    )
    log(f"  {len(tags)} tags, {len(categories)} categories")

    articles, plans = [], []
    article_topics = topic_sequence(rng, size)
    for i in range(size):
        topic = article_topics[i]
        title = f"{rng.choice(QUESTIONS).format(t=topic)[:-1]}: notes {i + 1}"
        published = now - datetime.timedelta(hours=size - i, minutes=rng.randint(0, 59))
        article = Article(
            title=title,
            slug=f"{slugify(topic)}-{i + 1}",
            summary=paragraph(rng, 2),
            body=article_body(rng, topic),
            category=categories[i % len(categories)],
            author=authors[i % len(authors)],
            notice=regulatory,
            is_featured=i % 97 == 0,
            status=State.PUBLISHED,
            created_by=editors[i % len(editors)],
            created_at=published - datetime.timedelta(days=3),
            first_published_at=published,
            published_at=published,
        )
        article_tags = rng.sample(tags, rng.randint(5, 8))
        references = [
            {
                "citation": f"{sentence(rng, 6, 10)[:-1]}. J Spine Res. {rng.randint(2005, 2024)}.",
                "url": f"https://doi.org/10.1000/bench.{i}.{n}",
            }
            for n in range(rng.randint(2, 5))
        ]
        articles.append(article)
        plans.append((article_tags, references))
    Article.objects.bulk_create(articles, batch_size=500)
    log(f"  {len(articles)} articles")

    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object=a, tag=t)
            for a, (ts, _) in zip(articles, plans, strict=True)
            for t in ts
        ],
        batch_size=2000,
    )
    Reference.objects.bulk_create(
        [
            Reference(article=a, position=n, citation=r["citation"], url=r["url"])
            for a, (_, refs) in zip(articles, plans, strict=True)
            for n, r in enumerate(refs, start=1)
        ],
        batch_size=2000,
    )

    versions = []
    for article, (article_tags, references) in zip(articles, plans, strict=True):
        snapshot = {
            "title": article.title,
            "summary": article.summary,
            "body": article.body,
            "category": article.category_id,
            "author": article.author_id,
            "notice": article.notice_id,
            "tags": sorted(t.name for t in article_tags),
            "references": references,
        }
        versions.append(
            ArticleVersion(
                article=article,
                number=1,
                content=snapshot,
                fingerprint=fingerprint(snapshot),
                created_by=article.created_by,
                created_at=article.created_at,
                title=article.title,
                summary=article.summary,
                body=article.body,
                category=article.category,
                author=article.author,
                notice=article.notice,
                references=references,
            )
        )
    ArticleVersion.objects.bulk_create(versions, batch_size=500)
    # What ArticleVersion.store_search_document() does per version, in one statement.
    ArticleVersion.objects.update(search_vector=ArticleVersion.search_document())
    TaggedArticleVersion.objects.bulk_create(
        [
            TaggedArticleVersion(content_object=v, tag=t)
            for v, (ts, _) in zip(versions, plans, strict=True)
            for t in ts
        ],
        batch_size=2000,
    )
    signoffs = _signoffs(
        articles, ContentType.objects.get_for_model(Article), reviewers, versions, now
    )
    for article, version, signoff in zip(articles, versions, signoffs, strict=True):
        article.live_version, article.live_signoff = version, signoff
    Article.objects.bulk_update(articles, ["live_version", "live_signoff"], batch_size=500)
    LiveDocument.refresh(Article)  # What services.perform does on publish, for all at once.
    log("  versions, sign-offs and live versions")

    entries, entry_plans = [], []
    entry_topics = topic_sequence(rng, max(40, size // 5))
    for i in range(len(entry_topics)):
        topic = entry_topics[i]
        published = now - datetime.timedelta(hours=i)
        entries.append(
            Entry(
                question=f"{rng.choice(QUESTIONS).format(t=topic)[:-1]} ({i + 1})?",
                slug=f"faq-{slugify(topic)}-{i + 1}",
                answer="".join(f"<p>{paragraph(rng, rng.randint(2, 4))}</p>" for _ in range(2)),
                category=faq_categories[i % len(faq_categories)],
                order=i,
                status=State.PUBLISHED,
                created_by=editors[i % len(editors)],
                first_published_at=published,
                published_at=published,
            )
        )
        entry_plans.append(rng.sample(tags, rng.randint(2, 4)))
    Entry.objects.bulk_create(entries, batch_size=500)
    TaggedEntry.objects.bulk_create(
        [
            TaggedEntry(content_object=e, tag=t)
            for e, ts in zip(entries, entry_plans, strict=True)
            for t in ts
        ]
    )
    entry_versions = []
    for entry, entry_tags in zip(entries, entry_plans, strict=True):
        snapshot = {
            "question": entry.question,
            "answer": entry.answer,
            "category": entry.category_id,
            "tags": sorted(t.name for t in entry_tags),
        }
        entry_versions.append(
            EntryVersion(
                entry=entry,
                number=1,
                content=snapshot,
                fingerprint=fingerprint(snapshot),
                created_by=entry.created_by,
                question=entry.question,
                answer=entry.answer,
                category=entry.category,
            )
        )
    EntryVersion.objects.bulk_create(entry_versions, batch_size=500)
    EntryVersion.objects.update(search_vector=EntryVersion.search_document())
    TaggedEntryVersion.objects.bulk_create(
        [
            TaggedEntryVersion(content_object=v, tag=t)
            for v, ts in zip(entry_versions, entry_plans, strict=True)
            for t in ts
        ]
    )
    entry_signoffs = _signoffs(
        entries, ContentType.objects.get_for_model(Entry), reviewers, entry_versions, now
    )
    for entry, version, signoff in zip(entries, entry_versions, entry_signoffs, strict=True):
        entry.live_version, entry.live_signoff = version, signoff
    Entry.objects.bulk_update(entries, ["live_version", "live_signoff"], batch_size=500)
    LiveDocument.refresh(Entry)

    # Each entry sits on 3-6 articles, so a typical article carries 0-3 FAQ entries.
    placements = set()
    for entry in entries:
        for article in rng.sample(articles, rng.randint(3, 6)):
            placements.add((article.pk, entry.pk))
    ArticleEntry.objects.bulk_create(
        [ArticleEntry(article_id=a, entry_id=e, order=n) for n, (a, e) in enumerate(placements)],
        batch_size=2000,
    )
    log(f"  {len(entries)} FAQ entries, {len(placements)} placements on articles")
    # What save_version does per version (store_search_document), in one statement per model.
    for model in (ArticleVersion, EntryVersion):
        if hasattr(model, "search_document"):
            model.objects.update(search_vector=model.search_document())
    # The tables as autovacuum leaves them on a site that grew over time (the benchmark's server
    # runs with autovacuum off): planner statistics, without which PostgreSQL plans the public
    # queries for empty tables, and a vacuum, which clears the dead rows the bulk updates above
    # leave and sets the visibility map, so that the lists' counts and page ids are index-only
    # scans as they are in production. VACUUM cannot run in a transaction: it runs on commit.
    if connection.vendor == "postgresql":
        transaction.on_commit(_vacuum_analyze)
    return {
        "articles": articles,
        "entries": entries,
        "tags": tags,
        "categories": categories,
        "faq_categories": faq_categories,
        "reviewers": reviewers,
    }


def _vacuum_analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
