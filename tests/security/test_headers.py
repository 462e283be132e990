"""Security headers on every response, and the production settings that `check --deploy` audits."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from invamed.security import ADMIN_POLICY, PERMISSIONS_POLICY, PUBLIC_POLICY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_policy_allows_no_inline_script_style_or_eval():
    policy = directives(PUBLIC_POLICY)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_admin_policy_loosens_only_inline_script_and_style_for_the_editor():
    """CKEditor 4 needs inline script and style; still no eval and no foreign origins."""
    public, admin = directives(PUBLIC_POLICY), directives(ADMIN_POLICY)
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in ADMIN_POLICY
    loosened = {"script-src", "style-src"}
    assert {k: v for k, v in admin.items() if k not in loosened} == {
        k: v for k, v in public.items() if k not in loosened
    }


@pytest.mark.parametrize(
    "url",
    [
        "/", "/en/", "/tr/", "/en/invablog/", "/en/faq/", "/en/tags/", "/en/search/?q=spine",
        "/no-such-page/", "/en/invablog/nope/",
    ],
)  # fmt: skip
def test_every_public_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 404)
    assert response["Content-Security-Policy"] == PUBLIC_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_static_files_carry_the_policy_too(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_admin_responses_carry_the_admin_policy(client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == ADMIN_POLICY
    assert response["X-Frame-Options"] == "DENY"


def test_a_live_article_page_has_the_public_policy(client, live_article):
    response = client.get(live_article.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_POLICY


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_responses_carry_hsts_in_production(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_session_and_csrf_cookies_are_secure_and_session_is_httponly(client, editor):
    """Signing in to the admin sets the cookies a production browser would receive."""
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"]
    response = client.post(
        "/admin/login/",
        {"username": "edna", "password": PASSWORD, "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def run_manage(*args, **env):
    """Run manage.py in a clean environment (the test settings put their own values in ours)."""
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    environment.update(DJANGO_SETTINGS_MODULE="invamed.settings", **env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org"}


def test_check_deploy_is_clean_with_production_settings():
    """`manage.py check --deploy` under DEBUG=0 with a real-looking secret prints no warning.

    (A one-letter SECRET_KEY rightly earns security.W009; production keys are long and random.)
    """
    result = run_manage("check", "--deploy", **PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues" in output


def test_production_settings_turn_on_hsts_secure_cookies_and_https_redirect():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS)"
    )
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "DENY",
    ]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr
