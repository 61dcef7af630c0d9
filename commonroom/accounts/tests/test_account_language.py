"""A member's language is kept on their account and follows them.

Switching while signed in keeps it; signing in (on a browser that was in
another language) puts every page, and the emails allauth sends, in it.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.organisations.tests.factories import OrganisationDomainFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _member(language=""):
    member = UserFactory(email="gwen.morgan@cardiff.gov.uk", language=language)
    return member


def _sign_in(client):
    return client.post(
        "/account/login/", {"login": "gwen.morgan@cardiff.gov.uk", "password": PASSWORD}
    )


def test_switching_language_while_signed_in_keeps_it_on_the_account(client):
    member = _member()
    client.force_login(member)

    client.get("/language/cy/?next=/help/")

    member.refresh_from_db()
    assert member.language == "cy"
    assert '<html lang="cy"' in client.get("/help/").content.decode()


def test_signing_in_puts_the_site_in_the_language_kept_on_the_account(client):
    _member(language="cy")
    # A new browser: English, no language chosen in it.
    assert "Sign in" in client.get("/account/login/").content.decode()

    response = _sign_in(client)

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "cy"
    page = client.get("/help/").content.decode()
    assert '<html lang="cy"' in page
    assert "Neidio i’r prif gynnwys" in page


def test_the_account_language_wins_over_a_browser_left_in_another(client):
    _member(language="en-gb")
    client.get("/language/cy/?next=/")  # chosen before signing in

    response = _sign_in(client)

    assert response.cookies[COOKIE].value == "en-gb"
    assert '<html lang="en-GB"' in client.get("/help/").content.decode()


def test_someone_who_never_chose_keeps_the_language_of_the_browser(client):
    member = _member()
    client.get("/language/cy/?next=/")

    response = _sign_in(client)

    assert COOKIE not in response.cookies
    assert '<html lang="cy"' in client.get("/help/").content.decode()
    member.refresh_from_db()
    assert member.language == ""


def test_every_page_follows_the_account_even_without_the_cookie(client):
    member = _member(language="cy")
    client.force_login(member)

    response = client.get("/account/")

    assert '<html lang="cy"' in response.content.decode()
    assert response["Content-Language"] == "cy"
    assert response.cookies[COOKIE].value == "cy"


def test_signing_up_in_welsh_keeps_welsh_for_later_emails(client):
    OrganisationDomainFactory(domain="cardiff.gov.uk")
    client.get("/language/cy/?next=/")

    response = client.post(
        "/account/signup/",
        {
            "email": "rhian.evans@cardiff.gov.uk",
            "full_name": "Rhian Evans",
            "organisation": "",
            "organisation_other": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="rhian.evans@cardiff.gov.uk").language == "cy"
    [message] = mail.outbox
    assert message.subject == "Commonroom: Cadarnhau eich cyfeiriad e-bost"


def test_a_password_reset_is_written_in_the_account_language(client):
    """Asked for from an English page, for a Welsh speaker's account."""
    _member(language="cy")

    client.post("/account/password/reset/", {"email": "gwen.morgan@cardiff.gov.uk"})

    [message] = mail.outbox
    assert message.subject == "Commonroom: Ailosod eich cyfrinair Commonroom"
    assert "Helo gan Commonroom," in message.body
    assert "Tîm Commonroom" in message.body
    [(html, _)] = message.alternatives
    assert '<html lang="cy">' in html
    link = next(w for w in message.body.split() if "/account/password/reset/key/" in w)
    page = client.get(urlsplit(link).path, follow=True)
    assert page.status_code == 200
    assert '<html lang="en-GB"' in page.content.decode()  # the browser's, signed out


def _allauth_emails(client, language):
    """allauth's emails as a person reading ``language`` gets them."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.all().delete()
    mail.outbox.clear()
    OrganisationDomainFactory(domain=f"{language}.gov.uk")
    client.cookies[COOKIE] = language
    signup = {
        "email": f"rhian.evans@{language}.gov.uk",
        "full_name": "Rhian Evans",
        "organisation": "",
        "organisation_other": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post("/account/signup/", signup)
    client.logout()
    client.cookies[COOKIE] = language
    client.post("/account/signup/", signup)  # the address has an account
    client.post("/account/password/reset/", {"email": signup["email"]})
    client.post("/account/password/reset/", {"email": f"nobody@{language}.gov.uk"})
    return {message.subject: message for message in mail.outbox}


def test_every_allauth_email_is_all_in_welsh_for_a_welsh_reader(client):
    from commonroom.core.testing.welsh import english_left_in, stored_values

    english = list(_allauth_emails(client, "en-gb").values())
    welsh = list(_allauth_emails(client, "cy").values())

    assert len(welsh) == len(english) == 4
    values = stored_values("rhian.evans@cy.gov.uk", "nobody@cy.gov.uk")
    for cy, en in zip(welsh, english, strict=True):
        assert cy.subject != en.subject
        text = [
            "".join(f"<p>{line}</p>" for line in (m.subject, *m.body.splitlines()))
            for m in (cy, en)
        ]
        assert english_left_in(*text, values) == [], cy.subject
        html = [m.alternatives[0][0] for m in (cy, en)]
        assert english_left_in(*html, values) == [], cy.subject
