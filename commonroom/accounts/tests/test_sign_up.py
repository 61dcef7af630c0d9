import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from commonroom.accounts.models import User
from commonroom.audit.models import AuditEvent
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def leeds():
    leeds = OrganisationFactory(name="Leeds City Council")
    OrganisationDomainFactory(organisation=leeds, domain="leeds.gov.uk")
    return leeds


def sign_up(client, **fields):
    data = {
        "full_name": "Asha Patel",
        "email": "asha.patel@leeds.gov.uk",
        "organisation": "",
        "organisation_other": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | fields
    return client.post("/account/signup/", data)


def confirmation_link(message) -> str:
    return re.search(
        r"http://127\.0\.0\.1:8000(/account/confirm-email/[^\s]+/)", message.body
    ).group(1)


def test_allowlisted_address_is_approved_linked_and_must_confirm(client, leeds):
    response = sign_up(client, email="Asha.Patel@Planning.Leeds.gov.uk")

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    user = User.objects.get()
    assert user.full_name == "Asha Patel"
    assert user.approval_status == "approved"
    assert user.profile.organisation == leeds
    assert not EmailAddress.objects.get(user=user).verified
    # Not counted (nor listed anywhere) until the address is confirmed.
    leeds.refresh_from_db()
    assert leeds.member_count == 0
    # A real email, in both parts, with a working link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asha.patel@planning.leeds.gov.uk"]
    assert message.subject == "Commonroom: Confirm your email address"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = confirmation_link(message)
    # The link is on the site's address (SITE_URL), not the request's host.
    assert f'href="http://127.0.0.1:8000{link}"' in html
    assert "testserver" not in message.body + html
    # Not signed in until the address is confirmed.
    assert client.get("/people/").status_code == 302
    confirm = client.post(link)
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/people/").status_code == 200
    leeds.refresh_from_db()
    assert leeds.member_count == 1
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[:3] == ["sign_up", "email_confirmed", "sign_in"]
    # The first confirmation is a confirmation, not a change of address.
    assert "email_changed" not in actions


def test_unknown_domain_must_say_where_they_work_and_keeps_what_was_typed(
    client, leeds
):
    response = sign_up(client, email="sam@housingcharity.org.uk", full_name="Sam Evans")

    assert response.status_code == 200
    html = response.content.decode()
    assert "choose your organisation or enter its name" in html
    assert 'value="Sam Evans"' in html
    assert 'value="sam@housingcharity.org.uk"' in html
    assert User.objects.count() == 0


def test_unknown_domain_waits_for_approval(client, leeds):
    sign_up(
        client,
        email="sam@housingcharity.org.uk",
        organisation_other="Homes for All (housing charity)",
    )

    user = User.objects.get()
    assert user.approval_status == "pending"
    assert user.requested_organisation == "Homes for All (housing charity)"
    assert user.profile.organisation is None


def test_the_organisation_typed_reaches_the_queue_after_confirming(client, leeds):
    sign_up(
        client,
        email="sam@housingcharity.org.uk",
        full_name="Sam Evans",
        organisation_other="Homes for All (housing charity)",
    )
    client.post(confirmation_link(mail.outbox[0]))

    user = User.objects.get()
    assert EmailAddress.objects.get(user=user).verified
    assert user.approval_status == "pending"
    assert user.requested_organisation == "Homes for All (housing charity)"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert "email_confirmed" in actions
    assert "email_changed" not in actions
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = User.objects.create_superuser(
        "knowledge.team@commonroom.example", PASSWORD, full_name="Knowledge Team"
    )
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    queue = client.get("/administration/sign-ups/").content.decode()
    assert "Sam Evans" in queue
    assert "Homes for All (housing charity)" in queue


def test_choosing_an_organisation_does_not_beat_the_email_domain(client, leeds):
    other = OrganisationFactory(name="Bradford Council")

    sign_up(client, organisation=str(other.pk))

    assert User.objects.get().profile.organisation == leeds


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short"),
        ("qwerty123456", "This password is too common"),
    ],
)
def test_passwords_follow_ncsc_guidance(client, leeds, password, message):
    response = sign_up(client, password1=password, password2=password)

    assert message in response.content.decode()
    assert User.objects.count() == 0


def test_a_long_password_needs_no_symbols_or_digits(client, leeds):
    sign_up(
        client,
        password1="plum orchard lantern river",
        password2="plum orchard lantern river",
    )

    assert User.objects.count() == 1


def test_password_reset_does_not_reveal_whether_an_account_exists(client, leeds):
    sign_up(client)
    mail.outbox.clear()

    known = client.post(
        "/account/password/reset/", {"email": "asha.patel@leeds.gov.uk"}
    )
    unknown = client.post("/account/password/reset/", {"email": "nobody@leeds.gov.uk"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Each address gets an email; only the real account's contains a reset link.
    assert [m.to for m in mail.outbox] == [
        ["asha.patel@leeds.gov.uk"],
        ["nobody@leeds.gov.uk"],
    ]
    assert "/account/password/reset/key/" in mail.outbox[0].body
    assert "/account/password/reset/key/" not in mail.outbox[1].body
