"""
`manage.py verify_audit_chain`: prove the audit record and what visitors see were not changed
behind the application's back.

Every audit row carries the hash of its own content and of the row before it (and the digest of
the sign-off it records), and the chain's head is kept with every row, so a row edited or removed
with SQL, a shell or a QuerySet.update() no longer fits, at the end of the record too. Then every
live version is checked against its signed snapshot: its fingerprint, each column a page renders,
its tags, references and placements, and its prepared HTML. Exits non-zero, naming the first
broken row or each version that differs, for an auditor or a CI job.
"""

from django.core.management.base import BaseCommand, CommandError

from invamed.review.models import verify_audit_chain, verify_live_versions


class Command(BaseCommand):
    help = "Check the audit record's hash chain and every live version against what was signed."

    def handle(self, *args, **options):
        count, problem = verify_audit_chain()
        if problem is not None:
            raise CommandError(f"audit chain broken after {count} intact entries: {problem}")
        self.stdout.write(f"audit chain intact: {count} entries")
        differing = verify_live_versions()
        if differing:
            lines = [
                f"{label} {pk}, live version {number}: {', '.join(fields)} no longer match the "
                "signed snapshot"
                for label, pk, number, fields in differing
            ]
            raise CommandError("\n".join(lines))
        self.stdout.write("live versions: every one shows what was signed")
