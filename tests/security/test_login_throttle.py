"""Admin login throttling (django-axes): 5 failures lock the username and the address for 15 min."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "192.0.2.10"  # documentation addresses (RFC 5737): only ever a REMOTE_ADDR value
ELSEWHERE = "198.51.100.20"
LOCKED = "Sign-in locked: too many failed attempts"


def sign_in(username, password, address=ATTACKER, **extra):
    client = Client(REMOTE_ADDR=address)
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def fail(times, username="edna", address=ATTACKER, **extra):
    for _ in range(times):
        response = sign_in(username, "wrong password", address, **extra)
    return response


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_four_failures_do_not_lock_the_account(editor):
    response = fail(4)
    assert response.status_code == 200  # the login form again, with Django's error
    assert signed_in(sign_in("edna", PASSWORD))


def test_five_failures_refuse_the_right_password_with_a_clear_message(editor):
    response = fail(5)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    response = sign_in("edna", PASSWORD)
    assert response.status_code == 429
    assert "Try again in 15 minutes" in response.content.decode()


def test_a_locked_username_is_refused_from_another_address(editor):
    fail(5)
    assert sign_in("edna", PASSWORD, address=ELSEWHERE).status_code == 429


def test_a_locked_address_is_refused_for_another_user(editor):
    """Guessing across many usernames from one address is throttled too."""
    make_user("other", role="editor")
    for username in ["a", "b", "c", "d", "e"]:
        sign_in(username, "guess")
    assert sign_in("other", PASSWORD).status_code == 429
    assert signed_in(sign_in("other", PASSWORD, address=ELSEWHERE))


def test_the_lock_out_ends_fifteen_minutes_after_the_last_attempt(editor):
    fail(5)
    start = timezone.now()
    with freeze_time(start + datetime.timedelta(minutes=16)):
        assert signed_in(sign_in("edna", PASSWORD))


def test_attempts_during_the_lock_out_restart_the_fifteen_minutes(editor):
    """Whoever keeps hammering stays locked out (axes' default, kept on purpose)."""
    fail(5)
    start = timezone.now()
    with freeze_time(start + datetime.timedelta(minutes=14)):
        assert sign_in("edna", PASSWORD).status_code == 429
    with freeze_time(start + datetime.timedelta(minutes=16)):
        assert sign_in("edna", PASSWORD).status_code == 429
    with freeze_time(start + datetime.timedelta(minutes=32)):
        assert signed_in(sign_in("edna", PASSWORD))


def test_axes_reset_unlocks_at_once(editor):
    fail(5)
    assert AccessAttempt.objects.exists()
    call_command("axes_reset", verbosity=0)
    assert signed_in(sign_in("edna", PASSWORD))


def test_axes_reset_username_unlocks_only_that_user(editor):
    fail(5, address=ELSEWHERE)
    call_command("axes_reset_username", "edna", verbosity=0)
    assert signed_in(sign_in("edna", PASSWORD))


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_throttled_and_cannot_be_spoofed(editor):
    """The proxy appends the real client address; a client-written entry to its left is ignored."""
    for n in range(5):
        sign_in(
            "x", "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {ATTACKER}"
        )
    locked = sign_in("edna", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429
    other_visitor = sign_in("edna", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert signed_in(other_visitor)


def test_test_client_login_and_force_login_still_work(client, editor):
    """Other tests sign in with Client.login()/force_login(); the throttle must not break them."""
    assert client.login(username="edna", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
