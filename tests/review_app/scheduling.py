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


def goes_live_at_its_time(client, item):
    """A scheduled `item` (for SCHEDULED_FOR) stays hidden a minute before, and the scheduler's
    run just after its time makes it live, records who did it and says so."""
    with freeze_time("2024-06-10 05:59:00"):
        output = run()
        assert client.get(item.get_absolute_url()).status_code == 404
    assert "0 scheduled item(s) published." in output
    item.refresh_from_db()
    assert item.status == State.SCHEDULED and not item.is_published()

    with freeze_time("2024-06-10 06:00:30"):
        output = run()
        assert client.get(item.get_absolute_url()).status_code == 200
    assert f'"{item}" (id {item.pk}), scheduled for 2024-06-10 09:00.' in output
    assert "1 scheduled item(s) published." in output
    item.refresh_from_db()
    assert item.status == State.PUBLISHED
    assert item.published_at == datetime.datetime(2024, 6, 10, 6, 0, 30, tzinfo=datetime.UTC)

    event = services.history(item).first()
    assert (event.action, event.actor, event.actor_name) == ("publish_scheduled", None, "scheduler")
    assert (event.from_state, event.to_state) == ("scheduled", "published")
