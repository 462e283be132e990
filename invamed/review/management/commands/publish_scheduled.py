"""
`manage.py publish_scheduled`: the scheduler's half of scheduled publication.

We decided on a command rather than deciding at request time: an item goes live by one recorded
transition ("publish_scheduled", actor "scheduler") that writes the audit record like any other,
instead of pages computing visibility from the clock. Production runs it every minute from cron
or a systemd timer; `--every 30` keeps it looping for development (`make run`).
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

from invamed.review import services
from invamed.review.models import State, reviewable_models


class Command(BaseCommand):
    help = "Publish every scheduled item whose 'publish at' time has come (articles, FAQ entries)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Keep running and look again every SECONDS (for development; Ctrl+C stops).",
        )

    def handle(self, *args, every=None, **options):
        if every is None:
            self.publish_due(report_idle=True)
            return
        if every <= 0:
            every = 1
        self.stdout.write(f"Publishing scheduled items every {every:g} s. Ctrl+C stops.")
        try:
            while True:
                # A process that lives for days must not keep a connection the server dropped.
                close_old_connections()
                self.publish_due(report_idle=options["verbosity"] >= 2)
                time.sleep(every)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def publish_due(self, *, report_idle):
        """Publish what is due now; return how many items went live."""
        now = timezone.now()
        # An empty time means "at once" (see Reviewable.publish_at), as workflow.check has it.
        due = Q(publish_at__lte=now) | Q(publish_at__isnull=True)
        published = 0
        for model in reviewable_models():
            items = model.objects.filter(due, status=State.SCHEDULED).order_by("publish_at", "pk")
            for item in items:
                try:
                    services.perform(item, "publish_scheduled", None)
                except services.TransitionRefused as refused:
                    # Changed by someone between the query and the lock: next round decides.
                    self.stderr.write(f"Skipped {model._meta.verbose_name} {item.pk}: {refused}")
                    continue
                published += 1
                scheduled = ""
                if item.publish_at:
                    scheduled = (
                        f", scheduled for {timezone.localtime(item.publish_at):%Y-%m-%d %H:%M}"
                    )
                self.stdout.write(
                    f'Published {model._meta.verbose_name} "{item}" (id {item.pk}){scheduled}.'
                )
        if published or report_idle:
            self.stdout.write(f"{published} scheduled item(s) published.")
        return published
