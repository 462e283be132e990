import socket

import pytest
from aiosmtpd.controller import Controller


@pytest.fixture
def mail_server_down(settings):
    """SMTP settings pointing at a loopback port where nothing listens: connecting is refused."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound and never listening: nobody else can take the port
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = closed.getsockname()
        settings.EMAIL_TIMEOUT = 5
        yield


class Sink:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def start_smtp_sink(settings):
    """Start an SMTP server on a free loopback port and point the settings at it."""
    controllers = []

    def start():
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=5)
        controller.start()
        controllers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        return sink

    yield start
    for controller in controllers:
        controller.stop()
