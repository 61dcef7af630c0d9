"""The audit log's notes are kept in English and shown in the reader's language."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import translation

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit import details
from commonroom.audit.models import AuditEvent
from commonroom.communities.services import communities as community_services
from commonroom.communities.tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def _in(language, detail):
    with translation.override(language):
        return details.describe(detail)


@pytest.mark.parametrize("phrase", details._PHRASES, ids=lambda p: p.english)
def test_every_shape_of_note_has_welsh(phrase):
    note = phrase.note(**dict.fromkeys(details._FIELD.findall(phrase.english), "X"))

    assert _in("cy", note) != _in("en-gb", note)


def test_values_stay_as_written_and_codes_become_words():
    assert _in("cy", "approved by email domain (Cyngor Sir Powys)") == (
        "wedi’i gymeradwyo drwy barth yr e-bost (Cyngor Sir Powys)"
    )
    assert _in("cy", "visibility: restricted") == "gwelededd: Cyfyngedig"
    assert _in("en-gb", "visibility: restricted") == "visibility: Restricted"
    assert _in("cy", "from: nobody") == "oddi wrth: neb"
    assert _in("cy", "from: rhys@powys.gov.uk") == "oddi wrth: rhys@powys.gov.uk"


def test_codes_are_words_in_english_too():
    assert _in("en-gb", "totp") == "authenticator app"


def test_a_note_someone_typed_is_shown_as_they_typed_it():
    assert _in("cy", "Not a council address") == "Not a council address"
    assert _in("cy", "") == ""


def test_the_log_shows_what_the_site_wrote_in_welsh(client):
    admin = UserFactory(is_staff=True, language="cy")
    TOTP.activate(admin, generate_totp_secret())
    member = UserFactory(email="dafydd.owen@powys.gov.uk")
    client.post(
        "/account/login/", {"login": member.email, "password": "not the password"}
    )
    community = CommunityFactory(visibility="restricted", status="pending")
    community_services.approve_community(actor=admin, community=community)
    client.force_login(admin)

    page = client.get("/administration/audit/").content.decode()

    # Kept as written, in English; shown in the reader's language.
    assert set(AuditEvent.objects.values_list("detail", flat=True)) - {""} == {
        "wrong email address or password",
        "visibility: restricted",
    }
    assert '<html lang="cy"' in page
    assert "cyfeiriad e-bost neu gyfrinair anghywir" in page
    assert "gwelededd: Cyfyngedig" in page
    assert "wrong email address or password" not in page
    assert "visibility: restricted" not in page
