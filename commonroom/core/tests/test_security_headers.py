import re

import pytest

pytestmark = pytest.mark.django_db


def test_html_responses_carry_the_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_uses_a_fresh_nonce_and_nothing_unsafe(client):
    first = client.get("/")
    second = client.get("/")
    policy = first["Content-Security-Policy"]

    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)
    # Every script on the page carries this request's nonce...
    scripts = re.findall(r"<script[^>]*>", first.content.decode())
    assert scripts
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    # ...and no script is inline.
    assert all("src=" in tag for tag in scripts)
    # A new request gets a new nonce.
    assert f"nonce-{nonce}" not in second["Content-Security-Policy"]
