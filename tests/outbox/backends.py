"""An e-mail backend for tests: a server that refuses some addresses and accepts the others."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Refuses mail to @bounce.example addresses; delivers the rest to django.core.mail.outbox."""

    def send_messages(self, messages):
        for message in messages:
            refused = [address for address in message.to if address.endswith("@bounce.example")]
            if refused:
                raise SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)
