"""
`manage.py verify_audit_chain`: prove the audit record was not changed behind the application's
back.

Every audit row carries the hash of its own content and of the row before it (and the digest of
the sign-off it records), so a row edited or removed with SQL, a shell or a QuerySet.update()
no longer fits. Exits non-zero, naming the first broken row, for an auditor or a CI job.
"""

from django.core.management.base import BaseCommand, CommandError

from invamed.review.models import verify_audit_chain


class Command(BaseCommand):
    help = "Recompute the audit record's hash chain; fail with the first row that does not fit."

    def handle(self, *args, **options):
        count, problem = verify_audit_chain()
        if problem is not None:
            raise CommandError(f"audit chain broken after {count} intact entries: {problem}")
        self.stdout.write(f"audit chain intact: {count} entries")
