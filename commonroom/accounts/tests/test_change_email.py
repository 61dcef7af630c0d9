import re

import pytest
from django.core import mail

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    leeds = OrganisationFactory(name="Leeds City Council")
    OrganisationDomainFactory(organisation=leeds, domain="leeds.gov.uk")
    bradford = OrganisationFactory(name="Bradford Council")
    OrganisationDomainFactory(organisation=bradford, domain="bradford.gov.uk")
    return leeds, bradford


def change_email(client, member, new_address):
    client.force_login(member)
    mail.outbox.clear()
    client.post("/account/email/", {"action_add": "", "email": new_address})
    [message] = mail.outbox
    assert message.to == [new_address]
    link = re.search(
        r"http://127\.0\.0\.1:8000(/account/confirm-email/[^\s]+/)", message.body
    ).group(1)
    # Until the new address is confirmed, the old one stays.
    member.refresh_from_db()
    assert member.email != new_address
    client.post(link)
    member.refresh_from_db()


@pytest.fixture
def member(councils):
    leeds, _ = councils
    member = UserFactory(email="asha.patel@leeds.gov.uk", profile__organisation=leeds)
    return member


def test_a_confirmed_new_council_address_moves_the_member(client, member, councils):
    _, bradford = councils

    change_email(client, member, "asha.patel@bradford.gov.uk")

    assert member.email == "asha.patel@bradford.gov.uk"
    assert member.is_approved
    assert member.profile.organisation == bradford
    assert AuditEvent.objects.filter(
        action="email_changed", subject_email=member.email
    ).exists()


def test_an_address_off_the_allowlist_goes_back_to_the_approval_queue(client, member):
    change_email(client, member, "asha@example.com")

    assert member.email == "asha@example.com"
    assert member.approval_status == "pending"
    assert member.requested_organisation == "Leeds City Council"
    assert client.get("/people/")["Location"] == "/account/pending/"
