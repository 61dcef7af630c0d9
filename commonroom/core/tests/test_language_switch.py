import html as html_module
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_choosing_cymraeg_shows_the_interface_in_welsh(client):
    response = client.get("/language/cy/?next=/help/")

    assert response.status_code == 302
    assert response["Location"] == "/help/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"

    html = client.get("/help/").content.decode()
    assert '<html lang="cy"' in html
    assert "Neidio i’r prif gynnwys" in html
    assert "Cymunedau" in html
    # The switch offers English back, and marks Welsh as current.
    assert (
        '<span class="govuk-language-navigation__text" lang="cy" aria-current="true">Cymraeg</span>'
        in html
    )
    assert 'hreflang="en-gb"' in html


def test_english_is_the_default(client):
    html = client.get("/help/").content.decode()

    assert '<html lang="en-GB"' in html
    assert "Skip to main content" in html


def test_the_switch_never_redirects_to_another_site(client):
    response = client.get("/language/cy/?next=https://evil.example.com/")

    assert response["Location"] == "/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/fr/").status_code == 404


def test_switching_language_returns_to_the_whole_address_query_and_all(client):
    """A search's words and page survive the switch: the link carries the
    page's address, query and all, as one value."""
    page = client.get("/communities/?q=flood&sort=name").content.decode()
    link = html_module.unescape(
        re.search(r'href="(/language/cy/[^"]*)"[^>]*hreflang="cy"', page).group(1)
    )

    response = client.get(link)

    assert response["Location"] == "/communities/?q=flood&sort=name"
