import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from commonroom.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pending_people_see_the_waiting_page_instead_of_the_site(client):
    client.force_login(
        UserFactory(approval_status="pending", requested_organisation="Homes for All")
    )

    for path in ["/", "/people/", "/communities/", "/search/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/pending/"

    page = client.get("/account/pending/").content.decode()
    assert "Your account is waiting for approval" in page
    assert "You cannot join communities or post yet" in page
    assert "You told us you work for Homes for All" in page
    assert client.get("/help/").status_code == 200


def test_rejected_people_see_the_reason(client):
    client.force_login(
        UserFactory(
            approval_status="rejected", rejection_reason="Not a public-sector role."
        )
    )

    page = client.get("/account/pending/").content.decode()

    assert "Your sign-up was not approved" in page
    assert "Not a public-sector role." in page


def test_approved_members_are_not_held_back(client):
    client.force_login(UserFactory())

    assert client.get("/people/").status_code == 200
    assert client.get("/account/pending/")["Location"] == "/"


def test_administrators_must_set_up_two_factor_first(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    for path in ["/administration/", "/django-admin/", "/people/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/two-factor-required/"
    # The way to set it up stays open.
    assert client.get("/account/two-factor-required/").status_code == 200
    # (allauth first asks for the password again before showing the QR code.)
    setup = client.get("/account/2fa/totp/activate/", follow=True)
    assert setup.status_code == 200
    assert setup.request["PATH_INFO"].startswith("/account/")

    TOTP.activate(admin, generate_totp_secret())

    assert client.get("/administration/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_the_django_admin_signs_in_through_commonroom(client):
    response = client.get("/django-admin/", follow=True)

    assert response.request["PATH_INFO"] == "/account/login/"
    assert "Sign in to Commonroom" in response.content.decode()


def test_last_seen_is_recorded_at_most_every_five_minutes(
    client, django_assert_num_queries
):
    member = UserFactory(last_seen_at=None)
    client.force_login(member)

    client.get("/help/")
    member.refresh_from_db()
    first = member.last_seen_at
    assert first is not None

    client.get("/help/")
    member.refresh_from_db()
    assert member.last_seen_at == first
