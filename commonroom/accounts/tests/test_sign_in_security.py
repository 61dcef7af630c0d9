import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


@pytest.fixture
def member():

    member = UserFactory(email="gareth.jones@cardiff.gov.uk")
    return member


def sign_in(client, password):
    return client.post(
        "/account/login/",
        {"login": "gareth.jones@cardiff.gov.uk", "password": password},
    )


def test_signing_in_and_out_is_audited_without_passwords(client, member, caplog):
    caplog.set_level("DEBUG")
    assert sign_in(client, "wrong password one").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    client.post("/account/logout/")

    events = list(
        AuditEvent.objects.order_by("id").values_list(
            "action", "actor_email", "ip_address"
        )
    )
    assert events == [
        ("sign_in_failed", "gareth.jones@cardiff.gov.uk", "127.0.0.1"),
        ("sign_in", "gareth.jones@cardiff.gov.uk", "127.0.0.1"),
        ("sign_out", "gareth.jones@cardiff.gov.uk", "127.0.0.1"),
    ]
    stored = " ".join(str(v) for row in AuditEvent.objects.values_list() for v in row)
    assert "wrong password one" not in stored
    assert PASSWORD not in stored
    assert "audit sign_in_failed actor=gareth.jones@cardiff.gov.uk" in caplog.text
    assert "wrong password one" not in caplog.text
    assert PASSWORD not in caplog.text


def test_repeated_failures_are_rate_limited(client, member):
    for _ in range(5):
        response = sign_in(client, "not the password")
        assert (
            "The email address and/or password you specified are not correct."
            in response.content.decode()
        )

    blocked = sign_in(client, PASSWORD)

    assert blocked.status_code == 200
    assert (
        "Too many failed login attempts. Try again later." in blocked.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_the_limit_is_kept_in_the_shared_cache(client, member, settings):
    from django.core.cache import cache

    for _ in range(5):
        sign_in(client, "not the password")

    # Another app server (a fresh client, same cache) is blocked as well.
    from django.test import Client

    assert (
        "Too many failed login attempts" in sign_in(Client(), PASSWORD).content.decode()
    )
    cache.clear()
    assert sign_in(Client(), PASSWORD).status_code == 302
