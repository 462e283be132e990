"""
The steps an item's life is made of, in days before the day `seed_demo` runs, and the demo's
people by username (their accounts are in people.py).
"""

from typing import NamedTuple

EDITOR = "editor"
SITE_ADMIN = "siteadmin"
REVIEWER, REVIEWER2, REVIEWER3 = "reviewer", "reviewer2", "reviewer3"

ACCURATE = "Checked against current guidance; accurate."
FAQ_BLOCK = "FAQ block checked: the answers placed here are live and agree with the article."
REGULATORY = "Checked against the current registrations and the company's standard wording."
# What reviewers write when they sign a Turkish text they read against its source.
TURKISH = "Türkçe metin İngilizce kaynağıyla karşılaştırıldı: tıbbi açıdan doğru, terimler yerinde."
TURKISH_REGULATORY = (
    "Türkçe metin İngilizce kaynağıyla ve şirketin standart ifadeleriyle karşılaştırıldı."
)


class Step(NamedTuple):
    """One move in an item's life, `days_ago` days before today at `hour` o'clock.

    "write" saves a version: the item's first one, or its next revision in demo data;
    "translate" starts the item as a translation of its English source (services.translate);
    any other action is a transition of invamed.review.workflow.
    """

    days_ago: int
    hour: int
    action: str
    actor: str = EDITOR
    comment: str = ""
    publish_in_days: int = 0  # "schedule": publication this many days after the command runs


def written(days_ago, author=EDITOR):
    return [Step(days_ago, 9, "write", author)]


def submitted(days_ago, author=EDITOR):
    return written(days_ago + 2, author) + [Step(days_ago, 10, "submit", author)]


def approved(days_ago, reviewer, comment=ACCURATE, author=EDITOR):
    return submitted(days_ago + 2, author) + [Step(days_ago, 14, "approve", reviewer, comment)]


def live(days_ago, reviewer, comment=ACCURATE, author=EDITOR):
    return approved(days_ago, reviewer, comment, author) + [Step(days_ago, 15, "publish", reviewer)]


def scheduled(days_ago, reviewer, publish_in_days):
    """Approved `days_ago`, and scheduled by the reviewer to go live `publish_in_days` from
    today (the command's today, so the schedule is always in the future)."""
    return approved(days_ago, reviewer) + [
        Step(days_ago, 15, "schedule", reviewer, publish_in_days=publish_in_days)
    ]


def revision(days_ago, reviewer=None, comment="The update is accurate and well referenced.",
             author=EDITOR):  # fmt: skip
    """The author saves the next revision; with a reviewer, it is approved and published."""
    steps = [Step(days_ago, 9, "write", author)]
    if reviewer:
        steps += [
            Step(days_ago, 10, "submit", author),
            Step(days_ago - 1, 14, "approve", reviewer, comment),
            Step(days_ago - 1, 15, "publish", reviewer),
        ]
    return steps


def reconfirmed(days_ago, reviewer):
    comment = "Re-reviewed: still consistent with current guidance, no change needed."
    return [Step(days_ago, 11, "reconfirm", reviewer, comment)]


def translated(days_ago, reviewer, comment=TURKISH, translator=EDITOR):
    """Translated from the source's live version, written in Turkish two days later, then
    submitted, and approved and published `days_ago` by a reviewer who read the Turkish."""
    return [
        Step(days_ago + 4, 9, "translate", translator),
        Step(days_ago + 2, 16, "write", translator),
        Step(days_ago + 1, 10, "submit", translator),
        Step(days_ago, 14, "approve", reviewer, comment),
        Step(days_ago, 15, "publish", reviewer),
    ]
