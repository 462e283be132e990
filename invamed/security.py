"""
HTTP security headers that Django 5.2 does not set itself, and the login throttle's helpers.

Django's SecurityMiddleware already sends nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and
(in production) HSTS; XFrameOptionsMiddleware sends X-Frame-Options. This module adds the Content
Security Policy and the Permissions-Policy, on every response.

Two policies: visitors' pages run no inline script and no inline style at all (JSON-LD in
`<script type="application/ld+json">` is data, which CSP does not execute, so it needs no nonce);
the Django admin gets a separate, looser policy for what CKEditor 4 needs (inline script and
style, see ADMIN_POLICY).
"""

import functools

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.urls import reverse

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# CKEditor 4 needs inline script twice over: its toolbar buttons are inline event handlers
# (onclick="CKEDITOR.tools.callFunction(..)") and it writes an inline <script> into its editing
# iframe (about:blank, which inherits this policy) to learn when that iframe is ready; the script
# embeds a per-instance callback number, so no fixed hash can allow it. It also styles the editor
# with inline <style> and style attributes. So the admin, and only the admin, allows inline script
# and style; it still loads script from our own origin only, allows no eval, no plugins, no
# framing, no foreign form targets. In the admin, XSS is kept out by escaping and by the
# server-side sanitiser (tests/security/test_browser.py opens stored payloads there in Chromium).
# Replacing CKEditor 4 is what would let this policy drop 'unsafe-inline'.
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


@functools.cache
def admin_prefix():
    """The admin's URL prefix, resolved once: reverse() on every request costs about as much as
    answering a page from the cache."""
    return reverse("admin:index")


class SecurityHeadersMiddleware:
    """Add Content-Security-Policy and Permissions-Policy to every response.

    A view that needs a different policy sets the header itself; it is then left as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = ADMIN_POLICY if request.path.startswith(admin_prefix()) else PUBLIC_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_ip(request):
    """The visitor's address for the login throttle (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless the site runs behind `TRUSTED_PROXY_COUNT` proxies (load balancers) that
    each append to X-Forwarded-For: then the address the outermost trusted proxy saw. Entries a
    client wrote into the header itself sit further left and are ignored, so they cannot be used
    to dodge the per-address lock-out.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class RequestlessLoginBackend(AxesStandaloneBackend):
    """Axes' backend, minus its refusal of `authenticate()` calls made without a request.

    Used by the test settings only, so that Django's `Client.login()` (which calls authenticate
    with no request) keeps working; every login through a form carries a request and is
    throttled exactly as in production.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
