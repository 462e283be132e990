"""
`manage.py run_scheduler`: the site's work done with no one at the keyboard, one job after the
other: scheduled items go live, items overdue past the grace period come down, reviewers are
told of reviews falling due, queued e-mail is sent.

Production runs it every minute from cron, on one machine; `--every 60` keeps it looping for
development (`make run`). A job is a function of the command that does what is due now and
returns how many things it did and a line that says so; adding one is writing it and listing it
in JOBS. A job that should run less often (a daily digest) tells from the database whether its
work for the day is done.

Scheduled publication is a command rather than a decision at request time: an item goes live by
one recorded transition ("publish_scheduled", actor "scheduler") that writes the audit record
like any other, instead of pages computing visibility from the clock.
"""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import State, reviewable_models

logger = logging.getLogger(__name__)


def publish_due(command):
    """Publish every scheduled item whose time has come (articles, FAQ entries, notices...)."""
    now = timezone.now()
    published = 0
    for model in reviewable_models():
        items = model.objects.filter(publish_at__lte=now, status=State.SCHEDULED).order_by(
            "publish_at", "pk"
        )
        for item in items:
            try:
                services.perform(item, "publish_scheduled", None)
            except services.TransitionRefused as refused:
                # Changed by someone between the query and the lock: next round decides.
                command.stderr.write(f"Skipped {model._meta.verbose_name} {item.pk}: {refused}")
                continue
            published += 1
            scheduled = ""
            if item.publish_at:
                scheduled = f", scheduled for {timezone.localtime(item.publish_at):%Y-%m-%d %H:%M}"
            command.stdout.write(
                f'Published {model._meta.verbose_name} "{item}" (id {item.pk}){scheduled}.'
            )
    return published, f"{published} scheduled item(s) published."


def send_mail(command):
    """Send the queued e-mail that is due; what fails waits for its next attempt (see the admin)."""
    outcomes = Mail.objects.send_due()
    retrying, failed = outcomes[Mail.Status.RETRYING], outcomes[Mail.Status.FAILED]
    summary = f"{outcomes[Mail.Status.SENT]} e-mail(s) sent."
    if retrying or failed:
        summary += f" {retrying} failed and will be retried, {failed} given up."
    return sum(outcomes.values()), summary


def expire_overdue(command):
    """Withdraw what is still overdue after the grace period (REVIEW_GRACE_DAYS)."""
    expired = services.expire_overdue()
    for item in expired:
        command.stdout.write(f'Withdrew {item._meta.verbose_name} "{item}": review overdue.')
    return len(expired), f"{len(expired)} overdue item(s) withdrawn."


def remind_reviewers(command):
    """Tell reviewers once of each review that falls due soon or is overdue (a daily digest:
    each item is in it once per stage, however often the scheduler runs)."""
    found = services.remind_reviewers()
    count = sum(len(items) for items in found.values())
    return count, f"{count} review(s) due or overdue reported to the reviewers."


# In this order: what goes live or comes down first, then the reminders, then the mail they
# queued, so that one run sends what it decided.
JOBS = [publish_due, expire_overdue, remind_reviewers, send_mail]


class Command(BaseCommand):
    help = "Run the scheduler's jobs once: publish the scheduled items due, send queued e-mail."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Keep running the jobs every SECONDS (for development; Ctrl+C stops).",
        )

    def handle(self, *args, every=None, **options):
        if every is None:
            failed = self.run_jobs(report_idle=True)
            if failed:
                raise CommandError(f"Job(s) failed: {', '.join(failed)} (the log says why).")
            return
        if every <= 0:
            every = 1
        self.stdout.write(f"Running the scheduler every {every:g} s. Ctrl+C stops.")
        try:
            while True:
                # A process that lives for days must not keep a connection the server dropped.
                close_old_connections()
                self.run_jobs(report_idle=options["verbosity"] >= 2)
                time.sleep(every)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def run_jobs(self, *, report_idle):
        """Run every job once, each whatever happened to the one before; return the failed ones."""
        failed = []
        for job in JOBS:
            try:
                done, summary = job(self)
            except Exception:
                logger.exception("Scheduler job %s failed", job.__name__)
                failed.append(job.__name__)
                continue
            if done or report_idle:
                self.stdout.write(summary)
        return failed
