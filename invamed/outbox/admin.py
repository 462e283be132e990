"""
Outgoing e-mail in the admin, for site administrators and superusers: what was queued, whether it
went, and why not. Read-only: a record of what the site sent cannot be edited into saying something
else; the one action makes mail not yet sent due at the scheduler's next run.
"""

from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils import timezone

from invamed.admin_base import ReadOnlyAdmin

from .models import Mail


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "error", "created_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    fields = [
        "status", "attempts", "last_error", "next_attempt_at", "last_attempt_at", "sent_at",
        "created_at", "from_email", "to", "subject", "body",
    ]  # fmt: skip
    actions = ["retry"]

    def has_retry_permission(self, request):
        return request.user.has_perm("outbox.retry_mail")

    @admin.display(description="last error")
    def error(self, mail):
        return truncatechars(mail.last_error, 80)

    @admin.action(description="Send again at the scheduler's next run", permissions=["retry"])
    def retry(self, request, queryset):
        mails = list(queryset.exclude(status=Mail.Status.SENT))
        Mail.objects.filter(pk__in=[mail.pk for mail in mails]).retry(timezone.now())
        for mail in mails:
            self.log_change(request, mail, "Queued to be sent again at the next run.")
        skipped = queryset.count() - len(mails)
        message = f"{len(mails)} e-mail(s) will be sent at the scheduler's next run."
        if skipped:
            message += f" {skipped} already sent: not sent again."
        self.message_user(request, message)
