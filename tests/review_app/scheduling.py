"""Running the scheduler and scheduling an item as a reviewer does: shared by the review app's
tests and the site's (this module imports no model, so either suite's settings can load it)."""

import datetime
from io import StringIO

from django.core.management import call_command
from freezegun import freeze_time

from invamed.review import services
from invamed.review.models import State

SCHEDULED_FOR = datetime.datetime(2024, 6, 10, 6, 0, tzinfo=datetime.UTC)  # 09:00 in Istanbul


def run(*args):
    out = StringIO()
    call_command("run_scheduler", *args, stdout=out, stderr=out)
    return out.getvalue()


def schedule(item, reviewer, approve, publish_at=SCHEDULED_FOR):
    """Approve `item` (with the suite's `approve` factory) on 1 June and schedule it for
    `publish_at`."""
    with freeze_time("2024-06-01 10:00:00"):
        approve(item, reviewer)
        services.perform(item, "schedule", reviewer, publish_at=publish_at)
    item.refresh_from_db()
    assert item.status == State.SCHEDULED
    return item
